"""Fusion speed and memory on synthetic mentions: 10k, 30k, 100k article-level events.

Synthetic world: true events with random dates (two years), places (a 5 x 7 degree box), types, actors; each
reported by 1-4 articles with jittered dates (+-1 day), places (a few km), actor order and claims. Prints, per
size, the wall time of `fuse_events`, the peak traced memory (tracemalloc, second run) and the fused count.

    .venv/bin/python bench/fuse_speed.py [--fixed-world] [sizes...]
    .venv/bin/python bench/fuse_speed.py --store 2000     (incremental fusion inside the SQLite store)
    .venv/bin/python bench/fuse_speed.py --store-dense 1200   (its worst case: one city reported every day)

By default the time span grows with the size (2 years per 10k mentions: the same density of reports); with
--fixed-world every size falls in the same 2 years, so blocks get denser as the size grows.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from datetime import date, timedelta

from warlog.fuse import fuse_events
from warlog.model import EVENT_TYPES, Article, Claim, DateValue, Event, PlaceMention

ACTORS = [f"Group {i}" for i in range(40)]
WORDS = [
    "clashes",
    "shelling",
    "attack",
    "town",
    "village",
    "fighters",
    "killed",
    "army",
    "rebels",
    "strike",
    "positions",
    "hill",
    "near",
]


def synthetic(n: int, seed: int = 1, span_days: int = 730):
    rng = random.Random(seed)
    events, claims, articles = [], [], {}
    truth: dict[str, int] = {}  # article -> the synthetic event it reports
    day0 = date(2015, 1, 1)
    art = 0
    true_id = 0
    while len(events) < n:
        true_id += 1
        typ = rng.choice(list(EVENT_TYPES))
        sub = rng.choice(EVENT_TYPES[typ])
        day = day0 + timedelta(days=rng.randrange(span_days))
        lat, lon = 32 + rng.random() * 5, 35 + rng.random() * 7
        a1, a2 = rng.sample(ACTORS, 2)
        words = " ".join(rng.sample(WORDS, 6))
        killed = rng.randrange(0, 60)
        for _ in range(rng.randint(1, 4)):
            art += 1
            aid = f"art{art}"
            articles[aid] = Article(id=aid, text="", outlet=f"outlet{rng.randrange(30)}")
            truth[aid] = true_id
            placed = rng.random() > 0.05
            d = day + timedelta(days=rng.choice([-1, 0, 0, 0, 1]))
            loc = (
                PlaceMention(
                    name=f"p{lat:.2f}",
                    start=0,
                    end=1,
                    lat=lat + rng.gauss(0, 0.03),
                    lon=lon + rng.gauss(0, 0.03),
                    country="SY",
                    precision=rng.choice([1, 1, 2]),
                )
                if placed
                else None
            )
            sides = [a1, a2] if rng.random() > 0.2 else [a2, a1]
            events.append(
                Event(
                    id="e1",
                    event_type=typ,
                    sub_event_type=sub,
                    date=DateValue(d.isoformat()),
                    location=loc,
                    actor1=[sides[0]],
                    actor2=[sides[1]],
                    evidence=words,
                    article=aid,
                )
            )
            if killed:
                k = max(0, killed + rng.randint(-3, 3) * (rng.random() > 0.7) * 5)
                claims.append(
                    Claim(
                        kind="killed",
                        subject=rng.choice([a1, a2, "civilians"]),
                        low=k,
                        high=k,
                        claimant=f"claimant{rng.randrange(50)}",
                        event="e1",
                        article=aid,
                    )
                )
            if len(events) >= n:
                break
    return events, claims, articles, truth


def pairwise(fused, truth: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall of the fused clusters against the synthetic truth (articles as items)."""
    from collections import Counter
    from math import comb

    pred = tp = 0
    for f in fused:
        arts = [m.article for m in f.mentions]
        pred += comb(len(arts), 2)
        tp += sum(comb(c, 2) for c in Counter(truth[a] for a in arts).values())
    gold = sum(comb(c, 2) for c in Counter(truth.values()).values())
    return (tp / pred if pred else 1.0), (tp / gold if gold else 1.0)


