"""The dates stage's public functions: find and resolve date expressions, choose an event's date.

Planned (future) dates: a date resolved after the publication date gets `method` ending in
"+future" (e.g. "relative+future"); `is_future(value)` tests it. The events stage can read that
as modality "planned".
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from warlog.dates.grammar import ANAPHORIC, LEX, resolve_candidate, scan
from warlog.dates.published import publication_date  # noqa: F401  (public API)
from warlog.model import DateMention, DateValue
from warlog.nlp import Document

FUTURE = "+future"
ANCHOR_CHARS = 1500  # an anaphoric date ("the next day") looks this far back for its anchor
CHAIN_SENTENCES = 3  # an undated sentence inherits a sentence-initial date this many sentences back
INITIAL_CHARS = 30  # a date this close to a sentence's start opens it ("On 13 May, ...")


def _as_date(base: date | datetime | DateValue | str | None) -> date | None:
    if base is None:
        return None
    if isinstance(base, DateValue):
        if base.start is None:
            return None
        return date.fromisoformat((base.end if base.precision != "day" else base.start) or base.start)
    if isinstance(base, datetime):
        return base.date()
    if isinstance(base, date):
        return base
    if isinstance(base, str):
        try:
            return date.fromisoformat(base.strip()[:10])
        except ValueError:
            raise ValueError(f"base date {base!r} is not an ISO date (YYYY-MM-DD)") from None
    raise TypeError(f"base must be a date, datetime, DateValue or ISO string, not {type(base).__name__}")


def is_future(value: DateValue | None) -> bool:
    """True when the date lies after the publication date (a planned or expected event)."""
    return value is not None and value.method.endswith(FUTURE)


def _mark_future(v: DateValue, published: date | None) -> DateValue:
    if published is not None and v.start and date.fromisoformat(v.start) > published and not is_future(v):
        v.method += FUTURE
    return v


_HAS_DATE_WORD = re.compile(rf"\d|\b(?:{'|'.join(sorted(LEX.months, key=len, reverse=True))})\b")


def dateparser_value(expression: str, base: date | None) -> DateValue | None:
    """dateparser as a last resort for odd formats, on one short expression only."""
    if len(expression) > 60 or not _HAS_DATE_WORD.search(expression):
        return None
    if base is None and not re.search(r"\b(?:19|20)\d\d\b", expression):
        return None
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        from dateparser.date import DateDataParser

        data = DateDataParser(languages=["en"], settings=settings).get_date_data(expression)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        s, e = d.replace(day=1), (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return DateValue(s.isoformat(), e.isoformat(), "month", expression, "dateparser")
    if period == "year":
        return DateValue(f"{d.year}-01-01", f"{d.year}-12-31", "year", expression, "dateparser")
    if period == "week":
        return DateValue((d - timedelta(days=d.weekday())).isoformat(), None, "week", expression, "dateparser")
    return DateValue(d.isoformat(), d.isoformat(), "day", expression, "dateparser")


def resolve(expression: str, base: date | None) -> DateValue | None:
    """One date expression resolved against `base` (the publication date).

    Anaphoric expressions ("the next day", "two days later") are resolved against `base` as their
    anchor. Returns None when the words are not a date or need a base that is not given.
    """
    if not expression or not expression.strip():
        return None
    expr = re.sub(r"\s+", " ", expression.strip())
    b = _as_date(base)
    cands = scan(expr)
    if cands:
        best = max(cands, key=lambda c: (c.end - c.start, -c.start))
        v = resolve_candidate(best, b)
        if v is not None:
            return v if best.kind == ANAPHORIC else _mark_future(v, b)
    v = dateparser_value(expr, b)
    return None if v is None else _mark_future(v, b)


def _published_base(published: DateValue | None) -> tuple[date | None, str]:
    if published is None or published.start is None:
        return None, "unknown"
    return _as_date(published), published.precision


_COARSER = {p: i for i, p in enumerate(("day", "week", "month", "season", "year", "unknown"))}


def find_dates(doc: Document, published: DateValue | None) -> list[DateMention]:
    """Every date expression in the text, resolved against the publication date.

    Anaphoric expressions are resolved against the previous day-precise date in the text (within
    ANCHOR_CHARS); one with no anchor, or any relative one with no publication date, is kept with
    an unknown value (start None) so that callers still see a date was written there.
    """
    base, base_prec = _published_base(published)
    out: list[DateMention] = []
    for c in scan(doc.text):
        if c.kind == ANAPHORIC:
            anchor = next(
                (
                    m
                    for m in reversed(out)
                    if m.value.start
                    and m.value.precision == "day"
                    and c.start - m.end <= ANCHOR_CHARS
                    and not (published is not None and m.text.strip() == (published.text or "").strip())
                ),  # the article's own date line is no anchor: "the next day" follows an event
                None,
            )
            v = resolve_candidate(c, _as_date(anchor.value) if anchor else None) if anchor else None
            if v is None:
                v = DateValue(start=None, text=c.text, method="chained-unresolved")
        else:
            v = resolve_candidate(c, base)
            if c.kind != "absolute" and base_prec in ("season", "year"):
                # against a publication date known to the year only, "Tuesday" or "4 May" could be any
                # of hundreds of days: kept unresolved with its words, never a year-wide range
                v = None
            if v is None:
                v = DateValue(start=None, text=c.text, method="unresolved")
            elif c.kind != "absolute" and base_prec not in ("day", "unknown") and published is not None:
                # relative to an approximate publication date (a month, a year): the range the
                # expression covers from the first to the last possible publication day, and no
                # more precise than the publication date
                early = resolve_candidate(c, date.fromisoformat(published.start))  # type: ignore[arg-type]
                if early is not None and early.start and v.start:
                    v.start = min(early.start, v.start)
                    v.end = max(early.end or early.start, v.end or v.start)
                if _COARSER[v.precision] < _COARSER.get(base_prec, 5):
                    v.precision = base_prec
                v.method += "-approx"
        if v.start is not None:
            _mark_future(v, base)
        out.append(DateMention(start=c.start, end=c.end, text=c.text, value=v))
    return out


# ---------------------------------------------------------------------------------------------
# The date that governs an event


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause of sentence `text` around offset `pos`, cut at the lexicon's clause markers."""
    marks = [0, len(text)]
    for w in LEX.clause_markers:
        pat = re.escape(w) if not w[0].isalpha() else rf"\b{re.escape(w)}\b"
        marks += [m.start() for m in re.finditer(pat, text)]
    marks = sorted(set(marks))
    lo = max(x for x in marks if x <= pos)
    hi = min((x for x in marks if x > pos), default=len(text))
    return lo, hi


