"""Incremental fusion: events stored since the last fusion are fused into the stored fused events, at a cost per
article that does not grow with the store; and the batch pass (`rebuild`) that recomputes everything.

The fusion stage never runs SQL: it works through a `FusionRepository` (below), which `warlog.store.Store`
implements. What it keeps there:

- a block index (block key -> event rows): each fusable event under its `Mention.index_keys` (type family x
  week x 1-degree cell, x admin1, x actor side); a new event's candidates are the rows under its `lookup_keys`,
  one indexed query, never a scan of a date window;
- the scored candidate pairs (`edges`), the fused events and their members;
- two marks: the last event row fused (`FUSED`; rows after it are pending, e.g. after `ingest --no-fuse` or a run
  killed between storing and fusing) and the last row whose blocks are indexed (`INDEXED`; a store written before
  the block index existed has its blocks filled in on the next fusion).

How a new article's events are fused (exactly what the store did inside `Store.add` before, now in batches of
articles, one transaction per batch): score them against their block candidates, then re-cluster the connected
component of the pair graph they belong to, which gives what a rebuild gives, in any ingestion order. A component
over `EXACT_COMPONENT_MAX` events (a city reported every day) is not re-clustered whole: the new events, their
candidate partners and the fused events those belong to are re-fused (`warlog fuse --rebuild` then gives the
canonical result). Only fused events whose members changed are rewritten.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import NamedTuple, Protocol

from warlog.fuse.aggregate import build as build_fused
from warlog.fuse.aggregate import fused_id
from warlog.fuse.match import VIOLENT_TYPES, Mention
from warlog.fuse.match import edges as pair_edges
from warlog.model import Article, Claim, Event, FusedEvent

#: the marks a repository keeps (see the module docstring)
FUSED = "fused"
INDEXED = "indexed"

#: the largest connected group of candidate pairs re-clustered whole on each add (exactly what a rebuild gives);
#: beyond it only the clusters next to the new events are re-fused
EXACT_COMPONENT_MAX = 400

#: mentions kept in memory between batches (each about 2-3 KB); the oldest used are dropped first
CACHE_MAX = 60_000

_CHUNK = 500


class StoredEvent(NamedTuple):
    """One stored event as fusion needs it."""

    row: int  # the event's row in the store (stable, increasing in storage order)
    event: Event
    akey: str  # its article's key: unique in the store and independent of the ingestion order
    article: Article  # its article without the text (name, title, outlet, published)
    claims: list[Claim]  # the claims about this event, in storage order
    lead: bool  # its article's lead event: its first event of `lead_types` in the text (first event if none)


class FusionRepository(Protocol):
    """What incremental and batch fusion read and write; `warlog.store.Store` implements it with SQL."""

    def transaction(self) -> AbstractContextManager[None]:
        """One write transaction (committed on leaving, rolled back on an exception)."""

    def stored_events(self, rows: Sequence[int], lead_types: Sequence[str]) -> Sequence[tuple]:
        """The stored events of these rows (any that exist), in row order, each as the fields of a `StoredEvent`."""

    def event_rows(self, after: int = 0, articles: Sequence[str] | None = None) -> list[int]:
        """Rows of the stored events after row `after` (of the articles named `articles` only, if given)."""

    def mark(self, name: str) -> int:
        """A fusion mark (FUSED, INDEXED): an event row, 0 when never set."""

    def set_mark(self, name: str, row: int) -> None: ...

    def rows_in_blocks(self, blocks: Sequence[str]) -> set[int]:
        """The event rows indexed under any of these block keys."""

    def add_blocks(self, entries: Sequence[tuple[str, int]]) -> None:
        """Index event rows under block keys: (block, row) pairs."""

    def add_edges(self, edges: Sequence[tuple[int, int, float]]) -> None:
        """Scored candidate pairs (row a < row b, score); a pair stored again replaces its score."""

    def edges_of(self, rows: Sequence[int]) -> list[tuple[int, int, float]]:
        """The stored pairs with at least one end in `rows` (each once)."""

    def fused_of(self, rows: Sequence[int]) -> dict[int, str]:
        """Event row -> the id of the fused event it belongs to (rows not fused yet are left out)."""

    def members_of(self, fused_ids: Sequence[str]) -> dict[str, set[int]]:
        """Fused event id -> its member event rows."""

    def replace_fused(self, removed: Sequence[str], added: Sequence[tuple[FusedEvent, Sequence[int]]]) -> None:
        """Delete the fused events `removed`, then write each of `added` with its member rows."""

    def clear_fusion(self) -> None:
        """Forget every fused event, pair, block and mark (a batch pass starts from nothing)."""


def block_key(key: tuple) -> str:
    """A block key (`Mention.index_keys` / `lookup_keys`) as the text the repository indexes."""
    return "\x1f".join(map(str, key))


def _mention(s: StoredEvent) -> Mention:
    m = Mention(s.event, s.akey, s.claims)
    m.lead = s.lead
    return m


class Fuser:
    """Fusion of one store as it grows; keeps the mentions it has built between batches (one per process)."""

    def __init__(self, repo: FusionRepository, *, exact_component_max: int = EXACT_COMPONENT_MAX):
        self.repo = repo
        self.exact_component_max = exact_component_max
        self._cache: OrderedDict[int, tuple[Mention, StoredEvent]] = OrderedDict()

    # -- mentions -------------------------------------------------------------------------------
    def _load(self, rows: Iterable[int]) -> dict[int, tuple[Mention, StoredEvent]]:
        cache = self._cache
        out: dict[int, tuple[Mention, StoredEvent]] = {}
        missing = []
        for r in rows:
            hit = cache.get(r)
            if hit is None:
                missing.append(r)
            else:
                cache.move_to_end(r)
                out[r] = hit
        for i in range(0, len(missing), _CHUNK):
            for t in self.repo.stored_events(missing[i : i + _CHUNK], VIOLENT_TYPES):
                s = StoredEvent._make(t)
                out[s.row] = cache[s.row] = (_mention(s), s)
        while len(cache) > CACHE_MAX:
            cache.popitem(last=False)
        return out

    def forget(self) -> None:
        """Drop the kept mentions (after a rolled-back transaction: its rows may be reused)."""
        self._cache.clear()

    # -- incremental ----------------------------------------------------------------------------
    def fuse_pending(self) -> int:
        """Fuse every stored event after the FUSED mark, article by article, in one transaction; returns how many
        events were fused."""
        repo = self.repo
        try:
            with repo.transaction():
                done = repo.mark(FUSED)
                self._index_up_to(done)
                rows = repo.event_rows(after=done)
                if not rows:
                    return 0
                group: list[int] = []  # one article's rows (stored together: consecutive)
                akey = None
                for i in range(0, len(rows), _CHUNK):
                    for r, (_, s) in sorted(self._load(rows[i : i + _CHUNK]).items()):
                        if s.akey != akey and group:
                            self._fuse_new(group)
                            group = []
                        akey = s.akey
                        group.append(r)
                if group:
                    self._fuse_new(group)
                repo.set_mark(FUSED, max(rows))
                repo.set_mark(INDEXED, max(rows))
                return len(rows)
        except BaseException:
            self.forget()
            raise

    def _index_up_to(self, upto: int) -> None:
        """Blocks of the fused rows not indexed yet (a store written before the block index existed)."""
        repo = self.repo
        start = repo.mark(INDEXED)
        if start >= upto:
            return
        rows = [r for r in repo.event_rows(after=start) if r <= upto]
        for i in range(0, len(rows), _CHUNK):
            loaded = self._load(rows[i : i + _CHUNK])
            repo.add_blocks(_blocks((r, m) for r, (m, _) in loaded.items()))
        repo.set_mark(INDEXED, upto)

    def _fuse_new(self, rows: list[int]) -> None:
        """Fuse one article's newly stored events (see the module docstring)."""
        repo = self.repo
        new = {r: m for r, (m, _) in self._load(rows).items()}
        lookups = sorted({block_key(k) for m in new.values() if m.fusable for k in m.lookup_keys()})
        pool_rows: set[int] = set()
        for i in range(0, len(lookups), _CHUNK):
            pool_rows |= repo.rows_in_blocks(lookups[i : i + _CHUNK])
        pool_rows -= set(new)
        pool = {r: m for r, (m, _) in self._load(sorted(pool_rows)).items()}
        row_of = {m.key: r for r, m in (*new.items(), *pool.items())}
        scored = pair_edges([new[r] for r in sorted(new)], pool.values())
        repo.add_edges([(min(row_of[a], row_of[b]), max(row_of[a], row_of[b]), s) for a, b, s in scored])
        repo.add_blocks(_blocks(new.items()))
        # the connected component(s) of the new events
        comp = set(rows)
        frontier = list(rows)
        while frontier and len(comp) <= self.exact_component_max:
            chunk, frontier = frontier[:_CHUNK], frontier[_CHUNK:]
            for x in self._neighbours(chunk):
                if x not in comp:
                    comp.add(x)
                    frontier.append(x)
        if len(comp) > self.exact_component_max:  # local re-fusion around the new events
            comp = set(rows) | self._neighbours(list(rows))
            fids = sorted(set(self._fused_of(sorted(comp)).values()))
            for i in range(0, len(fids), _CHUNK):
                for members in repo.members_of(fids[i : i + _CHUNK]).values():
                    comp |= members
        self._recluster(comp)

    def _neighbours(self, rows: Sequence[int]) -> set[int]:
        out: set[int] = set()
        for i in range(0, len(rows), _CHUNK):
            for a, b, _ in self.repo.edges_of(rows[i : i + _CHUNK]):
                out.add(a)
                out.add(b)
        return out - set(rows)

    def _fused_of(self, rows: Sequence[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for i in range(0, len(rows), _CHUNK):
            out.update(self.repo.fused_of(rows[i : i + _CHUNK]))
        return out

    def _recluster(self, comp: set[int]) -> None:
        """Re-cluster the events `comp` (whole fused events only) and rewrite the fused events that changed."""
        rows = sorted(comp)
        loaded = self._load(rows)
        key_of = {r: m.key for r, (m, _) in loaded.items()}
        scored = set()
        for i in range(0, len(rows), _CHUNK):
            for a, b, s in self.repo.edges_of(rows[i : i + _CHUNK]):
                if a in key_of and b in key_of:
                    scored.add((key_of[a], key_of[b], s))
        old: dict[str, set[int]] = {}
        for r, fid in self._fused_of(rows).items():
            old.setdefault(fid, set()).add(r)
        _write_fused(self.repo, loaded, sorted(scored), old)


def _blocks(mentions: Iterable[tuple[int, Mention]]) -> list[tuple[str, int]]:
    """(block, row) entries of fusable mentions (row, mention)."""
    return [(block_key(k), r) for r, m in mentions if m.fusable for k in sorted(set(m.index_keys()), key=str)]


def _write_fused(
    repo: FusionRepository,
    loaded: dict[int, tuple[Mention, StoredEvent]],
    scored: list[tuple[str, str, float]],
    old: dict[str, set[int]] | None = None,
) -> int:
    """Cluster the mentions `loaded` and write their fused events; `old` fused events (id -> event rows) that come
    out the same are kept as they are, the others replaced. Returns the number of clusters."""
    from warlog.fuse import cluster_mentions

    old = old or {}
    by_key = {m.key: (r, m, s) for r, (m, s) in loaded.items()}
    groups = cluster_mentions({k: m for k, (_, m, _) in by_key.items()}, scored)
    changed = []
    kept: set[str] = set()
    for g in groups:
        fid = fused_id(g)
        if old.get(fid) == {by_key[k][0] for k in g}:
            kept.add(fid)
        else:
            changed.append(g)
    added = []
    for g in changed:
        members = [by_key[k] for k in g]
        articles = {s.akey: s.article for _, _, s in members}
        claims = [c for _, _, s in members for c in s.claims]
        f = build_fused([m for _, m, _ in members], claims, articles)
        added.append((f, [r for r, _, _ in members]))
    repo.replace_fused(sorted(set(old) - kept), added)
    return len(groups)


# ---------------------------------------------------------------------------------------------
# Batch


def rebuild(repo: FusionRepository) -> int:
    """Recompute every pair, block and fused event from the stored events (one transaction); returns the number of
    fused events."""
    with repo.transaction():
        repo.clear_fusion()
        rows = repo.event_rows()
        loaded: dict[int, tuple[Mention, StoredEvent]] = {}
        for i in range(0, len(rows), _CHUNK):
            for t in repo.stored_events(rows[i : i + _CHUNK], VIOLENT_TYPES):
                s = StoredEvent._make(t)
                loaded[s.row] = (_mention(s), s)
        row_of = {m.key: r for r, (m, _) in loaded.items()}
        ms = sorted((m for m, _ in loaded.values()), key=lambda m: m.key)
        scored = pair_edges(ms)
        repo.add_edges([(min(row_of[a], row_of[b]), max(row_of[a], row_of[b]), s) for a, b, s in scored])
        repo.add_blocks(_blocks((r, m) for r, (m, _) in loaded.items()))
        n = _write_fused(repo, loaded, scored)
        last = max(rows, default=0)
        repo.set_mark(FUSED, last)
        repo.set_mark(INDEXED, last)
        return n


def fuse_store(repo: FusionRepository, *, rebuild_all: bool = False) -> tuple[int, bool]:
    """`warlog fuse`: a batch pass when asked (`rebuild_all`) or when nothing was fused yet, else the pending events
    fused incrementally. Returns (events fused or fused events made, whether anything ran)."""
    if rebuild_all or (repo.mark(FUSED) == 0 and repo.event_rows()):
        return rebuild(repo), True
    n = Fuser(repo).fuse_pending()
    return n, n > 0


def mentions_in(repo: FusionRepository, articles: Sequence[str]) -> list[Mention]:
    """Fusion's mentions (lead flags, figures) of the stored events of the articles named `articles`."""
    rows = repo.event_rows(articles=sorted(set(articles))[:_CHUNK])
    return [_mention(StoredEvent._make(t)) for t in repo.stored_events(rows, VIOLENT_TYPES)]
