"""Outlet detection from datelines and credits: one table row per rule, texts written for the tests."""

import pytest

from warlog.ingest.outlet import OUTLET_RULES, detect

CASES = [
    # (text, title, outlet, rule)
    ("HOMS (Reuters) - Two car bombs exploded near a market on Friday.", None, "Reuters", "dateline"),
    ("BEIRUT, Lebanon (AP) -- Shelling hit the old city overnight.", None, "AP", "dateline"),
    ("(AFP) - Fighting resumed in the hills on Monday.", None, "AFP", "dateline"),
    ("ALEPPO (Sputnik) — The army said it repelled an attack.", None, "Sputnik", "dateline"),
    ("Hama, SANA - Army units destroyed a tunnel used by terrorists.", None, "SANA", "place_agency_dash"),
    ("Homs SANA-Terrorists fired shells at a school.", None, "SANA", "place_agency_dash"),
    ("3 March 2017 SANA Army units restored security to two villages.", None, "SANA", "agency_after_date"),
    ("Clashes went on into the night near the airport.\n- REUTERS", None, "Reuters", "tail_credit"),
    (
        "Clashes went on near the airport. (Source: Syrian Coalition's Media Office)",
        None,
        "Syrian Coalition",
        "tail_credit",
    ),
    ("Clashes went on near the airport. Source TRTWorld and agencies", None, "TRT World", "tail_credit"),
    ("Clashes went on near the airport. (Source: Levant Monitor Group)", None, "Levant Monitor Group", "tail_credit"),
    ("Shelling hit the town. AFP Thursday 2 Jul 2015 At least nine people died.", None, "AFP", "agency_before_date"),
    (
        "Clashes went on near the airport. " * 14
        + "Source AA Related News "
        + "Ten die in a blast near the port. " * 12,
        None,
        "Anadolu Agency",
        "source_credit",
    ),
    ("Clashes went on near the airport.", "Clashes near the airport | Jordan Times", "Jordan Times", "title_suffix"),
    ("Clashes went on near the airport.", "Clashes near the airport - Levant Times", "Levant Times", "title_suffix"),
    ("Daily Sabah\nClashes went on near the airport.", None, "Daily Sabah", "header_name"),
    # the one known outlet sources speak to gathered the report (wire copy without its dateline)
    ("A Syrian army source told Reuters that the army held the hill.", None, "Reuters", "interviewed_by"),
    ("Speaking to AFP on Monday the governor said the road was shut.", None, "AFP", "interviewed_by"),
    ("A Reuters correspondent saw shells hit the old market.", None, "Reuters", "interviewed_by"),
]


@pytest.mark.parametrize("text,title,outlet,rule", CASES)
def test_outlet_rules(text, title, outlet, rule):
    m = detect(text, title)
    assert m is not None
    assert (m.name, m.rule) == (outlet, rule)


NOT_OUTLETS = [
    # a source the article cites is not its outlet
    "The official Syrian Arab News Agency (SANA) said five people were killed.",
    "A Syrian army source told Sputnik that the army held the hill.",
    "A SANA reporter said shells hit the old market.",  # national agencies' copy is reposted word for word
    "Fighting went on, Reuters reported, and the road stayed closed.",
    "Three people were killed in the blast, the monitor said.",
    # two outlets that sources speak to: neither is read as the article's own
    "A commander told Reuters the hill fell; a medic told AFP that six died.",
    # a title whose last part is not a site
    "",
]


@pytest.mark.parametrize("text", NOT_OUTLETS)
def test_cited_sources_are_not_outlets(text):
    assert detect(text, "Rebels shell the city - again") is None


def test_rules_are_named_in_order():
    names = [r.__name__.lstrip("_") for r in OUTLET_RULES]
    assert names[0] == "dateline" and "tail_credit" in names


def test_loader_fills_outlet_from_a_dateline(tmp_path):
    from warlog.ingest import load

    f = tmp_path / "wire.txt"
    f.write_text("Shelling kills four\n\nHOMS (Reuters) - Shelling killed four people on Friday.\n", encoding="utf-8")
    arts = [a for a in load([f]) if hasattr(a, "outlet")]
    assert arts and arts[0].outlet == "Reuters"
