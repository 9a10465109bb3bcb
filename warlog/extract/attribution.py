"""Who says so: reported speech and attribution around a span ("X said", "according to X").

Used by events (modality, attributed_to) and claims (claimant). Given a span in a sentence, the
source the text gives for that statement:

- "according to X" / "citing X" anywhere in the sentence;
- a reporting verb whose clause holds the span ("X said that ...", "..., X said", "says X",
  "X claimed", "channels who have claimed ..."), its subject trimmed to a name;
- a direct quote that runs over several sentences, attributed where it opens or closes;
- "the report says" / "he said" resolved to the source named just before;
- `denied=True` when the verb is a denial ("X denied that ..."); `disputed_by` when the sentence
  has someone call it lies / exaggerated.

Returns None when the article states it in its own voice. Word lists: warlog/data/attribution.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from warlog.extract.numbers import find_quantities
from warlog.model import ActorMention
from warlog.nlp import Document

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


@dataclass
class Attribution:
    claimant: str  # who the text says it comes from ("SOHR", "Hassan Nasrallah", "opposition media")
    cue: str  # the attribution words ("according to", "claimed", "said")
    start: int  # span of the claimant in the article text
    end: int
    disputed_by: str | None = None  # who calls it lies / exaggerated, if the text says so
    denied: bool = False  # the source says it did not happen
    rule: str = ""  # which rule found it: "reporting verb", "according to", "quote", ...


@lru_cache(maxsize=1)
def _lex() -> dict:
    d = json.loads(resources.files("warlog").joinpath("data/attribution.json").read_text(encoding="utf-8"))
    d["reporting_verbs"] = frozenset(d["reporting_verbs"])
    d["deny_verbs"] = frozenset(d["deny_verbs"])
    d["not_speech_objects"] = frozenset(d["not_speech_objects"])
    d["dispute_referents"] = frozenset(d["dispute_referents"])
    d["dispute_words"] = frozenset(d["dispute_words"])
    d["media_descriptors"] = frozenset(d["media_descriptors"])
    d["titles"] = frozenset(d["titles"])
    d["anaphor_nouns"] = frozenset(d["anaphor_nouns"])
    d["person_pronouns"] = frozenset(d["pronouns"]["person"])
    roles = "|".join(re.escape(r) for r in sorted(d["role_prefixes"], key=len, reverse=True))
    d["role_in_re"] = re.compile(
        rf"^(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+)?(?:{roles})\s+(?:in|within|inside|close to|near)\s+(?:the\s+)?", re.I
    )
    d["role_re"] = re.compile(
        rf"^(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+)?(?:{roles})\s+(?:from|for|of|at|with)\s+(?:the\s+)?"
        r"(?=[A-Z]|(?:al|el)-)",
        re.I,
    )
    d["group_pronouns"] = frozenset(d["pronouns"]["group"])
    phrases = sorted(d["according_to"], key=len, reverse=True)
    d["according_re"] = re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\s+", re.I)
    return d


_DISPUTE_HINT = re.compile(
    r"\b(?:lie|lies|lying|exaggerat\w*|false|fabricat\w*|propaganda|den(?:y|ied|ies|ial)|dismiss\w*|refut\w*"
    r"|baseless|untrue|inflated|rubbish|fake)\b",
    re.I,
)
_QUOTES = re.compile(r"[“”\"]")
_STOP = re.compile(
    r"[,;:.!?()\[\]“”\"]|\s(?:that|which|who|and said|said|says|,)\s|\s\d|\s(?:on|in|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|week|month|year)\b"
)
_LEAD = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.I)


_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.;:“”\"'’‘[]()")
    qs = [q for q in find_quantities(name) if not q.vague]
    if qs and qs[0].start == 0 and len(qs) == 1:
        name = name[qs[0].end :].strip()  # "two residents" -> "residents"
    elif qs:
        return ""  # a figure inside is a misread clause ("at least 18 people including children state media")
    # dates glued to a source in text without commas: "Monday 9 Jun 2014 Activists", "forces on Sunday"
    name = re.sub(rf"\b(?:on |last |this )?{_DAYS}\b", " ", name)
    name = re.sub(rf"\b\d{{1,2}} {_MONTHS}(?: \d{{4}})?\b|\b{_MONTHS} \d{{1,2}}(?: \d{{4}})?\b", " ", name)
    name = re.sub(r"\b(?:Date of publication|Published|Last updated(?: at)?|Posted on)\b", " ", name, flags=re.I)
    name = re.sub(r"\b\d+\b", " ", name)
    # "... and scores wounded reports say": a casualty word glued to a reporting noun is the clause's
    name = re.sub(
        r"^(?:wounded|injured|killed|dead)\s+(?=(?:reports?|sources?|media|statements?)$)", "", name, flags=re.I
    )
    name = re.sub(r"\s+", " ", name).strip(" ,.;:-")
    name = _LEAD.sub("", name)
    # "a new toll from X", "figures compiled by X", "the latest tally of X": the body that counted
    name = re.sub(
        r"^(?:(?:new|latest|updated|final|initial|preliminary)\s+)?(?:death\s+)?(?:toll|tally|count|figures?|data|"
        r"statistics|numbers)\s+(?:(?:compiled|released|published|issued|documented)\s+)?(?:from|by|of)\s+(?:the\s+)?",
        "",
        name,
        flags=re.I,
    )
    # "Rescuers from Syria Civil Defence", "a spokesman for the Observatory": the body, not the role
    name = _lex()["role_re"].sub("", name)
    # "the group's Amaq news agency", "Hezbollah's al-Manar television": the outlet without its owner
    name = re.sub(r"^[\w-]+['’]s\s+(?=[A-Z]|(?:al|el)-)", "", name)
    # "the Observatory's director": the body, not its officer
    m = re.match(r"^([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s\s+([a-z][\w-]*)$", name)
    if m and m.group(2).lower() in _lex()["titles"]:
        name = m.group(1)
    name = re.sub(r"^(?:pro|anti)\s?-\s?\S+\s+(?=\S)", "", name, flags=re.I)
    name = re.sub(r"^[A-Z][\w.]*-based\s+(?=\S)", "", name)  # "Britain-based monitor"
    # "Rami Abdel Rahman director of the Syrian Observatory ...": the person, without the title
    titles = _lex()["titles"]
    words = name.split(" ")
    for k in range(1, len(words)):
        if (
            words[k].lower() in titles
            and k + 1 < len(words)
            and all(w[:1].isupper() for w in words[:k])
            and words[0].lower() not in titles
        ):
            name = " ".join(words[:k])
            break
    if name[:1].isupper() and len(name.split()) >= 4:  # "Syrian Observatory for Human Rights monitor"
        name = re.sub(r"(?<=[A-Za-z]{2}) (?:monitor|monitoring group|group|watchdog)$", "", name)
    name = re.sub(r"(?<=[A-Z]\w)(\w*) (?:toll|tally|count|figures|death toll)$", r"\1", name)  # "Observatory toll"
    name = _LEAD.sub("", name)
    alias = _lex()["claimant_aliases"].get(name.lower())
    return alias or name


_CUT = re.compile(
    r"\s+as well as\s|(?<=[A-Z][\w’']{1})\s+(?:the|those|these|they|he|she|it|we)\s|(?<=[a-z]{3})\s+(?:those|these|they|he|she|it|we)\s"
)


def _descriptive(actor: ActorMention, p: Doc, rel: int) -> bool:
    """A mention that describes rather than names ("the army", "Residents", "Rebel commanders"): no
    capitalised word but a sentence-initial common noun or adjective. Such a source is given as written."""
    toks = [t for t in p if rel + t.idx < actor.end and rel + t.idx + len(t) > actor.start and t.is_alpha]
    if not toks:
        return False
    for t in toks:
        if len(t) > 1 and t.text.isupper():
            return False
        if t.text[:1].isupper() and (t.i != 0 or t.pos_ == "PROPN"):
            return False
    return True


def _actor_at(actors: list[ActorMention] | None, start: int, end: int) -> ActorMention | None:
    for a in actors or []:
        if a.start < end and start < a.end:
            return a
    return None


# ---------------------------------------------------------------------------------------------
# "according to X"


def _clause_start(doc: Document, i: int, rel0: int, n: int) -> int:
    """Where a new clause begins inside the n characters after 'according to' (text without commas:
    "according to the coalition's media office Idlib bore the brunt ..."): the first word of the
    subject of the first finite verb there, else n."""
    p = doc.parse(i)
    for t in p:
        if t.idx < rel0 or t.idx >= rel0 + n:
            continue
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i), None)
            first = min((x.idx for x in subj.subtree), default=t.idx) if subj is not None else t.idx
            if subj is not None and first <= rel0:  # the subject is the whole source: cut at its last word
                first = subj.idx + len(subj)
            return max(0, first - rel0)
    return n


def _according(doc: Document, i: int, span: tuple[int, int], actors) -> Attribution | None:
    s = doc.sentences[i]
    text = s.text
    for m in _lex()["according_re"].finditer(text):
        rest = text[m.end() :]
        stop = _STOP.search(rest)
        phrase = rest[: stop.start()] if stop else rest
        qs = find_quantities(phrase)  # "according to monitors hundreds of civilians ..."
        if qs:
            phrase = phrase[: qs[0].start]
        cut = _CUT.search(phrase)
        if cut:
            phrase = phrase[: cut.start()]
        phrase = phrase[: _clause_start(doc, i, m.end(), len(phrase))]
        twelve = re.match(r"\s*(?:\S+\s+){0,11}\S+", phrase)
        if not twelve:
            continue
        phrase = twelve.group().strip()
        a0 = s.start + m.end()
        a1 = a0 + len(phrase)
        if a0 <= span[0] < a1:  # the span is the source itself
            continue
        actor = _actor_at(actors, a0, a1)
        named = actor is not None and not _descriptive(actor, doc.parse(i), s.start)
        name = actor.name if named and actor.start <= a0 + 4 and len(phrase) <= len(actor.text) + 4 else _clean(phrase)
        if not name:
            continue
        return Attribution(name, m.group(1).lower(), a0, a1)
    return None


# ---------------------------------------------------------------------------------------------
# Reporting verbs


def _tokens_in(doc: Doc, rel0: int, rel1: int) -> list[Token]:
    return [t for t in doc if t.idx < rel1 and t.idx + len(t) > rel0]


def _subject(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.dep_ != "nsubjpass":
            return c
    for c in v.children:  # passive: "it was reported by X"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    # "X quoted Y as saying that ...": Y
    if v.dep_ == "pcomp" and v.head.text.lower() == "as" and v.head.head.lemma_.lower() in ("quote", "cite"):
        y = next((c for c in v.head.head.children if c.dep_ == "dobj"), None)
        if y is not None:
            return y
    # "X claimed to have made ..." inside an xcomp, "X gave an account, telling Y that ...": the
    # subject of the governing verb
    # "X said warplanes hit the market, adding that ...": the participle of a reporting verb hangs on the
    # reported clause; its speaker is the subject of the reporting verb that governs that clause
    if v.tag_ == "VBG" and v.dep_ in ("advcl", "conj") and v.lemma_.lower() in _lex()["reporting_verbs"]:
        h = v.head
        while h.dep_ in ("ccomp", "conj", "xcomp", "advcl") and not _is_reporting(h) and h.head.i != h.i:
            h = h.head
        if h.i != v.head.i and _is_reporting(h):
            return _subject(h)
    if (v.dep_ in ("xcomp", "conj") or (v.dep_ == "advcl" and v.tag_ == "VBG")) and v.head.pos_ in ("VERB", "AUX"):
        return _subject(v.head)
    return None


def _is_reporting(t: Token) -> bool:
    if t.dep_ in ("acl", "amod") and t.tag_ == "VBN":  # "a blast claimed by X": responsibility, not speech
        return False
    if (
        t.pos_ == "VERB"
        and t.lemma_.lower() in _lex()["toll_verbs"]
        and any(c.dep_ == "dobj" and c.lemma_.lower() in _lex()["toll_nouns"] for c in t.children)
    ):
        return True  # "X put the death toll at nine", "X raised its tally to 40": X gives the figure
    if not (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in _lex()["reporting_verbs"]):
        return False
    # "claimed the lives of", "claimed responsibility": not speech
    return not any(c.dep_ == "dobj" and c.lemma_.lower() in _lex()["not_speech_objects"] for c in t.children)


def _name_of(h: Token) -> tuple[int, int]:  # noqa: C901
    """Relative char span of a source's name headed by token h."""
    lx = _lex()
    if h.pos_ == "PROPN":
        # contiguous run of name-like tokens ending at h
        i0 = h.i
        while (
            i0 - 1 >= 0
            and h.doc[i0 - 1].head.i in range(i0 - 1, h.i + 1)
            and (h.doc[i0 - 1].pos_ in ("PROPN", "NOUN", "ADJ", "PUNCT") and h.doc[i0 - 1].text not in ',;:“”"(')
        ):
            if h.doc[i0 - 1].dep_ not in ("compound", "amod", "nmod", "flat", "punct", "npadvmod"):
                break
            i0 -= 1
        i1 = h.i
        # "Observatory for Human Rights", "Ministry of Defence"
        for c in h.children:
            if c.dep_ == "prep" and c.text.lower() in ("of", "for") and c.i == i1 + 1:
                sub = [t for t in c.subtree]
                if all(t.pos_ in ("PROPN", "ADP", "CCONJ", "DET", "PUNCT") or t.text[:1].isupper() for t in sub):
                    i1 = max(t.i for t in sub)
        toks = list(h.doc[i0 : i1 + 1])
        # media names: "Pro Hezbollah TV al-Mannar" -> "al-Mannar"
        low = [t.text.lower() for t in toks]
        for k, w in enumerate(low):
            if w in lx["media_descriptors"] and k + 1 < len(toks) and toks[-1].pos_ == "PROPN":
                toks = toks[k + 1 :]
                break
        # person with title: "Hezbollah Secretary-General Nasrallah" -> "Nasrallah"
        low = [t.text.lower() for t in toks]
        last_title = max((k for k, w in enumerate(low) if w in lx["titles"]), default=-1)
        if 0 <= last_title < len(toks) - 1:
            toks = toks[last_title + 1 :]
        while toks and toks[0].pos_ in ("PUNCT", "DET"):
            toks = toks[1:]
        if not toks:
            return h.idx, h.idx + len(h)
        return toks[0].idx, toks[-1].idx + len(toks[-1])
    # "the state news agency SANA": a media word with its name right after it, the name
    if h.text.lower() in lx["media_descriptors"]:
        nm = next(
            (c for c in h.children if c.dep_ in ("appos", "npadvmod") and c.i == h.i + 1 and c.pos_ == "PROPN"), None
        )
        if nm is not None:
            return _name_of(nm)
    # a common noun: its phrase without relative clauses, appositions or other conjuncts
    skip: set[int] = set()
    for c in h.children:
        if c.dep_ in ("relcl", "appos", "conj", "cc", "acl", "punct") and c.i > h.i:
            skip.update(t.i for t in c.subtree)
    toks = [t for t in h.subtree if t.i not in skip]
    # keep a contiguous run containing h
    run = [t for t in toks if abs(t.i - h.i) <= 14]
    lo = h.i
    while lo - 1 >= 0 and any(t.i == lo - 1 for t in run):
        lo -= 1
    hi = h.i
    while any(t.i == hi + 1 for t in run):
        hi += 1
    toks = list(h.doc[lo : hi + 1])
    cut = next((k for k, t in enumerate(toks) if t.i > h.i and t.text in ',;:(“"—–'), None)
    if cut is not None:
        toks = toks[:cut]
    while toks and (toks[0].pos_ in ("DET", "PUNCT") or toks[0].dep_ == "poss" and toks[0].pos_ == "PRON"):
        toks = toks[1:]
    while toks and toks[-1].pos_ in ("PUNCT", "ADP", "CCONJ"):
        toks = toks[:-1]
    if not toks:
        return h.idx, h.idx + len(h)
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _resolve(doc: Document, i: int, h: Token, actors, depth: int = 0) -> tuple[str, int, int] | None:
    """The name of the source whose head is h (in sentence i), resolving pronouns and 'the report'."""
    lx = _lex()
    s = doc.sentences[i]
    w = h.text.lower()
    if w in ("who", "which", "that") and h.head.dep_ == "relcl":
        h = h.head.head
        w = h.text.lower()
    if h.pos_ == "PRON" and (w in lx["person_pronouns"] or w in lx["group_pronouns"]):
        if depth > 0:
            return None
        return _antecedent(doc, i, "person" if w in lx["person_pronouns"] else "group", None, actors)
    if h.pos_ == "PRON":
        return None
    r0, r1 = _name_of(h)
    a0, a1 = s.start + r0, s.start + r1
    actor = _actor_at(actors, s.start + h.idx, s.start + h.idx + len(h))
    if actor is not None and not _descriptive(actor, h.doc, s.start):
        return actor.name, a0, a1
    # "the report says": an earlier source with the same head noun
    has_det = any(c.dep_ == "det" and c.text.lower() in ("the", "this", "that") for c in h.children)
    if has_det and h.lemma_.lower() in lx["anaphor_nouns"] and r1 - r0 <= len(h.text) + 1 and depth == 0:
        ante = _antecedent(doc, i, "noun", h.lemma_.lower(), actors)
        if ante:
            return ante
    # "sources in Hezbollah" (but "a source in Beirut" is a place): the group, when the actor stage names one
    m = _lex()["role_in_re"].match(s.text[r0:r1])
    if m:
        inner = _actor_at(actors, a0 + m.end(), a1)
        if inner is not None and inner.start >= a0 + m.end() and not _descriptive(inner, h.doc, s.start):
            return inner.name, a0, a1
    name = _clean(s.text[r0:r1].replace("\n", " "))
    return (name, a0, a1) if name else None


