"""Event worthiness: does a trigger tell a happening, or something that is not an event?

A conflict coder codes what happened (or what a party says happened, or denies, or announces
as its own concrete plan). Not events: purposes and motives ("to prepare the ground for
strikes"), intentions and threats ("vowed to attack"), capabilities and stockpiles ("production
of mortar tubes"), conditionals ("if the rebels attack"), questions ("whether the army shelled"),
counterfactuals ("which nearly caused an intervention"), hypotheticals ("could strike"), states
("the besieged town") and habits ("its jets strike only militants").

Rules are small named functions in one ordered list, ``RULES``; the first that answers decides.
Each takes the trigger's spaCy token and returns a short reason, or None when it has nothing to
say. ``not_an_event(tok)`` runs them and returns ``(rule name, reason)``. Negation, forecasts
and plans are read by ``warlog.extract.modality`` (they need the attribution too).

Word lists live in ``warlog/data/en/worthiness.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from warlog import lexicon

Token = Any  # a spaCy Token
Rule = Callable[[Token], "str | None"]


@dataclass(frozen=True)
class Words:
    purpose_heads: frozenset[str]
    intention_verbs: frozenset[str]
    capability_nouns: frozenset[str]
    capability_verbs: frozenset[str]
    counterfactual_adverbs: frozenset[str]
    hypothetical_modals: frozenset[str]
    conditional_marks: frozenset[str]
    question_marks: frozenset[str]
    condition_nouns: frozenset[str]
    force_verbs: frozenset[str]
    intention_object_verbs: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    data = lexicon.load("worthiness")
    return Words(**{k: frozenset(v) for k, v in data.items() if not k.startswith("_")})


def _clause_chain(tok: Token, limit: int = 6) -> Iterator[Token]:
    """The trigger and the heads above it, stopping at the sentence root or a reporting clause."""
    t = tok
    for _ in range(limit):
        yield t
        if t.head.i == t.i:
            return
        if t.dep_ == "ccomp":  # "X said the army shelled ...": the report is not the clause's purpose
            return
        t = t.head


def _verbs_above(tok: Token) -> Iterator[Token]:
    for t in _clause_chain(tok):
        if t.pos_ in ("VERB", "AUX"):
            yield t


def _presupposed(tok: Token) -> bool:
    """'to repel the assault', 'to stop these attacks': a definite noun refers to a happening the
    purpose answers, which did happen."""
    return tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "these", "that", "those", "its", "their")
        for c in tok.children
    )


def _in_subject(tok: Token, verb: Token) -> bool:
    """The trigger sits in the subject of `verb` ('the sound of fighting could be heard')."""
    t = tok
    while t.i != verb.i and t.head.i != t.i:
        if t.dep_ in ("nsubj", "nsubjpass", "csubj") and t.head.i == verb.i:
            return True
        t = t.head
    return False


def purpose_clause(tok: Token) -> str | None:
    """'moved tanks to prepare the ground for strikes', 'in order to attack': a purpose, not a happening."""
    w = words()
    if _presupposed(tok):
        return None
    for t in _clause_chain(tok):
        if t.lemma_.lower() in w.purpose_heads and t.i != tok.i:
            return f"purpose: {t.text}"
        if t.lower_ == "order" and t.head.lower_ == "in" and t.i != tok.i:
            return "purpose: in order to"
        if (
            t.pos_ == "VERB"
            and t.dep_ == "advcl"
            and t.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            and t.head.lemma_.lower() not in w.force_verbs  # "fired tear gas to disperse": done by the firing
        ):
            return f"purpose: to {t.text}"
        holder = t.head.head
        if (
            t.dep_ == "pobj"
            and t.head.lower_ == "for"
            and holder.pos_ in ("NOUN", "PROPN")
            and (holder.lemma_.lower() in w.purpose_heads or holder.lower_ in ("base", "launchpad"))
        ):
            return f"purpose: {holder.text} for"
    return None


def intention(tok: Token) -> str | None:
    """'vowed to attack', 'threatened an assault', 'wants to capture': an intention, not a happening
    (a party's own concrete announced plan is read as 'planned' by the modality stage)."""
    w = words()
    t = tok
    if t.pos_ not in ("VERB", "AUX") and t.dep_ == "dobj":
        t = t.head  # "launch an attack" -> launch; "threatened an assault" -> threatened
        if t.lemma_.lower() in w.intention_object_verbs and not _passive(t):
            return f"intention: {t.text}"
    for _ in range(2):  # "vowed to attack", "vowed to launch an attack"
        if t.dep_ != "xcomp" or t.head.i == t.i:
            break
        t = t.head
        if t.lemma_.lower() in w.intention_verbs and not _passive(t):
            return f"intention: {t.text}"
    # a noun of intention: "the plan to storm the city", "a threat to strike"
    if tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in {"plan", "threat", "intention"}:
        return f"intention: {tok.head.text}"
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def capability(tok: Token) -> str | None:
    """'local production of mortar tubes', 'a stockpile of barrel bombs', 'they make car bombs':
    a capability or a stock, not a use."""
    w = words()
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in w.capability_nouns:
        return f"capability: {head.head.text} of"
    if tok.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in w.capability_nouns:
        return f"capability: {head.text}"
    if tok.dep_ == "dobj" and head.lemma_.lower() in w.capability_verbs and tok.pos_ == "NOUN":
        return f"capability: {head.text}"
    return None


def conditional(tok: Token) -> str | None:
    """'If the rebels attack Deraa, ...', 'in case of an assault': a condition, not a happening."""
    w = words()
    for t in _clause_chain(tok):
        if any(c.dep_ == "mark" and c.lower_ in w.conditional_marks for c in t.children):
            return "conditional"
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in w.condition_nouns:
            grand = t.head.head.head
            if grand.lower_ == "in":
                return f"conditional: in {t.head.head.text} of"
    return None


def question(tok: Token) -> str | None:
    """'Did the militants bomb the bridge?', 'asked whether the army had shelled the town'."""
    w = words()
    for t in _clause_chain(tok):
        if any(c.dep_ == "mark" and c.lower_ in w.question_marks for c in t.children):
            return "question: whether"
    sent = tok.sent
    if sent.text.rstrip().rstrip("\"'”’").endswith("?"):
        return "question"
    return None


def counterfactual(tok: Token) -> str | None:
    """'which nearly caused an intervention', 'almost triggered strikes': did not happen."""
    w = words()
    for t in _verbs_above(tok):
        if any(c.dep_ == "advmod" and c.lower_ in w.counterfactual_adverbs for c in t.children):
            return f"counterfactual: {next(c.text for c in t.children if c.lower_ in w.counterfactual_adverbs)}"
    return None


def hypothetical(tok: Token) -> str | None:
    """'could strike anywhere', 'would attack if ...', 'should be shelled': possible, not happened.
    A modal perfect ('may have killed') reports a past happening with doubt: still an event."""
    w = words()
    for t in _verbs_above(tok):
        if _in_subject(tok, t):
            break  # 'the sound of fighting could be heard': the modal is about the hearing
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in w.hypothetical_modals:
                perfect = any(cc.dep_ == "aux" and cc.lower_ == "have" and cc.i > c.i for cc in t.children)
                if not perfect:
                    return f"hypothetical: {c.text}"
        if t.dep_ not in ("xcomp", "conj"):
            break
    return None


RULES: list[tuple[str, Rule]] = [
    ("purpose_clause", purpose_clause),
    ("intention", intention),
    ("capability", capability),
    ("conditional", conditional),
    ("question", question),
    ("counterfactual", counterfactual),
    ("hypothetical", hypothetical),
]


def not_an_event(tok: Token) -> tuple[str, str] | None:
    """The first rule that finds the trigger tells no happening: (rule name, reason), else None."""
    if tok is None:
        return None
    for name, fn in RULES:
        reason = fn(tok)
        if reason:
            return name, reason
    return None
