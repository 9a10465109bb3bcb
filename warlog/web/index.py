"""The server's read-only view of a store: an in-memory SQLite index over the fused events, with FTS5.

    Index(db_path)                      opens the store read-only (`file:...?mode=ro`) and builds the index
    Index.query(Filters) -> dict        one page of events, the total, the time histogram
    Index.points(Filters) -> dict       map points (aggregated into cells when there are many) and a robust extent
    Index.event(fid) -> dict | None     the fused event, its sources side by side, why its mentions were fused
    Index.article(aid) -> dict | None   an article's text cut into highlighted segments
    Index.fused(Filters) -> list        the FusedEvents of a filter (for the downloads)

The store is never written: the index lives in a `:memory:` database that ATTACHes the store read-only as `s`,
so the server works while an ingest writes (WAL). When the store changes (`PRAGMA s.data_version`), a new index
is built in a background thread and swapped in; requests meanwhile answer from the old one.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from urllib.parse import quote

from warlog import fuse
from warlog.model import Event
from warlog.normalize import match_fold
from warlog.store.schema import _day

#: sort key -> the event's value it sorts on (ties by id; missing values last in both directions)
SORTS = ("date", "type", "place", "sources", "fatalities", "disagreements")
MAX_PER_PAGE = 500
CACHE_SIZE = 256  # answers kept per index (by filter)
POINT_CELLS_ABOVE = 2000
HIT_TABLES = (
    32  # search results kept as tables  # more located events than this: the map gets cells with counts, not points
)


@dataclass
class Filters:
    """What the URL asks for. Every field is a query parameter of the same name."""

    q: str = ""
    start: str = ""  # ISO date, inclusive (parameter `from`)
    end: str = ""  # ISO date, inclusive (parameter `to`)
    type: str = ""
    sub: str = ""
    actor: str = ""
    place: str = ""  # place, admin1 or country code
    outlet: str = ""
    modality: str = ""
    disagree: bool = False
    sort: str = "-date"
    page: int = 1
    per: int = 50
    errors: list[str] = field(default_factory=list)

    PARAMS = {"start": "from", "end": "to"}

    @classmethod
    def from_params(cls, params) -> Filters:
        f = cls()
        for fl in fields(cls):
            if fl.name == "errors":
                continue
            key = cls.PARAMS.get(fl.name, fl.name)
            raw = (params.get(key) or "").strip()
            if not raw:
                continue
            if fl.name == "disagree":
                f.disagree = raw not in ("0", "false", "no", "")
            elif fl.name in ("page", "per"):
                try:
                    v = int(raw)
                except ValueError:
                    f.errors.append(f"{key}: not a number: {raw[:40]!r}")
                    continue
                setattr(f, fl.name, max(1, min(v, MAX_PER_PAGE)) if fl.name == "per" else max(1, v))
            elif fl.name in ("start", "end"):
                try:
                    setattr(f, fl.name, date.fromisoformat(raw[:10]).isoformat())
                except ValueError:
                    f.errors.append(f"{key}: not a date (YYYY-MM-DD): {raw[:40]!r}")
            elif fl.name == "sort":
                if raw.lstrip("-") in SORTS:
                    f.sort = raw
                else:
                    f.errors.append(f"sort: one of {', '.join(SORTS)} (with - for descending)")
            else:
                setattr(f, fl.name, raw[:200])
        return f

    def params(self, **change) -> dict[str, str]:
        """The non-default parameters (with `change` applied), for building links."""
        out: dict[str, str] = {}
        default = Filters()
        for fl in fields(self):
            if fl.name == "errors":
                continue
            v = change.get(fl.name, getattr(self, fl.name))
            if v == getattr(default, fl.name) or v in ("", None, False):
                continue
            out[self.PARAMS.get(fl.name, fl.name)] = "1" if v is True else str(v)
        return out

    def active(self) -> bool:
        return bool(set(self.params()) - {"sort", "page", "per"})


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: every word must occur (quoted, so no operator can be injected);
    a trailing * on a word keeps its prefix meaning."""
    words = []
    for w in text.split():
        prefix = w.endswith("*")
        w = w.strip('*"')
        if w:
            words.append('"' + w.replace('"', "") + '"' + ("*" if prefix else ""))
    return " ".join(words)


fold = match_fold  # a name for matching: accents and case folded, hyphens as spaces (warlog.normalize)


def ro_uri(path: Path) -> str:
    return "file:" + quote(str(path.resolve())) + "?mode=ro"


