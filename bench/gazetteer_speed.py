"""Gazetteer speed: time to build the index from scratch, and per-name lookup time.

    .venv/bin/python bench/gazetteer_speed.py

Builds into a temporary directory (the user's index is left alone), then looks up a fixed list
of names (exact, transliterated and unknown ones) many times, cold and warm.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from warlog.geo import SqliteGazetteer, build_index, find_places  # noqa: E402
from warlog.nlp import Document, load_pipeline  # noqa: E402

NAMES = [
    "Damascus",
    "Aleppo",
    "Homs",
    "Arsal",
    "Ersal",
    "Qalamoon",
    "Yabrud",
    "Al-Qusayr",
    "Qasair",
    "Ras al-Marra",
    "Beirut",
    "Tripoli",
    "Mosul",
    "Ramadi",
    "Falluja",
    "Sanaa",
    "Benghazi",
    "Kabul",
    "London",
    "Springfield",
    "Rural Damascus",
    "Eastern Ghouta",
    "Xqzvbnt",
    "Nowhereville",
    "حمص",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        nlp = load_pipeline()  # inside the timing, as before (the build used to load it itself)
        path = build_index(Path(tmp) / "gazetteer.sqlite", force=True, nlp=nlp)
        build_s = time.perf_counter() - t0
        size_mb = path.stat().st_size / 1e6
        gaz = SqliteGazetteer(path)
        t0 = time.perf_counter()
        for n in NAMES:
            gaz.lookup(n)
        cold_ms = (time.perf_counter() - t0) / len(NAMES) * 1000
        rounds = 200
        t0 = time.perf_counter()
        for _ in range(rounds):
            for n in NAMES:
                gaz.lookup(n)
        warm_us = (time.perf_counter() - t0) / (rounds * len(NAMES)) * 1e6
        text = " ".join(
            f"Shelling hit {a} and {b} near {c} on Monday, the monitor said."
            for a, b, c in zip(NAMES, NAMES[1:], NAMES[2:], strict=False)
        )
        t0 = time.perf_counter()
        places = find_places(Document(text, nlp), gaz)
        first_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        places = find_places(Document(text, nlp), gaz)
        doc_ms = (time.perf_counter() - t0) * 1000
        long_text = "\n\n".join([text] * 40)
        t0 = time.perf_counter()
        long_places = find_places(Document(long_text, nlp), gaz)
        long_ms = (time.perf_counter() - t0) * 1000
    print(f"index build: {build_s:.1f} s ({size_mb:.0f} MB)")
    print(f"lookup: {cold_ms:.2f} ms per name cold, {warm_us:.1f} us per name warm (cached)")
    print(
        f"find_places: {doc_ms:.0f} ms for a {len(text)}-character text with {len(places)} place mentions "
        f"({first_ms:.0f} ms on first use: loading the English word list)"
    )
    print(f"find_places: {long_ms:.0f} ms for a {len(long_text)}-character text with {len(long_places)} place mentions")


if __name__ == "__main__":
    main()
