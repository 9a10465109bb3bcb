"""Modality of an event mention: asserted, claimed, denied, planned, or not an event at all.

Built on the claims engineer's `find_attribution` (who says so) plus cue words from
`warlog/data/triggers.json` ("modality"): negations, futures and plans, expectations by others,
hypotheticals, allegations. Forecasts, hypotheticals and negated statements are not events
(`Modality.event is False`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from warlog.extract.attribution import Attribution, find_attribution
from warlog.model import ActorMention
from warlog.nlp import Document

DATA = Path(__file__).resolve().parents[1] / "data" / "triggers.json"
_CLAUSE_STOP = re.compile(r"[;:.!?]|—|–|\s-\s|,\s*(?:but|while|whereas|however)\b|\b(?:but|however|although|while)\b")


# "the alleged organizer of a car-bomb attack": the doubt is about who, not whether it happened
_AGENT_NOUN_ALLEGED = re.compile(
    r"\b(?:alleged|suspected|purported)\s+(?:\w+\s+)?(?:"
    + "|".join(json.loads(DATA.read_text(encoding="utf-8"))["lexicons"]["agent_nouns_alleged"])
    + r")s?\b",
    re.I,
)


@dataclass
class Modality:
    event: bool  # False: a forecast, hypothetical, negation or commentary: not an event
    modality: str = "asserted"  # one of warlog.model.MODALITIES
    attributed_to: list[str] = field(default_factory=list)
    reason: str = ""  # the cue that decided it


@lru_cache(maxsize=1)
def cues() -> dict[str, list[str]]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))["modality"]
    return {k: v for k, v in data.items() if isinstance(v, list)}


def _rx(words: list[str]) -> re.Pattern[str]:
    parts = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w])", re.I)


@cache
def _cue_rx(kind: str) -> re.Pattern[str]:
    return _rx(cues()[kind])


def _find(kind: str, text: str) -> str | None:
    for m in _cue_rx(kind).finditer(text):
        if m.group() in ("May", "Will"):  # the month, a name: not the modal verb
            continue
        return m.group()
    return None


def _before_in_clause(sent_text: str, rel: int, max_words: int = 12) -> str:
    """The words of the trigger's clause before it (at most `max_words`)."""
    left = sent_text[:rel]
    cut = 0
    for m in _CLAUSE_STOP.finditer(left):
        cut = m.end()
    left = left[cut:]
    words = left.split()
    return " ".join(words[-max_words:])


def _after_in_clause(sent_text: str, rel_end: int, max_words: int = 6) -> str:
    right = sent_text[rel_end:]
    m = _CLAUSE_STOP.search(right)
    if m:
        right = right[: m.start()]
    return " ".join(right.split()[:max_words])


def decide(  # noqa: C901
    doc: Document,
    sentence: int,
    span: tuple[int, int],
    actors: list[ActorMention] | None = None,
    actor1: list[str] | None = None,
    parse_tokens: Any = None,
) -> Modality:
    """The modality of the event whose trigger is at `span` (article offsets) in `sentence`.

    `actor1` is the acting side found for the event (a party announcing its own action makes
    it "planned"); `parse_tokens` the trigger's spaCy token when the sentence was parsed.
    """
    s = doc.sentences[sentence]
    text = s.text
    rel, rel_end = span[0] - s.start, span[1] - s.start
    before = _before_in_clause(text, rel)
    after = _after_in_clause(text, rel_end)
    after_long = _after_in_clause(text, rel_end, max_words=10)
    whole_before = text[:rel]
    attribution: Attribution | None = find_attribution(doc, sentence, span, actors)
    if attribution is not None:
        # a source that is a known party goes by its canonical name ("the army said" -> its army)
        for m in actors or []:
            if m.start < attribution.end and attribution.start < m.end and m.known:
                attribution = replace(attribution, claimant=m.name)
                break

    near = re.sub(r"\bnot\s+(?:until|only|just|least)\b", " ", before.split(",")[-1], flags=re.I)
    near = " ".join(near.split()[-6:])
    negated = _find("negation", near) or _negated_by_parse(parse_tokens)
    if negated or _find("negation_after", after_long):
        if attribution is not None and attribution.denied:
            return Modality(True, "denied", [attribution.claimant], "denied by " + attribution.claimant)
        denier = _find_denier(whole_before)
        if denier:
            who = [m.name for m in (actors or []) if s.start <= m.start < s.start + whole_before.find(denier)]
            return Modality(True, "denied", who[-1:], denier)
        return Modality(False, reason=f"negated: {negated or _find('negation_after', after_long)}")

    launch = _find("plan_launch", text[max(0, rel - 60) : rel])
    if launch and _own_action(whole_before, actors or [], actor1 or [], s.start):
        who = [m.name for m in (actors or []) if s.start <= m.start < span[0] and m.name in (actor1 or [])]
        return Modality(True, "planned", who[:1], launch)

    hypo = _find("hypothetical", before)
    if hypo:
        return Modality(False, reason=f"hypothetical: {hypo}")

    future = _find("future", before) or _find("after", after) or _future_by_parse(parse_tokens)
    expect = _find("expect", before)
    if future or expect:
        announce = _find("plan_announce", whole_before)
        if future and announce and _own_action(whole_before, actors or [], actor1 or [], s.start):
            who = [attribution.claimant] if attribution else []
            return Modality(True, "planned", who, f"announced: {announce} / {future}")
        return Modality(False, reason=f"forecast: {future or expect}")

    if _background(whole_before):
        # "..., says Abu Omar, referring to the town seized by Hezbollah in June": the aside is the
        # article's own background, not the speaker's claim
        return Modality(True, "asserted", [], "background")
    if attribution is not None:
        if attribution.denied:
            return Modality(True, "denied", [attribution.claimant], "denied")
        return Modality(True, "claimed", [attribution.claimant], attribution.cue)
    allege_text = re.sub(_AGENT_NOUN_ALLEGED, " ", whole_before)
    allege = _find("allege", allege_text)
    if allege and not _after_background_clause(allege_text, allege):
        return Modality(True, "claimed", [], allege)
    claim = _claim_in_sentence(text, rel, rel_end)
    if claim:
        source, cue = claim
        return Modality(True, "claimed", [source] if source else [], cue)
    return Modality(True, "asserted")


