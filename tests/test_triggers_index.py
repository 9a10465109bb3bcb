"""The trigger finder (events.TriggerIndex): longest phrase first at each word start, words joined by
white space or hyphens, never inside a word. Sentences written for the tests."""

from __future__ import annotations

import pytest

from warlog.extract.events import find_triggers


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Rebels shelled the town.", ["shelled"]),
        ("A car bomb exploded near the market.", ["car bomb", "exploded"]),
        ("A car-bomb exploded near the market.", ["car-bomb", "exploded"]),
        ("A CAR  BOMB exploded.", ["CAR  BOMB", "exploded"]),  # case and repeated spaces
        ("Mortar shells fell on the square.", ["Mortar shells"]),  # the longer phrase wins over "shells"
        ("The shelling's toll rose.", ["shelling"]),  # a word followed by an apostrophe
        ("Reshelled roads and bombshells", []),  # never inside a word
        ("anti-shelling measures", []),  # never right after a hyphen
        ("", []),
    ],
)
def test_triggers_found(sentence, expected):
    assert [t.text for t in find_triggers(sentence)] == expected


def test_offsets_are_shifted():
    (t,) = find_triggers("Jets shelled it.", offset=100)
    assert (t.start, t.end) == (105, 112)