_BACKGROUND = re.compile(r"(?i:since\b|(?:for|over|in|during|throughout)\s+the\s+(?:past|last)\s)")


def is_background(text: str) -> bool:
    """A span that sets the scene rather than dates an event: "since last summer", "since 2011",
    "over the past two years". It dates an event only when it sits in the event's own clause."""
    return bool(_BACKGROUND.match(text.strip()))


def _same_paragraph(doc: Document, i: int, j: int) -> bool:
    """Sentences i < j sit in one paragraph (no blank line between them)."""
    gap = doc.text[doc.sentences[i].end : doc.sentences[j].start]
    between = doc.text[doc.sentences[i].start : doc.sentences[j].start]
    return not re.search(r"\n\s*\n", gap) and not re.search(r"\n\s*\n", between)


def _rechain(m: DateMention, previous: DateValue | None) -> DateValue | None:
    """An anaphoric mention re-anchored on the previous event's date."""
    if previous is None or previous.start is None:
        return m.value if m.value.start else None
    c = [x for x in scan(m.text) if x.kind == ANAPHORIC]
    if not c:
        return m.value if m.value.start else None
    return resolve_candidate(c[0], _as_date(previous)) or (m.value if m.value.start else None)


def _value_of(m: DateMention, previous: DateValue | None) -> DateValue | None:
    if m.value.method.startswith("chained"):
        if m.value.start is None:
            return _rechain(m, previous)
        return m.value
    return m.value if m.value.start else None