def _antecedent(doc: Document, i: int, want: str, noun: str | None, actors) -> tuple[str, int, int] | None:  # noqa: C901
    """The nearest earlier source (up to four sentences back): a person, a group or a noun's source."""
    for k in range(i - 1, max(-1, i - 5), -1):
        pk = doc.parse(k)
        sk = doc.sentences[k]
        found = []
        for t in pk:
            if not _is_reporting(t):
                continue
            subj = _subject(t)
            fin = _final_source(pk, t, subj, -1) if subj is None or subj.pos_ != "PRON" else None
            if fin is not None:  # "Other gunmen came from the east Khalil said. He said ...": Khalil
                r0, r1 = pk[fin[0]].idx, fin[1].idx + len(fin[1])
                name = _clean(sk.text[r0:r1])
                if name and (want != "person" or fin[1].pos_ == "PROPN"):
                    found.append((name, sk.start + r0, sk.start + r1))
                    continue
            if subj is None or subj.pos_ == "PRON":
                continue
            res = _resolve(doc, k, subj, actors, depth=1)
            # "the statement said" refers back to "X said in a statement" as well as to "X's statement"
            in_noun = noun is not None and any(
                c.dep_ == "prep" and any(g.lemma_.lower() == noun for g in c.children) for c in t.children
            )
            if res and noun is not None and _media_anaphor(doc, noun, res):
                in_noun = True
            if res and (noun is None or noun in res[0].lower() or in_noun):
                found.append(res)
        m = _lex()["according_re"].search(sk.text)
        if m and (noun is None or noun in sk.text[m.end() : m.end() + 80].lower()):
            acc = _according(doc, k, (-1, -1), actors)
            if acc:
                found.append((acc.claimant, acc.start, acc.end))
        if found:
            return found[-1]
        if want == "person":
            people = [e for e in pk.ents if e.label_ == "PERSON"]
            if people:
                e = people[-1]
                return _clean(e.text), sk.start + e.start_char, sk.start + e.end_char
        if want == "group":
            acts = [a for a in actors or [] if sk.start <= a.start < sk.end]
            if acts:
                return acts[-1].name, acts[-1].start, acts[-1].end
            orgs = [e for e in pk.ents if e.label_ in ("ORG", "NORP")]
            if orgs:
                e = orgs[-1]
                return _clean(e.text), sk.start + e.start_char, sk.start + e.end_char
    return None


