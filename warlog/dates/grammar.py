"""Date expressions: the patterns that find them in text and the rules that resolve them.

Every rule is one regular expression plus a resolver. `scan(text)` runs every rule over a text and
keeps the longest non-overlapping matches; `resolve_match` turns one match into a DateValue
against a base date (the publication date) or, for anaphoric expressions ("the next day"),
against an anchor date (the previous dated thing in the text).

Conventions (the codebook's, ACLED's and UCDP's):
- a day is start == end, precision "day"; a range of days keeps start and end;
- a month is its first to its last day, precision "month"; parts of a month ("early May") keep
  precision "month" and narrow the range (1-10, 11-20, 21-end);
- a season is its three months (northern hemisphere; winter is December to February);
- a date without a year takes the year that puts it in the past of the base date, unless that
  would be more than ~10 months back while the same date this year is at most 60 days ahead
  (then it is a planned/future date);
- a weekday is the most recent such day on or before the base ("last Tuesday": strictly before).
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from warlog.dates.lexicon import alternation, load
from warlog.model import DateValue

LEX = load()

# Kinds of expression
ABSOLUTE = "absolute"  # carries its own year
RELATIVE = "relative"  # needs the publication date
ANAPHORIC = "anaphoric"  # needs the previous dated thing in the text

FUTURE_DAYS = 60  # a yearless date up to this far after the base is read as this year's (planned)

# ---------------------------------------------------------------------------------------------
# Pattern pieces

_MONTH_FULL = alternation([m for m in LEX.months if m in LEX.month_full])
_MONTH_ABBR = alternation([m for m in LEX.months if m not in LEX.month_full])
_WD_FULL = alternation(list(LEX.weekdays) + [w.upper() for w in LEX.weekdays])
_WD_ABBR = alternation(list(LEX.weekday_abbreviations) + [w.upper() for w in LEX.weekday_abbreviations])
_TOD = alternation(LEX.times_of_day)
_NUM = alternation(LEX.numbers)
YEAR = r"(?:19[6-9]\d|20[0-4]\d)"


def _month(name: str) -> str:
    return rf"(?P<{name}>(?:{_MONTH_FULL})|(?:{_MONTH_ABBR})\.?)(?![A-Za-z])"


def _day(name: str) -> str:
    return rf"(?<![\d,.])(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"


def _year(name: str = "y") -> str:
    return rf"(?P<{name}>{YEAR})(?![\d,]\d)"


def _phrase_alt(words) -> str:
    """Alternation of multi-word phrases, spaces matching any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=lambda w: -len(w)))


_WD_ANY = rf"(?:{_WD_FULL}|(?:{_WD_ABBR})\.?)(?![A-Za-z])"
_WDPRE = rf"(?:(?P<wd>{_WD_ANY}),?\s+)?"
_PARTS = _phrase_alt(LEX.month_parts)
_SPARTS = _phrase_alt(LEX.season_parts)
_PREP = r"in|on|since|during|throughout|through|until|till|by|from|of|before|after|for|over"
_TO = r"(?:-|–|—|(?i:to|and|until|till|through))"
_NOT_COUNT = rf"(?!\s+(?i:{alternation(LEX.not_a_year_before)})\b)"


# ---------------------------------------------------------------------------------------------
# Date arithmetic


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(m: int, d: int, base: date) -> int:
    """The year that puts month m, day d in the base's recent past (or up to FUTURE_DAYS ahead)."""
    cand = safe_date(base.year, m, d) or safe_date(base.year, m, 28)
    assert cand is not None
    if (cand - base).days > FUTURE_DAYS:
        return base.year - 1
    return base.year


def season_range(season: str, y: int) -> tuple[date, date]:
    first, n = LEX.seasons[season]
    sy = y - 1 if first == 12 else y
    ey, em = add_months(sy, first, n - 1)
    return date(sy, first, 1), month_end(ey, em)


def _season_instance(season: str, base: date, rel: str | None) -> tuple[date, date]:
    ranges = [season_range(season, y) for y in (base.year - 1, base.year, base.year + 1)]
    if rel == "next":
        return next(r for r in ranges if r[0] > base)
    if rel in ("last", "past"):
        return [r for r in ranges if r[1] < base][-1]
    current = [r for r in ranges if r[0] <= base <= r[1]]
    if current:
        return current[0]
    if rel == "this":  # "this summer" said in May: the coming one
        soon = [r for r in ranges if r[0] > base and (r[0] - base).days <= 120]
        if soon:
            return soon[0]
    return [r for r in ranges if r[0] <= base][-1]


def precision_of_span(start: date, end: date) -> str:
    n = (end - start).days
    if n <= 6:
        return "day"
    if n <= 13:
        return "week"
    if n <= 62:
        return "month"
    if n <= 120:
        return "season"
    return "year"


