"""Sub-event types on the worldwide development set (tests/data/subtypes, see its README).

    python bench/subtypes.py [--part tune|test|all] [--errors] [--matrix] [--json FILE]

Each snippet is read as an article (publication date fixed at 2024-06-15, the default Reader); the
system's answer is the sub-type of its FIRST event, or "(none)" when it finds no event. The gold
label is the snippet's sub_event_type (null: no event expected, scored as the class "(none)").
Prints weighted F1 (weights: gold support, over every gold class including "(none)"), macro F1,
accuracy, how often an event is found at all and how often a found event is typed right, per-class precision/recall/F1 and, with --matrix, the confusion matrix (rows gold,
columns system). --errors lists the wrong snippets of the part (use it on tune only).

The split is fixed: sha256 of the id, first 8 hex digits as an integer, mod 5 in {0, 1} is test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from warlog.model import SUB_EVENT_TYPES, Article, DateValue
from warlog.pipeline import Reader

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "subtypes" / "snippets.jsonl"
PUBLISHED = "2024-06-15"
NONE = "(none)"
CLASSES = [*SUB_EVENT_TYPES, NONE]


def part_of(snippet_id: str) -> str:
    return "test" if int(hashlib.sha256(snippet_id.encode("utf-8")).hexdigest()[:8], 16) % 5 in (0, 1) else "tune"


def load(part: str = "all", path: Path = DATA) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if part == "all" or part_of(r["id"]) == part]


def predict(rows: Iterable[dict], reader: Reader | None = None) -> list[tuple[str, str, dict]]:
    """(gold, system, row) per snippet."""
    reader = reader or Reader.default()
    out = []
    for r in rows:
        art = Article(id=r["id"], text=r["text"], published=DateValue(PUBLISHED, PUBLISHED, "day", method="fixed"))
        reading = reader.read(art)
        sys_sub = reading.events[0].sub_event_type if reading.events else NONE
        out.append((r["sub_event_type"] or NONE, sys_sub, r))
    return out


def scores(pairs: list[tuple[str, str, dict]]) -> dict:
    gold = Counter(g for g, _, _ in pairs)
    pred = Counter(s for _, s, _ in pairs)
    hit = Counter(g for g, s, _ in pairs if g == s)
    per: dict[str, dict[str, float]] = {}
    for c in CLASSES:
        p = hit[c] / pred[c] if pred[c] else 0.0
        r = hit[c] / gold[c] if gold[c] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[c] = {"p": p, "r": r, "f1": f, "support": gold[c], "predicted": pred[c]}
    n = len(pairs)
    weighted = sum(per[c]["f1"] * gold[c] for c in CLASSES) / n if n else 0.0
    present = [c for c in CLASSES if gold[c]]
    macro = sum(per[c]["f1"] for c in present) / len(present) if present else 0.0
    matrix = Counter((g, s) for g, s, _ in pairs)
    events = [(g, s) for g, s, _ in pairs if g != NONE]
    found = [(g, s) for g, s in events if s != NONE]
    return {
        "found": len(found) / len(events) if events else 0.0,  # snippets with an event where one is found
        "typed_when_found": sum(g == s for g, s in found) / len(found) if found else 0.0,
        "n": n,
        "weighted_f1": weighted,
        "macro_f1": macro,
        "accuracy": sum(hit.values()) / n if n else 0.0,
        "per_class": per,
        "matrix": {f"{g} -> {s}": k for (g, s), k in sorted(matrix.items())},
    }


ABBR = {
    "Armed clash": "AC",
    "Government regains territory": "GRT",
    "Non-state actor overtakes territory": "NSO",
    "Chemical weapon": "CW",
    "Air/drone strike": "AIR",
    "Suicide bomb": "SB",
    "Shelling/artillery/missile attack": "SHL",
    "Remote explosive/landmine/IED": "IED",
    "Grenade": "GRN",
    "Sexual violence": "SV",
    "Attack": "ATK",
    "Abduction/forced disappearance": "ABD",
    "Peaceful protest": "PP",
    "Protest with intervention": "PWI",
    "Excessive force against protesters": "EXF",
    "Violent demonstration": "VD",
    "Mob violence": "MOB",
    "Agreement": "AGR",
    "Arrests": "ARR",
    "Change to group/activity": "CHG",
    "Disrupted weapons use": "DWU",
    "Headquarters or base established": "HQ",
    "Looting/property destruction": "LOOT",
    "Non-violent transfer of territory": "NVT",
    "Other": "OTH",
    NONE: "none",
}


def report(name: str, s: dict, matrix: bool, pairs: list[tuple[str, str, dict]]) -> str:
    lines = [
        f"### {name} ({s['n']} snippets)",
        "",
        f"weighted F1 {s['weighted_f1']:.3f}, macro F1 {s['macro_f1']:.3f}, accuracy {s['accuracy']:.3f}; "
        f"an event found for {s['found']:.3f} of the event snippets, typed right for {s['typed_when_found']:.3f} of those",
        "",
        "| sub-type | support | P | R | F1 |",
        "|---|---:|---:|---:|---:|",
    ]
    for c in CLASSES:
        v = s["per_class"][c]
        if v["support"] or v["predicted"]:
            lines.append(f"| {c} ({ABBR[c]}) | {v['support']} | {v['p']:.2f} | {v['r']:.2f} | {v['f1']:.2f} |")
    if matrix:
        m = Counter((g, p) for g, p, _ in pairs)
        cols = [c for c in CLASSES if any(m[(g, c)] for g in CLASSES)]
        lines += ["", "Confusion (rows gold, columns system):", ""]
        lines.append("| gold \\ sys | " + " | ".join(ABBR[c] for c in cols) + " |")
        lines.append("|---|" + "---:|" * len(cols))
        for g in CLASSES:
            if any(m[(g, c)] for c in cols):
                lines.append(f"| {ABBR[g]} | " + " | ".join(str(m[(g, c)] or ".") for c in cols) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", default="tune", choices=["tune", "test", "all", "both"])
    ap.add_argument("--errors", action="store_true", help="list the wrong snippets (tune only)")
    ap.add_argument("--matrix", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    reader = Reader.default()
    parts = ["tune", "test"] if args.part == "both" else [args.part]
    dump = {}
    for part in parts:
        pairs = predict(load(part), reader)
        s = scores(pairs)
        dump[part] = s
        print(report(part, s, args.matrix, pairs))
        print()
        if args.errors:
            if part == "test":
                print("(errors of the test part are not listed)", file=sys.stderr)
                continue
            for g, p, r in pairs:
                if g != p:
                    print(f"{r['id']}\t{g} -> {p}\t{r['text']}")
    if args.json:
        args.json.write_text(json.dumps(dump, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