def _background(before: str) -> bool:
    """A trigger inside a 'referring to ...' aside, with no clause stop in between."""
    hits = list(_cue_rx("background").finditer(before)) if cues().get("background") else []
    return bool(hits) and not re.search(r"[;:.!?]", before[hits[-1].end() :])


def _after_background_clause(before: str, cue: str) -> bool:
    """'his alleged role in the battle for X, when militants overran the town': the allegation is
    about the role; the event in the 'when' clause is told as background."""
    i = before.lower().rfind(cue.lower())
    if i < 0 or not cues().get("background_clause"):
        return False
    return bool(
        re.search(r",\s*(?:" + "|".join(re.escape(w) for w in cues()["background_clause"]) + r")\b", before[i:])
    )


_CLAIMANT = r"((?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*|of|the|and|for|TV|al|[A-Z]{2,})(?:\s+(?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*|of|for|and|TV|[A-Z]{2,}))*)"
_ACCORDING = re.compile(r"\baccording to (?:the |a |an )?" + _CLAIMANT)
_CLAIMED = re.compile(r"(?:^|[.,;]\s*|\b)" + _CLAIMANT + r"\s+(?:has |have |had )?(?:claimed|claims|claim)\b")


def _claim_in_sentence(text: str, rel: int, rel_end: int) -> tuple[str | None, str] | None:
    """A claim cue the placeholder attribution may miss: 'according to X', 'X claimed (that)'."""
    for m in _ACCORDING.finditer(text):
        return _clean_source(m.group(1)), "according to"
    left = text[:rel]
    found = list(_CLAIMED.finditer(left))
    if found:
        return _clean_source(found[-1].group(1)), "claimed"
    if re.search(r"\b(?:claimed|claims)\s+(?:that|to have)\b", left):
        return None, "claimed"
    return None


def _clean_source(s: str) -> str | None:
    s = re.sub(r"^(?:the|and|of|for)\s+", "", s.strip(), flags=re.I)
    s = re.sub(r"\s+(?:and|of|for|the)$", "", s)
    return s or None


def _find_denier(before: str) -> str | None:
    m = re.search(r"\b(denied|denies|deny|refuted|rejected)\b", before, re.I)
    return m.group(1) if m else None


def _own_action(before: str, mentions: list[ActorMention], actor1: list[str], offset: int) -> bool:
    """The party that announces is the party that will act (a plan, not a forecast by others)."""
    if not actor1:
        return False
    return any(m.name in actor1 and m.start - offset < len(before) for m in mentions if m.start >= offset)


def _negated_by_parse(tok: Any) -> str | None:
    if tok is None:
        return None
    for t in (tok, tok.head if tok.dep_ in ("xcomp", "dobj", "pobj", "nsubjpass", "nsubj") else None):
        if t is None:
            continue
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return c.text
    return None


def _future_by_parse(tok: Any) -> str | None:
    if tok is None:
        return None
    t = tok
    for _ in range(3):
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall", "wo"):
                return c.text
        if t.dep_ in ("xcomp", "ccomp", "conj", "dobj", "pobj") and t.head is not t:
            t = t.head
        else:
            break
    return None