def event_date(
    doc: Document,
    sentence: int,
    span: tuple[int, int],
    dates: list[DateMention],
    published: DateValue | None,
    previous: DateValue | None = None,
) -> DateValue | None:
    """The date of an event whose trigger is at `span` (article offsets) in sentence `sentence`.

    The rule, first that applies:
    1. a date mention in the same sentence: within the trigger's clause (cut at ';', 'then',
       'later', 'when', 'after', ...) the nearest one before the trigger, else the nearest after;
       else in the sentence the nearest before, else the nearest after, background spans ("since
       last summer", "over the past year") excepted;
    2. a date (not a background span) opening one of the previous CHAIN_SENTENCES sentences of the same paragraph
       ("On 13 May, ... Earlier in the day, ..."), the nearest; when that sentence tells several
       days within a week ("On 4 May ... by the next day ..."), all of them (4-5 May);
    3. `previous`, the date of the previous event in the text (the text chains: "later", "then",
       an undated sentence continuing the story), method "previous";
    4. the publication date as the week up to it (start = published - 6 days, precision "week",
       method "published").
    An anaphoric mention ("the next day") with no anchor of its own is resolved against `previous`.
    Returns None only when there is no date at all (no mention, no previous, no publication).
    """
    if not doc.sentences:
        return _fallback(previous, published)
    if not 0 <= sentence < len(doc.sentences):
        raise IndexError(f"sentence {sentence} is out of range: the document has {len(doc.sentences)} sentences")
    s = doc.sentences[sentence]
    in_sent = [m for m in dates if s.start <= m.start < s.end]
    if in_sent:
        t0 = span[0]
        lo, hi = _clause_bounds(s.text, max(0, t0 - s.start))
        lo, hi = lo + s.start, hi + s.start

        def pick(cands: list[DateMention]) -> DateValue | None:
            before = sorted((m for m in cands if m.end <= t0), key=lambda m: t0 - m.end)
            after = sorted((m for m in cands if m.start >= span[1]), key=lambda m: m.start - span[1])
            over = [m for m in cands if m.start < span[1] and m.end > t0]
            for m in over + before + after:
                v = _value_of(m, previous)
                if v is not None:
                    return v
            return None

        v = pick([m for m in in_sent if lo <= m.start < hi]) or pick([m for m in in_sent if not is_background(m.text)])
        if v is not None:
            return v
    for k in range(sentence - 1, max(-1, sentence - 1 - CHAIN_SENTENCES), -1):
        if not _same_paragraph(doc, k, sentence):
            break
        sk = doc.sentences[k]
        opening = [m for m in dates if sk.start <= m.start < sk.start + INITIAL_CHARS and not is_background(m.text)]
        for m in opening:
            v = _value_of(m, previous)
            if v is not None:
                return _sentence_span(v, [m2 for m2 in dates if sk.start <= m2.start < sk.end], previous)
    return _fallback(previous, published)


def _sentence_span(first: DateValue, mentions: list[DateMention], previous: DateValue | None) -> DateValue:
    """The days a dated sentence covers, for an undated sentence that continues it: "On 4 May, X
    attacked and by the next day captured Y. The rebels crushed Z." -> 4-5 May. Only day-precise
    dates within a week of each other are joined; otherwise the opening date alone."""
    if first.precision != "day" or first.start is None:
        return first
    values = [v for v in (_value_of(m, previous) for m in mentions) if v is not None and v.start]
    if any(v.precision != "day" or is_future(v) for v in values):
        return first
    starts = [v.start for v in values if v.start]  # every value has a start (filtered above)
    start = min([first.start, *starts])
    end = max([first.end or first.start, *((v.end or v.start or start) for v in values)])
    if (date.fromisoformat(end) - date.fromisoformat(start)).days > 6:
        return first
    text = first.text if start == first.start and end == first.end else " .. ".join(v.text for v in values)
    return DateValue(start, end, "day", text, first.method)


def _fallback(previous: DateValue | None, published: DateValue | None) -> DateValue | None:
    if previous is not None and previous.start is not None:
        return DateValue(previous.start, previous.end, previous.precision, previous.text, "previous")
    base = _as_date(published)
    if base is None:
        return None
    if published is not None and published.precision != "day":
        return DateValue(published.start, published.end, published.precision, published.text, "published")
    return DateValue((base - timedelta(days=6)).isoformat(), base.isoformat(), "week", "", "published")


__all__ = ["event_date", "find_dates", "is_future", "publication_date", "resolve"]