def _median(xs: list[float]) -> float:
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def robust_bounds(points: list[tuple[float, float]]) -> tuple[list[list[float]] | None, int]:
    """An extent that fits the points but not the outliers: points further from the median point than three
    times the 80th-percentile distance (at least 1 degree) are left out. Returns ([[s, w], [n, e]], left out)."""
    if not points:
        return None, 0
    mlat, mlon = _median([p[0] for p in points]), _median([p[1] for p in points])
    coslat = max(0.2, math.cos(math.radians(mlat)))
    dist = [math.hypot(p[0] - mlat, (p[1] - mlon) * coslat) for p in points]
    q = sorted(dist)[int(0.8 * (len(dist) - 1))]
    limit = max(3 * q, 1.0)
    kept = [p for p, d in zip(points, dist, strict=True) if d <= limit]
    s, n = min(p[0] for p in kept), max(p[0] for p in kept)
    w, e = min(p[1] for p in kept), max(p[1] for p in kept)
    pad = max(0.1, 0.08 * max(n - s, e - w))
    return [[round(s - pad, 4), round(w - pad, 4)], [round(n + pad, 4), round(e + pad, 4)]], len(points) - len(kept)


RANK_COLUMNS = [f"r_{k}_{d} INTEGER" for k in SORTS for d in "ad"]
BUILD_SQL = """
CREATE TABLE ev (                       -- narrow: what filters, sorts and histograms scan
    rid INTEGER PRIMARY KEY, fid TEXT UNIQUE, etype TEXT, sub TEXT, d0 TEXT, d1 TEXT,
    day_lo INTEGER, day_hi INTEGER, wk INTEGER, mo INTEGER, place TEXT, country TEXT, admin1 TEXT,
    lat REAL, lon REAL, cla REAL, clo REAL, modality TEXT, n_articles INTEGER, n_contra INTEGER, low INTEGER, best INTEGER,
    high INTEGER, {RANKS}
);
CREATE TABLE ev_show (rid INTEGER PRIMARY KEY, prec TEXT, actor1 TEXT, actor2 TEXT, outlets TEXT, headline TEXT);
CREATE TABLE ev_actor (rid INTEGER, actor TEXT COLLATE NOCASE);
CREATE TABLE ev_article (rid INTEGER, aid INTEGER);
CREATE TABLE ev_outlet (rid INTEGER, outlet TEXT COLLATE NOCASE);
CREATE TABLE ev_place (rid INTEGER, name TEXT);         -- folded names of the place: canonical, as written, admin1
CREATE VIRTUAL TABLE fts_ev USING fts5(text, content='', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE fts_art USING fts5(title, text, content='', tokenize='unicode61 remove_diacritics 2');
""".replace("{RANKS}", ", ".join(RANK_COLUMNS))
INDEX_SQL = (
    "".join(f"CREATE INDEX ev_r_{k}_{d} ON ev(r_{k}_{d});\n" for k in SORTS for d in "ad")
    + """
CREATE INDEX ev_days ON ev(day_lo, day_hi);
CREATE INDEX ev_hist_day ON ev(day_lo, etype);
CREATE INDEX ev_latlon ON ev(lat, lon, etype);
CREATE INDEX ev_cells ON ev(cla, clo, etype);
CREATE INDEX ev_type ON ev(etype, sub);
CREATE INDEX ev_place_col ON ev(place);
CREATE INDEX ev_admin1 ON ev(admin1);
CREATE INDEX ev_actor_i ON ev_actor(actor, rid);
CREATE INDEX ev_article_a ON ev_article(aid, rid);
CREATE INDEX ev_article_r ON ev_article(rid);
CREATE INDEX ev_outlet_i ON ev_outlet(outlet, rid);
CREATE INDEX ev_place_i ON ev_place(name, rid);
"""
)


#: the ORDER BY of each sort key (missing values last in both directions, ties by event id)
_ORDER = {
    "date": ("d0 IS NULL, d0, fid", "d0 IS NULL, d0 DESC, fid"),
    "type": ("etype, sub, fid", "etype DESC, sub DESC, fid"),
    "place": ("place IS NULL, place, fid", "place IS NULL, place DESC, fid"),
    "sources": ("n_articles, fid", "n_articles DESC, fid"),
    "fatalities": ("best IS NULL, best, fid", "best IS NULL, best DESC, fid"),
    "disagreements": ("n_contra, fid", "n_contra DESC, fid"),
}
RANK_SQL = (
    "UPDATE ev SET "
    + ", ".join(f"r_{k}_{d} = r.r_{k}_{d}" for k in SORTS for d in "ad")
    + " FROM (SELECT rid, "
    + ", ".join(f"row_number() OVER (ORDER BY {_ORDER[k][i]}) AS r_{k}_{d}" for k in SORTS for i, d in enumerate("ad"))
    + " FROM ev) AS r WHERE ev.rid = r.rid"
)


