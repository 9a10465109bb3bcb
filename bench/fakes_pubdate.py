"""FA-KES dev: publication dates read from the article text alone, against the crowd-coded date.

    .venv/bin/python bench/fakes_pubdate.py [path/to/fakes.dev.jsonl] [--misses N]

Each row becomes an Article with `published_raw=None` and its `article_content` as the text.
Figures: coverage (a date with day precision was found), exact-day accuracy and within-2-days
accuracy (over all rows and over the covered ones), and the share found by each method. The
row's `date` (m/d/yy) is crowd-coded and noisy: about a quarter of rows are more than two days
from the article's own date (see the dataset's SOURCE.md), so the ceiling is well under 100%.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from warlog.dates import publication_date
from warlog.model import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "fa-kes" / "fakes.dev.jsonl"


def gold_date(s: str) -> date:
    m, d, y = (int(x) for x in s.split("/"))
    return date(2000 + y if y < 100 else y, m, d)


def measure(path: Path, show_misses: int = 0) -> dict[str, float]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = len(rows)
    covered = exact = near = anydate = 0
    methods: Counter[str] = Counter()
    misses = []
    for r in rows:
        art = Article(id=str(r["unit_id"]), text=r["article_content"], published_raw=None)
        v = publication_date(art)
        g = gold_date(r["date"])
        if v is None or v.start is None:
            misses.append((r["date"], None, r["article_content"][:100]))
            continue
        anydate += 1
        methods[v.method] += 1
        if v.precision != "day":
            continue
        covered += 1
        d = date.fromisoformat(v.start)
        exact += d == g
        near += abs((d - g).days) <= 2
        if abs((d - g).days) > 2:
            misses.append((r["date"], f"{v.start} {v.method}", r["article_content"][:100]))
    out = {
        "rows": n,
        "coverage_day": covered / n,
        "coverage_any": anydate / n,
        "exact_acc": exact / n,
        "within2_acc": near / n,
        "exact_acc_covered": exact / max(covered, 1),
        "within2_acc_covered": near / max(covered, 1),
    }
    print(f"FA-KES dev publication dates from text ({path.name}, {n} rows)")
    for k, v in out.items():
        print(f"  {k:22} {v:.3f}" if isinstance(v, float) else f"  {k:22} {v}")
    print("  methods:", ", ".join(f"{k} {v}" for k, v in methods.most_common()))
    for gold, got, head in misses[:show_misses]:
        print(f"  miss gold={gold:9} got={got}  | {head!r}")
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = int(sys.argv[sys.argv.index("--misses") + 1]) if "--misses" in sys.argv else 0
    if show:
        args = [a for a in args if a != str(show)]
    p = Path(args[0]) if args else DEFAULT
    if not p.exists():
        sys.exit(f"no FA-KES file at {p}")
    measure(p, show)
