"""Quality floors for the events stage, a little under the figures in docs/quality/events.md.

Each test runs one bench script (bench/*.py) on a small slice of its data set in /work/shared and
fails when a figure drops under its floor. Skipped when /work/shared is absent.
"""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
pytestmark = pytest.mark.shared


def bench(name):
    if not SHARED.is_dir():
        pytest.skip("no /work/shared beside the checkout")
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_seed_gold_floors(tmp_path):
    f = bench("seed_events").measure(tmp_path)
    assert f["articles"] == 2
    ref, mine = f["reference"], f["events_only"]
    assert ref["event_f1"] >= 0.80  # measured 0.943 (with the geo and dates stages of 2026-11-23)
    assert mine["event_f1"] >= 0.85  # measured 0.943
    assert mine["sub_event_type_acc"] >= 0.90  # measured 0.960
    assert mine["actor1_f1"] >= 0.72  # measured 0.787


def test_fakes_floors():
    mod = bench("fakes_events")
    if not mod.DATA.exists():
        pytest.skip("no FA-KES")
    rows = [json.loads(x) for x in mod.DATA.read_text(encoding="utf-8").splitlines() if x.strip()][:100]
    c = mod.run(rows)
    assert c["cause_ok"] / c["cause_rows"] >= 0.77  # measured 0.842 on these 100 rows
    assert c["actor_ok"] / c["actor_rows"] >= 0.46  # measured 0.525


def test_rams_floor():
    mod = bench("rams")
    if not mod.DATA.exists():
        pytest.skip("no RAMS")
    f = mod.measure(limit=60)
    assert (
        f["all"][2] >= 0.18
    )  # measured 0.200 on the first 60 attack/death windows (0.232 before the 2026-12-07 place rules)
    assert (
        f["place"][2] >= 0.29
    )  # measured 0.317 (0.377 before: foreign-country and coarse-place folding trade RAMS place recall for FA-KES precision)


def test_wikievents_floor():
    mod = bench("wikievents")
    if not mod.DATA.exists():
        pytest.skip("no WikiEvents")
    f = mod.measure()
    assert f["all"][2] >= 0.09  # measured 0.112


def test_cameo_floor():
    mod = bench("cameo")
    if not mod.NER.exists():
        pytest.skip("no CAMEO")
    f = mod.measure()
    assert f[("conflict", "S")]["overlap"][2] >= 0.36  # measured 0.418 on material-conflict sentences
