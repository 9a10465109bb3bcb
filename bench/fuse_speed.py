"""Fusion speed and memory on synthetic mentions: 10k, 30k, 100k article-level events.

Synthetic world: true events with random dates (two years), places (a 5 x 7 degree box), types, actors; each
reported by 1-4 articles with jittered dates (+-1 day), places (a few km), actor order and claims. Prints, per
size, the wall time of `fuse_events`, the peak traced memory (tracemalloc, second run) and the fused count.

    .venv/bin/python bench/fuse_speed.py [--fixed-world] [sizes...]

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
    day0 = date(2015, 1, 1)
    art = 0
    while len(events) < n:
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
    return events, claims, articles


def main(sizes: list[int], fixed_world: bool) -> None:
    print("world:", "fixed (2 years: density grows with size)" if fixed_world else "2 years per 10k mentions")
    print(f"{'mentions':>9} {'seconds':>8} {'peak MB':>8} {'fused':>7} {'us/mention':>10}")
    for n in sizes:
        events, claims, articles = synthetic(n, span_days=730 if fixed_world else max(730, 730 * n // 10_000))
        t = time.perf_counter()
        fused = fuse_events(events, claims, articles)
        secs = time.perf_counter() - t
        tracemalloc.start()
        fuse_events(events, claims, articles)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"{n:>9} {secs:>8.2f} {peak:>8.1f} {len(fused):>7} {secs / n * 1e6:>10.1f}", flush=True)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--fixed-world"]
    main([int(x) for x in args] or [10_000, 30_000, 100_000], "--fixed-world" in sys.argv)
