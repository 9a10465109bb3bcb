"""RAMS dev: Attacker / Target / Victim / Place argument F1 for attack and death events.

RAMS 1.0 (Ebner et al., ACL 2020; believed CC BY-SA 4.0) gives one event per five-sentence
window with its arguments (token spans). Gold: the arguments of windows whose event type starts
with conflict.attack or life.die. System: warlog's violent event (Battles, Explosions/Remote
violence, Violence against civilians, Riots) nearest the gold trigger, read by the actor, geo and
extract stages.

Role mapping (documented in docs/quality/events.md):
    attacker, killer   <- actor1 (mention texts of those actors in the window)
    target, victim     <- actor2
    place              <- location (the toponym as written)

An argument counts when the role agrees and one text contains the other (case-folded).
Precision over warlog's arguments, recall over gold's. Windows where warlog finds no violent
event count as all gold arguments missed.

    .venv/bin/python bench/rams.py [--limit N]
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from warlog.evaluate import role_figures

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "datasets" / "rams" / "dev.jsonlines"
ROLES = {"attacker": "attacker", "killer": "attacker", "target": "target", "victim": "target", "place": "place"}
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def measure(limit: int | None = None) -> dict:
    """Argument P/R/F1 over all roles and per role, on the first `limit` attack/death windows."""
    from warlog import dates, geo
    from warlog.extract import ActorDictionary, find_actors, find_events
    from warlog.model import Article
    from warlog.nlp import Document, load_pipeline

    dic = ActorDictionary.load()
    nlp = load_pipeline()
    gaz = geo.default_gazetteer(nlp)
    t0 = time.time()
    c: Counter[str] = Counter()
    by_role: Counter[tuple[str, str]] = Counter()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        etype = d["evt_triggers"][0][2][0][0]
        if not etype.startswith(("conflict.attack", "life.die")):
            continue
        if limit is not None and c["windows"] >= limit:
            break
        tokens = [t for sent in d["sentences"] for t in sent]
        # one sentence per line so that warlog's sentences are RAMS's sentences
        text, starts, pos = "", [], 0
        for sent in d["sentences"]:
            for t in sent:
                starts.append(pos)
                text += t + " "
                pos += len(t) + 1
            text = text[:-1] + "\n\n"
            pos += 1
        gold = set()
        for (_ts, _te), (a0, a1), role in d["gold_evt_links"]:
            r = ROLES.get(re.sub(r"^evt\d+arg\d+", "", role))
            if r:
                gold.add((r, " ".join(tokens[a0 : a1 + 1]).lower()))
        trig_at = starts[d["evt_triggers"][0][0]]
        doc = Document(text, nlp)
        mentions = find_actors(doc, dic)
        places = geo.find_places(doc, gaz)
        events = find_events(
            doc,
            article=Article(id=d["doc_key"], text=text),
            actors=mentions,
            places=places,
            dates=[],
            dictionary=dic,
            event_date=dates.event_date,
            event_location=geo.event_location,
        )
        violent = [e for e in events if e.event_type in VIOLENT]
        sysargs = set()
        if violent:
            e = min(violent, key=lambda e: abs(e.start - trig_at) if not (e.start <= trig_at < e.end) else -1)
            for role, names in (("attacker", e.actor1), ("target", e.actor2)):
                for n in names:
                    for t in [m.text for m in mentions if m.name == n] or [n]:
                        sysargs.add((role, t.lower()))
            if e.location is not None:
                sysargs.add(("place", e.location.name.lower()))
            c["with_event"] += 1
        c["windows"] += 1
        c["gold"] += len(gold)
        c["sys"] += len(sysargs)
        for g in gold:
            hit = any(s[0] == g[0] and (s[1] in g[1] or g[1] in s[1]) for s in sysargs)
            c["tp_gold"] += hit
            by_role[(g[0], "gold")] += 1
            by_role[(g[0], "tp_gold")] += hit
        for s in sysargs:
            hit = any(s[0] == g[0] and (s[1] in g[1] or g[1] in s[1]) for g in gold)
            c["tp_sys"] += hit
            by_role[(s[0], "sys")] += 1
            by_role[(s[0], "tp_sys")] += hit
    figs = {"windows": c["windows"], "gold": c["gold"], "system": c["sys"], "seconds": time.time() - t0}
    figs["with_event"] = c["with_event"] / max(c["windows"], 1)
    figs.update(role_figures(c, by_role, ("attacker", "target", "place")))
    return figs


def main(argv: list[str]) -> int:
    if not DATA.exists():
        print(f"no RAMS at {DATA}")
        return 1
    f = measure(int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None)
    print(f"RAMS dev: {f['windows']} attack/death windows in {f['seconds']:.0f} s; {f['gold']} gold arguments")
    print(f"  windows where warlog finds a violent event  {f['with_event']:.3f}")
    p, r, f1 = f["all"]
    print(f"  all roles      P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (system arguments {f['system']})")
    for role in ("attacker", "target", "place"):
        p, r, f1 = f[role]
        g, n = f[role + "_counts"]
        print(f"  {role:13s}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (gold {g}, system {n})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
