"""FA-KES dev half loads as it is: 381 rows, ids from unit_id, outlets from the source column."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from warlog.ingest import load
from warlog.model import Article, Duplicate, IngestError

SHARED = Path(__file__).resolve().parents[2] / "shared"
FAKES = SHARED / "datasets" / "fa-kes" / "fakes.dev.jsonl"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def items():
    if not FAKES.is_file():
        pytest.skip("../shared/datasets/fa-kes not available")
    return list(load([FAKES]))


def test_every_row_is_read(items):
    kinds = Counter(type(i) for i in items)
    assert len(items) == 381
    assert kinds[IngestError] == 0
    # eight rows repeat an earlier row's article (same unit_id, same text, another crowd label)
    assert kinds[Article] == 373
    assert kinds[Duplicate] == 8


def test_first_row(items):
    a = items[0]
    assert a.id == "1914947530"
    assert a.source == f"{FAKES.name}#1"  # relative to the folder of the file named
    assert a.title == "Syria attack symptoms consistent with nerve agent use WHO"
    assert a.outlet == "nna"
    assert a.published_raw == "4/5/17"
    assert a.text.startswith("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO.")
    assert a.meta["location"] == "idlib"
    assert a.meta["nb_civilians"] == 70
    assert "article_content" not in a.meta and "unit_id" not in a.meta


def test_ids_outlets_and_dates_everywhere(items):
    arts = [i for i in items if isinstance(i, Article)]
    assert all(a.id.isdigit() for a in arts)
    assert len({a.id for a in arts}) == 373
    assert all(a.outlet for a in arts)
    assert all(a.published_raw for a in arts)
    assert Counter(a.outlet for a in arts)["reuters"] == 11


def test_duplicates_point_at_the_same_unit_id(items):
    dups = [i for i in items if isinstance(i, Duplicate)]
    assert dups[0] == Duplicate(source=f"{FAKES}#208", duplicate_of="1926479049")
