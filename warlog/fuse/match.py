"""Which article-level events are the same real-world event: features, blocking, pair scores, clustering.

A *mention* is one Event of one article. Two mentions may fuse when they share the event type, their dates
overlap within their precision and their places lie within a distance fitting their precision; the actors and
the wording of the evidence then decide. Candidate pairs come from blocks (week bucket x coarse lat/lon cell,
week x admin1, week x actor for events without a place), never from all pairs.

Clustering is deterministic and independent of the order articles arrive in: the pair edges are a function of
the two mentions only, and clusters are built from the edges in a fixed order (best score first, ties by key),
never joining two clusters that share an article (an article's own events are distinct by construction).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from warlog.model import Event

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "unknown": 5}


@cache
def settings() -> dict:
    """The fusion settings and lexicons (warlog/data/fuse.json)."""
    return json.loads(resources.files("warlog").joinpath("data/fuse.json").read_text(encoding="utf-8"))


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().replace("-", " ").split())


def parse_day(s: str | None, *, end: bool = False) -> int | None:
    """An ISO date (YYYY-MM-DD, YYYY-MM or YYYY) as a day ordinal; `end` takes the last day of a month/year."""
    if not s:
        return None
    s = s.strip()
    try:
        if len(s) >= 10:
            return date.fromisoformat(s[:10]).toordinal()
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:7])
            if not end:
                return date(y, m, 1).toordinal()
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return nxt.toordinal() - 1
        if len(s) == 4:
            y = int(s)
            return date(y, 12, 31).toordinal() if end else date(y, 1, 1).toordinal()
    except ValueError:
        return None
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Mention:
    """The features of one Event that fusion compares (internal working form, not a record)."""

    __slots__ = (
        "key",
        "akey",
        "event",
        "etype",
        "sub",
        "d0",
        "d1",
        "prec",
        "fusable",
        "lat",
        "lon",
        "gprec",
        "country",
        "admin1",
        "place",
        "placed",
        "actors",
        "actor1",
        "text",
    )

    def __init__(self, event: Event, akey: str):
        cfg = settings()
        self.event = event
        self.akey = akey
        self.key = f"{akey}\x1f{event.id}"
        self.etype = event.event_type
        self.sub = event.sub_event_type
        d = event.date
        self.prec = d.precision if d is not None else "unknown"
        self.d0 = parse_day(d.start) if d is not None else None
        self.d1 = parse_day(d.end or d.start, end=True) if d is not None else None
        if self.d0 is not None and (self.d1 is None or self.d1 < self.d0):
            self.d1 = self.d0
        self.fusable = (
            self.d0 is not None
            and PRECISION_RANK.get(self.prec, 5) <= PRECISION_RANK["season"]
            and self.d1 - self.d0 <= cfg["max_range_days"]
        )
        loc = event.location
        self.lat = self.lon = None
        self.gprec = None
        self.country = self.admin1 = self.place = None
        if loc is not None:
            self.country = (loc.country or "").upper() or None
            self.admin1 = _norm(loc.admin1) or None
            self.place = _norm(loc.canonical or loc.name) or None
            vague = (loc.feature or "") in cfg["vague_places"] or (loc.where_prec or 0) >= 6
            if loc.lat is not None and loc.lon is not None and not vague:
                self.lat, self.lon = float(loc.lat), float(loc.lon)
                self.gprec = loc.precision if loc.precision in (1, 2, 3) else 2
        self.placed = self.lat is not None
        self.actor1 = frozenset(_norm(a) for a in event.actor1 if a)
        self.actors = frozenset(_norm(a) for a in (*event.actor1, *event.actor2, *event.assoc_actors) if a)
        self.text = _norm(event.evidence)

    # -- blocking ---------------------------------------------------------------------------------
    def weeks(self) -> range:
        slack = settings()["day_slack"]
        return range(self.d0 // 7, (self.d1 + slack) // 7 + 1)

    def _cell(self) -> tuple[int, int]:
        deg = settings()["cell_degrees"]
        return math.floor(self.lat / deg), math.floor(self.lon / deg)

    def index_keys(self) -> list[tuple]:
        keys: list[tuple] = []
        for w in self.weeks():
            if self.placed:
                keys.append(("c", self.etype, w, *self._cell()))
            else:
                keys.extend(("n", self.etype, w, a) for a in self.actors)
            if self.admin1:
                keys.append(("r", self.etype, w, self.country, self.admin1))
            keys.extend(("a", self.etype, w, a) for a in self.actors)
        return keys

    def lookup_keys(self) -> list[tuple]:
        keys: list[tuple] = []
        for w in self.weeks():
            if self.placed:
                cx, cy = self._cell()
                keys.extend(("c", self.etype, w, cx + dx, cy + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
                keys.extend(("n", self.etype, w, a) for a in self.actors)
            else:
                keys.extend(("a", self.etype, w, a) for a in self.actors)
            if self.admin1:
                keys.append(("r", self.etype, w, self.country, self.admin1))
        return keys


def pair_score(a: Mention, b: Mention) -> float | None:
    """How strongly two mentions look like one event; None when they cannot be the same event."""
    cfg = settings()
    if a.akey == b.akey or not (a.fusable and b.fusable) or a.etype != b.etype:
        return None
    slack = cfg["day_slack"]
    if a.d0 > b.d1 + slack or b.d0 > a.d1 + slack:
        return None
    if a.country and b.country and a.country != b.country:
        return None
    w = cfg["weights"]
    # date
    date_s = (1.0 if a.d0 == b.d0 else 0.6) if a.prec == "day" and b.prec == "day" else 0.3
    # actors
    if a.actors and b.actors:
        inter = len(a.actors & b.actors)
        actor_s = 0.5 + 0.5 * inter / len(a.actors | b.actors) if inter else -cfg["disjoint_actor_penalty"]
    else:
        actor_s = 0.0
    # wording
    text_s = fuzz.token_set_ratio(a.text, b.text) / 100.0 if a.text and b.text else 0.3
    penalty = cfg["subtype_penalty"] if a.etype != "Battles" and a.sub != b.sub else 0.0
    if a.placed and b.placed:
        d = haversine_km(a.lat, a.lon, b.lat, b.lon)
        gp = max(a.gprec, b.gprec)
        limit = float(cfg["max_km_by_precision"][str(gp)])
        same_admin1 = a.admin1 is not None and a.admin1 == b.admin1
        if gp >= cfg["same_admin1_for_precision"] and a.admin1 and b.admin1:
            if not same_admin1:
                return None
        elif d > limit:
            return None
        place_s = 1.0 if (a.place and a.place == b.place) else max(0.0, 1.0 - d / limit)
        score = w["date"] * date_s + w["place"] * place_s + w["actors"] * actor_s + w["wording"] * text_s - penalty
        return round(score, 6) if score >= cfg["threshold_placed"] else None
    # a place is missing on one side: only strong agreement on everything else fuses
    if not (a.actors & b.actors) or date_s < 0.6:
        return None
    if a.place and b.place and a.place != b.place:
        return None
    score = w["date"] * date_s + w["actors"] * actor_s + w["wording"] * text_s - penalty
    return round(score, 6) if score >= cfg["threshold_placeless"] else None


class BlockIndex:
    """Mentions by block key; `candidates` gives every indexed mention sharing a block with a mention."""

    def __init__(self, mentions: Iterable[Mention] = ()):
        self._blocks: dict[tuple, list[Mention]] = defaultdict(list)
        for m in mentions:
            self.add(m)

    def add(self, m: Mention) -> None:
        if not m.fusable:
            return
        for k in set(m.index_keys()):
            self._blocks[k].append(m)

    def candidates(self, m: Mention) -> dict[str, Mention]:
        if not m.fusable:
            return {}
        out: dict[str, Mention] = {}
        for k in set(m.lookup_keys()):
            for c in self._blocks.get(k, ()):
                if c.key != m.key:
                    out[c.key] = c
        return out


def edges(new: list[Mention], pool: Iterable[Mention] = ()) -> list[tuple[str, str, float]]:
    """Scored pairs (key_a < key_b, score) among `new` and between `new` and `pool`."""
    index = BlockIndex([*pool, *new])
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str, float]] = []
    for m in new:
        for ck, c in index.candidates(m).items():
            pair = (m.key, ck) if m.key < ck else (ck, m.key)
            if pair in seen:
                continue
            seen.add(pair)
            s = pair_score(m, c)
            if s is not None:
                out.append((pair[0], pair[1], s))
    out.sort()
    return out


def cluster(
    keys: Iterable[str], scored: Iterable[tuple[str, str, float]], article_of: dict[str, str]
) -> list[list[str]]:
    """Clusters of mention keys from scored pairs: best pair first (ties by keys), never two of one article."""
    parent: dict[str, str] = {k: k for k in keys}
    arts: dict[str, set[str]] = {k: {article_of[k]} for k in parent}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b, _ in sorted(scored, key=lambda e: (-e[2], e[0], e[1])):
        if a not in parent or b not in parent:
            continue
        ra, rb = find(a), find(b)
        if ra == rb or arts[ra] & arts[rb]:
            continue
        if rb < ra:
            ra, rb = rb, ra
        parent[rb] = ra
        arts[ra] |= arts.pop(rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for k in parent:
        groups[find(k)].append(k)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
