"""The store's schema as an ordered list of migration steps; the schema version (SQLite: `PRAGMA user_version`;
PostgreSQL: the table `warlog_schema`) is the last one applied.

Never edit a released step: append a new one. A step is SQL (a script, in SQLite's dialect: the PostgreSQL backend
translates its types) or a callable taking the connection (`?` placeholders on both backends).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

V1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,                 -- Article.id, the reading's name
    source TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT, outlet TEXT, author TEXT, url TEXT,
    published TEXT, published_end TEXT, published_precision TEXT,
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',    -- JSON
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_name ON articles(name);
CREATE TABLE readings (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    json TEXT NOT NULL                  -- Reading.to_dict(), exactly
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
    date_start TEXT, date_end TEXT, date_precision TEXT,
    place TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT, geo_precision INTEGER,
    actor1 TEXT NOT NULL DEFAULT '[]', actor2 TEXT NOT NULL DEFAULT '[]',
    modality TEXT, evidence TEXT, start INTEGER, end INTEGER,
    json TEXT NOT NULL,                 -- Event.to_dict()
    UNIQUE(article_id, event_id)
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT,
    kind TEXT NOT NULL, subject TEXT, low INTEGER, high INTEGER, claimant TEXT,
    evidence TEXT, start INTEGER, end INTEGER, number_text TEXT, disputed_by TEXT
);
CREATE INDEX claims_article ON claims(article_id, event_id);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL, start INTEGER, end INTEGER,
    lat REAL, lon REAL, country TEXT, admin1 TEXT, admin2 TEXT, geonames_id INTEGER,
    canonical TEXT, feature TEXT, precision INTEGER, where_prec INTEGER, score REAL
);
CREATE INDEX places_article ON places(article_id);
CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL, start INTEGER, end INTEGER, text TEXT,
    actor_type TEXT, country TEXT, known INTEGER
);
CREATE INDEX actors_article ON actors(article_id);
CREATE INDEX actors_name ON actors(name);
"""

V2 = """
ALTER TABLE events ADD COLUMN day_lo INTEGER;   -- date as day ordinals, for blocking
ALTER TABLE events ADD COLUMN day_hi INTEGER;
CREATE INDEX events_days ON events(day_lo, day_hi);
CREATE TABLE fused_events (
    id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL, date_start TEXT,
    n_articles INTEGER NOT NULL, n_contradictions INTEGER NOT NULL,
    json TEXT NOT NULL
);
CREATE TABLE fused_members (
    event_row INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    fused_id TEXT NOT NULL
);
CREATE INDEX fused_members_fused ON fused_members(fused_id);
CREATE TABLE fusion_edges (            -- scored candidate pairs (event rows), kept for incremental fusion
    a INTEGER NOT NULL, b INTEGER NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX fusion_edges_b ON fusion_edges(b);
"""

V3 = """
CREATE VIEW evidence AS
    SELECT 'event' AS kind, id AS row_id, article_id, start, end, evidence AS text FROM events
    UNION ALL SELECT 'claim', id, article_id, start, end, evidence FROM claims
    UNION ALL SELECT 'place', id, article_id, start, end, name FROM places
    UNION ALL SELECT 'actor', id, article_id, start, end, text FROM actors;
"""


def _day(s: str | None, end: bool) -> int | None:
    if not s:
        return None
    try:
        if len(s) >= 10:
            return date.fromisoformat(s[:10]).toordinal()
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:7])
            if end:
                return date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1
            return date(y, m, 1).toordinal()
    except ValueError:
        return None
    return None


def _backfill_days(conn: Any) -> None:
    rows = conn.execute("SELECT id, date_start, date_end FROM events").fetchall()
    conn.executemany(
        "UPDATE events SET day_lo = ?, day_hi = ? WHERE id = ?",
        [(_day(s, False), _day(e or s, True), i) for i, s, e in rows],
    )


def _renamed(name: str, source: str, taken: set[str]) -> str:
    """A name for the later of two stored articles sharing `name` (as Store.unique_name gives)."""
    path, _, row = (source or "").partition("#")
    base = path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    candidate = f"{base}#{name}" if row and base else (source or name)
    new, n = candidate, 2
    while new in taken:
        new = f"{candidate}~{n}"
        n += 1
    return new


