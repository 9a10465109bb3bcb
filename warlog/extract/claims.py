"""Claims: every figure about violence or force strength, with whose people it counts and who said it.

    find_claims(doc, *, article, actors, events, dictionary=None) -> list[Claim]

For each quantity in the article (warlog.extract.numbers) that is not a date, duration,
distance, age, share, price or page count, the sentence is parsed and the figure's head noun and
governing verb give its kind ("13 Hezbollah fighters ... were killed" -> killed, "deployed
thousands of fighters" -> strength, "capturing three villages" -> other, "killing and wounding
hundreds" -> other; "a woman" killed counts one). The subject is the actor that the figure's noun
phrase names (an actor mention, else a proper-noun group, else a normalised noun: "civilians",
"rebels"), inherited through "including" and resolved for "90 of them"; a generic noun takes its
group from context in a fixed order (see `_subject`: "soldiers" -> the state's forces, "militants"
-> the nearest non-state armed group that neither did the act nor claims it, "fighters" -> the
figure listed before, the possessor, the owner, else the nearest non-state armed group); a figure
with no people word takes those of a sibling figure or of the paragraph's lead toll. The
claimant comes from warlog.extract.attribution (the article's outlet, else "article", when the
text says it in its own voice). Each claim is linked to the event whose evidence shares its
sentence, else (for casualty figures) the nearest earlier event of the paragraph. Word lists:
warlog/data/claims.json.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from warlog.extract.actors import ActorDictionary
from warlog.extract.attribution import continued_account, find_attribution
from warlog.extract.numbers import Quantity, find_quantities
from warlog.model import ActorMention, Article, Claim, Event
from warlog.nlp import Document
from warlog.rules import NOTHING, Rules

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

CASUALTY_KINDS = ("killed", "injured", "captured", "abducted", "released")


@dataclass
class _Lex:
    verbs: dict[str, str]
    nouns: dict[str, str]
    people: dict[str, str | None]
    combatants: frozenset[str]
    group_modifiers: dict[str, str]
    object_modifiers: dict[str, str]
    objects: frozenset[str]
    object_verbs: frozenset[str]
    strength_verbs: frozenset[str]
    not_after: frozenset[str]
    not_before: frozenset[str]
    months: frozenset[str]
    cue_words: frozenset[str]  # surface words that make a sentence worth parsing
    generic_actor_words: frozenset[str]  # an actor mention made only of these is a description, not a name
    loss_re: re.Pattern  # "heavy losses": a claim with no figure
    suffer_verbs: frozenset[str]
    military_verbs: frozenset[str]  # verbs whose object is a force whatever the noun ("deployed thousands")
    weak_verbs: frozenset[str]  # casualty verbs with other senses ("lost two deals"): need a people noun
    verb_forms: dict[str, str]  # irregular past forms -> lemma
    state_nouns: frozenset[str]  # people of a state's forces: "soldiers", "troops", "policemen"
    hostile_nouns: frozenset[str]  # what a side calls its armed enemies: "militants", "terrorists", "gunmen"
    side_nouns: frozenset[str]  # members of some armed side, which one the context says: "fighters", "members"
    state_modifiers: frozenset[str]  # "government fighters", "pro-regime militiamen": the state's side
    hold_nouns: frozenset[str]  # "held captive / hostage"
    plain_people: frozenset[str]  # people nouns that name no side ("men"): fighters or not, the context says
    group_nouns: frozenset[str]  # "the group", "the militia": a group named before
    single_re: re.Pattern  # "a woman", "an elderly man": one person
    single_persons: frozenset[str]
    backer_words: frozenset[str]  # "X-backed", "X-led": X is not the group


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = json.loads(resources.files("warlog").joinpath("data/claims.json").read_text(encoding="utf-8"))
    verbs = {k: v for k, v in d["verbs"].items() if v}
    stems = set()
    for w in list(verbs) + list(d["nouns"]) + list(d["people"]) + d["combatant_people"] + d["objects"]:
        stems.add(w[:-1] if w.endswith("e") and len(w) > 4 else w)
    return _Lex(
        verbs=verbs,
        nouns=d["nouns"],
        people=d["people"],
        combatants=frozenset(d["combatant_people"]),
        group_modifiers=d["group_modifiers"],
        object_modifiers=d["object_modifiers"],
        objects=frozenset(d["objects"]),
        object_verbs=frozenset(d["object_verbs"]),
        strength_verbs=frozenset(d["strength_verbs"]),
        not_after=frozenset(d["not_claim_after"]),
        not_before=frozenset(d["not_claim_before"]),
        months=frozenset(d["months"]),
        cue_words=frozenset(stems),
        generic_actor_words=frozenset(d["generic_actor_words"]) | frozenset(d["people"]),
        loss_re=re.compile(
            r"\b(?:" + "|".join(re.escape(x) for x in sorted(d["loss_phrases"], key=len, reverse=True)) + r")\b", re.I
        ),
        suffer_verbs=frozenset(d["suffer_verbs"]),
        military_verbs=frozenset(d["military_strength_verbs"]),
        weak_verbs=frozenset(d["weak_casualty_verbs"]),
        verb_forms=d["verb_forms"],
        state_nouns=frozenset(d["subject_context"]["state_nouns"]),
        hostile_nouns=frozenset(d["subject_context"]["hostile_nouns"]),
        side_nouns=frozenset(d["subject_context"]["side_nouns"]),
        state_modifiers=frozenset(d["subject_context"]["state_modifiers"]),
        hold_nouns=frozenset(d["hold_nouns"]),
        plain_people=frozenset(d["subject_context"]["plain_people"]),
        group_nouns=frozenset(d["subject_context"]["group_nouns"]),
        single_persons=frozenset(d["single_persons"]),
        backer_words=frozenset(d["backer_words"]),
        single_re=re.compile(
            r"\b(an?)\s+(?:[a-z]+\s+)?(?:" + "|".join(re.escape(w) for w in d["single_persons"]) + r")\b(?![-'’])"
        ),
    )


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|[$€£%]")
_REPORTING = frozenset({"say", "tell", "report", "claim", "add", "announce", "state", "reveal", "confirm"})
_HEADLINE_KINDS = {"dead": "killed", "killed": "killed", "wounded": "injured", "injured": "injured", "hurt": "injured"}
_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_QUANTITY_WORDS = frozenset(
    {"many", "dozens", "hundreds", "thousands", "scores", "several", "others", "more", "tens", "few", "some", "dozen"}
)
_IRREGULAR = {"dead": "killed", "slain": "killed", "shot": "killed", "lost": "killed", "died": "killed"}


# ---------------------------------------------------------------------------------------------
# Which numbers can be claims (text only, before any parse)


def _words_before(text: str, pos: int, n: int = 2) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[max(0, pos - 40) : pos])][-n:]


def _word_after(text: str, pos: int) -> str:
    m = re.match(r"[\s-]*([A-Za-z][A-Za-z'’-]*|[%$€£])", text[pos : pos + 30])
    return m.group(1).lower() if m else ""


def _is_candidate(text: str, q: Quantity) -> bool:
    lx = _lex()
    after = _word_after(text, q.end)
    before = _words_before(text, q.start)
    if after.split("-")[0] in lx.not_after or after in lx.not_after:
        return False
    if re.match(r"\s*(?:%|per\s?cent|[ap]\.?m\b\.?)", text[q.end : q.end + 10], re.I):
        return False  # shares and clock times
    of_before = len(before) > 1 and before[-1] == "of" and (before[-2] in lx.not_before or before[-2] == "out")
    if before and (before[-1] in lx.not_before or of_before):  # "population of 40,000", "3 out of 4"
        return False
    # a day of a month: "4 May", "May 4", "Apr 27" (the token right before or after, digits included)
    prev_tok = re.findall(r"\S+", text[max(0, q.start - 15) : q.start])
    if prev_tok and prev_tok[-1].rstrip(".,").lower() in lx.months or after.rstrip(".") in lx.months:
        return False
    if (
        not q.vague
        and q.low is not None
        and q.low == q.high
        and 1900 <= q.low <= 2100
        and re.fullmatch(r"\d{4}", q.text.strip())
    ):
        return False
    return not re.match(r"\s*[:/]\s*\d", text[q.end : q.end + 4])


def _has_cue(text: str) -> bool:
    """A cue word in `text`: a cue itself, an irregular form, or a cue of 4+ letters with up to 3 more letters."""
    is_cue = _cue_matcher()
    return any(is_cue(w) for w in _WORD.findall(text.lower()))


@lru_cache(maxsize=1)
def _cue_matcher():
    """`_has_cue`'s word test, built once: a few set look-ups per word (its prefixes of the lengths a cue with
    up to 3 more letters can have), never a pass over every cue."""
    cues = _lex().cue_words
    exact = frozenset(cues) | frozenset(_IRREGULAR)
    stems = frozenset(c for c in cues if len(c) >= 4)

    @lru_cache(maxsize=65536)
    def is_cue(w: str) -> bool:
        return w in exact or any(w[:k] in stems for k in range(max(4, len(w) - 3), len(w) + 1))

    return is_cue


# ---------------------------------------------------------------------------------------------
# The parse: head noun, governing verb, kind


def _lemma(t: Token) -> str:
    """spaCy's lemma, with the irregular past forms it misses ("retook" -> "retake")."""
    return _lex().verb_forms.get(t.text.lower(), t.lemma_.lower())


def _verb_kind(t: Token) -> str | None:
    lx = _lex()
    lem = _lemma(t)
    w = t.text.lower()
    if lem in lx.verbs:
        return lx.verbs[lem]
    if lem == "hold" and any(
        c.dep_ == "agent"
        or (
            c.text.lower() in lx.hold_nouns
            and c.dep_ in ("oprd", "dobj", "advmod", "acomp", "attr", "npadvmod", "xcomp")
        )
        for c in t.children
    ):
        return "captured"  # "soldiers still held by the group", "held captive"
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in lx.nouns and t.pos_ in ("ADJ", "VERB"):
        return lx.nouns[w]
    if t.pos_ == "VERB" and len(w) >= 7 and not w.endswith("ing"):  # a typo: "realsed"
        for v, kind in lx.verbs.items():
            form = v + "d" if v.endswith("e") else v + "ed"
            if form[:2] == w[:2] and form[-2:] == w[-2:] and _typo(w, form):
                return kind
    return None


def _typo(w: str, form: str) -> bool:
    """Letters swapped and at most one dropped or added ("realsed" for "released"), nothing else."""
    if w == form or abs(len(w) - len(form)) > 1:
        return False
    a, b = Counter(w), Counter(form)
    return sum(((a - b) + (b - a)).values()) <= 1 and Indel.normalized_similarity(w, form) >= 0.75


def _is_verbal(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT"


def _combined(v: Token, kind: str) -> bool:
    """'killing and wounding hundreds', 'were killed or wounded': one figure for two kinds."""
    if kind not in ("killed", "injured"):
        return False
    other = "injured" if kind == "killed" else "killed"
    partners = [c for c in v.children if c.dep_ == "conj"]
    if v.dep_ == "conj":
        partners.append(v.head)
    own = {t.i for t in v.subtree}
    for p in partners:
        if _verb_kind(p) != other:
            continue
        # the partner counts its own figure: "10 were killed and 50 wounded", "killed 6 and injured 32"
        if p.head.i == v.i and p.i != v.i:  # the partner hangs under v: its own subtree
            rest = [t for t in p.subtree if t.i != p.i]
        else:  # v hangs under the partner: the partner's subtree without v's
            rest = [t for t in p.subtree if t.i not in own]
        has_own = any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i not in own for c in p.children)
        if not has_own and not any(t.like_num or t.text.lower() in _QUANTITY_WORDS for t in rest):
            return True
    return False


@dataclass
class _Reading:
    kind: str
    noun: Token  # the figure's head noun (or the number itself)
    verb: Token | None
    parent: int | None  # token index of the noun this figure is "including"d in
    of_pronoun: bool  # "90 of them"
    rule: str = ""  # the rule that decided the kind (KIND_RULES, or how it came from the figure before)


