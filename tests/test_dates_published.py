"""Publication dates from metadata and from the text; expected values written by hand."""

import pytest

from warlog.dates import publication_date
from warlog.model import Article


def pub(text, raw=None):
    return publication_date(Article(id="t.txt", text=text, published_raw=raw))


@pytest.mark.parametrize(
    ("text", "date", "method"),
    [
        (
            "Sunday, 24 May 2015\n\n2015 Qalamoun Offensive\n\nOn 4 May, Nusra Front launched an attack.",
            "2015-05-24",
            "byline",
        ),
        ("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO.", "2017-04-05", "first-line"),
        ("Published Friday, October 10, 2014\nAt least 10 people were killed on Friday.", "2014-10-10", "published"),
        ("Date of publication 5 July 2016 The bomber was on a motorcycle.", "2016-07-05", "published"),
        ("Posted on April 4 2017 by a staff writer. 58 killed in a gas attack.", "2017-04-04", "published"),
        (
            "Weapons flow to Syria's next battlefront\n\nNicholas Blanford, Correspondent /\nOctober 18, 2013\n\n"
            "Opposing sides are girding for a new battlefront.",
            "2013-10-18",
            "byline",
        ),
        ("BEIRUT, Oct 19, 2013 (Reuters) - Syrian troops shelled the town on Saturday.", "2013-10-19", "dateline"),
        (
            "BEIRUT, Oct 19 (Reuters) - Syrian troops shelled the town, held by rebels since August 2013.",
            "2013-10-19",
            "dateline",
        ),
        ("18.10.2014Get short URL The coalition's airstrikes killed 10 civilians.", "2014-10-18", "first-line"),
        ("Syrian Army Kills Dozens in Ambush Middle East 07-08-2013 0147 PM A Syrian army unit", "2013-08-07", "head"),
    ],
)
def test_publication_date_from_text(text, date, method):
    v = pub(text)
    assert (v.start, v.precision, v.method) == (date, "day", method)


def test_article_byline_beats_repost_date():
    text = (
        "Video from tonight 10/19/2013. This is a decisive battle.\n\n"
        "Nicholas Blanford, Correspondent /\nOctober 18, 2013\n\n"
        "Opposing sides in Syria are girding for a new front.\n\n"
        "Added: Oct-19-2013 Occurred On: Oct-19-2013\nBy: someone"
    )
    v = pub(text)
    assert (v.start, v.method) == ("2013-10-18", "byline")


def test_repost_date_when_nothing_else():
    v = pub("Rebels say the battle has begun.\n\nAdded: Oct-19-2013 Occurred On: Oct-19-2013")
    assert (v.start, v.method) == ("2013-10-19", "repost")


def test_published_raw_column_mdy():
    v = pub("Some text without a date.", raw="4/5/17")
    assert (v.start, v.precision, v.method) == ("2017-04-05", "day", "column")


def test_published_raw_meta_iso_timestamp():
    v = pub("Some text.", raw="2015-05-24T08:30:00+03:00")
    assert (v.start, v.precision, v.method) == ("2015-05-24", "day", "meta")


def test_published_raw_beats_text():
    v = pub("Sunday, 24 May 2015\n\nText.", raw="May 25, 2015")
    assert (v.start, v.method) == ("2015-05-25", "meta")


def test_inferred_month_from_latest_date_and_weekday():
    v = pub("Rebels captured the town on 4 May 2015. On Tuesday, the army hit back with air strikes.")
    assert (v.start, v.end, v.precision, v.method) == ("2015-05-01", "2015-05-31", "month", "inferred")


def test_inferred_year_without_weekday():
    v = pub("The truce agreed in March 2014 collapsed, and the town was shelled again.")
    assert (v.start, v.precision, v.method) == ("2014-01-01", "year", "inferred")


def test_no_date_at_all():
    assert pub("Rebels shelled the town and the army answered with air strikes.") is None
    assert pub("") is None


def test_byline_with_author_and_bar():
    v = pub("Resistance fighters liberate a peak\n\nBy Ali Nasreddine | 13 May 2015\n\nQALAMOON, Syria — text.")
    assert (v.start, v.method) == ("2015-05-13", "byline")


def test_dateline_with_outlet_not_in_the_agency_list():
    v = pub("ARSAL, Lebanon, May 14 (Levant Post) - Gunmen kidnapped two soldiers. The cordon dates from March 2015.")
    assert (v.start, v.precision, v.method) == ("2015-05-14", "day", "dateline")


def test_dateline_without_any_year_gives_nothing():
    assert pub("BEIRUT, Oct 19 (Reuters) - Syrian troops shelled the town on Saturday.") is None


def test_table_row_date_is_a_column():
    a = Article(id="r1", text="Barrel bombs hit the town.", published_raw="2015-05-13", source="wire.csv#1")
    v = publication_date(a)
    assert (v.start, v.method) == ("2015-05-13", "column")


def test_inferred_month_needs_a_full_day():
    # the latest date told is a month only: the article's year at most
    v = pub("Rebels have held the town since August 2014. On Tuesday the army shelled it again.")
    assert (v.start, v.precision, v.method) == ("2014-01-01", "year", "inferred")


@pytest.mark.parametrize(
    ("raw", "start", "precision"),
    [
        ("Sat, 24 May 2015 10:00:00 GMT", "2015-05-24", "day"),
        ("20150524", "2015-05-24", "day"),
        ("May 24, 2015 at 10:32 AM EDT", "2015-05-24", "day"),
        ("24/05/2015", "2015-05-24", "day"),
        ("May 2015", "2015-05-01", "month"),
    ],
)
def test_published_raw_formats(raw, start, precision):
    v = pub("Text without any date.", raw=raw)
    assert (v.start, v.precision) == (start, precision)


def test_published_raw_unreadable_falls_back_to_text():
    v = pub("Sunday, 24 May 2015\n\nText.", raw="yesterday")
    assert (v.start, v.method) == ("2015-05-24", "byline")
