"""FA-KES dev: does the main event's governorate (admin1) agree with the row's `location`?

For each article the pipeline reads, the "main event" is the first event whose location has an
admin1; the row's crowd-coded governorate is compared after folding spellings (FA-KES folds
Rif Dimashq into "damascus", so both Damascus and Rif Dimashq count as "damascus"). Also reports
the share of articles where any event's admin1 agrees. The crowd labels are noisy (SOURCE.md).

    .venv/bin/python bench/fakes_governorate.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from warlog.evaluate import fold_name
from warlog.model import Article
from warlog.pipeline import Reader

SHARED = Path(__file__).resolve().parents[2] / "shared"
# FA-KES governorate labels -> the admin1 names warlog writes (folded); Damascus covers its countryside
LABELS = {
    "aleppo": {"Aleppo"},
    "damascus": {"Damascus", "Rif Dimashq"},
    "idlib": {"Idlib"},
    "deir ezzor": {"Deir ez-Zor"},
    "raqqa": {"Raqqa"},
    "hasakeh": {"Al-Hasakah"},
    "homs": {"Homs"},
    "hama": {"Hama"},
    "lattakia": {"Latakia"},
    "daraa": {"Daraa"},
    "quneitra": {"Quneitra"},
}


def main(limit: int | None = None) -> dict:
    rows = [json.loads(line) for line in (SHARED / "datasets/fa-kes/fakes.dev.jsonl").open(encoding="utf-8")]
    seen: set[int] = set()
    reader = Reader.default()
    main_ok = any_ok = covered = n = 0
    confusion: Counter = Counter()
    for row in rows[:limit]:
        if row["unit_id"] in seen or row["location"] not in LABELS:
            continue
        seen.add(row["unit_id"])
        n += 1
        reading = reader.read(Article(id=str(row["unit_id"]), text=row["article_content"], published_raw=row["date"]))
        admin1s = [e.location.admin1 for e in reading.events if e.location is not None and e.location.admin1]
        want = {fold_name(x) for x in LABELS[row["location"]]}
        if not admin1s:
            continue
        covered += 1
        main_ok += fold_name(admin1s[0]) in want
        any_ok += any(fold_name(a) in want for a in admin1s)
        if fold_name(admin1s[0]) not in want:
            confusion[(row["location"], admin1s[0])] += 1
    return {
        "articles": n,
        "coverage": round(covered / n, 3),
        "main_event_admin1_acc": round(main_ok / n, 3),
        "main_event_admin1_acc_covered": round(main_ok / max(covered, 1), 3),
        "any_event_admin1_acc": round(any_ok / n, 3),
        "top_confusions": [f"{a} -> {b}: {k}" for (a, b), k in confusion.most_common(8)],
    }


if __name__ == "__main__":
    if not SHARED.exists():
        sys.exit("needs ../shared beside the checkout")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    print(json.dumps(main(ap.parse_args().limit), indent=2))