def _one_harmed(r: _Reading) -> bool:
    """'killing a woman (and a child)', 'a soldier was wounded': the person is what the casualty verb
    acts on, not its doer ("a man attacked the car") nor a modifier ("a civilian militia leader")."""
    n = r.noun
    if r.kind not in CASUALTY_KINDS or n.text.lower() not in _lex().single_persons or r.verb is None:
        return False
    while n.dep_ == "conj" and n.head.i != n.i:
        n = n.head
    return n.head.i == r.verb.i and n.dep_ in ("dobj", "nsubjpass")


def _single_persons(text: str, qs: list[Quantity]) -> list[Quantity]:
    """'killing a woman', 'a soldier was wounded': one person, counted as 1 (kept only as a casualty)."""
    out = []
    for m in _lex().single_re.finditer(text):
        if any(q.start < m.end() and m.start() < q.end for q in qs):
            continue
        out.append(Quantity(m.start(), m.end(1), 1, 1, m.group(1), False, None, m.start(), m.end(1)))
    return out


def _head_noun(qt: Token) -> tuple[Token, bool]:
    """The noun a figure counts, and whether it counts 'of them'."""
    of_pron = False
    n = qt
    if qt.dep_ == "det" and qt.text.lower() in ("a", "an") and qt.head.i > qt.i:
        return qt.head, False  # "a woman": one person
    if qt.dep_ == "conj" and qt.head.like_num and qt.head.dep_ in ("nummod", "quantmod"):
        qt = qt.head  # "between 20,000 and 31,500 fighters": the range's first number carries the noun
        n = qt
    partitive = any(
        c.dep_ == "prep" and c.text.lower() == "of" and any(g.pos_ == "PRON" for g in c.children) for c in qt.children
    )
    if qt.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and qt.head.i > qt.i and not partitive:
        h = qt.head
        while h.dep_ in ("nummod", "quantmod") and h.head.i > h.i:  # "300 to 400"
            h = h.head
        if h.pos_ in ("NOUN", "PROPN"):
            n = h
    d = qt.doc
    # "25 IS jihadists", "40 YPG fighters": an acronym the parse took for a verb or a head
    if (
        n.i == qt.i
        and qt.i + 2 < len(d)
        and len(d[qt.i + 1]) > 1
        and d[qt.i + 1].text.isupper()
        and d[qt.i + 2].tag_ == "NNS"
        and d[qt.i + 1].head.i in (qt.i, qt.i + 2)
    ):
        n = d[qt.i + 2]
    for c in n.children:
        if c.dep_ == "prep" and c.text.lower() == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    if g.pos_ == "PRON":
                        of_pron = True
                    elif n.i == qt.i and g.pos_ in ("NOUN", "PROPN"):
                        n = g
    return n, of_pron


def _govern(n: Token) -> tuple[Token | None, int | None, bool]:
    """The verb governing noun n (through conjunctions, appositions, prepositions), an 'including'
    parent, and whether the path looks unreliable (long, or through punctuation)."""
    t = n
    parent = None
    hops = 0
    odd = False
    for _ in range(10):
        hops += 1
        if t.pos_ in ("PUNCT", "X", "SPACE") or t.dep_ in ("punct", "dep", "nmod") and t.i != n.i:
            odd = True
        if t.i != n.i and t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "prep"):
            return t, parent, odd or hops > 3
        if t.dep_ in ("conj", "appos"):
            t = t.head
            continue
        if t.dep_ == "pobj":
            prep = t.head
            including = prep.lemma_.lower() == "include" or prep.text.lower() in ("including", "among")
            if including and parent is None and prep.head.pos_ in ("NOUN", "PROPN", "NUM"):
                parent = prep.head.i
            t = prep.head
            continue
        if t.dep_ == "prep":
            if t.lemma_.lower() == "include" and parent is None and t.head.pos_ in ("NOUN", "PROPN", "NUM"):
                parent = t.head.i
            t = t.head
            continue
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod",):
            return t, parent, odd or hops > 3
        if t.dep_ == "ROOT" or t.head.i == t.i:
            return (t if _is_verbal(t) else None), parent, odd or hops > 3
        t = t.head
    return None, parent, True


def _kind_near(n: Token) -> str | None:
    """'22 people dead', '6 killed', '3 wounded': a kind word attached to or right after the noun."""
    lx = _lex()
    for c in n.children:
        if c.dep_ in ("amod", "acl", "relcl", "oprd", "acomp") and (k := _verb_kind(c)):
            return k
    for c in n.head.children if n.dep_ in ("dobj", "nsubj", "nsubjpass") else []:
        if c.dep_ in ("oprd", "acomp", "xcomp") and c.i > n.i and c.text.lower() in lx.nouns:
            return lx.nouns[c.text.lower()]
    doc = n.doc
    nxt = doc[n.i + 1] if n.i + 1 < len(doc) else None
    if (
        nxt is not None
        and nxt.text.lower() in ("dead", "wounded", "injured", "killed")
        and not any(c.dep_ == "dobj" for c in nxt.children)  # not "gunmen killed five people"
    ):
        return lx.nouns[nxt.text.lower()]
    return None


def _lexical_kind(p: Doc, n: Token) -> tuple[str | None, Token | None]:
    """When the parse gives no verb: '27 of them were released', else the nearest casualty verb before."""
    end = n.i + 1
    while (
        end < len(p)
        and p[end].dep_ == "prep"
        and p[end].text.lower() == "of"
        or (end < len(p) and p[end].head.i == end - 1 and p[end].dep_ == "pobj")
    ):
        end += 1
    for t in p[end : end + 4]:
        k = _verb_kind(t) if t.pos_ in ("VERB", "ADJ") else None
        if k in CASUALTY_KINDS:
            return k, t
        if t.pos_ not in ("AUX", "ADV", "PART") and t.text.lower() not in ("were", "was", "had", "been", "have"):
            break
    for t in reversed(p[max(0, n.i - 30) : n.i]):
        if t.like_num and t.i < n.i - 1 and t.head.i != n.i:
            continue
        if _is_reporting_verb(t):
            break
        k = _verb_kind(t) if t.pos_ in ("VERB",) else None
        if k in CASUALTY_KINDS:
            return k, t
    return None, None


def _is_reporting_verb(t: Token) -> bool:
    return t.pos_ == "VERB" and t.lemma_.lower() in ("say", "claim", "report", "reveal", "tell", "announce")


def _under_including(t: Token) -> bool:
    """'..., including 200 from X and 300 to 400 from Y': a bare figure listed under 'including'."""
    for _ in range(3):
        if t.dep_ == "pobj" and (t.head.lemma_.lower() == "include" or t.head.text.lower() == "including"):
            return True
        if t.dep_ not in ("conj", "pobj", "appos"):
            return False
        t = t.head
    return False


def _figure_token(q: Quantity, p: Doc, rel: int) -> Token | None:
    """The figure's last word ("a number of terrorists": "number", whose "of" gives the noun)."""
    toks = [t for t in p if t.idx < q.end - rel and t.idx + len(t) > q.num_start - rel]
    if len(toks) > 1 and toks[-1].text.lower() == "of":
        toks = toks[:-1]
    return toks[-1] if toks else None


def _sub_figure(qt: Token, partitive: bool = True) -> bool:
    """'..., 19 of them in X', '..., among them five children': a part of the figure before it."""
    if partitive and any(
        c.dep_ == "prep" and c.text.lower() == "of" and any(g.pos_ == "PRON" for g in c.children) for c in qt.children
    ):
        return True
    k = qt.i
    while k - 1 >= 0 and qt.doc[k - 1].dep_ in ("advmod", "quantmod") and qt.doc[k - 1].head.i == qt.i:
        k -= 1  # "among them at least five"
    return k >= 2 and qt.doc[k - 1].pos_ == "PRON" and qt.doc[k - 2].text.lower() in ("among", "including", "amongst")


def _toll_before(qt: Token) -> bool:
    """'put the death toll in the village at nine', 'the toll rose to 40': 'toll' earlier in the clause,
    with no other figure and no clause break between."""
    for t in reversed(qt.doc[max(0, qt.i - 10) : qt.i]):
        if t.like_num or t.text in ";:" or t.dep_ in ("mark",):
            return False
        if t.lemma_.lower() == "toll":
            return True
    return False


def _read_kind(q: Quantity, p: Doc, rel: int, prev: _Reading | None = None) -> _Reading | None:
    qt = _figure_token(q, p, rel)
    if qt is None:
        return None
    n, of_pron = _head_noun(qt)
    if prev is not None and n.i == qt.i and _under_including(qt):
        return _Reading(prev.kind, n, prev.verb, prev.noun.i, of_pron, "listed under 'including'")
    if prev is not None and prev.kind in CASUALTY_KINDS and _sub_figure(qt, partitive=False):
        # a part of the figure before it takes its kind: "27 were killed, among them 5 children"
        return _Reading(prev.kind, n, prev.verb, prev.noun.i, of_pron, "part of the figure before")
    r = _own_kind(qt, n, of_pron, p)
    if r is None and prev is not None and prev.kind in CASUALTY_KINDS and _sub_figure(qt):
        # "..., 19 of them in X" with no verb
        return _Reading(prev.kind, n, prev.verb, prev.noun.i, of_pron, "part of the figure before ('of them')")
    return r


def _takes_part(v: Token) -> bool:
    """'4,000 Peshmerga are taking part in the offensive': a force in the field."""
    return v.lemma_.lower() == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() == "part" for c in v.children)


def _own_verb(v: Token) -> Token | None:
    """The figure's own verb when it names no kind ("six others were missing"), else None."""
    pred = v.head if v.dep_ in ("aux", "auxpass") and v.head.i > v.i else v
    return pred if pred.pos_ == "VERB" and not _verb_kind(pred) and pred.lemma_.lower() != "be" else None


# ---------------------------------------------------------------------------------------------
# The kind of a figure: KIND_RULES, tried in order. Each takes the figure's head words (_KindCtx)
# and returns a _Reading, NOTHING (the figure counts no harmed people or forces: no claim), or
# None to pass; the claim's `kind_rule` names the rule that decided.


@dataclass
class _KindCtx:
    qt: Token  # the figure's last word
    n: Token  # the noun it counts
    of_pron: bool
    p: Doc

    @property
    def bare(self) -> bool:
        return self.n.i == self.qt.i

    @property
    def nw(self) -> str:
        return self.n.text.lower()

    @property
    def nl(self) -> str:
        return self.n.lemma_.lower()

    @cached_property
    def gov(self) -> tuple[Token | None, int | None, bool]:
        return _govern(self.n)

    @property
    def v(self) -> Token | None:
        return self.gov[0]

    @property
    def parent(self) -> int | None:
        return self.gov[1]

    @cached_property
    def vk(self) -> str | None:
        """The kind the governing verb gives ("killed", "taken prisoner", "claimed the lives of",
        "left 22 people dead")."""
        lx, v = _lex(), self.v
        vk = _verb_kind(v) if v is not None else None
        if v is not None and vk is None and v.lemma_.lower() == "take":  # "taken prisoner / hostage"
            for c in v.children:
                if c.text.lower() in lx.nouns and c.dep_ in ("oprd", "dobj", "attr", "npadvmod", "advmod"):
                    vk = lx.nouns[c.text.lower()]
        if (  # "claimed the lives of 8"
            v is not None
            and vk is None
            and v.lemma_.lower() in ("claim", "take", "cost")
            and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "live", "lives") for c in v.children)
        ):
            vk = "killed"
        if v is not None and vk is None:  # "left 22 people dead"
            for c in v.children:
                if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and c.text.lower() in lx.nouns:
                    vk = lx.nouns[c.text.lower()]
        return vk

    @property
    def person(self) -> bool:
        return self.nw in _lex().people or self.nl in _lex().people

    @cached_property
    def combatant(self) -> bool:
        # a group named before an unknown noun: "50,000 FSA hiding" (not "700,000 Twitter followers")
        n, qt = self.n, self.qt
        named = n.i != qt.i and n.tag_ not in ("NNS",) and _group_run(self.p, qt.i + 1, n.i) is not None
        lx = _lex()
        return (
            self.nw in lx.combatants or self.nl in lx.combatants or (not self.person and (n.pos_ == "PROPN" or named))
        )

    def reading(self, kind: str, verb: Token | None = None) -> _Reading:
        return _Reading(kind, self.n, verb, self.parent, self.of_pron)


