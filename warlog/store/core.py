"""The store: articles, their readings and every extracted mention, plus the fused events, in SQLite (a file, the
default) or PostgreSQL (a `postgresql://` URL); backend.py holds what differs between the two.

One transaction per article (the article, its reading, its events, claims, places and actor mentions): a run
killed mid-ingest loses nothing already committed, and running it again skips what is stored (same content
hash) and adds the rest. The store does not fuse: it is the repository the fuse stage reads and writes through
(`warlog.fuse.incremental.FusionRepository`: stored events, the block index, pairs, fused events, marks), every
query of it indexed; events stored after the 'fused' mark are fused by the next fusion.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from warlog.model import Article, Claim, DateValue, Event, FusedEvent, Reading
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
        # events stored before fusion existed, or whose fused events step 5 cleared, come after the 'fused' mark
        # (step 6): the next fusion (ingest, `warlog fuse`) fuses them
        try:
            migrate(self.db, target_version)
        except BaseException:
            self.close()
            raise

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

    def add(self, article: Article, reading: Reading) -> bool:
        """Store one article and its reading in one transaction; False if already stored. Its events are not fused
        here: the fuse stage fuses every event stored after its mark (`warlog.fuse.incremental`, run by `ingest`).

        An article whose name another stored article has is stored under `unique_name` (its reading, events
        and claims renamed with it), so that no two stored articles share a name."""
        h = content_hash(article)
        while True:
            stored = self._add(article, reading, h)
            if stored is not None:
                return stored

    def _add(self, article: Article, reading: Reading, h: str) -> bool | None:
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
            # PostgreSQL: the events are numbered under the fusion lock, held to COMMIT, so that event rows are
            # committed in the order of their numbers and the fusion's 'fused' mark never passes a row another
            # writer has not committed yet (SQLite: the write transaction already holds the file's lock)
            self.db.lock_fusion()
            stored = reading.to_dict()
            if stored.get("text") == article.text:  # kept once, in articles.text (put back by reading_dicts)
                del stored["text"]
            c.execute(
                "INSERT INTO readings (article_id, json) VALUES (?, ?)", (aid, json.dumps(stored, ensure_ascii=False))
            )
            seen = set()
            for e in reading.events:
                if e.id in seen:  # one event id twice in one reading: keep the first (claims point to it)
                    log.warning("%s: duplicate event id %s skipped", article.id, e.id)
                    continue
                seen.add(e.id)
                self._insert_event(aid, e)
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
            c.execute("COMMIT")
        except BaseException:
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

    # -- fusion's repository (warlog.fuse.incremental.FusionRepository) -----------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction holding the fusion lock (PostgreSQL: writers fuse one at a time; SQLite: the write
        transaction holds the file's lock): committed on leaving, rolled back on an exception."""
        c = self.conn
        self.db.begin_write()
        try:
            self.db.lock_fusion()
            yield
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise

    def stored_events(
        self, rows: Sequence[int], lead_types: Sequence[str]
    ) -> list[tuple[int, Event, str, Article, list[Claim], bool]]:
        """The stored events of `rows` in row order, each as (row, event, article key, article without its text, the
        event's claims, whether it is its article's lead event: its first event of `lead_types` in the text, its
        first event when none is), the fields of `warlog.fuse.incremental.StoredEvent`."""
        if not rows:
            return []
        c = self.conn
        lt = ",".join("?" * len(lead_types))
        q = ",".join("?" * len(rows))
        found = c.execute(
            "SELECT e.id, e.json, e.event_id, a.id, a.name, a.content_hash, a.outlet, a.title, a.published, "
            f"a.published_end, a.published_precision, (SELECT x.id FROM events x WHERE x.article_id = e.article_id "
            f"ORDER BY x.event_type NOT IN ({lt}), x.start, x.event_id LIMIT 1) = e.id "
            f"FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id IN ({q}) ORDER BY e.id",
            (*lead_types, *rows),
        ).fetchall()
        arts: dict[int, Article] = {}
        for _, _, _, aid, name, h, outlet, title, pub, pub_end, prec, _ in found:
            if aid not in arts:
                published = DateValue(pub, pub_end, prec or "day") if pub else None
                arts[aid] = Article(id=name, text="", title=title, outlet=outlet, content_hash=h, published=published)
        claims: dict[tuple[int, str], list[Claim]] = {}
        ids = sorted(arts)
        if not ids:
            return []
        for aid, ev, kind, subj, low, high, claimant, evid, s, e, ntext, disp in c.execute(
            'SELECT article_id, event_id, kind, subject, low, high, claimant, evidence, start, "end", number_text, '
            f"disputed_by FROM claims WHERE article_id IN ({','.join('?' * len(ids))}) AND event_id IS NOT NULL "
            "ORDER BY id",
            ids,
        ):
            name = arts[aid].id
            cl = Claim(kind, subj, low, high, claimant, ev, evid or "", s or 0, e or 0, ntext or "", disp, name)
            claims.setdefault((aid, ev), []).append(cl)
        return [
            (
                row,
                Event.from_dict(json.loads(js)),
                _akey(arts[aid].id, arts[aid].content_hash or ""),
                arts[aid],
                claims.get((aid, event_id), []),
                bool(lead),
            )
            for row, js, event_id, aid, *_, lead in found
        ]

    def event_rows(self, after: int = 0, articles: Sequence[str] | None = None) -> list[int]:
        """Rows of the stored events after row `after` (of the articles named `articles` only, if given)."""
        if articles is None:
            return [r for (r,) in self.conn.execute("SELECT id FROM events WHERE id > ? ORDER BY id", (after,))]
        if not articles:
            return []
        q = ",".join("?" * len(articles))
        return [
            r
            for (r,) in self.conn.execute(
                f"SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id > ? AND a.name IN ({q}) "
                "ORDER BY e.id",
                (after, *articles),
            )
        ]

    def mark(self, name: str) -> int:
        row = self.conn.execute("SELECT event_row FROM fusion_marks WHERE name = ?", (name,)).fetchone()
        return row[0] if row else 0

    def set_mark(self, name: str, row: int) -> None:
        self.conn.execute(
            "INSERT INTO fusion_marks (name, event_row) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET event_row = excluded.event_row",
            (name, row),
        )

    def rows_in_blocks(self, blocks: Sequence[str]) -> set[int]:
        if not blocks:
            return set()
        q = ",".join("?" * len(blocks))
        return {r for (r,) in self.conn.execute(f"SELECT event_row FROM fusion_blocks WHERE block IN ({q})", blocks)}

    def add_blocks(self, entries: Sequence[tuple[str, int]]) -> None:
        self.conn.executemany(
            "INSERT INTO fusion_blocks (block, event_row) VALUES (?, ?) ON CONFLICT DO NOTHING", entries
        )

    def add_edges(self, edges: Sequence[tuple[int, int, float]]) -> None:
        self.conn.executemany(
            "INSERT INTO fusion_edges (a, b, score) VALUES (?,?,?) ON CONFLICT (a, b) DO UPDATE SET score = excluded.score",
            edges,
        )

    def edges_of(self, rows: Sequence[int]) -> list[tuple[int, int, float]]:
        if not rows:
            return []
        q = ",".join("?" * len(rows))
        c = self.conn
        out = set(c.execute(f"SELECT a, b, score FROM fusion_edges WHERE a IN ({q})", rows))
        out.update(c.execute(f"SELECT a, b, score FROM fusion_edges WHERE b IN ({q})", rows))
        return sorted(out)

    def fused_of(self, rows: Sequence[int]) -> dict[int, str]:
        if not rows:
            return {}
        q = ",".join("?" * len(rows))
        return dict(self.conn.execute(f"SELECT event_row, fused_id FROM fused_members WHERE event_row IN ({q})", rows))

    def members_of(self, fused_ids: Sequence[str]) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        if fused_ids:
            q = ",".join("?" * len(fused_ids))
            for r, fid in self.conn.execute(
                f"SELECT event_row, fused_id FROM fused_members WHERE fused_id IN ({q})", fused_ids
            ):
                out.setdefault(fid, set()).add(r)
        return out

    def replace_fused(self, removed: Sequence[str], added: Sequence[tuple[FusedEvent, Sequence[int]]]) -> None:
        c = self.conn
        for fid in removed:
            c.execute("DELETE FROM fused_events WHERE id = ?", (fid,))
            c.execute("DELETE FROM fused_members WHERE fused_id = ?", (fid,))
        for f, rows in added:
            c.execute(
                "INSERT INTO fused_events (id, event_type, date_start, n_articles, n_contradictions, json) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET event_type = excluded.event_type, "
                "date_start = excluded.date_start, n_articles = excluded.n_articles, "
                "n_contradictions = excluded.n_contradictions, json = excluded.json",
                (
                    f.id,
                    f.event_type,
                    f.date.start if f.date else None,
                    len(f.articles),
                    len(f.contradictions),
                    json.dumps(f.to_dict(), ensure_ascii=False),
                ),
            )
            c.executemany(
                "INSERT INTO fused_members (event_row, fused_id) VALUES (?, ?) "
                "ON CONFLICT (event_row) DO UPDATE SET fused_id = excluded.fused_id",
                [(r, f.id) for r in rows],
            )

    def clear_fusion(self) -> None:
        for table in ("fused_members", "fused_events", "fusion_edges", "fusion_blocks", "fusion_marks"):
            self.conn.execute(f"DELETE FROM {table}")

    def unfused_count(self) -> int:
        """Stored events not fused yet (stored after the last fusion, e.g. by `ingest --no-fuse`)."""
        return self.conn.execute("SELECT count(*) FROM events WHERE id > ?", (self.mark("fused"),)).fetchone()[0]

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
            f = FusedEvent.from_dict(json.loads(js))
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