def _media_anaphor(doc: Document, noun: str, res: tuple[str, int, int]) -> bool:
    """'the paper said', 'the channel added': a medium named before ("the daily Al-Safir reported"),
    its name given with a media word ("daily", "television") just before or inside it."""
    media = _lex()["media_descriptors"]
    if noun not in media:
        return False
    words = re.findall(r"[a-z]+", doc.text[max(0, res[1] - 25) : res[2]].lower())
    return any(w in media for w in words)


def _final_source(p: Doc, v: Token, subj: Token | None, last: int) -> tuple[int, Token] | None:
    """ "... killed 18 civilians on Tuesday in a residential area the Observatory said": a sentence-final
    reporting verb takes the noun right before it, whatever the parse attached. Also when that noun
    hangs inside the parsed subject's own phrase ("an assault killed 30 people in the town rights
    groups said": text without commas glues the source to the clause), unless a relative pronoun
    makes the phrase the source's own ("activists who counted 30 dead in the town said"); a bracketed
    acronym before the verb is skipped ("the Observatory (SOHR) said"). Returns the first token of the
    source and its last noun."""
    tail = [t for t in p[v.i + 1 :] if not t.is_punct]
    j = v.i - 1
    if j >= 3 and p[j].text == ")" and p[j - 2].text == "(":
        j -= 3
    left = p[j] if j >= 0 else None
    if left is None or left.pos_ not in ("NOUN", "PROPN") or v.i <= 1 or len(tail) > 3 or v.i <= last:
        return None
    if subj is not None:
        if subj.i >= v.i - 4:
            return None
        if left.i in {t.i for t in subj.subtree}:
            between = p[subj.i : left.i]
            glued = any(t.pos_ == "VERB" and t.dep_ in ("acl", "relcl") for t in between) and not any(
                t.text.lower() in ("who", "which", "that", "whose") for t in between
            )
            if not glued or last >= left.i or last <= subj.i:
                return None
    k = left.i
    while k - 1 >= 0 and (
        (
            p[k - 1].pos_ == "PROPN"
            and (p[k - 1].text[:1].isupper() or re.match(r"(?:al|el)-", p[k - 1].text))
            and all(t.text[:1].isupper() or t.text in ("for", "of") for t in p[k : left.i + 1])
        )
        or (p[k - 1].text[:1].isupper() and p[k - 1].pos_ in ("ADJ", "NOUN"))
        or (p[k - 1].text.lower() in ("for", "of") and k - 2 >= 0 and p[k - 2].pos_ == "PROPN")
        or (
            p[k - 1].pos_ in ("NOUN", "ADJ")
            and p[k - 1].dep_ in ("compound", "amod")
            and p[k - 1].head.i >= k
            and k == left.i  # one lower-case modifier at most: "state television", not "district state ..."
            and left.pos_ != "PROPN"  # a name takes no lower-case word: "from the east Khalil said"
        )
    ):
        k -= 1
    return k, left