# ---------------------------------------------------------------------------------------------
# Rules


class Reject(Exception):
    """A pattern matched words that are not a date here (e.g. 'the fall of Qusayr')."""


Span = tuple[date | None, date | None, str]  # start, end, precision
Resolver = Callable[[re.Match, date | None], Span]


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    regex: re.Pattern
    resolve: Resolver
    check: Callable[[re.Match], bool] | None = None  # False: not a date (no base needed)


RULES: list[Rule] = []


def rule(name: str, kind: str, pattern: str, check=None):
    def deco(fn: Resolver) -> Resolver:
        # matches start at a word's start: a cheap first test that keeps scanning fast
        RULES.append(Rule(name, kind, re.compile(r"(?<![A-Za-z0-9])(?:" + pattern + ")"), fn, check))
        return fn

    return deco


def _g(m: re.Match, name: str) -> str | None:
    try:
        v = m.group(name)
    except IndexError:
        return None
    return v


def _int_day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _need(base: date | None) -> date:
    if base is None:
        raise LookupError("needs a base date")
    return base


def _one_day(y: int, m: int, d: int) -> Span:
    x = safe_date(y, m, d)
    if x is None:
        raise Reject(f"no such day {y}-{m}-{d}")
    return x, x, "day"


def _ymd(m: re.Match, base: date | None, mon: int, day: int) -> Span:
    y = _g(m, "y")
    if y:
        return _one_day(int(y), mon, day)
    b = _need(base)
    return _one_day(_year_for(mon, day, b), mon, day)


@rule("iso", ABSOLUTE, rf"(?<![\d-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d])")
def _iso(m, base):
    return _one_day(int(m["y"]), int(m["m"]), int(m["d"]))


@rule(
    "numeric",
    ABSOLUTE,
    r"(?<![\d/.\-])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)",
)
def _numeric(m, base):
    a, b, ys = int(m["a"]), int(m["b"]), m["y"]
    y = int(ys) if len(ys) == 4 else (2000 + int(ys) if int(ys) < 50 else 1900 + int(ys))
    if not 1960 <= y <= 2049:
        raise Reject("year out of range")
    if m["sep"] == "/":  # American month/day unless the first number cannot be a month
        mon, day = (a, b) if a <= 12 else (b, a)
    else:  # 24.08.2013, 15-09-2013: day first unless the second cannot be a month
        mon, day = (b, a) if b <= 12 else (a, b)
    return _one_day(y, mon, day)


@rule(
    "month-dash",
    ABSOLUTE,
    rf"{_month('m')}-(?P<d>\d{{1,2}})-{_year()}|(?<!\d)(?P<d2>\d{{1,2}})-{_month('m2')}-{_year('y2')}",
)
def _month_dash(m, base):
    if m["m"]:
        return _one_day(int(m["y"]), LEX.month(m["m"]), int(m["d"]))  # type: ignore[arg-type]
    return _one_day(int(m["y2"]), LEX.month(m["m2"]), int(m["d2"]))  # type: ignore[arg-type]


@rule("day-month", ABSOLUTE, rf"{_WDPRE}(?i:the\s+)?{_day('d')}(?:\s+(?i:of))?\s+{_month('m')},?(?:\s*{_year()})?")
def _dmy(m, base):
    return _ymd(m, base, LEX.month(m["m"]), _int_day(m["d"]))  # type: ignore[arg-type]


@rule("month-day", ABSOLUTE, rf"{_WDPRE}{_month('m')}\s+(?i:the\s+)?{_day('d')}(?:,?\s*{_year()})?")
def _mdy(m, base):
    return _ymd(m, base, LEX.month(m["m"]), _int_day(m["d"]))  # type: ignore[arg-type]


@rule("month-day-glued", ABSOLUTE, rf"{_WDPRE}{_month('m')}\s+(?P<d>0[1-9]|[12]\d|3[01])(?P<y>{YEAR})(?!\d)")
def _mdy_glued(m, base):  # "Apr 232017" in page furniture
    return _one_day(int(m["y"]), LEX.month(m["m"]), int(m["d"]))  # type: ignore[arg-type]


def _day_range(base: date | None, y: str | None, m1: int, d1: int, m2: int, d2: int) -> Span:
    y2 = int(y) if y else _year_for(m2, d2, _need(base))
    y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    s, e = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
    if s is None or e is None or e < s:
        raise Reject("bad range")
    return s, e, precision_of_span(s, e)


_FROM = r"(?:(?i:from|between)\s+)?"


