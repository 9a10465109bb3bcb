"""Metadata an article gives about itself in its first lines: title, byline (author), outlet.

Words come from warlog/data/en/boilerplate_bylines.json. Nothing here parses dates: a line that is
only a date is recognised (so it is not taken for a title), and left for warlog.dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from warlog import lexicon
from warlog.lexicon import lazy
from warlog.normalize import articles, name_particles

HEAD_LINES = 12  # bylines, datelines and titles are looked for in this many first non-blank lines
TAIL_LINES = 4  # wire credits ("(Reporting by ...; Editing by ...)") in this many last ones


@dataclass(frozen=True)
class _Words:
    agencies: frozenset[str]
    not_names: frozenset[str]
    date_words: frozenset[str]
    masthead_words: frozenset[str]
    byline: re.Pattern[str]
    role_byline: re.Pattern[str]
    bar_byline: re.Pattern[str]
    dateline: re.Pattern[str]
    agency_lead: re.Pattern[str]
    agency_in: re.Pattern[str]
    role: re.Pattern[str]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _token() -> str:
    hyphen = "|".join([*articles("byline"), *name_particles("hyphen")])
    return rf"(?:[A-Z][\w'’.-]*|(?:{hyphen})-[A-Z][\w'’-]*)"


_TOKEN = lazy(_token)
_PARTICLE = lazy(lambda: "(?:" + "|".join(name_particles("spaced")) + ")")
_NAME = lazy(lambda: rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{1,4}}")
_NAMES = lazy(lambda: rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*")
# "(Reporting by Tom Perry and Laila Bassam in Beirut; Editing by ...)"
_CREDIT = lazy(
    lambda: re.compile(
        rf"(?<![Aa]dditional )(?<!\w )[Rr]eporting by (?P<name>{_NAMES})(?:\s+in\s+[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)?\s*(?:[;)]|$)"
    )
)


@lru_cache(maxsize=2)
def _words(path: str | Path | None = None) -> _Words:
    """The byline words (boilerplate_bylines of the language, or the file at `path`)."""
    d = lexicon.read(path) if path else lexicon.load("boilerplate_bylines")
    agencies = _alt(d["agencies"])
    roles = _alt(d["roles"])
    return _Words(
        agencies=frozenset(d["agencies"]),
        not_names=frozenset(d["not_names"]),
        date_words=frozenset(w.lower() for w in d["date_words"]),
        masthead_words=frozenset(d.get("masthead_words", ())),
        # "By Jane Doe", "By: Jane Doe and John Roe, Reuters", "BY JANE DOE | Beirut"
        byline=re.compile(rf"[Bb][Yy]:?\s+(?P<name>{_NAMES})(?P<rest>\s*(?:[,|/–—-].*)?)"),
        # "Nicholas Blanford, Correspondent /"
        role_byline=re.compile(rf"(?![Bb][Yy]:?\s)(?P<name>{_NAME})\s*,\s*(?:(?:{roles})\b)(?P<rest>.*)"),
        # "Jane Doe | AFP"
        bar_byline=re.compile(rf"(?![Bb][Yy]:?\s)(?P<name>{_NAME})\s*[|/]\s*(?P<agency>{agencies})\b(?P<rest>.*)"),
        # "BEIRUT (AP) —", "(Reuters) -", "ARSAL, Lebanon (AFP) --"
        dateline=re.compile(
            r"(?:(?P<place>[A-Z][A-Z.'’ -]+(?:,\s*[A-Z0-9][\w.'’ -]+){0,3})\s*)?\((?P<outlet>[^()\d]{2,40})\)\s*(?:-{1,2}|[—–:])"
        ),
        # "AFP | Beirut", "Reuters - "
        agency_lead=re.compile(rf"(?P<outlet>{agencies})\s*(?:\||-{{1,2}}\s|[—–]\s?)"),
        agency_in=re.compile(rf"(?<!\w)(?P<outlet>{agencies})(?!\w)"),
        role=re.compile(rf"(?:{roles})\b.*"),
    )


@dataclass(frozen=True)
class Byline:
    author: str
    outlet: str | None = None


def _name_ok(name: str, w: _Words) -> bool:
    tokens = re.split(r"\s+|\s*(?:,|&|\band\b)\s*", name)
    return bool(tokens) and not any(t in w.not_names for t in tokens if t)


def parse_byline(line: str) -> Byline | None:
    """The author (and outlet, when named) of a byline line, else None."""
    s = line.strip()
    if not s or len(s) > 120:
        return None
    w = _words()
    for rx in (w.byline, w.role_byline, w.bar_byline):
        m = rx.fullmatch(s)
        if not m:
            continue
        outlet = m.groupdict().get("agency")
        names = []
        for part in re.split(r"\s*,\s*", re.sub(r"\s+", " ", m["name"]).strip()):
            if part in w.agencies:  # "By Jane Doe, Associated Press"
                outlet = outlet or part
            elif not w.role.fullmatch(part):  # "By Jane Doe, Staff Writer"
                names.append(part)
        if not names or not _name_ok(", ".join(names), w):
            continue
        if outlet is None:
            a = w.agency_in.search(m["rest"])
            outlet = a["outlet"] if a else None
        return Byline(author=", ".join(names), outlet=outlet)
    return None


def is_byline(line: str) -> bool:
    return parse_byline(line) is not None


def dateline_outlet(line: str) -> str | None:
    """The outlet a wire dateline names: "BEIRUT (AP) —" -> "AP", "(Reuters) -" -> "Reuters"."""
    s = line.strip()
    w = _words()
    m = w.dateline.match(s)
    if m:
        outlet = m["outlet"].strip()
        if outlet in w.agencies:
            return outlet
        # an unknown name in a dateline after an upper-case place name: "ARSAL (Levant Post) —";
        # not after a short acronym ("UN (United Nations) -") and not itself an acronym
        place = (m["place"] or "").split(",")[0].strip()
        if (
            len(place) >= 5
            and place.isupper()
            and not outlet.isupper()
            and re.fullmatch(r"[A-Z][\w'’.&-]*(?: [\w'’.&-]+){0,4}", outlet)
        ):
            return outlet
        return None
    m = w.agency_lead.match(s)
    return m["outlet"] if m else None


def is_date_line(line: str) -> bool:
    """A line that is only a date (and time): "Sunday, 24 May 2015", "October 18, 2013", "10/19/2013"."""
    date_words = _words().date_words
    tokens = [t for t in re.split(r"[\s,./:|()-]+", line.strip().lower()) if t]
    if not tokens or len(tokens) > 10:
        return False
    has_digit = any(t.isdigit() for t in tokens)
    ok = all(t.isdigit() or t in date_words or re.fullmatch(r"\d+(st|nd|rd|th|am|pm)", t) for t in tokens)
    return ok and (has_digit or len(tokens) >= 2)


def _head(text: str) -> list[tuple[str, str]]:
    """The first HEAD_LINES non-blank lines, each with the raw line that follows it ('' if blank)."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if line.strip():
            out.append((line.strip(), lines[i + 1].strip() if i + 1 < len(lines) else ""))
            if len(out) >= HEAD_LINES:
                break
    return out


