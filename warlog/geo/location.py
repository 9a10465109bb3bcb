"""Event location: which of an article's places is where the event at a trigger happened."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from warlog.geo.index import rules
from warlog.model import PlaceMention
from warlog.nlp import Document
from warlog.normalize import key


@lru_cache(maxsize=1)
def _strong_cues() -> re.Pattern:
    """ "in / at / near ... X" or "the town(s) of X" right before a place (possibly inside a list of names)."""
    cfg = rules()
    preps = sorted(set(cfg["locative_cues"]) - {"of", "to", "from", "between", "east", "west", "north", "south"})
    nouns = sorted(cfg["place_nouns"], key=len, reverse=True)
    words = "|".join(map(re.escape, preps + ["outskirts of", "vicinity of", "edge of"]))
    nouns_re = "|".join(map(re.escape, nouns))
    return re.compile(
        rf"(?:\b(?:{words}|(?:{nouns_re})\s+of)\s+(?:the\s+)?(?:(?:[A-Z][\w'\u2019-]*|al|el|and|,)\s+){{0,6}}$)"
    )


@lru_cache(maxsize=1)
def _speaker_res() -> tuple[list[re.Pattern], tuple[str, ...]]:
    cfg = rules()
    return [re.compile(p, re.IGNORECASE) for p in cfg["speaker_patterns"]], tuple(cfg["speaker_after"])


def is_speaker_place(doc: Document, p: PlaceMention) -> bool:
    """Where someone spoke or is based, not where something happened: "told reporters in Beirut",
    "a Beirut-based group", "speaking from Berlin"."""
    pats, after = _speaker_res()
    before = doc.text[max(0, p.start - 80) : p.start]
    if any(pat.search(before) for pat in pats):
        return True
    tail = doc.text[p.end : p.end + 8].lower()
    return tail.startswith(after)


def _coarser(p: PlaceMention) -> PlaceMention:
    if not p.resolved:
        return p
    return replace(p, precision=max(p.precision or 1, 2), where_prec=max(p.where_prec or 1, 2))


def main_place(doc: Document, places: list[PlaceMention]) -> PlaceMention | None:
    """The article's most-named resolved place below country level (else its most-named country)."""
    resolved = [p for p in places if p.resolved and not is_speaker_place(doc, p)]
    if not resolved:
        return None
    fine = [p for p in resolved if p.feature not in ("country",)] or resolved
    counts = Counter(key(p.canonical or p.name) for p in fine)
    top = counts.most_common(1)[0][0]
    return next(p for p in fine if key(p.canonical or p.name) == top)


def event_location(
    doc: Document, sentence: int, span: tuple[int, int], places: list[PlaceMention]
) -> PlaceMention | None:
    """Where the event whose trigger is at `span` (offsets into doc.text) in sentence `sentence` happened.

    When the trigger is a speech verb ("said", "speaking"), the place where it was said is the answer.
    Otherwise prefers, in the trigger's sentence, places after "in / at / near / on / outside / the town of",
    nearest to the trigger, and never where someone spoke or is based. Falls back to the nearest
    place of the two previous sentences, then to the article's main place, with a coarser precision.
    """
    if not places:
        return None
    s0, s1 = span
    speech = doc.text[s0:s1].lower() in set(rules()["speech_triggers"])
    in_sent = [p for p in places if doc.sentence_at(p.start) == sentence and (speech or not is_speaker_place(doc, p))]
    if in_sent:
        sent_start = doc.sentences[sentence].start

        def score(p: PlaceMention) -> float:
            dist = p.start - s1 if p.start >= s1 else s0 - p.end
            sc = -max(dist, 0) / 60.0
            if _strong_cues().search(doc.text[max(sent_start, p.start - 80) : p.start]):
                sc += 2.0
            if p.start >= s1:
                sc += 0.3
            if p.resolved:
                sc += 1.0
            if speech and is_speaker_place(doc, p):
                sc += 3.0  # a statement happens where it was made
            if p.feature == "country":
                sc -= 0.8
            elif p.feature == "admin1":
                sc -= 0.4
            return sc

        return max(in_sent, key=score)
    for back in (1, 2):
        i = sentence - back
        if i < 0:
            break
        prev = [p for p in places if doc.sentence_at(p.start) == i and p.resolved and not is_speaker_place(doc, p)]
        if prev:
            return _coarser(prev[-1])
    mp = main_place(doc, places)
    return _coarser(mp) if mp else None
