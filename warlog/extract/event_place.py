"""Which toponyms of a sentence can be where its event happened.

A place named in a sentence is not always where the sentence's event happened: "The United
States has said the deaths were caused by sarin" (a country that speaks), "a deal brokered by
Moscow and Washington" (sponsors), "the UK-based Observatory" (a monitor's seat), "Turkey's
foreign ministry condemned" (a government). Each case is a small named rule over the toponym's
spaCy tokens; ``not_a_location(place_tokens)`` returns the first rule that excludes it.

A country that the text gives as the place of an event is kept only where nothing finer is
given: ``warlog.extract.events`` folds a country-level mention into a finer mention of the same
happening (one event once).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from warlog import lexicon
from warlog.lexicon import lazy

Token = Any  # a spaCy Token
Rule = Callable[[list[Token]], "str | None"]


def _words() -> dict[str, list[str]]:
    """The word lists of places_rules.json "event_place"."""
    return lexicon.load("places_rules")["event_place"]


_SPONSOR_WORDS = lazy(lambda: set(_words()["sponsor_words"]))
_AGENT_PREPS = lazy(lambda: set(_words()["agent_prepositions"]))
# verbs whose subject is where something happened: "Aleppo witnessed heavy clashes", "the town fell"
_PLACE_VERBS = lazy(lambda: set(_words()["place_verbs"]))


def _head(tokens: list[Token]) -> Token:
    """The token of the toponym's span whose head lies outside the span."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[-1]


def acting_subject(tokens: list[Token]) -> str | None:
    """'The United States has said ...', 'Israel seized the Golan': a state that acts or speaks
    is a party, not a place. A passive subject ('Aleppo was shelled') stays a place."""
    h = _head(tokens)
    subj = h.head if h.dep_ == "conj" else h
    verb = subj.head
    if subj.dep_ == "nsubj" and verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in _PLACE_VERBS:
        return f"acting subject of '{verb.text}'"
    return None


def agent_or_sponsor(tokens: list[Token]) -> str | None:
    """'brokered by Moscow and Washington', 'a U.S.-backed force', 'the UK-based monitor'."""
    h = _head(tokens)
    t = h
    if t.dep_ == "conj":
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ in _AGENT_PREPS:
        return f"agent: by {h.text}"
    nxt = h.doc[h.i + 1] if h.i + 1 < len(h.doc) else None
    after = h.doc[h.i + 2] if h.i + 2 < len(h.doc) else None
    if nxt is not None and nxt.text in ("-", "–") and after is not None and after.lower_ in _SPONSOR_WORDS:
        return f"sponsor: {h.text}-{after.text}"
    if nxt is not None and "-" in nxt.text and nxt.text.split("-", 1)[1].lower() in _SPONSOR_WORDS:
        return f"sponsor: {nxt.text}"
    return None


def possessor(tokens: list[Token]) -> str | None:
    """'Turkey's foreign ministry', 'Russia's defence ministry': the state owns the noun that acts.
    Not 'Aleppo's old city' (a place's part): only when the owned noun is not a place word."""
    h = _head(tokens)
    if h.dep_ == "poss" and h.head.lemma_.lower() in _INSTITUTIONS:
        return f"possessor of '{h.head.text}'"
    return None


_INSTITUTIONS = lazy(lambda: set(_words()["institutions"]))

RULES: list[tuple[str, Rule]] = [
    ("acting_subject", acting_subject),
    ("agent_or_sponsor", agent_or_sponsor),
    ("possessor", possessor),
]


def not_a_location(tokens: list[Token]) -> tuple[str, str] | None:
    """(rule, reason) when the toponym at these tokens cannot be where the sentence's event happened."""
    if not tokens:
        return None
    for name, fn in RULES:
        reason = fn(tokens)
        if reason:
            return name, reason
    return None
