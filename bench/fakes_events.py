"""FA-KES dev: does the article's main event agree with the crowd-coded cause of death and actor?

FA-KES (Abu Salem et al., ICWSM 2019; CC BY 4.0) labels each Syrian-war article with a
`cause_of_death` and an `actor` class (see /work/shared/datasets/fa-kes/SOURCE.md). Each article
is read by the extract stage alone (actors + events; no gazetteer, publication date from the
`date` column). The main event is the first violent event (not a strategic development) in text
order; when it names no attacker and a later violent event tells the same incident (overlapping
evidence, or same sub-type, date and place) with an actor1, that one is the main event (see
`main_event`). Mappings (documented in docs/quality/events.md):

    cause_of_death      ACLED sub-event types that agree
    shelling            Shelling/artillery/missile attack, Air/drone strike
    explosion           Remote explosive/landmine/IED, Suicide bomb, Air/drone strike, Shelling/...
    chemical and toxic gases   Chemical weapon
    execution           Attack (violence against civilians)
    shooting            Armed clash, Attack, Excessive force against protesters
    unknown             (row not scored)

    actor class                          actor1 names that agree
    syrian government or russian troops  any pro-government actor (Syrian Arab Army, NDF, Hezbollah, Russia, Iran ...)
    the organization of the islamic state ... - isis   Islamic State
    international coalition forces       US-led coalition
    armed opposition groups              any opposition-side actor (Syrian rebels, Free Syrian Army, Ahrar al-Sham ...)
    self administration forces           Syrian Democratic Forces, People's Protection Units
    al-nusra front                       Nusra Front, Hayat Tahrir al-Sham
    unknown                              (row not scored)

    .venv/bin/python bench/fakes_events.py [--limit N]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "datasets" / "fa-kes" / "fakes.dev.jsonl"

CAUSE = {
    "shelling": {"Shelling/artillery/missile attack", "Air/drone strike"},
    "explosion": {
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    },
    "chemical and toxic gases": {"Chemical weapon"},
    "execution": {"Attack"},
    "shooting": {"Armed clash", "Attack", "Excessive force against protesters"},
}


def actor_ok(label: str, names: list[str], dic) -> bool:
    def side(n):
        a = dic.get(n)
        return a.side if a else None

    if label.startswith("syrian government"):
        return any(dic.pro_government(n) for n in names)
    if label.endswith("isis"):
        return "Islamic State" in names
    if label == "international coalition forces":
        return "US-led coalition" in names
    if label == "armed opposition groups":
        return any(side(n) == "opposition" for n in names)
    if label == "self administration forces":
        return any(n in ("Syrian Democratic Forces", "People's Protection Units") for n in names)
    if label == "al-nusra front":
        return any(n in ("Nusra Front", "Hayat Tahrir al-Sham") for n in names)
    return False


def _same_incident(a, b) -> bool:
    """Two events telling one incident: one evidence sentence, or one sub-type, date and place."""
    if a.start < b.end and b.start < a.end:
        return True

    def when(e):
        return (e.date.start, e.date.end) if e.date else None

    place = (a.location.name if a.location else None) == (b.location.name if b.location else None)
    return a.sub_event_type == b.sub_event_type and when(a) == when(b) and place


def main_event(events: list):
    """The first violent event; an unattributed one yields to a telling of the same incident that
    names the attacker (the strike on civilians stays an event, but the attacker is the article's actor)."""
    violent = [e for e in events if e.event_type != "Strategic developments"]
    if not violent:
        return None
    first = violent[0]
    if first.actor1:
        return first
    return next((e for e in violent[1:] if e.actor1 and _same_incident(first, e)), first)


def run(rows: list[dict]) -> dict:
    from warlog import dates, geo
    from warlog.extract import ActorDictionary, find_actors, find_events
    from warlog.model import Article, DateValue
    from warlog.nlp import Document, load_pipeline

    dic = ActorDictionary.load()
    nlp = load_pipeline()
    c = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for r in rows:
        text = r["article_content"]
        try:
            pub = datetime.strptime(r["date"], "%m/%d/%y").date().isoformat()
        except (TypeError, ValueError):
            pub = None
        art = Article(id=str(r["unit_id"]), text=text, published=DateValue(pub) if pub else None)
        doc = Document(text, nlp)
        ments = find_actors(doc, dic)
        events = find_events(
            doc,
            article=art,
            actors=ments,
            places=[],
            dates=[],
            dictionary=dic,
            event_date=dates.event_date,
            event_location=geo.event_location,
        )
        main = main_event(events)
        c["articles"] += 1
        c["with_event"] += main is not None
        cause = r["cause_of_death"]
        if cause in CAUSE:
            c["cause_rows"] += 1
            got = main.sub_event_type if main else "(none)"
            c["cause_ok"] += got in CAUSE[cause]
            c["cause_ok_if_event"] += main is not None and got in CAUSE[cause]
            c["cause_rows_with_event"] += main is not None
            confusion[(cause, got)] += 1
        if r["actor"] != "unknown":
            c["actor_rows"] += 1
            names = main.actor1 if main else []
            c["actor_ok"] += actor_ok(r["actor"], names, dic)
            c["actor_rows_with_actor1"] += bool(names)
            c["actor_ok_if_actor1"] += bool(names) and actor_ok(r["actor"], names, dic)
    c["confusion"] = confusion
    return c


def main(argv: list[str]) -> int:
    if not DATA.exists():
        print(f"no FA-KES at {DATA}")
        return 1
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    if "--limit" in argv:
        rows = rows[: int(argv[argv.index("--limit") + 1])]
    t0 = time.time()
    c = run(rows)
    dt = time.time() - t0

    def pct(a, b):
        return f"{c[a] / c[b]:.3f} ({c[a]}/{c[b]})" if c[b] else "n/a"

    print(f"FA-KES dev: {c['articles']} articles in {dt:.0f} s")
    print(f"  articles with a violent event          {pct('with_event', 'articles')}")
    print(f"  sub-type agrees with cause_of_death    {pct('cause_ok', 'cause_rows')}")
    print(f"    ... among articles with an event     {pct('cause_ok_if_event', 'cause_rows_with_event')}")
    print(f"  actor1 agrees with actor class         {pct('actor_ok', 'actor_rows')}")
    print(f"    ... among events with an actor1      {pct('actor_ok_if_actor1', 'actor_rows_with_actor1')}")
    print("  most common (cause, sub-type) pairs:")
    for (cause, got), n in c["confusion"].most_common(12):
        print(f"    {n:4d}  {cause:26s} -> {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