def main(sizes: list[int], fixed_world: bool) -> None:
    print("world:", "fixed (2 years: density grows with size)" if fixed_world else "2 years per 10k mentions")
    print(
        f"{'mentions':>9} {'seconds':>8} {'peak MB':>8} {'fused':>7} {'true':>7} {'us/mention':>10} {'P':>6} {'R':>6}"
    )
    for n in sizes:
        span = 730 if fixed_world else max(730, 730 * n // 10_000)
        events, claims, articles, truth = synthetic(n, span_days=span)
        t = time.perf_counter()
        fused = fuse_events(events, claims, articles)
        secs = time.perf_counter() - t
        p, r = pairwise(fused, truth)
        nf, nt = len(fused), len(set(truth.values()))
        del fused
        if n <= 10_000:
            tracemalloc.start()
            fuse_events(events, claims, articles)
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        else:  # tracing 100k+ mentions takes too long: the process's peak resident size instead
            import resource

            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
        print(
            f"{n:>9} {secs:>8.2f} {peak:>8.1f} {nf:>7} {nt:>7} {secs / n * 1e6:>10.1f} {p:>6.3f} {r:>6.3f}",
            flush=True,
        )


def store_bench(n: int) -> None:
    """Incremental fusion in the store: n synthetic one-event articles added one transaction each, then a rebuild;
    prints the time per article and whether incremental fusion equals the rebuild."""
    import tempfile
    from pathlib import Path

    from warlog.fuse import fused_to_dict
    from warlog.fuse.incremental import Fuser, rebuild
    from warlog.model import Reading
    from warlog.store import open_store

    events, claims, articles, _ = synthetic(n, span_days=max(60, 730 * n // 10_000))
    by_art: dict[str, list] = {}
    for c in claims:
        by_art.setdefault(c.article, []).append(c)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "b.db") as st:
        t = time.perf_counter()
        fuser = Fuser(st)
        for e in events:
            a = articles[e.article]
            a.text = f"article {a.id}"
            st.add(a, Reading(article=a.id, text=a.text, outlet=a.outlet, events=[e], claims=by_art.get(a.id, [])))
            fuser.fuse_pending()
        secs = time.perf_counter() - t
        inc = sorted(json_key(fused_to_dict(f)) for f in st.fused_events())
        t = time.perf_counter()
        rebuild(st)
        rsecs = time.perf_counter() - t
        reb = sorted(json_key(fused_to_dict(f)) for f in st.fused_events())
    print(
        f"store: {n} articles added in {secs:.1f} s ({secs / n * 1000:.1f} ms each), {len(inc)} fused; "
        f"rebuild {rsecs:.1f} s; incremental == rebuild: {inc == reb}"
    )


def store_dense_bench(n: int) -> None:
    """The worst case for incremental fusion: n one-event articles, all Battles in one city within 20 days."""
    import tempfile
    from pathlib import Path

    from warlog.fuse import fused_to_dict
    from warlog.fuse.incremental import Fuser, rebuild
    from warlog.model import Reading
    from warlog.store import open_store

    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "d.db") as st:
        t0 = last = time.perf_counter()
        fuser = Fuser(st)
        for i in range(n):
            d = date(2016, 6, 1) + timedelta(days=rng.randrange(20))
            place = PlaceMention(name="Aleppo", start=0, end=1, lat=36.2, lon=37.15, country="SY", precision=1)
            e = Event(
                id="e1",
                event_type="Battles",
                sub_event_type="Armed clash",
                date=DateValue(d.isoformat()),
                location=place,
                actor1=[rng.choice("ABCDE")],
                actor2=[rng.choice("FG")],
                evidence="clashes in aleppo",
                article=f"a{i}",
            )
            a = Article(id=f"a{i}", text=f"text {i}")
            st.add(a, Reading(article=a.id, text=a.text, events=[e]))
            fuser.fuse_pending()
            if (i + 1) % (n // 4) == 0:
                now = time.perf_counter()
                print(f"  {i + 1:>6} articles: {(now - last) / (n // 4) * 1000:.1f} ms per article", flush=True)
                last = now
        secs = time.perf_counter() - t0
        inc = sorted(json_key(fused_to_dict(f)) for f in st.fused_events())
        rebuild(st)
        reb = sorted(json_key(fused_to_dict(f)) for f in st.fused_events())
    print(
        f"store, one city every day: {n} articles in {secs:.1f} s; {len(inc)} fused; incremental == rebuild: {inc == reb}"
    )


def json_key(d: dict) -> str:
    import json

    return json.dumps(d, sort_keys=True)


if __name__ == "__main__":
    if "--store-dense" in sys.argv:
        store_dense_bench(int(sys.argv[sys.argv.index("--store-dense") + 1]))
        sys.exit(0)
    if "--store" in sys.argv:
        store_bench(int(sys.argv[sys.argv.index("--store") + 1]))
        sys.exit(0)
    args = [a for a in sys.argv[1:] if a != "--fixed-world"]
    main([int(x) for x in args] or [10_000, 30_000, 100_000], "--fixed-world" in sys.argv)