def _verb_attribution(doc: Document, i: int, span: tuple[int, int], actors) -> Attribution | None:  # noqa: C901
    s = doc.sentences[i]
    p = doc.parse(i)
    inside = _tokens_in(p, span[0] - s.start, span[1] - s.start)
    if not inside:
        return None
    best: tuple[int, Token] | None = None
    for v in p:
        if not _is_reporting(v):
            continue
        if any(t.i == v.i for t in inside):
            continue
        subj = _subject(v)
        excluded = {t.i for t in subj.subtree} if subj is not None and subj.head.i == v.i else set()
        sub = {t.i for t in v.subtree} - excluded
        if not all(t.i in sub for t in inside):
            # a parse that lost the complement: "channels who have claimed up to 120 fighters had been killed"
            bare = not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in v.children)
            if not (bare and 0 < inside[0].i - v.i <= 4 and not any(t.i in excluded for t in inside)):
                continue
        size = len(sub)
        if best is None or size < best[0]:
            best = (size, v)
    if best is None:
        # "... claimed lives of eight civilians ... local media reported Sunday": a sentence-final
        # reporting verb covers the sentence even when the parse hangs it elsewhere
        finals = [
            v
            for v in p
            if _is_reporting(v)
            and v.i > inside[-1].i
            and len([t for t in p[v.i + 1 :] if not t.is_punct]) <= 3
            and (_subject(v) is not None or p[v.i - 1].pos_ in ("NOUN", "PROPN"))
        ]
        if not finals:
            return None
        best = (0, finals[-1])
    v = best[1]
    subj = _subject(v)
    final = _final_source(p, v, subj, inside[-1].i)
    if final is not None:
        k, left = final
        # "..., a source close to the group said": the whole phrase after the comma when it is one
        # noun phrase with a preposition in it (no verb)
        comma = next((t.i for t in reversed(p[max(0, k - 8) : k]) if t.text == ","), None)
        if comma is not None:
            span = list(p[comma + 1 : left.i + 1])
            if (
                len(span) > left.i - k + 1
                and span[0].pos_ in ("DET", "ADJ", "NOUN", "PROPN")
                and any(t.pos_ == "ADP" for t in span)
                and not any(t.pos_ in ("VERB", "AUX", "PUNCT") for t in span)
            ):
                k = comma + 1
        r0, r1 = p[k].idx, left.idx + len(left)
        actor = _actor_at(actors, s.start + r0, s.start + r1)
        if actor is not None and actor.start > s.start + r0 + 4:
            actor = None  # "a source close to Hezbollah": the source, not Hezbollah
        name = actor.name if actor is not None and not _descriptive(actor, p, s.start) else _clean(s.text[r0:r1])
        if name and name.lower() not in ("it", "he", "she", "they"):
            return Attribution(
                name, v.text.lower(), s.start + r0, s.start + r1, denied=v.lemma_.lower() in _lex()["deny_verbs"]
            )
    if subj is None:
        return None
    res = _resolve(doc, i, subj, actors)
    if res is None:
        return None
    name, a0, a1 = res
    denied = v.lemma_.lower() in _lex()["deny_verbs"]
    return Attribution(name, v.text.lower(), a0, a1, denied=denied)


