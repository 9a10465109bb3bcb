"""'X came N days after Y': the offset runs back from the date just given (X) to Y."""

import pytest

from warlog.dates import find_dates
from warlog.model import DateValue
from warlog.nlp import Document


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("The raids came on Wednesday. They came a day after rebels captured the hill.", "a day after", "2015-05-12"),
        (
            "The strike came on Wednesday. It came two days after the army shelled Douma.",
            "two days after",
            "2015-05-11",
        ),
        ("The ambush happened on Wednesday, the day after troops entered the town.", "the day after", "2015-05-12"),
        ("Rebels attacked on Monday. A day after, the army struck back.", "A day after", "2015-05-12"),
        ("Rebels attacked on Monday. Two days later, the army struck back.", "Two days later", "2015-05-13"),
    ],
)
def test_day_offsets(text, phrase, expected):
    found = {m.text: m.value.start for m in find_dates(Document(text), DateValue("2015-05-13"))}
    assert found[phrase] == expected
