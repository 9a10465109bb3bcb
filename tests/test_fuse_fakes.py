"""Fusion quality floor on FA-KES dev (hand-labelled same-incident clusters; runs the reading pipeline).

A subset (the first 8 labelled clusters, 17 articles) keeps it fast; the full figures are in
docs/quality/fuse.md (bench/fakes_fusion.py). Floors sit a little under what was measured on 2026-11-23.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "datasets" / "fa-kes" / "fakes.dev.jsonl"


@pytest.mark.slow
@pytest.mark.shared
def test_fakes_fusion_floor():
    if not DATA.exists():
        pytest.skip("../shared (FA-KES dev) not available")
    spec = importlib.util.spec_from_file_location("fakes_fusion", ROOT / "bench" / "fakes_fusion.py")
    ff = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ff)
    rows, clusters, doc = ff.load_labels(subset=8)
    readings = ff.read_rows(rows)
    assert len(readings) == 17
    s = ff.score(readings, clusters, doc)
    # measured 2026-11-23: all-events pairs P 1.00 R 0.90 (9 of 10 gold pairs)
    assert s["all_events"]["recall"] >= 0.7
    assert s["all_events"]["precision"] >= 0.8