@rule(
    "range-d-d-month",
    ABSOLUTE,
    rf"{_FROM}{_day('d1')}\s*{_TO}\s*{_day('d2')}\s+(?i:of\s+)?{_month('m')},?(?:\s*{_year()})?",
)
def _range_ddm(m, base):
    mo: int = LEX.month(m["m"])  # type: ignore[assignment]
    return _day_range(base, m["y"], mo, _int_day(m["d1"]), mo, _int_day(m["d2"]))


@rule("range-month-d-d", ABSOLUTE, rf"{_FROM}{_month('m')}\s+{_day('d1')}\s*{_TO}\s*{_day('d2')}(?:,?\s*{_year()})?")
def _range_mdd(m, base):
    mo: int = LEX.month(m["m"])  # type: ignore[assignment]
    return _day_range(base, m["y"], mo, _int_day(m["d1"]), mo, _int_day(m["d2"]))


@rule(
    "range-dm-dm",
    ABSOLUTE,
    rf"{_FROM}{_day('d1')}\s+{_month('m1')}\s*{_TO}\s*{_day('d2')}\s+{_month('m2')},?(?:\s*{_year()})?"
    rf"|{_FROM}{_month('m3')}\s+{_day('d3')}\s*{_TO}\s*{_month('m4')}\s+{_day('d4')}(?:,?\s*{_year('y2')})?",
)
def _range_dmdm(m, base):
    parts = (m["y"], m["m1"], m["d1"], m["m2"], m["d2"]) if m["m1"] else (m["y2"], m["m3"], m["d3"], m["m4"], m["d4"])
    y, m1, d1, m2, d2 = parts
    return _day_range(base, y, LEX.month(m1), _int_day(d1), LEX.month(m2), _int_day(d2))  # type: ignore[arg-type]


def _month_part(part: str | None) -> tuple[int, int] | None:
    if not part:
        return None
    key = re.sub(r"\s+", " ", part.lower()).removeprefix("the ").strip("- ")
    return LEX.month_parts.get(key)


def _month_check(m: re.Match) -> bool:
    return bool(m["pre"] or m["part"] or m["rel"] or m["y"])


@rule(
    "month",
    ABSOLUTE,
    rf"(?:(?P<pre>(?i:{_PREP}))\s+)?(?:(?P<part>(?i:(?:the\s+)?(?:{_PARTS})))(?:\s+|-))?"
    rf"(?:(?P<rel>(?i:last|this|next|past))\s+)?{_month('m')}(?:,?\s+{_year()}{_NOT_COUNT}|(?!\.?,?\s*\d))",
    check=_month_check,
)
def _month_rule(m, base):
    mo: int = LEX.month(m["m"])  # type: ignore[assignment]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        y = int(m["y"])
    else:
        b = _need(base)
        if rel in ("last", "past"):
            y = b.year if mo < b.month else b.year - 1
        elif rel == "next":
            y = b.year if mo > b.month else b.year + 1
        elif rel == "this":
            y = b.year
        else:
            y = b.year if (date(b.year, mo, 1) - b).days <= FUTURE_DAYS else b.year - 1
    start, end = date(y, mo, 1), month_end(y, mo)
    part = _month_part(m["part"])
    if part:
        start = date(y, mo, min(part[0], end.day))
        end = date(y, mo, min(part[1], end.day))
    return start, end, "month"


def _season_check(m: re.Match) -> bool:
    s = m["s"].lower()
    has_cue = bool(m["pre"] or m["part"] or m["rel"] or m["y"] or m["months"])
    if s == "fall":  # "the fall of Qusayr" is not autumn
        following = m.string[m.end() : m.end() + 4]
        if not (m["rel"] or m["y"] or m["part"]) or re.match(r"\s+of\b", following):
            return False
    return has_cue


@rule(
    "season",
    RELATIVE,
    rf"(?:(?P<pre>(?i:in|since|during|throughout|through|until|till|by|over|earlier\s+in|later\s+in|earlier\s+this|later\s+this))\s+)?"
    rf"(?:(?i:the)\s+)?(?:(?P<part>(?i:{_SPARTS}))(?:\s+|-))?(?:(?P<rel>(?i:last|this|next|past))\s+)?(?:(?i:the)\s+)?"
    rf"(?P<s>(?i:spring|summer|autumn|fall|winter))(?![A-Za-z])"
    rf"(?:\s+(?:(?i:of)\s+)?(?P<y>{YEAR})(?!\d)|\s+(?P<months>(?i:months)))?",
    check=_season_check,
)
def _season(m, base):
    s = m["s"].lower()
    rel = (m["rel"] or "").lower() or None
    pre = re.sub(r"\s+", " ", (m["pre"] or "").lower())
    if m["y"]:
        start, end = season_range(s, int(m["y"]))
    else:
        b = _need(base)
        start, end = _season_instance(s, b, rel)
    if m["part"]:
        key = re.sub(r"\s+", " ", m["part"].lower())
        lo, hi = LEX.season_parts[key]
        s0 = start + timedelta(days=lo)
        end = end if hi < 0 else min(end, start + timedelta(days=hi))
        start = s0
    if base is not None and (pre == "since" or pre.startswith("earlier")):
        if pre == "since":
            end = max(base, start)
        elif start <= base <= end:
            end = base
    return start, end, "season"


