"""Before/after per rule class of the unseen-news work: how many gold events each class gains or
loses, on the tune and test parts of the FA-KES gold corpus (tests/data/fakes_gold).

    python bench/rule_classes.py

Each class is switched off alone (its rules made to answer "nothing to say") and the gold events
matched (true positives), system events and event F1 are compared with everything on. A positive
'gained' means the class adds matched gold events; 'fewer false' counts spurious events it removes.
"""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from warlog.evaluate import score
from warlog.extract import event_place, events, roles, worthiness
from warlog.ingest import load
from warlog.pipeline import Reader

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "fakes_gold"


@contextlib.contextmanager
def off(patches: list[tuple[object, str, object]]) -> Iterator[None]:
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in patches]
    for obj, name, value in patches:
        setattr(obj, name, value)
    try:
        yield
    finally:
        for obj, name, value in saved:
            setattr(obj, name, value)


CLASSES: dict[str, list[tuple[object, str, object]]] = {
    "worthiness (purpose, intention, capability, conditional, question, counterfactual, hypothetical)": [
        (worthiness, "RULES", [])
    ],
    "roles (captives, amid, at the hands of)": [(roles, "RULES", [])],
    "one event once (country-level folds into finer)": [(events, "_fold_coarse", lambda ms: ms)],
    "one event once ('the attack' told again)": [(events, "_fold_references", lambda ms, doc: ms)],
    "place of the event, not of a party": [(event_place, "RULES", [])],
    "background history / foreign country": [
        (events, "_background_history", lambda m, p: False),
        (events, "_foreign_country", lambda m, t: False),
    ],
    "comma-less town lists": [(events, "_bare_list_item", lambda a, b, g: False)],
}


def figures(reader: Reader, part: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        for item in reader.read_all(load([GOLD / part / "corpus"])):
            if hasattr(item, "events"):
                Path(tmp, item.article + ".json").write_text(json.dumps(item.to_dict()), encoding="utf-8")
        return score(GOLD / part / "gold", Path(tmp))


def main() -> None:
    reader = Reader.default()
    rows = []
    for part in ("tune", "test"):
        base = figures(reader, part)
        tp = round(base["event_r"] * base["events_gold"])
        rows.append((part, "all on", tp, base["events_system"], base["event_f1"]))
        for name, patches in CLASSES.items():
            with off(patches):
                f = figures(reader, part)
            rows.append(
                (part, f"without {name}", round(f["event_r"] * f["events_gold"]), f["events_system"], f["event_f1"])
            )
    print("| part | run | gold events matched | system events | event F1 |")
    print("|---|---|---|---|---|")
    for part, name, tp, n, f1 in rows:
        print(f"| {part} | {name} | {tp} | {n} | {f1:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
