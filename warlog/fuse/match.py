"""Which article-level events are the same real-world event: features, blocking, pair scores, clustering.

A *mention* is one Event of one article. Two mentions may fuse when their types are compatible (a table in
warlog/data/fuse.json: an air strike and shelling may be one event, a protest and an air strike never), their
dates overlap within their precision and their places lie within a distance fitting their precision. `link`
then scores every feature a coder uses (date, place, type, actor sides, killed figures, evidence text), each
weighted in warlog/data/fuse.json, and gives the reasons in words (`warlog show`). Candidate pairs come from
blocks (type family x week x coarse lat/lon cell, x admin1, x actor side for events without a place), never
from all pairs.

Clustering is deterministic and independent of the order articles arrive in: the pair edges are a function of
the two mentions only, and clusters are built from the edges in a fixed order (best first, the articles' lead
events preferred, ties by key), never joining two clusters that share an article (an article's own events are
distinct by construction), never chaining incompatible mentions, and never through a background mention.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache

from rapidfuzz import fuzz

from warlog import lexicon
from warlog.model import Claim, Event

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "unknown": 5}


@cache
def settings() -> dict:
    """The fusion settings and lexicons (warlog/data/fuse.json)."""
    return lexicon.common("fuse")


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
        "family",
        "sides",
        "sides1",
        "victims",
        "figures",
        "background",
        "vec",
        "lead",
        "govname",
    )

    def __init__(self, event: Event, akey: str, claims: Iterable[Claim] = ()):
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
            self.admin1 = cfg["admin1_groups"].get(self.admin1, self.admin1)
            self.place = _norm(loc.canonical or loc.name) or None
            vague = (loc.feature or "") in cfg["vague_places"] or (loc.where_prec or 0) >= 6
            if loc.lat is not None and loc.lon is not None and not vague:
                self.lat, self.lon = float(loc.lat), float(loc.lon)
                self.gprec = loc.precision if loc.precision in (1, 2, 3) else 2
        self.placed = self.lat is not None
        # a place named like its governorate ("Idlib", "Aleppo", "Deir ez-Zor") may stand for the governorate
        self.govname = bool(self.placed and self.admin1 and self.place and _same_name(self.place, self.admin1))
        self.actor1 = frozenset(_norm(a) for a in event.actor1 if a)
        self.actors = frozenset(_norm(a) for a in (*event.actor1, *event.actor2, *event.assoc_actors) if a)
        self.text = _norm(event.evidence)
        self.family = type_family(self.etype)
        self.sides1 = frozenset(side_of(a) for a in event.actor1 if a)
        self.sides = frozenset(side_of(a) for a in (*event.actor1, *event.actor2, *event.assoc_actors) if a)
        self.victims = frozenset(side_of(a) for a in event.actor2 if a)
        self.set_claims(claims)
        self.vec = None
        self.lead = False  # the article's lead event (its first violent one), set by `mark_leads`

    def set_claims(self, claims: Iterable[Claim]) -> None:
        """The mention's killed figures; a coarse date (a month or coarser) without any is a background mention."""
        self.figures = figures_of(claims)
        self.background = self.prec in settings()["background_precisions"] and not self.figures

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
                keys.append(("c", self.family, w, *self._cell()))
            else:
                keys.extend(("n", self.family, w, a) for a in self.sides)
            if self.admin1:
                keys.append(("r", self.family, w, self.country, self.admin1))
            keys.extend(("a", self.family, w, a) for a in self.sides)
        return keys

    def lookup_keys(self) -> list[tuple]:
        keys: list[tuple] = []
        for w in self.weeks():
            if self.placed:
                cx, cy = self._cell()
                keys.extend(("c", self.family, w, cx + dx, cy + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
                keys.extend(("n", self.family, w, a) for a in self.sides)
            else:
                keys.extend(("a", self.family, w, a) for a in self.sides)
            if self.admin1:
                keys.append(("r", self.family, w, self.country, self.admin1))
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


def type_score(a_type: str, a_sub: str, b_type: str, b_sub: str) -> float | None:
    """How compatible two (type, sub-type) pairs are (warlog/data/fuse.json `type_scores`, `subtype_pairs`,
    `type_pairs`); None when they can never be one event (a protest and an air strike)."""
    return _type_table().get((a_type, a_sub, b_type, b_sub))


@cache
def _type_table() -> dict[tuple[str, str, str, str], float | None]:
    from warlog.model import EVENT_TYPES

    cfg = settings()
    ts = cfg["type_scores"]
    subs = {(s1, s2): v for s1, s2, v in cfg["subtype_pairs"]}
    types = {(t1, t2): v for t1, t2, v in cfg["type_pairs"]}
    out: dict[tuple[str, str, str, str], float | None] = {}
    pairs = [(t, s) for t, ss in EVENT_TYPES.items() for s in ss]
    for t1, s1 in pairs:
        for t2, s2 in pairs:
            if s1 == s2 and t1 == t2:
                v: float | None = ts["same_sub"]
            elif (s1, s2) in subs or (s2, s1) in subs:
                v = subs.get((s1, s2), subs.get((s2, s1)))
            elif t1 == t2:
                v = ts["same_type"]
            else:
                v = types.get((t1, t2), types.get((t2, t1)))
            out[(t1, s1, t2, s2)] = v
    return out


@cache
def _families() -> dict[str, int]:
    return {t: i for i, fam in enumerate(settings()["type_families"]) for t in fam}


def type_family(etype: str) -> int:
    """The block family of an event type: types in one family may be one event (see `type_score`)."""
    return _families().get(etype, -1)


@cache
def _side_table() -> dict[str, str]:
    data = lexicon.common("actors")
    out: dict[str, str] = {}
    for a in data["actors"]:
        side = a.get("side")
        if not side or side in ("monitor", "other"):
            continue
        for n in (a["name"], *a.get("aliases", ())):
            out.setdefault(_norm(n), side)
    for d in data.get("descriptors", ()):
        target = (d.get("by_country") or {}).get("SY") or (d.get("by_country") or {}).get("*")
        if target and _norm(target) in out:
            for w in d.get("words", ()):
                out.setdefault(_norm(w), out[_norm(target)])
    return out


@cache
def _canon_table() -> dict[str, str]:
    data = lexicon.common("actors")
    out: dict[str, str] = {}
    for a in data["actors"]:
        for n in (a["name"], *a.get("aliases", ())):
            out.setdefault(_norm(n), _norm(a["name"]))
    for d in data.get("descriptors", ()):
        target = (d.get("by_country") or {}).get("SY")
        if target and not d.get("generic"):
            for w in d.get("words", ()):
                out.setdefault(_norm(w), _norm(target))
    return out


def actor_of(name: str) -> str:
    """The canonical actor a name stands for ("regime forces", "Syrian troops" -> syrian arab army); an unknown
    name stands for itself."""
    n = _norm(name)
    if n.startswith("the "):
        n = n[4:]
    return _canon_table().get(n, n)


def side_of(name: str) -> str:
    """The side an actor name stands for (warlog/data/actors.json `side`: "Syrian Arab Army", "regime forces"
    and "government troops" are all the government side); an unknown name is its own side."""
    n = _norm(name)
    if n.startswith("the "):
        n = n[4:]
    return _side_table().get(n, n)


def figures_of(claims: Iterable[Claim]) -> dict[str, tuple[int, int | None]]:
    """killed figures of one mention by subject: subject -> (lower, upper or None for "at least"); running
    totals (see aggregate.is_cumulative) are left out."""
    from warlog.fuse.aggregate import is_cumulative

    out: dict[str, tuple[int, int | None]] = {}
    for c in claims:
        if c.kind != "killed" or (c.low is None and c.high is None) or is_cumulative(c):
            continue
        lo = c.low if c.low is not None else 0
        subj = side_of(c.subject or "unknown")
        prev = out.get(subj)
        out[subj] = (lo, c.high) if prev is None or lo > prev[0] else prev
    return out


def figures_agree(x: tuple[int, int | None], y: tuple[int, int | None]) -> bool:
    """Two killed figures of one subject could be one toll: within the contradiction tolerance, or an open
    "at least N" below the other."""
    cfg = settings()
    (xl, xh), (yl, yh) = x, y
    px = (xl + xh) // 2 if xh is not None else xl
    py = (yl + yh) // 2 if yh is not None else yl
    lo, hi = (x, y) if px <= py else (y, x)
    plo, phi = min(px, py), max(px, py)
    if lo[1] is None:
        return True
    if phi - plo < cfg["contradiction_min_difference"]:
        return True
    return plo > 0 and phi / plo <= cfg["contradiction_ratio"]


def _same_name(place: str, admin1: str) -> bool:
    def key(x: str) -> str:
        x = x.replace("governorate", "").replace("province", "").replace("al ", "").replace("ar ", "")
        return "".join(ch for ch in x if ch.isalnum())[:5]

    return key(place) == key(admin1)


def _distance_ok(a: Mention, b: Mention) -> tuple[bool, float, float]:
    """(within the distance fitting the places' precision, distance km, limit km); both must be placed. A place
    named like its governorate counts as the governorate (precision 3: the same admin1 is enough)."""
    cfg = settings()
    d = haversine_km(a.lat, a.lon, b.lat, b.lon)
    gp = max(a.gprec, b.gprec, 3 if (a.govname or b.govname) else 1)
    limit = float(cfg["max_km_by_precision"][str(gp)])
    if gp >= cfg["same_admin1_for_precision"] and a.admin1 and b.admin1:
        return a.admin1 == b.admin1, d, limit
    return d <= limit, d, limit


def compatible(a: Mention, b: Mention) -> bool:
    """Could be one event at all: different articles, compatible types, dates within slack, places close enough."""
    cfg = settings()
    if a.akey == b.akey or not (a.fusable and b.fusable):
        return False
    if type_score(a.etype, a.sub, b.etype, b.sub) is None:
        return False
    slack = cfg["day_slack"]
    if a.d0 > b.d1 + slack or b.d0 > a.d1 + slack:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.placed and b.placed) or _distance_ok(a, b)[0]


class Link:
    """Why two mentions are (or are not) one event: each feature's score and its reason in words."""

    __slots__ = ("features", "reasons", "score", "threshold", "priority")

    def __init__(self) -> None:
        self.features: dict[str, float] = {}
        self.reasons: dict[str, str] = {}
        self.score = 0.0
        self.threshold = 0.0
        self.priority = 0.0  # the score plus the lead-event preference: the order links are taken in

    @property
    def linked(self) -> bool:
        return self.score >= self.threshold

    def to_dict(self) -> dict:
        return {
            "score": round(self.score, 3),
            "priority": round(self.priority, 3),
            "threshold": self.threshold,
            "features": {k: round(v, 3) for k, v in self.features.items()},
            "reasons": dict(self.reasons),
        }


def _date_feature(a: Mention, b: Mention) -> tuple[float, str]:
    ds = settings()["date_scores"]
    if a.prec == "day" and b.prec == "day":
        gap = abs(a.d0 - b.d0) if (a.d0 == a.d1 and b.d0 == b.d1) else max(0, max(a.d0, b.d0) - min(a.d1, b.d1))
        if gap == 0:
            return ds["same_day"], "same day"
        return (ds["next_day"] if gap == 1 else ds["days_apart"]), f"{gap} day(s) apart"
    coarser = max(a.prec, b.prec, key=lambda p: PRECISION_RANK.get(p, 5))
    return (
        ds.get(coarser, 0.0),
        f"a {coarser} against {'a day' if min(a.prec, b.prec, key=lambda p: PRECISION_RANK.get(p, 5)) == 'day' else 'another'} inside it",
    )


def _place_feature(a: Mention, b: Mention) -> tuple[float, str]:
    cfg = settings()
    if not (a.placed and b.placed):
        return 0.0, "a place missing"
    _, d, limit = _distance_ok(a, b)
    if a.place and a.place == b.place:
        if a.govname or b.govname:  # "Aleppo": a city of millions, or its whole governorate
            return cfg["governorate_named_place_score"], f"same place named like its governorate ({a.place})"
        return 1.0, f"same place ({a.place})"
    s = max(0.0, 1.0 - d / limit)
    why = f"{d:.0f} km apart (limit {limit:.0f} km)"
    same_admin1 = a.admin1 and a.admin1 == b.admin1
    if same_admin1 and max(a.gprec, b.gprec) >= cfg["same_admin1_for_precision"] and cfg["same_admin1_place_score"] > s:
        s, why = cfg["same_admin1_place_score"], f"a governorate and a place in it ({a.admin1})"
    return s, why


def _actor_feature(a: Mention, b: Mention) -> tuple[float, str]:
    """Sides, not names: the attackers' sides agree (or one clash told from both sides: each names the other's
    target as the attacker), plus the victims' side. Civilians are a victim side, never a shared party."""
    cfg = settings()
    civ = frozenset(cfg["victim_only_sides"])
    sa, sb = a.sides - civ, b.sides - civ
    a1, b1 = a.sides1 - civ, b.sides1 - civ
    vic = (a.victims & b.victims) if a.victims and b.victims else frozenset()
    bonus = cfg["victim_bonus"] if vic else 0.0
    vwhy = ("; same victims: " + ", ".join(sorted(vic))) if vic else ""
    if a1 and b1:
        if a1 & b1:
            s = 0.5 + 0.5 * len(sa & sb) / len(sa | sb)
            return min(1.0, s + bonus), "same attacker side: " + ", ".join(sorted(a1 & b1)) + vwhy
        if (a1 & (b.victims - civ)) and (b1 & (a.victims - civ)):
            return min(1.0, 0.5 + bonus), "one clash told from both sides: " + ", ".join(sorted(a1 | b1)) + vwhy
        return -cfg["disjoint_actor_penalty"], "attackers differ: " + ", ".join(sorted(a1)) + " vs " + ", ".join(
            sorted(b1)
        )
    if sa and sb:
        if sa & sb:
            return min(1.0, 0.3 + bonus), "a side in common: " + ", ".join(sorted(sa & sb)) + vwhy
        return -cfg["disjoint_actor_penalty"] / 2, "no side in common: " + ", ".join(sorted(sa)) + " vs " + ", ".join(
            sorted(sb)
        )
    return bonus, ("victims only" + vwhy) if vic else "actors missing on one side"


def _claims_feature(a: Mention, b: Mention) -> tuple[float, str]:
    if not (a.figures and b.figures):
        return 0.0, "no figures to compare"
    agree, differ = [], []
    for subj, x in a.figures.items():
        y = b.figures.get(subj)
        if y is None:
            continue
        (agree if figures_agree(x, y) else differ).append(f"{subj} {_fig(x)} / {_fig(y)}")
    if agree and not differ:
        return 1.0, "killed figures agree: " + "; ".join(agree)
    if differ:
        return -0.5 if not agree else 0.0, "killed figures differ: " + "; ".join(differ)
    return 0.0, "figures about different people"


def _fig(x: tuple[int, int | None]) -> str:
    return f"at least {x[0]}" if x[1] is None else (str(x[0]) if x[0] == x[1] else f"{x[0]}-{x[1]}")


def _text_feature(a: Mention, b: Mention) -> tuple[float, str]:
    cfg = settings()
    if a.vec is not None and b.vec is not None:
        sim = float(sum(x * y for x, y in zip(a.vec, b.vec, strict=False)))
        how, floor = "sentence embedding", cfg["text_floor_embedding"]
    elif a.text and b.text:
        sim = fuzz.token_set_ratio(a.text, b.text) / 100.0
        how, floor = "word overlap", cfg["text_floor"]
    else:
        return 0.0, "no evidence text"
    return max(0.0, (sim - floor) / (1 - floor)), f"{how} similarity {sim:.2f}"


def link(a: Mention, b: Mention) -> Link | None:
    """Every feature of a pair, each scaled by its precision, weighted as in warlog/data/fuse.json; None when
    the two cannot be one event at all (see `compatible`)."""
    if not compatible(a, b):
        return None
    cfg = settings()
    w = cfg["weights"]
    out = Link()
    ts = type_score(a.etype, a.sub, b.etype, b.sub)
    feats = {
        "date": _date_feature(a, b),
        "place": _place_feature(a, b),
        "type": (ts, f"{a.sub} / {b.sub}"),
        "actors": _actor_feature(a, b),
        "claims": _claims_feature(a, b),
        "text": _text_feature(a, b),
    }
    lead = (1.0, "both are their article's lead event") if a.lead and b.lead else (0.0, "not both lead events")
    for k, (v, why) in feats.items():
        out.features[k] = v
        out.reasons[k] = why
    out.score = sum(w[k] * v for k, (v, _) in feats.items())
    # the lead event of each article is the incident it is about: preferred among linked pairs, never a reason
    # to link on its own
    out.features["lead"], out.reasons["lead"] = lead
    out.priority = out.score + w["lead"] * lead[0]
    coarse = a.prec != "day" or b.prec != "day"
    if a.placed and b.placed:
        out.threshold = cfg["threshold_coarse"] if coarse else cfg["threshold_placed"]
        if not lead[0]:  # a mention told after an article's lead: a passing or background telling
            out.threshold += cfg["secondary_extra"]
    else:
        out.threshold = cfg["threshold_placeless"]
        # a place missing: only a day date, a shared side (the block key) and similar wording fuse
        if coarse or out.features["actors"] <= 0 or out.features["text"] < cfg["placeless_min_text"]:
            out.threshold = math.inf
    return out


def pair_score(a: Mention, b: Mention) -> float | None:
    """A linked pair's priority (`link`: its score plus the lead-event preference), or None when the two do not
    look like one event."""
    lk = link(a, b)
    return round(lk.priority, 6) if lk is not None and lk.linked else None


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
    cands: list[tuple[str, str, Mention, Mention]] = []
    for m in new:
        for ck, c in index.candidates(m).items():
            pair = (m.key, ck) if m.key < ck else (ck, m.key)
            if pair in seen:
                continue
            seen.add(pair)
            if compatible(m, c):
                cands.append((pair[0], pair[1], m, c))
    embed_mentions({id(x): x for _, _, m, c in cands for x in (m, c)}.values())
    out: list[tuple[str, str, float]] = []
    for ka, kb, m, c in cands:
        s = pair_score(m, c)
        if s is not None:
            out.append((ka, kb, s))
    out.sort()
    return out


def cluster(
    keys: Iterable[str],
    scored: Iterable[tuple[str, str, float]],
    article_of: dict[str, str],
    compatible_keys: Callable[[str, str], bool] | None = None,
    signature_of: Callable[[str], object] | None = None,
    background: Callable[[str], bool] | None = None,
) -> list[list[str]]:
    """Clusters of mention keys from scored pairs, best pair first (ties by keys).

    Given `background` (key -> a background mention: coarse date, no figures), an edge through a background
    mention never joins two clusters that both already hold two or more mentions.

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

    # each pair in one orientation (key order), so that equal scores are taken in the same order however the
    # caller oriented them (the store gives pairs by row, pair_edges by key)
    pairs = sorted(((min(a, b), max(a, b), sc) for a, b, sc in scored), key=lambda e: (-e[2], e[0], e[1]))
    for a, b, _ in pairs:
        if a not in parent or b not in parent:
            continue
        ra, rb = find(a), find(b)
        if ra == rb or arts[ra] & arts[rb]:
            continue
        if (
            background is not None
            and len(members[ra]) > 1
            and len(members[rb]) > 1
            and (background(a) or background(b))
        ):
            continue  # a background mention (coarse date, no figures) joins an incident but never glues two
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
    return (m.fusable, m.etype, m.sub, m.d0, m.d1, m.country, m.placed, m.lat, m.lon, m.gprec, m.admin1)


# ---------------------------------------------------------------------------------------------
# Text similarity: an optional sentence embedder (warlog/fuse/embed.py); without one, word overlap


_EMBEDDER: list = []  # [embedder or None] once decided


def set_embedder(embedder) -> None:
    """Use `embedder` (an object with `embed(list[str]) -> list[vector]`, unit vectors) for text similarity;
    None switches embeddings off (word overlap is used)."""
    _EMBEDDER[:] = [embedder]


def get_embedder():
    if not _EMBEDDER:
        from warlog.fuse.embed import default_embedder

        _EMBEDDER.append(default_embedder())
    return _EMBEDDER[0]


def embed_mentions(mentions: Iterable[Mention]) -> None:
    """Give every mention with evidence text and no vector yet its sentence vector (when an embedder is on)."""
    todo = [m for m in mentions if m.vec is None and m.text and m.fusable]
    if not todo:
        return
    emb = get_embedder()
    if emb is None:
        return
    texts = sorted({m.text for m in todo})
    vecs = dict(zip(texts, emb.embed(texts), strict=True))
    for m in todo:
        m.vec = vecs[m.text]


VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def mark_leads(mentions: Iterable[Mention]) -> None:
    """Mark each article's lead event: its first violent event in the text (its first event when none is
    violent), the one a reader takes for the article's own incident."""
    by_art: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_art[m.akey].append(m)
    for ms in by_art.values():
        violent = [m for m in ms if m.etype in VIOLENT_TYPES] or ms
        first = min(violent, key=lambda m: (m.event.start, m.event.id))
        for m in ms:
            m.lead = m is first
