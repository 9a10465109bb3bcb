"""Actors: a dictionary of armed groups and other parties, and a fast matcher over an article.

The dictionary lives in `warlog/data/actors.json` (format described in its "about" fields); a
user's own file in the same format is merged over it (`ActorDictionary.load(extra=FILE)`). A user
may also give a table (.tsv or .csv) with columns name, type, country, side, aliases ('|' between
aliases).

Matching does not parse: the text is cut into words, each word folded the way transliterations
of Arabic names vary (case, accents, "al-"/"el-" articles, doubled letters, ou/u, e/a), and the
word sequence is walked through a trie of folded aliases, longest match first. Then:

- descriptors ("regime forces", "the army", "rebels", "the Resistance") resolve in context: the
  article's country focus decides which army "the army" is;
- a nationality adjective before a force noun ("Russian warplanes") names that country's forces;
- a descriptor glued to a named actor ("Hezbollah fighters") is part of that mention;
- new named groups ("Liwa al-X", "the X Brigade", "Gathering of X") become actors with
  `known=False`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from warlog.model import ActorMention
from warlog.nlp import Document

DATA = Path(__file__).resolve().parents[1] / "data" / "actors.json"
ACTOR_TYPES = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
    "Other",
)
_ARTICLES = {"al", "el", "the"}
_HYPHEN_ARTICLES = {"ad", "ar", "as", "ash", "an", "at", "az", "es", "ed", "el", "al", "ul"}
_LOCATIVE = re.compile(
    r"\b(?:in|into|inside|at|across|throughout|to|from|within|toward|towards|northern|southern|eastern|western|"
    r"central|southeastern|southwestern|northeastern|northwestern)\s+$",
    re.I,
)
# a possessive "'s" is not part of the name ("Hezbollah's positions" names Hezbollah); "Shi'ite" is one word
_WORD = re.compile(r"[^\W_]+(?:['’](?!s\b)[^\W_]+)?")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """One word folded so that transliteration variants meet: 'Hizballah' and 'Hezbollah' agree."""
    s = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"['’`‘]", "", s)
    for a, b in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"), ("ah", "a"), ("e", "a"), ("y", "i")):
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


@dataclass
class Token:
    folded: str
    raw: str
    start: int
    end: int


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words of `text` folded, with articles dropped ("al-", "the"); offsets shifted by `offset`."""
    out: list[Token] = []
    for m in _WORD.finditer(text):
        raw = m.group()
        low = raw.lower()
        nxt = text[m.end() : m.end() + 1]
        if low in _ARTICLES or (low in _HYPHEN_ARTICLES and nxt and nxt in "-‐–"):
            continue
        out.append(Token(fold(raw), raw, m.start() + offset, m.end() + offset))
    return out


