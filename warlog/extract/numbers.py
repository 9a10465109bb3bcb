"""Numbers as news writes them: "40,000", "40.000", "thirteen", "twenty-five", "a dozen", "dozens",
"at least 9", "up to 120", "300 to 400", "between 5 and 8".

Readings follow the claim codebook: "13" is 13..13, "at least 9" is 9..None, "up to 120" is
None..120, "over 20" is 21..None, "about 1,000" is 1000..1000; vague words take ACLED's
conservative low end ("dozens" 12..None) and "several" / "a number of" are None..None.

    parse_quantity(text) -> (low, high, matched_text) | None    the first quantity in `text`
    find_quantities(text) -> list[Quantity]                      every quantity, with offsets

Word lists live in warlog/data/numbers.json.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple


class Quantity(NamedTuple):
    """A quantity found in a text: offsets of the whole expression (hedge included)."""

    start: int
    end: int
    low: int | None
    high: int | None
    text: str
    vague: bool = False  # a vague word ("dozens", "several") rather than a figure
    hedge: str | None = None  # the hedge's mode: min, above, max, below, approx
    num_start: int = 0  # offsets of the figure itself, without the hedge
    num_end: int = 0


class _Lex(NamedTuple):
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    dozen: dict[str, int]
    vague: dict[tuple[str, ...], int | None]
    hedges: dict[tuple[str, ...], str]
    range_words: frozenset[str]
    range_openers: dict[str, str]

    # the vague quantities by their first word, longest first
    vague_by_first: dict[str, list[tuple[tuple[str, ...], int | None]]]


def _by_first(vague: dict[tuple[str, ...], int | None]) -> dict[str, list[tuple[tuple[str, ...], int | None]]]:
    out: dict[str, list[tuple[tuple[str, ...], int | None]]] = {}
    for words, value in sorted(vague.items(), key=lambda kv: -len(kv[0])):
        out.setdefault(words[0], []).append((words, value))
    return out


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    data = json.loads(resources.files("warlog").joinpath("data/numbers.json").read_text(encoding="utf-8"))
    return _Lex(
        units=data["units"],
        tens=data["tens"],
        scales=data["scales"],
        dozen=data["dozen"],
        vague={tuple(k.split()): v for k, v in data["vague"].items()},
        hedges={tuple(k.split()): v for k, v in data["hedges"].items()},
        range_words=frozenset(data["range_words"]),
        range_openers=data["range_openers"],
        vague_by_first=_by_first({tuple(k.split()): v for k, v in data["vague"].items()}),
    )


# Tokens: digit groups ("40,000", "1.5", "40.000"), words (with inner hyphens split later), dashes.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+(?:-[A-Za-z]+)*|[–—-]|\S")
_EURO = re.compile(r"\d{1,3}(?:\.\d{3})+")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.I)


class _Tok(NamedTuple):
    text: str
    low: str  # lower case
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _digits_value(s: str) -> float | None:
    if _EURO.fullmatch(s) or _THOUSANDS.fullmatch(s):
        return int(re.sub(r"[.,]", "", s))
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s)
    return None


def _glued(text: str, tok: _Tok) -> bool:
    """A digit group glued to a word ("AK-47", "F-16", "11th", "10km"): not a count."""
    before = text[tok.start - 1] if tok.start > 0 else " "
    before2 = text[tok.start - 2] if tok.start > 1 else " "
    after = text[tok.end] if tok.end < len(text) else " "
    if before.isalpha() or (before == "-" and before2.isalpha()):
        return True
    if after.isalpha():
        return True
    return bool(before in "/:" or (after in "/:" and tok.end + 1 < len(text) and text[tok.end + 1].isdigit()))


def _word_parts(tok: _Tok) -> list[str]:
    return tok.low.split("-")


def _read_number(text: str, toks: list[_Tok], i: int) -> tuple[int | float, int, bool] | None:  # noqa: C901
    """A figure starting at token i: (value, index after it, vague?) or None. Vague values may be None."""
    lx = _lex()
    n = len(toks)
    if i >= n:
        return None
    # vague quantities (longest first)
    for words, value in lx.vague_by_first.get(toks[i].low, ()):
        if tuple(t.low for t in toks[i : i + len(words)]) == words:
            return (value, i + len(words), True)  # type: ignore[return-value]
    tok = toks[i]
    if tok.text[0].isdigit():
        if _glued(text, tok):
            return None
        v = _digits_value(tok.text)
        if v is None:
            return None
        j = i + 1
        while j < n and toks[j].low in lx.scales and text[toks[j - 1].end : toks[j].start].strip() == "":
            v *= lx.scales[toks[j].low]
            j += 1
        if j < n and toks[j].low in lx.dozen and toks[j].start == toks[j - 1].end + 1:
            v *= lx.dozen[toks[j].low]
            j += 1
        return (int(v) if float(v).is_integer() else v, j, False)
    # number words: [a|one..ninety-nine] (hundred (and)? <100)? (thousand|million ...)?
    total, current, j, seen = 0, 0, i, False
    while j < n:
        t = toks[j]
        parts = _word_parts(t)
        if all(p in lx.units or p in lx.tens for p in parts) and len(parts) <= 2:
            if len(parts) == 2 and not (parts[0] in lx.tens and parts[1] in lx.units):
                break
            val = sum(lx.units.get(p, lx.tens.get(p, 0)) for p in parts)
            # "twenty five" as two words
            if (
                len(parts) == 1
                and parts[0] in lx.units
                and current % 100 in lx.tens.values()
                and current % 100
                and j > i
                and toks[j - 1].low in lx.tens
            ):
                current += val
            elif current % 100 and j > i and toks[j - 1].low != "and":
                break
            else:
                current += val
            seen = True
            j += 1
        elif t.low == "a" and not seen and j + 1 < n and (toks[j + 1].low in lx.scales or toks[j + 1].low in lx.dozen):
            current = 1
            j += 1
        elif t.low == "half" and not seen and j + 2 < n and toks[j + 1].low == "a" and toks[j + 2].low in lx.dozen:
            current = lx.dozen[toks[j + 2].low] // 2
            seen = True
            j += 3
        elif t.low in lx.dozen and (seen or current == 1):
            current = (current or 1) * lx.dozen[t.low]
            seen = True
            j += 1
        elif t.low in lx.scales and (seen or current == 1):
            scale = lx.scales[t.low]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            seen = True
            j += 1
        elif (
            t.low == "and"
            and seen
            and j + 1 < n
            and (total or current >= 100)
            and all(p in lx.units or p in lx.tens for p in _word_parts(toks[j + 1]))
        ):
            j += 1
        else:
            break
    if not seen:
        return None
    return (total + current, j, False)


@lru_cache(maxsize=1)
def _hedges_by_first_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The hedge phrases grouped by their first word, longest first (looked up once per token)."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, mode in sorted(_lex().hedges.items(), key=lambda kv: -len(kv[0])):
        out.setdefault(words[0], []).append((words, mode))
    return out


def _match_hedge(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    for words, mode in _hedges_by_first_word().get(toks[i].low, ()):
        if tuple(t.low for t in toks[i : i + len(words)]) == words:
            return mode, i + len(words)
    return None


def _apply(value: int | float | None, mode: str | None, vague: bool) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    v = int(value)
    if vague:
        if mode == "max":
            return None, v
        if mode == "above":
            return v + 1, None
        return v, None
    if mode == "min":
        return v, None
    if mode == "above":
        return v + 1, None
    if mode == "max":
        return None, v
    if mode == "below":
        return None, v - 1
    return v, v


# Dates and times written in digits ("09-05-2016", "10/19/2013", "2015-2016", "10:30") are not counts.
_DIGIT_DATE = re.compile(
    r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|\b(?:19|20)\d\d\s?[-–/]\s?(?:19|20)?\d\d\b|\b\d{1,2}:\d\d\b"
)


def _scan(text: str) -> list[Quantity]:
    # blank out dates so that their digits are not read as figures (offsets are kept)
    text_masked = _DIGIT_DATE.sub(lambda m: " " * len(m.group()), text)
    return [q._replace(text=text[q.start : q.end]) for q in _scan_masked(text_masked)]


def _scan_masked(text: str) -> list[Quantity]:
    toks = _tokens(text)
    out: list[Quantity] = []
    lx = _lex()
    i, n = 0, len(toks)
    while i < n:
        start_i = i
        mode = None
        # between X and Y / from X to Y
        opener = toks[i].low if toks[i].low in lx.range_openers else None
        if opener:
            a = _read_number(text, toks, i + 1)
            if a and not a[2] and a[1] < n and toks[a[1]].low == lx.range_openers[opener]:
                b = _read_number(text, toks, a[1] + 1)
                if b and not b[2] and b[0] is not None and a[0] is not None and b[0] > a[0]:
                    s, e = toks[i].start, toks[b[1] - 1].end
                    out.append(Quantity(s, e, int(a[0]), int(b[0]), text[s:e], False, None, toks[i + 1].start, e))
                    i = b[1]
                    continue
        h = _match_hedge(toks, i)
        j = i
        if h:
            mode, j = h
        num = _read_number(text, toks, j)
        if num is None:
            i += 1
            continue
        value, k, vague = num
        if not vague and _ORDINAL_SUFFIX.match(text, toks[k - 1].end):
            i = k
            continue
        low, high = _apply(value, mode, vague)
        # ranges: "300 to 400", "40 – 60", "two or three"
        if not vague and mode in (None, "approx") and k + 1 < n and toks[k].low in lx.range_words:
            b = _read_number(text, toks, k + 1)
            if b and not b[2] and b[0] is not None and b[0] > value:
                low, high, k = int(value), int(b[0]), b[1]
        s, e = toks[start_i].start, toks[k - 1].end
        out.append(Quantity(s, e, low, high, text[s:e], vague, mode, toks[j].start, e))
        i = k
    return out


def _check(text: object, fn: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{fn} expects text as str, got {type(text).__name__}")


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order, with offsets into `text`."""
    _check(text, "find_quantities")
    return _scan(text)


def parse_quantity(text: str) -> tuple[int | None, int | None, str] | None:
    """The first quantity in `text` as (low, high, matched_text), or None when there is none."""
    _check(text, "parse_quantity")
    qs = _scan(text)
    if not qs:
        return None
    q = qs[0]
    return q.low, q.high, q.text
