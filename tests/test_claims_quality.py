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
        claims = find_claims(doc, article=Article(id=f.name, text=text), actors=find_actors(doc, actor_dict), events=[])
        reading = {"article": f.name, "events": [], "claims": [c.to_dict() for c in claims]}
        (tmp_path / (f.name + ".json")).write_text(json.dumps(reading), encoding="utf-8")
    figures = score.score(str(gold), str(tmp_path))
    assert figures["claim_number_f1"] >= 0.9
    assert figures["claim_attributed_f1"] >= 0.85


def test_fakes_first_hundred(actor_dict):
    data = _need(SHARED / "datasets" / "fa-kes" / "fakes.dev.jsonl")
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()[:100]]
    covered = first_ok = n = 0
    for row in rows:
        total = int(row["nb_civilians"] or 0) + int(row["nb_noncivilians"] or 0)
        if total <= 0:
            continue
        n += 1
        text = row["article_content"]
        doc = Document(text)
        claims = find_claims(doc, article=Article(id="x", text=text), actors=find_actors(doc, actor_dict), events=[])
        killed = [c for c in claims if c.kind == "killed" and (c.low is not None or c.high is not None)]
        if killed:
            covered += 1
            c = min(killed, key=lambda c: c.start)
            first_ok += (c.low if c.low is not None else c.high) == total
    assert n >= 90
    assert covered / n >= 0.95
    assert first_ok / n >= 0.7
