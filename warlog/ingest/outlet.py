"""Which outlet published an article, from the way it signs itself: datelines and credits.

    detect(text, title=None) -> OutletMatch | None

Rules, tried in order (OUTLET_RULES), each a small named function that returns the outlet and the
words that gave it:

- dateline: "DAMASCUS (Sputnik) —", "(Reuters) -", "(TRT World and agencies)" at the top;
- place_agency_dash: "Aleppo, SANA -", "Homs SANA-" at the top: a place, the agency, a dash;
- agency_after_date: "21 November 2016 SANA Aircraft ...": an agency's acronym right after the date;
- agency_before_date: "... AFP Thursday 2 Jul 2015 At least ...": a known outlet right before the date;
- tail_credit: "- REUTERS", "(Source: Syrian Coalition's Media Office)", "Source TRTWorld and
  agencies", "© 2016 Al-Manar", "Comment via Sputnik News" in the last lines;
- source_credit: "Source AA Related News ...": a "Source" credit after the body, links below it;
- title_suffix: "Israeli attack kills three | Jordan Times", "... - Al Arabiya English";
- header_name: a known outlet's name alone on one of the first lines (a masthead);
- interviewed_by: "X told AFP", "speaking to Reuters", "a Reuters correspondent": the one wire agency
  sources speak to, when nothing above names one (wire copy reposted without its dateline).

A name in running text ("the Syrian Arab News Agency (SANA) said") is a source the article cites,
not its outlet: no rule reads it; a wire agency that sources speak to ("told AFP") is read last. Known outlets and their aliases:
warlog/data/en/outlets.json; an unknown name is taken only from an explicit "Source:" credit or a
title suffix ending in an outlet word ("| Levant Times").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from warlog import lexicon

HEAD_CHARS = 500
TAIL_CHARS = 300


@dataclass(frozen=True)
class OutletMatch:
    name: str  # canonical outlet name ("Reuters", "SANA"), or the credited name as written
    rule: str  # the rule that found it ("dateline", "tail_credit", ...)
    evidence: str  # the words that gave it
    start: int = 0  # span of the evidence in the text (-1 when it came from the title)


@dataclass(frozen=True)
class _Lex:
    canonical: dict[str, str]  # alias (lower-case) -> canonical name
    alias_re: str  # alternation of every alias, longest first
    masthead_words: frozenset[str]
    wires: frozenset[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = lexicon.load("outlets")
    canonical = {}
    for name, aliases in d["outlets"].items():
        for a in [name, *aliases]:
            canonical[a.lower()] = name
    parts = []
    for a in sorted(canonical, key=len, reverse=True):
        orig = next(x for n, al in d["outlets"].items() for x in [n, *al] if x.lower() == a)
        # short acronyms ("AP", "AA", "RT") only as written, in capitals; longer names in any case
        parts.append(re.escape(orig) if len(a) <= 4 else "(?i:" + re.escape(orig) + ")")
    return _Lex(canonical, "|".join(parts), frozenset(d["masthead_words"]), frozenset(d.get("wires", [])))


def _canon(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    c = _lex().canonical
    if name.lower() not in c and name[-1:] == "s" and name[:-1].lower() in c:  # "Syrian Coalitions"
        name = name[:-1]
    return c.get(name.lower(), name)


def _alias(group: str = "o") -> str:
    return rf"(?P<{group}>{_lex().alias_re})(?=['’]?s?\b)"


def _dateline(text: str, title: str | None) -> tuple[str, str, int] | None:
    """'DAMASCUS (Sputnik) —', '(Reuters) -', 'BEIRUT, Lebanon (AP) --', '(TRT World and agencies)':
    a known outlet alone in brackets at the top, after the start of a line, an upper-case place
    name or a sentence end (not 'the Syrian Arab News Agency (SANA) said')."""
    head = text[:HEAD_CHARS]
    rx = re.compile(rf"\(\s*{_alias()}(?:\s+and\s+agencies)?\s*\)")
    for m in rx.finditer(head):
        before = head[: m.start()].rstrip()
        last = re.findall(r"[\w'’.-]+$", before)
        w = last[0] if last else ""
        place = len(w) >= 3 and w.replace(".", "").replace("-", "").isupper()
        if place and re.search(r"[A-Z]{3,}(?:,\s*[A-Z][\w ]+)?$", before[-40:]) is None:
            place = False
        place = place or bool(re.search(r"[A-Z]{3,},\s*[A-Z][a-z]+$", before[-40:]))  # "ARSAL, Lebanon (AFP)"
        if not before or before.endswith(("\n", ".", "|")) or place or text[m.end() : m.end() + 3].strip()[:1] in "-—–":
            return _canon(m.group("o")), m.group(), m.start()
    return None


def _place_agency_dash(text: str, title: str | None) -> tuple[str, str, int] | None:
    """'Aleppo SANA-Terrorists fired ...', 'Damascus, SANA – ...': a place name, a known agency and a
    dash at the top: the agency's own dateline."""
    head = text[:HEAD_CHARS]
    m = re.search(
        rf"(?<![\w-])[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?,?\s+{_alias()}\s*(?:-{{1,2}}|[—–])\s*(?=[A-Z\"“])", head
    )
    if m:
        return _canon(m.group("o")), m.group().strip(), m.start()
    return None


_DATE = r"(?:\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[-./]\d{1,2}[-./]\d{4})"


def _agency_after_date(text: str, title: str | None) -> tuple[str, str, int] | None:
    """'21 November 2016 SANA Aircraft of ...': an agency's acronym right after the date line at the
    top, not as the subject of a reporting verb ('... 2016 SANA reported')."""
    head = text[:HEAD_CHARS]
    m = re.search(rf"{_DATE}\s+{_alias()}\s+(?P<next>[A-Za-z]+)", head)
    if (
        m
        and m.group("o").isupper()
        and m.group("next").lower() not in ("said", "says", "reported", "reports", "quoted")
    ):
        return _canon(m.group("o")), m.group()[: m.end("o") - m.start()], m.start()
    return None


