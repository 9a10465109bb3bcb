"""CAMEO (ConfliBERT bundle, Parolin et al. 2022) dev: source and target actor span F1.

Each sentence is tagged with S (source actor), T (target actor) and R (joint actors) spans. The
sentence is read by warlog's actor and extract stages; the system source spans are the mentions of
the actor1 of warlog's first event in the sentence, the target spans those of its actor2. R spans
are not scored. warlog codes conflict events only (ACLED), while most of these sentences are
diplomacy (CAMEO quad classes 0-3), so the figures are also given over the material-conflict
sentences (class 4) alone.

Exact: the spans are the same tokens. Overlap: they share a token.

    .venv/bin/python bench/cameo.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
NER = SHARED / "datasets" / "cameo-coped" / "cameo_ner.dev.txt"
CLS = SHARED / "datasets" / "cameo-coped" / "cameo_class.dev.tsv"


def read_sentences() -> list[list[tuple[str, str]]]:
    out, cur = [], []
    for line in NER.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                out.append(cur)
            cur = []
            continue
        tok, _, tag = line.rpartition(" ")
        cur.append((tok, tag))
    if cur:
        out.append(cur)
    return out


def spans(tags: list[str], kind: str) -> set[tuple[int, int]]:
    out, start = set(), None
    for i, t in enumerate([*tags, "O"]):
        if start is not None and t != f"I-{kind}":
            out.add((start, i))
            start = None
        if t == f"B-{kind}":
            start = i
    return out


def prf(tp: int, n_sys: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def measure() -> dict:
    """Counts and span F1s by scope ('all', 'conflict') and kind ('S', 'T')."""
    from warlog import dates, geo
    from warlog.extract import ActorDictionary, find_actors, find_events
    from warlog.model import Article, DateValue
    from warlog.nlp import Document, load_pipeline

    classes = [
        line.rsplit("\t", 1)[-1].strip() for line in CLS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    dic = ActorDictionary.load()
    nlp = load_pipeline()
    t0 = time.time()
    c: Counter[str] = Counter()
    sents = read_sentences()
    for k, sent in enumerate(sents):
        toks = [t for t, _ in sent]
        tags = [g for _, g in sent]
        text = " ".join(toks)
        starts, pos = [], 0
        for t in toks:
            starts.append(pos)
            pos += len(t) + 1

        def tok_span(a: int, b: int, starts=starts, toks=toks) -> tuple[int, int]:
            i = max(j for j, s in enumerate(starts) if s <= a)
            e = max(j for j, s in enumerate(starts) if s < b) + 1
            return i, e

        doc = Document(text, nlp)
        ments = find_actors(doc, dic)
        # a publication date so that events without a place still count (none is given here)
        art = Article(id=str(k), text=text, published=DateValue("2000-01-01"))
        events = find_events(
            doc,
            article=art,
            actors=ments,
            places=[],
            dates=[],
            dictionary=dic,
            event_date=dates.event_date,
            event_location=geo.event_location,
        )
        sys_s: set[tuple[int, int]] = set()
        sys_t: set[tuple[int, int]] = set()
        if events:
            e = events[0]
            for names, out in ((e.actor1, sys_s), (e.actor2, sys_t)):
                for n in names:
                    found = [m for m in ments if m.name == n]
                    if found:
                        out.update(tok_span(m.start, m.end) for m in found[:1])
                    elif n in text:
                        i = text.index(n)
                        out.add(tok_span(i, i + len(n)))
        conflict = k < len(classes) and classes[k] == "4"
        for kind, sysp in (("S", sys_s), ("T", sys_t)):
            gold = spans(tags, kind)
            for scope in ("all", "conflict") if conflict else ("all",):
                c[(scope, kind, "gold")] += len(gold)
                c[(scope, kind, "sys")] += len(sysp)
                c[(scope, kind, "exact")] += len(gold & sysp)
                c[(scope, kind, "ov_sys")] += sum(any(a < gb and ga < b for ga, gb in gold) for a, b in sysp)
                c[(scope, kind, "ov_gold")] += sum(any(a < gb and ga < b for a, b in sysp) for ga, gb in gold)
        c["sentences"] += 1
        c["with_event"] += bool(events)
        c["conflict"] += conflict
        c["conflict_with_event"] += conflict and bool(events)
    figs: dict = {k: c[k] for k in ("sentences", "with_event", "conflict", "conflict_with_event")}
    figs["seconds"] = time.time() - t0
    for scope in ("all", "conflict"):
        for kind in ("S", "T"):
            g, s = c[(scope, kind, "gold")], c[(scope, kind, "sys")]
            _, _, fe = prf(c[(scope, kind, "exact")], s, c[(scope, kind, "exact")], g)
            p, r, fo = prf(c[(scope, kind, "ov_sys")], s, c[(scope, kind, "ov_gold")], g)
            figs[(scope, kind)] = {"exact_f1": fe, "overlap": (p, r, fo), "gold": g, "system": s}
    return figs


def main(argv: list[str]) -> int:
    if not NER.exists():
        print(f"no CAMEO data at {NER}")
        return 1
    f = measure()
    print(f"CAMEO dev: {f['sentences']} sentences in {f['seconds']:.0f} s")
    print(
        f"  sentences with a warlog event: {f['with_event']} of {f['sentences']}; "
        f"material-conflict sentences {f['conflict_with_event']} of {f['conflict']}"
    )
    for scope in ("all", "conflict"):
        for kind, label in (("S", "source"), ("T", "target")):
            x = f[(scope, kind)]
            p, r, fo = x["overlap"]
            print(
                f"  {scope:8s} {label:6s} exact F1 {x['exact_f1']:.3f}  overlap P {p:.3f} R {r:.3f} F1 {fo:.3f}"
                f"  (gold {x['gold']}, system {x['system']})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
