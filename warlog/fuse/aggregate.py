"""One fused event from its member events: fields by vote, every claim, low/best/high per side, contradictions.

Figures (UCDP's low/best/high, per side = per claim subject, kind "killed"):

- a claim's *point* figure: its exact value; the middle of a range; the floor of "at least N"; the ceiling of
  "up to N". Claims with no figure ("several") count as claims but give no number;
- **low**: the most conservative figure: the smallest lower bound among the claims (a claim without a lower
  bound gives its upper bound);
- **high**: the largest figure any claim gives (upper bound, else lower bound);
- **best**: the lower median of the distinct sources' point figures (one figure per claimant: its largest),
  taken over independent monitors only when at least one monitor gave a figure (warlog/data/fuse.json);
- all sides together: the sums over named sides; a figure about "unknown" people is read as a possible total,
  so the total is never below it. ACLED-style fatalities = the total's low.

Running or campaign totals (the claim's sentence says "since April", "in the past two weeks", ...: the
`cumulative_markers` of warlog/data/fuse.json) are kept among the claims but left out of the figures and of
the contradictions, and so is a smaller figure in the same sentence as a larger one about the same people from the same
claimant (a breakdown: "11 civilians including three children").

Contradictions: two claimants' figures for the same kind and subject that cannot both be true (their intervals
do not overlap: see `interval`), and sources (articles) whose
actor1 sets are disjoint (they blame different perpetrators; for Battles, not when each names the other's
target as the attacker, i.e. one clash told from both sides).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

from warlog.fuse.match import PRECISION_RANK, Mention, _norm, actor_of, claimant_key, settings, shared_actors
from warlog.model import Article, Claim, DateValue, Fatalities, FusedEvent, PlaceMention


def fused_id(member_keys: Iterable[str]) -> str:
    """A fused event's id: a digest of its first member's key, so it does not depend on ingestion order."""
    first = min(member_keys)
    return "F" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:12]


def is_monitor(claimant: str) -> bool:
    c = f" {_norm(claimant)} "
    return any(f" {m} " in c for m in settings()["independent_monitors"])


@cache
def _cumulative_re() -> re.Pattern:
    words = sorted(settings()["cumulative_markers"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def is_cumulative(c: Claim) -> bool:
    """A running or campaign total ("since April", "in the past two weeks"): not one event's own toll."""
    return bool(c.evidence) and _cumulative_re().search(c.evidence) is not None


def point(c: Claim) -> int | None:
    if c.low is not None and c.high is not None:
        return (c.low + c.high) // 2
    return c.low if c.low is not None else c.high


def figure_text(c: Claim) -> str:
    if c.low is not None and c.high is not None:
        return str(c.low) if c.low == c.high else f"{c.low}-{c.high}"
    if c.low is not None:
        return f"at least {c.low}"
    if c.high is not None:
        return f"up to {c.high}"
    return c.number_text or "unspecified"


def interval(c: Claim) -> tuple[int, float] | None:
    """The people a figure allows: exact N [N, N], a range [low, high], "at least N" [N, inf); "up to N" is read
    as the claimant's figure N (the claimed toll, not a bound the claimant stands behind below it)."""
    if c.low is not None:
        return c.low, (c.high if c.high is not None else math.inf)
    if c.high is not None:
        return c.high, c.high
    return None