KIND_RULES: Rules[_KindCtx, _Reading] = Rules("claim kind")


@KIND_RULES.rule("headline word")
def _headline_word(k: _KindCtx) -> _Reading | None:
    nxt = k.p[k.qt.i + 1] if k.qt.i + 1 < len(k.p) else None
    if nxt is not None and nxt.text.lower() in _HEADLINE_KINDS:  # "21 dead in rebel fire", "50 hurt"
        return _Reading(_HEADLINE_KINDS[nxt.text.lower()], k.qt, None, None, k.of_pron)
    return None


@KIND_RULES.rule("toll before")
def _toll_before_figure(k: _KindCtx) -> _Reading | None:
    if k.bare and _toll_before(k.qt):
        return _Reading("killed", k.n, None, None, k.of_pron)  # "put the death toll at 16"
    return None


@KIND_RULES.rule("counts the sources")
def _counts_sources(k: _KindCtx) -> _Reading | None:
    return NOTHING if k.n.dep_ == "nsubj" and _lemma(k.n.head) in _REPORTING else None  # "two residents said"


@KIND_RULES.rule("age after a name")
def _age_after_name(k: _KindCtx) -> _Reading | None:
    # "arrested Paul Floyd, 47"
    return NOTHING if k.bare and k.qt.dep_ == "appos" and k.qt.head.pos_ == "PROPN" else None


@KIND_RULES.rule("bare figure with no role")
def _bare_no_role(k: _KindCtx) -> _Reading | None:
    # a bare figure with no clear role ("Get short URL 0 612")
    roles = ("nsubj", "nsubjpass", "dobj", "attr", "appos", "conj", "pobj", "oprd")
    return NOTHING if k.bare and k.qt.dep_ not in roles else None


@KIND_RULES.rule("'the dead included'")
def _dead_included(k: _KindCtx) -> _Reading | None:
    v = k.v
    if v is not None and v.lemma_.lower() == "include" and k.n.dep_ == "dobj":  # "the dead included five children"
        for c in v.children:
            if c.dep_ == "nsubj" and (kind := _lex().nouns.get(c.text.lower())) in CASUALTY_KINDS:
                return k.reading(kind, v)  # type: ignore[arg-type]
    return None


@KIND_RULES.rule("'among the dead'")
def _among_the_dead(k: _KindCtx) -> _Reading | None:
    v = k.v
    if v is None or v.lemma_.lower() != "be":  # "13 rebels were among the dead / those killed"
        return None
    for c in v.children:
        if c.dep_ == "prep" and c.text.lower() == "among":
            for g in c.children:
                kind = _lex().nouns.get(g.text.lower()) or next(
                    (_verb_kind(a) for a in g.children if a.dep_ in ("acl", "relcl", "amod") and _verb_kind(a)),
                    None,
                )
                if g.dep_ == "pobj" and kind:
                    return k.reading(kind, v)
    return None


@KIND_RULES.rule("odd parse: nearest casualty word")
def _odd_parse(k: _KindCtx) -> _Reading | None:
    if not k.gov[2]:
        return None
    lx, n = _lex(), k.n
    kind, t = _lexical_kind(k.p, n)
    people_like = (
        k.nw in lx.people
        or k.nl in lx.people
        or k.nw in lx.combatants
        or k.nl in lx.combatants
        or k.bare
        or n.pos_ == "PROPN"
        or k.of_pron
        or n.ent_type_ in ("NORP", "PERSON")
    )
    if kind and (people_like or _lemma(t) not in lx.weak_verbs):
        return k.reading(kind, t)
    return None


@KIND_RULES.rule("military modifier")
def _military_modifier(k: _KindCtx) -> _Reading | None:
    for c in list(k.qt.children) + list(k.n.children):  # "deployed thousands of fighters"
        if c.dep_ == "amod" and c.i < k.qt.i and _lemma(c) in _lex().military_verbs:
            return k.reading("strength", c)
    return None


@KIND_RULES.rule("perpetrators ('by X')")
def _perpetrators(k: _KindCtx) -> _Reading | None:
    # "shot by two masked gunmen": the perpetrators, not a count of the harmed
    return NOTHING if k.n.dep_ == "pobj" and k.n.head.dep_ == "agent" else None


@KIND_RULES.rule("kind noun")
def _kind_noun(k: _KindCtx) -> _Reading | None:
    lx, n = _lex(), k.n
    noun_kind = lx.nouns.get(k.nw) or lx.nouns.get(k.nl)
    if not noun_kind or k.bare:
        return None
    # "dead and wounded"
    if noun_kind in ("killed", "injured") and any(
        c.dep_ == "conj"
        and lx.nouns.get(c.text.lower()) in ("killed", "injured")
        and lx.nouns.get(c.text.lower()) != noun_kind
        for c in n.children
    ):
        return k.reading("other", k.v)
    if noun_kind in ("captured", "abducted") and k.vk in ("killed", "injured", "released"):
        return k.reading(k.vk, k.v)  # type: ignore[arg-type]  # "freed 16 prisoners", "executed 12 hostages"
    return k.reading(noun_kind, k.v)


@KIND_RULES.rule("'the killing of N'")
def _act_of(k: _KindCtx) -> _Reading | None:
    # "the bodies of 20 people", "the killing of 5 soldiers", "the release of 50 prisoners"
    n, nouns = k.n, _lex().nouns
    if n.dep_ == "pobj" and n.head.text.lower() == "of" and n.head.head.text.lower() in nouns:
        return k.reading(nouns[n.head.head.text.lower()], k.v)
    return None


@KIND_RULES.rule("kind word near the noun")
def _kind_word_near(k: _KindCtx) -> _Reading | None:
    near = _kind_near(k.n)
    return k.reading(near, k.v) if near else None


@KIND_RULES.rule("object")
def _object(k: _KindCtx) -> _Reading | None:
    lx, n, v = _lex(), k.n, k.v
    if not (k.nw in lx.objects or k.nl in lx.objects):
        return None
    # a thing counted as the object or subject of the act ("captured three villages"), not a
    # circumstance ("killed in two explosions")
    roles = ("dobj", "nsubjpass", "nsubj", "conj", "appos", "attr")
    direct = n.dep_ in roles or k.parent is not None
    # "destroying two of their vehicles": the figure holds the role, the noun hangs on its "of"
    direct = direct or (n.dep_ == "pobj" and n.head.head.i == k.qt.i and k.qt.dep_ in roles)
    if direct and v is not None and (_lemma(v) in lx.object_verbs or k.vk in ("captured", "killed")):
        return k.reading("other", v)
    return NOTHING


@KIND_RULES.rule("strength verb")
def _strength_verb(k: _KindCtx) -> _Reading | None:
    if k.vk == "strength" and (k.combatant or (_lemma(k.v) in _lex().military_verbs and not k.person)):
        return k.reading("strength", k.v)
    return None


@KIND_RULES.rule("weak verb, no people")
def _weak_verb(k: _KindCtx) -> _Reading | None:
    peopleish = k.person or k.combatant or k.bare or k.n.ent_type_ in ("NORP", "PERSON") or k.of_pron
    if k.vk in CASUALTY_KINDS and not peopleish and _lemma(k.v) in _lex().weak_verbs:
        return NOTHING  # "lost two deals", "arrested for two counts of vandalism"
    return None


@KIND_RULES.rule("'lose' without an object")
def _lose_no_object(k: _KindCtx) -> _Reading | None:
    if k.vk == "killed" and _lemma(k.v) == "lose" and k.n.dep_ not in ("dobj", "conj", "appos"):
        return NOTHING  # "Hezbollah lost 13 fighters" counts the object; "people losing weight" is not a toll
    return None


@KIND_RULES.rule("the doers, not the harmed")
def _doers(k: _KindCtx) -> _Reading | None:
    n, v = k.n, k.v
    if (
        k.vk in CASUALTY_KINDS
        and n.dep_ == "nsubj"
        and n.head.i == v.i  # type: ignore[union-attr]
        and any(c.dep_ == "dobj" for c in v.children)  # type: ignore[union-attr]
    ):
        return NOTHING  # "three gunmen killed five people": the doers, not the harmed
    return None


@KIND_RULES.rule("casualty verb")
def _casualty_verb(k: _KindCtx) -> _Reading | None:
    if k.vk in CASUALTY_KINDS:
        return k.reading("other" if _combined(k.v, k.vk) else k.vk, k.v)  # type: ignore[arg-type]
    return None


@KIND_RULES.rule("other verb")
def _other_verb(k: _KindCtx) -> _Reading | None:
    return k.reading("other", k.v) if k.vk == "other" else None


@KIND_RULES.rule("combatants, no casualty verb")
def _combatants_strength(k: _KindCtx) -> _Reading | None:
    v = k.v
    if k.combatant and (v is None or v.lemma_.lower() in _lex().strength_verbs or _takes_part(v)):
        return k.reading("strength", v)
    return None


@KIND_RULES.rule("nearest casualty word")
def _nearest_casualty_word(k: _KindCtx) -> _Reading | None:
    n, v = k.n, k.v
    own_predicate = v is not None and (
        (n.dep_ in ("nsubj", "nsubjpass") and n.head.i == v.i and _own_verb(v) is not None)  # "others were missing"
        or any(
            c.dep_ in ("acomp", "attr", "oprd") and c.pos_ in ("ADJ", "VERB") and c.i > n.i and not _verb_kind(c)
            for c in v.children
        )
    )
    if (k.person or k.combatant or k.bare) and not own_predicate:  # not "and six others were missing"
        kind, t = _lexical_kind(k.p, n)
        if kind:
            return k.reading(kind, t)
    return None


@KIND_RULES.rule("'the toll rose to'")
def _toll_rose_to(k: _KindCtx) -> _Reading | None:
    if k.bare:
        # a bare figure: "the death toll rose to 40"
        window = [t.lemma_.lower() for t in k.p[max(0, k.qt.i - 6) : k.qt.i]]
        if "toll" in window:
            return k.reading("killed", k.v)
    return None


def _own_kind(qt: Token, n: Token, of_pron: bool, p: Doc) -> _Reading | None:
    """The figure's kind by KIND_RULES (None: not a claim); the reading names the deciding rule."""
    d = KIND_RULES.decide(_KindCtx(qt, n, of_pron, p))
    if d is None or d.value is None:
        return None
    d.value.rule = d.rule
    return d.value


# ---------------------------------------------------------------------------------------------
# Subjects


