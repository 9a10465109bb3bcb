"""Publication dates from metadata and from the text; expected values written by hand."""

import pytest

from warlog.dates import publication_date
from warlog.dates.published import lower_bound
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


@pytest.mark.parametrize(
    "text",
    [
        "Rebels captured the town on 4 May 2015. On Tuesday, the army hit back with air strikes.",
        "The truce agreed in March 2014 collapsed, and the town was shelled again.",
        "Rebels have held the town since August 2014. On Tuesday the army shelled it again.",
        "The two aid workers were kidnapped near the border in August 2014 and are still held.",
        "The militia has held the valley since 2013; on Tuesday morning it shelled the road.",
    ],
)
def test_dates_in_the_body_are_never_the_publication_date(text):
    # the body tells of earlier events; nothing says when the article itself was written
    assert pub(text) is None


def test_lower_bound_is_the_latest_past_date_told():
    v = lower_bound("The siege began in March 2014. The town fell on 4 June 2014; talks are due on 9 July 2014.")
    assert (v.start, v.method) == ("2014-06-04", "lower-bound")


def test_byline_weekday_fixes_the_year_after_the_bound():
    # 14 October fell on a Monday in 2013 (and not in 2014 to 2018)
    text = "Monday, 14 October\n\nThe army has shelled the valley since the spring of 2013 and since 2012."
    v = pub(text)
    assert (v.start, v.precision, v.method) == ("2013-10-14", "day", "weekday-year")


def test_byline_weekday_that_fits_no_year_gives_nothing():
    # 15 October 2013 was a Tuesday: a "Monday, 15 October" after 2013 first falls in 2018, too far
    assert pub("Monday, 15 October\n\nThe town has been besieged since 2013.") is None


def test_wire_date_line_inside_the_head():
    text = (
        "Eight killed as shells hit a market Monitor AFP Friday 24 Oct 2014 At least eight people died on 3 May 2014."
    )
    v = pub(text)
    assert (v.start, v.precision, v.method) == ("2014-10-24", "day", "wire")


def test_yearless_dateline_after_the_latest_event_told():
    text = "BEIRUT, Oct 19 (Reuters) - Troops shelled the town, held by rebels since 4 August 2013."
    v = pub(text)
    assert (v.start, v.method) == ("2013-10-19", "dateline")


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


def test_html_without_date_metadata_gets_no_date_from_its_body(tmp_path):
    """A page with no date metadata is not dated from body text ('since 2013')."""
    from warlog.ingest import load
    from warlog.model import Article
    from warlog.pipeline import Reader

    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Shelling hits Homs</title></head><body><article>"
        "<p>Government forces shelled the Waer district of Homs on Tuesday, residents said.</p>"
        "<p>The district has been besieged since 2013 and its residents rely on aid convoys.</p>"
        "<p>Activists said three people were wounded in the shelling of the district.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (article,) = [a for a in load([page]) if isinstance(a, Article)]
    assert article.published_raw is None
    reading = Reader.default().read(article)
    assert reading.published is None or reading.published.precision != "day"
    assert any("publication date" in w for w in reading.warnings)
