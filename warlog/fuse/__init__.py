"""The fuse stage: one real-world event reported by many articles becomes one FusedEvent.

Public API:

    fuse_events(events, claims, articles) -> list[FusedEvent]   pure, deterministic, order-independent
    rebuild(store) -> int                      recompute every fused event of a store (a FusionRepository); their number
    Fuser(store).fuse_pending() -> int         fuse the events stored since the last fusion (incremental.py)
    fuse_store(store, rebuild_all=False)       `warlog fuse`: batch pass, or the pending events incrementally
    mentions_in(store, names) -> list[Mention] fusion's mentions of stored articles (`warlog show`)
    source_profiles(store) -> list[dict]       per outlet and claimant: how its figures compare on shared events
    source_profiles_of(fused) -> list[dict]    the same over a list of FusedEvents
    mentions_of(events, akey) -> list[Mention] events of one article (key `akey`) as fusion's working form
    pair_edges(new, pool=()) -> list[(key_a, key_b, score)]   scored candidate pairs (blocked, never all pairs)
    cluster(keys, edges, article_of, compatible_keys=None) -> list[list[key]]   clusters from scored pairs
    cluster_mentions(mentions, edges) -> list[list[key]]      the same, complete-link on compatibility
    compatible(a, b) -> bool                   two mentions could be one event (type, dates, places)
    link(a, b) -> Link | None                  a pair's features, reasons, score and threshold (match.py)
    explain(fused, mentions=()) -> list[dict]  each member of a fused event with its best link and the reasons
    set_embedder(e)                            sentence embedder for text similarity (None: word overlap)
    build_fused(members, claims, articles) -> FusedEvent        one cluster's fused event
    fused_to_dict(f) / fused_from_dict(d)      JSON form of a FusedEvent (= FusedEvent.to_dict / from_dict)
    point(claim), figure_text(claim), is_monitor(claimant)      the figure rules, shared with export

Rules (see match.py and aggregate.py): a pair of mentions is scored on date, place, sub-type compatibility,
actor sides, killed figures, evidence text and the articles' lead events, each feature scaled by its precision
and weighted in warlog/data/fuse.json; clusters are complete-link (one date range and place every member fits),
never hold two mentions of one article, and a background mention (coarse date, no figure) never glues two
incidents. Blocks: type family x week x 1-degree cell, x admin1, x actor side (events without a place).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from warlog.fuse.aggregate import build as build_fused
from warlog.fuse.aggregate import figure_text, fused_id, is_monitor, point
from warlog.fuse.incremental import Fuser, FusionRepository, StoredEvent, fuse_store, mentions_in
from warlog.fuse.incremental import rebuild as _rebuild
from warlog.fuse.match import (
    Link,
    Mention,
    cluster,
    compatible,
    link,
    mark_leads,
    set_embedder,
    settings,
    signature,
)
from warlog.fuse.match import edges as pair_edges
from warlog.fuse.profiles import source_profiles_of
from warlog.model import Article, Claim, Event, FusedEvent

__all__ = [
    "FusionRepository",
    "Fuser",
    "StoredEvent",
    "fuse_store",
    "mentions_in",
    "Link",
    "Mention",
    "build_fused",
    "cluster",
    "cluster_mentions",
    "compatible",
    "figure_text",
    "fuse_events",
    "fused_from_dict",
    "fused_id",
    "fused_to_dict",
    "is_monitor",
    "link",
    "explain",
    "mentions_of",
    "pair_edges",
    "point",
    "rebuild",
    "set_embedder",
    "settings",
    "source_profiles",
    "source_profiles_of",
]


def mentions_of(events: list[Event], akey: str | None = None, claims: Iterable[Claim] = ()) -> list[Mention]:
    """Fusion's working form of events; `akey` identifies their article (default: `Event.article`); `claims`
    (of the same article(s)) give each mention its figures (`Claim.event`)."""
    by_event: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.event is not None:
            by_event[(c.article, c.event)].append(c)
    out = [Mention(e, akey if akey is not None else e.article, by_event.get((e.article, e.id), ())) for e in events]
    mark_leads(out)
    return out


def cluster_mentions(mentions: dict[str, Mention], scored: list[tuple[str, str, float]]) -> list[list[str]]:
    """Clusters of `mentions` (key -> Mention) from scored pairs; a cluster never holds two incompatible mentions."""
    return cluster(
        list(mentions),
        scored,
        {k: m.akey for k, m in mentions.items()},
        lambda x, y: compatible(mentions[x], mentions[y]),
        lambda k: signature(mentions[k]),
        lambda k: mentions[k].background,
    )


def group_claims(claims: list[Claim], akey_of_claim=None) -> dict[tuple[str, str], list[Claim]]:
    """Claims by (article key, event id); standing figures (event None) are left out."""
    out: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.event is not None:
            out[(akey_of_claim(c) if akey_of_claim else c.article, c.event)].append(c)
    return out


def fuse_events(events: list[Event], claims: list[Claim], articles: dict[str, Article]) -> list[FusedEvent]:
    """Fuse article-level events into FusedEvents. `Event.article` / `Claim.article` are keys of `articles`.

    Pure and deterministic: the result does not depend on the order of `events` (sorted by date, then id).
    """
    mentions = {m.key: m for m in mentions_of(events, claims=claims)}
    ms = [mentions[k] for k in sorted(mentions)]
    scored = pair_edges(ms)
    groups = cluster_mentions(mentions, scored)
    by_event = group_claims(claims)
    out = []
    for g in groups:
        members = [mentions[k] for k in g]
        cl = [c for m in members for c in by_event.get((m.akey, m.event.id), [])]
        out.append(build_fused(members, cl, articles))
    return sort_fused(out)


def explain(f: FusedEvent, mentions: Iterable[Mention] = ()) -> list[dict]:
    """`warlog show`: each member of a fused event, in the order the links join them (a maximum spanning tree
    of the members' pair scores: the first member, then each one with its strongest link to those before),
    with that link's score, threshold, feature scores and reasons. `mentions`: the members' Mentions as fusion saw
    them (lead flags, figures), e.g. `mentions_in(store, names)`."""
    known = {(m.event.article, m.event.id): m for m in mentions}
    by_event: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in f.claims:
        if c.event is not None:
            by_event[(c.article, c.event)].append(c)
    ms = [
        known.get((e.article, e.id)) or Mention(e, e.article, by_event.get((e.article, e.id), ())) for e in f.mentions
    ]
    if not known:  # a fused event on its own: its members' lead flags as far as they can be told
        mark_leads(ms)
    from warlog.fuse.match import embed_mentions

    embed_mentions(ms)
    links: dict[tuple[int, int], Link | None] = {}
    for i in range(len(ms)):
        for j in range(i + 1, len(ms)):
            links[(i, j)] = links[(j, i)] = link(ms[i], ms[j])
    out: list[dict] = []
    done: list[int] = []
    todo = list(range(len(ms)))
    while todo:
        best = None
        for j in todo:
            for i in done:
                lk = links[(i, j)]
                s = lk.score if lk is not None else -math.inf
                if best is None or s > best[0]:
                    best = (s, i, j, lk)
        if best is None:
            j, row = todo[0], {"linked_to": None}
        else:
            _, i, j, lk = best
            row = {"linked_to": ms[i].event.article + "/" + ms[i].event.id}
            row.update(lk.to_dict() if lk is not None else {"score": None, "reasons": {"all": "not compatible"}})
        e = ms[j].event
        row = {
            "article": e.article,
            "event": e.id,
            "type": f"{e.event_type} / {e.sub_event_type}",
            "date": None
            if e.date is None
            else e.date.start
            if e.date.start == e.date.end
            else f"{e.date.start}..{e.date.end}",
            "place": None if e.location is None else (e.location.canonical or e.location.name),
            "actors": f"{', '.join(e.actor1)} -> {', '.join(e.actor2)}",
            "evidence": e.evidence,
            **row,
        }
        out.append(row)
        done.append(j)
        todo.remove(j)
    return out


def sort_fused(fused: list[FusedEvent]) -> list[FusedEvent]:
    """Canonical order: by date (undated last), then id."""
    return sorted(
        fused, key=lambda f: (f.date is None or not f.date.start, (f.date.start or "") if f.date else "", f.id)
    )


def rebuild(store: FusionRepository) -> int:
    """`warlog fuse --rebuild`: recompute every fused event of `store` from its stored events."""
    return _rebuild(store)


def source_profiles(store) -> list[dict]:
    """`warlog sources`: per outlet and claimant, how its figures compare with others' on shared events."""
    outlet_of = {a.id: a.outlet for a in store.articles() if a.outlet}
    return source_profiles_of(store.fused_events(), outlet_of)


# ---------------------------------------------------------------------------------------------
# JSON form of a FusedEvent: kept with the record (`FusedEvent.to_dict` / `FusedEvent.from_dict`); these names
# stay for callers of the documented API


def fused_to_dict(f: FusedEvent) -> dict:
    return f.to_dict()


def fused_from_dict(d: dict) -> FusedEvent:
    return FusedEvent.from_dict(d)