def _actor_in(actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    best = None
    for a in actors:
        if a.start < end and start < a.end and (best is None or a.start < best.start):
            best = a
    return best


def _group_run(p: Doc, i0: int, i1: int) -> str | None:
    """A proper-noun group name in tokens i0..i1 ('Hezbollah', 'Islamic State of Iraq and Syria')."""
    lx = _lex()
    toks = []
    k = i0
    while k <= i1 and k < len(p) and (p[k].pos_ == "DET" or p[k].text in "“”\"'‘’"):
        k += 1
    while k <= i1 and k < len(p):
        t = p[k]
        w = t.text.lower()
        cap = t.text[:1].isupper() or w in ("al", "-", "el")
        name_like = (
            cap
            and w not in lx.people
            and w not in lx.combatants
            and w.rstrip(".") not in lx.months
            and w not in _DAYS
            and w not in _QUANTITY_WORDS
            and t.lemma_.lower() not in lx.verbs
            and w not in lx.nouns
            and t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")
        )
        joiner = toks and w in ("of", "and") and k + 1 < len(p) and p[k + 1].pos_ == "PROPN" and t.head.pos_ == "PROPN"
        if (name_like and t.pos_ in ("PROPN", "ADJ", "NOUN", "PUNCT", "X")) or joiner:
            toks.append(t)
        else:
            break
        k += 1
    while toks and toks[-1].text.lower() in ("of", "and", "-", "al"):
        toks.pop()
    e = toks[-1].i + 1 if toks else 0
    if toks and e + 1 < len(p) and p[e].text == "-" and p[e + 1].text.lower() in lx.backer_words:
        return None  # "Saudi-backed militiamen", "US-led forces": the backer, not the group counted
    if not toks or not any(t.pos_ == "PROPN" for t in toks):
        return None
    if all(t.ent_type_ in ("GPE", "LOC", "FAC") or not t.text.strip("-") for t in toks):
        return None  # a place ("Syria rebels"), not a group
    text = p.text[toks[0].idx : toks[-1].idx + len(toks[-1])]
    return text.strip()


def _modifier(c: Token) -> str:
    """A modifier's word, with the "pro-" / "anti-" spaCy splits off ("pro-government")."""
    d = c.doc
    if c.i >= 2 and d[c.i - 1].text == "-" and d[c.i - 2].text.lower() in ("pro", "anti"):
        return d[c.i - 2].text.lower() + "-" + c.text.lower()
    return c.text.lower()


def _norm_noun(n: Token) -> str | None:
    """A normalised subject for a people noun: 'civilians', 'rebels', 'Syrian soldiers'."""
    lx = _lex()
    w = n.text.lower()
    base = lx.people.get(w, lx.people.get(n.lemma_.lower()))
    if w not in lx.people and n.lemma_.lower() not in lx.people and w not in lx.combatants:
        return None
    mods = [c for c in n.children if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i]
    for c in mods:
        key = _modifier(c)
        if key in lx.group_modifiers and (w in lx.combatants or base is None):
            return lx.group_modifiers[key]
    if w in lx.combatants or n.lemma_.lower() in lx.combatants:
        norp = [
            c
            for c in mods
            if c.text[:1].isupper() and (c.ent_type_ in ("NORP", "GPE") or c.pos_ == "PROPN") and not c.like_num
        ]
        if norp and (base == "soldiers" or w in ("troops", "soldiers", "soldier", "troop")):
            return f"{norp[0].text} soldiers"
        if norp and norp[0].ent_type_ == "NORP" and base is None:  # "Kurdish fighters"
            return f"{norp[0].text} fighters"
        if norp and norp[0].ent_type_ == "GPE" and base is None:  # "six U.S. service members"
            return f"{norp[0].text} forces"
    return base


def _owner_token(v: Token | None) -> Token | None:
    if v is None:
        return None
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if subj is None and v.dep_ in ("conj", "xcomp", "advcl"):
        subj = next((c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj


def _owner_of(v: Token | None, doc: Document, i: int, actors: list[ActorMention]) -> str | None:
    """Who has / deploys / produces: the verb's subject as a group name."""
    if v is None:
        return None
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if subj is None and v.dep_ in ("conj", "xcomp", "advcl", "relcl"):
        # "the group is believed to have 1,500 fighters": the passive subject of the governing verb too
        subj = next((c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if v.dep_ == "relcl" and subj is None:
            subj = v.head
    if subj is None or subj.pos_ == "PRON":
        return None
    if v.lemma_.lower() in _REPORTING:  # "General X said ...": a speaker, not the side that has them
        return None
    s = doc.sentences[i]
    if subj.ent_type_ == "PERSON" and _actor_in(actors, s.start + subj.idx, s.start + subj.idx + len(subj)) is None:
        return None  # a person does not own a force in this sense
    return _np_subject(subj, doc, i, actors)


def _np_subject(h: Token, doc: Document, i: int, actors: list[ActorMention]) -> str | None:
    s = doc.sentences[i]
    sub = list(h.subtree)
    a = _actor_in(actors, s.start + sub[0].idx, s.start + h.idx + len(h))
    if a:
        return a.name
    run = _group_run(h.doc, sub[0].i, h.i)
    if run:
        return run
    return _norm_noun(h)


def _against(p: Doc, doc: Document, i: int, actors: list[ActorMention], before: int) -> str | None:
    """The side attacked: 'launched attacks against “Jaysh al-Fateh”'."""
    s = doc.sentences[i]
    for t in p:
        if t.text.lower() == "against" and t.i < before:
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            sub = list(obj.subtree)
            a = _actor_in(actors, s.start + sub[0].idx, s.start + sub[-1].idx + len(sub[-1]))
            if a:
                return a.name
            run = _group_run(p, t.i + 1, obj.i)
            if run:
                return run.strip('“”"')
            nn = _norm_noun(obj)
            if nn:
                return nn
    return None


def _pronoun_subject(doc: Document, i: int, p: Doc, actors: list[ActorMention]) -> str | None:
    """'90 of them': the nearest earlier group that is not the agent of this sentence."""
    root = next((t for t in p if t.dep_ == "ROOT"), None)
    agent = None
    if root is not None:
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            agent = _np_subject(subj, doc, i, actors)
    for k in range(i - 1, max(-1, i - 4), -1):
        sk = doc.sentences[k]
        names: list[str] = [a.name for a in actors if sk.start <= a.start < sk.end]
        if not names:
            pk = doc.parse(k)
            names = [re.sub(r"['’]s$", "", e.text) for e in pk.ents if e.label_ in ("ORG", "NORP") and len(e.text) > 1]
        for name in reversed(names):
            if agent is None or _simple(name) != _simple(agent):
                return name
    return None


def _generic(a: ActorMention) -> bool:
    words = re.findall(r"[a-z]+", a.text.lower())
    return bool(words) and all(w in _lex().generic_actor_words for w in words)


def _simple(name: str) -> str:
    return re.sub(r"[^a-z]", "", re.sub(r"['’]s\b", "", name.lower()))


@dataclass
class _Ctx:
    """What the subject rules may look at beyond the sentence: every actor mention (descriptions
    included, as the actor stage resolved them), and the names not to give a harmed group (the
    figure's claimant and its owner, the doer of the act)."""

    everyone: list[ActorMention]
    exclude: frozenset[str] = frozenset()
    speaker_side: str | None = None  # the armed group the claimant speaks for ("a Hezbollah commander")
    dictionary: ActorDictionary | None = None  # the actor dictionary the mentions were found with (sides)


_ARMED_TYPES = ("Rebel group", "Political militia", "Identity militia")


def _pro_government(dic: ActorDictionary | None, a: ActorMention) -> bool:
    if dic is not None and dic.get(a.name) is not None:
        return dic.pro_government(a.name)
    return a.actor_type == "State forces"


def _fits(dic: ActorDictionary | None, a: ActorMention, want: str) -> bool:
    if want == "state":
        return a.actor_type == "State forces"
    if want == "hostile":  # the armed enemies of a state or of its allies
        return (a.actor_type in _ARMED_TYPES and not _pro_government(dic, a)) or (not a.known and a.actor_type is None)
    if want == "side":  # "fighters", "members": a non-state armed group, on either side
        return a.actor_type in _ARMED_TYPES or (not a.known and a.actor_type is None)
    # any armed side
    return a.actor_type in _ARMED_TYPES + ("State forces",) or (not a.known and a.actor_type is None)


def _context_actor(
    doc: Document, i: int, pos: int, ctx: _Ctx, want: str, own: tuple[int, int] = (0, 0), near: bool = False
) -> str | None:
    """The actor of kind `want` nearest to a figure: earlier in its sentence, later in its sentence,
    earlier in its paragraph, earlier in the article, later in the article (`near`: the first three
    only). Within each of these,
    names come before descriptions ("Islamic State" before "the militants" read as "rebels"). The
    figure's own noun phrase (`own`) is not its context."""
    s = doc.sentences[i]
    p0, _ = _paragraph_bounds(doc.text, s.start)
    fit = [
        a
        for a in ctx.everyone
        if _fits(ctx.dictionary, a, want)
        and _simple(a.name) not in ctx.exclude
        and not (a.start < own[1] and own[0] < a.end)
    ]
    zones = [
        sorted((a for a in fit if s.start <= a.start < pos), key=lambda a: -a.start),
        sorted((a for a in fit if pos <= a.start < s.end), key=lambda a: a.start),
        sorted((a for a in fit if p0 <= a.start < s.start), key=lambda a: -a.start),
        sorted((a for a in fit if a.start < p0), key=lambda a: -a.start),
        sorted((a for a in fit if a.start >= s.end), key=lambda a: a.start),
    ]
    if near:  # only the figure's sentence and paragraph
        zones = zones[:3]
    for z in zones:
        if z:
            named = [a for a in z if not _generic(a)]
            return (named or z)[0].name
    return None


def _own_reading(n: Token, rel: int, ctx: _Ctx, want: str, doc: Document) -> str | None:
    """How the actor stage read the noun itself ("soldiers" -> the army of the article's country)."""
    a = _actor_in(ctx.everyone, rel + n.idx, rel + n.idx + len(n))
    return a.name if a is not None and _fits(ctx.dictionary, a, want) else None


def _written(n: Token) -> str:
    """A people noun as written, with its lower-case modifiers ("apostate soldiers", "men")."""
    mods = [
        c
        for c in n.children
        if c.dep_ in ("amod", "compound") and c.i < n.i and c.text.islower() and n.doc[c.i - 1].text != "-"
    ]
    return " ".join([c.text for c in mods] + [n.text.lower()]).strip('“”"')


def _doer_tokens(r: _Reading) -> list[Token]:
    """The heads of the side that did the act (see _doer_names)."""
    v = r.verb
    if v is None or r.noun.dep_ in ("nsubj",):
        return []
    heads = [v]
    if (v.dep_ in ("conj", "xcomp") and v.tag_ in ("VBG", "VBD", "VB", "VBN")) or (
        v.dep_ == "advcl" and v.tag_ == "VBG"
    ):
        heads.append(v.head)
    for h in heads:
        out = []
        for c in h.children:
            t = c
            if c.dep_ == "agent":
                t = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ != "nsubj":
                continue
            if t is not None and t.i != r.noun.i:
                out.append(t)
        if out:
            return out
    return []


def _taken_by_armed_group(r: _Reading, subject: str, doc: Document, rel: int, ctx: _Ctx) -> bool:
    """'Gunmen rounded up 50 villagers': people who are not fighters, taken by an armed group that is
    not the state, are abducted rather than captured."""
    lx = _lex()
    nw, nl = r.noun.text.lower(), r.noun.lemma_.lower()
    fighters = (lx.combatants | lx.side_nouns | lx.state_nouns | lx.hostile_nouns) - lx.plain_people
    if nw in fighters or nl in fighters:
        return False
    if subject not in ("civilians", "journalists") and not (nw in lx.people or nl in lx.people):
        return False
    for t in _doer_tokens(r):
        if t.text.lower() in lx.hostile_nouns or t.lemma_.lower() in lx.hostile_nouns:
            return True
        sub = list(t.subtree)
        a = _actor_in(ctx.everyone, rel + sub[0].idx, rel + sub[-1].idx + len(sub[-1]))
        if a is not None and _fits(ctx.dictionary, a, "hostile") and not _generic(a):
            return True
    return False


def _doer_names(r: _Reading, p: Doc, rel: int, ctx: _Ctx) -> set[str]:
    """The side that did the act: the verb's subject ("X killed 15 militants"), the agent ("by X"),
    or the subject of the clause an -ing participle hangs on ("X repelled an attack, killing 15")."""
    out: set[str] = set()
    for t in _doer_tokens(r):
        sub = list(t.subtree)
        a = _actor_in(ctx.everyone, rel + sub[0].idx, rel + sub[-1].idx + len(sub[-1]))
        if a is not None:
            out.add(_simple(a.name))
    return out


# ---------------------------------------------------------------------------------------------
# The lexical cascade of subject rules, tried after SUBJECT_RULES, in order. Each takes the figure
# (_Fig) and returns (subject, the step that decided it) or None; the claim's `subject_rule` is
# "cascade: <step>". In short: a name in its noun phrase ("13 Hezbollah fighters"); "of X" / "from
# X"; a civilian noun; a modifier that names a side ("opposition", "pro-government"); then by the
# noun's class: a state's forces ("soldiers": the actor stage's reading, else the state forces
# nearest), a possessor ("its fighters"), a hostile noun ("militants": the nearest named non-state
# armed group that neither did the act nor claims the figure), an owner ("deployed"); else the
# noun as written, else "unknown".

SUBJECT_CASCADE: Rules[_Fig, tuple[str, str]] = Rules("claim subject (cascade)")


# 1. an actor or a proper-noun group inside the figure's noun phrase
@SUBJECT_CASCADE.rule("name in the noun phrase")
def _name_in_noun_phrase(f: _Fig) -> tuple[str, str] | None:
    p, n, qt = f.p, f.r.noun, f.qt
    np_end = max(n.i, qt.i)
    a = _actor_in(f.actors, f.q.num_start, f.rel + p[np_end].idx + len(p[np_end]))
    if a:
        return a.name, "name in the noun phrase"
    run = _group_run(p, qt.i + 1, np_end if n.pos_ != "PROPN" else min(len(p) - 1, np_end + 6))
    lx = _lex()
    if run and lx.people.get(f.nw, lx.people.get(f.nl)) != "civilians":
        # "13 Hezbollah fighters"; but "four Ulsterbus workers" are civilians
        return run, "group name in the noun phrase"
    return None


# 2. "200 from Jabhat al-Nusra", "90 of them" ("200 men from the X district" is a place: skipped)
@SUBJECT_CASCADE.rule("of/from X")
def _of_from(f: _Fig) -> tuple[str, str] | None:
    p, n, qt, rel, actors = f.p, f.r.noun, f.qt, f.rel, f.actors
    for c in list(n.children) + ([] if n.i == qt.i else list(qt.children)):
        if c.dep_ == "prep" and c.text.lower() in ("from", "of"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            objs = [g for g in c.subtree if c.i < g.i <= pobj.i] if pobj is not None else []
            if objs:
                a = _actor_in(actors, rel + objs[0].idx, rel + objs[-1].idx + len(objs[-1]))
                if a:
                    return a.name, "'of/from X' names an actor"
                run = _group_run(p, objs[0].i, objs[-1].i)
                if run and (c.text.lower() == "of" or n.i == qt.i):
                    return run, "'of/from X' names a group"
    nxt = n.i + 1
    if nxt + 1 < len(p) and p[nxt].text.lower() in ("from", "of"):
        a = _actor_in(actors, rel + p[nxt + 1].idx, rel + p[min(len(p) - 1, nxt + 6)].idx)
        if a:
            return a.name, "'of/from X' names an actor"
        run = _group_run(p, nxt + 1, min(len(p) - 1, nxt + 8))
        if run and (p[nxt].text.lower() == "of" or n.i == qt.i):
            return run, "'of/from X' names a group"
    return None


# 3. a people noun: civilians, rebels, Syrian soldiers; a side named by a modifier
@SUBJECT_CASCADE.rule("pro-government modifier")
def _pro_government_modifier(f: _Fig) -> tuple[str, str] | None:
    if f.combatant_noun and f.mods & _lex().state_modifiers:  # "pro-government fighters", "regime soldiers"
        o = _own_reading(f.r.noun, f.rel, f.ctx, "state", f.doc) or _context_actor(
            f.doc, f.i, f.q.start, f.ctx, "state"
        )
        if o:
            return o, "pro-government modifier: state forces"
    return None


@SUBJECT_CASCADE.rule("civilian noun")
def _civilian_noun(f: _Fig) -> tuple[str, str] | None:
    lx = _lex()
    if f.norm and lx.people.get(f.nw, lx.people.get(f.nl)) in ("civilians", "protesters", "journalists"):
        return f.norm, "civilian noun"
    return None


@SUBJECT_CASCADE.rule("side modifier")
def _side_modifier(f: _Fig) -> tuple[str, str] | None:
    if f.norm and f.mods & set(_lex().group_modifiers):  # "opposition fighters"
        return f.norm, "side modifier"
    return None


@SUBJECT_CASCADE.rule("people noun")
def _people_noun(f: _Fig) -> tuple[str, str] | None:
    if f.norm and f.norm not in ("soldiers", "police", "rebels"):  # "Kurdish fighters", "Syrian soldiers"
        return f.norm, "people noun"
    return None


@SUBJECT_CASCADE.rule("people next to a bare figure")
def _people_next_to_bare(f: _Fig) -> tuple[str, str] | None:
    # "258 of them civilians", "77 were women or children": the people named next to a bare figure
    r, qt, p = f.r, f.qt, f.p
    if r.noun.i != qt.i:
        return None
    near: list[Token] = []
    if r.of_pronoun:
        near = [t for t in p[qt.i + 3 : qt.i + 5] if t.pos_ == "NOUN"]
    if qt.dep_ in ("nsubj", "nsubjpass") and qt.head.lemma_.lower() == "be":
        near += [c for c in qt.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    for t in near:
        nn = _norm_noun(t)
        if nn:
            return nn, "people named next to a bare figure"
    return None


# 4. things: whose villages / positions / vehicles
@SUBJECT_CASCADE.rule("object owner")
def _object_owner(f: _Fig) -> tuple[str, str] | None:
    lx = _lex()
    n, r, doc, i, p, actors = f.r.noun, f.r, f.doc, f.i, f.p, f.actors
    if not (f.nw in lx.objects or f.nl in lx.objects):
        return None
    for c in n.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss") and c.text.lower() in lx.object_modifiers:
            return lx.object_modifiers[c.text.lower()], "object modifier"
    if r.verb is not None and r.verb.lemma_.lower() in ("produce", "manufacture", "have", "fire", "launch", "hold"):
        o = _owner_of(r.verb, doc, i, actors)
        if o:
            return o, "owner of the objects"
    o = _against(p, doc, i, actors, n.i)
    if o:
        return o, "'against X'"
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in n.children):  # "destroying two of their vehicles"
        if f.done:
            return list(f.done.values())[-1], "possessor: figure before"
        o = _pronoun_subject(doc, i, p, actors)
        if o:
            return o, "possessor: group before"
    return "unknown", "object with no owner"


# 5. inherited from the figure it is part of ("[including 7 commanders]")
@SUBJECT_CASCADE.rule("part of the figure before")
def _part_of_figure_before(f: _Fig) -> tuple[str, str] | None:
    if f.r.parent is not None and f.r.parent in f.done:
        return f.done[f.r.parent], "part of the figure before ('including')"
    return None


# 6. "90 of them", "their bases including two emirs": a figure just before in the sentence, else an earlier group
@SUBJECT_CASCADE.rule("'of them': figure before")
def _of_them_figure_before(f: _Fig) -> tuple[str, str] | None:
    if f.r.of_pronoun and f.done:
        return list(f.done.values())[-1], "'of them': figure before"
    return None


@SUBJECT_CASCADE.rule("'of them': people named before")
def _of_them_people_before(f: _Fig) -> tuple[str, str] | None:
    r, qt, p = f.r, f.qt, f.p
    if not (r.of_pronoun and r.noun.i == qt.i):
        return None
    # "thousands of demonstrators marched, and police arrested 15 of them": the people named before
    doers = {t.i for d in _doer_tokens(r) for t in d.subtree}
    if r.verb is not None and r.verb.i > 0 and p[r.verb.i - 1].pos_ in ("NOUN", "PROPN"):
        doers.add(r.verb.i - 1)  # "... and police arrested 15 of them", however the parse hung "police"
    for t in reversed(p[: qt.i]):
        if t.i not in doers and t.pos_ == "NOUN" and t.tag_ == "NNS" and (nn := _norm_noun(t)):
            return nn, "'of them': people named before"
    return None


@SUBJECT_CASCADE.rule("possessive: group named before")
def _possessive_group_before(f: _Fig) -> tuple[str, str] | None:
    r, n = f.r, f.r.noun
    poss = next((c for c in n.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None or r.of_pronoun:
        return None
    # "Hezbollah said three of its fighters were killed": the group named before the possessive in
    # the sentence, not the one that did the act ("X attacked Y, killing ten of its fighters")
    doers = _doer_names(r, f.p, f.rel, f.ctx)
    s = f.doc.sentences[f.i]
    before = [
        a
        for a in f.ctx.everyone
        if s.start <= a.start < f.rel + poss.idx
        and _simple(a.name) not in doers
        and _fits(f.ctx.dictionary, a, "armed")
    ]
    if before:
        named_before = [a for a in before if not _generic(a)] or before
        return max(named_before, key=lambda a: a.start).name, "possessive: group named before"
    return None


@SUBJECT_CASCADE.rule("pronoun: earlier group")
def _pronoun_earlier_group(f: _Fig) -> tuple[str, str] | None:
    r, n, p = f.r, f.r.noun, f.p
    if (
        r.of_pronoun
        or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in n.children)
        or (r.parent is not None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in p[r.parent].children))
    ):
        o = _pronoun_subject(f.doc, f.i, p, f.actors)
        if o:
            return o, "pronoun: earlier group"
    return None


# 7. a state's forces: the actor stage's reading of the noun, else the state forces nearest
@SUBJECT_CASCADE.rule("state noun")
def _state_noun(f: _Fig) -> tuple[str, str] | None:
    lx = _lex()
    if f.nw in lx.state_nouns or f.nl in lx.state_nouns:
        o = _own_reading(f.r.noun, f.rel, f.ctx, "state", f.doc) or _context_actor(
            f.doc, f.i, f.q.start, f.ctx, "state"
        )
        if o:
            return o, "state noun: state forces in context"
    return None


# 8. force strength: the side that has / deploys them ("have joined the militants": the side joined)
@SUBJECT_CASCADE.rule("'joined X'")
def _joined(f: _Fig) -> tuple[str, str] | None:
    r = f.r
    if r.kind == "strength" and r.verb is not None and r.verb.lemma_.lower() == "join":
        g = next((c for c in r.verb.children if c.dep_ == "dobj"), None)
        if g is not None and (o := _np_subject(g, f.doc, f.i, f.actors)):
            return o, "'joined X'"
    return None


@SUBJECT_CASCADE.rule("owner")
def _owner(f: _Fig) -> tuple[str, str] | None:
    r, doc, i, p, actors = f.r, f.doc, f.i, f.p, f.actors
    if not (r.kind in ("strength", "other") or (r.verb is not None and r.verb.lemma_.lower() == "lose")):
        return None
    o = _owner_of(r.verb, doc, i, actors)
    if o:
        return o, "owner (verb subject)"
    root = next((t for t in p if t.dep_ == "ROOT"), None)
    o = _owner_of(root, doc, i, actors)
    if o:
        return o, "owner (main clause subject)"
    # "Yemen's army ... has 20,000 men": the owner as the actor stage read a description
    o = _owner_of(r.verb, doc, i, f.ctx.everyone) or _owner_of(root, doc, i, f.ctx.everyone)
    if o:
        return o, "owner (actor reading)"
    # "the group has 1,500 fighters": the group the article named before
    for v in (r.verb, root):
        subj = _owner_token(v)
        if subj is not None and subj.lemma_.lower() in _lex().group_nouns and subj.pos_ == "NOUN":
            o = _context_actor(doc, i, f.q.start, f.ctx, "side")
            if o:
                return o, "'the group': group named before"
    return None


# 9. a side's armed enemies ("militants", "terrorists") or members of a side ("fighters"): the
# nearest armed group in context that neither did the act nor claims the figure
@SUBJECT_CASCADE.rule("listed after a figure")
def _listed_after_figure(f: _Fig) -> tuple[str, str] | None:
    if f.side and f.r.kind in CASUALTY_KINDS and f.done:  # "two emirs, 47 fighters": listed with a figure before
        return _as_whole(list(f.done.values())[-1]), "listed after a figure"
    return None


@SUBJECT_CASCADE.rule("speaker's own side")
def _speakers_own_side(f: _Fig) -> tuple[str, str] | None:
    # a side's spokesman counting bare "fighters" counts his own side's ("a Hezbollah commander said
    # 4 fighters were killed"); enemies are "militants", "terrorists" (the hostile nouns)
    if f.side and not f.hostile and f.r.kind in CASUALTY_KINDS and f.ctx.speaker_side and not f.mods:
        return f.ctx.speaker_side, "speaker's own side"
    return None


@SUBJECT_CASCADE.rule("armed group in context")
def _armed_group_in_context(f: _Fig) -> tuple[str, str] | None:
    if not (f.hostile or f.side):
        return None
    want = "hostile" if f.hostile else "side"
    doers = _doer_names(f.r, f.p, f.rel, f.ctx)
    n = f.r.noun
    own = (f.q.start, f.rel + n.idx + len(n))
    # members of a side ("fighters") are looked for in the sentence and paragraph only
    near = want == "side"
    o = _context_actor(
        f.doc, f.i, f.q.start, _Ctx(f.ctx.everyone, f.ctx.exclude | doers, dictionary=f.ctx.dictionary), want, own, near
    )
    if o:
        return o, "armed group in context"
    return None


@SUBJECT_CASCADE.rule("people noun (soldiers, police, rebels)")
def _people_noun_plain(f: _Fig) -> tuple[str, str] | None:
    return (f.norm, "people noun") if f.norm else None


@SUBJECT_CASCADE.rule("figure before in the clause")
def _figure_before_in_clause(f: _Fig) -> tuple[str, str] | None:
    # a generic noun with a pronoun antecedent in the clause ("killing 90 of them" after "captured ... fighters")
    # (not across a ";": "Two soldiers killed; nine arrested")
    if f.r.kind in CASUALTY_KINDS and f.done and not any(t.text == ";" for t in f.p[max(f.done) : f.qt.i]):
        return _as_whole(list(f.done.values())[-1]), "figure before in the clause"
    return None


@SUBJECT_CASCADE.rule("noun as written")
def _noun_as_written(f: _Fig) -> tuple[str, str] | None:
    lx = _lex()
    n = f.r.noun
    if n.i != f.qt.i and (f.nw in lx.people or f.nl in lx.people or f.combatant_noun):
        return _written(n), "noun as written"
    return None


@SUBJECT_CASCADE.rule("none")
def _no_subject(f: _Fig) -> tuple[str, str] | None:
    return "unknown", "none"


# ---------------------------------------------------------------------------------------------
# Subject rules tried before the lexical cascade, in order. Each takes the figure (_Fig) and
# returns (subject, the words or antecedent that gave it) or None; the claim's `subject_rule`
# names the rule and its antecedent.


@dataclass
class _Fig:
    q: Quantity
    r: _Reading
    p: Doc
    doc: Document
    i: int
    actors: list[ActorMention]  # named actors (descriptions left out)
    done: dict[int, str]
    ctx: _Ctx
    events: list[Event]
    event: str | None  # the id of the event the figure is linked to

    @property
    def rel(self) -> int:
        return self.doc.sentences[self.i].start

    @property
    def word(self) -> str:
        return self.r.noun.text.lower()

    @property
    def bare(self) -> bool:
        return self.r.noun.i == (_figure_token(self.q, self.p, self.rel) or self.r.noun).i

    # what the cascade's rules read of the figure's noun
    @cached_property
    def qt(self) -> Token:
        return _figure_token(self.q, self.p, self.rel)  # type: ignore[return-value]

    @property
    def nw(self) -> str:
        return self.r.noun.text.lower()

    @property
    def nl(self) -> str:
        return self.r.noun.lemma_.lower()

    @cached_property
    def mods(self) -> set[str]:
        n = self.r.noun
        return {_modifier(c) for c in n.children if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i}

    @cached_property
    def norm(self) -> str | None:
        return _norm_noun(self.r.noun)

    @property
    def combatant_noun(self) -> bool:
        lx, nw, nl = _lex(), self.nw, self.nl
        return nw in lx.combatants or nl in lx.combatants or nw in lx.hostile_nouns or nw in lx.side_nouns

    @property
    def side(self) -> bool:
        return self.nw in _lex().side_nouns or self.nl in _lex().side_nouns

    @property
    def hostile(self) -> bool:
        return self.nw in _lex().hostile_nouns or self.nl in _lex().hostile_nouns


@lru_cache(maxsize=1)
def _rules_lex() -> dict:
    d = json.loads(resources.files("warlog").joinpath("data/claims.json").read_text(encoding="utf-8"))
    out = dict(d["subject_rules"])
    for k in ("attacker_nouns", "attack_verbs", "attack_nouns", "captor_words", "hold_verbs", "hold_words"):
        out[k] = frozenset(out[k])
    return out


def _as_whole(subject: str) -> str:
    """A figure that takes its people from a category figure beside it ('2 women killed, 29 injured')
    counts civilians, not that category."""
    return "civilians" if subject in set(_rules_lex()["categories"].values()) else subject


def _category_noun(f: _Fig) -> tuple[str, str] | None:
    """'including 4 children', 'two women', 'three paramedics': a category of civilians that is a
    subject of its own (not when a group is named in the noun phrase: 'Hezbollah medics')."""
    cat = _rules_lex()["categories"]
    n = f.r.noun
    c = cat.get(n.text.lower()) or cat.get(n.lemma_.lower())
    if c is None or f.bare:
        return None
    # "40 women and children": one figure for two categories counts civilians
    others = [x for x in n.children if x.dep_ == "conj"] + ([n.head] if n.dep_ == "conj" else [])
    others = [x for x in others if not any(g.like_num or g.dep_ == "nummod" for g in x.children)]
    if any((cat.get(x.text.lower()) or cat.get(x.lemma_.lower())) not in (None, c) for x in others):
        return None
    if _actor_in(f.actors, f.q.num_start, f.rel + n.idx) is not None:
        return None
    return c, n.text


def _in_paragraph_before(f: _Fig, back: int = 3) -> list[int]:
    """The figure's sentence and up to `back` sentences before it in its paragraph, nearest first."""
    p0, _ = _paragraph_bounds(f.doc.text, f.doc.sentences[f.i].start)
    out = [f.i]
    for k in range(f.i - 1, max(-1, f.i - 1 - back), -1):
        if f.doc.sentences[k].start < p0:
            break
        out.append(k)
    return out


def _name_at(f: _Fig, k: int, h: Token, exclude: set[str]) -> str | None:
    """The actor or group a noun phrase headed by h (in sentence k) names; 'its fighters', 'they':
    the last armed actor named before it in that sentence or the one before."""
    sk = f.doc.sentences[k]
    sub = list(h.subtree)
    a = _actor_in(f.ctx.everyone, sk.start + sub[0].idx, sk.start + h.idx + len(h))
    if a is not None and _simple(a.name) not in exclude and not _generic(a):
        return a.name
    pron = h.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in h.children)
    if pron:
        lo = f.doc.sentences[k - 1].start if k > 0 else sk.start
        before = [
            a
            for a in f.ctx.everyone
            if lo <= a.start < sk.start + h.idx
            and _simple(a.name) not in exclude
            and _fits(f.ctx.dictionary, a, "armed")
            and not _generic(a)
        ]
        if before:
            return max(before, key=lambda a: a.start).name
        return None
    run = _group_run(h.doc, sub[0].i, h.i)
    if run and _simple(run) not in exclude:
        return run
    return None


def _attacking_side(f: _Fig) -> tuple[str, str] | None:  # noqa: C901
    """'13 of the attackers were killed', 'killing hundreds of the attackers': the side that attacked,
    as the text told it before (the subject of 'attacked', the 'by X' of 'an attack by X'), else
    the linked event's first actor; never the side that did the killing; else the words themselves."""
    lx = _rules_lex()
    n = f.r.noun
    if n.text.lower() not in lx["attacker_nouns"] and n.lemma_.lower() not in lx["attacker_nouns"]:
        return None
    if _actor_in(f.actors, f.q.num_start, f.rel + n.idx + len(n)) is not None:
        return None  # "20 IS attackers": named in the phrase, the cascade reads it
    exclude = set(_doer_names(f.r, f.p, f.rel, f.ctx)) | set(f.ctx.exclude)
    for k in _in_paragraph_before(f):
        pk = f.doc.parse(k)
        limit = n.i if k == f.i else len(pk)
        for t in reversed(pk[:limit]):
            lem = t.lemma_.lower()
            h = None
            if t.pos_ == "VERB" and lem in lx["attack_verbs"] and t.dep_ not in ("amod",):
                h = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if h is None:  # "X was attacked by Y"
                    ag = next((c for c in t.children if c.dep_ == "agent"), None)
                    h = next((g for g in ag.children if g.dep_ == "pobj"), None) if ag is not None else None
                if h is None and t.dep_ in ("conj", "xcomp", "advcl"):
                    h = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            elif t.pos_ == "NOUN" and lem in lx["attack_nouns"]:
                by = next((c for c in t.children if c.dep_ in ("prep", "agent") and c.text.lower() == "by"), None)
                if by is None and t.head.i + 0 != t.i and t.i + 1 < len(pk) and pk[t.i + 1].text.lower() == "by":
                    by = pk[t.i + 1]  # "repelled the assault by X": the parse hung "by X" on the verb
                h = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
                if h is None:  # "the group's attack"
                    h = next((c for c in t.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
                if h is None and t.dep_ in ("dobj",) and _lemma(t.head) in ("launch", "carry", "mount", "stage"):
                    h = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if h is None:
                continue
            name = _name_at(f, k, h, exclude)
            if name:
                return name, f"the side that '{t.text}' ({'same sentence' if k == f.i else 'sentence before'})"
    for e in f.events:
        if e.id == f.event and e.actor1:
            name = next((a for a in e.actor1 if _simple(a) not in exclude), None)
            if name:
                return name, f"actor1 of linked event {e.id}"
    return _written(n), "the words themselves"


def _captives_named_before(f: _Fig) -> tuple[str, str] | None:
    """'Three have been killed by their captors': a bare figure in a clause that names captors counts
    the captives the text named before ('the soldiers held hostage', 'kidnapped nine soldiers')."""
    lx = _rules_lex()
    if f.r.kind not in CASUALTY_KINDS or not (f.bare or f.r.of_pronoun):
        return None
    if not any(t.text.lower() in lx["captor_words"] for t in f.p):
        return None
    for k in _in_paragraph_before(f)[1:] or [f.i]:
        pk = f.doc.parse(k)
        sk = f.doc.sentences[k]
        for t in reversed(list(pk)):
            if t.pos_ not in ("NOUN", "PROPN") or t.tag_ not in ("NNS", "NNPS", "NN"):
                continue
            held = _lemma(t.head) in lx["hold_verbs"] and t.dep_ in ("dobj", "nsubjpass", "nsubj")
            held = held or any(
                (_lemma(c) in lx["hold_verbs"] and c.dep_ in ("acl", "amod", "relcl"))
                or c.text.lower() in lx["hold_words"]
                for c in t.children
            )
            held = held or (t.dep_ == "pobj" and t.head.head.text.lower() in lx["hold_words"])  # "the fate of ..."
            if t.head.text.lower() in lx["hold_words"] and t.dep_ in ("nsubjpass", "nsubj"):
                held = True
            if not held or t.text.lower() in lx["hold_words"] or t.text.lower() in lx["captor_words"]:
                continue
            sub = list(t.subtree)
            a = _actor_in(f.ctx.everyone, sk.start + sub[0].idx, sk.start + t.idx + len(t))
            if a is not None:
                return a.name, f"captives named before: '{a.text}'"
            nn = _norm_noun(t) or (
                _written(t)
                if (
                    t.text.lower() in _lex().people
                    or t.lemma_.lower() in _lex().combatants
                    or t.text.lower() in _lex().combatants
                )
                else None
            )
            if nn:
                return nn, f"captives named before: '{t.text}'"
    return None


def _country_of_clause(f: _Fig) -> tuple[str, str] | None:
    """The country the figure's noun phrase or clause ties it to ('Lebanese', 'from Lebanon's Arsal')."""
    words = _rules_lex()["country_words"]
    n = f.r.noun
    toks = list(n.subtree)
    if f.r.verb is not None:
        toks += [t for c in f.r.verb.children if c.dep_ in ("prep", "agent") for t in c.subtree]
    for t in toks:
        iso = words.get(t.text.lower())
        if iso and not (t.dep_ == "pobj" and t.head.text.lower() == "by"):
            return iso, t.text
    return None


def _state_forces_of_country(f: _Fig) -> tuple[str, str] | None:
    """'Lebanese soldiers', 'eight security personnel kidnapped from Lebanon's Arsal': state forces
    tied to a country by the words take that country's forces the article names; when it names none,
    the words themselves (never another state's army named elsewhere)."""
    lx = _lex()
    n = f.r.noun
    nw, nl = n.text.lower(), n.lemma_.lower()
    mods = {_modifier(c) for c in n.children if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i}
    state = nw in lx.state_nouns or nl in lx.state_nouns
    state = state or ((nw in lx.side_nouns or nw in lx.combatants) and bool(mods & lx.state_modifiers))
    if not state or f.bare:
        return None
    if _actor_in(f.actors, f.q.num_start, f.rel + n.idx + len(n)) is not None:
        return None
    tie = _country_of_clause(f)
    if tie is None:
        return None
    iso, word = tie
    own = _actor_in(f.ctx.everyone, f.rel + n.idx, f.rel + n.idx + len(n))
    if own is not None and own.actor_type == "State forces" and own.country == iso:
        return own.name, f"'{word}'"
    same = [a for a in f.ctx.everyone if a.actor_type == "State forces" and a.country == iso and not _generic(a)]
    if same:
        near = min(same, key=lambda a: abs(a.start - f.q.start))
        return near.name, f"'{word}' and '{near.text}'"
    if any(t.text == word for c in n.children if c.i < n.i for t in c.subtree):
        return None  # "7 Syrian soldiers": the cascade names them from their own words
    return _phrase(n), f"'{word}': no forces of that country named"


def _phrase(n: Token) -> str:
    """A people noun with all its modifiers before it, as written ("Shiite security personnel")."""
    mods = [c for c in n.children if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i]
    lo = min([t.i for c in mods for t in c.subtree], default=n.i)
    return n.doc[lo : n.i + 1].text.strip('“”"')


_SIDES = {
    "state": {"regime", "government", "army", "pro-government", "pro-regime", "loyalist", "soldiers", "troops"},
    "rebel": {"rebel", "rebels", "opposition", "insurgent", "insurgents", "militants", "jihadist", "jihadists"},
}


def _both_sides(f: _Fig) -> tuple[str, str] | None:
    """'70 regime and rebel fighters', '40 soldiers and insurgents', 'fighters on both sides': one
    figure for the people of two opposing sides counts no one side."""
    n, qt = f.r.noun, _figure_token(f.q, f.p, f.rel)
    if qt is None:
        return None
    # a conjunct with a figure of its own is another count ("30 soldiers and 39 rebels")
    conj = [c.i for c in n.children if c.dep_ == "conj" and not any(g.like_num for g in c.subtree)]
    lo, hi = min(qt.i, n.i), max([qt.i, n.i, *conj])
    words = [t.text.lower() for t in f.p[lo : hi + 1]]
    after = f.doc.text[f.rel + n.idx + len(n) : f.rel + n.idx + len(n) + 30].lower()
    if re.match(r"\s+(?:on|from) both sides\b", after):
        return "unknown", "on both sides"
    has = {side for side, ws in _SIDES.items() if any(w in ws for w in words)}
    if len(has) == 2 and "and" in words:
        return "unknown", " ".join(f.p[lo : hi + 1].text.split())
    return None


_WAR_TOLL = re.compile(
    r"\bsince\s+(?:the\s+)?(?:\w+\s+){0,3}(?:conflict|war|uprising|revolution|crisis|fighting)\s+"
    r"(?:began|started|erupted|broke out)\b|\bsince\s+(?:March\s+)?(?:19|20)\d\d\b|"
    r"\b(?:the|this|its)\s+(?:\w+\s+){0,2}(?:war|conflict)\s+(?:has|have|had)\s+(?:\w+\s+){0,2}(?:killed|claimed|caused)\b",
    re.I,
)


def _war_toll(f: _Fig) -> tuple[str, str] | None:
    """'More than 230,000 people have been killed since the conflict began', 'the war has killed
    200,000 people': a whole war's toll of 'people' counts fighters and civilians alike."""
    n = f.r.noun
    if f.r.kind != "killed" or n.lemma_.lower() not in ("people", "person", "syrians", "iraqis", "yemenis"):
        return None
    m = _WAR_TOLL.search(f.doc.sentences[f.i].text)
    return ("unknown", m.group()) if m else None


SUBJECT_RULES: Rules[_Fig, tuple[str, str]] = Rules(
    "claim subject",
    [
        ("category_noun", _category_noun),
        ("attacking_side", _attacking_side),
        ("both_sides", _both_sides),
        ("war_toll", _war_toll),
        ("captives_named_before", _captives_named_before),
        ("state_forces_of_country", _state_forces_of_country),
    ],
)


def _subject(f: _Fig) -> tuple[str, str]:
    """Whose people a figure counts, and which rule (and antecedent) decided it: the rules of
    SUBJECT_RULES in order ("<rule>: <antecedent>"), then the lexical cascade, SUBJECT_CASCADE
    ("cascade: <step>"; its last rule always decides)."""
    d = SUBJECT_RULES.decide(f)
    if d is not None and d.value is not None:
        return d.value[0], f"{d.rule}: {d.value[1]}"
    c = SUBJECT_CASCADE.decide(f)
    subj, step = c.value if c is not None and c.value is not None else ("unknown", "none")
    return subj, f"cascade: {step}"


# ---------------------------------------------------------------------------------------------
# Events


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n\n", 0, pos)
    b = text.find("\n\n", pos)
    return (0 if a < 0 else a), (len(text) if b < 0 else b)


def _loss_subject(p: Doc, tok: Token, doc: Document, i: int, actors: list[ActorMention]) -> str:
    """Whose losses: 'X suffered heavy losses', 'inflicting heavy losses on X', 'losses among X'."""
    lx = _lex()
    for c in tok.children:
        if c.dep_ == "prep" and c.text.lower() in ("among", "on", "upon", "in", "of", "for"):
            for g in c.children:
                if g.dep_ == "pobj":
                    if g.text.lower() == "ranks":
                        g = next((x for y in g.children if y.text.lower() == "of" for x in y.children), g)
                    o = _np_subject(g, doc, i, actors)
                    if o:
                        return o
    v = tok.head if tok.dep_ in ("dobj", "nsubjpass", "attr") else None
    if v is not None and v.lemma_.lower() in lx.suffer_verbs:
        o = _owner_of(v, doc, i, actors)
        if o:
            return o
    if v is not None:
        for c in v.children:
            if c.dep_ in ("prep", "dative") and c.text.lower() in ("on", "upon", "among", "to"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        o = _np_subject(g, doc, i, actors)
                        if o:
                            return o
    return "unknown"


def _link_event(doc: Document, i: int, pos: int, kind: str, events: list[Event]) -> str | None:
    s = doc.sentences[i]
    same = [e for e in events if e.start < s.end and s.start < e.end]
    if kind == "strength":  # a force figure belongs to an event only when its evidence quotes it
        same = [e for e in same if e.start <= pos < e.end]
    if same:
        inside = [e for e in same if e.start <= pos < e.end]
        pick = inside[0] if inside else min(same, key=lambda e: min(abs(e.start - pos), abs(e.end - pos)))
        return pick.id
    if kind not in CASUALTY_KINDS:
        return None
    p0, _ = _paragraph_bounds(doc.text, s.start)
    before = [e for e in events if p0 <= e.start < s.start]
    if before:
        return max(before, key=lambda e: e.start).id
    # a toll told in a paragraph of its own belongs to the last violent event told before it
    # ("... captured the hill on Tuesday. \n\n A commander said 4 fighters were killed in the assault")
    violent = [e for e in events if e.event_type in _VIOLENT_TYPES and e.start < s.start]
    if violent:
        return max(violent, key=lambda e: e.start).id
    return None


_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})


# ---------------------------------------------------------------------------------------------


_PAGE_TAIL = re.compile(
    r"(?:^|\s)(?:Related (?:News|Articles|Stories|Posts|Content)|Read [Mm]ore|More (?:from|on) this|"
    r"Recommended (?:for you|stories)|You may also like|Most (?:Read|Popular))\b"
)


def _page_tail(text: str) -> int:
    """Where a page's links to other stories begin ('Related News', 'Read more', 'You may also like'),
    after the text's first third (a long list of links can fill half the page): the figures after
    it are other articles' headlines. len(text) when there is none."""
    m = _PAGE_TAIL.search(text, len(text) // 3)
    return m.start() if m else len(text)


def find_claims(  # noqa: C901
    doc: Document,
    *,
    article: Article,
    actors: list[ActorMention],
    events: list[Event],
    dictionary: ActorDictionary | None = None,
) -> list[Claim]:
    """Every figure about violence or force strength in the article, as Claims.

    `dictionary`: the actor dictionary the mentions were found with, which tells a pro-government
    militia from a hostile one; without it an actor's side is read from its type alone."""
    actors = actors or []
    events = events or []
    # descriptions ("opposition fighters", "troops") are read by this module's own noun lexicon
    named = [a for a in actors if not _generic(a)]
    cands: list[tuple[int, Quantity]] = []
    for i, s in enumerate(doc.sentences):
        qs = [q for q in find_quantities(s.text) if _is_candidate(s.text, q)]
        singles = _single_persons(s.text, qs) if _has_cue(s.text) else []
        qs = sorted(qs + singles, key=lambda q: q.start)
        if qs and (_has_cue(s.text) or any(re.match(r"\s+[A-Z]", s.text[q.end : q.end + 2]) for q in qs)):
            for q in qs:
                cands.append(
                    (
                        i,
                        q._replace(
                            start=q.start + s.start,
                            end=q.end + s.start,
                            num_start=q.num_start + s.start,
                            num_end=q.num_end + s.start,
                        ),
                    )
                )
    tail = _page_tail(doc.text)
    cands = [(i, q) for i, q in cands if q.start < tail]
    losses = [
        (i, m)
        for i, s in enumerate(doc.sentences)
        for m in _lex().loss_re.finditer(s.text)
        if s.start + m.start() < tail
    ]
    if not cands and not losses:
        return []
    parses = doc.parse_many(sorted({i for i, _ in cands} | {i for i, _ in losses}))
    default_claimant = article.outlet or "article"
    out: list[Claim] = []
    parts: set[int] = set()
    bare: set[int] = set()
    seen: set[tuple] = set()
    done_by_sentence: dict[int, dict[int, str]] = {}
    last_reading: dict[int, _Reading] = {}
    for i, q in cands:
        p = parses[i]
        s = doc.sentences[i]
        r = _read_kind(q, p, s.start, last_reading.get(i))
        if r is None:
            continue
        in_pp = r.noun.dep_ == "pobj" and r.noun.head.head.text.lower() not in _lex().nouns  # "of one family"
        if q.text.lower() in ("one", "a single") and (r.kind in ("strength", "other") or in_pp or r.of_pronoun):
            continue  # "one of them critically", "one of them is wanted": one person singled out, not a count
        if q.low == 0 and q.high == 0:
            continue
        if q.text.lower() in ("a", "an") and not _one_harmed(r):
            continue  # "a woman" counts only as the one harmed, not "in a village of a farmer"
        if q.vague and q.low is None and (r.kind in ("strength", "other") and r.noun.text.lower() in _lex().objects):
            continue  # "captured several positions": no figure
        last_reading[i] = r
        done = done_by_sentence.setdefault(i, {})
        att = find_attribution(doc, i, (q.start, q.end), actors) or continued_account(doc, i, actors)
        claimant = att.claimant if att else default_claimant
        ctx = _Ctx(
            everyone=actors,
            exclude=_claimant_names(att, claimant, actors),
            speaker_side=_speaker_side(att, actors, dictionary),
            dictionary=dictionary,
        )
        ev_id = _link_event(doc, i, q.start, r.kind, events)
        subject, subject_rule = _subject(_Fig(q, r, p, doc, i, named, done, ctx, events, ev_id))
        done[r.noun.i] = subject
        if r.kind == "captured" and _taken_by_armed_group(r, subject, doc, s.start, ctx):
            r = _Reading("abducted", r.noun, r.verb, r.parent, r.of_pronoun, r.rule + "; taken by an armed group")
            if subject in _lex().plain_people:  # "gunmen rounded up 200 men": people who are not fighters
                subject, subject_rule = "civilians", subject_rule + "; people taken by an armed group"
                done[r.noun.i] = subject
        key = (r.kind, _simple(subject), q.low, q.high, _simple(claimant))
        if key in seen:
            continue
        seen.add(key)
        ev_text = s.text.replace("\n", " ")
        if r.parent is not None or r.of_pronoun:
            parts.add(len(out))  # a part of a figure before it ("258 of them", "including 10 children")
        if r.noun.text.lower() in _lex().nouns or r.noun.lemma_.lower() in _lex().nouns:
            bare.add(len(out))  # "recovered eight bodies": a toll with no people word
        out.append(
            Claim(
                kind=r.kind,
                subject=subject,
                low=q.low,
                high=q.high,
                claimant=claimant,
                event=ev_id,
                evidence=ev_text if len(ev_text) <= 300 else ev_text[:300],
                start=q.start,
                end=q.end,
                number_text=q.text,
                disputed_by=att.disputed_by if att else None,
                article=article.id,
                subject_rule=subject_rule,
                claimant_rule=_claimant_rule(att, default_claimant),
                kind_rule=r.rule,
            )
        )
    for i, m in losses:
        s = doc.sentences[i]
        p = parses[i]
        a, b = s.start + m.start(), s.start + m.end()
        tok = next((t for t in p if t.idx >= m.start() and t.text.lower() in ("losses", "casualties", "toll")), None)
        if tok is None:
            continue
        subject = _loss_subject(p, tok, doc, i, named)
        att = find_attribution(doc, i, (a, b), actors)
        claimant = att.claimant if att else default_claimant
        key = ("other", _simple(subject), None, None, _simple(claimant))
        if key in seen:
            continue
        seen.add(key)
        ev_text = s.text.replace("\n", " ")
        out.append(
            Claim(
                kind="other",
                subject=subject,
                low=None,
                high=None,
                claimant=claimant,
                event=_link_event(doc, i, a, "other", events),
                evidence=ev_text[:300],
                start=a,
                end=b,
                number_text=m.group(),
                disputed_by=att.disputed_by if att else None,
                article=article.id,
                subject_rule="losses: " + ("whose losses the words say" if subject != "unknown" else "none"),
                claimant_rule=_claimant_rule(att, default_claimant),
                kind_rule="losses",
            )
        )
    part_ids = {id(out[k]) for k in parts}
    bare_ids = {id(out[k]) for k in bare}
    out.sort(key=lambda c: c.start)
    _fill_from_siblings(doc, out, part_ids, bare_ids)
    out = _prefer_attributed(out, default_claimant)
    for rule in REPEAT_RULES:
        out = rule(doc, article, out, default_claimant)
    return out


def _smaller(a: Claim, b: Claim) -> bool:
    va = a.low if a.low is not None else a.high
    vb = b.low if b.low is not None else b.high
    return va is not None and vb is not None and va < vb


def _fill_from_siblings(doc: Document, claims: list[Claim], parts: set[int], bare: set[int]) -> None:
    """A casualty figure with no people word ("pulled 12 bodies from the rubble") counts the same
    people as the nearest casualty figure of its sentence that has them ("40 people were wounded");
    a bare toll ("put the toll at nine", "recovered eight bodies"), those of the nearest earlier
    figure of its kind in its paragraph or the one before."""
    sent = [doc.sentence_at(c.start) for c in claims]
    for k, c in enumerate(claims):
        if c.subject != "unknown" or c.kind not in CASUALTY_KINDS:
            continue
        sibs = [
            (abs(j - k), o.subject)
            for j, o in enumerate(claims)
            if j != k
            and sent[j] == sent[k]
            and ";" not in doc.text[min(o.start, c.start) : max(o.start, c.start)]
            and o.subject != "unknown"
            and o.kind in CASUALTY_KINDS
            and id(o) not in parts  # a part does not name the whole ("496 killed, 258 of them civilians")
            and not (o.kind == c.kind and _smaller(o, c))  # "Of the 130 injured, 77 were women"
        ]
        if not sibs and (id(c) in bare or re.search(r"\btolls?\b", c.evidence, re.I)):
            # "X put the death toll in Y at nine": the toll of the people the paragraph counted before
            own_p, _ = _paragraph_bounds(doc.text, c.start)
            p0, _ = _paragraph_bounds(doc.text, max(0, own_p - 1))  # and the paragraph before
            # the first such figure (a paragraph's lead figure is its main toll), own paragraph first
            sibs = [
                (0 if o.start >= own_p else 1, j, o.subject)
                for j, o in enumerate(claims[:k])
                if o.start >= p0 and o.subject != "unknown" and o.kind == c.kind
            ]
        cats = set(_rules_lex()["categories"].values())
        if not sibs and any(
            id(o) in parts and sent[j] == sent[k] and j > k and o.subject in cats for j, o in enumerate(claims)
        ):  # "Three killed including 2 women": the whole of a category counts civilians
            c.subject = "civilians"
            c.subject_rule = "whole of a category part: civilians"
            continue
        if sibs:
            c.subject = _as_whole(min(sibs)[-1])
            c.subject_rule = f"sibling figure: '{c.subject}' counted nearby"


def _claimant_rule(att, default: str) -> str:
    """Which rule gave the claimant, and its words: 'reporting verb: said', else the article's voice."""
    if att is not None:
        return f"{att.rule or 'attribution'}: '{att.cue}'"
    return "article's own voice" + (f": outlet {default}" if default != "article" else "")


def _speaker_side(att, actors: list[ActorMention], dic: ActorDictionary | None) -> str | None:
    """The armed group a claimant speaks for, when the claimant's words name one ("a Hezbollah
    commander", "a Nusra Front official"); not a monitor or a medium that merely names it."""
    if att is None:
        return None
    for a in actors:
        if att.start <= a.start and a.end <= att.end and a.known and _fits(dic, a, "armed"):
            return a.name
    return None


def _claimant_names(att, claimant: str, actors: list[ActorMention]) -> frozenset[str]:
    """The claimant and the group that owns it ("Hezbollah's al-Manar television"): a side does not
    call its own people 'attackers' or 'militants'."""
    out = {_simple(claimant)}
    if att is not None:
        for a in actors:
            if a.start < att.end and att.start - 14 < a.end:
                out.add(_simple(a.name))
    return frozenset(out)


def _prefer_attributed(claims: list[Claim], default: str) -> list[Claim]:
    """A figure the article states in its own voice and also attributes (headline, then 'X said') is one claim."""
    own = _simple(default)
    attributed = {(c.kind, _simple(c.subject), c.low, c.high) for c in claims if _simple(c.claimant) != own}
    ranges = {(c.kind, c.low, c.high) for c in claims if _simple(c.claimant) != own and c.low is not None}
    # "Bomb blast kills 60" (headline) and "At least 60 people have been killed": one figure
    known = {(c.kind, v) for c in claims if c.subject != "unknown" for v in (c.low, c.high) if v is not None}
    out = []
    for c in claims:
        if _simple(c.claimant) == own and (
            (c.kind, _simple(c.subject), c.low, c.high) in attributed
            or (c.subject == "unknown" and (c.kind, c.low, c.high) in ranges)
        ):
            continue
        if c.subject == "unknown" and c.low is not None and c.low == c.high and (c.kind, c.low) in known:
            continue
        out.append(c)
    return out


# ---------------------------------------------------------------------------------------------
# A figure the article repeats is one claim (REPEAT_RULES, in order)


def _close(a: int | None, b: int | None) -> bool:
    """Two figures a headline and its body give for one count: equal, or (from ten up) within a
    tenth, one off at least ("50 killed" / "more than 50", "over 500" / "545")."""
    if a is None or b is None:
        return False
    if min(a, b) < 10:
        return a == b
    return abs(a - b) <= max(1, 0.1 * max(a, b))


def _meets(a: Claim, b: Claim) -> bool:
    va = a.low if a.low is not None else a.high
    vb = b.low if b.low is not None else b.high
    return _close(va, vb)


def _same_people(a: Claim, b: Claim) -> bool:
    sa, sb = _simple(a.subject), _simple(b.subject)
    return sa == sb or "unknown" in (sa, sb)


def _headline_spans(doc: Document, article: Article) -> list[tuple[int, int]]:
    """Where the headline stands: the first line (or the title), and where the body repeats it at the top."""
    text = doc.text
    first = text.split("\n", 1)[0].strip()
    heads = {h for h in (first, (article.title or "").strip()) if len(h) >= 12}
    out = []
    for h in heads:
        k = text.find(h)
        while 0 <= k < 1500:
            out.append((k, k + len(h)))
            k = text.find(h, k + 1)
    return out


def _headline_repeat(doc: Document, article: Article, claims: list[Claim], default: str) -> list[Claim]:
    """'Air raids kill 20 militants' (headline) and 'At least 20 militants were killed, the monitor
    said' (body): the headline's figure repeats a body figure of the same kind close to it (a
    headline rounds: "over 500" for 545, "50" for "more than 50") for the same people, or with the
    same range (a terse headline's people are often misread), unless it is a part ("including two
    women"); a headline figure with no number ("clashes leave several dead") repeats any
    body figure of its kind. The body's reading is kept."""
    heads = _headline_spans(doc, article)
    if not heads:
        return claims

    def in_head(c: Claim) -> bool:
        return any(a <= c.start < b for a, b in heads)

    body = [c for c in claims if not in_head(c)]
    out = []
    for c in claims:
        if in_head(c):
            same_kind = [o for o in body if o.kind == c.kind]
            if c.low is None and c.high is None and same_kind:
                continue
            part = re.search(
                r"\b(?:including|among them|of them|of whom)\s+$", doc.text[max(0, c.start - 16) : c.start]
            )
            if any(
                _meets(c, o) and (_same_people(c, o) or (not part and (c.low, c.high) == (o.low, o.high)))
                for o in same_kind
            ):
                continue
        out.append(c)
    return out


def _bare_repeat(doc: Document, article: Article, claims: list[Claim], default: str) -> list[Claim]:
    """'security forces killed 80 there' and later 'killed at least 80 people in Hama': the same
    number for the same people, once bare and once with a hedge, is one claim; the hedged reading is
    kept, with the other's source when it has none of its own."""
    own = _simple(default)
    drop: set[int] = set()
    for k, c in enumerate(claims):
        if c.low is None or c.low != c.high:
            continue
        for o in claims:
            if (
                o is not c
                and o.kind == c.kind
                and _simple(o.subject) == _simple(c.subject)
                and o.low == c.low
                and o.high is None
            ):
                drop.add(k)
                if _simple(o.claimant) == own and _simple(c.claimant) != own:
                    o.claimant, o.claimant_rule = c.claimant, c.claimant_rule + " (repeated figure)"
                break
    return [c for k, c in enumerate(claims) if k not in drop]


REPEAT_RULES = [_headline_repeat, _bare_repeat]
