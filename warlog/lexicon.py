"""Lexicons: the one door to warlog's data files.

Word lists that belong to a language live in a folder per language, `warlog/data/<lang>/` (English:
`warlog/data/en/`); data that holds for every language (gazetteer tables, export codes, fusion weights,
the tokenizer) lives in `warlog/data/` itself. The languages are registered in
`warlog/data/languages.json` ({"en": {"name": "English", "folder": "en"}}): a new language is a folder
of lexicons plus one line there (or `register("xx", folder)` for a folder outside the package).

    load("triggers")            the parsed lexicon triggers.json of English (the default language)
    load("places_stoplist", "en")   a .txt lexicon: its lines, blank lines and # comments dropped
    common("fuse")              a language-neutral data file of warlog/data/
    lexicons("en").path("claims")   where a lexicon is (for hashing, for messages)

A name is looked up as <name>.json, <name>.tsv, <name>.txt in that order (or give the suffix). JSON is
parsed, a .tsv is a list of rows (cells stripped, # comment rows and empty rows dropped), a .txt a list
of lines (stripped; empty lines and # comments dropped). Each file is read once per `Lexicons` object,
on first use, never at import; the parsed value is shared, so callers must not change it. A missing or
malformed file raises `LexiconError`, whose message names the file and the reason.

`lazy(factory)` gives a module a constant (a word set, a compiled regex) built from a lexicon on first
use rather than at import.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

DATA = Path(__file__).resolve().parent / "data"
REGISTRY = DATA / "languages.json"
DEFAULT = "en"
SUFFIXES = (".json", ".tsv", ".txt")

T = TypeVar("T")


class LexiconError(ValueError):
    """A lexicon that is missing or cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class Language:
    code: str  # "en"
    name: str  # "English"
    folder: Path  # warlog/data/en


def _shown(path: Path) -> str:
    """A data file's path as users see it: warlog/data/en/x.json for ours, the full path for theirs."""
    try:
        return str(Path("warlog") / path.relative_to(DATA.parent))
    except ValueError:
        return str(path)


def _parse(path: Path, text: str) -> Any:
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            raise LexiconError(f"{_shown(path)}: not valid JSON ({e.msg}, line {e.lineno}, column {e.colno})") from None
    if suffix == ".tsv":
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#"):
                continue
            rows.append([c.strip() for c in row])
        return rows
    if suffix == ".txt":
        lines = (x.strip() for x in text.splitlines())
        return [x for x in lines if x and not x.startswith("#")]
    raise LexiconError(f"{_shown(path)}: not a lexicon (a lexicon is a .json, .tsv or .txt file)")