def _weekday_check(m: re.Match) -> bool:
    return not (m["pre"] or "").lower().startswith("until")


@rule(
    "weekday",
    RELATIVE,
    rf"(?:(?P<pre>(?i:since|on|last|this|next|early\s+on|late\s+on|early|late|by|until|{_TOD}))\s+)?"
    rf"(?:(?P<pre2>(?i:on|last|this|next))\s+)?(?P<wd>{_WD_FULL})(?![A-Za-z])(?:\s+(?P<tod>(?i:{_TOD}))(?![A-Za-z]))?",
    check=_weekday_check,
)
def _weekday(m, base):
    b = _need(base)
    wd: int = LEX.weekday(m["wd"])  # type: ignore[assignment]
    pre = (m["pre"] or "").lower()
    rel = (m["pre2"] or "").lower() or pre
    back = (b.weekday() - wd) % 7
    if rel == "next":
        fwd = (wd - b.weekday()) % 7 or 7
        d = b + timedelta(days=fwd)
        return d, d, "day"
    if rel == "last" and back == 0:
        back = 7
    d = b - timedelta(days=back)
    if pre == "since":
        return d, b, precision_of_span(d, b)
    return d, d, "day"


@rule(
    "relative-day",
    RELATIVE,
    rf"(?i:(?P<w>the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|overnight|this\s+(?:morning|afternoon|evening))"
    rf"(?:\s+(?:{_TOD}))?)(?![A-Za-z])",
)
def _relative_day(m, base):
    b = _need(base)
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w == "yesterday":
        d = b - timedelta(days=1)
    elif w == "the day before yesterday":
        d = b - timedelta(days=2)
    elif w in ("last night", "overnight"):
        return b - timedelta(days=1), b, "day"
    else:
        d = b
    return d, d, "day"


@rule(
    "relative-period",
    RELATIVE,
    r"(?i:(?:(?P<mod>earlier|later|late|early|(?:at\s+|by\s+|since\s+|until\s+)?the\s+(?:end|start|beginning|middle)\s+of)\s+)?"
    r"(?:(?P<the>the\s+)?(?P<rel>this|last|next|past|previous)|(?P<cur>the))\s+(?P<unit>weekend|week|month|year))(?![A-Za-z])",
    check=lambda m: not m["cur"] or bool(m["mod"] and m["mod"].lower().endswith("of")),
)
def _relative_period(m, base):  # noqa: C901
    b = _need(base)
    mod = re.sub(r"\s+", " ", (m["mod"] or "").lower())
    if mod.endswith(" of"):  # "the end of last month": late last month
        mod = "late" if "end" in mod else "mid" if "middle" in mod else "early"
    rel = "this" if m["cur"] else m["rel"].lower()
    unit = m["unit"].lower()
    if m["the"] and rel in ("last", "past", "previous"):
        rel = "past"  # "the last week": the seven days up to the base
    if rel == "previous":
        rel = "last"
    monday = b - timedelta(days=b.weekday())
    if unit in ("week", "weekend"):
        if rel == "past":
            return b - timedelta(days=7), b, "week"
        shift = {"last": -7, "this": 0, "next": 7}[rel]
        s = monday + timedelta(days=shift)
        e = s + timedelta(days=6)
        if unit == "weekend":
            s = s + timedelta(days=5)
        elif mod == "early":
            e = s + timedelta(days=2)
        elif mod == "late":
            s = s + timedelta(days=3)
        elif mod == "mid":
            s, e = s + timedelta(days=2), s + timedelta(days=4)
        if rel == "this":
            if mod == "earlier":
                e = b
            elif mod == "later":
                s = b
        return s, e, "week" if unit == "week" else precision_of_span(s, e)
    if unit == "month":
        if rel == "past":
            return b - timedelta(days=30), b, "month"
        y, mo = add_months(b.year, b.month, {"last": -1, "this": 0, "next": 1}[rel])
        s, e = date(y, mo, 1), month_end(y, mo)
        if mod == "early":
            e = date(y, mo, 10)
        elif mod == "late":
            s = date(y, mo, 21)
        elif mod == "mid":
            s, e = date(y, mo, 11), date(y, mo, 20)
        if rel == "this":
            if mod == "earlier":
                e = b
            elif mod == "later":
                s = b
        return s, e, "month"
    # year
    if rel == "past":
        return b - timedelta(days=365), b, "year"
    y = b.year + {"last": -1, "this": 0, "next": 1}[rel]
    s, e = date(y, 1, 1), date(y, 12, 31)
    if mod == "early":
        e = date(y, 4, 30)
    elif mod == "late":
        s = date(y, 9, 1)
    elif mod == "mid":
        s, e = date(y, 5, 1), date(y, 8, 31)
    if rel == "this":
        if mod == "earlier":
            e = b
        elif mod == "later":
            s = b
    return s, e, "year"