def _agency_before_date(text: str, title: str | None) -> tuple[str, str, int] | None:
    """'... Monitor AFP Thursday 2 Jul 2015 At least nine ...': a known outlet's name right before the
    article's date line at the top (the site's credit line for wire copy)."""
    head = text[:HEAD_CHARS]
    day = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    m = re.search(rf"(?<![\w-]){_alias()}['’]?s?,?\s+{day}{_DATE}", head)
    if m:
        return _canon(m.group("o")), m.group(), m.start()
    return None


def _tail_credit(text: str, title: str | None) -> tuple[str, str, int] | None:
    """A credit in the last lines: '- REUTERS', '(Source: X)', 'Source X and agencies', '© 2016 X',
    'Comment via X', 'The Thomson Reuters Trust Principles'."""
    off = max(0, len(text) - TAIL_CHARS)
    tail = text[off:]
    pats = [
        rf"(?:^|\s)[-–—]\s*{_alias()}\s*\.?\s*$",
        rf"\(?\bSource\s*:?\s*{_alias()}(?:['’]?s)?(?:\s+Media (?:Office|Department))?(?:\s+and\s+agencies)?\s*\)?",
        r"\(\s*Source\s*:\s*(?P<o>[A-Z][\w'’-]+(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w'’-]+){0,5})\s*\)",
        rf"©\s*(?:\d{{4}}\s*)?{_alias()}",
        rf"\bComment via {_alias()}",
        rf"\bThe {_alias()} Trust Principles",
    ]
    for pat in pats:
        for m in re.finditer(pat, tail, re.M):
            name = re.sub(r"['’]?s?\s+Media Office$|['’]s$", "", m.group("o")).strip()
            return _canon(name), m.group().strip(), off + m.start()
    return None


def _source_credit(text: str, title: str | None) -> tuple[str, str, int] | None:
    """'Source AA Related News ...', '(Source: Reuters)': a 'Source' credit naming a known outlet after the
    body, where a page puts its related links below it (in the later half of the text)."""
    half = len(text) // 2
    m = re.search(rf"(?<![\w])\(?Source\s*:?\s+{_alias()}(?:\s+and\s+agencies)?\s*\)?", text[half:])
    if m:
        return _canon(m.group("o")), m.group().strip(), half + m.start()
    return None


def _title_suffix(text: str, title: str | None) -> tuple[str, str, int] | None:
    """'Israeli attack kills three | Jordan Times', '... - Al Arabiya English': the site's name after
    a bar or dash at the end of the title (or of the first line)."""
    first = text.split("\n", 1)[0][:200]
    for line, pos in ((title or "", -1), (first, 0)):
        m = re.search(r"\s(?:\||[-–—])\s*(?P<o>[A-Z][\w'’.]*(?:\s+[\w'’.]+){0,4})\s*$", line)
        if not m:
            continue
        name = m.group("o")
        if name.lower() in _lex().canonical or name.split()[-1] in _lex().masthead_words:
            return _canon(name), m.group().strip(), pos
    return None


def _header_name(text: str, title: str | None) -> tuple[str, str, int] | None:
    """A known outlet's name alone on one of the first three lines (a masthead)."""
    lines = [ln for ln in text[:HEAD_CHARS].split("\n") if ln.strip()][:3]
    for ln in lines:
        m = re.fullmatch(rf"\s*{_alias()}\s*", ln)
        if m:
            return _canon(m.group("o")), ln.strip(), text.find(ln)
    return None


def _interviewed_by(text: str, title: str | None) -> tuple[str, str, int] | None:
    """'Abdel Rahman told AFP', 'speaking to Reuters', 'a Reuters correspondent': a wire agency
    (outlets.json "wires") that sources speak to, or whose reporter writes, gathered the report, when
    no credit or dateline names an outlet (wire copy reposted without its dateline). Not a national
    agency or a channel: sites repost their copy with the same words ("SANA reporter" on Al-Manar).
    Only when the text names one such agency."""
    pats = [
        rf"\b(?i:told|telling|tells|speaking to|spoke to|talking to|in an interview with|in remarks to)\s+{_alias()}",
        rf"(?<![\w-]){_alias()}(?:['’]s)?\s+(?:reporter|correspondent|journalist)s?\b",
    ]
    found: dict[str, tuple[str, int]] = {}
    for pat in pats:
        for m in re.finditer(pat, text):
            name = _canon(m.group("o"))
            if name in _lex().wires:
                found.setdefault(name, (m.group().strip(), m.start()))
    if len(found) != 1:
        return None
    name, (words, pos) = next(iter(found.items()))
    return name, words, pos


Rule = Callable[[str, "str | None"], "tuple[str, str, int] | None"]
OUTLET_RULES: list[Rule] = [
    _dateline,
    _place_agency_dash,
    _agency_after_date,
    _agency_before_date,
    _tail_credit,
    _source_credit,
    _title_suffix,
    _header_name,
    _interviewed_by,
]


def detect(text: str, title: str | None = None) -> OutletMatch | None:
    """The outlet the article signs with, the rule and the words that gave it; None when it signs with none."""
    for rule in OUTLET_RULES:
        got = rule(text, title)
        if got:
            return OutletMatch(got[0], rule.__name__.lstrip("_"), got[1], got[2])
    return None


def outlet_name(text: str, title: str | None = None) -> str | None:
    m = detect(text, title)
    return m.name if m else None
