"""Exports: headers people already use and one row each (hand-checked values)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_store import add, make, three

from warlog.export import ACLED_COLUMNS, FORMATS, UCDP_COLUMNS, export, priogrid_gid
from warlog.model import Event
from warlog.store import open_store


@pytest.fixture
def store(tmp_path):
    st = open_store(tmp_path / "e.db")
    for a, r in three():
        add(st, a, r)
    # an event without a place
    a, r = make("d.txt", "Clashes somewhere near Homs.", "2016-02-01", None, None, ["ISIS"], ["YPG"])
    r.events = [
        Event(
            id="e1",
            event_type="Battles",
            sub_event_type="Armed clash",
            date=r.events[0].date,
            actor1=["ISIS"],
            actor2=["YPG"],
            article="d.txt",
        )
    ]
    add(st, a, r)
    yield st
    st.close()


# The published column lists, typed from the codebooks (not from warlog's constants):
# ACLED Codebook 2023, "ACLED data columns" (the API / export tool CSV header).
ACLED_2023 = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
# UCDP GED Codebook version 23.1, section 3, in its order.
UCDP_GED_23_1 = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_new_id",
    "conflict_name",
    "dyad_new_id",
    "dyad_name",
    "side_a_new_id",
    "gwno_a",
    "side_a",
    "side_b_new_id",
    "gwno_b",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
]


def test_columns_are_the_codebooks_to_the_letter():
    assert ACLED_COLUMNS == ACLED_2023
    assert UCDP_COLUMNS == UCDP_GED_23_1


def run(store, fmt):
    buf = io.StringIO()
    n = export(store, fmt, buf)
    return n, buf.getvalue()


def test_acled_csv(store):
    n, text = run(store, "acled-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == 2 and len(rows) == 2
    assert text.splitlines()[0].split(",")[:8] == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
    ]
    assert list(rows[0].keys()) == list(ACLED_COLUMNS) and len(ACLED_COLUMNS) == 31
    r = rows[0]
    assert r["event_id_cnty"].startswith("SYR-F")
    assert (r["event_date"], r["year"], r["time_precision"]) == ("2015-05-13", "2015", "1")
    assert (r["disorder_type"], r["event_type"]) == ("Political violence", "Battles")
    assert (r["actor1"], r["inter1"], r["actor2"], r["inter2"], r["interaction"]) == (
        "Hezbollah",
        "3",
        "Jaysh al-Fateh",
        "2",
        "23",
    )
    assert (r["iso"], r["country"], r["admin1"], r["location"]) == ("760", "Syria", "Rif Dimashq", "Tallat Mussa")
    assert r["region"] == "Middle East"
    assert (r["latitude"], r["longitude"], r["geo_precision"]) == ("33.93", "36.43", "1")
    assert r["source"] == "AFP; Al-Manar; Orient News"
    assert r["fatalities"] == "13"
    assert "13 (Nasrallah) vs up to 120 (opposition media)" in r["notes"]
    assert r["tags"] == "sources disagree"
    assert int(r["timestamp"]) > 1_700_000_000
    assert rows[1]["location"] == "" and rows[1]["fatalities"] == "0"


def test_ucdp_csv(store):
    n, text = run(store, "ucdp-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == 2 and list(rows[0].keys()) == UCDP_GED_23_1
    r = rows[0]
    assert (r["low"], r["best"], r["high"]) == ("13", "18", "120")
    assert (r["side_a"], r["side_b"], r["deaths_a"], r["deaths_b"]) == ("Hezbollah", "Jaysh al-Fateh", "18", "0")
    assert r["type_of_violence"] == "2"  # no state actor among the sides
    assert r["number_of_sources"] == "3" and r["event_clarity"] == "2"
    assert r["geom_wkt"] == "POINT (36.43 33.93)"
    assert r["priogrid_gid"] == "178273"
    assert (r["date_prec"], r["date_start"], r["date_end"]) == ("1", "2015-05-13", "2015-05-13")
    assert r["source_office"] == "AFP; Al-Manar; Orient News"
    assert r["source_original"] == "Nasrallah; SOHR; opposition media"
    assert (r["region"], r["country"], r["country_id"]) == ("Middle East", "Syria", "652")


def test_regions():
    from warlog.export.core import acled_region, ucdp_region

    assert acled_region("LB") == "Middle East" and acled_region("ML") == "Western Africa"
    assert acled_region("FR") == "Europe" and acled_region(None) == ""
    assert ucdp_region("SY") == "Middle East" and ucdp_region("ML") == "Africa" and ucdp_region("CO") == "Americas"


def test_priogrid():
    assert priogrid_gid(-90, -180) == 1
    assert priogrid_gid(-89.9, -179.4) == 2
    assert priogrid_gid(-89.4, -180) == 721


def test_geojson(store):
    n, text = run(store, "geojson")
    doc = json.loads(text)
    assert n == 1 and doc["type"] == "FeatureCollection"
    assert doc["events_without_coordinates"] == 1 and len(doc["unlocated_event_ids"]) == 1
    [feat] = doc["features"]
    assert feat["type"] == "Feature" and feat["geometry"] == {"type": "Point", "coordinates": [36.43, 33.93]}
    p = feat["properties"]
    assert p["fatalities"] == {"low": 13, "best": 18, "high": 120}
    assert p["sources"] == ["AFP", "Al-Manar", "Orient News"]
    for f in doc["features"]:  # valid GeoJSON points: [lon, lat] in range
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_events_json(store):
    n, text = run(store, "events-json")
    events = json.loads(text)
    assert n == 2 and len(events) == 2
    e = events[0]
    assert e["articles"] == ["a.txt", "b.txt", "c.txt"]
    assert len(e["claims"]) == 3 and e["fatalities"] == {"low": 13, "best": 18, "high": 120}
    assert e["note"].startswith("Hezbollah killed: 13 (Nasrallah) vs up to 120 (opposition media); 18 (SOHR)")
    assert any("vs up to 120" in c for c in e["contradictions"])


def test_jsonl_and_claims_csv(store):
    n, text = run(store, "jsonl")
    lines = text.splitlines()
    assert n == 4 and json.loads(lines[0]) == three()[0][1].to_dict()
    n, text = run(store, "claims-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == 3
    r = rows[0]
    assert (r["article"], r["event"], r["kind"], r["subject"], r["low"], r["high"], r["claimant"]) == (
        "a.txt",
        "e1",
        "killed",
        "Hezbollah",
        "13",
        "13",
        "Nasrallah",
    )
    assert (r["start"], r["end"]) == ("1", "3") and r["fused_event"].startswith("F")
    assert rows[1]["low"] == "" and rows[1]["high"] == "120"


def test_unknown_format(store):
    assert set(FORMATS) == {"acled-csv", "ucdp-csv", "geojson", "events-json", "jsonl", "claims-csv", "html"}
    with pytest.raises(ValueError):
        export(store, "xls", io.StringIO())