def _is_acronym(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return 0 < len(letters) <= 5 and letters.isupper()


@dataclass
class Actor:
    name: str
    type: str | None = None
    country: str | None = None
    side: str = "other"
    combatant: bool = True
    aliases: list[str] = field(default_factory=list)
    members_of: list[dict[str, Any]] = field(default_factory=list)
    regional: list[dict[str, Any]] = field(default_factory=list)

    @property
    def pro_government(self) -> bool:
        return self.side == "government" or (self.type == "State forces" and self.side not in ("kurdish",))


@dataclass
class _Entry:
    kind: str  # "actor" | "descriptor"
    value: Any  # Actor name, or the descriptor dict
    alias: str
    acronym: bool = False


class ActorDictionary:
    """Actors by canonical name, with a trie of folded aliases and descriptors."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.actors: dict[str, Actor] = {}
        for a in data.get("actors", []):
            self._add_actor(a)
        self.descriptors: list[dict[str, Any]] = list(data.get("descriptors", []))
        self.nationalities: dict[str, Any] = data.get("nationalities", {})
        self.countries: dict[str, list[str]] = {k: v for k, v in data.get("countries", {}).items() if k != "about"}
        self.patterns: dict[str, Any] = data.get("patterns", {})
        self.dominant_group: dict[str, Any] = data.get("dominant_group", {})
        self._build()

    # -- loading ----------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: str | Path | None = None) -> ActorDictionary:
        """The built-in dictionary, with a user's actors file (same format) merged over it."""
        data = _read(DATA)
        if extra is not None:
            user = _read(Path(extra))
            data = _merge(data, user)
        return cls(data)

    def _add_actor(self, a: dict[str, Any]) -> None:
        name = a.get("name")
        if not name or not isinstance(name, str):
            raise ValueError(f"actor without a name: {a!r}")
        typ = a.get("type")
        if typ is not None and typ not in ACTOR_TYPES:
            raise ValueError(f"actor {name!r}: unknown actor type {typ!r} (one of {', '.join(ACTOR_TYPES)})")
        self.actors[name] = Actor(
            name=name,
            type=typ,
            country=a.get("country"),
            side=a.get("side") or "other",
            combatant=a.get("combatant", True),
            aliases=list(dict.fromkeys([*([name] if a.get("match_name", True) else []), *a.get("aliases", [])])),
            members_of=list(a.get("members_of", [])),
            regional=list(a.get("regional", [])),
        )

    def _build(self) -> None:
        self.trie: dict[str, Any] = {}
        for actor in self.actors.values():
            for alias in actor.aliases:
                self._insert(alias, _Entry("actor", actor.name, alias, _is_acronym(alias)))
        for d in self.descriptors:
            for w in d.get("words", []):
                self._insert(w, _Entry("descriptor", d, w, _is_acronym(w)))
        nat = self.nationalities
        for adj, name in nat.get("adjectives", {}).items():
            for noun in nat.get("force_nouns", []):
                phrase = f"{adj} {noun}"
                self._insert(phrase, _Entry("actor", name, phrase, False), keep=True)

    def _insert(self, phrase: str, entry: _Entry, keep: bool = False) -> None:
        toks = tokens(phrase)
        if not toks:
            return
        node = self.trie
        for t in toks:
            node = node.setdefault(t.folded, {})
        entries = node.setdefault("", [])
        if keep and any(e.kind == "actor" for e in entries):
            return
        entries.append(entry)

    # -- queries -----------------------------------------------------------------------------
    def get(self, name: str) -> Actor | None:
        return self.actors.get(name)

    def pro_government(self, name: str) -> bool:
        a = self.actors.get(name)
        if a is None:
            return name in {"government forces"} or name.startswith("Military Forces of")
        return a.pro_government

    def combatant(self, name: str) -> bool:
        a = self.actors.get(name)
        return True if a is None else a.combatant and a.type not in ("Civilians", "Protesters")

    def members(self, coalition: str, on: str | None = None) -> list[str]:
        """The actors that belong to `coalition` (on a date, ISO, when given)."""
        return [a.name for a in self.actors.values() if any(_member(m, coalition, on) for m in a.members_of)]

    def coalitions(self, name: str, on: str | None = None) -> list[str]:
        a = self.actors.get(name)
        if a is None:
            return []
        return [m["coalition"] for m in a.members_of if _member(m, m["coalition"], on)]

    def match(self, toks: list[Token], i: int) -> tuple[int, list[_Entry]]:
        """Longest dictionary phrase starting at token i: (number of tokens, entries)."""
        node, best, best_n = self.trie, [], 0
        j = i
        while j < len(toks) and toks[j].folded in node:
            node = node[toks[j].folded]
            j += 1
            if "" in node:
                ok = [
                    e
                    for e in node[""]
                    if (_acronym_ok(e.alias, toks[i:j]) if e.acronym else _case_ok(e.alias, toks[i:j]))
                ]
                if ok:
                    best, best_n = ok, j - i
        return best_n, best


def _case_ok(alias: str, toks: list[Token]) -> bool:
    """A proper name ('Daish') does not match a common word folded alike ('days')."""
    first = next((w for w in re.findall(r"[^\W_]+", alias) if w.lower() not in _ARTICLES), "")
    return not (first[:1].isupper() and toks[0].raw[:1].islower() and len(toks) == 1)


def _acronym_ok(alias: str, toks: list[Token]) -> bool:
    raw = "".join(t.raw for t in toks)
    return raw == re.sub(r"[^\w]", "", alias)


def _member(m: dict[str, Any], coalition: str, on: str | None) -> bool:
    if m.get("coalition") != coalition:
        return False
    if not on:
        return True
    start, end = m.get("from"), m.get("to")
    return (not start or start <= on) and (not end or on <= end)


def _read_table(path: Path, text: str) -> dict[str, Any]:
    """A TSV/CSV actors file: a header with `name` and any of type, country, side, aliases
    (aliases separated by '|'), one actor a line."""
    import csv
    import io

    dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
    rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    if not rows or "name" not in (rows[0].keys() if rows else []):
        raise ValueError(f"actors file {path}: a table needs a header line with a 'name' column")
    actors = []
    for k, r in enumerate(rows, 2):
        name = (r.get("name") or "").strip()
        if not name:
            raise ValueError(f"actors file {path}: line {k} has no name")
        a: dict[str, Any] = {"name": name}
        for key in ("type", "country", "side"):
            if (r.get(key) or "").strip():
                a[key] = r[key].strip()
        a["aliases"] = [x.strip() for x in (r.get("aliases") or "").split("|") if x.strip()]
        actors.append(a)
    return {"actors": actors}


def _read(path: Path) -> dict[str, Any]:
    if path.suffix.lower() in (".tsv", ".csv"):
        try:
            return _read_table(path, path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ValueError(f"actors file {path}: not found") from None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"actors file {path}: not found") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"actors file {path}: not valid JSON ({e.msg} at line {e.lineno})") from None
    if isinstance(data, list):
        data = {"actors": data}
    if not isinstance(data, dict) or not isinstance(data.get("actors", []), list):
        raise ValueError(f"actors file {path}: expected an object with an 'actors' list")
    for a in data.get("actors", []):
        if not isinstance(a, dict) or not isinstance(a.get("name"), str) or not a["name"].strip():
            raise ValueError(f"actors file {path}: every actor needs a 'name' (got {a!r})")
    return data


