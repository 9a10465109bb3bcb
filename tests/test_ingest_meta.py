"""Bylines, datelines, date lines and headings read from an article's first lines."""

from __future__ import annotations

import pytest

from warlog.ingest import meta


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("BEIRUT (AP) — Militants attacked army posts", "AP"),
        ("(Reuters) - Hezbollah said on Tuesday", "Reuters"),
        ("ARSAL, Lebanon (AFP) -- Gunmen kidnapped", "AFP"),
        ("AFP | Beirut", "AFP"),
        ("BEIRUT, May 13 (Cedar Wire) — Hezbollah fighters", "Cedar Wire"),
        ("ERSAL (Levant Post) - The army", "Levant Post"),
        ("UN (United Nations) - The council met", None),
        ("DAESH (ISIS) - The group", None),
        ("Hezbollah (the Party of God) - a profile", None),
        ("In Arsal (Lebanon) - residents", None),
        ("Hezbollah fighters captured the hilltop of Tallat Moussa on Tuesday.", None),
    ],
)
def test_dateline_outlet(line, outlet):
    assert meta.dateline_outlet(line) == outlet


@pytest.mark.parametrize(
    ("line", "author", "outlet"),
    [
        ("By Jane Doe", "Jane Doe", None),
        ("BY JANE DOE", "JANE DOE", None),
        ("By: Rami Haddad and Sara al-Masri, Reuters", "Rami Haddad and Sara al-Masri", "Reuters"),
        ("By Omar Haddad, Associated Press", "Omar Haddad", "Associated Press"),
        ("By Maya Khoury, Staff Writer", "Maya Khoury", None),
        ("By Ali Nasreddine | 13 May 2015", "Ali Nasreddine", None),
        ("Nicholas Blanford, Correspondent /", "Nicholas Blanford", None),
        ("Jane Doe | AFP", "Jane Doe", "AFP"),
        ("By: nutsflipped", None, None),
        ("By the next day rebels had captured several positions.", None, None),
        ("By Tuesday Night the army had withdrawn", None, None),
        ("Hezbollah, Syrian Army / twitter", None, None),
    ],
)
def test_byline(line, author, outlet):
    b = meta.parse_byline(line)
    assert (b.author if b else None, b.outlet if b else None) == (author, outlet)


@pytest.mark.parametrize(
    ("line", "is_date"),
    [
        ("Sunday, 24 May 2015", True),
        ("October 18, 2013", True),
        ("10/19/2013", True),
        ("Updated: 12 June 2014 14:05 GMT", True),
        ("May Day", False),
        ("2015 Qalamoun Offensive", False),
        ("On 4 May, rebels attacked.", False),
    ],
)
def test_date_line(line, is_date):
    assert meta.is_date_line(line) is is_date


def test_title_from_text():
    assert meta.title_from_text("Sunday, 24 May 2015\n\n2015 Qalamoun Offensive\n\nOn 4 May, rebels attacked.") == (
        "2015 Qalamoun Offensive"
    )
    assert meta.title_from_text("By Jane Doe\n\nRebels attacked.") is None
    assert meta.title_from_text("BEIRUT (AP) — Rebels attacked army posts\nnear Arsal.") is None
    assert meta.title_from_text("Army shells hills, rebels say.\n\nMore text.") is None


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Rebels shelled Hermel.\n\n(Reporting by Tom Perry in Beirut; Editing by Ed Osmond)", "Tom Perry"),
        (
            "Rebels shelled Hermel.\n(Reporting by Laila Bassam and Tom Perry; Writing by Sami Aboudi)",
            "Laila Bassam and Tom Perry",
        ),
        ("Rebels shelled Hermel.\n(Additional reporting by Suleiman Khalidi in Amman)", None),
        ("The reporting by state media of the clashes near Arsal was wrong.", None),
    ],
)
def test_wire_credit_author(text, author):
    assert meta.credit_author(text) == author


@pytest.mark.parametrize(
    "line, outlet",
    [
        ("The Litani Courier", "The Litani Courier"),
        ("Euphrates Evening News", "Euphrates Evening News"),
        ("Hama Watch - 3 March 2016", "Hama Watch"),
        ("Hama Watch - the war goes on", None),
        ("Rebels shell the Courier", None),
        ("Sunday, 24 May 2015", None),
        ("2015 Qalamoun Offensive", None),
    ],
)
def test_masthead_names_the_outlet(line, outlet):
    assert meta.masthead_outlet(line) == outlet


def test_masthead_is_the_outlet_and_not_the_title():
    text = "The Litani Courier\nTuesday, 11 October 2016\n\nTwo soldiers killed near Arsal\n\nTwo soldiers were killed on Monday."
    assert meta.outlet_from_text(text) == "The Litani Courier"
    assert meta.title_from_text(text) == "Two soldiers killed near Arsal"