def looks_like_heading(line: str, next_line: str = "") -> bool:
    s = line.strip()
    if not s or len(s) > 200 or len(s.split()) > 20 or s.endswith((".", ",", ";", ":", "-", "—", "/")):
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘"):
        return False
    if next_line and next_line[0].islower():  # a hard-wrapped sentence runs on
        return False
    return (
        any(c.isalpha() for c in s)
        and not is_date_line(s)
        and not is_byline(s)
        and dateline_outlet(s) is None
        and masthead_outlet(s) is None
    )


def title_from_text(text: str) -> str | None:
    """The first line, when it looks like a heading (date lines before it are skipped)."""
    for line, nxt in _head(text)[:4]:
        if is_date_line(line) or masthead_outlet(line):
            continue
        return line if looks_like_heading(line, nxt) else None
    return None


def byline_from_text(text: str) -> Byline | None:
    for line, _ in _head(text):
        b = parse_byline(line)
        if b:
            return b
    return None


def masthead_outlet(line: str) -> str | None:
    """A masthead: a short Title Case line naming an outlet, alone or before a date.

    "The Beirut Courier" -> "The Beirut Courier"; "Levant News - 3 May 2016" -> "Levant News".
    The name must end with an outlet word (News, Times, Courier, Watch, ...: `masthead_words`).
    """
    parts = re.split(r"\s+[-–—|]\s+", line.strip(), maxsplit=1)
    name = parts[0].strip()
    if len(parts) == 2 and not is_date_line(parts[1]):
        return None
    words = name.split()
    if not 1 < len(words) <= 5 or "," in name or words[0].lower() == "by" or name.endswith((".", ":")):
        return None
    if not all(w[0].isupper() or w.lower() in {"of", "the", "al", "el", "and", "&"} for w in words):
        return None
    return name if words[-1] in _words().masthead_words else None


def outlet_from_text(text: str) -> str | None:
    """The outlet named in a masthead, dateline or byline among the first lines, else None."""
    for line, _ in _head(text)[:3]:
        o = masthead_outlet(line)
        if o:
            return o
    for line, _ in _head(text):
        o = dateline_outlet(line)
        if o:
            return o
    b = byline_from_text(text)
    return b.outlet if b else None


def credit_author(text: str) -> str | None:
    """The reporters a wire credit at the end of the text names: "(Reporting by Tom Perry in Beirut; ...)"."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][-TAIL_LINES:]
    w = _words()
    for line in reversed(lines):
        m = _CREDIT.search(line)
        if m and _name_ok(m["name"], w):
            return re.sub(r"\s+", " ", m["name"]).strip()
    return None