def _merge(base: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    """User actors over built-in ones: same name extends aliases and overrides the other fields."""
    out = dict(base)
    actors = {a["name"]: dict(a) for a in base.get("actors", [])}
    for a in user.get("actors", []):
        old = actors.get(a["name"])
        if old is None:
            actors[a["name"]] = dict(a)
        else:
            merged = {**old, **{k: v for k, v in a.items() if k != "aliases"}}
            merged["aliases"] = list(dict.fromkeys([*old.get("aliases", []), *a.get("aliases", [])]))
            actors[a["name"]] = merged
    out["actors"] = list(actors.values())
    out["descriptors"] = [*user.get("descriptors", []), *base.get("descriptors", [])]
    for key in ("nationalities", "countries", "patterns"):
        if key in user:
            merged = dict(base.get(key, {}))
            for k, v in user[key].items():
                if isinstance(v, dict) and isinstance(merged.get(k), dict):
                    merged[k] = {**merged[k], **v}
                elif isinstance(v, list) and isinstance(merged.get(k), list):
                    merged[k] = list(dict.fromkeys([*merged[k], *v]))
                else:
                    merged[k] = v
            out[key] = merged
    return out


# ---------------------------------------------------------------------------------------------
# Finding actors in a document


def country_focus(text: str, actors: ActorDictionary) -> list[str]:
    """Countries the article is about, most mentioned first (by the dictionary's country words)."""
    counts: Counter[str] = Counter()
    for cc, words in actors.countries.items():
        for w in words:
            counts[cc] += len(re.findall(rf"\b{re.escape(w)}\b", text))
    return [cc for cc, n in counts.most_common() if n > 0]


def _local_focus(sentence: str, actors: ActorDictionary) -> list[str]:
    """The country a descriptor's sentence is about, when one clearly leads there ("in the Lebanese
    town of Arsal, the army arrested ..." is Lebanon's army even in an article about Syria)."""
    # only place words count here: a people named in the sentence ("detained nine Syrians", "Syrian
    # refugee camps") says whom the act concerns, not whose army acts
    demonyms = set(actors.nationalities.get("adjectives", {}))
    demonyms |= {w + "s" for w in demonyms}
    tally = {
        cc: sum(len(re.findall(rf"\b{re.escape(w)}\b", sentence)) for w in words if w not in demonyms)
        for cc, words in actors.countries.items()
    }
    ranked = sorted(((n, cc) for cc, n in tally.items() if n), reverse=True)
    if ranked and (len(ranked) == 1 or ranked[0][0] >= 2 * ranked[1][0]):
        return [ranked[0][1]]
    return []


def _dominant_group(actors: ActorDictionary, named: list[str]) -> str | None:
    """The one jihadist group an article names (at least `min_mentions` times) when it names no other
    non-state armed group: generic 'militants' there mean that group."""
    cfg = actors.dominant_group
    if not cfg:
        return None
    sides = set(cfg.get("sides", []))
    counts: Counter[str] = Counter()
    others = set()
    for name in named:
        a = actors.get(name)
        if a is None or not a.combatant or a.pro_government:
            continue
        if a.side in sides:
            counts[name] += 1
        elif a.side in ("opposition", "kurdish", "jihadist", "other"):
            others.add(name)
    if len(counts) == 1 and not others:
        name, n = counts.most_common(1)[0]
        if n >= int(cfg.get("min_mentions", 2)):
            return name
    return None


def _resolve_descriptor(d: dict[str, Any], focus: list[str], named: set[str]) -> str | None:
    if d.get("requires_actor") and d["requires_actor"] not in named:
        return None
    if any(u in named for u in d.get("unless_actor", [])):
        return None
    if d.get("actor"):
        return d["actor"]
    by = d.get("by_country", {})
    for cc in focus[:1]:
        if cc in by:
            return by[cc]
    return by.get("*")


def _regional(actor: Actor, text: str, start: int, end: int) -> str:
    """The regional branch of a coalition when its region is named near the mention, or often in
    the article ("Jaysh al-Fateh" in an article about Qalamoun is the Army of Conquest of Qalamoun)."""
    near = text[max(0, start - 400) : end + 400]
    for r in actor.regional:
        rx = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in r.get("when_text_mentions", [])) + r")\b")
        if rx.search(near) or len(rx.findall(text)) >= 3:
            return r["name"]
    return actor.name


