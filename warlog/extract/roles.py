"""Role rules that read the words around a trigger before the parse-based cascade's answer stands.

actor1 is the side that acts, actor2 the side acted on. Some phrasings defeat a reading by
subject and object: the hostages of "soldiers held hostage by the Nusra Front were killed" are
the sentence's subject but were acted on; in "rebels advanced amid heavy regime air strikes" the
strikes are the regime's, not the rebels'; "killed at the hands of X" names X as the killer.

Each rule is a small named function in the ordered list ``RULES``. It gets the sentence's text,
the trigger's span and the actor mentions of the sentence (all offsets into the article), plus
the cascade's answer, and returns a corrected ``(actor1, actor2)`` or None. ``apply`` runs them
in order and says which rule decided.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from warlog import lexicon
from warlog.model import ActorMention


@dataclass(frozen=True)
class Context:
    text: str  # the article text
    sent_start: int
    sent_end: int
    trig_start: int
    trig_end: int
    mentions: list[ActorMention]  # actor mentions of the sentence
    adjectives: dict[str, str] = field(default_factory=dict)  # "Russian" -> "Russia": a side named by adjective


Sides = tuple[list[str], list[str]]
Rule = Callable[[Context, list[str], list[str]], "Sides | None"]

_CAPTIVE = lexicon.pattern("triggers", "roles", "captive", re.I)
_AMID = lexicon.pattern("triggers", "roles", "amid", re.I)
_HANDS = lexicon.pattern("triggers", "roles", "hands", re.I)


def _after(ctx: Context, m: ActorMention) -> list[ActorMention]:
    return [n for n in ctx.mentions if n.start >= m.end]


def captive_is_acted_on(ctx: Context, a1: list[str], a2: list[str]) -> Sides | None:
    """'soldiers held hostage by the Nusra Front were executed': the captives are acted on, the
    captor acts."""
    for m in ctx.mentions:
        if m.name not in a1 and m.name not in a2:
            continue
        gap_end = next((n for n in _after(ctx, m) if n.name != m.name), None)
        if gap_end is None:
            continue
        if _CAPTIVE.match(ctx.text[m.end : gap_end.start]):
            new_a1 = [gap_end.name] + [a for a in a1 if a not in (m.name, gap_end.name)]
            new_a2 = [m.name] + [a for a in a2 if a not in (m.name, gap_end.name)]
            return new_a1, new_a2
    return None


def amid_agent(ctx: Context, a1: list[str], a2: list[str]) -> Sides | None:
    """'rebels advanced amid heavy regime air strikes': the strikes belong to the side named between
    'amid' and the trigger; with none named the attacker stays empty (never the sentence's subject)."""
    left = ctx.text[ctx.sent_start : ctx.trig_start]
    words = list(re.finditer(r"\bamid\b", left, re.I))
    if not words:
        return None
    span_start = ctx.sent_start + words[-1].start()
    between = ctx.text[span_start : ctx.trig_start]
    if re.search(r"[,;.]|\b(?:and|as|while|after|before)\b", between[4:]):
        return None
    names = [m.name for m in ctx.mentions if span_start <= m.start and m.end <= ctx.trig_end]
    for w in re.findall(r"[A-Z][\w.]+", between):
        side = ctx.adjectives.get(w) or ctx.adjectives.get(w.rstrip("."))
        if side and side not in names:
            names.append(side)
    if len(between.split()) > 6:
        return None
    return names, [a for a in a2 if a not in names]


def at_the_hands_of(ctx: Context, a1: list[str], a2: list[str]) -> Sides | None:
    """'five civilians were killed at the hands of Islamic State militants': X is the killer."""
    right = ctx.text[ctx.trig_end : ctx.sent_end]
    m = _HANDS.match(right)
    if not m:
        return None
    at = ctx.trig_end + m.end()
    who = next((n for n in ctx.mentions if at <= n.start <= at + 12), None)
    if who is None:
        return None
    return [who.name], [a for a in a1 + a2 if a != who.name]


RULES: list[tuple[str, Rule]] = [
    ("captive_is_acted_on", captive_is_acted_on),
    ("amid_agent", amid_agent),
    ("at_the_hands_of", at_the_hands_of),
]


def apply(ctx: Context, a1: list[str], a2: list[str]) -> tuple[list[str], list[str], str | None]:
    """The sides after the first rule that applies, and its name (None: the cascade's answer stands)."""
    for name, fn in RULES:
        out = fn(ctx, a1, a2)
        if out is not None:
            return out[0], out[1], name
    return a1, a2, None
