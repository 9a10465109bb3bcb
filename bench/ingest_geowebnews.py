"""Cleaner safety on GeoWebNews: news article texts must come through the boilerplate cleaner whole.

usage: .venv/bin/python bench/ingest_geowebnews.py        (needs ../shared beside the checkout)

The 93 dev articles of GeoWebNews are run through warlog.ingest's cleaner; every removed line is
printed, and a gold toponym whose span lies on a removed line counts as lost prose.
"""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warlog.ingest.clean import clean  # noqa: E402

GWN = ROOT.parent / "shared" / "datasets" / "geowebnews" / "GWN.dev.xml"


def main() -> int:
    if not GWN.is_file():
        print(f"no GeoWebNews at {GWN}")
        return 1
    docs = lines = removed = toponyms = lost = 0
    t0 = time.perf_counter()
    for art in ET.parse(GWN).getroot().iter("article"):
        text = art.findtext("text") or ""
        docs += 1
        spans = [int(t.findtext("start")) for t in art.iter("toponym") if t.findtext("start")]
        toponyms += len(spans)
        gone = {s.strip() for _, s in clean(text).removed}
        removed += len(gone)
        pos = 0
        for raw in text.split("\n"):
            start, end = pos, pos + len(raw)
            pos = end + 1
            lines += 1
            if raw.strip() in gone:
                hit = sum(start <= s < end for s in spans)
                lost += hit
                print(f"  removed: article {art.get('file')}: {raw.strip()[:100]!r} ({hit} toponyms)")
    dt = time.perf_counter() - t0
    print(f"articles:               {docs}")
    print(f"lines:                  {lines}")
    print(f"lines removed:          {removed}")
    print(f"gold toponyms:          {toponyms}")
    print(f"gold toponyms lost:     {lost}")
    print(f"time:                   {dt:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
