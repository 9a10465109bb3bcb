"""Number expressions as news writes them; expected readings written by hand from the codebook."""

import pytest

from warlog.extract.numbers import find_quantities, parse_quantity

CASES = [
    # digits
    ("13", (13, 13, "13")),
    ("40,000", (40000, 40000, "40,000")),
    ("40.000", (40000, 40000, "40.000")),
    ("5,000 fighters", (5000, 5000, "5,000")),
    ("1.5 million", (1500000, 1500000, "1.5 million")),
    # words
    ("thirteen", (13, 13, "thirteen")),
    ("two", (2, 2, "two")),
    ("twenty-five", (25, 25, "twenty-five")),
    ("twenty five", (25, 25, "twenty five")),
    ("a dozen", (12, 12, "a dozen")),
    ("half a dozen", (6, 6, "half a dozen")),
    ("two dozen", (24, 24, "two dozen")),
    ("a hundred", (100, 100, "a hundred")),
    ("two hundred and fifty", (250, 250, "two hundred and fifty")),
    ("three thousand", (3000, 3000, "three thousand")),
    # vague quantities: ACLED's conservative low end
    ("tens of people", (10, None, "tens")),
    ("dozens of civilians", (12, None, "dozens")),
    ("hundreds", (100, None, "hundreds")),
    ("thousands of fighters", (1000, None, "thousands")),
    ("tens of thousands", (10000, None, "tens of thousands")),
    ("several", (None, None, "several")),
    ("a number of soldiers", (None, None, "a number of")),
    ("an unknown number of militants", (None, None, "an unknown number of")),
    ("an unspecified number of casualties", (None, None, "an unspecified number of")),
    # hedges
    ("at least 9", (9, None, "at least 9")),
    ("at least nine", (9, None, "at least nine")),
    ("more than 20", (21, None, "more than 20")),
    ("over 20", (21, None, "over 20")),
    ("in excess of 40,000", (40001, None, "in excess of 40,000")),
    ("up to 120", (None, 120, "up to 120")),
    ("nearly 100", (None, 100, "nearly 100")),
    ("about 1,000", (1000, 1000, "about 1,000")),
    ("around 5,000", (5000, 5000, "around 5,000")),
    ("approximately 1,000", (1000, 1000, "approximately 1,000")),
    ("some 70", (70, 70, "some 70")),
    ("more than a dozen", (13, None, "more than a dozen")),
    ("fewer than 10", (None, 9, "fewer than 10")),
    # ranges
    ("300 to 400", (300, 400, "300 to 400")),
    ("40 – 60", (40, 60, "40 – 60")),
    ("40-60", (40, 60, "40-60")),
    ("between 5 and 8", (5, 8, "between 5 and 8")),
    ("two or three", (2, 3, "two or three")),
    ("from 10 to 15", (10, 15, "from 10 to 15")),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["AK-47 rifles", "F-16 jets", "the 11th of May", "no figure here", ""])
def test_not_a_quantity(text):
    assert parse_quantity(text) is None


def test_hyphenated_compound_is_not_a_count():
    assert parse_quantity("the three-day holiday") is None


def test_find_quantities_offsets_and_order():
    text = "Rebels captured three villages and at least nine positions."
    qs = find_quantities(text)
    assert [(q.low, q.high, q.text) for q in qs] == [(3, 3, "three"), (9, None, "at least nine")]
    assert text[qs[1].start : qs[1].end] == "at least nine"
    assert text[qs[1].num_start : qs[1].num_end] == "nine"
    assert qs[1].hedge == "min"


def test_two_figures_joined_by_and_stay_two():
    qs = find_quantities("18 Hezbollah and 13 NDF fighters were killed")
    assert [(q.low, q.high) for q in qs] == [(18, 18), (13, 13)]


def test_bad_input_names_the_type():
    with pytest.raises(TypeError, match="parse_quantity expects text as str, got int"):
        parse_quantity(40)
    with pytest.raises(TypeError, match="find_quantities expects text as str, got NoneType"):
        find_quantities(None)


def test_dates_in_digits_are_not_figures():
    assert find_quantities("Posted 09-05-2016 at 10:30, video from 10/19/2013, the 2015-2016 campaign") == []