def _count(word: str | None) -> tuple[int, bool]:
    """(number, vague?) from '3', 'three', 'a few'."""
    if not word:
        return 1, True
    w = re.sub(r"\s+", " ", word.strip().lower())
    n = LEX.number(w)
    if n is None:
        raise Reject(f"not a number: {word}")
    return n, w in LEX.vague_numbers


@rule(
    "ago",
    RELATIVE,
    rf"(?i:(?P<n>\d{{1,3}}|{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)(?![A-Za-z])",
)
def _ago(m, base):
    b = _need(base)
    n, vague = _count(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        if vague:
            return b - timedelta(days=n + 2), b - timedelta(days=max(n - 1, 1)), "week"
        d = b - timedelta(days=n)
        return d, d, "day"
    if unit == "week":
        c = b - timedelta(days=7 * n)
        w = 7 if vague else 3
        return c - timedelta(days=w), min(b, c + timedelta(days=w)), "week" if not vague else "month"
    if unit == "month":
        y1, m1 = add_months(b.year, b.month, -(n + 1 if vague else n))
        y2, m2 = add_months(b.year, b.month, -(max(n - 1, 1) if vague else n))
        return date(y1, m1, 1), month_end(y2, m2), "month"
    y = b.year - n
    if vague:
        return date(y - 1, 1, 1), date(b.year - max(n - 1, 1), 12, 31), "year"
    return date(y, 1, 1), date(y, 12, 31), "year"


_UNIT_PRECISION = {"hour": "day", "day": "week", "week": "week", "month": "month", "year": "year"}


def _past_check(m: re.Match) -> bool:
    return bool(m["n"]) or m["unit"].lower() not in ("day", "hour")  # "the previous day" is anaphoric


@rule(
    "past-n",
    RELATIVE,
    rf"(?i:(?:(?P<pre>in|over|during|within|for|throughout)\s+)?the\s+(?:past|last|previous)\s+(?:(?P<n>\d{{1,3}}|{_NUM})\s+)?"
    rf"(?P<unit>hours?|days?|weeks?|months?|years?))(?![A-Za-z])",
    check=_past_check,
)
def _past_n(m, base):
    b = _need(base)
    n, _ = _count(m["n"])
    if not m["n"] and m["unit"].lower().endswith("s"):
        n = 3  # "the past days": a few
    unit = m["unit"].lower().rstrip("s")
    if unit == "hour":
        return b - timedelta(days=max(1, -(-n // 24))), b, "day"
    if unit == "day":
        return b - timedelta(days=n), b, "day" if n <= 2 else "week"
    if unit == "week":
        return b - timedelta(days=7 * n), b, "week"
    if unit == "month":
        y, mo = add_months(b.year, b.month, -n)
        return date(y, mo, min(b.day, month_end(y, mo).day)), b, "month" if n <= 2 else "season"
    return date(b.year - n, b.month, min(b.day, 28)), b, "year"


@rule(
    "recent",
    RELATIVE,
    r"(?i:(?:(?P<pre>in|over|during|throughout)\s+)?(?:the\s+)?recent\s+(?P<unit>days|weeks|months|years)|(?:until\s+|only\s+|very\s+)?recently)(?![A-Za-z])",
)
def _recent(m, base):
    b = _need(base)
    unit = (m["unit"] or "").lower()
    if unit == "days":
        return b - timedelta(days=7), b, "week"
    if unit == "weeks":
        return b - timedelta(days=28), b, "month"
    if unit == "months":  # about three months back, from the first of that month
        y, mo = add_months(b.year, b.month, -3)
        return date(y, mo, 1), b, "season"
    if unit == "years":
        return date(b.year - 3, 1, 1), b, "year"
    # "recently": this month so far (last month too when the base is early in its month)
    y, mo = (b.year, b.month) if b.day >= 10 else add_months(b.year, b.month, -1)
    return date(y, mo, 1), b, "month"


_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (9, 12), "beginning": (1, 4), "start": (1, 4)}


@rule(
    "year",
    ABSOLUTE,
    r"(?P<pre>(?i:in|since|during|throughout|until|by|before|after|earlier\s+in|later\s+in|early|late|mid|"
    r"the\s+(?:start|beginning|end|middle)\s+of|the\s+summer\s+of))[\s-]+"
    rf"(?P<y>{YEAR})(?![\d,]\d|\.\d|-\d){_NOT_COUNT}",
)
def _year_rule(m, base):
    y = int(m["y"])
    pre = re.sub(r"\s+", " ", m["pre"].lower())
    s, e = date(y, 1, 1), date(y, 12, 31)
    for word, (m1, m2) in _YEAR_PARTS.items():
        if re.search(rf"\b{word}\b", pre):
            s, e = date(y, m1, 1), month_end(y, m2)
            break
    if pre == "since" and base is not None and base > s:
        e = base
    return s, e, "year"


_CAME = re.compile(r"(?i:\b(?:came|comes|come|happened|occurred|followed|was|were)\s+(?:just\s+|only\s+)?$)")


def _looks_back(m) -> bool:
    """'The raids came a day after Hezbollah captured the hill' (or '..., the day after troops entered'):
    the anchor is the thing just dated and the expression dates what follows, so the offset runs back."""
    before = m.string[max(0, m.start() - 30) : m.start()]
    after = m.string[m.end() : m.end() + 2]
    appositive = before.rstrip(" ").endswith(",")  # "on Wednesday, the day after troops entered"
    return (bool(_CAME.search(before)) or appositive) and after[:1].isspace() and after[1:2].isalpha()


@rule(
    "anaphoric",
    ANAPHORIC,
    rf"(?i:(?:(?P<pre>by|on|until|from)\s+)?(?:"
    r"(?P<nextprev>the\s+(?:next|following|previous|preceding|same)\s+(?:day|morning|afternoon|evening|night|week))"
    r"|(?P<dayrel>the\s+day\s+(?:after|before))"
    rf"|(?P<n>\d{{1,2}}|{_NUM})\s+(?P<unit>days?|weeks?|hours?)\s+(?P<dir>later|earlier|afterwards|after|before)"
    r"|(?P<same>(?:earlier|later)\s+(?:in\s+the|that)\s+day|that\s+(?:same\s+)?(?:day|night|morning|afternoon|evening)|hours\s+(?:later|earlier)))"
    r")(?![A-Za-z])",
)
def _anaphoric(m, anchor):
    a = _need(anchor)
    if m["same"]:
        return a, a, "day"
    if m["dayrel"]:
        k = 1 if m["dayrel"].lower().endswith("after") else -1
        if _looks_back(m):
            k = -k
        d = a + timedelta(days=k)
        return d, d, "day"
    if m["nextprev"]:
        words = m["nextprev"].lower().split()
        which, unit = words[1], words[2]
        if which == "same":
            return a, a, "day"
        k = 1 if which in ("next", "following") else -1
        if unit == "week":
            s = a + timedelta(days=7 * k)
            return min(a, s) + timedelta(days=1 if k > 0 else 0), max(a, s) - timedelta(days=0 if k > 0 else 1), "week"
        d = a + timedelta(days=k)
        return d, d, "day"
    n, _ = _count(m["n"])
    unit = m["unit"].lower().rstrip("s")
    k = 1 if m["dir"].lower() in ("later", "afterwards", "after") else -1
    if _looks_back(m):
        k = -k
    if unit == "hour":
        return a, a + timedelta(days=(n // 24) * k) if k > 0 else a, "day"
    days = n * (7 if unit == "week" else 1)
    d = a + timedelta(days=days * k)
    return d, d, "day" if unit == "day" else "week"


@rule(
    "coming",
    RELATIVE,
    rf"(?i:(?:(?P<pre>in|over|within|during)\s+)?the\s+(?:next|coming)\s+(?:(?P<n>\d{{1,3}}|{_NUM})\s+)?"
    rf"(?P<unit>hours?|days?|weeks?|months?|years?))(?![A-Za-z])",
    check=lambda m: bool(m["pre"] or m["n"] or m["unit"].lower().endswith("s")),
)
def _coming(m, base):
    """'in the coming weeks', 'within the next month': a forecast window after the base."""
    b = _need(base)
    n, vague = _count(m["n"])
    if not m["n"] and m["unit"].lower().endswith("s"):
        n = 3  # "the coming weeks": a few
    unit = m["unit"].lower().rstrip("s")
    days = {"hour": max(1, -(-n // 24)), "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[unit]
    s, e = b + timedelta(days=1), b + timedelta(days=days)
    return s, e, _UNIT_PRECISION[unit] if unit != "day" or n > 2 else "day"


@rule("weekend", RELATIVE, r"(?i:(?P<pre>over|at|during|on)\s+the\s+weekend)(?![A-Za-z])")
def _weekend(m, base):
    """'over the weekend': the most recent Saturday and Sunday up to the base."""
    b = _need(base)
    sunday = b - timedelta(days=(b.weekday() - 6) % 7)
    if sunday > b:
        sunday -= timedelta(days=7)
    sat = sunday - timedelta(days=1)
    return sat, min(sunday, b) if sat <= b else sunday, "day"


@rule(
    "decade",
    ABSOLUTE,
    r"(?i:(?:in|during|since|throughout|by)\s+the\s+(?:(?P<part>early|mid|late)[\s-]+)?)(?P<dec>19[5-9]0|20[0-4]0)'?s\b",
)
def _decade(m, base):
    y0 = int(m["dec"])
    part = (m["part"] or "").lower()
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part, (0, 9))
    return date(y0 + lo, 1, 1), date(y0 + hi, 12, 31), "year"


@rule(
    "weekday-range",
    RELATIVE,
    rf"(?i:from|between|(?:on\s+|during\s+)?the\s+night\s+(?:of|between|from))\s+(?P<wd1>{_WD_FULL})(?:\s+(?i:{_TOD}))?\s+{_TO}\s+(?P<wd2>{_WD_FULL})(?![A-Za-z])",
)
def _weekday_range(m, base):
    """'from Monday to Wednesday': the last such span ending on or before the base."""
    b = _need(base)
    w1: int = LEX.weekday(m["wd1"])  # type: ignore[assignment]
    w2: int = LEX.weekday(m["wd2"])  # type: ignore[assignment]
    end = b - timedelta(days=(b.weekday() - w2) % 7)
    start = end - timedelta(days=(w2 - w1) % 7)
    return start, end, precision_of_span(start, end)


def _load_holidays() -> dict[str, dict]:
    raw = json.loads(resources.files("warlog").joinpath("data/dates_holidays.json").read_text(encoding="utf-8"))
    return raw["holidays"]


HOLIDAYS = _load_holidays()
_HOLIDAY_OF = {alias.lower().replace("’", "'"): key for key, h in HOLIDAYS.items() for alias in h["aliases"]}


def holiday_occurrences(key: str, years: range) -> list[tuple[date, date]]:
    """(first day, last day) of holiday `key` in the given years, where known."""
    h = HOLIDAYS[key]
    out = []
    for y in years:
        if "fixed" in h:
            s0 = safe_date(y, h["fixed"][0], h["fixed"][1])
            if s0 is None:
                continue
        else:
            iso = h["first_days"].get(str(y))
            if iso is None:
                continue
            s0 = date.fromisoformat(iso)
        if h.get("until"):
            nxt = HOLIDAYS[h["until"]]["first_days"].get(str(y))
            if nxt is None:
                continue
            e0 = date.fromisoformat(nxt) - timedelta(days=1)
        else:
            e0 = s0 + timedelta(days=max(1, h["days"]) - 1)
        out.append((s0, e0))
    return out


@rule(
    "holiday",
    ABSOLUTE,
    r"(?:(?P<pre>(?i:(?:on\s+)?the\s+eve\s+of|(?:on\s+)?the\s+(?:first|second|third|last)\s+day\s+of|during|before|"
    r"ahead\s+of|after|since|on|for|over|throughout))\s+)?(?:(?i:the)\s+)?(?:(?P<rel>(?i:last|this|next))\s+)?"
    rf"(?P<h>(?i:{_phrase_alt(_HOLIDAY_OF)}))(?:\s+(?:(?i:holidays?|feast|festival)\s+)?(?:(?i:of|in)\s+)?(?P<y>{YEAR})(?!\d))?"
    r"(?![A-Za-z])",
)
def _holiday(m, base):
    key = _HOLIDAY_OF[re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")]
    pre = re.sub(r"\s+", " ", (m["pre"] or "").lower()).removeprefix("on ").strip()
    rel = (m["rel"] or "").lower()
    if m["y"]:
        occ = holiday_occurrences(key, range(int(m["y"]), int(m["y"]) + 1))
        if not occ:
            raise Reject("holiday date not known for that year")
        s0, e0 = occ[0]
    else:
        b = _need(base)
        occ = holiday_occurrences(key, range(b.year - 1, b.year + 2))
        if rel == "next":
            pool = [o for o in occ if o[0] > b]
            pick = pool[0] if pool else None
        elif rel == "last" or pre in ("after", "since"):
            pool = [o for o in occ if o[1] < b or (pre and o[0] <= b)]
            pick = pool[-1] if pool else None
        else:
            pool = [o for o in occ if (o[0] - b).days <= 30]
            pick = pool[-1] if pool else None
        if pick is None:
            raise Reject("holiday date not known around the base")
        s0, e0 = pick
    if pre == "the eve of":
        d = s0 - timedelta(days=1)
        return d, d, "day"
    if pre.endswith("day of"):
        which = pre.split()[1]
        d = e0 if which == "last" else s0 + timedelta(days={"first": 0, "second": 1, "third": 2}[which])
        return d, d, "day"
    if pre in ("before", "ahead of"):
        return s0 - timedelta(days=7), s0 - timedelta(days=1), "week"
    if pre == "after":
        return e0 + timedelta(days=1), e0 + timedelta(days=7), "week"
    if pre == "since" and base is not None:
        return s0, max(base, e0), precision_of_span(s0, max(base, e0))
    return s0, e0, precision_of_span(s0, e0)


# ---------------------------------------------------------------------------------------------
# Scanning and resolving


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    rule: Rule
    match: re.Match

    @property
    def has_year(self) -> bool:
        gd = self.match.groupdict()
        return any(gd.get(k) for k in ("y", "y2", "dec")) and self.rule.kind == ABSOLUTE

    @property
    def kind(self) -> str:
        """ABSOLUTE only when the expression carries its year; yearless days and months are RELATIVE."""
        if self.rule.kind == ABSOLUTE and not self.has_year:
            return RELATIVE
        return self.rule.kind


def scan(text: str) -> list[Candidate]:
    """Every date expression in `text`: longest non-overlapping matches, in text order.

    A reading scans its article's text several times (publication date, its lower bound, the event dates):
    the last few texts' results are kept."""
    return list(_scan(text))


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[Candidate, ...]:
    found: list[Candidate] = []
    for r in RULES:
        for m in r.regex.finditer(text):
            if m.end() == m.start():
                continue
            if r.check is not None and not r.check(m):
                continue
            found.append(Candidate(m.start(), m.end(), m.group(), r, m))
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[Candidate] = []
    for c in found:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c.start)
    # "since 4 May", "since March": the preposition belongs to the mention (resolve_candidate
    # turns it into a range up to the base)
    for i, c in enumerate(taken):
        if c.rule.kind == ANAPHORIC or re.match(r"(?i:since)\b", c.text):
            continue
        since = re.search(r"(?i:\bsince)\s+$", text[max(0, c.start - 8) : c.start])
        if since:
            s0 = c.start - (len(text[max(0, c.start - 8) : c.start]) - since.start())
            if all(t.end <= s0 for t in taken[:i]):
                taken[i] = Candidate(s0, c.end, text[s0 : c.end], c.rule, c.match)
    # "tonight 10/19/2013", "Tuesday, 4 May": a vague day word right before a full date is one mention
    merged: list[Candidate] = []
    for c in taken:
        p = merged[-1] if merged else None
        if (
            p is not None
            and p.rule.name in ("relative-day", "weekday")
            and c.rule.kind == ABSOLUTE
            and c.rule.name not in ("month", "year")
            and re.fullmatch(r"[\s,]*", text[p.end : c.start])
        ):
            merged[-1] = Candidate(p.start, c.end, text[p.start : c.end], c.rule, c.match)
        else:
            merged.append(c)
    return tuple(merged)


_YEARLESS_SHIFTABLE = ("day-month", "month-day", "month", "range-d-d-month", "range-month-d-d", "range-dm-dm")


def _shift_year(d: date, k: int) -> date:
    return safe_date(d.year + k, d.month, d.day) or date(d.year + k, d.month, 28)


def resolve_candidate(c: Candidate, base: date | None, method: str = "") -> DateValue | None:
    """The value of one candidate against `base` (an anchor date for anaphoric ones); None if it
    cannot be resolved (no base) or turns out not to be a date."""
    try:
        s, e, p = c.rule.resolve(c.match, base)
    except (Reject, LookupError, ValueError, OverflowError, StopIteration):
        return None
    if s is None:
        return None
    if c.kind != ANAPHORIC and re.match(r"(?i:since)\b", c.text) and base is not None:
        if s > base and c.kind == RELATIVE and c.rule.name in _YEARLESS_SHIFTABLE:
            s, e = _shift_year(s, -1), _shift_year(e or s, -1)  # "since June" said in May: last June
        if s <= base:
            e = max(e or s, base)
    method = method or {ABSOLUTE: "absolute", RELATIVE: "relative", ANAPHORIC: "chained"}[c.kind]
    return DateValue(start=s.isoformat(), end=(e or s).isoformat(), precision=p, text=c.text, method=method)
