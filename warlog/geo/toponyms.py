"""Toponyms in text: gazetteer matching over capitalised word runs, then disambiguation in context.

No parse is needed: the text is cut into words, capitalised runs (with Arabic articles and inner
connectors such as "Ras al-Maara", "Deir ez-Zor") are matched longest-first against the gazetteer's
normalised keys, and the candidates of each mention are ranked by the article's theatre (countries,
demonyms, governorates and unambiguous places it names), the distance to the other places of the
article, feature type and population.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, cast

from warlog.geo.gazetteer import Candidate, Gazetteer
from warlog.geo.index import abbreviations, person_names, rules, stop_acronyms, stoplist
from warlog.geo.normalize import key, surface
from warlog.model import PlaceMention
from warlog.nlp import Document
from warlog.rules import Rules

_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'\u2019\u2018`\-]*", re.UNICODE)
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|an|at|az|adh|ez|es|ed|l)[-\u2010\u2011]", re.IGNORECASE)
_CONTRACTION = re.compile(r"['\u2019](?:re|ve|ll|d|m|t)$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['\u2019]s?|[-\u2010\u2011])$")
_MAX_SPAN = 6


@dataclass
class Token:
    start: int
    end: int
    text: str
    cap: bool
    sent_start: bool
    gap: str  # the text between the previous token and this one

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass
class Mention:
    start: int
    end: int
    text: str
    cands: list[Candidate]
    tokens: tuple[int, int]  # token index range [i, j)
    cue: str = ""  # locative word just before ("in", "near", "town of", ...)
    suffix: str = ""  # kind of the word just after ("admin1", "countryside", "region", ...)
    near: bool = False
    choice: Candidate | None = None
    score: float = 0.0
    context: frozenset = (
        frozenset()
    )  # ("PCL", cc) and ("ADM1", cc, key) of the countries and states named in its sentence


_SURE_SOURCES = ("admin1", "country", "continent", "list")


def _sure(c: Candidate) -> bool:
    """A candidate that makes a one-word match a place by itself (not a village name that is also a first name)."""
    if c.source == "supplement":
        return not c.fcode.startswith("PPL")
    return c.source in _SURE_SOURCES or c.fcode.startswith("PCL") or (c.fcode == "PPLC" and c.primary)


def _big(cands: list[Candidate]) -> bool:
    return any(c.fcode.startswith(("PCL", "PPLC", "ADM1", "CONT")) or c.population >= 100_000 for c in cands)


def _is_cap(text: str) -> bool:
    if text[0].isupper():
        return True
    m = _ARTICLE_PREFIX.match(text)
    if m and len(text) > m.end() and text[m.end()].isupper():
        return True
    return "\u0600" <= text[0] <= "\u06ff"


def tokenize(doc: Document) -> list[Token]:
    text = doc.text
    starts = {s.start for s in doc.sentences}
    out: list[Token] = []
    prev_end = 0
    for m in _WORD.finditer(text):
        s, e = m.start(), m.end()
        word = m.group()
        contraction = _CONTRACTION.search(word)
        if contraction:
            e -= len(contraction.group())
            word = text[s:e]
        trail = _POSSESSIVE.search(word)
        if trail and len(word) - len(trail.group()) >= 2:
            e -= len(trail.group())
            word = text[s:e]
        gap = text[prev_end:s]
        lead = gap.strip()[-1:]
        sent_start = s in starts or not out or "\n\n" in gap or (lead != "" and lead in '.!?:"\u201c')
        for k, (ps, pe) in enumerate(_hyphen_parts(word, s)):
            part = text[ps:pe]
            out.append(Token(ps, pe, part, _is_cap(part), sent_start and k == 0, gap if k == 0 else text[ps - 1 : ps]))
        prev_end = m.end()
    return out


def _glue_articles() -> set[str]:
    return set(rules()["articles"]) - {"the"}


def _hyphen_parts(word: str, start: int) -> list[tuple[int, int]]:
    """A hyphenated compound of names splits into its parts ("Amsterdam-London", "US-based", "Asia-Pacific");
    an Arabic article stays glued ("al-Qusayr", "Deir ez-Zor")."""
    pieces = re.split(r"([-\u2010\u2011\u2013])", word)
    if len(pieces) < 3 or not word[:1].isupper():
        return [(start, start + len(word))]
    out: list[tuple[int, int]] = []
    pos = start
    cur_start = start
    for i in range(0, len(pieces), 2):
        piece = pieces[i]
        nxt_sep = pieces[i + 1] if i + 1 < len(pieces) else ""
        end = pos + len(piece)
        glue = piece.lower() in _glue_articles()
        if nxt_sep and (glue or not piece or not pieces[i + 2][:1].isalpha()):
            pos = end + len(nxt_sep)  # keep "al-" with what follows
            continue
        out.append((cur_start, end))
        pos = end + len(nxt_sep)
        cur_start = pos
    return out or [(start, start + len(word))]


def _plain_gap(gap: str) -> bool:
    """Tokens in one name are separated by white space only (one line break at most)."""
    return (gap.strip() == "" and gap.count("\n") <= 1 and len(gap) <= 3) or gap in ("-", "\u2010", "\u2011", "\u2013")


def _runs(tokens: list[Token], connectors: set[str]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        if not tokens[i].cap:
            i += 1
            continue
        j = i + 1
        while j < n and _plain_gap(tokens[j].gap):
            t = tokens[j]
            if t.cap and not t.sent_start:
                j += 1
            elif (
                t.low.rstrip("-") in connectors
                and j + 1 < n
                and tokens[j + 1].cap
                and _plain_gap(tokens[j + 1].gap)
                and t.low not in ("of", "and")
            ) or (t.low in ("al-", "el-", "ad-", "as-", "ash-") and j + 1 < n and tokens[j + 1].cap):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


class _Finder:
    def __init__(self, doc: Document, gazetteer: Gazetteer):
        self.doc = doc
        self.gaz = gazetteer
        self.cfg = rules()
        self.stop = stoplist()
        self.stop_acronyms = stop_acronyms()
        self.tokens = tokenize(doc)
        self.lower_words = {t.low for t in self.tokens if not t.cap}
        self.connectors = set(self.cfg["inner_connectors"])
        self.org_heads = set(self.cfg["org_heads"])
        self.org_suffixes = set(self.cfg["org_suffixes"])
        self.person_heads = set(self.cfg["person_heads"])
        self.admin_suffixes: dict[str, str] = self.cfg["admin_suffixes"]
        self.cues = set(self.cfg["locative_cues"])
        self.place_nouns = set(self.cfg["place_nouns"])
        self.near_cues = set(self.cfg["near_cues"])
        self._cache: dict[str, list[Candidate]] = {}
        self.extension_words = set(self.admin_suffixes) | self.place_nouns | set(self.cfg["extension_words"])
        self.theatre: set[str] = set()
        self.pending: list[tuple[int, int, list[Candidate]]] = []
        self.rejected: list[tuple[int, int, str]] = []  # spans ACCEPT_RULES rejected, with the rule's name
        self.span_stopwords = set(self.cfg["span_stopwords"])
        self.articles = set(self.cfg["articles"]) - {"the", "l"}
        self.speech_after = set(self.cfg["speech_after"])
        self.org_words = (self.org_suffixes - set(self.admin_suffixes)) | set(self.cfg["org_of_words"])
        self.person_names = person_names()
        self.english: frozenset[str] = gazetteer.english_words()

    def lookup(self, text: str) -> list[Candidate]:
        k = key(text)
        form = surface(text)
        if not k or form in self.stop or text in self.stop_acronyms:
            return []
        if form.endswith("s") and form[:-1] in self.stop and len(form) > 4:
            return []  # "Assads": a stop-listed name with a lost apostrophe
        if k not in self._cache:
            try:
                self._cache[k] = list(self.gaz.lookup(text))
            except Exception:  # a backend failing on one name must not lose the article
                self._cache[k] = []
        return self._cache[k]

    def span_text(self, i: int, j: int) -> str:
        return self.doc.text[self.tokens[i].start : self.tokens[j - 1].end]

    # -- finding ---------------------------------------------------------------------------

    def find(self) -> list[Mention]:
        out: list[Mention] = []
        toks = self.tokens
        self.theatre = self._theatre()
        runs = _runs(toks, self.connectors)
        self._run_ends = dict(runs)
        self.person_words = self._person_words(runs)
        districts = set(self.cfg.get("district_prefixes", []))
        streets = set(self.cfg.get("street_words", []))
        for a, b in runs:
            if b - a >= 2 and not toks[a].sent_start and toks[a].low in districts:
                out.append(self._mention(a, b, []))  # "Faubourg Marigny" is not Marigny in France
                continue
            if b - a >= 2 and toks[b - 1].low in streets and not self._stopword(toks[a]):
                out.append(self._mention(a, b, []))  # "Royal Street", "Collins Avenue": a street, not a town
                continue
            i = a
            while i < b:
                hit = None
                if self._stopword(toks[i]) or (toks[i].low in self.connectors and not self._cap_article(toks[i])):
                    i += 1
                    continue
                ab = self._abbreviation(i)
                if ab:
                    out.append(self._mention(i, i + 1, ab))
                    i += 1
                    continue
                for j in range(min(b, i + _MAX_SPAN), i, -1):
                    if toks[j - 1].low in self.connectors or self._stopword(toks[j - 1]):
                        continue
                    # a run plus the lowercase word after it ("Qalamoun mountains", "Syrian-Lebanese border")
                    if j == b and b < len(toks) and toks[b].low in self.extension_words and _plain_gap(toks[b].gap):
                        ext = self.span_text(i, b + 1)
                        cands = [c for c in self.lookup(ext) if c.match == "exact"]
                        if cands and self._accept(i, b + 1, a, cands):
                            hit = (b + 1, cands)
                            break
                    cands = self._filter_fuzzy(i, j, self.lookup(self.span_text(i, j)))
                    if j - i == 1 and len(toks[i].text) <= 3:
                        # short names: no minor aliases ("Wa" is not Warsaw), but "US" is the United States
                        cands = [c for c in cands if c.primary or c.fcode.startswith("PCL")]
                    if cands and self._accept(i, j, a, cands):
                        hit = (j, cands)
                        break
                if hit:
                    j, cands = hit
                    out.append(self._mention(i, j, cands))
                    i = j
                else:
                    m = self._arabic_prefixed(i) or self._lost_apostrophe(i)
                    if m:
                        out.append(m)
                    i += 1
        out += self._near_pending(out)
        out += self._capitals(out)
        out += self._cue_lists(out)
        out.sort(key=lambda m: m.start)
        return out

    def _near_pending(self, found: list[Mention]) -> list[Mention]:
        """Small places rejected on their own are kept when a sure place of the article lies within 60 km."""
        sure = [
            c.point
            for m in found
            if len(m.cands) == 1 or all(c.source == "supplement" for c in m.cands)
            for c in m.cands[:1]
            if c.point is not None and not c.fcode.startswith(("PCL", "ADM1"))
        ]
        extra = []
        for i, j, cands in self.pending:
            near = [c for c in cands if c.point is not None and any(_dist_km(c.point, p) < 60 for p in sure)]
            if near:
                extra.append(self._mention(i, j, cands))
        return extra

    def _accept(self, i: int, j: int, run_start: int, cands: list[Candidate]) -> bool:
        """Is the span a place here? ACCEPT_RULES (a rejection is kept, with its rule, in `rejected`)."""
        d = ACCEPT_RULES.decide(_Span(self, i, j, run_start, cands))
        if d is None:
            return True
        self.rejected.append((i, j, d.rule))
        return False

    def _division(self, cc: str, name: str) -> list[Candidate]:
        return [c for c in self.lookup(name) if c.fcode == "ADM1" and c.country == cc]

    def _abbreviation(self, i: int) -> list[Candidate]:
        """A state or province written short: AP style with its period ("Calif.", "N.M.", "Springfield,
        Ill."), or a postal code right after "Town, " ("Toronto, ON"). The division's candidates, or []."""
        t = self.tokens[i]
        text = self.doc.text
        after_town = t.gap.strip() == "," and i > 0 and self.tokens[i - 1].cap and "\n" not in t.gap
        ap, postal = abbreviations()
        dotted = t.text.endswith(".") or text[t.end : t.end + 1] == "."
        hit = ap.get(surface(t.text)) if dotted and t.cap else None
        if hit and not after_town:
            letters = sum(ch.isalpha() for ch in t.text)
            if t.sent_start or (letters < 5 and "." not in t.text) or t.low in self.english:
                hit = None  # "Ill." or "Mass." alone is a word; "Calif." and "N.M." are not
        if not hit and after_town and t.text in postal and len(t.text) == 2:
            nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
            if nxt is None or not (nxt.cap and _plain_gap(nxt.gap)):
                hit = postal[t.text]
        return self._division(*hit) if hit else []

    def _person_words(self, runs: list[tuple[int, int]]) -> set[str]:
        """Words of two- or three-word names that are not places ("Martha Stewart"): likely people."""
        out: set[str] = set()
        skip = self.org_suffixes | set(self.admin_suffixes) | self.place_nouns | self.extension_words
        for a, b in runs:
            toks = self.tokens[a:b]
            if not 2 <= len(toks) <= 3 or any(t.low in skip or t.low in self.connectors for t in toks):
                continue
            if toks[0].sent_start and self._stopword(toks[0]):
                continue
            if self.lookup(self.span_text(a, b)):
                continue
            if any(t.low in self.lower_words for t in toks):
                continue  # an ordinary capitalised phrase ("Heavy Fighting"), not a person
            out.update(t.text for t in toks)
        return out

    def _speaks(self, j: int) -> bool:
        toks = self.tokens
        return j < len(toks) and _plain_gap(toks[j].gap) and toks[j].low in self.speech_after

    def _arabic_prefixed(self, i: int) -> Mention | None:
        """An Arabic word with a glued conjunction or preposition: "ودمشق" (and Damascus), "بحمص" (in Homs)."""
        t = self.tokens[i]
        if len(t.text) < 4 or t.text[0] not in self.cfg["arabic_prefixes"] or not ("\u0600" <= t.text[1] <= "\u06ff"):
            return None
        cands = self.lookup(t.text[1:])
        if not cands or all(c.match == "fuzzy" for c in cands):
            return None
        m = Mention(t.start + 1, t.end, t.text[1:], cands, (i, i + 1))
        m.cue = "in" if t.text[0] == "\u0628" else ""
        return m

    def _lost_apostrophe(self, i: int) -> Mention | None:
        """A possessive whose apostrophe was lost in cleaning: "Syrias army", "Aleppos Marjeh"."""
        t = self.tokens[i]
        w = t.text
        if len(w) < 5 or not w.endswith("s") or w.endswith("ss") or not t.cap or w.lower() in self.english:
            return None
        cands = [
            c
            for c in self.lookup(w[:-1])
            if c.match == "exact"
            and c.surface
            and (c.fcode.startswith(("PCL", "ADM1")) or (c.fcode == "PPLC" and c.primary) or _big([c]))
        ]
        if not cands:
            return None
        return Mention(t.start, t.end - 1, w[:-1], cands, (i, i + 1), cue=self._cue_before(i))

    def _capitals(self, found: list[Mention]) -> list[Mention]:
        """ "the Syrian capital", "the Lebanese capital": the capital city of that country."""
        taken = [(m.start, m.end) for m in found]
        out = []
        for k, t in enumerate(self.tokens[:-1]):
            nxt = self.tokens[k + 1]
            cc = self.cfg["demonyms"].get(t.low)
            if not cc or nxt.low != "capital" or not _plain_gap(nxt.gap):
                continue
            if any(s < nxt.end and t.start < e for s, e in taken):
                continue
            c = self.gaz.capital(cc)
            if c:
                m = Mention(t.start, nxt.end, self.doc.text[t.start : nxt.end], [c], (k, k + 2))
                m.cue = self._cue_before(k)
                out.append(m)
        return out

    def _in_org_of(self, i: int) -> bool:
        """Is the run at token i the "of X (and Y)" tail of an organisation's name?"""
        toks = self.tokens
        k = i - 1
        while k >= 1:
            w = toks[k].low
            if w not in ("of", "and") or not _plain_gap(toks[k].gap) or not _plain_gap(toks[k + 1].gap):
                return False
            k -= 1  # the word before "of"/"and": the end of the previous run
            a = k
            while a > 0 and toks[a].cap and _plain_gap(toks[a].gap) and toks[a - 1].cap:
                a -= 1
            if not toks[k].cap:
                return False
            words = {t.low for t in toks[a : k + 1]}
            if toks[a].low in self.org_heads or words & self.org_words:
                return True
            if w == "of":
                return False
            k = a - 1  # "Iraq and Syria": look further back for the "of"
        return False

    def _cap_article(self, t: Token) -> bool:
        """A capitalised Arabic article standing alone: "Al Mallah", "El Hermel" (part of the name)."""
        return t.text[:1].isupper() and t.low in self.articles and t.low not in self.span_stopwords

    def _stopword(self, t: Token) -> bool:
        """A function word that never starts or ends a place name ("The", "We"); "US" is not "us"."""
        return t.low in self.span_stopwords and not (t.text.isupper() and len(t.text) >= 2)

    def _run_end(self, a: int) -> int:
        return self._run_ends.get(a, a + 1)

    def _theatre(self) -> set[str]:
        """Countries the article names outright (country names, demonyms): weak matches there survive."""
        countries: set[str] = set()
        for t in self.tokens:
            if t.cap and not self._stopword(t):
                for c in self.lookup(t.text):
                    if c.fcode.startswith("PCL") and c.match == "exact" and c.country:
                        countries.add(c.country)
            cc = self.cfg["demonyms"].get(t.low)
            if cc:
                countries.add(cc)
        return countries

    def _theatre_hint(self, cands: list[Candidate]) -> bool:
        return any(c.country in self.theatre for c in cands)

    def _filter_fuzzy(self, i: int, j: int, cands: list[Candidate]) -> list[Candidate]:
        """Fuzzy candidates only for proper-looking names, and only in the article's theatre or the supplement."""
        if not cands or cands[0].match != "fuzzy":
            return cands
        toks = self.tokens[i:j]
        if any(t.sent_start or not t.cap or t.low in self.lower_words or t.low in self.english for t in toks):
            return []
        return [c for c in cands if c.source == "supplement" or c.country in self.theatre]

    def _cue_before(self, i: int) -> str:
        toks = self.tokens
        if i == 0 or not _plain_gap(toks[i].gap):
            return ""
        p = toks[i - 1].low
        if p == "of" and i >= 2 and toks[i - 2].low in self.place_nouns:
            return toks[i - 2].low + " of"
        if p in ("the",) and i >= 2 and toks[i - 2].low in self.cues:
            return toks[i - 2].low
        if p in self.cues and p not in ("east", "west", "north", "south"):
            return p
        if p in self.place_nouns:
            return p
        return ""

    def _mention(self, i: int, j: int, cands: list[Candidate]) -> Mention:
        toks = self.tokens
        text = self.doc.text
        s, e = toks[i].start, toks[j - 1].end
        m = Mention(s, e, text[s:e], cands, (i, j), cue=self._cue_before(i))
        if j < len(toks) and _plain_gap(toks[j].gap):
            m.suffix = self.admin_suffixes.get(toks[j].low, "")
            # "Homs and Aleppo governorates": the plural suffix after the next name applies to both
            if not m.suffix and toks[j].low == "and" and j + 2 < len(toks):
                k = j + 1
                while k < len(toks) and toks[k].cap and toks[k].low not in self.admin_suffixes and k - j <= 3:
                    k += 1
                if k < len(toks) and toks[k].low.endswith("s") and self.admin_suffixes.get(toks[k].low):
                    m.suffix = self.admin_suffixes[toks[k].low]
        before = text[max(0, s - 40) : s].lower()
        words = re.findall(r"[a-z]+", before)[-4:]
        tail = " ".join(words)
        m.near = any(tail.endswith(c) or f" {c} " in f" {tail} " for c in self.near_cues) or m.suffix in (
            "near",
            "countryside",
        )
        m.near = m.near and not (m.cue in ("in", "at", "inside") and m.suffix != "countryside")
        return m

    def _cue_lists(self, found: list[Mention]) -> list[Mention]:
        """Unresolved names kept by their context: "the towns of A, B and C", "in al-X", "X countryside"."""
        toks = self.tokens
        covered: set[int] = set()
        for m in found:
            covered.update(range(*m.tokens))
        extra: list[Mention] = []
        runs = _runs(toks, self.connectors)
        run_at = {a: b for a, b in runs}
        for a, b in runs:
            if any(k in covered for k in range(a, b)):
                continue
            words = [t.low for t in toks[a:b]]
            k = key(self.span_text(a, b))
            if (
                not k
                or surface(self.span_text(a, b)) in self.stop
                or any(surface(t.text) in self.stop for t in toks[a:b])
            ):
                continue
            if words[0] in self.org_heads or words[0] in self.person_heads:
                continue
            if a > 0 and toks[a - 1].low in self.person_heads:
                continue
            cue = self._cue_before(a)
            listed = self._in_list(a, run_at)
            suffix = toks[b].low if b < len(toks) and _plain_gap(toks[b].gap) else ""
            arabic = bool(_ARTICLE_PREFIX.match(toks[a].text)) and len(words) <= 3
            if (
                cue.endswith(" of")
                or listed
                or (suffix in self.admin_suffixes and self.admin_suffixes[suffix] != "region" and b - a <= 3)
                or (arabic and cue in ("in", "near", "outside", "around", "at", "towards", "toward"))
            ):
                if toks[a].sent_start and b - a == 1 and not arabic:
                    continue
                m = self._mention(a, b, [])
                extra.append(m)
                covered.update(range(a, b))
        return extra

    def _in_list(self, a: int, run_at: dict[int, int]) -> bool:
        """Is the run at token `a` an item of "the towns of A, B, C and D"?"""
        toks = self.tokens
        i = a
        for _ in range(8):
            # step back over the previous list item
            if i == 0:
                return False
            g = toks[i].gap.strip()
            if g == ",":
                pass
            elif g == "" and toks[i - 1].low == "and":
                i -= 1
            else:
                return bool(self._cue_before(i).endswith(" of")) and i != a
            # find the start of the previous run
            k = i - 1
            while k > 0 and (toks[k].cap or toks[k].low in self.connectors) and _plain_gap(toks[k].gap):
                k -= 1
            while k < i and not toks[k].cap:
                k += 1
            if k not in run_at:
                return False
            if self._cue_before(k).endswith(" of"):
                return True
            i = k
        return False


# ---------------------------------------------------------------------------------------------
# Disambiguation


def _dist_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _prior(c: Candidate) -> float:
    """How likely a candidate is before context: feature class, population, how the name matched."""
    f = c.fcode
    if f.startswith("PCL") or f == "CONT":
        p = 5.0 if c.surface else 3.5
    elif f == "ADM1":
        p = 4.0 if c.surface else 2.0  # a state or province weighs like a city of a million
    elif c.source == "supplement":
        p = 4.5 if not c.country else 3.0  # a world region, an ocean or a sea
    else:
        p = math.log10(c.population + 1) / 1.5
        if f == "PPLC":
            p += 1.0
    if c.primary:
        p += 1.2
    if c.surface:
        p += 0.5
    if c.match == "fuzzy":
        p -= 1.0 + (100 - c.similarity) / 10
    return p


def name_likeness(name: str, c: Candidate) -> float:
    """0..1: how much the candidate's own name looks like the name written ("Nabek" is close to
    An Nabk, far from Qurayyat, which GeoNames also calls Nabk)."""
    from rapidfuzz import fuzz

    if c.fcode == "ADM1":
        return 0.0  # divisions are named by their own rules ("Damascus countryside" is Rif Dimashq)
    return fuzz.ratio(key(name), key(c.name)) / 100.0


#: countries weighted by how surely the article points at them (a Counter of floats: a missing country weighs 0)
Weights = dict[str | None, float]


def _weights(init: dict[str | None, float] | None = None) -> Weights:
    return cast(Weights, Counter(init or {}))


def _focus(mentions: list[Mention], finder: _Finder) -> Weights:
    """The article's theatre: countries weighted by how often and how surely the text points at them."""
    focus = _weights()
    for t in finder.tokens:
        cc = finder.cfg["demonyms"].get(t.low)
        if cc:
            focus[cc] += finder.cfg.get("focus_weight_demonym", 0.5)
    for m in mentions:
        if not m.cands:
            continue
        ccs = {c.country for c in m.cands}
        exact_country = [c for c in m.cands if c.fcode.startswith("PCL") and c.match == "exact"]
        if exact_country:
            focus[exact_country[0].country] += 1.5
        elif len(ccs) == 1:
            sure = any(c.surface and c.primary for c in m.cands)
            focus[next(iter(ccs))] += 1.0 if sure else 0.25
        else:
            towns = [c for c in m.cands if c.fcode != "ADM1"] or m.cands  # a namesake parish abroad is no hint
            top = max(towns, key=_prior)
            focus[top.country] += 0.25
    return focus


def _pick(  # noqa: C901
    m: Mention,
    focus: Weights,
    anchors: list[tuple[float, float, float, str]],
    finder: _Finder,
    regions: set[str] | frozenset[str] = frozenset(),
) -> None:
    total = sum(focus.values()) or 1.0
    scored = []
    nxt = _following_name(m, finder)
    for c in m.cands:
        s = _prior(c) + name_likeness(m.text, c)
        share = focus.get(c.country, 0.0) / total
        s += 4.0 * share
        if c.country not in focus and focus and c.country:
            s -= 1.0
        if m.suffix in ("admin1", "countryside") and c.fcode == "ADM1":
            s += 5.0
        if m.suffix in ("region",) and c.source == "supplement":
            s += 1.0
        if (
            c.fcode == "ADM1"
            and not m.suffix
            and any(
                o.country == c.country and o.fcode.startswith("PPL") and o.population >= 50_000 and o.primary
                for o in m.cands
            )
        ):
            s -= 2.5  # "Homs" alone is the city, "Homs province" the governorate
        if (
            c.fcode == "ADM1"
            and not m.suffix
            and any(o.source == "supplement" and o.country == c.country for o in m.cands)
        ):
            s -= 1.5  # "the Bekaa" is the valley more often than the governorate
        if c.fcode != "ADM1" and c.primary and c.admin1 and key(c.admin1) in regions:
            s += 2.5  # "settlers in Oklahoma named their town Prague"
        if nxt and _contains(nxt, c, finder):
            s += 5.0  # "Prague, Oklahoma", "Tripoli, Lebanon"
        if c.point is not None and anchors:
            near = [(_dist_km(c.point, (la, lo)), w) for la, lo, w, k in anchors if k != key(m.text)]
            if near:
                d, w = min(near)
                if d < 30:
                    s += 2.5 * w
                elif d < 100:
                    s += 1.5 * w
                elif d < 300:
                    s += 0.6 * w
                elif d > 1500 and not c.fcode.startswith("PCL"):
                    s -= 1.0
        scored.append((s, c))
    evidence = [
        bool(nxt and _contains(nxt, c, finder))
        or ("PCL", c.country) in m.context
        or ("ADM1", c.country, key(c.admin1 or "")) in m.context
        for c in m.cands
    ]
    scored = _big_beats_small(scored, evidence, focus)
    scored.sort(key=lambda x: -x[0])
    best_s, best = scored[0]
    # rivals: candidates that would put the place somewhere else (duplicates within 25 km are not rivals)
    rivals = [s for s, c in scored[1:] if best.point is None or c.point is None or _dist_km(best.point, c.point) > 25]
    m.choice = best
    if rivals:
        m.score = round(1.0 / (1.0 + math.exp(-(best_s - rivals[0]))), 3)
    else:
        m.score = 0.95 if best.match == "exact" else 0.6


BIG_CITY = 100_000  # a city this large (or a capital, a state, a world region) beats namesakes ...
SMALL_SHARE = 0.25  # ... under a quarter of its size, unless the text ties the small one to its place:
# "Town, State", or its country or state named in the same sentence ("Tripoli" in "northern Lebanon")


def _importance(c: Candidate, focus: Weights) -> float:
    """About how many people the name means: a country, capital or world region as a very large city;
    a state or province too, but only in a country the article is about (a parish of Jamaica is not
    Manchester for a story set in Texas)."""
    f = c.fcode
    if f.startswith("PCL") or f in ("CONT", "PPLC") or (c.source == "supplement" and not c.country):
        return max(c.population, 5_000_000)
    if f == "ADM1" and c.country in focus:
        return max(c.population, 5_000_000)
    return c.population


# ---------------------------------------------------------------------------------------------
# Is a span that the gazetteer knows a place here? ACCEPT_RULES, tried in order: each takes the
# span (_Span) and returns False (not a place here) or None to pass; a span no rule rejects is a
# place. Two rules defer a weak single word (`pending`): it is kept when the article's sure places
# lie near it (_Finder._near_pending). The finder keeps every rejection with its rule's name.


@dataclass
class _Span:
    f: _Finder
    i: int  # the span's first token
    j: int  # one past its last token
    run_start: int  # the first token of the capitalised run it lies in
    cands: list[Candidate]

    @property
    def first(self):
        return self.f.tokens[self.i]

    @property
    def single(self) -> bool:
        return self.j - self.i == 1

    @property
    def word(self) -> str:
        return self.first.text

    @property
    def cue(self) -> str:
        return self.f._cue_before(self.i)

    @property
    def in_theatre(self) -> bool:
        return self.f._theatre_hint(self.cands)

    def defer(self) -> bool:
        """Reject for now; kept if the article's other places are near it."""
        self.f.pending.append((self.i, self.j, self.cands))
        return False


ACCEPT_RULES: Rules[_Span, bool] = Rules("toponym")


@ACCEPT_RULES.rule("inside an organisation or a person's name")
def _inside_a_name(s: _Span) -> bool | None:
    # "Jaysh al-Fateh al-Qalamoun", "Abu Bakr al-Baghdadi"
    f, toks, i = s.f, s.f.tokens, s.i
    if i > s.run_start and not toks[s.run_start].text.isupper():  # an all-capitals headline has no such names
        head = toks[s.run_start].low
        if head in f.org_heads or head in f.person_heads or toks[i - 1].low in f.person_heads:
            return False
        return None
    if i > 0 and toks[i - 1].low in f.person_heads and _plain_gap(s.first.gap):
        return False
    return None


@ACCEPT_RULES.rule("organisation 'of' a place")
def _organisation_of(s: _Span) -> bool | None:
    # "Islamic State of Iraq and Syria", "Army of Conquest of Qalamoun"
    if s.i == s.run_start and s.f._in_org_of(s.i) and not any(c.fcode == "ADM1" for c in s.cands):
        return False
    return None


@ACCEPT_RULES.rule("demonym matched fuzzily")
def _fuzzy_demonym(s: _Span) -> bool | None:
    if all(c.match == "fuzzy" for c in s.cands):
        w = s.f.tokens[s.j - 1].low
        if w.endswith(("ian", "ians", "ese", "ish", "i")) and not key(w).endswith("i"):
            return False  # a demonym or a nisba name, not a misspelt place
    return None


@ACCEPT_RULES.rule("organisation word after")
def _organisation_word_after(s: _Span) -> bool | None:
    # "Mode Magazine", "Hull City"; but "London police", "Damascus government" name a place
    f, toks = s.f, s.f.tokens
    nxt = toks[s.j] if s.j < len(toks) else None
    if (
        nxt is not None
        and _plain_gap(nxt.gap)
        and nxt.low in f.org_suffixes
        and nxt.low not in f.admin_suffixes
        and not any(c.primary and c.surface and (_big([c]) or c.source == "supplement") for c in s.cands)
    ):
        return False
    return None


# single words only, from here on


@ACCEPT_RULES.rule("capitalised common word")
def _common_word(s: _Span) -> bool | None:
    # "Police said", "Home": the same word appears in lower case
    if s.single and s.first.sent_start and s.word.lower() in s.f.lower_words:
        return False
    return None


@ACCEPT_RULES.rule("short capitals, no country")
def _short_capitals(s: _Span) -> bool | None:
    if s.single and s.word.isupper() and len(s.word) <= 3 and not any(c.fcode.startswith("PCL") for c in s.cands):
        return False
    return None


@ACCEPT_RULES.rule("short minor alias")
def _short_minor_alias(s: _Span) -> bool | None:
    # "Wa" is a minor alias of Warsaw, not a place here
    if (
        s.single
        and len(s.word) <= 3
        and not any(c.fcode.startswith("PCL") or (c.primary and c.surface) for c in s.cands)
    ):
        return False
    return None


@ACCEPT_RULES.rule("dotted abbreviation")
def _dotted(s: _Span) -> bool | None:
    # "E.R." is no place; "U.S." is
    if s.single and "." in s.word and not any(c.fcode.startswith(("PCL", "ADM1")) for c in s.cands):
        return False
    return None


@ACCEPT_RULES.rule("person's name")
def _person_name(s: _Span) -> bool | None:
    # "Mary", "Stanley", "Wang": people far more often than towns
    f = s.f
    if (
        s.single
        and s.word in f.person_names
        and not s.cue
        and not any(
            c.fcode.startswith(("PCL", "PPLC")) or (c.fcode == "ADM1" and c.country in f.theatre) for c in s.cands
        )
    ):
        return False
    return None


def _strong(s: _Span) -> bool:
    return any(
        (c.source in ("supplement", "admin1", "country", "list") and c.surface)
        or c.fcode.startswith(("PCL", "PPLC"))
        or (c.fcode.startswith("ADM") and c.surface)
        or c.population >= s.f.cfg["min_population_single_word"]
        for c in s.cands
    )


@ACCEPT_RULES.rule("short key, not sure")
def _short_key(s: _Span) -> bool | None:
    if not s.single or len(key(s.word)) > 3 or len(s.word) > 3:
        return None
    if not (_strong(s) and (s.in_theatre or _big(s.cands))):
        return False
    return None


@ACCEPT_RULES.rule("sentence start, not sure")
def _sentence_start(s: _Span) -> bool | None:
    if s.single and s.first.sent_start and not (s.in_theatre or _big(s.cands)):
        return False
    return None


@ACCEPT_RULES.rule("dictionary word")
def _dictionary_word(s: _Span) -> bool | None:
    # a dictionary word ("University", "Luck") that no sure place backs
    if not s.single or s.word.lower() not in s.f.english:
        return None
    cue, in_theatre, theatre = s.cue, s.in_theatre, s.f.theatre
    if not any(
        c.surface
        and (
            c.source in ("supplement", "admin1", "country", "continent", "list")
            or c.fcode.startswith(("PCL", "PPLC"))
            or c.population >= 100_000
            or (cue and in_theatre and c.country in theatre)
        )
        for c in s.cands
    ):
        return False
    return None


@ACCEPT_RULES.rule("folded English word")
def _folded_english(s: _Span) -> bool | None:
    # "Embed" folds to the key of "Ambad": an English word, not a place
    if s.single and not s.in_theatre and not any(c.surface for c in s.cands):
        return False
    return None


@ACCEPT_RULES.rule("minor alias only (deferred)")
def _minor_alias_only(s: _Span) -> bool | None:
    # only a minor alias matched: "Story" is an old name of some Rochelle
    if not s.single or any(_sure(c) for c in s.cands):
        return None
    if not any(c.primary for c in s.cands) and not (s.in_theatre and s.cue):
        return s.defer()
    return None


@ACCEPT_RULES.rule("surname or speaker")
def _surname_or_speaker(s: _Span) -> bool | None:
    # "Stewart said", a surname met before in "Martha Stewart"
    if not s.single or any(_sure(c) for c in s.cands):
        return None
    if (s.word in s.f.person_words or s.f._speaks(s.j)) and not s.cue:
        return False
    return None


@ACCEPT_RULES.rule("one word of a longer name")
def _word_of_longer_name(s: _Span) -> bool | None:
    # "Wa Atasimo Bihablillah", "Mode Magazine"
    if not s.single:
        return None
    f, toks = s.f, s.f.tokens
    run_len = sum(
        1 for t in toks[s.run_start : f._run_end(s.run_start)] if t.low not in f.connectors and not f._stopword(t)
    )
    if run_len > 1 and not (
        s.in_theatre
        or any(
            c.fcode.startswith(("PCL", "ADM1"))
            or (c.fcode == "PPLC" and c.primary)
            or (c.population >= 100_000 and c.primary and c.surface and len(s.word) > 3)
            for c in s.cands
        )
    ):
        return False
    return None


@ACCEPT_RULES.rule("weak single word (deferred)")
def _weak_single_word(s: _Span) -> bool | None:
    if s.single and not _strong(s) and not s.cue and not s.in_theatre:
        return s.defer()
    return None


def _big_beats_small(
    scored: list[tuple[float, Candidate]], evidence: list[bool], focus: Weights
) -> list[tuple[float, Candidate]]:
    """A small town never beats a capital, a large city, a state or a world region of the same name
    without evidence in the text ("London, Ky.", a co-mentioned Kentucky): London is London, England,
    even in a story about Kentucky; "Middle East" is the region, not the hamlet."""
    bigs = [
        (s, c)
        for s, c in scored
        if (c.primary or not c.fcode.startswith("PPL"))
        and c.surface
        and c.match == "exact"
        and _importance(c, focus) >= BIG_CITY
    ]
    if not bigs:
        return scored
    big_s, big = max(bigs, key=lambda x: (_importance(x[1], focus), x[0]))
    out = []
    for (s, c), ev in zip(scored, evidence, strict=True):
        weaker = _importance(c, focus) < SMALL_SHARE * _importance(big, focus) or not c.primary
        small = (c.fcode.startswith("PPL") or c.fcode == "ADM1") and weaker  # or only an old name of it
        if c is not big and not ev and small and s >= big_s:
            s = big_s - 0.5
        out.append((s, c))
    return out


def _contains(name: str, c: Candidate, finder: _Finder) -> bool:
    """Is `name` (the text after "X, ") the country or first-order division that candidate `c` lies in?"""
    if c.admin1 and key(c.admin1) == key(name):
        return True
    for o in finder.lookup(name):
        if o.match != "exact" or o.country != c.country:
            continue
        if o.fcode.startswith("PCL") or (o.fcode == "ADM1" and key(o.name) == key(c.admin1 or "")):
            return True
    return False


def _following_name(m: Mention, finder: _Finder) -> str:
    """The name right after ", " ("Prague, Oklahoma"; "Tripoli, Lebanon")."""
    toks = finder.tokens
    j = m.tokens[1]
    if j < len(toks) and toks[j].gap.strip() == "," and toks[j].cap:
        ab = finder._abbreviation(j)
        if ab:
            return ab[0].name  # "Springfield, Ill." -> Illinois
        k = j + 1
        while k < len(toks) and toks[k].cap and _plain_gap(toks[k].gap) and k - j < 3:
            k += 1
        return finder.span_text(j, k)
    return ""


def resolve(mentions: list[Mention], finder: _Finder) -> None:
    focus = _focus(mentions, finder)
    anchors: list[tuple[float, float, float, str]] = []
    for m in mentions:
        pt = m.cands[0].point if len(m.cands) == 1 else None
        if pt is not None and not m.cands[0].fcode.startswith("PCL"):
            anchors.append((pt[0], pt[1], 1.0, key(m.text)))
    regions: set[str] = set()
    by_sentence: dict[int, set] = {}
    for m in mentions:
        named = by_sentence.setdefault(finder.doc.sentence_at(m.start), set())
        for c in m.cands:
            if c.fcode.startswith("PCL"):
                named.add(("PCL", c.country))
            elif c.fcode == "ADM1" and c.surface:
                named.add(("ADM1", c.country, key(c.name)))
    for m in mentions:
        m.context = frozenset(by_sentence.get(finder.doc.sentence_at(m.start), ()))
    for _ in range(2):
        anchors = _dedupe(anchors)
        picked: dict[tuple, tuple] = {}  # the same name in the same context is decided once
        for m in mentions:
            if m.cands:
                sig = (key(m.text), m.suffix, _following_name(m, finder), m.near)
                if sig in picked and len(m.cands) == len(picked[sig][0]):
                    m.choice, m.score = picked[sig][1], picked[sig][2]
                    continue
                _pick(m, focus, anchors, finder, regions)
                picked[sig] = (m.cands, m.choice, m.score)
        regions = {key(m.choice.name) for m in mentions if m.choice and m.choice.fcode == "ADM1"}
        anchors = [
            (pt[0], pt[1], 1.0 if len(m.cands) == 1 else 0.6, key(m.text))
            for m in mentions
            if m.choice and (pt := m.choice.point) is not None and not m.choice.fcode.startswith(("PCL", "ADM1"))
        ]
        focus = _weights(focus)
        for m in mentions:
            if m.choice and m.score >= 0.8:
                focus[m.choice.country] += 0.5
    _drop_implausible(mentions, focus)


def _drop_implausible(mentions: list[Mention], focus: Weights) -> None:
    """A weak match far outside a clear theatre is left unresolved rather than put on another continent:
    "the district of Al Mallah" in an Aleppo story is not Malé, whatever the keys say."""
    total = sum(focus.values())
    theatre = {cc for cc, w in focus.items() if cc and total and w / total >= 0.15}
    points = [
        pt
        for m in mentions
        if m.choice
        and (pt := m.choice.point) is not None
        and m.choice.country in theatre
        and not m.choice.fcode.startswith(("PCL", "CONT"))
    ]
    if not theatre or not points:
        return
    for m in mentions:
        c = m.choice
        if c is None or c.point is None or c.country in theatre or c.fcode.startswith(("PCL", "CONT", "ADM1")):
            continue
        weak = (
            not c.surface
            or not c.primary
            or c.match == "fuzzy"
            or (c.population < 100_000 and c.source != "supplement")
        )
        if weak and min(_dist_km(c.point, p) for p in points) > 1000:
            m.choice = None


# ---------------------------------------------------------------------------------------------
# Precision


def _dedupe(anchors: list[tuple[float, float, float, str]]) -> list[tuple[float, float, float, str]]:
    """One anchor per place and name (an article names its main town dozens of times)."""
    best: dict[tuple, tuple[float, float, float, str]] = {}
    for la, lo, w, k in anchors:
        sig = (round(la, 2), round(lo, 2), k)
        if sig not in best or best[sig][2] < w:
            best[sig] = (la, lo, w, k)
    return list(best.values())


def precision_codes(fcode: str | None, near: bool = False) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) for a place of GeoNames feature code `fcode`."""
    f = fcode or ""
    if f in ("CONT", "OCN", "SEA", "GULF", "BAY", "CHN"):
        return 3, 7
    if f.startswith("PCL"):
        return 3, 6
    if f == "ADM1":
        return 3, 4
    if f in ("ADM2", "ADM3"):
        return 2, 3
    if f in ("RGN", "AREA", "MTS", "VAL", "WAD", "PLN", "BDR", "MT"):
        return 2, 5
    if near:
        return 2, 2
    return 1, 1


def to_place(m: Mention) -> PlaceMention:
    p = PlaceMention(name=m.text, start=m.start, end=m.end)
    c = m.choice
    if c is None:
        return p
    fcode = c.fcode
    near = m.near or (m.suffix == "countryside" and fcode.startswith("PPL"))
    prec, where = precision_codes(fcode, near)
    p.lat, p.lon = c.lat, c.lon
    p.country = c.country
    p.admin1 = c.admin1 or (c.name if fcode == "ADM1" else None)
    p.admin2 = c.admin2
    p.geonames_id = c.geonames_id
    p.canonical = c.name
    p.feature = c.feature
    p.precision, p.where_prec = prec, where
    if m.suffix == "admin2" and fcode.startswith("PPL"):
        # "Yabroud district", "Arghistan district": a district named after its seat town
        p.admin2, p.feature = c.name, "admin2"
        p.precision, p.where_prec = precision_codes("ADM2")
    p.score = m.score
    return p


def find_places(doc: Document, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every toponym in `doc`, in text order, resolved to a gazetteer entry when one fits.

    Names kept only by their context ("the towns of A, B and C") come back unresolved (lat/lon None).
    """
    finder = _Finder(doc, gazetteer)
    mentions = finder.find()
    resolve(mentions, finder)
    return [to_place(m) for m in mentions]