def contradicts(a: Claim, b: Claim) -> bool:
    """Two figures of one kind and subject cannot both be true: their intervals (see `interval`) do not overlap
    (43 against "at least 100", 4 against 5; not "at least 58" against "at least 86")."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return False
    return ia[1] < ib[0] or ib[1] < ia[0]


def side_figures(claims: list[Claim]) -> Fatalities:
    """low / best / high of one side's figures (see the module's doc)."""
    nums = [c for c in claims if c.low is not None or c.high is not None]
    if not nums:
        return Fatalities()
    lows = [c.low for c in nums if c.low is not None]
    low = min(lows) if lows else min(c.high for c in nums)
    high = max(c.high if c.high is not None else c.low for c in nums)
    by_claimant: dict[str, int] = {}
    monitors: set[str] = set()
    for c in nums:
        k = claimant_key(c.claimant)
        by_claimant[k] = max(by_claimant.get(k, 0), point(c))
        if is_monitor(c.claimant):
            monitors.add(k)
    pool = sorted(v for k, v in by_claimant.items() if not monitors or k in monitors)
    best = pool[(len(pool) - 1) // 2]
    return Fatalities(low=low, best=best, high=high)


def _total(by_side: dict[str, Fatalities]) -> Fatalities:
    if not by_side:
        return Fatalities()
    unknown = Fatalities()
    named: list[Fatalities] = []
    for subject, f in by_side.items():
        if _norm(subject) == "unknown":
            unknown = f
        else:
            named.append(f)

    def tot(attr: str) -> int | None:
        vals = [getattr(f, attr) for f in named if getattr(f, attr) is not None]
        s = sum(vals) if vals else None
        u = getattr(unknown, attr)
        if s is None:
            return u
        return s if u is None else max(s, u)

    return Fatalities(low=tot("low"), best=tot("best"), high=tot("high"))


def _vote(values: Iterable[str], order: list[str]) -> str:
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], -order.index(v)))


def _pick_date(members: list[Mention]) -> DateValue | None:
    dated = [m.event.date for m in members if m.event.date is not None and m.event.date.start]
    if not dated:
        return None
    finest = min(PRECISION_RANK.get(d.precision, 5) for d in dated)
    cands = [d for d in dated if PRECISION_RANK.get(d.precision, 5) == finest]
    counts = Counter((d.start, d.end) for d in cands)
    start, end = min(counts, key=lambda se: (-counts[se], se[0], se[1] or ""))
    d = next(d for d in cands if (d.start, d.end) == (start, end))
    return DateValue(start=d.start, end=d.end, precision=d.precision, text=d.text, method="fused")


def _pick_place(members: list[Mention]) -> PlaceMention | None:
    locs = [m.event.location for m in members if m.event.location is not None]
    if not locs:
        return None
    resolved = [p for p in locs if p.lat is not None and p.lon is not None] or locs
    best_prec = min((p.precision or 9) for p in resolved)
    cands = [p for p in resolved if (p.precision or 9) == best_prec]
    names = [_norm(p.canonical or p.name) for p in cands]
    top = _vote(names, names)
    return next(p for p in cands if _norm(p.canonical or p.name) == top)


def _sides(members: list[Mention]) -> tuple[list[str], list[str], list[str]]:
    votes1: Counter[str] = Counter()
    votes2: Counter[str] = Counter()
    assoc: Counter[str] = Counter()
    for m in members:
        votes1.update(dict.fromkeys(m.event.actor1, 1))
        votes2.update(dict.fromkeys(m.event.actor2, 1))
        assoc.update(dict.fromkeys(m.event.assoc_actors, 1))
    names = set(votes1) | set(votes2)
    a1 = sorted((n for n in names if votes1[n] >= votes2[n]), key=lambda n: (-votes1[n], n))
    a2 = sorted((n for n in names if votes2[n] > votes1[n]), key=lambda n: (-votes2[n], n))
    ass = sorted((n for n in assoc if n not in names), key=lambda n: (-assoc[n], n))
    return a1, a2, ass


def sides(names: Iterable[str]) -> set[str]:
    """The canonical actors (warlog/data/actors.json) of actor names: one group under several names."""
    return {actor_of(n) for n in names}


def _source_name(akey: str, articles: dict[str, Article]) -> str:
    a = articles.get(akey)
    if a is None:
        return akey
    return a.outlet or a.id


def build(members: list[Mention], claims: list[Claim], articles: dict[str, Article]) -> FusedEvent:  # noqa: C901
    """The FusedEvent of one cluster. `claims` are the claims linked to any member (`Claim.event`)."""
    members = sorted(members, key=lambda m: m.key)
    order = [m.etype for m in members]
    etype = _vote(order, order)
    subs = [m.sub for m in members if m.etype == etype]
    sub = _vote(subs, subs)
    a1, a2, assoc = _sides(members)
    modalities = [m.event.modality for m in members]
    modality = "asserted" if "asserted" in modalities else _vote(modalities, modalities)
    akeys = sorted({m.akey for m in members})
    names = [articles[k].id if k in articles else k for k in akeys]
    outlets = sorted({articles[k].outlet for k in akeys if k in articles and articles[k].outlet})
    claims = sorted(claims, key=lambda c: (c.article, c.start, c.end, c.kind, c.subject, c.claimant))

    # breakdowns: a smaller figure in the same sentence as a larger one about the same people, same claimant
    sentence_max: dict[tuple, int] = {}
    for c in claims:
        if c.evidence and point(c) is not None:
            k = (c.article, c.evidence, c.kind, _norm(c.subject), claimant_key(c.claimant))
            sentence_max[k] = max(sentence_max.get(k, 0), point(c))

    def aside(c: Claim) -> bool:  # left out of figures and contradictions (kept among the claims)
        p = point(c)
        if is_cumulative(c):
            return True
        return (
            bool(c.evidence)
            and p is not None
            and p < sentence_max[(c.article, c.evidence, c.kind, _norm(c.subject), claimant_key(c.claimant))]
        )

    # figures per side (killed)
    killed: dict[str, list[Claim]] = defaultdict(list)
    display: dict[str, Counter] = defaultdict(Counter)
    for c in claims:
        if c.kind == "killed" and not aside(c):
            killed[_norm(c.subject) or "unknown"].append(c)
            display[_norm(c.subject) or "unknown"][c.subject or "unknown"] += 1
    by_side = {}
    for s in sorted(killed):
        name = max(display[s], key=lambda n: (display[s][n], n))
        by_side[name] = side_figures(killed[s])

    # contradictions and the note
    contradictions: list[str] = []
    clauses: list[str] = []
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        groups[(c.kind, _norm(c.subject) or "unknown")].append(c)
    for (kind, _subj), cs in sorted(groups.items(), key=lambda kv: (kv[0][0] != "killed", kv[0])):
        # one item per distinct (claimant, figure)
        items: dict[tuple[str, int | None, int | None], Claim] = {}
        for c in cs:
            if (c.low is None and c.high is None) or aside(c):
                continue
            items.setdefault((claimant_key(c.claimant), c.low, c.high), c)
        its = sorted(items.values(), key=lambda c: (point(c), claimant_key(c.claimant)))
        if not its:
            continue
        worst: tuple[float, Claim, Claim] | None = None
        for i, x in enumerate(its):
            for y in its[i + 1 :]:
                if claimant_key(x.claimant) != claimant_key(y.claimant) and contradicts(x, y):
                    r = (point(y) + 1) / (point(x) + 1)
                    if worst is None or r > worst[0]:
                        worst = (r, x, y)
        label = f"{cs[0].subject or 'unknown'} {kind}"
        if worst is not None:
            _, x, y = worst
            contradictions.append(f"{label}: {figure_text(x)} ({x.claimant}) vs {figure_text(y)} ({y.claimant})")
            rest = [c for c in its if c is not x and c is not y]
            text = f"{figure_text(x)} ({x.claimant}) vs {figure_text(y)} ({y.claimant})"
            if rest:
                text += "; " + "; ".join(f"{figure_text(c)} ({c.claimant})" for c in rest)
            clauses.append(f"{label}: {text}")
        elif kind == "killed":
            clauses.append(f"{label}: " + "; ".join(f"{figure_text(c)} ({c.claimant})" for c in its))

    # perpetrators: sources whose actor1 sets are disjoint (for Battles, not when the sides are only swapped)
    blame: dict[str, set[str]] = defaultdict(set)
    targets: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, list[str]] = defaultdict(list)
    for m in members:
        for a in m.event.actor1:
            if _norm(a) not in blame[m.akey]:
                shown[m.akey].append(a)
            blame[m.akey].add(_norm(a))
        targets[m.akey].update(_norm(a) for a in m.event.actor2)
    # compare distinct (actor1, actor2) sets only, each represented by its first article
    rep: dict[tuple[frozenset, frozenset], str] = {}
    for k in akeys:
        if blame[k]:
            rep.setdefault((frozenset(blame[k]), frozenset(targets[k])), k)
    blamers = list(rep.values())
    seen_text: set[str] = set()
    for i, x in enumerate(blamers):
        for y in blamers[i + 1 :]:
            if shared_actors(blame[x], blame[y]) or sides(blame[x]) & sides(blame[y]):
                continue  # the same perpetrator, also under another name ("regime forces" / SAA)
            if etype == "Battles" and (sides(blame[x]) & sides(targets[y]) or sides(blame[y]) & sides(targets[x])):
                continue  # each side says the other attacked: one clash, told from both sides
            text = (
                f"actor1: {', '.join(shown[x])} ({_source_name(x, articles)}) vs "
                f"{', '.join(shown[y])} ({_source_name(y, articles)})"
            )
            if text not in seen_text:
                seen_text.add(text)
                contradictions.append(text)
                clauses.append(text)

    return FusedEvent(
        id=fused_id(m.key for m in members),
        event_type=etype,
        sub_event_type=sub,
        date=_pick_date(members),
        location=_pick_place(members),
        actor1=a1,
        actor2=a2,
        assoc_actors=assoc,
        modality=modality,
        mentions=[m.event for m in members],
        articles=names,
        outlets=outlets,
        claims=claims,
        fatalities=_total(by_side),
        by_side=by_side,
        contradictions=contradictions,
        note=". ".join(clauses),
    )