# ---------------------------------------------------------------------------------------------
# Quotes running over several sentences


def _quote_regions(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTES.finditer(text):
        ch = m.group()
        if ch == "“" or (ch == '"' and open_at is None):
            open_at = m.start()
        elif open_at is not None:
            out.append((open_at, m.end()))
            open_at = None
    return out


def _quote_attribution(doc: Document, i: int, span: tuple[int, int], actors) -> Attribution | None:
    for q0, q1 in _quote_regions(doc.text):
        if not (q0 < span[0] < q1):
            continue
        # attributed in the sentence where the quote closes ("...,” says Khaled) or opens
        for k in dict.fromkeys((doc.sentence_at(q1 - 1), doc.sentence_at(q0))):
            if k == i:
                continue
            s = doc.sentences[k]
            p = doc.parse(k)
            for v in p:
                pos = s.start + v.idx
                if _is_reporting(v) and (pos >= q1 or pos < q0):
                    subj = _subject(v)
                    if subj is None:
                        continue
                    res = _resolve(doc, k, subj, actors)
                    if res:
                        return Attribution(res[0], v.text.lower(), res[1], res[2])
        return None
    return None


# ---------------------------------------------------------------------------------------------
# Disputes


def _dispute(doc: Document, i: int, claimant: str | None, actors) -> str | None:
    """Who calls the statement lies / exaggerated: in its sentence, or in the next one when that
    one points back at it ("Hezbollah dismissed the figures as exaggerated")."""
    found = _dispute_in(doc, i, claimant, actors)
    if (
        found is None
        and i + 1 < len(doc.sentences)
        and "\n\n" not in doc.text[doc.sentences[i].end : doc.sentences[i + 1].start]
    ):
        words = set(re.findall(r"[a-z]+", doc.sentences[i + 1].text.lower()))
        if words & _lex()["dispute_referents"]:
            found = _dispute_in(doc, i + 1, claimant, actors)
    return found


def _dispute_in(doc: Document, i: int, claimant: str | None, actors) -> str | None:
    lx = _lex()
    s = doc.sentences[i]
    if not _DISPUTE_HINT.search(s.text):
        return None  # no parse needed
    p = doc.parse(i)
    for t in p:
        if t.text.lower() not in lx["dispute_words"] and t.lemma_.lower() not in lx["dispute_words"]:
            continue
        v = t
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head
        subj = _subject(v)
        if subj is None and v.head.i != v.i:
            subj = _subject(v.head)
        if subj is None:
            continue
        res = _resolve(doc, i, subj, actors)
        if res and (claimant is None or res[0].lower() != claimant.lower()):
            return res[0]
    return None


ATTRIBUTION_RULES = [_verb_attribution, _according, _quote_attribution]
_RULE_NAMES = {
    "_verb_attribution": "reporting verb",
    "_according": "according to",
    "_quote_attribution": "quote across sentences",
}


def find_attribution(
    doc: Document, sentence: int, span: tuple[int, int], actors: list[ActorMention] | None = None
) -> Attribution | None:
    """The source the text gives for the statement at `span` in sentence `sentence`, or None."""
    if not (0 <= sentence < len(doc.sentences)):
        raise IndexError(f"sentence {sentence} out of range: the document has {len(doc.sentences)}")
    att = None
    for rule in ATTRIBUTION_RULES:
        att = rule(doc, sentence, span, actors)
        if att is not None:
            att.rule = att.rule or _RULE_NAMES.get(rule.__name__, rule.__name__.lstrip("_"))
            break
    if att is None:
        return None
    att.claimant = _role_name(doc, att.claimant)
    att.disputed_by = _dispute(doc, sentence, att.claimant, actors)
    return att


_CONTRAST = frozenset({"but", "however", "meanwhile", "elsewhere", "separately", "earlier", "later", "in", "on"})


def continued_account(doc: Document, sentence: int, actors: list[ActorMention] | None = None) -> Attribution | None:
    """A sentence with no source of its own that goes on with the account the sentence before opened
    in its paragraph: "Al-Akhbar reported that rebels stormed the post on Sunday. Thirteen of the
    attackers were killed." The sentence before must open with its source and reporting verb
    ("X reported that ...", "According to X, ..."), not end with it; the account stops at a new
    paragraph, a quote, or a sentence opening with a contrast or a time shift ("But", "Meanwhile")."""
    i = sentence
    if i <= 0:
        return None
    s, prev = doc.sentences[i], doc.sentences[i - 1]
    if "\n" in doc.text[prev.end : s.start] or _QUOTES.search(s.text):
        return None
    first = re.match(r"[A-Za-z]+", s.text.strip())
    if first and first.group().lower() in _CONTRAST:
        return None
    p = doc.parse(i - 1)
    toks = [t for t in p if not t.is_punct]
    if not toks:
        return None
    if re.match(r"\s*(?:According to|Citing)\b", prev.text):
        acc = _according(doc, i - 1, (-1, -1), actors)
        if acc is not None:
            acc.rule = "account continued"
            acc.claimant = _role_name(doc, acc.claimant)
        return acc
    root = next((t for t in p if t.dep_ == "ROOT"), None)
    if root is None or not _is_reporting(root):
        return None
    comp = next((c for c in root.children if c.dep_ == "ccomp" and c.i > root.i), None)
    if comp is None or root.i > len(toks) // 3 + 1:  # the source and its verb open the sentence
        return None
    subj = _subject(root)
    if subj is None:
        return None
    res = _resolve(doc, i - 1, subj, actors)
    if res is None:
        return None
    return Attribution(_role_name(doc, res[0]), root.text.lower(), res[1], res[2], rule="account continued")


def _role_name(doc: Document, claimant: str) -> str:
    """'a monitor said' -> the monitoring organisation the article names ("Syrian Observatory for Human Rights")."""
    roles = _lex()["role_names"]
    words = roles.get(claimant.lower())
    if not words or isinstance(words, str):
        return claimant
    names: dict[str, int] = {}
    for w in words:
        pat = rf"(?:[A-Z][\w'’-]+\s+){{0,4}}{re.escape(w)}(?:\s+(?:for|of|on)(?:\s+[A-Z][\w'’-]+)+)?"
        for m in re.finditer(pat, doc.text):
            name = _clean(m.group())
            if len(name.split()) >= 2:
                names[name] = names.get(name, 0) + 1
    if len(names) == 1:  # one organisation of that kind in the article, else leave the role as written
        return next(iter(names))
    return claimant