# ---------------------------------------------------------------------------------------------
# Ranked candidates for one name, with reasons (`warlog gazetteer lookup NAME`)


def explain(name: str, gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """The candidates for `name` out of context, best first, each with `score` and `reasons`: the same
    prior the finder uses (feature class, population, main name or alias, spelling), the likeness
    of the candidate's own name, and the rule that a small namesake never beats a big place."""
    cands = list(gazetteer.lookup(name))
    ap, postal = abbreviations()
    if not cands:  # "Calif.", "N.M.", "BC": the division they abbreviate
        hit = ap.get(surface(name)) or postal.get(name.strip())
        if hit:
            cands = [c for c in gazetteer.lookup(hit[1]) if c.fcode == "ADM1" and c.country == hit[0]]
    scored = []
    for c in cands:
        reasons = []
        f = c.fcode
        if f.startswith("PCL") or f == "CONT":
            reasons.append("country or continent")
        elif f == "ADM1":
            reasons.append("state/province" if c.surface else "state/province, spelling differs")
        elif c.source == "supplement":
            reasons.append("world region or sea" if not c.country else "warlog's own list of places")
        else:
            reasons.append(f"population {c.population:,}" + (", capital" if f == "PPLC" else ""))
        reasons.append("main name" if c.primary else "alias")
        if c.match == "fuzzy":
            reasons.append(f"close spelling ({c.similarity:.0f}%)")
        like = name_likeness(name, c)
        if like:
            reasons.append(f"its name is {like:.0%} like {name!r}")
        scored.append((_prior(c) + like, c, reasons))
    if scored:
        focus = _weights({c.country: 1.0 for _, c, _ in scored if c.fcode == "ADM1"})
        before = {id(c): s for s, c, _ in scored}
        after = dict(
            (id(c), s) for s, c in _big_beats_small([(s, c) for s, c, _ in scored], [False] * len(scored), focus)
        )
        for _, c, reasons in scored:
            if after[id(c)] < before[id(c)]:
                reasons.append("a bigger place has this name: needs 'Town, State' or its country nearby")
        scored = [(after[id(c)], c, r) for _, c, r in scored]
    scored.sort(key=lambda x: -x[0])
    return [{**c.as_dict(), "score": round(s, 2), "reasons": r} for s, c, r in scored]
