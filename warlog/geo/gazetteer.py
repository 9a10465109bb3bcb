"""Gazetteer backends: the small interface the geo stage needs, and the SQLite index behind it."""

from __future__ import annotations

import logging
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from rapidfuzz import fuzz

from warlog.geo.index import build_index, connect, rules
from warlog.normalize import key, skeleton, surface

log = logging.getLogger(__name__)

#: GeoNames feature codes -> the words PlaceMention.feature uses.
FEATURES = {
    "PPL": "populated place",
    "PPLA": "populated place",
    "PPLA2": "populated place",
    "PPLA3": "populated place",
    "PPLC": "capital",
    "PPLX": "section of populated place",
    "ADM1": "admin1",
    "ADM2": "admin2",
    "ADM3": "admin3",
    "PCLI": "country",
    "PCL": "country",
    "PCLD": "country",
    "PCLS": "country",
    "RGN": "region",
    "AREA": "region",
    "MTS": "mountain",
    "MT": "mountain",
    "HLL": "hill",
    "HLLS": "hill",
    "PK": "hill",
    "VAL": "valley",
    "WAD": "valley",
    "PLN": "plain",
    "PASS": "border crossing",
    "PSTB": "border crossing",
    "BDR": "border",
    "CMP": "camp",
    "CMPRF": "camp",
    "DAM": "dam",
    "ISL": "island",
    "CONT": "continent",
    "OCN": "ocean",
    "SEA": "sea",
    "GULF": "sea",
    "BAY": "sea",
    "CHN": "sea",
}


@runtime_checkable
class Gazetteer(Protocol):
    """A gazetteer backend: every candidate place for a name, as dicts (see `SqliteGazetteer.lookup`)."""

    def lookup(self, name: str) -> list[dict]: ...


def _candidate(row: Any, match: str, similarity: float, surf: bool = False) -> dict:
    fcode = row["fcode"] or ""
    return {
        "geonames_id": row["gid"],
        "name": row["name"],
        "lat": row["lat"],
        "lon": row["lon"],
        "country": row["cc"] or None,
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "fcode": fcode,
        "feature": FEATURES.get(fcode, "populated place" if fcode.startswith("PPL") else fcode.lower() or None),
        "population": row["pop"] or 0,
        "source": row["src"],
        "note": row["note"] or "",
        "primary": bool(row["prim"]),
        "match": match,
        "similarity": similarity,
        "pid": row["pid"],
        "surface": surf,  # the name as written is one of the place's names (not only the same key)
    }


