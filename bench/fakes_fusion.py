"""Fusion quality on FA-KES dev: hand-labelled same-incident clusters (tests/data/fakes_clusters.json).

Reads the labelled rows with the full reading pipeline (`warlog.api.read`, as it is today), fuses every event
of every article with `warlog.fuse.fuse_events`, and scores article pairs: two articles are predicted to report
the same incident when at least one fused event holds events of both. Prints pairwise precision, recall, F1
over the labelled rows, the same restricted to the lead event of each article (the one told first in the text),
and how many
of the labelled true contradictions are flagged.

    .venv/bin/python bench/fakes_fusion.py [--subset N]     (N: only the first N clusters and their candidates)
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

from warlog import api
from warlog.fuse import fuse_events
from warlog.model import Article, Reading

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "datasets" / "fa-kes" / "fakes.dev.jsonl"
LABELS = ROOT / "tests" / "data" / "fakes_clusters.json"


def load_labels(subset: int | None = None) -> tuple[list[str], dict[str, list[str]], dict]:
    doc = json.loads(LABELS.read_text(encoding="utf-8"))
    clusters = {k: [str(i) for i in v] for k, v in doc["clusters"].items()}
    rows = [str(i) for i in doc["labelled_rows"]]
    if subset:
        keep = dict(list(clusters.items())[:subset])
        clusters = keep
        rows = [i for v in keep.values() for i in v]
    return rows, clusters, doc


def read_rows(ids: list[str]) -> list[Reading]:
    want = set(ids)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.jsonl"
        with open(path, "w", encoding="utf-8") as out, open(DATA, encoding="utf-8") as src:
            for line in src:
                r = json.loads(line)
                if str(r["unit_id"]) in want:
                    rec = {"id": str(r["unit_id"]), "title": r["article_title"], "text": r["article_content"]}
                    rec["outlet"] = r["source"]
                    out.write(json.dumps(rec) + "\n")
        return [r for r in api.read(path, text_column="text", id_column="id") if isinstance(r, Reading)]


def score(readings: list[Reading], clusters: dict[str, list[str]], doc: dict) -> dict:
    articles = {r.article: Article(id=r.article, text="", outlet=r.outlet) for r in readings}
    events = [e for r in readings for e in r.events]
    claims = [c for r in readings for c in r.claims]
    t = time.perf_counter()
    fused = fuse_events(events, claims, articles)
    secs = time.perf_counter() - t
    ids = sorted(articles)
    gold = {tuple(sorted(p)) for v in clusters.values() for p in combinations([i for i in v if i in articles], 2)}

    def pairs(fs) -> set[tuple[str, str]]:
        out = set()
        for f in fs:
            arts = sorted({m.article for m in f.mentions})
            out.update(combinations(arts, 2))
        return out

    def prf(pred):
        tp = len(pred & gold)
        p = tp / len(pred) if pred else 0.0
        r = tp / len(gold) if gold else 0.0
        return {"pairs": len(pred), "tp": tp, "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0}

    all_pairs = prf(pairs(fused))
    firsts = {min(r.events, key=lambda e: (e.start, e.id)).id for r in readings if r.events}
    main_pairs = set()
    for f in fused:
        arts = sorted({m.article for m in f.mentions if m.id in firsts})
        main_pairs.update(combinations(arts, 2))
    lead = prf(main_pairs)

    true_c = doc.get("true_contradictions", [])
    flagged = 0
    for name in true_c:
        members = set(clusters.get(name, []))
        if any(
            len(members & {m.article for m in f.mentions}) >= 2
            and any(" vs " in c and "actor1" not in c for c in f.contradictions)
            for f in fused
        ):
            flagged += 1
    multi = [f for f in fused if len({m.article for m in f.mentions}) >= 2]
    figure_flags = sum(1 for f in multi for c in f.contradictions if not c.startswith("actor1"))
    return {
        "articles": len(ids),
        "events": len(events),
        "fused": len(fused),
        "multi_article_fused": len(multi),
        "gold_pairs": len(gold),
        "all_events": all_pairs,
        "lead_event": lead,
        "true_contradictions": len([n for n in true_c if n in clusters]),
        "true_contradictions_flagged": flagged,
        "figure_flags_on_multi_article_events": figure_flags,
        "fuse_seconds": secs,
    }


def main() -> None:
    if not DATA.exists():
        print(f"no FA-KES dev file at {DATA}")
        return
    subset = int(sys.argv[sys.argv.index("--subset") + 1]) if "--subset" in sys.argv else None
    rows, clusters, doc = load_labels(subset)
    t = time.perf_counter()
    readings = read_rows(rows)
    print(f"read {len(readings)} articles in {time.perf_counter() - t:.1f} s")
    s = score(readings, clusters, doc)
    for k in ("all_events", "lead_event"):
        x = s[k]
        print(
            f"{k:>11}: pairs predicted {x['pairs']:4d}  correct {x['tp']:3d} / gold {s['gold_pairs']}  "
            f"P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}"
        )
    print(
        f"events {s['events']}, fused {s['fused']} ({s['multi_article_fused']} from 2+ articles), "
        f"fusion {s['fuse_seconds']:.2f} s"
    )
    print(f"true contradictions flagged: {s['true_contradictions_flagged']} / {s['true_contradictions']}")
    print(f"figure contradiction flags on multi-article fused events: {s['figure_flags_on_multi_article_events']}")


if __name__ == "__main__":
    main()
