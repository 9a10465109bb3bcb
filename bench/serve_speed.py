"""`warlog serve` speed with 100,000 fused events in the store (synthetic), against the 300 ms target.

Writes a synthetic store straight into the schema (articles, events, claims, fused events and members; fusion is
not run: this measures the server, not fusion): 100,000 fused events over three years in a 6 x 8 degree box, 25,000
articles of 4 events each, 40 actors, 12 outlets, one in eight events with a disagreement. Then, in process through
Starlette's TestClient, times (first calls, and repeats answered from the server's cache) the events page, filtered API calls, the map
points, an event page and an article page. Also prints the time to build the server's in-memory index.

    .venv/bin/python bench/serve_speed.py [n_events] [--db path]   (default 100000, a temporary file)
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from warlog import fuse
from warlog.model import EVENT_TYPES, Claim, DateValue, Event, Fatalities, FusedEvent, PlaceMention
from warlog.store import open_store

ACTORS = [f"Group {i}" for i in range(36)] + ["Hezbollah", "Syrian Arab Army", "Nusra Front", "civilians"]
OUTLETS = [f"Outlet {chr(65 + i)}" for i in range(12)]
WORDS = [
    "clashes",
    "shelling",
    "attack",
    "raid",
    "ambush",
    "airstrike",
    "checkpoint",
    "convoy",
    "village",
    "hill",
    "market",
    "bridge",
]
VOCAB = [f"w{i}" for i in range(5000)]  # article text: a Zipf-like draw over 5,000 words
TARGET_MS = 300.0


def _subtypes() -> dict[str, list[str]]:
    out = {}
    for t in EVENT_TYPES:
        out[t] = EVENT_TYPES[t] if isinstance(EVENT_TYPES, dict) else ["Armed clash"]
    return out


def build_store(path: Path, n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    types = _subtypes()
    tnames = list(types)
    day0 = date(2023, 1, 1)
    per_article = 4
    n_articles = (n + per_article - 1) // per_article
    places = [(f"Town {i}", 32 + rnd.random() * 6, 35 + rnd.random() * 8, f"Province {i % 14}") for i in range(600)]
    store = open_store(path)
    c = store.conn
    c.execute("BEGIN")
    art_rows = []
    for a in range(n_articles):
        d = day0 + timedelta(days=rnd.randrange(3 * 365))
        outlet = OUTLETS[a % len(OUTLETS)]
        text = " ".join(VOCAB[min(int(rnd.paretovariate(1.1)) - 1, len(VOCAB) - 1)] for _ in range(150))
        art_rows.append(
            (
                a + 1,
                f"art-{a}.txt",
                f"synthetic/{a}",
                f"h{a:08d}",
                f"Report {a} {rnd.choice(WORDS)}",
                outlet,
                d.isoformat(),
                "day",
                text,
            )
        )
    c.executemany(
        "INSERT INTO articles (id, name, source, content_hash, title, outlet, published, published_precision, text) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        art_rows,
    )
    ev_rows, fused_rows, member_rows, claim_rows = [], [], [], []
    for i in range(n):
        a = i // per_article
        name = f"art-{a}.txt"
        et = tnames[rnd.randrange(len(tnames))]
        sub = rnd.choice(types[et])
        d = date.fromisoformat(art_rows[a][6]) - timedelta(days=rnd.randrange(2))
        pname, lat, lon, adm = places[rnd.randrange(len(places))] if rnd.random() > 0.03 else (None, None, None, None)
        loc = (
            PlaceMention(
                pname,
                0,
                len(pname),
                lat=round(lat, 4),
                lon=round(lon, 4),
                country="SY",
                admin1=adm,
                canonical=pname,
                precision=1,
            )
            if pname
            else None
        )
        a1, a2 = rnd.sample(ACTORS, 2)
        evidence = f"{a1} {rnd.choice(WORDS)} {a2} near {pname or 'the front'} " + " ".join(rnd.sample(WORDS, 5))
        ev = Event(
            f"{name}-e{i % per_article}",
            et,
            sub,
            date=DateValue(d.isoformat()),
            location=loc,
            actor1=[a1],
            actor2=[a2],
            evidence=evidence,
            start=0,
            end=len(evidence),
            article=name,
        )
        k = rnd.randrange(1, 30)
        claims = [Claim("killed", a2, k, k, OUTLETS[a % len(OUTLETS)], ev.id, evidence, 0, 2, str(k), None, name)]
        contra = []
        if i % 8 == 0:
            claims.append(Claim("killed", a2, k * 3, k * 3, a1, ev.id, evidence, 0, 2, str(k * 3), None, name))
            contra = [f"{a2} killed: {k} ({OUTLETS[a % len(OUTLETS)]}) vs {k * 3} ({a1})"]
        fid = f"F{i:012x}"
        f = FusedEvent(
            fid,
            et,
            sub,
            ev.date,
            loc,
            [a1],
            [a2],
            mentions=[ev],
            articles=[name],
            outlets=[OUTLETS[a % len(OUTLETS)]],
            claims=claims,
            fatalities=Fatalities(k, k, k * 3 if contra else k),
            contradictions=contra,
        )
        day = d.toordinal()
        ev_rows.append(
            (
                i + 1,
                a + 1,
                ev.id,
                et,
                sub,
                d.isoformat(),
                d.isoformat(),
                "day",
                pname,
                lat,
                lon,
                "SY" if pname else None,
                adm,
                1,
                json.dumps([a1]),
                json.dumps([a2]),
                "asserted",
                evidence,
                0,
                len(evidence),
                json.dumps(ev.to_dict()),
                day,
                day,
            )
        )
        fused_rows.append((fid, et, d.isoformat(), 1, len(contra), json.dumps(fuse.fused_to_dict(f))))
        member_rows.append((i + 1, fid))
        claim_rows += [(a + 1, ev.id, "killed", x.subject, x.low, x.high, x.claimant, evidence, 0, 2) for x in claims]
    c.executemany(
        "INSERT INTO events (id, article_id, event_id, event_type, sub_event_type, date_start, date_end, date_precision, "
        "place, lat, lon, country, admin1, geo_precision, actor1, actor2, modality, evidence, start, end, json, day_lo, "
        "day_hi) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        ev_rows,
    )
    c.executemany("INSERT INTO fused_events VALUES (?,?,?,?,?,?)", fused_rows)
    c.executemany("INSERT INTO fused_members VALUES (?,?)", member_rows)
    c.executemany(
        "INSERT INTO claims (article_id, event_id, kind, subject, low, high, claimant, evidence, start, end) "
        "VALUES (?,?,?,?,?,?,?,?,?,?)",
        claim_rows,
    )
    c.executemany(
        "INSERT INTO readings (article_id, json) VALUES (?, ?)",
        [
            (r[0], json.dumps({"article": r[1], "text": r[8], "events": [], "claims": [], "places": [], "actors": []}))
            for r in art_rows
        ],
    )
    c.execute("COMMIT")
    store.close()


def timed(client, url: str, runs: int = 5) -> tuple[float, float, float, int]:
    """(median wall ms of first calls, median CPU ms of first calls, median wall ms of repeats, bytes).

    A first call is one the server has not answered before (each run asks a different page size, so nothing is
    cached); a repeat is answered from the per-index cache. CPU time is this process's (all threads): on a
    machine shared with other jobs it shows what one answer costs when wall time is inflated by waiting."""
    firsts, cpus, repeats = [], [], []
    size = 0
    for k in range(runs):
        u = url if url.startswith(("/event/", "/article/")) else url + ("&" if "?" in url else "?") + f"per={50 - k}"
        c0, t0 = time.process_time(), time.perf_counter()
        r = client.get(u)
        firsts.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
        assert r.status_code == 200, (u, r.status_code, r.text[:300])
        size = len(r.content)
        t0 = time.perf_counter()
        client.get(u)
        repeats.append((time.perf_counter() - t0) * 1000)
    return statistics.median(firsts), statistics.median(cpus), statistics.median(repeats), size


def main(argv: list[str]) -> int:
    n = 100_000
    db = None
    args = list(argv)
    if "--db" in args:
        i = args.index("--db")
        db = Path(args[i + 1])
        del args[i : i + 2]
    if args:
        n = int(args[0])
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "serve_speed.db"
    if not db.exists():
        t0 = time.perf_counter()
        build_store(db, n)
        print(f"synthetic store: {n} fused events written in {time.perf_counter() - t0:.1f} s ({db})")
    from starlette.testclient import TestClient

    from warlog.web.app import create_app

    t0 = time.perf_counter()
    app = create_app(db)
    print(f"server index built in {time.perf_counter() - t0:.2f} s")
    client = TestClient(app)
    fac = client.get("/api/facets").json()
    print(f"store: {fac['events']} fused events, {fac['articles']} articles")
    cases = [
        ("events page (all, newest first)", "/"),
        (
            "events page, filtered (type + date range + actor)",
            "/?type=Battles&from=2024-01-01&to=2024-06-30&actor=Group+3",
        ),
        ("events page, page 500 sorted by fatalities", "/?sort=-fatalities&page=500"),
        ("API events, filtered (type + date range)", "/api/events?type=Battles&from=2024-01-01&to=2024-03-31"),
        (
            "API events, filtered (actor + outlet + disagreements)",
            "/api/events?actor=Hezbollah&outlet=Outlet+C&disagree=1",
        ),
        ("API events, full-text search", "/api/events?q=ambush+convoy"),
        ("API events, place (admin1)", "/api/events?place=Province+3"),
        ("API points (map), all", "/api/points"),
        ("API points (map), filtered", "/api/points?type=Battles&from=2024-01-01&to=2024-06-30"),
        ("event page", "/event/F000000000000"),
        ("article page", "/article/1"),
    ]
    print(f"{'what':58} {'first ms':>9} {'CPU ms':>7} {'repeat ms':>9} {'bytes':>8}")
    for label, url in cases:
        first, cpu, repeat, size = timed(client, url)
        flag = "" if first < TARGET_MS else "  OVER 300 ms"
        print(f"{label:58} {first:9.1f} {cpu:7.1f} {repeat:9.1f} {size:8d}{flag}")
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