class SqliteGazetteer:
    """The default backend: the SQLite index of warlog.geo.index, exact key lookup plus fuzzy fallback."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.inode = self.path.stat().st_ino
        self._con = connect(self.path)
        self._lock = threading.Lock()
        cfg = rules()
        self.fuzzy_min_length = int(cfg.get("fuzzy_min_length", 6))
        self.fuzzy_min_ratio = float(cfg.get("fuzzy_min_ratio", 88))
        self._english: frozenset[str] | None = None
        self._by_key = lru_cache(maxsize=100_000)(self._by_key_uncached)
        self._fuzzy = lru_cache(maxsize=20_000)(self._fuzzy_uncached)

    def capital(self, cc: str) -> dict | None:
        """The capital city of country `cc` (ISO-2), as a candidate dict, or None."""
        rows = self._query(
            "SELECT p.*, 1 AS prim FROM place p WHERE p.cc = ? AND p.fcode = 'PPLC' ORDER BY p.pop DESC LIMIT 1",
            (cc,),
        )
        return _candidate(rows[0], "exact", 100.0, True) if rows else None

    def english_words(self) -> frozenset[str]:
        """Lower-case English dictionary words stored in the index (used to doubt one-word matches)."""
        if self._english is None:
            try:
                self._english = frozenset(r[0] for r in self._query("SELECT word FROM english", ()))
            except Exception:
                self._english = frozenset()
        return self._english

    def __repr__(self) -> str:
        return f"SqliteGazetteer({str(self.path)!r})"

    def _query(self, sql: str, args: tuple) -> list:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def _by_key_uncached(self, k: str) -> tuple[dict, ...]:
        rows = self._query(
            "SELECT p.*, MAX(a.prim) AS prim, GROUP_CONCAT(a.form, '|') AS forms FROM alias a "
            "JOIN place p ON p.pid = a.pid WHERE a.key = ? GROUP BY p.pid",
            (k,),
        )
        return tuple((_candidate(r, "exact", 100.0), (r["forms"] or "").split("|")) for r in rows)

    def _fuzzy_uncached(self, k: str) -> tuple[dict, ...]:
        sk = skeleton(k)
        if len(k) < self.fuzzy_min_length or len(sk) < 3:
            return ()
        rows = self._query(
            "SELECT p.*, a.key AS akey, a.prim AS prim FROM alias a JOIN place p ON p.pid = a.pid "
            "WHERE a.skel = ? LIMIT 2000",
            (sk,),
        )
        best: dict[int, tuple[float, Any]] = {}
        for r in rows:
            sim = fuzz.ratio(k, r["akey"])
            if sim >= self.fuzzy_min_ratio and sim > best.get(r["pid"], (0.0, None))[0]:
                best[r["pid"]] = (sim, r)
        return tuple(_candidate(r, "fuzzy", sim) for sim, r in best.values())

    def _exact(self, k: str, form: str) -> list[dict]:
        out = []
        for c, forms in self._by_key(k):
            c = dict(c)
            c["surface"] = form in forms or any(f.endswith(form) and len(f) - len(form) <= 3 for f in forms)
            out.append(c)
        return out

    def lookup(self, name: str, fuzzy: bool = True) -> list[dict]:
        """Every candidate for `name`: exact key matches, else (when `fuzzy`) close spellings.

        Each candidate: geonames_id, name, lat, lon, country, admin1, admin2, fcode, feature, population,
        source ("geonames", "admin1", "country", "supplement", "import"), note, primary (the name is the
        place's main name), match ("exact" | "fuzzy"), similarity (0..100). Largest first.
        """
        k = key(name)
        if not k:
            return []
        found = self._exact(k, surface(name))
        if not found and fuzzy:
            found = [dict(c) for c in self._fuzzy(k)]
        return sorted(found, key=lambda c: (-c["similarity"], -c["population"]))


class ListGazetteer:
    """A gazetteer over a list of candidate dicts (tests, or a caller's own places)."""

    def __init__(self, places: list[dict]):
        self._by_key: dict[str, list[dict]] = {}
        for p in places:
            names = [p["name"], *p.get("aliases", [])]
            for n in {key(n) for n in names}:
                c = {
                    "geonames_id": None,
                    "admin1": None,
                    "admin2": None,
                    "fcode": "PPL",
                    "population": 0,
                    "source": "list",
                    "note": "",
                    "primary": True,
                    "match": "exact",
                    "similarity": 100.0,
                    "surface": True,
                    **{k: v for k, v in p.items() if k != "aliases"},
                }
                c.setdefault("feature", FEATURES.get(c["fcode"], "populated place"))
                self._by_key.setdefault(n, []).append(c)

    def lookup(self, name: str) -> list[dict]:
        return [dict(c) for c in self._by_key.get(key(name), [])]


_default: SqliteGazetteer | None = None
_default_lock = threading.Lock()


def default_gazetteer() -> SqliteGazetteer:
    """The SQLite index in the user's data dir (or $WARLOG_DATA_DIR), built on first use."""
    global _default
    with _default_lock:
        try:
            path = build_index()
        except (OSError, sqlite3.Error) as e:  # an unwritable data dir: a private temp folder instead
            from warlog.geo.index import fallback_dir

            log.warning("cannot build the gazetteer index in the data dir (%s); using a private temp folder", e)
            path = build_index(fallback_dir() / "gazetteer.sqlite")
        if _default is None or _default.path != path or _default.inode != path.stat().st_ino:
            _default = SqliteGazetteer(path)
        return _default


def lookup(name: str, gazetteer: Gazetteer | None = None) -> list[dict]:
    """Candidates for NAME (the `warlog gazetteer lookup NAME` command): see SqliteGazetteer.lookup."""
    gaz = gazetteer or default_gazetteer()
    return gaz.lookup(name)
