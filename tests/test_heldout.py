"""Floors on the held-out gold written for the project (tests/data/heldout, see its README).

Measured 2026-11-23 on all six articles: event F1 0.762, actor1 F1 0.879, claim number F1 0.860,
claim attributed F1 0.800, publication dates 6/6. On the test half alone (104-106, never used for
tuning): event F1 0.588, claim number F1 0.667, attributed 0.513.
"""

import json
from pathlib import Path

import pytest

from warlog.api import read
from warlog.evaluate import score
from warlog.model import Reading

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    out = tmp_path_factory.mktemp("heldout-readings")
    for r in read(HELDOUT / "corpus"):
        assert isinstance(r, Reading), r
        (out / f"{r.article}.json").write_text(json.dumps(r.to_dict()))
    return score(HELDOUT / "gold", out)


def test_heldout_events(figures):
    assert figures["events_gold"] == 41
    assert figures["event_f1"] >= 0.70
    assert figures["actor1_f1"] >= 0.80
    assert figures["sub_event_type_acc"] >= 0.88


def test_heldout_claims(figures):
    assert figures["claims_gold"] == 50
    assert figures["claim_number_f1"] >= 0.80
    assert figures["claim_attributed_f1"] >= 0.74


def test_heldout_publication_dates(figures):
    assert figures["published_date_acc"] == 1.0