class Lexicons:
    """The data files of one folder (a language's, or the common one), each read and parsed once."""

    def __init__(self, folder: Path, code: str = ""):
        self.folder = Path(folder)
        self.code = code
        self._cache: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Lexicons({_shown(self.folder)!r})"

    def path(self, name: str) -> Path:
        """The file of lexicon `name` (with or without its suffix)."""
        if Path(name).suffix in SUFFIXES:
            candidates = [self.folder / name]
        else:
            candidates = [self.folder / (name + s) for s in SUFFIXES]
        for p in candidates:
            if p.is_file():
                return p
        looked = ", ".join(p.name for p in candidates)
        where = f"language {self.code!r}" if self.code else "the common data"
        raise LexiconError(f"{_shown(candidates[0])}: no such lexicon for {where} (looked for {looked})")

    def text(self, name: str) -> str:
        """The text of a data file, not parsed (not cached)."""
        path = self.path(name)
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise LexiconError(f"{_shown(path)}: not UTF-8 text (byte {e.start})") from None
        except OSError as e:
            raise LexiconError(f"{_shown(path)}: cannot be read ({e.strerror or e})") from None

    def load(self, name: str) -> Any:
        """The parsed lexicon `name` (JSON value, rows of a .tsv, lines of a .txt); read once."""
        with self._lock:
            if name not in self._cache:
                path = self.path(name)
                self._cache[name] = _parse(path, self.text(name))
            return self._cache[name]

    def check(self) -> list[str]:
        """Read every lexicon of the folder now (a bad one raises its LexiconError before any work starts);
        the names read."""
        names = sorted(p.name for p in self.folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
        for name in names:
            self.load(name)
        return names

    def json(self, name: str) -> dict:
        """A JSON lexicon whose top level is an object."""
        value = self.load(name)
        if not isinstance(value, dict):
            raise LexiconError(f"{_shown(self.path(name))}: expected a JSON object at the top level")
        return value

    def lines(self, name: str) -> list[str]:
        value = self.load(name)
        if not isinstance(value, list) or self.path(name).suffix != ".txt":
            raise LexiconError(f"{_shown(self.path(name))}: expected a .txt list, one entry a line")
        return value

    def rows(self, name: str) -> list[list[str]]:
        value = self.load(name)
        if not isinstance(value, list) or self.path(name).suffix != ".tsv":
            raise LexiconError(f"{_shown(self.path(name))}: expected a .tsv table")
        return value


class Registry:
    """The registered languages and their Lexicons (one per language, made on first use)."""

    def __init__(self, registry_file: Path = REGISTRY):
        self.registry_file = registry_file
        self._languages: dict[str, Language] | None = None
        self._extra: dict[str, Language] = {}
        self._lexicons: dict[str, Lexicons] = {}
        self._common: Lexicons | None = None
        self._lock = threading.Lock()

    def _read(self) -> dict[str, Language]:
        shown = _shown(self.registry_file)
        try:
            raw = json.loads(self.registry_file.read_text(encoding="utf-8"))
        except OSError as e:
            raise LexiconError(f"{shown}: cannot be read ({e.strerror or e})") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise LexiconError(f"{shown}: not valid JSON ({e})") from None
        out: dict[str, Language] = {}
        for code, entry in raw.items():
            if code.startswith("_"):
                continue
            if not isinstance(entry, dict) or not isinstance(entry.get("folder"), str):
                raise LexiconError(f'{shown}: language {code!r} needs a "folder" (a folder of warlog/data/)')
            out[code] = Language(code, str(entry.get("name", code)), self.registry_file.parent / entry["folder"])
        return out

    def languages(self) -> dict[str, Language]:
        with self._lock:
            if self._languages is None:
                self._languages = self._read()
            return {**self._languages, **self._extra}

    def register(self, code: str, folder: str | Path, name: str | None = None) -> Language:
        """Register (or replace) a language whose lexicons are in `folder`."""
        folder = Path(folder)
        if not folder.is_dir():
            raise LexiconError(f"{folder}: no such folder (the lexicons of language {code!r})")
        lang = Language(code, name or code, folder)
        with self._lock:
            self._extra[code] = lang
            self._lexicons.pop(code, None)
        return lang

    def unregister(self, code: str) -> None:
        with self._lock:
            self._extra.pop(code, None)
            self._lexicons.pop(code, None)

    def lexicons(self, lang: str = DEFAULT) -> Lexicons:
        languages = self.languages()
        with self._lock:
            if lang not in self._lexicons:
                if lang not in languages:
                    known = ", ".join(sorted(languages)) or "none"
                    raise LexiconError(
                        f"{_shown(self.registry_file)}: no language {lang!r} is registered (registered: {known})"
                    )
                self._lexicons[lang] = Lexicons(languages[lang].folder, lang)
            return self._lexicons[lang]

    def common(self) -> Lexicons:
        with self._lock:
            if self._common is None:
                self._common = Lexicons(DATA)
            return self._common


REGISTRY_ = Registry()


def languages() -> dict[str, Language]:
    """The registered languages, by code."""
    return REGISTRY_.languages()


def register(code: str, folder: str | Path, name: str | None = None) -> Language:
    """Register a language whose lexicons are in `folder` (warlog/data/languages.json lists ours)."""
    return REGISTRY_.register(code, folder, name)


def unregister(code: str) -> None:
    REGISTRY_.unregister(code)


def lexicons(lang: str = DEFAULT) -> Lexicons:
    """The lexicons of a registered language."""
    return REGISTRY_.lexicons(lang)


def load(name: str, lang: str = DEFAULT) -> Any:
    """The parsed lexicon `name` of language `lang` (read once)."""
    return REGISTRY_.lexicons(lang).load(name)


def path(name: str, lang: str | None = DEFAULT) -> Path:
    """Where lexicon `name` of `lang` is (lang None: a language-neutral file of warlog/data/)."""
    return (REGISTRY_.common() if lang is None else REGISTRY_.lexicons(lang)).path(name)


def read(path: str | Path) -> Any:
    """A data file given by its path (a user's own lexicon), parsed like a lexicon; not cached."""
    path = Path(path)
    return Lexicons(path.parent).load(path.name)


def check(lang: str = DEFAULT) -> None:
    """Read a language's lexicons and the transliteration table now: a missing or malformed one is a
    LexiconError before any article is read (the CLI calls this when it builds its reader)."""
    REGISTRY_.lexicons(lang).check()
    REGISTRY_.common().load("transliteration")


def common(name: str) -> Any:
    """A parsed language-neutral data file of warlog/data/ (read once)."""
    return REGISTRY_.common().load(name)


# ---------------------------------------------------------------------------------------------
# Word sets and patterns of a module, kept in its lexicon


def entry(name: str, section: str, group: str, key: str, lang: str = DEFAULT) -> Any:
    """`section`.`group`.`key` of lexicon `name` ("patterns", "claims", "war_toll" of claims.json): the word
    lists and regexes a module keeps in its language's lexicon rather than in code."""
    data = load(name, lang)
    try:
        return data[section][group][key]
    except (KeyError, TypeError):
        where = _shown(lexicons(lang).path(name))
        raise LexiconError(f"{where}: no {section}.{group}.{key}") from None


def pattern(name: str, group: str, key: str, flags: int = 0, lang: str = DEFAULT) -> re.Pattern[str]:
    """A regex kept in a lexicon ("patterns" section; a list of strings is joined), compiled on first use."""

    def build() -> re.Pattern[str]:
        src = entry(name, "patterns", group, key, lang)
        src = "".join(src) if isinstance(src, list) else src
        try:
            return re.compile(src, flags)
        except re.error as e:
            where = _shown(lexicons(lang).path(name))
            raise LexiconError(f"{where}: patterns.{group}.{key} is not a valid regex ({e})") from None

    return lazy(build, _depth=2)


def words(name: str, group: str, key: str, kind: Callable[[Any], T] = frozenset, lang: str = DEFAULT) -> T:  # type: ignore[assignment]
    """A word list (or table) kept in a lexicon ("words" section), as `kind` (frozenset, set, dict, tuple)."""
    return lazy(lambda: kind(entry(name, "words", group, key, lang)), _depth=2)


# ---------------------------------------------------------------------------------------------
# Constants built on first use


class _Lazy:
    """A stand-in for a value built on first use (a word set, a compiled regex, a table)."""

    __slots__ = ("_factory", "_value", "_lock", "_namespace")
    _UNSET = object()

    def __init__(self, factory: Callable[[], Any], namespace: dict[str, Any] | None = None):
        object.__setattr__(self, "_factory", factory)
        object.__setattr__(self, "_value", _Lazy._UNSET)
        object.__setattr__(self, "_lock", threading.Lock())
        object.__setattr__(self, "_namespace", namespace)

    def _get(self) -> Any:
        value = object.__getattribute__(self, "_value")
        if value is _Lazy._UNSET:
            with object.__getattribute__(self, "_lock"):
                value = object.__getattribute__(self, "_value")
                if value is _Lazy._UNSET:
                    value = object.__getattribute__(self, "_factory")()
                    object.__setattr__(self, "_value", value)
                    # the module's global now names the value itself: later uses cost nothing
                    namespace = object.__getattribute__(self, "_namespace")
                    if namespace is not None:
                        for k, v in list(namespace.items()):
                            if v is self:
                                namespace[k] = value
        return value

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)

    def __contains__(self, x: object) -> bool:
        return x in self._get()

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __bool__(self) -> bool:
        return bool(self._get())

    def __getitem__(self, k: Any) -> Any:
        return self._get()[k]

    def __eq__(self, other: object) -> bool:
        return self._get() == other

    def __hash__(self) -> int:
        return hash(self._get())

    def __or__(self, other: Any) -> Any:
        return self._get() | other

    def __ror__(self, other: Any) -> Any:
        return other | self._get()

    def __and__(self, other: Any) -> Any:
        return self._get() & other

    def __rand__(self, other: Any) -> Any:
        return other & self._get()

    def __sub__(self, other: Any) -> Any:
        return self._get() - other

    def __rsub__(self, other: Any) -> Any:
        return other - self._get()

    def __add__(self, other: Any) -> Any:
        return self._get() + other

    def __radd__(self, other: Any) -> Any:
        return other + self._get()

    def __str__(self) -> str:
        return str(self._get())

    def __format__(self, spec: str) -> str:
        return format(self._get(), spec)

    def __repr__(self) -> str:
        value = object.__getattribute__(self, "_value")
        return "lazy(<not built>)" if value is _Lazy._UNSET else f"lazy({value!r})"


def lazy(factory: Callable[[], T], *, _depth: int = 1) -> T:
    """`factory()` built on first use and kept: module constants from lexicons without reading at import.
    The stand-in passes attribute access, `in`, iteration, indexing and set operators to the value; use
    `built(x)` where the value itself is needed (isinstance, a C function that wants a real set). Once
    built, the calling module's global that held the stand-in is rebound to the value itself."""
    return cast(T, _Lazy(factory, sys._getframe(_depth).f_globals))


def built(x: T) -> T:
    """The value behind a `lazy` constant (x itself for anything else)."""
    return cast(T, x._get()) if isinstance(x, _Lazy) else x
