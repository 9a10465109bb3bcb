"""The bundled examples/ folder loads cleanly, with the metadata each file was written to show."""

from __future__ import annotations

from pathlib import Path

from warlog.ingest import load
from warlog.model import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_examples_load_without_errors_or_duplicates():
    items = list(load([EXAMPLES]))
    assert all(isinstance(i, Article) for i in items), items
    assert [a.id for a in items] == [
        "01_cedar-wire_tallat-moussa.txt",
        "02_al-muqawama-daily_tallet-moussa.txt",
        "03_qalamoun-voice_dozens-killed.html",
        "04_bekaa-observer_ersal-soldiers.txt",
        "lp-2015-05-13-yabroud",
        "cw-2015-05-15-arsal",
        "lp-2015-05-16-funerals",
    ]
    for a in items:
        assert 150 <= len(a.text.split()) <= 400, a.id


def test_examples_metadata():
    arts = {a.id: a for a in load([EXAMPLES])}
    wire = arts["01_cedar-wire_tallat-moussa.txt"]
    assert (wire.title, wire.outlet, wire.author) == (
        "Hezbollah seizes Qalamoun hilltop as border fighting intensifies",
        "Cedar Wire",
        None,
    )
    side = arts["02_al-muqawama-daily_tallet-moussa.txt"]
    assert (side.outlet, side.author) == ("Al-Muqawama Daily", "Ali Nasreddine")
    page = arts["03_qalamoun-voice_dozens-killed.html"]
    assert page.published_raw == "2015-05-14T09:30:00+03:00"
    assert (page.outlet, page.author) == ("Qalamoun Voice", "Yusuf al-Qalamouni")
    lebanon = arts["04_bekaa-observer_ersal-soldiers.txt"]
    assert (lebanon.title, lebanon.author, lebanon.outlet) == (
        "Two soldiers kidnapped near Ersal as army tightens border cordon",
        "Maya Khoury",
        None,
    )
    row = arts["cw-2015-05-15-arsal"]
    assert (row.published_raw, row.outlet, row.source) == (
        "2015-05-15",
        "Cedar Wire",
        "examples/05_wire-digest.csv#2",  # relative: readings never hold the machine's absolute path
    )


def test_example_page_boilerplate_goes_and_prose_stays():
    page = next(a for a in load([EXAMPLES / "03_qalamoun-voice_dozens-killed.html"]))
    for junk in ("Loading the player", "Embed Code", "Leave a Reply", "Tags:", "Facebook", "About us", "Privacy", "©"):
        assert junk not in page.text
    assert "On Wednesday, regime helicopters dropped six barrel bombs on Yabroud and the farms around it" in page.text
    assert page.text.endswith("after rockets fired from Syria fell near the town on Wednesday, residents said.")
