"""FA-KES dev half through warlog.ingest.load: how many rows load, with which metadata.

usage: .venv/bin/python bench/ingest_fakes.py        (needs ../shared beside the checkout)
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warlog.ingest import load  # noqa: E402
from warlog.model import Article, Duplicate, IngestError  # noqa: E402

FAKES = ROOT.parent / "shared" / "datasets" / "fa-kes" / "fakes.dev.jsonl"


def main() -> int:
    if not FAKES.is_file():
        print(f"no FA-KES at {FAKES}")
        return 1
    t0 = time.perf_counter()
    items = list(load([FAKES]))
    dt = time.perf_counter() - t0
    kinds = Counter(type(i).__name__ for i in items)
    arts = [i for i in items if isinstance(i, Article)]
    n = len(arts)
    print(f"rows read:            {len(items)}")
    print(f"articles:             {kinds[Article.__name__]}")
    print(f"duplicates:           {kinds[Duplicate.__name__]} (same text as an earlier row)")
    print(f"errors:               {kinds[IngestError.__name__]}")
    print(f"with id (unit_id):    {sum(a.id.isdigit() for a in arts)}/{n}")
    print(f"with outlet:          {sum(bool(a.outlet) for a in arts)}/{n}")
    print(f"with published_raw:   {sum(bool(a.published_raw) for a in arts)}/{n}")
    print(f"with title:           {sum(bool(a.title) for a in arts)}/{n}")
    print(f"outlets:              {len({a.outlet for a in arts})} distinct")
    print(f"time:                 {dt:.2f} s ({len(items) / dt:.0f} rows/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
