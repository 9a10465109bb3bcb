"""Date expressions resolved against a fixed base date; every expected value written by hand.

Base: Sunday 24 May 2015 (the first seed's publication date). In May 2015 the 1st is a Friday,
so Monday is the 18th, Tuesday the 19th, ..., Saturday the 23rd; "last week" (Monday to Sunday)
is 11-17 May.
"""

from datetime import date

import pytest

from warlog.dates import is_future, resolve

BASE = date(2015, 5, 24)

# expression, start, end, precision
TABLE = [
    # weekdays: the most recent on or before the base
    ("Tuesday", "2015-05-19", "2015-05-19", "day"),
    ("on Monday morning", "2015-05-18", "2015-05-18", "day"),
    ("midday Tuesday", "2015-05-19", "2015-05-19", "day"),
    ("late on Wednesday", "2015-05-20", "2015-05-20", "day"),
    ("Friday night", "2015-05-22", "2015-05-22", "day"),
    ("on Sunday", "2015-05-24", "2015-05-24", "day"),
    ("last Sunday", "2015-05-17", "2015-05-17", "day"),
    ("since Monday morning", "2015-05-18", "2015-05-24", "day"),
    # days around the base
    ("yesterday", "2015-05-23", "2015-05-23", "day"),
    ("today", "2015-05-24", "2015-05-24", "day"),
    ("the day before yesterday", "2015-05-22", "2015-05-22", "day"),
    ("last night", "2015-05-23", "2015-05-24", "day"),
    ("three days ago", "2015-05-21", "2015-05-21", "day"),
    ("in the last 48 hours", "2015-05-22", "2015-05-24", "day"),
    # weeks
    ("last week", "2015-05-11", "2015-05-17", "week"),
    ("earlier this week", "2015-05-18", "2015-05-24", "week"),
    ("in the past three weeks", "2015-05-03", "2015-05-24", "week"),
    ("two weeks ago", "2015-05-07", "2015-05-13", "week"),
    # months
    ("last February", "2015-02-01", "2015-02-28", "month"),
    ("last month", "2015-04-01", "2015-04-30", "month"),
    ("in early May", "2015-05-01", "2015-05-10", "month"),
    ("In early May", "2015-05-01", "2015-05-10", "month"),
    ("mid-May 2014", "2014-05-11", "2014-05-20", "month"),
    ("in late April", "2015-04-21", "2015-04-30", "month"),
    ("in August", "2014-08-01", "2014-08-31", "month"),  # 1 Aug 2015 is more than 60 days ahead
    ("in August 2014", "2014-08-01", "2014-08-31", "month"),
    ("May 2015", "2015-05-01", "2015-05-31", "month"),
    ("a few months ago", "2015-01-01", "2015-03-31", "month"),
    ("recently", "2015-05-01", "2015-05-24", "month"),
    # seasons (northern hemisphere; winter is December to February)
    ("earlier in the spring", "2015-03-01", "2015-05-24", "season"),
    ("last summer", "2014-06-01", "2014-08-31", "season"),
    ("since the start of last summer", "2014-06-01", "2015-05-24", "season"),
    ("the summer of 2013", "2013-06-01", "2013-08-31", "season"),
    ("in winter 2014", "2013-12-01", "2014-02-28", "season"),
    ("in recent months", "2015-02-01", "2015-05-24", "season"),
    # years
    ("last year", "2014-01-01", "2014-12-31", "year"),
    ("earlier this year", "2015-01-01", "2015-05-24", "year"),
    ("in 2013", "2013-01-01", "2013-12-31", "year"),
    ("since 2012", "2012-01-01", "2015-05-24", "year"),
    # a day and month: the year that puts it in the recent past
    ("On 4 May", "2015-05-04", "2015-05-04", "day"),
    ("11th of May", "2015-05-11", "2015-05-11", "day"),
    ("Oct. 11", "2014-10-11", "2014-10-11", "day"),
    ("Aug. 2", "2014-08-02", "2014-08-02", "day"),
    ("on May 4th", "2015-05-04", "2015-05-04", "day"),
    ("from 20 to 21 August", "2014-08-20", "2014-08-21", "day"),
    ("between 9 and 11 May", "2015-05-09", "2015-05-11", "day"),
    ("May 9-11", "2015-05-09", "2015-05-11", "day"),
    ("from 28 April to 3 May", "2015-04-28", "2015-05-03", "day"),
    # full dates, as written in articles and on pages
    ("10/19/2013", "2013-10-19", "2013-10-19", "day"),
    ("Video from tonight 10/19/2013", "2013-10-19", "2013-10-19", "day"),
    ("Sunday, 24 May 2015", "2015-05-24", "2015-05-24", "day"),
    ("Wed 05 Apr 2017", "2017-04-05", "2017-04-05", "day"),
    ("October 18, 2013", "2013-10-18", "2013-10-18", "day"),
    ("Oct-19-2013", "2013-10-19", "2013-10-19", "day"),
    ("24.08.2013", "2013-08-24", "2013-08-24", "day"),
    ("15-09-2013", "2013-09-15", "2013-09-15", "day"),
    ("Apr 232017", "2017-04-23", "2017-04-23", "day"),
    ("Posted on April 4 2017 by", "2017-04-04", "2017-04-04", "day"),
    ("2015-05-24T08:30:00+03:00", "2015-05-24", "2015-05-24", "day"),
    ("over the weekend", "2015-05-23", "2015-05-24", "day"),
    ("at the end of last month", "2015-04-21", "2015-04-30", "month"),
    ("since the start of the year", "2015-01-01", "2015-05-24", "year"),
    ("late last year", "2014-09-01", "2014-12-31", "year"),
    # "since": from the date to the base, the date always in the past
    ("since March", "2015-03-01", "2015-05-24", "month"),
    ("since mid-February", "2015-02-11", "2015-05-24", "month"),
    ("since June", "2014-06-01", "2015-05-24", "month"),
    ("since 4 May", "2015-05-04", "2015-05-24", "day"),
    ("since August 2014", "2014-08-01", "2015-05-24", "month"),
    ("over the past months", "2015-02-24", "2015-05-24", "season"),
    ("this winter", "2014-12-01", "2015-02-28", "season"),
    ("from Monday to Wednesday", "2015-05-18", "2015-05-20", "day"),
    ("on the night of Saturday to Sunday", "2015-05-23", "2015-05-24", "day"),
    ("in the 1980s", "1980-01-01", "1989-12-31", "year"),
    ("in the late 1990s", "1997-01-01", "1999-12-31", "year"),
    # anaphoric expressions: the base is their anchor
    ("the next day", "2015-05-25", "2015-05-25", "day"),
    ("by the following day", "2015-05-25", "2015-05-25", "day"),
    ("two days later", "2015-05-26", "2015-05-26", "day"),
    ("the previous day", "2015-05-23", "2015-05-23", "day"),
    ("Earlier in the day", "2015-05-24", "2015-05-24", "day"),
]