def _mention(actors: ActorDictionary, name: str, start: int, end: int, text: str, known: bool = True) -> ActorMention:
    a = actors.get(name)
    return ActorMention(
        name=name,
        start=start,
        end=end,
        text=text[start:end],
        actor_type=a.type if a else ("State forces" if actors.pro_government(name) else None),
        country=a.country if a else None,
        known=known,
    )


def find_actors(doc: Document, actors: ActorDictionary) -> list[ActorMention]:  # noqa: C901
    """Every actor named or described in the article, in text order, without overlaps."""
    text = doc.text
    toks = tokens(text)
    focus = country_focus(text, actors)
    raw: list[tuple[int, int, _Entry | None, str | None]] = []  # token i, n, entry, new-group name
    i = 0
    while i < len(toks):
        n, entries = actors.match(toks, i)
        if n:
            actor_e = [e for e in entries if e.kind == "actor"]
            raw.append((i, n, (actor_e or entries)[0], None))
            i += n
        else:
            i += 1
    named_first = {e.value for _, _, e, _ in raw if e is not None and e.kind == "actor"}
    dominant = _dominant_group(actors, [e.value for _, _, e, _ in raw if e is not None and e.kind == "actor"])
    dominant_words = {w.lower() for w in actors.dominant_group.get("words", [])}
    out: list[ActorMention] = []
    for k, (i, n, e, _) in enumerate(raw):
        start, end = toks[i].start, toks[i + n - 1].end
        if e.kind == "actor":
            name = e.value
            a = actors.get(name)
            if n == 1 and text[start:end] == name and _LOCATIVE.search(text[max(0, start - 20) : start]):
                continue  # "in northern Israel", "into Turkey": the country as a place, not a party
            if a is not None and a.regional:
                name = _regional(a, text, start, end)
            out.append(_mention(actors, name, start, end, text))
        else:
            sent = doc.sentences[doc.sentence_at(start)] if doc.sentences else None
            local = _local_focus(sent.text, actors) if sent is not None else []
            name = _resolve_descriptor(e.value, local or focus, named_first)
            if name is None:
                continue
            if e.value.get("generic") and k + 1 < len(raw) and raw[k + 1][2].kind == "actor":
                nxt = toks[raw[k + 1][0]].start
                if re.fullmatch(r"\s+(?:from|of|belonging\s+to|loyal\s+to)\s+(?:the\s+)?", text[end:nxt]):
                    continue  # "insurgents from the Army of Conquest": the named group is the party
            if dominant and text[start:end].lower() in dominant_words:
                name = dominant
            # a descriptor glued to a named actor ("Hezbollah fighters") belongs to that mention
            if e.value.get("generic") and out and re.fullmatch(r"(?:['’]s)?\s*", text[out[-1].end : start]):
                prev = out[-1]
                if actors.get(prev.name) is not None and prev.name != name:
                    out[-1] = _mention(actors, prev.name, prev.start, end, text, prev.known)
                    continue
            if e.value.get("glue_only"):
                continue
            out.append(_mention(actors, name, start, end, text))
    out.extend(_new_groups(text, actors, out))
    out.sort(key=lambda m: (m.start, -m.end))
    final: list[ActorMention] = []
    for m in out:
        if final and m.start < final[-1].end:
            continue
        final.append(m)
    return final


