"""Events on the hand-gold seed articles, through the reference scorer.

Reads /work/shared/corpus/seeds/*.txt with warlog.api.read, writes the readings to a temporary
folder and scores them with /work/shared/tools/score.py. Prints the scorer's figures, then the
same with the place check switched off (what the events stage gets right whatever the geo stage
does) and with the date check switched off too.

    .venv/bin/python bench/seed_events.py [--keep DIR]
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def measure(out: Path | None = None) -> dict[str, dict]:
    """Reads the seeds into `out` and scores them: {"reference": ..., "no_place": ..., "events_only": ...}."""
    from warlog.api import read

    out = out or Path(tempfile.mkdtemp(prefix="warlog-seed-"))
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    n = 0
    for reading in read(sorted((SHARED / "corpus" / "seeds").glob("*.txt"))):
        if not hasattr(reading, "events"):
            print("not read:", reading)
            continue
        (out / f"{reading.article}.json").write_text(json.dumps(reading.to_dict(), ensure_ascii=False))
        n += 1
    score = load_scorer()
    figs = {"reference": score.score(SHARED / "gold", out), "articles": n, "seconds": time.time() - t0, "dir": out}
    place_ok, date_ok = score.place_ok, score.date_ok
    try:
        score.place_ok = lambda s, g: True
        figs["no_place"] = score.score(SHARED / "gold", out)
        score.date_ok = lambda s, g: True
        figs["events_only"] = score.score(SHARED / "gold", out)
    finally:
        score.place_ok, score.date_ok = place_ok, date_ok
    return figs


KEYS = (
    "events_gold",
    "events_system",
    "event_p",
    "event_r",
    "event_f1",
    "event_untyped_f1",
    "sub_event_type_acc",
    "actor1_f1",
    "actor2_f1",
    "date_exact_acc",
    "modality_acc",
)


def main(argv: list[str]) -> int:
    if not (SHARED / "gold").is_dir():
        print(f"no gold at {SHARED / 'gold'}")
        return 1
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    f = measure(keep)
    print(f"read {f['articles']} seed articles in {f['seconds']:.1f} s -> {f['dir']}")
    for key, title in (
        ("reference", "reference scorer"),
        ("no_place", "place check off (events + dates only)"),
        ("events_only", "place and date checks off (events only)"),
    ):
        print(f"\n{title}")
        for k in KEYS:
            v = f[key][k]
            print(f"  {k:22s} {v:.3f}" if isinstance(v, float) else f"  {k:22s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
