"""Cleaner safety on re3d: clean Syria/Iraq documents must come through the boilerplate cleaner whole.

usage: .venv/bin/python bench/ingest_re3d.py        (needs ../shared beside the checkout)

re3d's 98 documents (BBC, UK and US government, EU, Wikipedia pages, already stripped of page
furniture, one sentence per line) are run through warlog.ingest's cleaner. Every line it removes
is printed; an annotated entity whose span lies on a removed line counts as lost prose.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warlog.ingest.clean import clean  # noqa: E402

RE3D = ROOT.parent / "shared" / "datasets" / "re3d"


def main() -> int:
    if not RE3D.is_dir():
        print(f"no re3d at {RE3D}")
        return 1
    docs = lines = removed = entities = lost = 0
    t0 = time.perf_counter()
    for folder in sorted(p for p in RE3D.iterdir() if p.is_dir()):
        spans: dict[str, list[tuple[int, int]]] = {}
        for line in (folder / "entities.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                e = json.loads(line)
                spans.setdefault(e["documentId"], []).append((e["begin"], e["end"]))
        for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            text = d["text"]
            docs += 1
            raw_lines = text.split("\n")
            lines += len(raw_lines)
            gone = {s.strip() for _, s in clean(text).removed}
            removed += len(gone)
            pos = 0
            for raw in raw_lines:  # entity spans on removed lines
                start, end = pos, pos + len(raw)
                pos = end + 1
                hits = [sp for sp in spans.get(d["_id"], []) if start <= sp[0] < end]
                entities += len(hits)
                if raw.strip() in gone:
                    lost += len(hits)
                    print(f"  removed: {folder.name}: {raw.strip()[:100]!r}")
    dt = time.perf_counter() - t0
    print(f"documents:              {docs}")
    print(f"lines:                  {lines}")
    print(f"lines removed:          {removed}")
    print(f"entity mentions:        {entities}")
    print(f"entity mentions lost:   {lost}")
    print(f"time:                   {dt:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
