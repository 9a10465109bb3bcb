"""Gazetteer backends: the small interface the geo stage needs, and the SQLite index behind it."""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rapidfuzz import fuzz

from warlog.geo.index import build_index, connect, rules
from warlog.geo.normalize import key, skeleton, surface

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

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


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """One place a name may mean, as a gazetteer backend returns it."""

    geonames_id: int | None = None
    name: str  # the place's main name
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO-2
    admin1: str | None = None
    admin2: str | None = None
    fcode: str = "PPL"  # GeoNames feature code
    feature: str | None = None  # the word PlaceMention.feature uses (FEATURES)
    population: int = 0
    source: str = "list"  # "geonames", "admin1", "country", "supplement", "import", "list"
    note: str = ""
    primary: bool = True  # the name looked up is the place's main name (else an alias)
    match: str = "exact"  # "exact" | "fuzzy"
    similarity: float = 100.0  # 0..100
    pid: int | None = None  # the place's row in the SQLite index
    surface: bool = True  # the name as written is one of the place's names (not only the same key)

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon), or None for a place without coordinates."""
        return (self.lat, self.lon) if self.lat is not None and self.lon is not None else None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    # Dict-style reading (c["fcode"], c.get("primary")) for code written against the earlier 17-key dicts;
    # warlog itself reads the attributes.
    def __getitem__(self, field_name: str) -> Any:
        return getattr(self, field_name)

    def get(self, field_name: str, default: Any = None) -> Any:
        return getattr(self, field_name, default)


@runtime_checkable
class Gazetteer(Protocol):
    """A gazetteer backend: everything the geo stage asks of one (SqliteGazetteer, ListGazetteer)."""

    def lookup(self, name: str) -> list[Candidate]:
        """Every candidate place for `name`, best first (exact spellings, then close ones)."""
        ...

    def capital(self, cc: str) -> Candidate | None:
        """The capital city of country `cc` (ISO-2), or None when unknown."""
        ...

    def english_words(self) -> frozenset[str]:
        """Lower-case English words, used to doubt a one-word match no sure place backs (may be empty)."""
        ...


def _feature(fcode: str) -> str | None:
    return FEATURES.get(fcode, "populated place" if fcode.startswith("PPL") else fcode.lower() or None)


def _candidate(row: Any, match: str, similarity: float, surf: bool = False) -> Candidate:
    fcode = row["fcode"] or ""
    return Candidate(
        geonames_id=row["gid"],
        name=row["name"],
        lat=row["lat"],
        lon=row["lon"],
        country=row["cc"] or None,
        admin1=row["admin1"],
        admin2=row["admin2"],
        fcode=fcode,
        feature=_feature(fcode),
        population=row["pop"] or 0,
        source=row["src"],
        note=row["note"] or "",
        primary=bool(row["prim"]),
        match=match,
        similarity=similarity,
        pid=row["pid"],
        surface=surf,
    )


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

    def capital(self, cc: str) -> Candidate | None:
        """The capital city of country `cc` (ISO-2), or None."""
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

    def _query(self, sql: str, args: tuple[Any, ...]) -> list[Any]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def _by_key_uncached(self, k: str) -> tuple[tuple[Candidate, list[str]], ...]:
        rows = self._query(
            "SELECT p.*, MAX(a.prim) AS prim, GROUP_CONCAT(a.form, '|') AS forms FROM alias a "
            "JOIN place p ON p.pid = a.pid WHERE a.key = ? GROUP BY p.pid",
            (k,),
        )
        return tuple((_candidate(r, "exact", 100.0), (r["forms"] or "").split("|")) for r in rows)

    def _fuzzy_uncached(self, k: str) -> tuple[Candidate, ...]:
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

    def _exact(self, k: str, form: str) -> list[Candidate]:
        return [
            replace(c, surface=form in forms or any(f.endswith(form) and len(f) - len(form) <= 3 for f in forms))
            for c, forms in self._by_key(k)
        ]

    def lookup(self, name: str, fuzzy: bool = True) -> list[Candidate]:
        """Every candidate for `name`: exact key matches, else (when `fuzzy`) close spellings.

        Each candidate is a `Candidate` (match "exact" or "fuzzy", similarity 0..100). Largest first.
        """
        k = key(name)
        if not k:
            return []
        found = self._exact(k, surface(name))
        if not found and fuzzy:
            found = list(self._fuzzy(k))
        return sorted(found, key=lambda c: (-c.similarity, -c.population))


class ListGazetteer:
    """A gazetteer over a list of places (tests, or a caller's own places): dicts with a name, the
    Candidate fields wanted (lat, lon, country, fcode, ...) and optional "aliases"."""

    def __init__(self, places: list[dict[str, Any]]):
        self._by_key: dict[str, list[Candidate]] = {}
        self._places: list[Candidate] = []
        for p in places:
            fields = {k: v for k, v in p.items() if k != "aliases"}
            fields.setdefault("feature", FEATURES.get(fields.get("fcode", "PPL"), "populated place"))
            c = Candidate(**fields)
            self._places.append(c)
            for n in {key(n) for n in [p["name"], *p.get("aliases", [])]}:
                self._by_key.setdefault(n, []).append(c)

    def lookup(self, name: str) -> list[Candidate]:
        return list(self._by_key.get(key(name), []))

    def capital(self, cc: str) -> Candidate | None:
        return next((c for c in self._places if c.country == cc and c.fcode == "PPLC"), None)

    def english_words(self) -> frozenset[str]:
        return frozenset()


def default_gazetteer(nlp: Language | None = None) -> SqliteGazetteer:
    """The SQLite index in the user's data dir (or $WARLOG_DATA_DIR), built on first use (with the
    English word list from `nlp`'s lemmatizer tables; see `build_index`). A new backend per call: the
    caller (the Reader) keeps it."""
    try:
        path = build_index(nlp=nlp)
    except (OSError, sqlite3.Error) as e:  # an unwritable data dir: a private temp folder instead
        from warlog.geo.index import fallback_dir

        log.warning("cannot build the gazetteer index in the data dir (%s); using a private temp folder", e)
        path = build_index(fallback_dir() / "gazetteer.sqlite", nlp=nlp)
    return SqliteGazetteer(path)


def lookup(name: str, gazetteer: Gazetteer | None = None) -> list[Candidate]:
    """Candidates for NAME (the `warlog gazetteer lookup NAME` command): see SqliteGazetteer.lookup."""
    gaz = gazetteer or default_gazetteer()
    return gaz.lookup(name)
