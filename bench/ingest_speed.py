"""Ingest throughput: FA-KES rows, the bundled examples, and an HTML page.

usage: .venv/bin/python bench/ingest_speed.py        (FA-KES part needs ../shared beside the checkout)

Runs each input a few times and prints articles per second (the machine is shared: keep it short).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warlog.ingest import load  # noqa: E402
from warlog.model import Article  # noqa: E402

FAKES = ROOT.parent / "shared" / "datasets" / "fa-kes" / "fakes.dev.jsonl"
EXAMPLES = ROOT / "examples"
PAGE = EXAMPLES / "03_qalamoun-voice_dozens-killed.html"


def rate(label: str, inputs: list[Path], rounds: int) -> None:
    n = 0
    t0 = time.perf_counter()
    for _ in range(rounds):
        n += sum(isinstance(i, Article) for i in load(inputs))
    dt = time.perf_counter() - t0
    print(f"{label:<28} {n:>6} articles in {dt:6.2f} s = {n / dt:8.0f} articles/s")


def main() -> int:
    if FAKES.is_file():
        rate("FA-KES jsonl (381 rows)", [FAKES], 3)
    rate("examples/ (7 articles)", [EXAMPLES], 10)
    rate("HTML page (trafilatura)", [PAGE], 20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
