"""Turn gold files into system-style readings, so two annotators can be scored against each other.

    python tests/data/fakes_gold/as_reading.py GOLD_DIR OUT_DIR

The second annotator's gold (``second/gold``) written as readings and scored with
``warlog eval test/gold OUT_DIR`` gives the agreement between two people: the ceiling of what a
reader can score on these articles. A location's first name is the reading's name; every
other field keeps the annotator's alternatives (the scorer accepts lists).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def as_reading(gold: dict[str, Any]) -> dict[str, Any]:
    reading = dict(gold)
    events = []
    for e in gold.get("events", []):
        e = dict(e)
        loc = dict(e.get("location") or {})
        names = loc.pop("names", None) or [None]
        loc["name"] = names[0]
        e["location"] = loc
        events.append(e)
    reading["events"] = events
    return reading


def main(gold_dir: str, out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(Path(gold_dir).glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        name = path.name[: -len(".gold.json")] + ".json"
        (out / name).write_text(json.dumps(as_reading(gold), indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
