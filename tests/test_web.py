"""The web view: one HTML page with a map, a timeline and each event's sources side by side."""

from warlog.model import Claim, DateValue, Event, Fatalities, FusedEvent, PlaceMention
from warlog.web import render_page


def _event() -> FusedEvent:
    place = PlaceMention("Tallat Moussa", 0, 13, lat=33.96, lon=36.44, country="SY", precision=1)
    mentions = [
        Event(
            "a-e1", "Battles", "Government regains territory", article="a.txt", evidence="Hezbollah captured the hill"
        ),
        Event(
            "b-e2", "Battles", "Government regains territory", article="b.txt", evidence="the Resistance took <Tallat>"
        ),
    ]
    claims = [
        Claim("killed", "Hezbollah", 4, 4, "Hezbollah commander", article="a.txt", number_text="4"),
        Claim("killed", "Hezbollah", 12, None, "opposition media", article="b.txt", number_text="dozens"),
    ]
    return FusedEvent(
        id="F1",
        event_type="Battles",
        sub_event_type="Government regains territory",
        date=DateValue("2015-05-12"),
        location=place,
        actor1=["Hezbollah"],
        mentions=mentions,
        articles=["a.txt", "b.txt"],
        claims=claims,
        fatalities=Fatalities(4, 4, 12),
        contradictions=["Hezbollah killed: 4 (Hezbollah commander) vs at least 12 (opposition media)"],
    )


def test_page_has_map_timeline_and_sources():
    undated = FusedEvent("F2", "Protests", "Peaceful protest", date=None, location=None, articles=["c.txt"])
    page = render_page([undated, _event()], title="Qalamoun & Arsal")
    assert page.startswith("<!doctype html>")
    assert "warlog: Qalamoun &amp; Arsal" in page
    assert page.count("<circle") == 1  # the undated, unplaced protest has no point
    assert 'href="#F1"' in page and 'id="F1"' in page
    assert "2 events from 3 articles; 1 with sources that disagree" in page
    assert "vs at least 12 (opposition media)" in page
    assert page.index('id="F1"') < page.index('id="F2"')  # dated before undated
    assert "the Resistance took &lt;Tallat&gt;" in page  # evidence is escaped
    assert "<h4>a.txt</h4>" in page and "<h4>b.txt</h4>" in page
    assert "dozens <em>(opposition media)</em>" in page
    assert "4 / 4 / 12" in page


def test_page_without_coordinates_says_so():
    assert "No event has coordinates." in render_page([])
