"""An article's publication date: from its metadata, else from what its text says, else nothing.

Where the text shows several dates, the article's own date is ranked (best first):

    0 "published"  introduced by a publication word ("Published", "Posted on", "Date of publication")
    1 "byline"     a date alone on its line ("Nicholas Blanford, Correspondent /\\nOctober 18, 2013"),
      "first-line" or a date opening the text ("Sunday, 24 May 2015", "Wed 05 Apr 2017 Syria ...")
    2 "dateline"   "BEIRUT, Oct 19 (Reuters) -"; "wire": an agency's date line anywhere in the first
                   lines ("... Monitor AFP Friday 24 Oct 2014 At least ...")
    3 "updated"    "Last updated at ...": later than the publication, but close
    4 "head"       any full date in the first lines (title, page furniture)
    5 "repost"     a hosting page's "Added: Oct-19-2013": only when the article shows no date of its own
    6 "weekday-year" a yearless byline date whose weekday fixes the year ("Monday, 14 October" at the
                   top of an article that tells of events in 2013: 14 October was a Monday in 2013)

Ties go to the earliest in the text. With no written date of its own the article has no publication
date (None; the pipeline warns and leaves relative dates unresolved): a date is never guessed from
the dates the body tells. Those dates only bound it from below (`lower_bound`): the article was
written on or after the latest past event it dates, which is what fixes the year of a yearless
dateline or of a weekday + day + month.
"""

from __future__ import annotations

import re
from datetime import date

from warlog.dates.grammar import ABSOLUTE, LEX, Candidate, resolve_candidate, safe_date, scan
from warlog.dates.lexicon import alternation
from warlog.model import Article, DateValue

HEAD_CHARS = 400
_PREPS = "on|in|since|from|until|till|by|of|before|after|during|to|and"  # how far into the text a full date still counts as the article's own ("head")

_PREFIX = {kind: alternation(words) for kind, words in LEX.publication_prefixes.items()}
_COLUMN = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*$")
_COMPACT = re.compile(r"((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
_AGENCY = alternation(LEX.wire_agencies)
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Za-z.'’ -]{{1,40}},[ \t]+(?P<date>[^\n(]{{3,30}}?)[ \t]*"
    rf"\((?:{_AGENCY}|[A-Z][\w.&'’-]*(?:[ \t][A-Z][\w.&'’-]*){{0,3}})\)",
    re.M,
)


def from_raw(raw: str, column: bool = False) -> DateValue | None:
    """A date field as written (HTML meta tag, a table column such as m/d/yy, ISO timestamp)."""
    if not raw or not raw.strip():
        return None
    method = "column" if column or _COLUMN.match(raw) else "meta"
    compact = _COMPACT.fullmatch(raw.strip())
    if compact:  # 20150524
        y, mo, d = (int(x) for x in compact.groups())
        return DateValue(start=date(y, mo, d).isoformat(), precision="day", text=raw.strip(), method=method)
    cands = [c for c in scan(raw) if c.kind == ABSOLUTE]
    if cands:
        best = max(cands, key=lambda c: (c.end - c.start, -c.start))
        v = resolve_candidate(best, None, method)
        if v is not None:
            v.text = raw.strip()
            return v
    from warlog.dates.core import dateparser_value  # late import: dateparser is slow to load

    v = dateparser_value(raw.strip(), None)
    if v is not None:
        v.method = method
    return v


def from_user(raw: str) -> DateValue | None:
    """A publication date the user gives (`--published 2015-05-24`, "24 May 2015", "2015-05"): its method is
    "user" and its precision what was written (a month stays a month); None when it is not an absolute date
    ("Tuesday", "yesterday" or a misspelling are refused, never resolved against today)."""
    v = from_raw(raw)
    if v is None or v.start is None:
        return None
    v.method = "user"
    return v


def _line_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before `start` and after `end` on the same line."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    return text[ls:start], text[end:le]


def _rank(text: str, c: Candidate) -> tuple[int, str] | None:
    before, after = _line_of(text, c.start, c.end)
    near = before[-40:]
    if re.search(rf"(?i:{_PREFIX['repost']})\s*:?\s*$", near):
        return 5, "repost"
    if re.search(rf"(?i:{_PREFIX['updated']})\s*:?\s*$", near):
        return 3, "updated"
    if re.search(rf"(?i:\b(?:{_PREFIX['published']}))\s*:?\s*(?:on\s+)?$", near):
        return 0, "published"
    bare_after = re.fullmatch(
        r"[\s,.|/–—-]*(?:(?:at\s+)?\d{1,2}:?\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\w{2,5})?)?[\s,.|]*", after
    )
    bare_before = re.fullmatch(r"[\s|/–—:-]*(?:(?i:by|posted|on)\s*)?", before) or re.fullmatch(
        r"\s*(?i:by)\s+[A-Z][^|/\n]{1,60}?\s*[|/–—,-]\s*", before
    )
    if bare_before and bare_after:
        return 1, "byline"
    if text[: c.start].strip() == "":
        return 1, "first-line"
    if c.start < HEAD_CHARS and not re.search(rf"\b(?i:{_PREPS})\s+$", before[-12:]):
        return 4, "head"  # a full date in the first lines that is not a sentence's "on 4 May 2015"
    return None