_CAP = r"(?:(?:al|el|ad|ar|as|ash|an|at|az)[-‐ ])?[A-Z][\w’'`-]*"


def _group_regexes(actors: ActorDictionary) -> list[re.Pattern[str]]:
    p = actors.patterns
    heads = "|".join(re.escape(h) for h in sorted(p.get("heads", []), key=len, reverse=True))
    eheads = "|".join(re.escape(h) for h in sorted(p.get("english_heads", []), key=len, reverse=True))
    tails = "|".join(re.escape(t) for t in sorted(p.get("tails", []), key=len, reverse=True))
    out = []
    if heads:
        out.append(re.compile(rf"\b(?:{heads})(?:[ -]+{_CAP}){{1,4}}"))
    if eheads:
        out.append(re.compile(rf"\b(?:{eheads})(?: (?:the |al-)?{_CAP}){{1,4}}"))
    if tails:
        out.append(re.compile(rf"\b(?:the )?((?:{_CAP} ){{1,3}}(?:{tails}))\b"))
    return out


def _new_groups(text: str, actors: ActorDictionary, known: list[ActorMention]) -> list[ActorMention]:
    stop = set(actors.patterns.get("tail_stopwords", []))
    out: list[ActorMention] = []
    for rx in _group_regexes(actors):
        for m in rx.finditer(text):
            g = m.lastindex or 0
            start, end = (m.start(1), m.end(1)) if g else (m.start(), m.end())
            span = text[start:end].strip()
            end = start + len(span)
            first = span.split()[0]
            if first in stop or first.lower() == "the":
                continue
            if any(k.start <= start and end <= k.end for k in known):
                continue
            if any(k.start < end and start < k.end for k in known):
                continue  # overlaps a dictionary actor: the dictionary wins
            out.append(ActorMention(name=span, start=start, end=end, text=span, actor_type=None, known=False))
    return out