def _text_of(f: dict) -> str:
    parts = [m.get("evidence") or "" for m in f.get("mentions", [])]
    parts += [c.get("evidence") or "" for c in f.get("claims", [])]
    return "\n".join(dict.fromkeys(p for p in parts if p))


class Index:
    """The in-memory index of one store (see the module's doc)."""

    def __init__(self, db_path: str | Path):
        self.path = Path(db_path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no database at {self.path}; run `warlog ingest` first")
        self.lock = threading.RLock()
        t0 = time.perf_counter()
        self.conn = self._build()
        self.build_seconds = time.perf_counter() - t0
        self._seen_version = self.version[0]
        self._profiles: list[dict] | None = None
        self._facets: dict | None = None
        self._cache: OrderedDict = OrderedDict()
        self._hit_tables: OrderedDict = OrderedDict()
        self.max_span = self.conn.execute("SELECT coalesce(max(day_hi - day_lo), 0) FROM ev").fetchone()[0]

    # -- building ---------------------------------------------------------------------------------
    def _build(self) -> sqlite3.Connection:
        conn = sqlite3.connect("file::memory:", uri=True, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("ATTACH DATABASE ? AS s", (ro_uri(self.path),))
            conn.execute("SELECT count(*) FROM s.sqlite_master").fetchone()
        except sqlite3.DatabaseError as e:
            conn.close()
            raise ValueError(f"{self.path}: not a warlog database ({e})") from None
        have = {r[0] for r in conn.execute("SELECT name FROM s.sqlite_master WHERE type IN ('table', 'view')")}
        missing = {"articles", "events", "fused_events", "fused_members"} - have
        if missing:
            conn.close()
            raise ValueError(f"{self.path}: not a warlog database (no table {', '.join(sorted(missing))})")
        conn.executescript(BUILD_SQL)
        conn.execute("BEGIN")
        # one snapshot of the store for the whole build (an ingest may be writing)
        self.version = self._data_version(conn)  # the snapshot this index is built from
        rows = conn.execute("SELECT rowid, json FROM s.fused_events").fetchall()
        rid_of: dict[str, int] = {}
        ev_rows, show_rows, actor_rows, fts_rows, place_rows = [], [], [], [], []
        for rid, js in rows:
            f = json.loads(js)
            d = f.get("date") or {}
            loc = f.get("location") or {}
            fat = f.get("fatalities") or {}
            rid_of[f["id"]] = rid
            d0, d1 = d.get("start"), d.get("end") or d.get("start")
            headline = next((m.get("evidence") for m in f.get("mentions", []) if m.get("evidence")), "")
            lo, hi = _day(d0, False), _day(d1, True)
            ev_rows.append(
                [
                    rid,
                    f["id"],
                    f.get("event_type"),
                    f.get("sub_event_type"),
                    d0,
                    d1,
                    lo,
                    hi,
                    None if lo is None else (lo - 1) // 7 * 7 + 1,
                    None if lo is None else date.fromordinal(lo).replace(day=1).toordinal(),
                    loc.get("canonical") or loc.get("name"),
                    loc.get("country"),
                    loc.get("admin1"),
                    loc.get("lat"),
                    loc.get("lon"),
                    None if loc.get("lat") is None or loc.get("lon") is None else round(loc["lat"] * 20) / 20,
                    None if loc.get("lat") is None or loc.get("lon") is None else round(loc["lon"] * 20) / 20,
                    f.get("modality"),
                    len(f.get("articles", [])),
                    len(f.get("contradictions", [])),
                    fat.get("low"),
                    fat.get("best"),
                    fat.get("high"),
                ]
            )
            show_rows.append(
                (
                    rid,
                    d.get("precision"),
                    "; ".join(f.get("actor1", [])),
                    "; ".join(f.get("actor2", [])),
                    "; ".join(f.get("outlets", [])),
                    headline[:300],
                )
            )
            for a in dict.fromkeys((*f.get("actor1", []), *f.get("actor2", []), *f.get("assoc_actors", []))):
                actor_rows.append((rid, a))
            fts_rows.append((rid, _text_of(f)))
            names = {loc.get("canonical"), loc.get("name"), loc.get("admin1"), loc.get("country")}
            for m in f.get("mentions", []):
                ml = m.get("location") or {}
                names.update((ml.get("canonical"), ml.get("name")))
            place_rows.extend((rid, n) for n in {fold(x) for x in names if x})
        pad = [None] * len(RANK_COLUMNS)
        conn.executemany(f"INSERT INTO ev VALUES ({','.join('?' * (23 + len(pad)))})", [r + pad for r in ev_rows])
        conn.execute(RANK_SQL)  # every sort is then an indexed ORDER BY on one integer column
        conn.executemany("INSERT INTO ev_show VALUES (?,?,?,?,?,?)", show_rows)
        conn.executemany("INSERT INTO ev_actor VALUES (?, ?)", actor_rows)
        conn.executemany("INSERT INTO ev_place VALUES (?, ?)", place_rows)
        conn.executemany("INSERT INTO fts_ev (rowid, text) VALUES (?, ?)", fts_rows)
        conn.execute(
            "INSERT INTO ev_article SELECT DISTINCT ev.rid, e.article_id FROM s.fused_members m "
            "JOIN s.events e ON e.id = m.event_row JOIN ev ON ev.fid = m.fused_id"
        )
        conn.execute("INSERT INTO fts_art (rowid, title, text) SELECT id, coalesce(title, ''), text FROM s.articles")
        conn.execute(
            "INSERT INTO ev_outlet SELECT DISTINCT x.rid, coalesce(a.outlet, a.name) FROM ev_article x "
            "JOIN s.articles a ON a.id = x.aid"
        )
        conn.execute("COMMIT")  # autocommit from here: no read transaction stays open on the store
        conn.executescript(INDEX_SQL)
        conn.execute("ANALYZE main")
        return conn

    def _data_version(self, conn: sqlite3.Connection | None = None) -> tuple[int, int, int]:
        """(PRAGMA data_version of the store, fused events, largest fused rowid)."""
        conn = conn or self.conn
        with self.lock:
            v = conn.execute("PRAGMA s.data_version").fetchone()[0]
            n = conn.execute("SELECT count(*), coalesce(max(rowid), 0) FROM s.fused_events").fetchone()
        return (v, *n)

    def changed(self) -> bool:
        """The store's fused events have changed since this index's snapshot. Cheap when nothing was committed
        (PRAGMA data_version moves only when another connection commits)."""
        try:
            with self.lock:
                v = self.conn.execute("PRAGMA s.data_version").fetchone()[0]
                if v == self._seen_version:
                    return False
                self._seen_version = v
            return self._data_version()[1:] != self.version[1:]
        except sqlite3.Error:
            return False

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    # -- filtering --------------------------------------------------------------------------------
    def _where(self, f: Filters) -> tuple[str, list]:
        sql, args = [], []
        if f.q and fts_query(f.q):
            sql.append(f"ev.rid IN (SELECT rid FROM {self._hits(fts_query(f.q))})")
        if f.start:  # overlap: ends after the start; the lower bound on day_lo lets the index do the work
            lo = date.fromisoformat(f.start).toordinal()
            sql.append("ev.day_lo >= ? AND ev.day_hi >= ?")
            args += [lo - self.max_span, lo]
        if f.end:
            sql.append("ev.day_lo <= ?")
            args.append(date.fromisoformat(f.end).toordinal())
        if f.type:
            sql.append("ev.etype = ?")
            args.append(f.type)
        if f.sub:
            sql.append("ev.sub = ?")
            args.append(f.sub)
        if f.actor:
            sql.append("ev.rid IN (SELECT rid FROM ev_actor WHERE actor = ?)")
            args.append(f.actor)
        if f.place:
            sql.append("ev.rid IN (SELECT rid FROM ev_place WHERE name = ?)")
            args.append(fold(f.place))
        if f.outlet:
            sql.append("ev.rid IN (SELECT rid FROM ev_outlet WHERE outlet = ?)")
            args.append(f.outlet)
        if f.modality:
            sql.append("ev.modality = ?")
            args.append(f.modality)
        if f.disagree:
            sql.append("ev.n_contra > 0")
        return (" WHERE " + " AND ".join(sql)) if sql else "", args

    def _hits(self, qq: str) -> str:
        """The table of events matching an FTS5 query (evidence, or the text of an article reporting them),
        made once per query and index (the last HIT_TABLES kept)."""
        name = "hits_" + hashlib.sha1(qq.encode("utf-8")).hexdigest()[:16]
        with self.lock:
            if name in self._hit_tables:
                self._hit_tables.move_to_end(name)
                return name
            try:
                self.conn.execute(f"CREATE TABLE {name} (rid INTEGER PRIMARY KEY)")
                self.conn.execute(f"INSERT OR IGNORE INTO {name} SELECT rowid FROM fts_ev WHERE fts_ev MATCH ?", (qq,))
                self.conn.execute(
                    f"INSERT OR IGNORE INTO {name} SELECT x.rid FROM ev_article x WHERE x.aid IN "
                    "(SELECT rowid FROM fts_art WHERE fts_art MATCH ?)",
                    (qq,),
                )
            except sqlite3.OperationalError as e:
                self.conn.execute(f"DROP TABLE IF EXISTS {name}")
                raise ValueError(f"search: cannot read {qq!r}: {e}") from None
            self._hit_tables[name] = True
            while len(self._hit_tables) > HIT_TABLES:
                old, _ = self._hit_tables.popitem(last=False)
                self.conn.execute(f"DROP TABLE IF EXISTS {old}")
        return name

    def _run(self, sql: str, args=()) -> list[tuple]:
        with self.lock:
            try:
                return self.conn.execute(sql, args).fetchall()
            except sqlite3.OperationalError as e:
                if "fts5" in str(e) or "MATCH" in str(e):
                    raise ValueError(f"search: cannot read {e}") from None
                raise

    def _cached(self, kind: str, f: Filters, compute):
        """Answers by filter, kept for this index's life (it never changes: a changed store is a new index)."""
        key = (kind, tuple(sorted(f.params().items())))
        with self.lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute(f)
        with self.lock:
            self._cache[key] = value
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def query(self, f: Filters) -> dict:
        """One page of events (rows for the list), the total, the histogram of the whole filter."""
        return self._cached("query", f, self._query)

    def _query(self, f: Filters) -> dict:
        where, args = self._where(f)
        by_day = self._run(f"SELECT day_lo, etype, count(*) FROM ev{where} GROUP BY day_lo, etype", args)
        total = sum(n for _, _, n in by_day)
        key = f.sort.lstrip("-")
        order = f"ev.r_{key}_{'d' if f.sort.startswith('-') else 'a'}"
        pages = max(1, math.ceil(total / f.per))
        page = min(f.page, pages)
        cols = (
            "fid, etype, sub, d0, d1, prec, place, admin1, country, lat, lon, modality, n_articles, n_contra, low, "
            "best, high, actor1, actor2, outlets, headline"
        )
        rows = self._run(
            f"SELECT {cols} FROM (SELECT ev.* FROM ev{where} ORDER BY {order} LIMIT ? OFFSET ?) AS ev "
            f"JOIN ev_show USING (rid) ORDER BY {order}",
            [*args, f.per, (page - 1) * f.per],
        )
        names = [c.strip() for c in cols.split(",")]
        events = [dict(zip(names, r, strict=True)) for r in rows]
        return {
            "total": total,
            "page": page,
            "pages": pages,
            "per": f.per,
            "sort": f.sort,
            "events": events,
            "histogram": histogram(by_day),
        }

    def points(self, f: Filters) -> dict:
        """Located events for the map (cells of 0.05 degree with counts above POINT_CELLS_ABOVE) and the extent."""
        return self._cached("points", f, self._points)

    def _points(self, f: Filters) -> dict:
        where, args = self._where(f)
        cond = f"{where}{' AND' if where else ' WHERE'} ev.lat IS NOT NULL AND ev.lon IS NOT NULL"
        n = self._run(f"SELECT count(*) FROM ev{cond}", args)[0][0]
        unlocated = self._run(f"SELECT count(*) FROM ev{where}", args)[0][0] - n
        if n <= POINT_CELLS_ABOVE:
            rows = self._run(f"SELECT lat, lon, fid, etype, coalesce(place, ''), coalesce(d0, '') FROM ev{cond}", args)
            pts = [[round(a, 5), round(b, 5), 1, fid, t, p, d] for a, b, fid, t, p, d in rows]
        else:
            rows = self._run(
                f"SELECT cla, clo, count(*), max(etype) FROM ev{where}{' AND' if where else ' WHERE'} "
                "cla IS NOT NULL GROUP BY cla, clo",
                args,
            )
            pts = [[a, b, c, "", t, "", ""] for a, b, c, t in rows]
        bounds, outside = robust_bounds([(p[0], p[1]) for p in pts])
        return {
            "located": n,
            "unlocated": unlocated,
            "outside_view": outside,
            "bounds": bounds,
            "points": pts,
            "columns": ["lat", "lon", "count", "id", "event_type", "place", "date"],
        }

    def facets(self) -> dict:
        """Values for the filter form: types, sub-types, modalities, outlets, frequent actors and places
        (computed once per index)."""
        if self._facets is None:
            self._facets = self._compute_facets()
        return self._facets

    def _compute_facets(self) -> dict:
        with self.lock:
            c = self.conn
            return {
                "types": [r[0] for r in c.execute("SELECT DISTINCT etype FROM ev WHERE etype IS NOT NULL ORDER BY 1")],
                "subs": [r[0] for r in c.execute("SELECT DISTINCT sub FROM ev WHERE sub IS NOT NULL ORDER BY 1")],
                "modalities": [
                    r[0] for r in c.execute("SELECT DISTINCT modality FROM ev WHERE modality IS NOT NULL ORDER BY 1")
                ],
                "outlets": [
                    r[0]
                    for r in c.execute(
                        "SELECT outlet FROM ev_outlet GROUP BY outlet ORDER BY count(*) DESC, 1 LIMIT 200"
                    )
                ],
                "actors": [
                    r[0]
                    for r in c.execute("SELECT actor FROM ev_actor GROUP BY actor ORDER BY count(*) DESC, 1 LIMIT 200")
                ],
                "places": [
                    r[0]
                    for r in c.execute(
                        "SELECT p FROM (SELECT place AS p FROM ev UNION ALL SELECT admin1 FROM ev) WHERE p IS NOT NULL "
                        "GROUP BY p ORDER BY count(*) DESC, 1 LIMIT 200"
                    )
                ],
                "dates": list(c.execute("SELECT min(d0), max(d1) FROM ev").fetchone()),
                "events": c.execute("SELECT count(*) FROM ev").fetchone()[0],
                "articles": c.execute("SELECT count(*) FROM s.articles").fetchone()[0],
            }

    # -- whole records ----------------------------------------------------------------------------
    def fused(self, f: Filters, limit: int | None = None) -> list:
        """The FusedEvents of a filter, by date (undated last) then id."""
        where, args = self._where(f)
        sql = (
            f"SELECT x.json FROM ev JOIN s.fused_events x ON x.id = ev.fid{where} ORDER BY ev.d0 IS NULL, ev.d0, ev.fid"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [fuse.fused_from_dict(json.loads(js)) for (js,) in self._run(sql, args)]

    def event(self, fid: str) -> dict | None:
        """A fused event with its sources (article, the paragraph of each mention) and why it was fused."""
        row = self._run("SELECT json FROM s.fused_events WHERE id = ?", (fid,))
        if not row:
            return None
        f = json.loads(row[0][0])
        members = self._run(
            "SELECT e.id, e.json, e.start, e.end, a.id, a.name, a.title, a.outlet, a.published, a.content_hash, a.text "
            "FROM s.fused_members m JOIN s.events e ON e.id = m.event_row JOIN s.articles a ON a.id = e.article_id "
            "WHERE m.fused_id = ? ORDER BY a.published, a.id, e.start",
            (fid,),
        )
        sources: dict[int, dict] = {}
        mentions = {}
        for row_id, ejs, s, e, aid, name, title, outlet, pub, chash, text in members:
            ev = Event.from_dict(json.loads(ejs))
            mentions[row_id] = (ev, name, chash, outlet or name)
            src = sources.setdefault(
                aid,
                {
                    "article_id": aid,
                    "article": name,
                    "title": title,
                    "outlet": outlet,
                    "published": pub,
                    "mentions": [],
                    "claims": [c for c in f.get("claims", []) if c.get("article") == name],
                },
            )
            src["mentions"].append(
                {
                    "event_id": ev.id,
                    "sub_event_type": ev.sub_event_type,
                    "date": ev.date.to_dict() if ev.date else None,
                    "place": (ev.location.canonical or ev.location.name) if ev.location else None,
                    "actor1": ev.actor1,
                    "actor2": ev.actor2,
                    "modality": ev.modality,
                    "evidence": ev.evidence,
                    "paragraph": paragraph(text, s or 0, e or 0),
                }
            )
        f["sources"] = list(sources.values())
        f["disagreements"] = disagreements(f.get("claims", []))
        f["why_fused"] = self._why(list(mentions.items()))
        return f

    def _why(self, members: list) -> list[dict]:
        if len(members) < 2:
            return []
        rows = [r for r, _ in members]
        q = ",".join("?" * len(rows))
        scores = {
            (a, b): s
            for a, b, s in self._run(
                f"SELECT a, b, score FROM s.fusion_edges WHERE a IN ({q}) AND b IN ({q})", [*rows, *rows]
            )
        }
        from warlog.fuse import match

        out = []
        by_row = dict(members)
        for (a, b), s in sorted(scores.items(), key=lambda kv: -kv[1]):
            ea, na, ha, oa = by_row[a]
            eb, nb, hb, ob = by_row[b]
            ma, mb = fuse.Mention(ea, f"{na}@{ha[:12]}"), fuse.Mention(eb, f"{nb}@{hb[:12]}")
            reasons = [f"same event type ({ea.event_type})"]
            da, db = ea.date, eb.date
            if da and db:
                reasons.append(
                    "same date"
                    if (da.start, da.end) == (db.start, db.end)
                    else f"dates {da.start} and {db.start} overlap within a day"
                )
            if ma.placed and mb.placed:
                km = match.haversine_km(ma.lat, ma.lon, mb.lat, mb.lon)
                pa = ea.location.canonical or ea.location.name
                pb = eb.location.canonical or eb.location.name
                reasons.append(f"same place ({pa})" if ma.place == mb.place else f"{pa} and {pb} are {km:.0f} km apart")
            elif ma.admin1 and ma.admin1 == mb.admin1:
                reasons.append(f"same province ({ea.location.admin1})")
            shared = sorted(x for x in ma.actors if any(match.same_actor(x, y) for y in mb.actors))
            if shared:
                reasons.append("shared actors: " + ", ".join(shared))
            if ma.text and mb.text:
                from rapidfuzz import fuzz

                reasons.append(f"wording {fuzz.token_set_ratio(ma.text, mb.text):.0f}% alike")
            out.append(
                {
                    "a": {"outlet": oa, "event": ea.id},
                    "b": {"outlet": ob, "event": eb.id},
                    "score": s,
                    "reasons": reasons,
                }
            )
        if not out:
            out.append(
                {"a": None, "b": None, "score": None, "reasons": ["joined through other reports of the same event"]}
            )
        return out

    def article(self, aid: int) -> dict | None:
        row = self._run(
            "SELECT a.id, a.name, a.title, a.outlet, a.author, a.url, a.published, a.text, r.json FROM s.articles a "
            "LEFT JOIN s.readings r ON r.article_id = a.id WHERE a.id = ?",
            (aid,),
        )
        if not row:
            return None
        aid, name, title, outlet, author, url, pub, text, rjs = row[0]
        reading = json.loads(rjs) if rjs else {}
        fused_of = dict(
            self._run(
                "SELECT e.event_id, m.fused_id FROM s.events e JOIN s.fused_members m ON m.event_row = e.id "
                "WHERE e.article_id = ?",
                (aid,),
            )
        )
        spans = article_spans(reading, text, fused_of)
        return {
            "article_id": aid,
            "article": name,
            "title": title,
            "outlet": outlet,
            "author": author,
            "url": url,
            "published": pub,
            "text": text,
            "spans": spans,
            "segments": segments(text, spans),
            "events": [
                {
                    "event_id": e.get("id"),
                    "fused_id": fused_of.get(e.get("id")),
                    "sub_event_type": e.get("sub_event_type"),
                    "evidence": e.get("evidence"),
                }
                for e in reading.get("events", [])
            ],
        }

    def profiles(self) -> list[dict]:
        """The source-skew profiles (fuse.source_profiles_of), computed once per index."""
        if self._profiles is None:
            fused = self.fused(Filters())
            outlet_of = dict(self._run("SELECT name, outlet FROM s.articles"))
            self._profiles = fuse.source_profiles_of(fused, outlet_of)
        return self._profiles


def histogram(by_day: list[tuple]) -> dict:
    """Events per day, week or month (whichever gives at most ~120 bars) by event type, from (day ordinal or
    None, event type, count) rows; weeks start on Monday."""
    days = [d for d, _, _ in by_day if d is not None]
    if not days:
        return {"unit": "day", "bins": [], "types": []}
    span = max(days) - min(days) + 1
    unit = "day" if span <= 120 else "week" if span <= 7 * 120 else "month"

    def start(d: int) -> date:
        if unit == "week":
            return date.fromordinal((d - 1) // 7 * 7 + 1)  # ordinal 1 is a Monday
        if unit == "month":
            return date.fromordinal(d).replace(day=1)
        return date.fromordinal(d)

    def after(d: date) -> date:
        if unit == "month":
            return date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return date.fromordinal(d.toordinal() + (7 if unit == "week" else 1))

    counts: dict[date, dict[str, int]] = {}
    types: set[str] = set()
    for d, etype, n in by_day:
        if d is None:
            continue
        c = counts.setdefault(start(d), {})
        c[etype] = c.get(etype, 0) + n
        types.add(etype)
    bins = []
    cur, last = min(counts), max(counts)
    while cur <= last:  # empty bins too: the axis is continuous
        nxt = after(cur)
        hi = date.fromordinal(nxt.toordinal() - 1)
        bins.append({"from": cur.isoformat(), "to": hi.isoformat(), "counts": counts.get(cur, {})})
        cur = nxt
    return {"unit": unit, "bins": bins, "types": sorted(types)}


def paragraph(text: str, start: int, end: int) -> dict:
    """The paragraph (between blank lines or line breaks) holding text[start:end], cut around it."""
    if not text or end <= start:
        return {"before": "", "mark": "", "after": ""}
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    return {"before": text[lo:start], "mark": text[start:end], "after": text[end:hi]}


def disagreements(claims: list[dict]) -> list[dict]:
    """Claims of one kind and subject whose figures differ, in each claimant's words."""
    groups: dict[tuple, list[dict]] = {}
    for c in claims:
        groups.setdefault((c.get("kind"), (c.get("subject") or "unknown").lower()), []).append(c)
    out = []
    for (kind, _), cs in groups.items():
        figures = {(c.get("low"), c.get("high")) for c in cs}
        if len(figures) > 1:
            out.append({"kind": kind, "subject": cs[0].get("subject"), "claims": cs})
    return out


def article_spans(reading: dict, text: str, fused_of: dict[str, str]) -> list[dict]:
    """Every event, place, date, actor and claim of a reading as a span of the text."""
    n = len(text)
    spans = []

    def add(kind, s, e, label, link=None):
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n:
            spans.append({"kind": kind, "start": s, "end": e, "label": label, "fused_id": link})

    for ev in reading.get("events", []):
        fid = fused_of.get(ev.get("id"))
        s, e = ev.get("start"), ev.get("end")
        add("event", s, e, f"{ev.get('event_type')}: {ev.get('sub_event_type')} ({ev.get('modality')})", fid)
        d = ev.get("date") or {}
        dt = d.get("text") or ""
        if dt and isinstance(s, int) and isinstance(e, int):
            i = text.find(dt, s, e)
            if i >= 0:
                add(
                    "date",
                    i,
                    i + len(dt),
                    f"date: {d.get('start')}"
                    + (f" to {d['end']}" if d.get("end") not in (None, d.get("start")) else ""),
                    fid,
                )
    for p in reading.get("places", []):
        add(
            "place",
            p.get("start"),
            p.get("end"),
            f"place: {p.get('canonical') or p.get('name')} ({p.get('country') or '?'}, {p.get('admin1') or '?'})",
        )
    for a in reading.get("actors", []):
        add("actor", a.get("start"), a.get("end"), f"actor: {a.get('name')} ({a.get('actor_type') or 'type unknown'})")
    for c in reading.get("claims", []):
        rng = (
            c.get("low")
            if c.get("low") == c.get("high")
            else f"{c.get('low')}–{c.get('high') if c.get('high') is not None else '…'}"
        )
        add(
            "claim",
            c.get("start"),
            c.get("end"),
            f"claim: {c.get('kind')} {c.get('subject')}: {rng}, says {c.get('claimant')}",
            fused_of.get(c.get("event") or ""),
        )
    spans.sort(key=lambda x: (x["start"], -x["end"]))
    return spans


def segments(text: str, spans: list[dict]) -> list[dict]:
    """The text cut at every span boundary: each piece with the kinds covering it, their labels, and the event
    it belongs to (the innermost span with an event link)."""
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        cover = [s for s in spans if s["start"] <= lo and s["end"] >= hi]
        if not cover:
            out.append({"text": text[lo:hi], "kinds": [], "labels": [], "fused_id": None})
            continue
        inner = sorted(cover, key=lambda s: s["end"] - s["start"])
        link = next((s["fused_id"] for s in inner if s["fused_id"]), None)
        out.append(
            {
                "text": text[lo:hi],
                "kinds": sorted({s["kind"] for s in cover}),
                "labels": list(dict.fromkeys(s["label"] for s in inner)),
                "fused_id": link,
            }
        )
    return out
