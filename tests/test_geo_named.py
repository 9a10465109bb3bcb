"""The geocoder's named errors and recall items, on sentences written for these tests."""

from __future__ import annotations

import pytest

from warlog.geo import build_index, find_places
from warlog.geo.gazetteer import SqliteGazetteer
from warlog.nlp import Document

COUNTRIES = ("GB", "US", "CA", "FR", "SA", "SY", "ZA", "IN", "LB")


@pytest.fixture(scope="module")
def gaz(tmp_path_factory, nlp) -> SqliteGazetteer:
    return SqliteGazetteer(
        build_index(tmp_path_factory.mktemp("named") / "gaz.sqlite", only_countries=COUNTRIES, nlp=nlp)
    )


def places(text: str, gaz) -> dict[str, tuple[str | None, str | None]]:
    return {p.name: (p.canonical, p.country) for p in find_places(Document(text), gaz)}


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a US story: the big city of the name still wins without "London, Ky." or a co-mentioned state
        ("Ohio voters chose him in May. The senator flew from Chicago to London for talks.", "London", "GB"),
        ("Fans from Dallas and Houston travelled to Manchester for the final.", "Manchester", "GB"),
        ("The Texas firm opened an office in Colchester last year.", "Colchester", "GB"),
        ("After Denver and Phoenix, the tour ends in Toronto in May.", "Toronto", "CA"),
        # the text ties the small one to its state
        ("The fire destroyed a barn in London, Ky., on Monday.", "London", "US"),
        ("Police in Springfield, Ill., arrested two men.", "Springfield", "US"),
        ("Toronto, Ontario, and Vancouver were named.", "Toronto", "CA"),
    ],
)
def test_city_of_the_name(gaz, text, name, country):
    assert places(text, gaz)[name][1] == country


def test_middle_east_is_the_region(gaz):
    got = places("Oil prices rose on fears of a wider war in the Middle East, analysts in Houston said.", gaz)
    assert got["Middle East"] == ("Middle East", None)


def test_quarter_of_a_city_is_not_a_french_village(gaz):
    got = places("The parade wound through the Faubourg Marigny before reaching Royal Street.", gaz)
    assert "Marigny" not in got
    assert got["Faubourg Marigny"] == (None, None)
    assert got["Royal Street"] == (None, None)


def test_nabek_in_qalamoun(gaz):
    got = places("Syrian troops shelled Nabek and Yabroud in the Qalamoun mountains.", gaz)
    assert got["Nabek"] == ("An Nabk", "SY")


@pytest.mark.parametrize(
    ("text", "name", "canonical"),
    [
        ("Floods hit Gauteng and the Western Cape on Sunday.", "Gauteng", "Gauteng"),
        ("Farmers in Maharashtra protested again.", "Maharashtra", "Maharashtra"),
        ("Wildfires burned near Santa Rosa, Calif., overnight.", "Calif", "California"),
        ("A crash near Albuquerque, N.M., killed two.", "N.M.", "New Mexico"),
        ("Ferries from Vancouver, BC, were cancelled.", "BC", "British Columbia"),
        ("The ship sank in the Atlantic Ocean.", "Atlantic Ocean", "Atlantic Ocean"),
        ("Patrols in the Mediterranean rescued 40 people.", "Mediterranean", "Mediterranean Sea"),
        ("Drought has struck Southeast Asia.", "Southeast Asia", "Southeast Asia"),
    ],
)
def test_divisions_abbreviations_seas_regions(gaz, text, name, canonical):
    assert places(text, gaz)[name][0] == canonical


def test_lookup_ranks_with_reasons(gaz):
    from warlog.geo import explain

    got = explain("Nabek", gaz)
    assert (got[0]["name"], got[0]["country"]) == ("An Nabk", "SY")
    assert got[0]["score"] > got[1]["score"] and got[0]["reasons"]
    assert explain("Calif.", gaz)[0]["name"] == "California"
    assert explain("Middle East", gaz)[0]["country"] is None
