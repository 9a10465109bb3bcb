"""The date grammar's everyday expressions against a Friday publication date (10 October 2014);
expected values worked out by hand from a calendar."""

from datetime import date

import pytest

from warlog.dates import resolve

BASE = date(2014, 10, 10)  # a Friday


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        ("last February", "2014-02-01", "2014-02-28", "month"),
        ("midday Tuesday", "2014-10-07", "2014-10-07", "day"),
        ("since Monday morning", "2014-10-06", "2014-10-10", "day"),
        ("in early May", "2014-05-01", "2014-05-10", "month"),
        ("late last month", "2014-09-21", "2014-09-30", "month"),
        ("last summer", "2014-06-01", "2014-08-31", "season"),
        ("from 20 to 21 August", "2014-08-20", "2014-08-21", "day"),
        ("overnight", "2014-10-09", "2014-10-10", "day"),
        ("at dawn on Friday", "2014-10-10", "2014-10-10", "day"),
        ("on the 3rd of May", "2014-05-03", "2014-05-03", "day"),
        ("on May 3rd", "2014-05-03", "2014-05-03", "day"),
        ("3/5/2014", "2014-03-05", "2014-03-05", "day"),
        ("24.08.2013", "2013-08-24", "2013-08-24", "day"),
        ("Tuesday night", "2014-10-07", "2014-10-07", "day"),
        ("last Friday", "2014-10-03", "2014-10-03", "day"),
        ("two days ago", "2014-10-08", "2014-10-08", "day"),
    ],
)
def test_grammar_items(expression, start, end, precision):
    v = resolve(expression, BASE)
    assert (v.start, v.end, v.precision) == (start, end, precision)


def test_the_day_before_is_anaphoric():
    v = resolve("the day before", BASE)  # against its anchor, here the base
    assert (v.start, v.method) == ("2014-10-09", "chained")