_WIRE_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{_AGENCY})[ \t]*[,|:–—-]?[ \t]*$")
_FUTURE_CUE = re.compile(
    r"(?i:\b(?:will|shall|scheduled|due|expected|planned|plans?|upcoming|set\s+to|next|ahead\s+of|until|deadline)\b)"
)
WIRE_CHARS = 1500  # how far into the text an agency's date line still counts as the article's own
WEEKDAY_YEARS = 3  # a yearless "Monday, 14 October" is placed at most this many years after the bound


def _dateline(text: str, bound: date | None) -> DateValue | None:
    m = _DATELINE.search(text[: HEAD_CHARS * 2])
    if not m:
        return None
    inside = [c for c in scan(m["date"]) if c.rule.name in ("day-month", "month-day")]
    if not inside:
        return None
    c = inside[0]
    if c.has_year:
        return resolve_candidate(c, None, "dateline")
    return _yearless_after(c, bound, "dateline")  # the dateline is no earlier than the latest event told


def _yearless_after(c: Candidate, bound: date | None, method: str) -> DateValue | None:
    """A yearless day-month placed in time by the lower bound: its first occurrence on or after it
    (and, when a weekday is written, the first whose weekday agrees, within WEEKDAY_YEARS)."""
    if bound is None:
        return None
    gd = c.match.groupdict()
    if not gd.get("m") or not gd.get("d"):
        return None
    mo, day = LEX.month(gd["m"]), int(re.match(r"\d+", gd["d"]).group())  # type: ignore[union-attr]
    wd = LEX.weekday(gd["wd"]) if gd.get("wd") else None
    for y in range(bound.year, bound.year + (WEEKDAY_YEARS if wd is not None else 2)):
        x = safe_date(y, mo, day)  # type: ignore[arg-type]
        if x is None or x < bound:
            continue
        if wd is not None and x.weekday() != wd:
            continue
        return DateValue(start=x.isoformat(), precision="day", text=c.text, method=method)
    return None


def _past_dates(text: str) -> list[tuple[date, Candidate]]:
    """The dates the text tells of as past (no "will", "scheduled", "next" before them in their
    sentence): full dates of day or month precision by their first day, bare years by 1 January."""
    out = []
    for c in scan(text):
        if c.kind != ABSOLUTE:
            continue
        v = resolve_candidate(c, None)
        if v is None or v.start is None:
            continue
        ls = max(text.rfind(".", 0, c.start), text.rfind("\n", 0, c.start)) + 1
        if _FUTURE_CUE.search(text[max(ls, c.start - 80) : c.start]):
            continue
        if c.rule.name in ("year", "decade", "holiday") or v.precision in ("day", "week", "month"):
            d = date.fromisoformat(v.start)
        else:
            continue
        out.append((d, c))
    return out


def lower_bound(text: str) -> DateValue | None:
    """The latest past date the text tells ("kidnapped ... in August 2014" -> 2014-08-01): the article
    was written on or after it. A bound, never a publication date (method "lower-bound")."""
    told = _past_dates(text)
    if not told:
        return None
    d, c = max(told, key=lambda t: t[0])
    # a yearless "Monday, 14 October" in the body placed after the bound moves it later
    for w in scan(text):
        if w.kind == ABSOLUTE or w.rule.name not in ("day-month", "month-day") or not w.match.groupdict().get("wd"):
            continue
        v = _yearless_after(w, d, "weekday-year")
        if v is not None and v.start and date.fromisoformat(v.start) > d:
            d, c = date.fromisoformat(v.start), w
    return DateValue(start=d.isoformat(), precision="day", text=c.text, method="lower-bound")


def from_text(text: str) -> DateValue | None:
    head_end = min(len(text), 20000)
    cands = [c for c in scan(text[:head_end]) if c.rule.name not in ("month", "year")]
    lb = lower_bound(text)
    bound = date.fromisoformat(lb.start) if lb and lb.start else None
    ranked: list[tuple[float, int, DateValue]] = []
    for c in cands:
        if c.kind == ABSOLUTE:
            if c.start < WIRE_CHARS and _WIRE_BEFORE.search(text[max(0, c.start - 40) : c.start]):
                v = resolve_candidate(c, None, "wire")
                if v is not None and v.precision == "day":
                    ranked.append((2, c.start, v))
                    continue
            r = _rank(text, c)
            if r is None:
                continue
            v = resolve_candidate(c, None, r[1])
            if v is not None and v.precision == "day":
                ranked.append((r[0], c.start, v))
        elif c.rule.name in ("day-month", "month-day") and c.match.groupdict().get("wd"):
            r = _rank(text, c)
            if r is None or r[0] > 2:  # only a byline's or a first line's "Monday, 14 October"
                continue
            v = _yearless_after(c, bound, "weekday-year")
            if v is not None:
                ranked.append((6, c.start, v))
    dl = _dateline(text, bound)
    if dl is not None:
        ranked.append((2, 0, dl))
    if ranked:
        ranked.sort(key=lambda t: (t[0], t[1]))
        return ranked[0][2]
    return None


def publication_date(article: Article) -> DateValue | None:
    if article.published_raw:
        v = from_raw(article.published_raw, column="#" in (article.source or ""))
        if v is not None:
            return v
    return from_text(article.text or "")
