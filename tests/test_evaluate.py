"""warlog eval must give exactly the reference scorer's figures on the same input."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from warlog.evaluate import actor_agreement, dates_overlap, fold_name, place_right, score


def _reference(shared: Path):
    spec = importlib.util.spec_from_file_location("reference_score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _system_from_gold(gold: dict, *, drop_every: int = 0, shift_days: int = 0) -> dict:
    """A system reading made from a gold file by hand-chosen edits (first alternative of each name)."""
    events = []
    for k, e in enumerate(gold["events"]):
        if drop_every and k % drop_every == 0:
            continue
        loc = e["location"]
        start = e["date"]["start"]
        if shift_days:
            from datetime import date, timedelta

            start = (date.fromisoformat(start) + timedelta(days=shift_days)).isoformat()
        events.append(
            {
                "event_type": e["event_type"],
                "sub_event_type": e["sub_event_type"] if k % 3 else "Armed clash",
                "date": {"start": start, "end": start, "precision": "day"},
                "location": {"name": loc["names"][0], "lat": loc["lat"], "lon": loc["lon"]},
                "actor1": [g[0] for g in e["actor1"]],
                "actor2": [g[0] for g in e["actor2"]][:1],
                "modality": "asserted",
            }
        )
    claims = [
        {"kind": c["kind"], "subject": c["subject"][0], "low": c["low"], "high": c["high"], "claimant": "article"}
        for c in gold["claims"]
    ]
    return {"published": {"date": gold["published"]["date"]}, "events": events, "claims": claims}


@pytest.mark.parametrize("variant", [dict(), dict(drop_every=2), dict(shift_days=2), None])
def test_eval_equals_reference_scorer(shared, tmp_path, variant):
    gold_dir = shared / "gold"
    for gf in gold_dir.glob("*.gold.json"):
        gold = json.loads(gf.read_text())
        if variant is not None:  # None: no readings at all
            (tmp_path / f"{gold['article']}.json").write_text(json.dumps(_system_from_gold(gold, **variant)))
    assert score(gold_dir, tmp_path) == _reference(shared).score(str(gold_dir), str(tmp_path))


def test_eval_cli_prints_the_reference_table(shared, tmp_path):
    gold_dir = shared / "gold"
    for gf in gold_dir.glob("*.gold.json"):
        gold = json.loads(gf.read_text())
        (tmp_path / f"{gold['article']}.json").write_text(json.dumps(_system_from_gold(gold, drop_every=3)))
    ref = subprocess.run(
        [sys.executable, str(shared / "tools" / "score.py"), str(gold_dir), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ours = subprocess.run(
        [sys.executable, "-m", "warlog.cli", "eval", str(gold_dir), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ours.strip() == ref.strip()


def test_fold_name_spelling_variants():
    assert fold_name("Qalamoun") == fold_name("Qalamoon") == fold_name("Qalamun")
    assert fold_name("Al-Qusayr") == fold_name("Qusayr")
    assert fold_name("Hezbollah") != fold_name("Hamas")


def test_dates_overlap_with_one_day_slack():
    gold = {"start": "2015-05-13", "end": "2015-05-13"}
    assert dates_overlap({"start": "2015-05-14", "end": "2015-05-14"}, gold)
    assert not dates_overlap({"start": "2015-05-15", "end": "2015-05-15"}, gold)
    assert not dates_overlap(None, gold)


def test_place_right_by_name_or_radius():
    gold = {"names": ["Arsal", "Ersal"], "lat": 34.18, "lon": 36.42, "radius_km": 15}
    assert place_right({"name": "Ersal"}, gold)
    assert place_right({"name": "somewhere", "lat": 34.2, "lon": 36.45}, gold)
    assert not place_right({"name": "Beirut", "lat": 33.89, "lon": 35.5}, gold)


def test_actor_agreement_is_set_f1():
    gold = [["Hezbollah", "Hizbullah"], ["Syrian Arab Army", "Syrian army"]]
    assert actor_agreement(["Hizbullah", "Syrian Army"], gold) == 1.0
    assert actor_agreement(["Hezbollah"], gold) == pytest.approx(2 / 3)
    assert actor_agreement([], []) == 1.0
    assert actor_agreement(["ISIS"], gold) == 0.0