@pytest.mark.parametrize(("expr", "start", "end", "precision"), TABLE)
def test_resolve_table(expr, start, end, precision):
    v = resolve(expr, BASE)
    assert v is not None, expr
    assert (v.start, v.end, v.precision) == (start, end, precision)


# dates after the base: planned or expected events
FUTURE = [
    ("on 28 May", "2015-05-28", "2015-05-28", "day"),
    ("in June", "2015-06-01", "2015-06-30", "month"),
    ("in early July", "2015-07-01", "2015-07-10", "month"),
    ("next Friday", "2015-05-29", "2015-05-29", "day"),
    ("next week", "2015-05-25", "2015-05-31", "week"),
    ("in the coming weeks", "2015-05-25", "2015-06-14", "week"),
    ("this summer", "2015-06-01", "2015-08-31", "season"),
    ("in the next 48 hours", "2015-05-25", "2015-05-26", "day"),
]


@pytest.mark.parametrize(("expr", "start", "end", "precision"), FUTURE)
def test_future_dates_are_marked(expr, start, end, precision):
    v = resolve(expr, BASE)
    assert (v.start, v.end, v.precision) == (start, end, precision)
    assert is_future(v)
    assert v.method.endswith("+future")


def test_past_dates_are_not_future():
    assert not is_future(resolve("On 4 May", BASE))
    assert not is_future(resolve("today", BASE))


@pytest.mark.parametrize(
    "expr",
    [
        "may",
        "We may go there",
        "the month",
        "the year",
        "after the fall of Qusayr",
        "2,000 fighters",
        "in 2000 homes",
        "",
        "   ",
        "the army",
    ],
)
def test_not_dates(expr):
    assert resolve(expr, BASE) is None


def test_relative_needs_a_base():
    assert resolve("Tuesday", None) is None
    assert resolve("last February", None) is None


def test_full_date_needs_no_base():
    v = resolve("4 May 2015", None)
    assert (v.start, v.precision, v.method) == ("2015-05-04", "day", "absolute")


def test_base_as_iso_string():
    assert resolve("yesterday", "2015-05-24").start == "2015-05-23"


def test_bad_base_type():
    with pytest.raises(TypeError, match="base must be a date, datetime, DateValue or ISO string, not int"):
        resolve("yesterday", 20150524)


def test_bad_base_string():
    with pytest.raises(ValueError, match="base date 'May the 24th' is not an ISO date"):
        resolve("yesterday", "May the 24th")


def test_month_without_day_gets_whole_month_not_base_day():
    # dateparser alone gives 2015-06-24 for "June 2015"; a month is its first to last day
    v = resolve("June 2015", BASE)
    assert (v.start, v.end, v.precision) == ("2015-06-01", "2015-06-30", "month")


# holidays (warlog/data/en/dates_holidays.json), against Friday 18 October 2013: Eid al-Adha 2013
# began on Tuesday 15 October (Saudi announcement), Ramadan 2013 ran 10 July - 7 August
HOLIDAYS = [
    ("the three-day Eid al-Adha", "2013-10-15", "2013-10-18", "day"),
    ("during Ramadan", "2013-07-10", "2013-08-07", "month"),
    ("on the eve of Eid al-Fitr", "2013-08-07", "2013-08-07", "day"),
    ("before Eid al-Adha", "2013-10-08", "2013-10-14", "week"),
    ("on Christmas Day", "2012-12-25", "2012-12-25", "day"),
    ("during Ramadan 2012", "2012-07-20", "2012-08-18", "month"),
]


@pytest.mark.parametrize(("expr", "start", "end", "precision"), HOLIDAYS)
def test_holidays(expr, start, end, precision):
    v = resolve(expr, date(2013, 10, 18))
    assert (v.start, v.end, v.precision) == (start, end, precision)


def test_holiday_outside_the_table_is_not_resolved():
    assert resolve("during Ramadan 1995", None) is None
