"""Seed gold event locations: is each gold location name found in the text and resolved within the gold radius?

    .venv/bin/python bench/geo_seeds.py [--verbose]

For every event of ../shared/gold/*.gold.json whose location names a place, a location counts as
- found: some place mention's text or canonical name has the same normalised key as one of the gold names;
- resolved: such a mention's point lies within the gold radius_km of the gold point.
Descriptive gold names ("near the Lebanese border", "Shiite areas") are kept: they count against us
unless another name of the same location is found.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from warlog.geo import default_gazetteer, find_places  # noqa: E402
from warlog.geo.normalize import key  # noqa: E402
from warlog.nlp import Document, load_pipeline  # noqa: E402

SHARED = REPO.parent / "shared"


def km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def evaluate(shared: Path = SHARED, verbose: bool = False) -> dict:
    nlp = load_pipeline()
    gaz = default_gazetteer(nlp)
    n = found = resolved = 0
    for gold_file in sorted((shared / "gold").glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (shared / "corpus" / "seeds" / gold["article"]).read_text(encoding="utf-8")
        doc = Document(text, nlp)
        places = find_places(doc, gaz)
        for ev in gold["events"]:
            loc = ev.get("location") or {}
            names = {key(x) for x in loc.get("names", [])}
            if not names:
                continue
            n += 1
            hits = [p for p in places if key(p.name) in names or key(p.canonical or "") in names]
            ok = [
                p
                for p in hits
                if p.resolved and km((p.lat, p.lon), (loc["lat"], loc["lon"])) <= loc.get("radius_km", 25)
            ]
            found += bool(hits)
            resolved += bool(ok)
            if verbose and not ok:
                got = [(p.name, p.canonical, p.lat, p.lon) for p in hits]
                print(f"  MISS {ev['id']}: {loc['names']} -> {got}")
    return {"locations": n, "found": found / n if n else 0.0, "resolved": resolved / n if n else 0.0}


def main() -> None:
    if not (SHARED / "gold").exists():
        print(f"no gold at {SHARED / 'gold'}")
        return
    r = evaluate(verbose="--verbose" in sys.argv)
    print(f"seed gold event locations: {r['locations']}")
    print(f"  name found in text   {r['found']:.3f}")
    print(f"  resolved within radius {r['resolved']:.3f}")


if __name__ == "__main__":
    main()
