"""The store: articles, their readings and every extracted mention, plus the fused events, in SQLite (a file, the
default) or PostgreSQL (a `postgresql://` URL); backend.py holds what differs between the two.

One transaction per article (the article, its reading, its events, claims, places and actor mentions, and the
incremental fusion of its events): a run killed mid-ingest loses nothing already committed, and running it
again skips what is stored (same content hash) and adds the rest.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from warlog import fuse
from warlog.model import Article, DateValue, Event, FusedEvent, Reading
from warlog.store.backend import connect, is_dsn
from warlog.store.schema import SCHEMA_VERSION, _day, migrate

log = logging.getLogger(__name__)


def content_hash(article: Article) -> str:
    return article.content_hash or hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def _akey(name: str, chash: str) -> str:
    """The article key fusion uses: unique even when two articles share a name, and order-independent."""
    return f"{name}@{chash[:12]}"


class Store:
    """A warlog database. Use `open_store(path_or_url)`; also a context manager."""

    def __init__(self, path: str | Path, *, target_version: int = SCHEMA_VERSION):
        self.path = str(path)
        self.db = connect(path)  # the backend: SQLite for a path, PostgreSQL for a postgresql:// URL
        self.conn = self.db.conn
        self._mcache: dict[int, fuse.Mention] = {}
        try:
            before, after = migrate(self.db, target_version)
        except BaseException:
            self.close()
            raise
        # events stored before fusion existed (step 3), or whose articles step 5 renamed (fused events cleared)
        upgraded = target_version == SCHEMA_VERSION and 0 < before < 5 <= after and self._count("events")
        if upgraded and (before < 3 or not self._count("fused_events")):
            self.rebuild_fusion()

    # -- context manager ------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.conn is not None:
            self.db.close()
            self.conn = None

    @property
    def schema_version(self) -> int:
        return self.db.get_version()

    def _count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    # -- writing --------------------------------------------------------------------------------
    def has(self, content_hash: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone() is not None
        )

    def name_of(self, content_hash: str) -> str | None:
        """The name of the stored article with this content, if any."""
        row = self.conn.execute("SELECT name FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def _name_taken(self, name: str, reserved: set[str] | frozenset[str] = frozenset()) -> bool:
        return (
            name in reserved
            or self.conn.execute("SELECT 1 FROM articles WHERE name = ?", (name,)).fetchone() is not None
        )

    def unique_name(self, article: Article, reserved: set[str] | frozenset[str] = frozenset()) -> str:
        """`article.id` when no stored article has it, else a longer name from its source that none has.

        Article names are the identity every export and the fusion use, so they are unique in the store:
        row "1" of a second id-less table is stored as "b.csv#1", a second "x.txt" as "folder/x.txt",
        and "~2", "~3" … are added when even that is taken. Names in `reserved` count as taken (articles being
        read in parallel, not stored yet).
        """
        name = article.id
        if not self._name_taken(name, reserved):
            return name
        source = article.source or ""
        path, _, row = source.partition("#")
        p = Path(path) if path else None
        if row and p is not None:
            candidate = f"{p.name}#{name}" if not name.startswith(f"{p.name}#") else f"{path}#{name}"
        elif p is not None and p.name:
            candidate = f"{p.parent.name}/{p.name}" if p.parent.name else p.name
        else:
            candidate = name
        for c in (candidate, source):
            if c and not self._name_taken(c, reserved):
                return c
        n = 2
        while self._name_taken(f"{candidate}~{n}", reserved):
            n += 1
        return f"{candidate}~{n}"

    def add(self, article: Article, reading: Reading, *, fuse: bool = True) -> bool:
        """Store one article and its reading in one transaction, then fuse its events (unless `fuse` is False: a
        bulk load, fused afterwards by `rebuild_fusion`). False if already stored.

        An article whose name another stored article has is stored under `unique_name` (its reading, events
        and claims renamed with it), so that no two stored articles share a name."""
        h = content_hash(article)
        while True:
            stored = self._add(article, reading, h, fuse)
            if stored is not None:
                return stored

    def _add(self, article: Article, reading: Reading, h: str, fuse: bool) -> bool | None:
        """`add` in one transaction; None when another writer took the article's name meanwhile (PostgreSQL's
        concurrent writers; SQLite's writers take turns): `add` tries again, under a new name."""
        c = self.conn
        self.db.begin_write()
        try:
            if self.has(h):
                c.execute("ROLLBACK")
                return False
            if self._name_taken(article.id):
                _rename(article, reading, self.unique_name(article))
            try:
                aid = self._insert_article(article, reading, h)
            except Exception as e:  # a concurrent writer stored the same content, or took the name, first
                taken = self.db.unique_column(e)
                if taken not in ("articles.content_hash", "articles.name"):
                    raise
                c.execute("ROLLBACK")
                return False if taken == "articles.content_hash" else None
            stored = reading.to_dict()
            if stored.get("text") == article.text:  # kept once, in articles.text (put back by reading_dicts)
                del stored["text"]
            c.execute(
                "INSERT INTO readings (article_id, json) VALUES (?, ?)", (aid, json.dumps(stored, ensure_ascii=False))
            )
            rows, seen = [], set()
            for e in reading.events:
                if e.id in seen:  # one event id twice in one reading: keep the first (claims point to it)
                    log.warning("%s: duplicate event id %s skipped", article.id, e.id)
                    continue
                seen.add(e.id)
                rows.append(self._insert_event(aid, e))
            c.executemany(
                'INSERT INTO claims (article_id, event_id, kind, subject, low, high, claimant, evidence, start, "end", '
                "number_text, disputed_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (aid, x.event, x.kind, x.subject, x.low, x.high, x.claimant, x.evidence, x.start, x.end)
                    + (x.number_text, x.disputed_by)
                    for x in reading.claims
                ],
            )
            c.executemany(
                'INSERT INTO places (article_id, name, start, "end", lat, lon, country, admin1, admin2, geonames_id, '
                "canonical, feature, precision, where_prec, score) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (aid, p.name, p.start, p.end, p.lat, p.lon, p.country, p.admin1, p.admin2, p.geonames_id)
                    + (p.canonical, p.feature, p.precision, p.where_prec, p.score)
                    for p in reading.places
                ],
            )
            c.executemany(
                'INSERT INTO actors (article_id, name, start, "end", text, actor_type, country, known) '
                "VALUES (?,?,?,?,?,?,?,?)",
                [
                    (aid, a.name, a.start, a.end, a.text, a.actor_type, a.country, int(bool(a.known)))
                    for a in reading.actors
                ],
            )
            if fuse:
                self.db.lock_fusion()  # PostgreSQL: writers fuse one at a time (SQLite: already)
                self._fuse_new(rows)
            c.execute("COMMIT")
        except BaseException:
            self._mcache = {}  # rows of the rolled-back events may be reused
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        return True

    def _insert_article(self, article: Article, reading: Reading, h: str) -> int:
        pub = article.published or reading.published
        return self.db.insert(
            "INSERT INTO articles (name, source, content_hash, title, outlet, author, url, published, "
            "published_end, published_precision, text, meta) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                article.source or reading.source,
                h,
                article.title,
                article.outlet,
                article.author,
                article.url,
                pub.start if pub else None,
                pub.end if pub else None,
                pub.precision if pub else None,
                article.text,
                json.dumps(article.meta or {}, ensure_ascii=False, default=str),
            ),
        )

    def _insert_event(self, aid: int, e: Event) -> int:
        d, loc = e.date, e.location
        return self.db.insert(
            "INSERT INTO events (article_id, event_id, event_type, sub_event_type, date_start, date_end, "
            "date_precision, place, lat, lon, country, admin1, geo_precision, actor1, actor2, modality, evidence, "
            'start, "end", json, day_lo, day_hi) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
            (
                aid,
                e.id,
                e.event_type,
                e.sub_event_type,
                d.start if d else None,
                d.end if d else None,
                d.precision if d else None,
                (loc.canonical or loc.name) if loc else None,
                loc.lat if loc else None,
                loc.lon if loc else None,
                loc.country if loc else None,
                loc.admin1 if loc else None,
                loc.precision if loc else None,
                json.dumps(e.actor1, ensure_ascii=False),
                json.dumps(e.actor2, ensure_ascii=False),
                e.modality,
                e.evidence,
                e.start,
                e.end,
                json.dumps(e.to_dict(), ensure_ascii=False),
                _day(d.start, False) if d else None,
                _day(d.end or d.start, True) if d else None,
            ),
        )

    # -- fusion ---------------------------------------------------------------------------------
    #: each event row with its article, and whether it is the article's lead event (its first violent one:
    #: fuse.match.mark_leads)
    _EVENT_SQL = (
        "SELECT e.id, e.json, a.name, a.content_hash, (SELECT x.id FROM events x WHERE x.article_id = e.article_id "
        "ORDER BY x.event_type NOT IN ('Battles', 'Explosions/Remote violence', 'Violence against civilians'), "
        "x.start, x.event_id LIMIT 1) = e.id FROM events e JOIN articles a ON a.id = e.article_id WHERE "
    )

    #: the largest connected group of candidate pairs re-clustered whole on each add (exactly what a rebuild
    #: gives); beyond it only the clusters next to the new events are re-fused (see `_fuse_new`)
    EXACT_COMPONENT_MAX = 400

    def _mentions(self, where: str, params: tuple = ()) -> dict[int, fuse.Mention]:
        out = {}
        for row, js, name, h, lead in self.conn.execute(self._EVENT_SQL + where, params):
            out[row] = fuse.Mention(Event.from_dict(json.loads(js)), _akey(name, h))
            out[row].lead = bool(lead)
        if out:  # each mention's figures (fusion compares killed figures)
            claims = self._claims_for({m.akey for m in out.values()})
            for m in out.values():
                m.set_claims(claims.get((m.akey, m.event.id), ()))
        return out

    def mentions_of_articles(self, names: list[str]) -> list[fuse.Mention]:
        """Fusion's mentions (with lead flags and figures) of the stored events of the articles `names`."""
        names = sorted(set(names))[:500]
        return list(self._mentions(f"a.name IN ({','.join('?' * len(names))})", tuple(names)).values())

    def _mentions_by_rows(self, rows: list[int]) -> dict[int, fuse.Mention]:
        """Mentions of event rows, through a cache (stored events never change; cleared on rollback)."""
        cache = self._mcache
        missing = [r for r in rows if r not in cache]
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            cache.update(self._mentions(f"e.id IN ({','.join('?' * len(chunk))})", tuple(chunk)))
        if len(cache) > 200_000:
            self._mcache = {r: cache[r] for r in rows if r in cache}
            cache = self._mcache
        return {r: cache[r] for r in rows if r in cache}

    def _neighbours(self, rows: list[int]) -> set[int]:
        out: set[int] = set()
        for i in range(0, len(rows), 500):
            chunk = rows[i : i + 500]
            q = ",".join("?" * len(chunk))
            out.update(r for (r,) in self.conn.execute(f"SELECT b FROM fusion_edges WHERE a IN ({q})", chunk))
            out.update(r for (r,) in self.conn.execute(f"SELECT a FROM fusion_edges WHERE b IN ({q})", chunk))
        return out

    def _fuse_new(self, rows: list[int]) -> None:
        """Fuse newly stored events: score them against stored events in their date window (blocked), then
        re-cluster the connected component of the pair graph they belong to, which gives exactly what a rebuild
        gives, in any ingestion order. A component over EXACT_COMPONENT_MAX events (a city reported every day)
        is not re-clustered whole: the new events, their candidate partners and the fused events those belong to
        are re-fused (`warlog fuse --rebuild` then gives the canonical result)."""
        if not rows:
            return
        c = self.conn
        new = self._mentions_by_rows(rows)
        days = [(m.d0, m.d1) for m in new.values() if m.fusable]
        pool: dict[int, fuse.Mention] = {}
        if days:
            lo = min(d0 for d0, _ in days) - 8
            hi = max(d1 for _, d1 in days) + 8
            marks = ",".join("?" * len(rows))
            pool_rows = [
                r
                for (r,) in c.execute(
                    f"SELECT id FROM events WHERE day_lo <= ? AND day_hi >= ? AND id NOT IN ({marks})",
                    (hi, lo, *tuple(rows)),
                )
            ]
            pool = self._mentions_by_rows(pool_rows)
        row_of = {m.key: r for r, m in (*new.items(), *pool.items())}
        scored = fuse.pair_edges([new[r] for r in sorted(new)], pool.values())
        c.executemany(
            "INSERT INTO fusion_edges (a, b, score) VALUES (?,?,?) ON CONFLICT (a, b) DO UPDATE SET score = excluded.score",
            [(min(row_of[a], row_of[b]), max(row_of[a], row_of[b]), s) for a, b, s in scored],
        )
        # the connected component(s) of the new events
        comp = set(rows)
        frontier = list(rows)
        while frontier and len(comp) <= self.EXACT_COMPONENT_MAX:
            chunk, frontier = frontier[:500], frontier[500:]
            for x in self._neighbours(chunk):
                if x not in comp:
                    comp.add(x)
                    frontier.append(x)
        if len(comp) > self.EXACT_COMPONENT_MAX:  # local re-fusion around the new events
            comp = set(rows) | self._neighbours(list(rows))
            fused_ids = self._fused_of(sorted(comp))
            for i in range(0, len(fused_ids), 500):
                chunk = fused_ids[i : i + 500]
                q = ",".join("?" * len(chunk))
                comp.update(
                    r for (r,) in c.execute(f"SELECT event_row FROM fused_members WHERE fused_id IN ({q})", chunk)
                )
        self._recluster(comp)

    def _fused_of(self, rows: list[int]) -> list[str]:
        out: set[str] = set()
        for i in range(0, len(rows), 500):
            chunk = rows[i : i + 500]
            q = ",".join("?" * len(chunk))
            out.update(
                r for (r,) in self.conn.execute(f"SELECT fused_id FROM fused_members WHERE event_row IN ({q})", chunk)
            )
        return sorted(out)

    def _recluster(self, comp: set[int]) -> None:
        """Re-cluster the events `comp` (whole fused events only) and rewrite the fused events that changed."""
        c = self.conn
        rows = sorted(comp)
        mentions = self._mentions_by_rows(rows)
        key_of = {r: m.key for r, m in mentions.items()}
        scored = []
        old: dict[str, set[int]] = {}
        for i in range(0, len(rows), 500):
            chunk = rows[i : i + 500]
            q = ",".join("?" * len(chunk))
            for a, b, s in c.execute(f"SELECT a, b, score FROM fusion_edges WHERE a IN ({q})", tuple(chunk)):
                if a in key_of and b in key_of:
                    scored.append((key_of[a], key_of[b], s))
            for r, fid in c.execute(
                f"SELECT event_row, fused_id FROM fused_members WHERE event_row IN ({q})", tuple(chunk)
            ):
                old.setdefault(fid, set()).add(r)
        self._write_fused(mentions, scored, old)

    def _write_fused(
        self,
        mentions: dict[int, fuse.Mention],
        scored: list[tuple[str, str, float]],
        old: dict[str, set[int]] | None = None,
    ) -> int:
        """Cluster `mentions` and write their fused events; `old` fused events (id -> event rows) that come out
        the same are kept as they are, the others replaced."""
        c = self.conn
        old = old or {}
        by_key = {m.key: (r, m) for r, m in mentions.items()}
        groups = fuse.cluster_mentions({k: m for k, (_, m) in by_key.items()}, scored)
        changed = []
        kept: set[str] = set()
        for g in groups:
            fid = fuse.fused_id(g)
            if old.get(fid) == {by_key[k][0] for k in g}:
                kept.add(fid)
            else:
                changed.append(g)
        for fid in sorted(set(old) - kept):
            c.execute("DELETE FROM fused_events WHERE id = ?", (fid,))
            c.execute("DELETE FROM fused_members WHERE fused_id = ?", (fid,))
        akeys = {by_key[k][1].akey for g in changed for k in g}
        articles = self._articles_by_key(akeys) if akeys else {}
        claims = self._claims_for(akeys) if akeys else {}
        for g in changed:
            members = [by_key[k][1] for k in g]
            cl = [x for m in members for x in claims.get((m.akey, m.event.id), [])]
            f = fuse.build_fused(members, cl, articles)
            c.execute(
                "INSERT INTO fused_events (id, event_type, date_start, n_articles, n_contradictions, json) "
                "VALUES (?,?,?,?,?,?)",
                (
                    f.id,
                    f.event_type,
                    f.date.start if f.date else None,
                    len(f.articles),
                    len(f.contradictions),
                    json.dumps(fuse.fused_to_dict(f), ensure_ascii=False),
                ),
            )
            c.executemany(
                "INSERT INTO fused_members (event_row, fused_id) VALUES (?, ?)", [(by_key[k][0], f.id) for k in g]
            )
        return len(groups)

    def _articles_by_key(self, akeys: set[str]) -> dict[str, Article]:
        out = {}
        names = tuple(sorted({k.rsplit("@", 1)[0] for k in akeys}))  # one placeholder per distinct name
        for name, h, outlet, title, pub, pub_end, prec in self.conn.execute(
            "SELECT name, content_hash, outlet, title, published, published_end, published_precision FROM articles"
            if len(names) > 500
            else "SELECT name, content_hash, outlet, title, published, published_end, published_precision "
            f"FROM articles WHERE name IN ({','.join('?' * len(names))})",
            () if len(names) > 500 else names,
        ):
            k = _akey(name, h)
            if k in akeys:
                published = DateValue(pub, pub_end, prec or "day") if pub else None
                out[k] = Article(id=name, text="", title=title, outlet=outlet, content_hash=h, published=published)
        return out

    def _claims_for(self, akeys: set[str]) -> dict[tuple[str, str], list]:
        from warlog.model import Claim

        out: dict[tuple[str, str], list] = {}
        names = {k.rsplit("@", 1)[0] for k in akeys}
        sql = (
            "SELECT a.name, a.content_hash, c.event_id, c.kind, c.subject, c.low, c.high, c.claimant, c.evidence, "
            'c.start, c."end", c.number_text, c.disputed_by FROM claims c JOIN articles a ON a.id = c.article_id '
            "WHERE c.event_id IS NOT NULL"
        )
        params: tuple = ()
        if len(names) <= 500:
            sql += f" AND a.name IN ({','.join('?' * len(names))})"
            params = tuple(names)
        sql += " ORDER BY c.id"
        for name, h, ev, kind, subj, low, high, claimant, evid, s, e, ntext, disp in self.conn.execute(sql, params):
            k = _akey(name, h)
            if k not in akeys:
                continue
            cl = Claim(kind, subj, low, high, claimant, ev, evid or "", s or 0, e or 0, ntext or "", disp, name)
            out.setdefault((k, ev), []).append(cl)
        return out

    def rebuild_fusion(self) -> int:
        """Recompute every pair edge and fused event from the stored events (one transaction)."""
        c = self.conn
        self.db.begin_write()
        try:
            self.db.lock_fusion()
            c.execute("DELETE FROM fused_members")
            c.execute("DELETE FROM fused_events")
            c.execute("DELETE FROM fusion_edges")
            mentions = self._mentions("1 = 1 ORDER BY e.id")
            row_of = {m.key: r for r, m in mentions.items()}
            ms = sorted(mentions.values(), key=lambda m: m.key)
            scored = fuse.pair_edges(ms)
            c.executemany(
                "INSERT INTO fusion_edges (a, b, score) VALUES (?,?,?) ON CONFLICT (a, b) DO UPDATE SET score = excluded.score",
                [(min(row_of[a], row_of[b]), max(row_of[a], row_of[b]), s) for a, b, s in scored],
            )
            n = self._write_fused(mentions, scored)
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        return n

    def unfused_count(self) -> int:
        """Stored events that belong to no fused event (stored with `add(..., fuse=False)`)."""
        return self.conn.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM fused_members m WHERE m.event_row = e.id)"
        ).fetchone()[0]

    # -- reading back ---------------------------------------------------------------------------
    def reading_dicts(self) -> Iterator[dict]:
        """Every stored reading as the exact `Reading.to_dict()` that went in, in ingestion order (one at a time:
        the text, stored once with the article, is put back as the last key, where `to_dict` has it)."""
        for js, text in self._cursor(
            "SELECT r.json, a.text FROM readings r JOIN articles a ON a.id = r.article_id ORDER BY r.article_id"
        ):
            d = json.loads(js)
            if "text" not in d:
                d["text"] = text
            yield d

    def _cursor(self, sql: str, params: tuple = ()) -> Iterator[tuple]:
        """Rows of a query as the database steps to them: a long export never holds them all."""
        yield from self.db.stream(sql, params)

    def readings(self) -> Iterator[Reading]:
        for d in self.reading_dicts():
            yield Reading.from_dict(d)

    def articles(self) -> Iterator[Article]:
        for row in self.conn.execute(
            "SELECT name, text, title, outlet, author, url, source, content_hash, published, published_end, "
            "published_precision, meta FROM articles ORDER BY id"
        ):
            name, text, title, outlet, author, url, source, h, pub, pub_end, prec, meta = row
            yield Article(
                id=name,
                text=text,
                title=title,
                outlet=outlet,
                author=author,
                url=url,
                source=source,
                content_hash=h,
                published=DateValue(pub, pub_end, prec or "day") if pub else None,
                meta=json.loads(meta or "{}"),
            )

    def fused_events(self) -> list[FusedEvent]:
        """Every fused event, by date (undated last) then id."""
        return list(self.iter_fused_events())

    def iter_fused_events(self, located: bool | None = None) -> Iterator[FusedEvent]:
        """Every fused event, by date (undated last) then id, one at a time (constant memory). `located`: only
        those with (True) or without (False) coordinates."""
        for (js,) in self._cursor("SELECT json FROM fused_events ORDER BY date_start IS NULL, date_start, id"):
            f = fuse.fused_from_dict(json.loads(js))
            if located is None or located == _has_point(f):
                yield f

    def article_heads(self, names: list[str]) -> dict[str, Article]:
        """Stored articles by name, without their text (title, outlet, dates): what an export row needs."""
        out: dict[str, Article] = {}
        uniq = sorted(set(names))
        for i in range(0, len(uniq), 500):
            chunk = tuple(uniq[i : i + 500])
            for name, title, outlet, url, source, h, pub, pub_end, prec in self.conn.execute(
                "SELECT name, title, outlet, url, source, content_hash, published, published_end, published_precision "
                f"FROM articles WHERE name IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[name] = Article(
                    id=name,
                    text="",
                    title=title,
                    outlet=outlet,
                    url=url,
                    source=source,
                    content_hash=h,
                    published=DateValue(pub, pub_end, prec or "day") if pub else None,
                )
        return out

    def fused_membership_of(self, name: str) -> dict[str, str]:
        """Event id -> fused event id, for the events of one stored article."""
        return dict(
            self.conn.execute(
                "SELECT e.event_id, m.fused_id FROM fused_members m JOIN events e ON e.id = m.event_row "
                "JOIN articles a ON a.id = e.article_id WHERE a.name = ?",
                (name,),
            )
        )

    def fused_membership(self) -> dict[tuple[str, str], str]:
        """(article name, event id) -> fused event id."""
        return {
            (name, ev): fid
            for name, ev, fid in self.conn.execute(
                "SELECT a.name, e.event_id, m.fused_id FROM fused_members m JOIN events e ON e.id = m.event_row "
                "JOIN articles a ON a.id = e.article_id"
            )
        }

    def last_modified(self) -> int:
        """Unix time of the last stored article (0 for an empty store): ACLED's `timestamp`."""
        v = self.conn.execute("SELECT max(added_at) FROM articles").fetchone()[0]  # ISO 8601 UTC: sorts as time
        if not v:
            return 0
        return int(datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())

    def actor_types(self) -> dict[str, str]:
        """Actor name -> its most frequent ACLED actor type among the stored actor mentions."""
        counts: dict[str, Counter] = {}
        for name, t in self.conn.execute("SELECT name, actor_type FROM actors WHERE actor_type IS NOT NULL"):
            counts.setdefault(name, Counter())[t] += 1
        return {n: max(c, key=lambda t: (c[t], t)) for n, c in counts.items()}

    def summary(self) -> dict:
        by_type = dict(
            self.conn.execute("SELECT event_type, count(*) FROM events GROUP BY event_type ORDER BY event_type")
        )
        return {
            "articles": self._count("articles"),
            "events": self._count("events"),
            "fused_events": self._count("fused_events"),
            "claims": self._count("claims"),
            "places": self._count("places"),
            "events_by_type": by_type,
            "contradictions": int(
                self.conn.execute("SELECT coalesce(sum(n_contradictions), 0) FROM fused_events").fetchone()[0]
            ),
        }


def _has_point(f: FusedEvent) -> bool:
    return f.location is not None and f.location.lat is not None and f.location.lon is not None


def _rename(article: Article, reading: Reading, name: str) -> None:
    old = article.id
    log.info("article %s stored as %s (another stored article has its name)", old, name)
    article.id = name
    if reading.article == old:
        reading.article = name
    for x in (*reading.events, *reading.claims):
        if getattr(x, "article", None) == old:
            x.article = name


def open_store(path: str | Path) -> Store:
    """Open (creating or migrating) the store at `path`: a SQLite file, or a PostgreSQL database given as a URL
    (postgresql://user@host/dbname). A store that cannot be opened raises sqlite3.DatabaseError (StoreError for
    a bad URL, an unreachable server or psycopg missing) with a one-line reason."""
    return Store(str(path) if is_dsn(str(path)) else path)