def _set_article(js: str, old: str, new: str) -> str:
    d = json.loads(js)
    if d.get("article") == old:
        d["article"] = new
    for key in ("events", "claims"):
        for x in d.get(key, []) or []:
            if isinstance(x, dict) and x.get("article") == old:
                x["article"] = new
    return json.dumps(d, ensure_ascii=False)


def _unique_names(conn: Any) -> None:
    """Article names made unique (stores written before names were kept unique): the later of two articles
    sharing a name is renamed in its row, its reading and its events; the fused events are then rebuilt
    (cleared here; the store rebuilds them on open). Then a UNIQUE index keeps names unique."""
    taken = {n for (n,) in conn.execute("SELECT name FROM articles")}
    dups = conn.execute(
        "SELECT id, name, source FROM articles WHERE name IN "
        "(SELECT name FROM articles GROUP BY name HAVING count(*) > 1) ORDER BY id"
    ).fetchall()
    first: set[str] = set()
    renamed = 0
    for aid, name, source in dups:
        if name not in first:
            first.add(name)
            continue
        new = _renamed(name, source, taken)
        taken.add(new)
        renamed += 1
        conn.execute("UPDATE articles SET name = ? WHERE id = ?", (new, aid))
        for (js,) in conn.execute("SELECT json FROM readings WHERE article_id = ?", (aid,)).fetchall():
            conn.execute("UPDATE readings SET json = ? WHERE article_id = ?", (_set_article(js, name, new), aid))
        for eid, js in conn.execute("SELECT id, json FROM events WHERE article_id = ?", (aid,)).fetchall():
            conn.execute("UPDATE events SET json = ? WHERE id = ?", (_set_article(js, name, new), eid))
    if renamed:
        conn.execute("DELETE FROM fused_members")
        conn.execute("DELETE FROM fused_events")
        conn.execute("DELETE FROM fusion_edges")
    conn.execute("CREATE UNIQUE INDEX articles_name_unique ON articles(name)")


V6 = """
CREATE TABLE fusion_blocks (           -- the fusion's block index: event rows by block key (warlog.fuse.incremental)
    block TEXT NOT NULL, event_row INTEGER NOT NULL,
    PRIMARY KEY (block, event_row)
) WITHOUT ROWID;
CREATE TABLE fusion_marks (            -- the last event row fused ('fused') and whose blocks are indexed ('indexed')
    name TEXT PRIMARY KEY, event_row INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO fusion_marks (name, event_row) VALUES ('indexed', 0);
INSERT INTO fusion_marks (name, event_row) VALUES ('fused', coalesce(
    (SELECT min(e.id) - 1 FROM events e WHERE NOT EXISTS (SELECT 1 FROM fused_members m WHERE m.event_row = e.id)),
    (SELECT max(id) FROM events), 0));
"""

MIGRATIONS: list[str | Callable[[Any], None]] = [
    V1,  # 1: articles, readings, events, claims, places, actors (each mention with article + span)
    V2,  # 2: fusion tables and day ordinals ...
    _backfill_days,  # 3: ... filled for events stored before version 2
    V3,  # 4: the evidence view (every extracted field -> article + character span)
    _unique_names,  # 5: article names unique (renamed where two shared one), enforced by an index
    V6,  # 6: the fusion's block index and marks (events after the 'fused' mark are not fused yet)
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: Any, target: int = SCHEMA_VERSION) -> tuple[int, int]:
    """Apply the missing steps up to `target` on a backend (warlog.store.backend), each in its own transaction.
    Returns (from, to) versions.

    The version is read again inside each step's lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory
    lock), so two processes opening a fresh store at once apply each step once: the second waits, then finds
    the step done. Scripts are written in SQLite's dialect; `db.ddl` translates them."""
    conn = db.conn
    current = db.get_version()
    if current > SCHEMA_VERSION:
        raise RuntimeError(f"store schema version {current} is newer than this warlog ({SCHEMA_VERSION})")
    start = current
    while current < target:
        db.begin_migration()
        current = db.get_version()  # under the lock
        if current >= target:
            conn.execute("COMMIT")
            break
        version = current + 1
        step = MIGRATIONS[version - 1]
        try:
            if callable(step):
                step(conn)
            else:
                for stmt in _statements(step):
                    conn.execute(db.ddl(stmt))
            db.set_version(version)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        current = version
    return start, max(start, target)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside our literals)."""
    lines = [ln.split("--", 1)[0] for ln in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
