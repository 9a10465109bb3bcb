"""WikiEvents dev: Attacker / Target / Victim / Place argument F1 for attack and death events.

WikiEvents (Li, Ji, Han, NAACL 2021; MIT) annotates KAIROS events with argument entity mentions.
Gold: the arguments of every Conflict.Attack.* and Life.Die.* event mention. System: warlog's
events of the violent types (Battles, Explosions/Remote violence, Violence against civilians,
Riots, Excessive force), read by the actor, geo and extract stages (no dates needed).

Role mapping (documented in docs/quality/events.md):
    Attacker, Killer   <- actor1 (the mention texts of those actors in the event's sentence)
    Target, Victim     <- actor2
    Place              <- location (the toponym as written)

An argument counts when the role agrees, it is in the same sentence as the gold trigger, and one
text contains the other (case-folded): gold arguments are head words ("general"), warlog's are
whole mentions ("Syrian general"). Scored per document over (sentence, role, text) tuples:
precision over warlog's arguments, recall over gold's.

    .venv/bin/python bench/wikievents.py
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from warlog.evaluate import role_figures

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "datasets" / "wikievents" / "dev.jsonl"
ROLES = {"Attacker": "attacker", "Killer": "attacker", "Target": "target", "Victim": "target", "Place": "place"}
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def system_args(doc, events, mentions) -> set[tuple[int, str, str]]:
    """(sentence, role, text) for every argument of warlog's violent events."""
    out = set()
    for e in events:
        if e.event_type not in VIOLENT and e.sub_event_type != "Excessive force against protesters":
            continue
        si = doc.sentence_at(e.start)
        s = doc.sentences[si]
        for role, names in (("attacker", e.actor1), ("target", e.actor2)):
            for n in names:
                texts = [m.text for m in mentions if m.name == n and s.start <= m.start < s.end]
                for t in texts or [n]:
                    out.add((si, role, t.lower()))
        if e.location is not None and s.start <= e.location.start < s.end:
            out.add((si, "place", e.location.name.lower()))
    return out


def agree(a: str, b: str) -> bool:
    return a in b or b in a


def measure() -> dict:
    """Argument P/R/F1 over all roles and per role."""
    from warlog import dates, geo
    from warlog.extract import ActorDictionary, find_actors, find_events
    from warlog.model import Article
    from warlog.nlp import Document, load_pipeline

    dic = ActorDictionary.load()
    nlp = load_pipeline()
    gaz = geo.default_gazetteer(nlp)
    t0 = time.time()
    c = Counter()
    by_role = Counter()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        text = d["text"]
        doc = Document(text, nlp)
        # gold: map token sentence index -> our sentence index through the token's character offset
        tok_char = _token_offsets(text, d["tokens"])
        gold = set()
        for em in d["event_mentions"]:
            if not em["event_type"].startswith(("Conflict.Attack", "Life.Die")):
                continue
            si = doc.sentence_at(tok_char[em["trigger"]["start"]])
            for a in em["arguments"]:
                role = ROLES.get(a["role"])
                if role:
                    gold.add((si, role, a["text"].lower()))
        mentions = find_actors(doc, dic)
        places = geo.find_places(doc, gaz)
        events = find_events(
            doc,
            article=Article(id=d["doc_id"], text=text),
            actors=mentions,
            places=places,
            dates=[],
            dictionary=dic,
            event_date=dates.event_date,
            event_location=geo.event_location,
        )
        sysargs = system_args(doc, events, mentions)
        c["gold"] += len(gold)
        c["sys"] += len(sysargs)
        for g in gold:
            hit = any(s[0] == g[0] and s[1] == g[1] and agree(s[2], g[2]) for s in sysargs)
            c["tp_gold"] += hit
            by_role[(g[1], "gold")] += 1
            by_role[(g[1], "tp_gold")] += hit
        for s in sysargs:
            hit = any(s[0] == g[0] and s[1] == g[1] and agree(s[2], g[2]) for g in gold)
            c["tp_sys"] += hit
            by_role[(s[1], "sys")] += 1
            by_role[(s[1], "tp_sys")] += hit
        c["docs"] += 1
    figs = {"docs": c["docs"], "gold": c["gold"], "system": c["sys"], "seconds": time.time() - t0}
    figs.update(role_figures(c, by_role, ("attacker", "target", "place")))
    return figs


def main(argv: list[str]) -> int:
    if not DATA.exists():
        print(f"no WikiEvents at {DATA}")
        return 1
    f = measure()
    print(f"WikiEvents dev: {f['docs']} documents in {f['seconds']:.0f} s; {f['gold']} gold arguments")
    p, r, f1 = f["all"]
    print(f"  all roles      P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (system arguments {f['system']})")
    for role in ("attacker", "target", "place"):
        p, r, f1 = f[role]
        g, n = f[role + "_counts"]
        print(f"  {role:13s}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (gold {g}, system {n})")
    return 0


def _token_offsets(text: str, tokens: list[str]) -> list[int]:
    out, pos = [], 0
    for t in tokens:
        i = text.find(t, pos)
        if i < 0:
            i = pos
        out.append(i)
        pos = i + len(t) if i >= pos else pos
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv))
