"""Boilerplate removal on the two hand-read seed articles: what goes, what must stay.

usage: .venv/bin/python bench/ingest_seeds.py        (needs ../shared beside the checkout)

Figures:
- boilerplate recall: of the lines judged boilerplate by hand (listed below), how many the
  cleaner removed;
- prose removed: lines the cleaner removed that are not on the hand list (should be 0);
- gold evidence kept: of the evidence quotes of the gold events and claims
  (../shared/gold/*.gold.json), how many are still in the cleaned text (white space folded),
  by default and with load(..., keep_captions=True).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warlog.ingest import load  # noqa: E402
from warlog.ingest.clean import clean  # noqa: E402
from warlog.ingest.decode import decode_bytes  # noqa: E402

SHARED = ROOT.parent / "shared"

# Hand judgement (2026-11-23): the boilerplate lines of each seed, as they start.
BOILERPLATE = {
    "001_6e355342c0a6265c.txt": [
        "Jaysh al-Fateh Qalamoun logo / twitter",
        "Nusra Front fighters during training / twitter",
        "Jaysh al-Fateh statement declaring war on ISIS / twitter",
        "Jaysh al-Fateh realising 27 ISIS fighters / twitter",
        "Hezbollah Fighter on Tel Musa / al-Mannar",
        "Hassan Nasrallah / AlJazeera",
        "The Daily Star: Hezbollah assault on Qalamoun ruled out",
        "Al Jazeera: Nasrallah declares victory",
        "SOHR: Hezbollah advances in al- Qalamoun area",
        "No comments:",
        "Post a Comment",
    ],
    "004_b9ec6e55cb29619d.txt": [
        "Safe Mode: On",
        "Part of channel(s): Syria (current event)",
        "Loading the player ...",
        "Embed CodeSwitch Player",
        "Plays: 3425 (Embed: 0)",
        "Tags: Syria, qalamoon",
        "Location: Syria (load item map)",
        "Views: 5460 | Comments: 70",
        "You need to be registered in order to add comments",
    ],
}


def fold(s: str) -> str:
    return " ".join(s.split())


def main() -> int:
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        print(f"no seeds at {seeds}")
        return 1
    expected = removed_ok = wrong = 0
    ev_total = ev_kept = 0
    missing: list[str] = []
    articles = {a.id: a for a in load([seeds])}
    for name, hand in BOILERPLATE.items():
        text, _ = decode_bytes((seeds / name).read_bytes())
        removed = [line for _, line in clean(text).removed]
        expected += len(hand)
        for h in hand:
            removed_ok += any(r.startswith(h) for r in removed)
        for r in removed:
            if not any(r.startswith(h) for h in hand):
                wrong += 1
                print(f"  prose removed? {name}: {r[:100]!r}")
        gold = json.loads((SHARED / "gold" / f"{name}.gold.json").read_text(encoding="utf-8"))
        body = fold(articles[name].text)
        for item in gold["events"] + gold["claims"]:
            ev = fold(item.get("evidence", ""))
            if not ev:
                continue
            ev_total += 1
            if ev in body:
                ev_kept += 1
            else:
                missing.append(f"{name}: {ev[:90]}")
    print(f"seed articles:            {len(BOILERPLATE)}")
    print(f"boilerplate lines (hand): {expected}")
    print(f"boilerplate recall:       {removed_ok}/{expected} = {removed_ok / expected:.3f}")
    print(f"prose lines removed:      {wrong}")
    print(f"gold evidence kept:       {ev_kept}/{ev_total} = {ev_kept / ev_total:.3f}")
    for m in missing:
        print(f"  evidence lost: {m}")
    kept_keep = 0
    for a in load([seeds], keep_captions=True):
        gold = json.loads((SHARED / "gold" / f"{a.id}.gold.json").read_text(encoding="utf-8"))
        body = fold(a.text)
        kept_keep += sum(fold(i["evidence"]) in body for i in gold["events"] + gold["claims"] if i.get("evidence"))
    print(f"  with keep_captions=True: {kept_keep}/{ev_total} = {kept_keep / ev_total:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
