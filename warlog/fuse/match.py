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
from collections.abc import Callable, Iterable
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


def claimant_key(name: str | None) -> str:
    """One key per source however it is named: normalised, without a leading "the", through the aliases of
    warlog/data/fuse.json ("SOHR", "the Observatory", its director -> syrian observatory for human rights)."""
    k = _norm(name)
    if k.startswith("the "):
        k = k[4:]
    return settings()["claimant_aliases"].get(k, k) or "article"


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


def same_actor(x: str, y: str) -> bool:
    """Two normalised actor names mean the same group: equal, or one's words all inside the other's
    ("rebels" / "syrian rebels")."""
    if x == y:
        return True
    tx, ty = set(x.split()), set(y.split())
    return tx <= ty or ty <= tx


def shared_actors(xs: frozenset[str] | set[str], ys: frozenset[str] | set[str]) -> int:
    """How many names of `xs` have a match in `ys` (see `same_actor`)."""
    if not xs or not ys:
        return 0
    return sum(1 for x in xs if x in ys or any(same_actor(x, y) for y in ys))


def _distance_ok(a: Mention, b: Mention) -> tuple[bool, float, float]:
    """(within the distance fitting the places' precision, distance km, limit km); both must be placed."""
    cfg = settings()
    d = haversine_km(a.lat, a.lon, b.lat, b.lon)
    gp = max(a.gprec, b.gprec)
    limit = float(cfg["max_km_by_precision"][str(gp)])
    if gp >= cfg["same_admin1_for_precision"] and a.admin1 and b.admin1:
        return a.admin1 == b.admin1, d, limit
    return d <= limit, d, limit


def compatible(a: Mention, b: Mention) -> bool:
    """Could be one event at all: different articles, same type, dates within slack, places close enough."""
    cfg = settings()
    if a.akey == b.akey or not (a.fusable and b.fusable) or a.etype != b.etype:
        return False
    slack = cfg["day_slack"]
    if a.d0 > b.d1 + slack or b.d0 > a.d1 + slack:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.placed and b.placed) or _distance_ok(a, b)[0]


def pair_score(a: Mention, b: Mention) -> float | None:
    """How strongly two mentions look like one event; None when they cannot be, or do not look like, one event.

    date (same day 1, a day apart 0.6, a coarser date 0.6 x shared share of the two ranges) + 1.5 x place (same name 1, else 1 - distance/limit)
    + actors (shared: 0.5 + 0.5 x Jaccard; disjoint: -0.5) + wording (token-set similarity of the evidence)
    - 0.3 for different sub-types outside Battles. Thresholds: 2.0 with both places, 2.4 with a place missing
    (which also needs a day date and a shared actor or similar wording; +0.5 for the same sub-type), and 2.6
    when either date is coarser than a day.
    """
    if not compatible(a, b):
        return None
    cfg = settings()
    w = cfg["weights"]
    coarse = a.prec != "day" or b.prec != "day"
    if coarse:  # how much of the two ranges is shared: a day inside a month is weak evidence
        overlap = min(a.d1, b.d1) - max(a.d0, b.d0) + 1
        date_s = cfg["coarse_date_weight"] * max(0, overlap) / (max(a.d1, b.d1) - min(a.d0, b.d0) + 1)
    else:
        date_s = 1.0 if a.d0 == b.d0 else 0.6
    if a.actors and b.actors:
        inter = shared_actors(a.actors, b.actors)
        actor_s = 0.5 + 0.5 * inter / len(a.actors | b.actors) if inter else -cfg["disjoint_actor_penalty"]
    else:
        actor_s = 0.0
    text_s = fuzz.token_set_ratio(a.text, b.text) / 100.0 if a.text and b.text else 0.3
    penalty = cfg["subtype_penalty"] if a.etype != "Battles" and a.sub != b.sub else 0.0
    if a.placed and b.placed:
        _, d, limit = _distance_ok(a, b)
        place_s = 1.0 if (a.place and a.place == b.place) else max(0.0, 1.0 - d / limit)
        score = w["date"] * date_s + w["place"] * place_s + w["actors"] * actor_s + w["wording"] * text_s - penalty
        threshold = cfg["threshold_coarse"] if coarse else cfg["threshold_placed"]
        return round(score, 6) if score >= threshold else None
    # a place is missing (or only a country) on one side: only strong agreement on everything else fuses
    if coarse or not (shared_actors(a.actors, b.actors) or text_s >= cfg["placeless_min_wording"]):
        return None
    same_sub = cfg["same_subtype_bonus"] if a.sub == b.sub else 0.0
    score = w["date"] * date_s + w["actors"] * actor_s + w["wording"] * text_s + same_sub - penalty
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
    keys: Iterable[str],
    scored: Iterable[tuple[str, str, float]],
    article_of: dict[str, str],
    compatible_keys: Callable[[str, str], bool] | None = None,
    signature_of: Callable[[str], object] | None = None,
) -> list[list[str]]:
    """Clusters of mention keys from scored pairs, best pair first (ties by keys).

    Two clusters join only when they share no article and, given `compatible_keys`, every mention of one could
    be the same event as every mention of the other (no chaining across days or towns). `signature_of` maps a
    key to everything `compatible_keys` looks at, so that only distinct signatures are compared.
    """
    sig = signature_of or (lambda k: k)
    parent: dict[str, str] = {k: k for k in keys}
    members: dict[str, list[str]] = {k: [k] for k in parent}
    reps: dict[str, dict[object, str]] = {k: {sig(k): k} for k in parent}
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
        if (
            compatible_keys is not None
            and (len(members[ra]) > 1 or len(members[rb]) > 1)
            and not all(compatible_keys(x, y) for x in reps[ra].values() for y in reps[rb].values())
        ):
            continue
        if rb < ra:
            ra, rb = rb, ra
        parent[rb] = ra
        arts[ra] |= arts.pop(rb)
        members[ra] += members.pop(rb)
        for sg, k in reps.pop(rb).items():
            reps[ra].setdefault(sg, k)
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])


def signature(m: Mention) -> tuple:
    """Everything `compatible` compares except the article."""
    return (m.fusable, m.etype, m.d0, m.d1, m.country, m.placed, m.lat, m.lon, m.gprec, m.admin1)
