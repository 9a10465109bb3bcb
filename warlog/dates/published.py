"""An article's publication date: from its metadata, else from its text, else inferred.

Where the text shows several dates, the article's own date is ranked (best first):

    0 "published"  introduced by a publication word ("Published", "Posted on", "Date of publication")
    1 "byline"     a date alone on its line ("Nicholas Blanford, Correspondent /\\nOctober 18, 2013"),
      "first-line" or a date opening the text ("Sunday, 24 May 2015", "Wed 05 Apr 2017 Syria ...")
    2 "dateline"   "BEIRUT, Oct 19 (Reuters) -"
    3 "updated"    "Last updated at ...": later than the publication, but close
    4 "head"       any full date in the first lines (title, page furniture)
    5 "repost"     a hosting page's "Added: Oct-19-2013": only when the article shows no date of its own

Ties go to the earliest in the text. With no written date, the date is inferred from the latest
full date the text mentions: its month when the text also speaks of weekdays or "yesterday"
(the article was written within days of it), else its year; `method="inferred"`, never a day.
"""

from __future__ import annotations

import re
from datetime import date

from warlog.dates.grammar import ABSOLUTE, LEX, Candidate, month_end, resolve_candidate, scan
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


def _dateline(text: str) -> DateValue | None:
    m = _DATELINE.search(text[: HEAD_CHARS * 2])
    if not m:
        return None
    inside = [c for c in scan(m["date"]) if c.rule.name in ("day-month", "month-day")]
    if not inside:
        return None
    c = inside[0]
    if c.has_year:
        return resolve_candidate(c, None, "dateline")
    told = [x for x in scan(text) if x.kind == ABSOLUTE]
    years = [date.fromisoformat(v.end) for v in (resolve_candidate(x, None) for x in told) if v and v.end]
    if not years:
        return None
    latest = max(years)
    v = resolve_candidate(c, latest, "dateline")  # the dateline is no earlier than ~ the latest date told
    return v


def from_text(text: str) -> DateValue | None:
    head_end = min(len(text), 20000)
    cands = [c for c in scan(text[:head_end]) if c.kind == ABSOLUTE and c.rule.name not in ("month", "year")]
    ranked: list[tuple[int, int, DateValue]] = []
    for c in cands:
        r = _rank(text, c)
        if r is None:
            continue
        v = resolve_candidate(c, None, r[1])
        if v is not None and v.precision == "day":
            ranked.append((r[0], c.start, v))
    dl = _dateline(text)
    if dl is not None:
        ranked.append((2, 0, dl))
    if ranked:
        ranked.sort(key=lambda t: (t[0], t[1]))
        return ranked[0][2]
    return infer(text)


def infer(text: str) -> DateValue | None:
    """No written publication date: the month (or year) of the latest full date the text tells."""
    cands = scan(text)
    latest: date | None = None
    ltext, lprec = "", ""
    for c in cands:
        if c.kind != ABSOLUTE:
            continue
        v = resolve_candidate(c, None)
        if v is None or v.precision not in ("day", "month"):
            continue
        d = date.fromisoformat(v.start)  # type: ignore[arg-type]
        if latest is None or d > latest:
            latest, ltext, lprec = d, c.text, v.precision
    if latest is None:
        return None
    near = any(c.rule.name in ("weekday", "relative-day") for c in cands)
    if near and lprec == "day":
        return DateValue(
            start=date(latest.year, latest.month, 1).isoformat(),
            end=month_end(latest.year, latest.month).isoformat(),
            precision="month",
            text=ltext,
            method="inferred",
        )
    return DateValue(
        start=date(latest.year, 1, 1).isoformat(),
        end=date(latest.year, 12, 31).isoformat(),
        precision="year",
        text=ltext,
        method="inferred",
    )


def publication_date(article: Article) -> DateValue | None:
    if article.published_raw:
        v = from_raw(article.published_raw, column="#" in (article.source or ""))
        if v is not None:
            return v
    return from_text(article.text or "")
