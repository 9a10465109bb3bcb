"""Where the store's two database engines differ: SQLite (a file, the default) and PostgreSQL (a server).

    connect(target) -> SQLiteBackend | PgBackend     a path -> SQLite; "postgresql://..." or "postgres://..." -> PostgreSQL
    is_dsn(target) -> bool

A backend holds `conn`, which answers the subset of `sqlite3.Connection` the store uses (execute with `?`
placeholders, executemany, in_transaction, close), and the few operations that differ: an INSERT's new id, a write
transaction, the fusion lock, the schema version, DDL types, streaming a long query, telling which UNIQUE
constraint a failed insert hit, and the database's size. SQL shared by both is written once in core.py and
schema.py (ON CONFLICT ... DO UPDATE and a quoted "end" column work in both).

Concurrency: in SQLite every write transaction holds the file's write lock (BEGIN IMMEDIATE), so writers
take turns. In PostgreSQL writers insert their articles at the same time (the UNIQUE content hash and
article name settle races: see Store.add), then take turns from their events on (numbered in commit order, so
that the fusion's 'fused' mark never passes a row not committed yet) and for fusion, under a transaction-level
advisory lock that the commit releases; schema migrations take another one.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

PG_SCHEMES = ("postgresql://", "postgres://")
#: pg_advisory_xact_lock keys ("warlog" fuse / migrate, as 64-bit integers)
FUSION_LOCK = 0x7761726C6F670001
MIGRATION_LOCK = 0x7761726C6F670002


class StoreError(sqlite3.DatabaseError):
    """A database that cannot be used, with a one-line reason (a subclass of sqlite3.DatabaseError, so whatever
    reports SQLite's errors to the user reports these too)."""


def is_dsn(target: object) -> bool:
    """A PostgreSQL connection URL (postgresql://... or postgres://...)."""
    return isinstance(target, str) and target.startswith(PG_SCHEMES)


def redacted(dsn: str) -> str:
    """The URL without its password (for messages)."""
    try:
        parts = urlsplit(dsn)
    except ValueError:
        return dsn.split("@")[-1]
    if parts.password is None:
        return dsn
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def connect(target: str | Path) -> SQLiteBackend | PgBackend:
    if is_dsn(target):
        return PgBackend(str(target))
    return SQLiteBackend(target)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


# -- SQLite ------------------------------------------------------------------------------------------
class SQLiteBackend:
    kind = "sqlite"

    def __init__(self, path: str | Path):
        self.target = str(path)
        if self.target != ":memory:":
            Path(self.target).parent.mkdir(parents=True, exist_ok=True)
        self.conn: Any = sqlite3.connect(self.target, isolation_level=None, timeout=60)
        self._wal()
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")

    def _wal(self, wait: float = 60.0) -> None:
        """WAL mode. Two processes opening a fresh file at once: switching the journal mode can answer "database
        is locked" at once, without waiting as the connection's timeout does for other statements: tried again."""
        deadline = time.monotonic() + wait
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def insert(self, sql: str, params: Sequence) -> int:
        """Run an INSERT into a table with an `id` column; the new row's id."""
        return self.conn.execute(sql, params).lastrowid

    def begin_write(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")  # the file's write lock, held to COMMIT: writers take turns

    def lock_fusion(self) -> None:
        """Nothing to do: the write transaction already holds the file's lock."""

    def begin_migration(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def get_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def set_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version = {int(version)}")

    def ddl(self, stmt: str) -> str:
        return stmt

    def stream(self, sql: str, params: Sequence = ()) -> Iterator[tuple]:
        """Rows as SQLite steps to them (a cursor of its own): a long export never holds them all."""
        yield from self.conn.cursor().execute(sql, params)

    def unique_column(self, e: BaseException) -> str | None:
        """'table.column' of the UNIQUE constraint an insert failed on, else None."""
        if isinstance(e, sqlite3.IntegrityError):
            m = re.search(r"UNIQUE constraint failed: (\w+\.\w+)", str(e))
            return m.group(1) if m else None
        return None

    def size_bytes(self) -> int:
        if self.target == ":memory:":
            return 0
        return sum(Path(p).stat().st_size for p in (self.target, f"{self.target}-wal") if Path(p).exists())

    def close(self) -> None:
        self.conn.close()


# -- PostgreSQL --------------------------------------------------------------------------------------
#: SQLite DDL -> PostgreSQL DDL, in order (the migration scripts are written once, in SQLite's dialect)
_PG_DDL = [
    (re.compile(r"\bid INTEGER PRIMARY KEY\b"), "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),  # PostgreSQL's REAL is 4 bytes; SQLite's is 8
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),  # compare and sort by code point, as SQLite does
    (
        re.compile(r"strftime\('%Y-%m-%dT%H:%M:%SZ', 'now'\)"),
        "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
    ),
    (re.compile(r"\)\s*WITHOUT ROWID"), ")"),
    (re.compile(r'(?<!")\bend\b(?!")'), '"end"'),  # a reserved word in PostgreSQL
]


def _pg_sql(sql: str) -> str:
    """`?` placeholders -> `%s` (no `?` or `%` appears inside the store's string literals but strftime's)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _PgConnection:
    """The subset of sqlite3.Connection the store uses, over a psycopg connection in autocommit mode (explicit
    BEGIN/COMMIT, as the SQLite connection with isolation_level=None)."""

    def __init__(self, raw: Any, psycopg: Any):
        self.raw = raw
        self._psycopg = psycopg
        self._sql: dict[str, str] = {}

    def _q(self, sql: str) -> str:
        q = self._sql.get(sql)
        if q is None:
            q = self._sql[sql] = _pg_sql(sql)
        return q

    def _wrap(self, e: BaseException) -> BaseException:
        if isinstance(e, self._psycopg.IntegrityError):
            return e  # the store settles UNIQUE races itself
        return StoreError(_one_line(e))

    def execute(self, sql: str, params: Sequence = ()) -> Any:
        cur = self.raw.cursor()
        try:
            if params:
                cur.execute(self._q(sql), tuple(params))
            else:
                cur.execute(sql)
        except self._psycopg.Error as e:
            raise self._wrap(e) from e
        return cur

    def executemany(self, sql: str, rows: Any) -> Any:
        rows = list(rows)
        cur = self.raw.cursor()
        if rows:
            try:
                cur.executemany(self._q(sql), rows)
            except self._psycopg.Error as e:
                raise self._wrap(e) from e
        return cur

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


class PgBackend:
    kind = "postgresql"

    def __init__(self, dsn: str):
        self.target = dsn
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                "PostgreSQL needs psycopg, which is not installed: pip install 'warlog[pg]' (psycopg[binary])"
            ) from None
        self._psycopg = psycopg
        try:
            kwargs: dict[str, Any] = {} if "connect_timeout" in dsn else {"connect_timeout": 10}
            raw = psycopg.connect(dsn, autocommit=True, **kwargs)
        except psycopg.ProgrammingError as e:
            raise StoreError(f"not a valid PostgreSQL URL ({_one_line(e)})") from None
        except psycopg.Error as e:
            raise StoreError(f"cannot connect ({_one_line(e)})") from None
        self.conn: Any = _PgConnection(raw, psycopg)
        self._cursors = 0

    def insert(self, sql: str, params: Sequence) -> int:
        return self.conn.execute(sql + " RETURNING id", params).fetchone()[0]

    def begin_write(self) -> None:
        self.conn.execute("BEGIN")

    def lock_fusion(self) -> None:
        """Fusion reads the fused events around the new ones and rewrites them: one writer at a time, until
        COMMIT (READ COMMITTED: each statement after the lock sees what the previous holder committed)."""
        self.conn.execute("SELECT pg_advisory_xact_lock(?)", (FUSION_LOCK,))

    def begin_migration(self) -> None:
        self.conn.execute("BEGIN")
        self.conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
        self.conn.execute("CREATE TABLE IF NOT EXISTS warlog_schema (version INTEGER NOT NULL)")
        if self.conn.execute("SELECT count(*) FROM warlog_schema").fetchone()[0] == 0:
            self.conn.execute("INSERT INTO warlog_schema (version) VALUES (0)")

    def get_version(self) -> int:
        """The last migration step applied (the table `warlog_schema`; PostgreSQL has no user_version)."""
        if self.conn.execute("SELECT to_regclass('warlog_schema')").fetchone()[0] is None:
            return 0
        row = self.conn.execute("SELECT max(version) FROM warlog_schema").fetchone()
        return int(row[0] or 0)

    def set_version(self, version: int) -> None:
        self.conn.execute("UPDATE warlog_schema SET version = ?", (int(version),))

    def ddl(self, stmt: str) -> str:
        for pattern, repl in _PG_DDL:
            stmt = pattern.sub(repl, stmt)
        return stmt

    def stream(self, sql: str, params: Sequence = ()) -> Iterator[tuple]:
        """Rows through a server-side cursor, fetched a batch at a time (constant memory)."""
        self._cursors += 1
        cur = self.conn.raw.cursor(name=f"warlog_stream_{self._cursors}", withhold=True)
        cur.itersize = 2000
        try:
            try:
                cur.execute(self.conn._q(sql) if params else sql, tuple(params) or None)
            except self._psycopg.Error as e:
                raise StoreError(_one_line(e)) from e
            yield from cur
        finally:
            cur.close()

    def unique_column(self, e: BaseException) -> str | None:
        if isinstance(e, self._psycopg.errors.UniqueViolation):
            name = e.diag.constraint_name or ""
            return {"articles_content_hash_key": "articles.content_hash", "articles_name_unique": "articles.name"}.get(
                name, name
            )
        return None

    def size_bytes(self) -> int:
        return int(self.conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])

    def close(self) -> None:
        self.conn.close()
