"""Fixed rule that chose the FA-KES articles of the real gold corpus and split them tune/test.

Run from the repository root with ``../shared`` beside it:

    python tests/data/fakes_gold/select.py

Rule (decided before anyone looked at warlog's output on these articles):
1. Rows of ``fakes.dev.jsonl`` whose text has at most 600 words (annotation time) and whose text
   is not a repeat of an earlier row.
2. Within each outlet (``source``), rows ordered by sha256 of their ``unit_id``; outlets taken in
   alphabetical order, one row each per round, until 42 rows are chosen.
3. Split: ``test`` when the first 8 hex digits of sha256(unit_id) mod 5 is 0 or 1 (about 40%),
   else ``tune``.

Each chosen article is written as ``<part>/corpus/<unit_id>.txt``: title, blank line, text,
exactly as FA-KES gives them. Gold readings sit beside them in ``<part>/gold/``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[2].parent / "shared" / "datasets" / "fa-kes" / "fakes.dev.jsonl"
TOTAL = 42
MAX_WORDS = 600


def digest(unit_id: int | str) -> str:
    return hashlib.sha256(str(unit_id).encode()).hexdigest()


def part(unit_id: int | str) -> str:
    return "test" if int(digest(unit_id)[:8], 16) % 5 in (0, 1) else "tune"


def choose(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        text = row["article_content"]
        if len(text.split()) > MAX_WORDS or text in seen:
            continue
        seen.add(text)
        by_outlet.setdefault(row["source"], []).append(row)
    for group in by_outlet.values():
        group.sort(key=lambda r: digest(r["unit_id"]))
    chosen: list[dict[str, Any]] = []
    depth = 0
    while len(chosen) < TOTAL:
        added = False
        for outlet in sorted(by_outlet):
            group = by_outlet[outlet]
            if depth < len(group) and len(chosen) < TOTAL:
                chosen.append(group[depth])
                added = True
        if not added:
            break
        depth += 1
    return chosen


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    rows = [json.loads(line) for line in source.open(encoding="utf-8")]
    chosen = choose(rows)
    split: dict[str, list[str]] = {"tune": [], "test": []}
    for row in chosen:
        name = f"{row['unit_id']}.txt"
        text = f"{row['article_title'].strip()}\n\n{row['article_content'].strip()}\n"
        corpus = HERE / part(row["unit_id"]) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
        split[part(row["unit_id"])].append(name)
    for names in split.values():
        names.sort()
    (HERE / "split.json").write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print(f"{len(chosen)} articles: {len(split['tune'])} tune, {len(split['test'])} test")


if __name__ == "__main__":
    main()
