"""Quality floors for claims, a little under what docs/quality/claims.md records.

Needs /work/shared (skipped without it). Runs the actor and claim finders only (no events), so
the figures do not move with the other stages' work beyond the actor names.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from warlog.extract import ActorDictionary, find_actors, find_claims
from warlog.model import Article
from warlog.nlp import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"

pytestmark = pytest.mark.shared


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="module")
def actor_dict():
    return ActorDictionary.load()


def _scorer():
    path = _need(SHARED / "tools" / "score.py")
    spec = importlib.util.spec_from_file_location("warlog_ref_score", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["warlog_ref_score"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_seed_claim_figures(tmp_path, actor_dict):
    seeds = _need(SHARED / "corpus" / "seeds")
    gold = _need(SHARED / "gold")
    score = _scorer()
    for f in sorted(seeds.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        doc = Document(text)
        claims = find_claims(
            doc,
            article=Article(id=f.name, text=text),
            actors=find_actors(doc, actor_dict),
            events=[],
            dictionary=actor_dict,
        )
        reading = {"article": f.name, "events": [], "claims": [c.to_dict() for c in claims]}
        (tmp_path / (f.name + ".json")).write_text(json.dumps(reading), encoding="utf-8")
    figures = score.score(str(gold), str(tmp_path))
    assert figures["claim_number_f1"] >= 0.9
    assert figures["claim_attributed_f1"] >= 0.85


def test_fakes_first_hundred(actor_dict):
    data = _need(SHARED / "datasets" / "fa-kes" / "fakes.dev.jsonl")
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()[:100]]
    covered = first_ok = n = 0
    kids = {"n": 0, "ok": 0}
    women = {"n": 0, "ok": 0}
    for row in rows:
        total = int(row["nb_civilians"] or 0) + int(row["nb_noncivilians"] or 0)
        if total <= 0:
            continue
        n += 1
        text = row["article_content"]
        doc = Document(text)
        claims = find_claims(
            doc,
            article=Article(id="x", text=text),
            actors=find_actors(doc, actor_dict),
            events=[],
            dictionary=actor_dict,
        )
        killed = [c for c in claims if c.kind == "killed" and (c.low is not None or c.high is not None)]
        # children and women are subjects of their own: their largest killed figure against the coded one
        for tally, subject, coded in ((kids, "children", row["nb_children"]), (women, "women", row["nb_women"])):
            if int(coded or 0) > 0:
                tally["n"] += 1
                vals = [c.low if c.low is not None else c.high for c in killed if c.subject == subject]
                tally["ok"] += bool(vals) and max(vals) == int(coded)
        if killed:
            covered += 1
            c = min(killed, key=lambda c: c.start)
            first_ok += (c.low if c.low is not None else c.high) == total
    assert n >= 90
    assert covered / n >= 0.95
    assert first_ok / n >= 0.7
    # measured 2026-12-07 (issue 13): children 25/38 = 0.658, women 7/10 = 0.700
    assert kids["n"] >= 30 and kids["ok"] / kids["n"] >= 0.6
    assert women["n"] >= 8 and women["ok"] / women["n"] >= 0.6


def test_fakes_outlet_detection():
    """Outlet from datelines and credits against FA-KES's `source` column (the site). A wire credit
    ("AFP Thursday 2 Jul 2015" on Ahram Online) names the agency, which is what the gold corpus codes.
    Measured 2026-12-07 on 381 dev rows: found 0.375, the site 0.231, a wire agency 0.139; with the
    interviewed_by rule ("told AFP"): found 0.436, the site 0.231, a wire agency 0.199, other 0.012."""
    from warlog.ingest.outlet import detect

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from fakes_claims import SOURCE_KEYS, WIRES

    data = _need(SHARED / "datasets" / "fa-kes" / "fakes.dev.jsonl")
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = site = wire = 0
    for row in rows:
        o = detect(row["article_content"], row["article_title"])
        if o is None:
            continue
        found += 1
        site += SOURCE_KEYS.get(o.name) == row["source"]
        wire += SOURCE_KEYS.get(o.name) != row["source"] and o.name in WIRES
    assert found / len(rows) >= 0.40
    assert site / len(rows) >= 0.19
    assert (found - site - wire) / max(found, 1) <= 0.05  # any other outlet named is a mistake
