"""Floors on the real gold corpus (tests/data/fakes_gold, 42 FA-KES articles, see its README).

Floors sit on the **test** part (15 articles, never read for tuning), a little under what it
scored; the tune part is checked only for its size. The annotators' agreement (second coder
against the first, 8 test articles) is the ceiling: event F1 0.930, claim + claimant 0.978.
Figures, dates and the before/after per rule class are in docs/QUALITY.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from warlog.api import read
from warlog.evaluate import score
from warlog.model import Reading

GOLD = Path(__file__).resolve().parent / "data" / "fakes_gold"


@pytest.fixture(scope="module")
def test_part(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("fakes-gold-test")
    for r in read(GOLD / "test" / "corpus"):
        assert isinstance(r, Reading), r
        (out / f"{r.article}.json").write_text(json.dumps(r.to_dict()))
    return score(GOLD / "test" / "gold", out)


def test_split_is_the_fixed_rule() -> None:
    split = json.loads((GOLD / "split.json").read_text())
    assert (len(split["tune"]), len(split["test"])) == (27, 15)
    for part, names in split.items():
        assert sorted(p.name for p in (GOLD / part / "corpus").glob("*.txt")) == names
        assert sorted(p.name for p in (GOLD / part / "gold").glob("*.gold.json")) == [n + ".gold.json" for n in names]


def test_second_coder_read_only_test_articles() -> None:
    split = json.loads((GOLD / "split.json").read_text())
    second = [p.name.removesuffix(".gold.json") for p in (GOLD / "second" / "gold").glob("*.gold.json")]
    assert len(second) == 8 and set(second) <= set(split["test"])


def test_events_on_the_test_part(test_part: dict[str, Any]) -> None:
    assert test_part["events_gold"] == 42
    assert test_part["event_f1"] >= FLOORS["event_f1"]
    assert test_part["actor1_f1"] >= FLOORS["actor1_f1"]
    assert test_part["sub_event_type_acc"] >= FLOORS["sub_event_type_acc"]


def test_claims_on_the_test_part(test_part: dict[str, Any]) -> None:
    assert test_part["claims_gold"] == 72
    assert test_part["claim_number_f1"] >= FLOORS["claim_number_f1"]
    assert test_part["claim_attributed_f1"] >= FLOORS["claim_attributed_f1"]


def test_publication_dates_on_the_test_part(test_part: dict[str, Any]) -> None:
    assert test_part["published_date_acc"] >= FLOORS["published_date_acc"]


# a little under what the test part scored at the last measurement (docs/QUALITY.md)
# measured 2026-12-07: event F1 0.489, actor1 0.621, sub-type 0.864, claims 0.652 / 0.464, dates 15/15
FLOORS = {
    "event_f1": 0.46,
    "actor1_f1": 0.58,
    "sub_event_type_acc": 0.82,
    "claim_number_f1": 0.62,
    "claim_attributed_f1": 0.44,
    "published_date_acc": 0.93,
}
