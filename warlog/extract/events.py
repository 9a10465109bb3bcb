"""Events: ACLED-typed events with actors, roles and modality, read as a careful coder reads them.

1. Detection: a lexical pass over every sentence finds event triggers (`warlog/data/triggers.json`);
   only the sentences with a trigger are parsed, in one batch (`doc.parse_many`).
2. Triggers that describe one event twice are folded ("launched attacks ... capturing three
   villages" is one capture; "exchanges of artillery fire during" a capture is part of it).
3. Roles from the dependency parse (subject / passive agent / object / "against", "on",
   "between A and B", "backed by"), with a linear fallback when the parse gives nothing.
4. Type and sub-type by ACLED's rules: who takes territory (state forces and their allies, or a
   non-state actor), an unarmed target makes violence against civilians, seized weapons are not
   territory, arrests by a non-state group are abductions, protests met with force...
5. Modality (`warlog.extract.modality`): forecasts, hypotheticals and negations are dropped.
6. Place: a listed target ("the towns of A, B and C") gives one event per town; else the place
   after the trigger, else the geo stage's `event_location`, else the article's context.
   Date: the dates stage's `event_date`.
7. Repeated mentions of one event (same type and sub-type, same place, compatible dates and
   sides) are merged; ids `f"{article.id}-e{n}"` in text order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from warlog.extract import event_place, roles, worthiness
from warlog.extract.actors import ActorDictionary, fold
from warlog.extract.modality import decide as decide_modality
from warlog.model import (
    EVENT_TYPES,
    SUB_EVENT_TYPES,
    ActorMention,
    Article,
    DateMention,
    DateValue,
    Event,
    PlaceMention,
)
from warlog.nlp import Document
from warlog.rules import NOTHING, Rules

DATA = Path(__file__).resolve().parents[1] / "data" / "triggers.json"


def _load_lexicons() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))["lexicons"]


def words_rx(words: list[str], flags: int = re.I) -> re.Pattern[str]:
    """A regex for whole words or phrases; a trailing * matches any ending ('kill*')."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        stem = r"\s+".join(re.escape(x) for x in w.rstrip("*").split())
        parts.append(stem + (r"\w*" if w.endswith("*") else ""))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", flags)


_LEX = _load_lexicons()
_REMOTE_NOUNS_NEED_CONTEXT = set(_LEX["need_attack_context"])
_ATTACK_CONTEXT = words_rx(_LEX["attack_context"])
_NEEDS_PEOPLE = set(_LEX["needs_people"])
_NEEDS_GROUP = set(_LEX["needs_group"])
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|&\s+|or\s+)?|and\s+|&\s+|or\s+|/\s*)$")
_CIVILIAN_DEFAULT = {"Remote explosive/landmine/IED", "Suicide bomb", "Attack"}
_VICTIM_NOUNS = "|".join(re.escape(w) for w in _LEX["civilian_victim_nouns"])
_CIVILIAN_VICTIMS = re.compile(
    rf"\b(?:{_VICTIM_NOUNS})\b(?:\s+\w+){{0,3}}\s+(?:dead|killed|died|wounded|injured)"
    rf"|\b(?:killing|killed|wounding|wounded|injuring|left)\s+(?:at\s+least\s+|some\s+|about\s+)?(?:\d+|\w+)\s+"
    rf"(?:{_VICTIM_NOUNS})\b",
    re.I,
)
_LIGHT_VERBS = set(_LEX["light_verbs"])
_STATE_NOUN_HEADS = set(_LEX["civilian_places"]) | {"city", "cities", "area", "areas", "enclave", "district", "region"}
_ALLIANCE_NOUNS = set(_LEX["alliance_nouns"])
_HELD_NOUNS = set(_LEX["held_nouns"])
_GROUP_ANAPHORS = set(_LEX["group_anaphors"])
_STRIKES = {"Air/drone strike", "Shelling/artillery/missile attack"}
_CIV_PLACES = "|".join(re.escape(w) for w in _LEX["civilian_places"])
_CIV_OBJECT = re.compile(
    rf"^\s*(?:(?:\w+ly|overnight|again)\s+|(?:[\w-]+\s+){{0,3}}?(?:at|on|upon|into|against|targeting)\s+)?"
    rf"(?:(?:the|a|an|several|two|three|four|five)\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_CIV_PLACES})\b",
    re.I,
)
_CIV_SUBJECT = re.compile(
    rf"\b(?:{_CIV_PLACES})\b(?:\s+[\w-]+){{0,8}}?\s+(?:was|were)\s+(?:\w+ly\s+)?"
    rf"(?:hit|struck|targeted|shelled|bombed|pounded)\b[^.;]*$",
    re.I,
)
_UNARMED = set(_LEX["unarmed"])
_REACTION_VERBS = set(_LEX["reaction_verbs"])
_TITLE_WORDS = words_rx(_LEX["title_words"], 0)
_CASUALTY_VERBS = set(_LEX["casualty_verbs"])
_PRONOUNS = set(_LEX["pronouns"])
# between a party and a trigger: a new clause, or a verb of saying, seeking or judging (the police
# "were searching for a man believed to be responsible for a blast" did not set it off)
_CLAUSE_BREAK = re.compile(r"[;:]|" + words_rx(_LEX["clause_break"]).pattern, re.I)


# ---------------------------------------------------------------------------------------------
# Trigger lexicon


@dataclass(frozen=True)
class TriggerClass:
    cls: str
    sub: str
    strength: int


@dataclass
class Trigger:
    start: int  # article offsets
    end: int
    text: str
    cls: str
    sub: str
    strength: int


@lru_cache(maxsize=1)
def lexicon() -> tuple[TriggerIndex, dict[str, TriggerClass], dict[str, Any]]:
    """The trigger index, the phrase -> class table, and the rules (from triggers.json)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    table: dict[str, TriggerClass] = {}
    for c in data["classes"]:
        if c["sub"] not in SUB_EVENT_TYPES:
            raise ValueError(f"triggers.json: unknown sub-event type {c['sub']!r}")
        tc = TriggerClass(c["class"], c["sub"], int(c.get("strength", 1)))
        for w in c["words"]:
            key = _key(w)
            if key not in table or table[key].strength < tc.strength:
                table[key] = tc
    return TriggerIndex(table), table, data["rules"]


def _key(s: str) -> str:
    return re.sub(r"[\s\-‐]+", " ", s.lower()).strip()


# a phrase starts where a word starts (not after a letter, digit or hyphen); its words are separated by
# white space or hyphens; it ends before a character that is not a word character
_WORD_START = re.compile(r"(?<![\w-])\w")
_SEGMENT = re.compile(r"[^\s\-‐]+")


class TriggerIndex:
    """Finds trigger phrases the way one regex alternation of every phrase (longest first) would, without
    trying thousands of alternatives at every character: phrases are indexed by their first word, and at each
    word start only the phrases whose first word fits are tried, longest first."""

    def __init__(self, phrases: Iterable[str]):
        ordered = sorted(phrases, key=len, reverse=True)  # the alternation's order: longest first
        self.by_first: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
        for rank, p in enumerate(ordered):
            words = p.split(" ")
            rx = re.compile(r"[\s\-‐]+".join(re.escape(w) for w in words) + r"(?![\w])", re.I)
            self.by_first.setdefault(words[0], []).append((rank, rx))

    def _candidates(self, text: str, pos: int) -> list[tuple[int, re.Pattern[str]]]:
        seg = _SEGMENT.match(text, pos)
        word = seg.group().lower() if seg else ""
        firsts = [word] + [word[:i] for i, ch in enumerate(word) if i and not (ch.isalnum() or ch == "_")]
        found = [c for w in firsts for c in self.by_first.get(w, ())]
        if len(firsts) > 1:
            found.sort(key=lambda c: c[0])
        return found

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        end = 0
        for w in _WORD_START.finditer(text):
            pos = w.start()
            if pos < end:
                continue
            for _, rx in self._candidates(text, pos):
                m = rx.match(text, pos)
                if m is not None:
                    yield m
                    end = m.end()
                    break


def find_triggers(text: str, offset: int = 0) -> list[Trigger]:
    """Every trigger phrase in `text` (longest first at each place), offsets shifted by `offset`."""
    index, table, _ = lexicon()
    out = []
    for m in index.finditer(text):
        tc = table.get(_key(m.group()))
        if tc is None:
            continue
        out.append(Trigger(m.start() + offset, m.end() + offset, m.group(), tc.cls, tc.sub, tc.strength))
    return out


# ---------------------------------------------------------------------------------------------
# Working record for one event mention


@dataclass
class _Mention:
    sentence: int
    trigger: Trigger
    sub: str
    actor1: list[str] = field(default_factory=list)
    actor2: list[str] = field(default_factory=list)
    assoc: list[str] = field(default_factory=list)
    modality: str = "asserted"
    attributed_to: list[str] = field(default_factory=list)
    place: PlaceMention | None = None
    place_from: str = ""  # "list", "object", "geo", "sentence", "context"
    date: DateValue | None = None
    roles_rule: str = ""  # how actor1 and actor2 were read (see _roles)


#: the dates stage's answer to "when did the event at this trigger happen" (warlog.dates.event_date):
#: (doc, sentence, trigger span, date mentions, publication date, previous event's date) -> date or None
DateResolver = Callable[
    [Document, int, tuple[int, int], list[DateMention], DateValue | None, DateValue | None], DateValue | None
]
#: the geo stage's answer to "where did it happen" (warlog.geo.event_location):
#: (doc, sentence, trigger span, places) -> place or None
PlaceResolver = Callable[[Document, int, tuple[int, int], list[PlaceMention]], PlaceMention | None]


def find_events(  # noqa: C901
    doc: Document,
    *,
    article: Article,
    actors: list[ActorMention],
    places: list[PlaceMention],
    dates: list[DateMention],
    dictionary: ActorDictionary,
    event_date: DateResolver,
    event_location: PlaceResolver,
) -> list[Event]:
    """ACLED-typed events of an article, in text order, repeated mentions merged.

    `dictionary` is the actor dictionary the actor mentions were found with (sides, memberships);
    `event_date` and `event_location` are the dates and geo stages' resolvers, which the pipeline
    passes in (this stage calls no other stage itself)."""
    dic = dictionary
    by_sentence: dict[int, list[Trigger]] = {}
    for i, s in enumerate(doc.sentences):
        found = _filter(find_triggers(s.text, s.start), s.text, s.start, actors)
        if found:
            by_sentence[i] = found
    if not by_sentence:
        return []
    parses = doc.parse_many(sorted(by_sentence))
    clean_places = _not_parties(_event_places(places, actors), doc, parses)
    mentions: list[_Mention] = []
    previous_date: DateValue | None = None
    dates = _without_dateline(doc, dates)
    for si in sorted(by_sentence):
        s = doc.sentences[si]
        sent_actors = [m for m in actors if s.start <= m.start < s.end]
        sent_places = [p for p in clean_places if s.start <= p.start < s.end]
        triggers = _absorb(by_sentence[si], s.text, s.start)
        seen: dict[tuple[str, str], _Mention] = {}
        if _metadata_line(s.text):
            continue
        if not any(t.pos_ in ("VERB", "AUX") for t in parses[si]):
            continue  # a heading or caption ("2015 Qalamoun Offensive"): no happening is told
        for trig in triggers:
            tok = _token_at(parses[si], trig.start - s.start, trig.end - s.start)
            if tok is not None and (_not_an_occurrence(tok, mentions, si) or worthiness.not_an_event(tok)):
                continue
            pronoun = _pronoun_subject(tok) if tok is not None else None
            a1, a2, assoc, from_parse, roles_how = _roles(
                doc.text, parses[si], s.start, tok, trig, sent_actors, dic, linear_a1=pronoun is None
            )
            if not a1 and pronoun is not None:
                a1 = [a for a in _antecedent(doc, si, pronoun, mentions, actors, dic) if a not in a2]
                roles_how += ["pronoun's antecedent"] if a1 else []
            if not a2 and tok is not None and a1:
                a2 = _object_antecedent(doc, si, tok, a1, actors, dic)
                roles_how += ["object's antecedent"] if a2 else []
            a1, a2, role_rule = roles.apply(
                roles.Context(
                    doc.text, s.start, s.end, trig.start, trig.end, sent_actors, dic.nationalities.get("adjectives", {})
                ),
                a1,
                a2,
            )
            from_parse = from_parse or (role_rule is not None and bool(a1))
            roles_how += [role_rule] if role_rule else []
            if trig.cls == "weak" and not (from_parse and a1):
                continue
            mod = decide_modality(doc, si, (trig.start, trig.end), actors, a1, tok)
            if not mod.event or _commentary(s.text):
                continue
            if trig.cls in ("protest", "riot") and not a1:
                # ACLED codes the crowd itself when the text names no organiser
                a1 = ["protesters" if trig.cls == "protest" else "rioters"]
                roles_how.append("the crowd")
            sub = _sub_type(trig, s.text, s.start, a1, a2, dic)
            if sub is None:
                continue
            a1 = [a for a in a1 if a not in a2 or sub in ("Armed clash",)]
            # a toponym the parser took for a name ("shelled Saraqeb") is where, not who
            toponyms = {doc.text[p.start : p.end] for p in sent_places} | {p.name for p in sent_places}
            a1 = [a for a in a1 if a not in toponyms or dic.get(a) is not None]
            a2 = [a for a in a2 if a not in toponyms or dic.get(a) is not None]
            if not a2 and sub in _CIVILIAN_DEFAULT and _CIVILIAN_VICTIMS.search(s.text):
                a2 = ["civilians"]
                roles_how.append("civilian victims")
            if sub in _STRIKES and _civilian_target(s.text, trig, s.start, a2, _held_by(doc.text, trig, sent_actors)):
                a2 = ["civilians"]
                roles_how.append("civilian target")
            for place, how in _places_for(doc, si, trig, triggers, sent_places, clean_places, event_location):
                key = (sub, _place_key(place) if place is not None else "|".join(sorted(a1)))
                if key in seen:
                    # a second trigger for the same event ("artillery shelled X positions"): its reading
                    # may name the side the first one missed (only sides the dictionary knows: a
                    # street or suburb the parser took for a name is where, not who)
                    first = seen[key]
                    known2 = [a for a in a2 if dic.get(a) is not None]
                    known1 = [a for a in a1 if dic.get(a) is not None]
                    if not first.actor2 and known2 and not set(known2) & set(first.actor1):
                        first.actor2 = known2
                        first.roles_rule += "; actor2 from a second trigger"
                    if not first.actor1 and known1 and not set(known1) & set(first.actor2):
                        first.actor1 = known1
                        first.roles_rule += "; actor1 from a second trigger"
                    continue
                date = event_date(doc, si, (trig.start, trig.end), dates, article.published, previous_date)
                seen[key] = _Mention(
                    si, trig, sub, a1, a2, assoc, mod.modality, list(mod.attributed_to), place, how, date
                )
                seen[key].roles_rule = "; ".join(roles_how) or "none"
                mentions.append(seen[key])
                previous_date = date or previous_date
    _context_places(mentions, clean_places)
    theatre = _theatre(clean_places)
    mentions = [m for m in mentions if _worth_emitting(m, article.published, theatre)]
    mentions = _fold_headline(_fold_same_sentence(mentions), doc)
    _denied_next(doc, mentions)
    merged = _merge(_fold_references(_fold_coarse(mentions), doc))
    return [_to_event(doc, article, n, m) for n, m in enumerate(merged, 1)]


# ---------------------------------------------------------------------------------------------
# Trigger filtering and folding


def _filter(trigs: list[Trigger], text: str, offset: int, actors: list[ActorMention]) -> list[Trigger]:
    _, _, rules = lexicon()
    out = []
    for t in trigs:
        key = _key(t.text)
        if any(a.start <= t.start and t.end <= a.end and a.end - a.start > t.end - t.start for a in actors):
            continue  # part of a name ("Army of Conquest" is not a capture; "Islamic Front")
        win = text[max(0, t.start - offset - 70) : t.end - offset + 70]
        if key in _REMOTE_NOUNS_NEED_CONTEXT and not _ATTACK_CONTEXT.search(_strip(win, t.text)):
            continue
        after = text[t.end - offset : t.end - offset + 60]
        if key in ("fighting", "fight", "battling", "fighters") and re.match(
            r"\s+(?:force|forces|chance|season|spirit|units?|to\s+(?!the\b|a\b|an\b)[a-z]+)\b", after
        ):
            continue  # "the most effective fighting force", "rebels fighting to overthrow Assad"
        if key in _NEEDS_PEOPLE and not re.search(
            r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|prisoners?|detainees?|"
            r"hostages?|fighters|soldiers|captives?|women|men|civilians|them|him|her|nuns|members)\b",
            text[max(0, t.start - offset - 40) : t.end - offset + 40],
            re.I,
        ):
            continue
        if key in _NEEDS_GROUP and not (
            re.match(r"\s*(?:a|an|the)?\s*(?:new\s+)?[\"“A-Z]", after)
            or any(t.end <= a.start <= t.end + 50 for a in actors)
        ):
            continue
        out.append(t)
    return out


def _strip(window: str, trigger_text: str) -> str:
    return window.replace(trigger_text, " ")


def _absorb(trigs: list[Trigger], text: str, offset: int) -> list[Trigger]:
    """Fold triggers that tell one event twice; keep the most specific."""
    _, _, rules = lexicon()
    strong = [t for t in trigs if t.cls != "weak"]
    if strong:
        trigs = strong
    captures = [t for t in trigs if t.cls == "capture"]
    if any(t.sub == "Arrests" for t in trigs):
        # "raided the camps and detained nine men": the raid is how the arrests were made
        raids = set(rules["absorbs"]["raid_with_arrest"])
        trigs = [t for t in trigs if not (t.cls == "clash" and _key(t.text) in raids)]
    battles = [t for t in trigs if t.cls in ("capture", "clash")]
    out = []
    for t in trigs:
        if t.cls == "clash" and any(abs(c.start - t.end) <= 60 or abs(t.start - c.end) <= 60 for c in captures):
            continue
        if (
            t.cls == "clash"
            and any(c.end <= t.start for c in captures)
            and re.search(
                r"\b(?:" + "|".join(rules["battle_in_capture"]) + r")\b[^,;]{0,30}$",
                text[max(0, t.start - offset - 40) : t.start - offset],
                re.I,
            )
        ):
            continue  # "recaptured the district after two days of street fighting": the capture's battle
        if (
            t.cls == "clash"
            and t.sub == "Armed clash"
            and any(
                r.cls == "remote"
                and (0 <= r.start - t.end <= 60 or 0 <= t.start - r.end <= 3)
                and not re.search(r"\bamid\b", text[t.end - offset : r.start - offset], re.I)
                for r in trigs
            )
        ):
            continue  # "a car-bomb attack", "attacks ... including rocket barrages": the weapon types it
        if t.cls == "remote" and battles:
            before = text[max(0, t.start - offset - 40) : t.start - offset].lower()
            support = re.search(r"\b(?:backed|supported|covered|aided)\s+by\b|\bwith\s+the\s+support\s+of\b", before)
            in_battle = any(re.search(rf"\b{re.escape(w)}\b", before) for w in rules["absorbs"]["remote_in_battle"])
            if support or (
                in_battle and t.sub == "Shelling/artillery/missile attack" and any(b.start < t.start for b in battles)
            ):
                continue  # "backed by coalition air strikes", "exchanges of artillery fire during" a battle
        out.append(t)
    return out


def _commentary(text: str) -> bool:
    from warlog.extract.modality import cues

    low = text.lower()
    return any(c in low for c in cues().get("commentary", []))


# ---------------------------------------------------------------------------------------------
# Roles


def _token_at(parse: Any, rel_start: int, rel_end: int) -> Any:
    """The head token of the trigger phrase (its verb, else its last noun)."""
    toks = [t for t in parse if t.idx < rel_end and t.idx + len(t.text) > rel_start]
    if not toks:
        return None
    verbs = [t for t in toks if t.pos_ in ("VERB", "AUX")]
    if verbs:
        return verbs[0]
    inside = [t for t in toks if t.head not in toks or t.head is t]
    return inside[-1] if inside else toks[-1]


def _names_in(tokens: Any, base: int, ments: list[ActorMention]) -> list[str]:
    spans = [(base + t.idx, base + t.idx + len(t.text)) for t in tokens]
    out: list[str] = []
    for m in ments:
        if any(a < m.end and m.start < b for a, b in spans) and m.name not in out:
            out.append(m.name)
    return out


def _roles(
    text: str,
    parse: Any,
    base: int,
    tok: Any,
    trig: Trigger,
    ments: list[ActorMention],
    dic: ActorDictionary,
    linear_a1: bool = True,
) -> tuple[list[str], list[str], list[str], bool, list[str]]:
    """actor1, actor2, associated actors, whether the parse named a side, and how the sides were read
    (the parse's steps, "'by X'", "word order", "'between X and Y'", "held by")."""
    a1: list[str] = []
    a2: list[str] = []
    how: list[str] = []
    if tok is not None:
        a1, a2, steps = _roles_from_parse(base, tok, trig, ments, dic)
        how += [f"parse: {', '.join(steps)}"] if steps else []
    from_parse = bool(a1 or a2)
    if not a1:
        by = [n for n in _by_agent(text, trig, ments) if n not in a2]
        a1 += by
        how += ["'by X'"] if by else []
    if not a1 and not a2:
        a1, a2 = _roles_linear(text, trig, ments)
        if not linear_a1:
            a1 = []
        how += ["word order"] if a1 or a2 else []
    if trig.cls == "clash" and not a2:
        pair = _between(text, trig, ments)
        if pair and set(pair[0]) | set(pair[1]) >= set(a1):
            a1, a2 = pair
            how.append("'between X and Y'")
    held = [h for h in _held_by(text, trig, ments) if h not in a2 and h not in a1]
    a2 += held
    how += ["held by"] if held else []
    # monitors and reporters are not sides; civilians do not act (except as protesters)
    a1 = [a for a in a1 if dic.combatant(a) or (trig.cls == "protest" and a == "protesters")]
    a2 = [a for a in a2 if a not in a1 and _target_ok(a, dic)]
    assoc = _assoc(text, ments, a1)
    return a1, a2, assoc, from_parse, how


def _target_ok(name: str, dic: ActorDictionary) -> bool:
    a = dic.get(name)
    return a is None or a.side != "monitor"


def _subtree_names(tok: Any, base: int, ments: list[ActorMention], dic: ActorDictionary) -> list[str]:
    # "insurgents from the Army of Conquest, an alliance that includes the Nusra Front": a relative
    # clause describes the party; its members are not parties to the act
    inner = {t.i for t in tok.subtree for r in t.children if r.dep_ == "relcl" and r is not tok for t in r.subtree}
    outer = [t for t in tok.subtree if t.i not in inner]
    if inner and tok.pos_ == "NOUN" and tok.lemma_.lower() in _ALLIANCE_NOUNS:
        return _names_in(outer, base, ments)  # "an alliance that includes X and Y" restates the party
    return (
        (_names_in(outer, base, ments) if inner else [])
        or _names_in(list(tok.subtree), base, ments)
        or _named_outside_dictionary(tok, dic)
    )


def _named_outside_dictionary(tok: Any, dic: ActorDictionary) -> list[str]:
    """A role filled by a name the dictionary does not know: a person or organisation the parser
    recognises ("Omar al-Attrash"), or unarmed people ("five people", "children") as civilians.
    Unnamed attackers ("gunmen") stay out."""
    head = tok
    if tok.dep_ in ("prep", "agent"):
        objs = [c for c in tok.children if c.dep_ == "pobj"]
        if not objs:
            return []
        head = objs[0]
    out: list[str] = []
    for h in [head, *[c for c in head.children if c.dep_ == "conj"]]:
        if h.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            ent = next((e for e in h.doc.ents if e.start <= h.i < e.end), None)
            if ent is None:
                continue
            name = re.sub(r"^(?:the|The)\s+", "", ent.text.strip())
            name = re.sub(r"\s*['’]s?$", "", name)  # "Obama ’s" -> "Obama"
            if re.search(r"\d|\b[A-Z]{4,}\b", name) or any(t.i == tok.i for t in ent if tok.dep_ == "ROOT"):
                continue  # a dateline ("KHAN SHEIKHUN Syria", "Jul 28 2016 QAMISHLI"), not a party
            if _TITLE_WORDS.search(name):
                continue
            if h.ent_type_ in ("GPE", "NORP"):  # a country acts through its forces: only those we know
                name = dic.nationalities.get("adjectives", {}).get(name) or (name if dic.get(name) else "")
            if len(name) > 2 and name not in out:
                out.append(name)
        elif h.lower_ in _UNARMED and "civilians" not in out:
            out.append("civilians")
    return out


# The sides a trigger's parse gives. Unlike the first-decides registries, every step of
# ROLE_STEPS runs, in order, on one _Parse state: each may add names to actor1 (a1) or actor2
# (a2) or move the verb the later steps read. The event's `roles_rule` lists the steps that
# added names. NOUN_VERB (first decides) links a trigger noun to the verb that tells its sides;
# CLIMB (first decides, repeated) climbs from the verb to the clause that names the actor.

_TARGET_PREPS = ("against", "on", "targeting", "upon", "at", "toward", "towards")


@dataclass
class _Parse:
    base: int
    tok: Any
    trig: Trigger
    ments: list[ActorMention]
    dic: ActorDictionary
    a1: list[str] = field(default_factory=list)
    a2: list[str] = field(default_factory=list)
    verb: Any = None  # the verb whose subject and objects are the sides
    instrument: bool = False  # the trigger is the verb's instrument ("crushed the towns with rockets")
    own_a1: bool = False  # the trigger noun names its own author ("an attack by rebel fighters")
    top: Any = None  # the verb the climb stopped at
    steps: list[str] = field(default_factory=list)  # the steps that added names

    def add(self, lst: list[str], names: list[str]) -> None:
        for n in names:
            if n not in lst:
                lst.append(n)

    def names(self, t: Any) -> list[str]:
        return _subtree_names(t, self.base, self.ments, self.dic)

    def preps(self, t: Any) -> None:
        """'by X' acts, 'against X' is acted on, 'between X and Y', 'from X' (captures), 'with X' (clashes)."""
        for c in t.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and t.pos_ == "NOUN"):
                self.add(self.a1, self.names(c))
            elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                self.add(self.a2, self.names(c))
            elif c.dep_ == "prep" and c.lower_ == "between":
                names = self.names(c)
                self.add(self.a1, names[:1])
                self.add(self.a2, names[1:])
            elif (
                c.dep_ == "prep"
                and c.lower_ == "from"
                and self.trig.cls in ("capture", "strategic")
                or c.dep_ == "prep"
                and c.lower_ == "with"
                and t is self.tok
                and self.trig.cls == "clash"
            ):
                self.add(self.a2, self.names(c))


# a step may return the name of the finer rule that added the names (else the step's own name is used)
_Step = Callable[[_Parse], "str | None"]
ROLE_STEPS: list[tuple[str, _Step]] = []


def _step(name: str) -> Callable[[_Step], _Step]:
    def deco(fn: _Step) -> _Step:
        ROLE_STEPS.append((name, fn))
        return fn

    return deco


@_step("noun's own words")
def _noun_words(s: _Parse) -> None:
    """A trigger noun's possessor, modifiers, 'from X', 'carried out by X'."""
    tok, nationalities = s.tok, s.dic.nationalities.get("adjectives", {})
    if s.verb is not None:
        return
    for c in tok.children:
        if c.dep_ == "poss" and c.lower_ in ("its", "their"):
            # "its attacks on ISIS": the nearest named side before the pronoun
            before = [m for m in s.ments if m.end <= s.base + c.idx and m.name not in ("Syrian rebels", "rebels")]
            s.add(s.a1, [before[-1].name] if before else [])
        elif c.dep_ == "poss":
            s.add(s.a1, s.names(c) or _nationality(c, nationalities))
        elif c.dep_ in ("compound", "amod", "nmod", "npadvmod"):
            # "Taliban attack", "Russian airstrikes"; not "Manchester bombing" (a place names no side)
            s.add(s.a1, _names_in(list(c.subtree), s.base, s.ments) or _nationality(c, nationalities))
        elif c.dep_ == "prep" and c.lower_ == "from" and s.trig.cls in ("remote", "vac", "abduction"):
            s.add(s.a1, s.names(c))  # "a suicide bomber from the Nusra Front"
        elif c.dep_ == "acl":  # "the massacre carried out by Russian warplanes", "a blast claimed by IS"
            for cc in c.children:
                if cc.dep_ == "agent":
                    s.add(s.a1, s.names(cc))


@_step("noun's prepositions")
def _noun_preps(s: _Parse) -> None:
    if s.verb is not None:
        return
    s.preps(s.tok)
    s.own_a1 = bool(s.a1)


@_step("noun's verb")
def _noun_verb(s: _Parse) -> str | None:
    """The verb a trigger noun hangs on (NOUN_VERB); the step is named by the rule that linked it."""
    if s.verb is not None:
        return None
    d = NOUN_VERB.decide(s)
    if d is None:
        return None
    if d.value is not None:
        s.verb, s.instrument = d.value
    return d.rule


# NOUN_VERB: a trigger noun's link to its verb; a rule returns (verb, instrument) when it applies
NOUN_VERB: Rules[_Parse, tuple[Any, bool]] = Rules("trigger noun's verb")


@NOUN_VERB.rule("object of a verb")
def _object_of_verb(s: _Parse) -> tuple[Any, bool] | None:
    tok, head = s.tok, s.tok.head
    if tok.dep_ in ("dobj", "attr", "conj", "appos") and head.pos_ in ("VERB", "AUX"):
        # "X condemned the attack": X did not attack
        return (head if head.lemma_ not in _REACTION_VERBS else None), False
    return None


@NOUN_VERB.rule("weapon's victims")
def _weapon_victims(s: _Parse) -> tuple[Any, bool] | None:
    # "a roadside bomb killed one U.S. soldier", "servicemen were killed by an IED": the victims
    tok = s.tok
    if tok.dep_ not in ("nsubj", "pobj") or _victim_verb(tok) is None:
        return None
    for c in _victim_verb(tok).children:
        if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and c is not tok and tok.dep_ == "pobj"):
            s.add(s.a2, [n for n in s.names(c) if n not in s.a1])
    return None, False


def _prep_verb(s: _Parse) -> Any:
    """The verb a trigger noun hangs on through a preposition ('with rockets', 'in an ambush')."""
    tok, head = s.tok, s.tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


@NOUN_VERB.rule("instrument of a verb")
def _instrument(s: _Parse) -> tuple[Any, bool] | None:
    outer = _prep_verb(s)
    if outer is not None and s.tok.head.lower_ in ("with", "using") and outer.lemma_ not in _CASUALTY_VERBS:
        return outer, True  # "crushed the towns with rockets": its subject fired them
    return None


@NOUN_VERB.rule("circumstance of a casualty verb")
def _casualty_circumstance(s: _Parse) -> tuple[Any, bool] | None:
    # "fighters were killed by X in an ambush": X acted; the victims' side was acted on
    outer = _prep_verb(s)
    if outer is None or outer.lemma_ not in _CASUALTY_VERBS:
        return None
    victims: list[str] = []
    for c in outer.children:
        if c.dep_ == "agent":
            s.add(s.a1, s.names(c))
        elif c.dep_ in ("nsubjpass", "nsubj"):
            victims = s.names(c)
    if s.a1:
        s.add(s.a2, victims)
    elif s.a2:  # "killed in clashes with X": X is the other side
        s.a1, s.a2 = list(s.a2), []
        s.add(s.a2, [v for v in victims if v not in s.a1])
    else:
        s.add(s.a1, victims)
    return None, False


@_step("subject resisted the attack")
def _resisted(s: _Parse) -> None:
    # "fended off an attack by rebel fighters": the attack's own author acts; the verb's subject resisted
    if s.verb is None or not s.own_a1:
        return
    if not s.a2 and s.verb.lemma_ not in _LIGHT_VERBS:
        for c in s.verb.children:
            if c.dep_ == "nsubj":
                s.add(s.a2, [n for n in s.names(c) if n not in s.a1])
    s.verb = None


@_step("verb's prepositions")
def _verb_preps(s: _Parse) -> None:
    if s.verb is not None and (s.verb is s.tok or s.instrument or s.tok.dep_ in ("dobj", "attr")):
        s.preps(s.verb)


@_step("verb's object")
def _verb_object(s: _Parse) -> None:
    if s.verb is None or not (s.verb is s.tok or s.instrument):
        return
    for c in s.verb.children:
        if c.dep_ == "dobj" and s.trig.cls != "capture":
            s.add(s.a2, s.names(c))
        elif c.dep_ == "dobj":
            # a capture's object is a place; its owner is the side that lost it ("overran
            # Hezbollah's positions", "stormed Islamic State bases")
            owners = [cc for cc in c.children if cc.dep_ in ("poss", "compound")]
            if c.lower_ in _HELD_NOUNS or c.lemma_.lower() in _HELD_NOUNS:
                s.add(s.a2, [n for o in owners for n in _names_in(list(o.subtree), s.base, s.ments)])


@_step("subject of the clause")
def _clause_subject(s: _Parse) -> str | None:
    """From the verb up through its clauses (at most four) to the one that names the actor; named
    by the CLIMB rules that added names ("clause: active subject")."""
    if s.verb is None:
        return None
    v = s.verb
    named: list[str] = []
    for _ in range(4):
        if s.a1 and v is not s.verb:
            break  # the author is known ("the town seized by Hezbollah"): do not climb to the speaker
        before = (list(s.a1), list(s.a2))
        d = CLIMB.decide((s, v))
        if d is not None and (s.a1, s.a2) != before:
            named.append(d.rule)
        if d is None or d.value is None:
            break
        v = d.value
    s.top = v
    return f"clause: {' + '.join(named)}" if named else None


def _verb_above(v: Any) -> Any:
    for _ in range(3):
        if v.pos_ in ("VERB", "AUX") or v.head is v:
            break
        v = v.head
    return v


# CLIMB: one step up from verb v; a rule returns the next verb, NOTHING to stop there, or None to pass
CLIMB: Rules[tuple[_Parse, Any], Any] = Rules("climb to the actor's clause")


def _passive(v: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


@CLIMB.rule("passive: agent acts")
def _passive_agent(sv: tuple[_Parse, Any]) -> Any:
    s, v = sv
    if not (_passive(s.verb) and v is s.verb):
        return None
    for c in v.children:
        if c.dep_ == "nsubjpass":
            s.add(s.a2, s.names(c))
    for c in v.children:
        if c.dep_ == "agent":
            s.add(s.a1, s.names(c))
    return NOTHING if s.a1 else None


@CLIMB.rule("active subject")
def _active_subject(sv: tuple[_Parse, Any]) -> Any:
    s, v = sv
    if _passive(s.verb) and v is s.verb:
        return None  # the passive verb's subject is acted on (read above)
    active = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
    if not active:
        return None
    for c in active:
        s.add(s.a1, s.names(c))
    return NOTHING


@CLIMB.rule("participle: the noun was acted on")
def _participle_noun(sv: tuple[_Parse, Any]) -> Any:
    # "the two soldiers, kidnapped by the Nusra Front": the noun is who it was done to
    s, v = sv
    if not (v.dep_ == "acl" and v.tag_ == "VBN" and v.head is not v):
        return None
    words = [v.head, *[c for c in v.head.children if c.dep_ in ("compound", "amod")]]
    s.add(s.a2, [n for n in _names_in(words, s.base, s.ments) if n not in s.a1])
    return NOTHING


@CLIMB.rule("relative clause: the noun acts")
def _relative_clause(sv: tuple[_Parse, Any]) -> Any:
    s, v = sv
    if not (v.dep_ in ("relcl", "acl") and v.head is not v):
        return None
    if v.head.dep_ in ("nsubj", "nsubjpass", "ROOT", "appos") or v.dep_ == "relcl":
        words = [v.head, *[c for c in v.head.children if c.dep_ in ("compound", "amod")]]
        s.add(s.a1, _names_in(words, s.base, s.ments))
        return NOTHING
    return _verb_above(v.head)


@CLIMB.rule("up a subordinate clause")
def _subordinate(sv: tuple[_Parse, Any]) -> Any:
    _, v = sv
    if v.dep_ in ("advcl", "xcomp", "conj", "pcomp", "dep") and v.head is not v:
        return _verb_above(v.head)
    return None


@_step("target of the clause climbed to")
def _climbed_target(s: _Parse) -> None:
    # "launched attacks against X, capturing three villages": X is acted on by the capture too
    v = s.top
    if s.verb is None or s.a2 or v is s.verb:
        return
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in ("against", "on", "targeting"):
            s.add(s.a2, s.names(c))
        elif c.dep_ == "dobj":
            for cc in c.children:
                if cc.dep_ == "prep" and cc.lower_ in ("against", "on", "targeting"):
                    s.add(s.a2, s.names(cc))


def _roles_from_parse(
    base: int, tok: Any, trig: Trigger, ments: list[ActorMention], dic: ActorDictionary
) -> tuple[list[str], list[str], list[str]]:
    """actor1 and actor2 from the trigger's parse (ROLE_STEPS in order), and the steps that named them."""
    s = _Parse(base, tok, trig, ments, dic, verb=tok if tok.pos_ in ("VERB", "AUX") else None)
    for name, fn in ROLE_STEPS:
        before = (list(s.a1), list(s.a2))
        finer = fn(s)
        if (s.a1, s.a2) != before and (finer or name) not in s.steps:
            s.steps.append(finer or name)
    return s.a1, [n for n in s.a2 if n not in s.a1], s.steps


def _victim_verb(tok: Any) -> Any:
    """The casualty verb a weapon noun is the cause of: 'a bomb killed X', 'killed by an IED'."""
    head = tok.head
    if tok.dep_ == "nsubj" and head.lemma_ in _CASUALTY_VERBS:
        return head
    if tok.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_ in _CASUALTY_VERBS:
        return head.head
    return None


def _nationality(tok: Any, nationalities: dict[str, str]) -> list[str]:
    """'U.S. raids', 'Russian airstrikes', 'Syrian air strikes': the adjective names the side."""
    for t in tok.subtree:
        name = nationalities.get(t.text) or nationalities.get(t.text.rstrip("."))
        if name:
            return [name]
    return []


def _held_by(text: str, trig: Trigger, ments: list[ActorMention]) -> list[str]:
    """'rebel-held X', 'Hezbollah held towns', 'X held by Y' near a trigger: the side that held it."""
    out = []
    for m in ments:
        if -80 <= m.start - trig.end <= 60 and (
            re.match(r"\s*[-‐]?\s*(?:held|controlled)\b", text[m.end : m.end + 14])
            or re.search(r"\b(?:held|controlled|occupied)\s+by\s+(?:the\s+)?$", text[max(0, m.start - 25) : m.start])
        ):
            out.append(m.name)
    return out


_JOIN = re.compile(
    r"^\s*(?:,|and|&|,\s*and|as\s+well\s+as|alongside|backed\s+by|supported\s+by|allied\s+with|with)?\s*"
    r"(?:the\s+|allied\s+|militants\s+from\s+|fighters\s+from\s+)?$",
    re.I,
)


def _sides(text: str, ments: list[ActorMention]) -> list[list[ActorMention]]:
    """Mentions grouped into sides: names joined by 'and', commas, 'backed by' are one side."""
    groups: list[list[ActorMention]] = []
    for m in ments:
        if groups and _JOIN.match(text[groups[-1][-1].end : m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _is_holder(text: str, m: ActorMention) -> bool:
    return bool(re.match(r"\s*[-‐]?\s*(?:held|controlled)\b", text[m.end : m.end + 14]))


def _roles_linear(text: str, trig: Trigger, ments: list[ActorMention]) -> tuple[list[str], list[str]]:
    """No parse roles: the side just before the trigger acts, the side after it is acted on."""
    usable = [m for m in ments if not _is_holder(text, m)]
    near = [m for m in usable if m.end <= trig.start and not _CLAUSE_BREAK.search(text[m.end : trig.start])]
    before = _sides(text, near)
    after = _sides(text, [m for m in usable if m.start >= trig.end and m.start - trig.end <= 160])
    a1 = _uniq(before[-1]) if before else []
    a2: list[str] = []
    if after:
        if not a1 and trig.cls == "clash":
            a1 = _uniq(after[0])
            a2 = [n for n in _uniq(after[1]) if n not in a1] if len(after) > 1 else []
        elif trig.cls != "capture":
            a2 = [n for n in _uniq(after[0]) if n not in a1]
    return a1, a2


_BETWEEN_AND = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:,\s*)?and\s+(?:the\s+)?$", re.I)


def _between(text: str, trig: Trigger, ments: list[ActorMention]) -> tuple[list[str], list[str]] | None:
    """'fighting broke out between A and B', 'clashes between A and B': A acts, B is acted on."""
    m = re.compile(r"\bbetween\s+(?:the\s+)?", re.I).search(text, trig.end, trig.end + 60)
    if m is None or _CLAUSE_BREAK.search(text[trig.end : m.start()]):
        return None
    after = [x for x in ments if x.start >= m.end() and x.start - m.end() <= 120]
    if not after or text[m.end() : after[0].start].strip():
        return None
    for i in range(1, len(after)):
        if _BETWEEN_AND.match(text[after[i - 1].end : after[i].start]):
            first, second = _uniq(after[:i]), [after[i].name]
            return (first, second) if second[0] not in first else None
    return None


def _uniq(ms: list[ActorMention]) -> list[str]:
    return list(dict.fromkeys(m.name for m in ms))


def _by_agent(text: str, trig: Trigger, ments: list[ActorMention]) -> list[str]:
    """'... overrun in an offensive spearheaded by Hezbollah': a 'by X' shortly after the trigger."""
    out: list[ActorMention] = []
    for m in ments:
        if (
            trig.end <= m.start <= trig.end + 70
            and re.search(r"\b(?:by|spearheaded\s+by|led\s+by)\s+(?:the\s+)?$", text[max(0, m.start - 20) : m.start])
            and not re.search(
                r"\b(?:held|controlled|occupied|besieged)\s+by\s+(?:the\s+)?$", text[max(0, m.start - 30) : m.start]
            )
        ):
            side = next(g for g in _sides(text, [x for x in ments if x.start >= m.start]) if g)
            out.extend(side)
            break
    return _uniq(out)


def _metadata_line(text: str) -> bool:
    _, _, rules = lexicon()
    return bool(re.match(rf"^\s*(?:{'|'.join(rules['metadata_prefixes'])})\s*:", text, re.I))


def _not_an_occurrence(tok: Any, mentions: list[_Mention], si: int) -> bool:
    """A trigger that names no happening of its own: 'a staging ground for attacks' (purpose), or
    'were killed during the fighting' right after that fighting was told (a casualty reference)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "for" and head.head.pos_ in ("NOUN", "PROPN"):
        return True
    if tok.dep_ == "amod" and tok.tag_ in ("VBN", "JJ") and tok.head.lemma_ in _STATE_NOUN_HEADS:
        return True  # "the besieged villages", "the embattled town": a state, not a happening
    if _habitual(tok):
        return True
    if tok.dep_ == "pobj" and head.lower_ in ("in", "during", "amid") and head.head.lemma_ in _CASUALTY_VERBS:
        det = [c.lower_ for c in tok.children if c.dep_ == "det"]
        if det[:1] == ["the"] and mentions and si - mentions[-1].sentence <= 2:
            return True
    return False


def _civilian_target(text: str, trig: Trigger, offset: int, a2: list[str], holders: list[str]) -> bool:
    """A strike on a town, village or market ('pounded the rebel-held towns of', 'a market was hit by
    missiles'), or one that killed civilians, has civilians as the side acted on (ACLED), not the
    side that holds the place. A named armed target keeps its place."""
    if any(a not in holders for a in a2):
        return False
    rel = trig.end - offset
    return bool(
        _CIV_OBJECT.match(text[rel : rel + 90])
        or _CIV_SUBJECT.search(text[: trig.start - offset])
        or _CIVILIAN_VICTIMS.search(text)
    )


def _habitual(tok: Any) -> bool:
    """A generic or habitual statement, not an occurrence: a simple-present verb ('its jets strike only
    militants', 'the group routinely shells the town') under a reporting verb or with a frequency word."""
    from warlog.extract.modality import cues

    if tok.pos_ != "VERB" or tok.tag_ not in ("VBP", "VBZ"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    habitual = set(cues().get("habitual", []))
    words = {c.lower_ for c in tok.subtree}
    head = tok.head
    if tok.dep_ == "ccomp" and head is not tok:  # "X has repeatedly said its jets strike ..."
        words |= {c.lower_ for c in head.children if c.dep_ == "advmod"}
    return bool(words & habitual)


def _assoc(text: str, ments: list[ActorMention], a1: list[str]) -> list[str]:
    """Actors of actor1 introduced by 'backed by', 'alongside', 'with the support of' (allies)."""
    _, _, rules = lexicon()
    cues = "|".join(re.escape(c) for c in rules["assoc"])
    rx = re.compile(rf"\b(?:{cues})\s+(?:(?:the|militants|fighters|troops|from|of|X|and|,)\s*)*$", re.I)
    out = []
    for m in ments:
        if m.name not in a1 or m.name in out:
            continue
        a = max(0, m.start - 70)
        left = text[a : m.start]
        for o in ments:
            if a <= o.start and o.end <= m.start:
                left = left[: o.start - a] + "X" * (o.end - o.start) + left[o.end - a :]
        left = re.sub(r"X+", "X", left)
        if rx.search(left):
            out.append(m.name)
    return out


# ---------------------------------------------------------------------------------------------
# Types


def _sub_type(trig: Trigger, text: str, offset: int, a1: list[str], a2: list[str], dic: ActorDictionary) -> str | None:
    from warlog.extract import subtype

    _, _, rules = lexicon()
    ctx = subtype.Context(
        trig.cls, trig.sub, trig.text, text, trig.start - offset, trig.end - offset, a1, a2, dic, rules
    )
    return subtype.decide(ctx)[0]


# ---------------------------------------------------------------------------------------------
# Places


def _event_places(places: list[PlaceMention], actors: list[ActorMention]) -> list[PlaceMention]:
    """Toponyms that can locate an event: not inside an actor's name ('Syrian Army', 'Army of Conquest of X')."""
    out = []
    for p in places:
        if any(a.start < p.end and p.start < a.end for a in actors):
            continue
        if p.name[:1].isupper() and re.fullmatch(r"[A-Z][a-z]+(?:ian|ese|i|ish|an)", p.name) and p.feature == "country":
            continue  # a demonym ("Syrian", "Lebanese") names no place
        out.append(p)
    return sorted(out, key=lambda p: p.start)


def _not_parties(places: list[PlaceMention], doc: Document, parses: dict[int, Any]) -> list[PlaceMention]:
    """Drop toponyms that name a party in a parsed sentence (a state that speaks, a sponsor, a seat)."""
    out = []
    for p in places:
        si = doc.sentence_at(p.start)
        parse = parses.get(si)
        if parse is not None:
            base = doc.sentences[si].start
            toks = [t for t in parse if base + t.idx < p.end and p.start < base + t.idx + len(t.text)]
            if event_place.not_a_location(toks):
                continue
        out.append(p)
    return out


def _bare_list_item(a: PlaceMention, b: PlaceMention, gap: str) -> bool:
    """'the towns of Kafranbil Saraqeb and Binnish': scraped text that lost its commas still lists
    places; two resolved towns side by side with only a space between them are two items."""
    fine = ("country", "admin1", "admin2", "region")
    return (
        gap.isspace()
        and a.resolved
        and b.resolved
        and a.feature not in fine
        and b.feature not in fine
        and _place_key(a) != _place_key(b)
    )


def _groups(sent_places: list[PlaceMention], text_of: Any) -> list[list[PlaceMention]]:
    groups: list[list[PlaceMention]] = []
    for p in sent_places:
        gap = text_of(groups[-1][-1].end, p.start) if groups else ""
        if groups and (_LIST_GAP.match(gap) or _bare_list_item(groups[-1][-1], p, gap)):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _places_for(
    doc: Document,
    si: int,
    trig: Trigger,
    triggers: list[Trigger],
    sent_places: list[PlaceMention],
    all_places: list[PlaceMention],
    event_location: PlaceResolver,
) -> list[tuple[PlaceMention | None, str]]:
    text = doc.text

    def text_of(a: int, b: int) -> str:
        return text[a:b]

    s = doc.sentences[si]
    nxt = min([t.start for t in triggers if t.start > trig.end and t.cls != trig.cls] + [s.end])
    groups = _groups(sent_places, text_of)
    after = [g for g in groups if g[0].start >= trig.end and g[0].start < nxt and g[0].start - trig.end <= 300]
    if after:
        g = _finest(after[0])
        lead = text[max(s.start, g[0].start - 40) : g[0].start].lower()
        if len(g) > 1 and "between" not in lead:
            return [(p, "list") for p in g]
        return [(g[0], "object")]
    own = _head_place(doc, si, trig, sent_places)
    if own is not None:
        return [(own, "object")]
    loc = event_location(doc, si, (trig.start, trig.end), all_places)
    if loc is not None:
        return [(loc, "geo")]
    before = [p for p in sent_places if p.end <= trig.start]
    if before:
        fine = [p for p in before if p.feature != "country"] or before
        return [(fine[-1], "sentence")]
    return [(None, "")]


def _head_place(doc: Document, si: int, trig: Trigger, sent_places: list[PlaceMention]) -> PlaceMention | None:
    """'Qusayr, a rebel-held town ... that was overrun': the place a relative clause describes."""
    parse = doc.parsed.get(si)
    if parse is None or not sent_places:
        return None
    base = doc.sentences[si].start
    lead = doc.text[max(base, trig.start - 24) : trig.start]
    if re.search(r"\b(?:that|which)\s+(?:was|were|had\s+been|has\s+been)\s+$", lead):
        # "Qusayr, a rebel-held town ... that was overrun": the appositive's place, whatever the parse says
        for p in reversed([p for p in sent_places if 0 < trig.start - p.end <= 140]):
            if re.match(r",\s+(?:a|an|the)\b", doc.text[p.end : p.end + 6]):
                return p
    tok = _token_at(parse, trig.start - base, trig.end - base)
    if tok is None or tok.dep_ not in ("relcl", "acl"):
        return None
    head = tok.head
    for h in (head, head.head if head.dep_ == "appos" else None):
        if h is None:
            continue
        a, b = base + h.idx, base + h.idx + len(h.text)
        for p in sent_places:
            if p.start < b and a < p.end:
                return p
    return None


def _finest(group: list[PlaceMention]) -> list[PlaceMention]:
    fine = [p for p in group if p.feature != "country"]
    return fine or group


def _context_places(mentions: list[_Mention], places: list[PlaceMention]) -> None:
    """An event the text places nowhere takes the nearest earlier event's place (same or previous
    sentence), else the article's main region, at a coarser precision."""
    main = _main_place(places)
    for i, m in enumerate(mentions):
        if m.place is not None:
            continue
        prev = next((p for p in reversed(mentions[:i]) if p.place is not None and m.sentence - p.sentence <= 1), None)
        if prev is not None:
            m.place, m.place_from = _coarser(prev.place, 2), "context"
        elif main is not None:
            m.place, m.place_from = _coarser(main, 3), "region"


def _main_place(places: list[PlaceMention]) -> PlaceMention | None:
    counts: dict[str, list[PlaceMention]] = {}
    for p in places:
        if p.feature == "country":
            continue
        counts.setdefault(_place_key(p), []).append(p)
    if not counts:
        return None
    best = max(counts.values(), key=len)
    if len(best) < 2:
        return None
    resolved = [p for p in best if p.resolved]
    return (resolved or best)[0]


def _coarser(p: PlaceMention | None, precision: int) -> PlaceMention | None:
    if p is None:
        return None
    from dataclasses import replace

    return replace(p, precision=max(p.precision or 1, precision))


def _place_key(p: PlaceMention | None) -> str:
    if p is None:
        return ""
    return fold(p.canonical or p.name)


# ---------------------------------------------------------------------------------------------
# Emission, merging


def _worth_emitting(m: _Mention, published: DateValue | None = None, theatre: dict[str, int] | None = None) -> bool:
    if m.place is None and m.date is None:
        return False
    if _background_history(m, published) or _foreign_country(m, theatre or {}):
        return False
    return not (not m.actor1 and not m.actor2 and m.place_from in ("region", ""))


def _background_history(m: _Mention, published: DateValue | None) -> bool:
    """'The war, which started in March 2011 with protests': placed only at a country, dated only to a
    month or coarser, months before publication: background history, not an event to code."""
    if not _coarse(m.place) or m.date is None or m.date.precision in ("day", "week") or not m.date.start:
        return False
    if published is None or not published.start:
        return False
    from datetime import date

    try:
        gap = (date.fromisoformat(published.start[:10]) - date.fromisoformat(m.date.start[:10])).days
    except ValueError:
        return False
    return gap > 90


def _foreign_country(m: _Mention, theatre: dict[str, int]) -> bool:
    """A mention placed only at a country other than the article's theatre ('U.S.', 'Turkey' in an
    article on Aleppo) names a party or a context, not where the event happened. The theatre must be
    clear: at least two towns or districts in one country, none in the mention's country."""
    if m.place is None or m.place.feature != "country" or not m.place.country or not theatre:
        return False
    main = max(theatre, key=lambda c: theatre[c])
    return theatre[main] >= 2 and m.place.country != main and not theatre.get(m.place.country)


def _theatre(places: list[PlaceMention]) -> dict[str, int]:
    """How many of the article's resolved sub-national places lie in each country."""
    counts: dict[str, int] = {}
    for p in places:
        if p.resolved and p.country and p.feature != "country":
            counts[p.country] = counts.get(p.country, 0) + 1
    return counts


_STRATEGIC = set(EVENT_TYPES["Strategic developments"])
_TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}


_DATELINE = re.compile(r"^\s*[A-Z][A-Z'’. -]{2,}(?:,[^\n]{0,80}?\d{4}[^\n]{0,60}?)?\s[-–—]{1,2}\s")


def _without_dateline(doc: Document, dates: list[DateMention]) -> list[DateMention]:
    """A dateline's date ('MOSUL, Iraq, Dec. 8, 2016 (Agency) - ...') is when the story was filed, not
    when its first sentence's event happened ('... on Wednesday'); the publication date covers it."""
    cuts = []
    for s in doc.sentences[:3]:
        m = _DATELINE.match(s.text)
        if m:
            cuts.append((s.start, s.start + m.end()))
    return [d for d in dates if not any(a <= d.start and d.end <= b for a, b in cuts)]


def _fold_same_sentence(mentions: list[_Mention]) -> list[_Mention]:
    """One sentence, one place, one date: a weapon-typed event absorbs the generic reading of the same
    words ('fired rockets at X' is not also a clash at X; 'a suicide car bomb exploded' is not also an
    IED). Actors of the folded reading are kept."""
    _, _, rules = lexicon()
    generic = set(rules["generic_explosions"])
    out: list[_Mention] = []
    for m in mentions:
        keep = True
        for o in mentions:
            if o is m or o.sentence != m.sentence or not _dates_compatible(o.date, m.date, 0):
                continue
            if _place_key(o.place) != _place_key(m.place):
                continue
            if m.actor1 and o.actor1 and not set(m.actor1) & set(o.actor1):
                continue  # 'X clashed with Y amid Z's air strikes': two acts by different sides
            o_remote = o.sub in EVENT_TYPES["Explosions/Remote violence"]
            if (m.sub == "Armed clash" and (o_remote or o.sub in _TERRITORY)) or (
                m.sub == "Remote explosive/landmine/IED"
                and o_remote
                and o.sub != m.sub
                and _key(m.trigger.text) in generic
            ):
                keep = False
                for a in m.actor1:
                    if a not in o.actor1 and a not in o.actor2:
                        o.actor1.append(a)
                for a in m.actor2:
                    if a not in o.actor2 and a not in o.actor1:
                        o.actor2.append(a)
                break
        if keep:
            out.append(m)
    return out


def _denied_next(doc: Document, mentions: list[_Mention]) -> None:
    """'Activists accused helicopters of bombing X. A military source denied that any aircraft had
    targeted X.': a party's denial in the next sentence, naming the same place, makes the event denied."""
    from warlog.extract.modality import cues

    rx = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in cues().get("denial_next_sentence", [])) + r")\b", re.I)
    for m in mentions:
        if m.modality not in ("claimed", "asserted") or m.place is None or m.sentence + 1 >= len(doc.sentences):
            continue
        nxt = doc.sentences[m.sentence + 1].text
        name = doc.text[m.place.start : m.place.end]
        hit = rx.search(nxt)
        if hit and name and name in nxt[hit.end() :]:
            m.modality = "denied"


def _fold_headline(mentions: list[_Mention], doc: Document) -> list[_Mention]:
    """A headline (first sentence) summarises the story: its event is the body's event of the same
    sub-type and sides, whatever date the headline alone would get."""
    if not mentions:
        return mentions
    heads = set()
    for i, s in enumerate(doc.sentences[:4]):
        if s.text.rstrip().endswith((".", '"', "”", "!", "?")) or "\n" not in doc.text[s.end : s.end + 3]:
            break  # the story has begun
        heads.add(i)
    out = []
    for m in mentions:
        if m.sentence in heads:
            body = [o for o in mentions if o.sentence not in heads and o.sub == m.sub]
            if body:
                body.sort(key=lambda o: not (not m.actor1 or not o.actor1 or set(m.actor1) & set(o.actor1)))
                for a in m.actor2:
                    if not body[0].actor2:
                        body[0].actor2.append(a)
                continue
        out.append(m)
    return out


def _dates_compatible(a: DateValue | None, b: DateValue | None, slack: int = 1) -> bool:
    if a is None or b is None or not a.start or not b.start:
        return True
    from datetime import date

    try:
        a0, a1 = date.fromisoformat(a.start[:10]), date.fromisoformat((a.end or a.start)[:10])
        b0, b1 = date.fromisoformat(b.start[:10]), date.fromisoformat((b.end or b.start)[:10])
    except ValueError:
        return a.start == b.start
    return (a0 - b1).days <= slack and (b0 - a1).days <= slack


def _same_place(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None:
        return False
    if _place_key(a) == _place_key(b):
        return True
    if a.resolved and b.resolved:
        return abs(a.lat - b.lat) < 0.02 and abs(a.lon - b.lon) < 0.02  # type: ignore[operator]
    return False


def _coarse(p: PlaceMention | None) -> bool:
    return p is None or p.feature in ("country", "region")


def _absorb_into(o: _Mention, m: _Mention) -> None:
    """Merge mention m into o: sides, sources, the finer date; a happening the article states in its own
    voice anywhere is asserted (the CODEBOOK's rule), its sources kept."""
    for a in m.actor1:
        if a not in o.actor1 and a not in o.actor2:
            o.actor1.append(a)
    for a in m.actor2:
        if a not in o.actor2 and a not in o.actor1:
            o.actor2.append(a)
    for a in m.attributed_to:
        if a not in o.attributed_to:
            o.attributed_to.append(a)
    if o.date is None or (m.date and o.date.precision != "day" and m.date.precision == "day"):
        o.date = m.date
    if m.modality == "asserted" and o.modality == "claimed":
        o.modality = "asserted"


def _sides_agree(a: list[str], b: list[str]) -> bool:
    """Two readings of one happening: either names no acting side, or they share one."""
    return not a or not b or bool(set(a) & set(b))


def _fold(
    mentions: list[_Mention],
    folds: Callable[[_Mention], bool],
    fits: Callable[[_Mention, _Mention], bool],
) -> list[_Mention]:
    """One event once: a mention that `folds` joins the first other mention it `fits` (in text order),
    which takes its evidence (`_absorb_into`); the others are kept."""
    out: list[_Mention] = []
    for m in mentions:
        target = next((o for o in mentions if o is not m and fits(m, o)), None) if folds(m) else None
        if target is not None:
            _absorb_into(target, m)
            continue
        out.append(m)
    return out


def _fold_coarse(mentions: list[_Mention]) -> list[_Mention]:
    """A mention placed only at a country (a headline's 'in Syria', a summary) folds into a mention of
    the same event type with a finer place in that country and a compatible date and sides, anywhere in
    the article."""
    return _fold(
        mentions,
        lambda m: _coarse(m.place),
        lambda m, o: (
            not _coarse(o.place)
            and SUB_EVENT_TYPES[o.sub] == SUB_EVENT_TYPES[m.sub]
            and (m.place is None or o.place is None or m.place.country in (None, o.place.country))
            and _dates_compatible(o.date, m.date, 1)
            and _sides_agree(o.actor1, m.actor1)
        ),
    )


_REFERRING = re.compile(r"\b(?:the|this|these|those|that|such|both|its|their)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _near(a: PlaceMention | None, b: PlaceMention | None, km: float = 25.0) -> bool:
    if a is None or b is None:
        return True
    if _place_key(a) == _place_key(b):
        return True
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:  # both resolved
        from math import cos, radians, sqrt

        dy = (a.lat - b.lat) * 111.0
        dx = (a.lon - b.lon) * 111.0 * cos(radians(a.lat))
        return sqrt(dx * dx + dy * dy) <= km
    return False


def _fold_references(mentions: list[_Mention], doc: Document) -> list[_Mention]:
    """A generic 'attack(s)' that refers to a happening already told ('the attack', 'these attacks', or
    an unattributed 'terrorist attacks in Aleppo' beside the shelling of an Aleppo district) is that
    happening, not a clash of its own; it folds into the nearest told event of a compatible date and
    place, whatever its type."""
    _, _, rules = lexicon()
    generic = set(rules["generic_attacks"])

    def folds(m: _Mention) -> bool:
        if m.sub != "Armed clash" or _key(m.trigger.text) not in generic:
            return False
        lead = doc.text[max(0, m.trigger.start - 40) : m.trigger.start]
        return bool(_REFERRING.search(lead)) or (not m.actor1 and not m.actor2)

    return _fold(
        mentions,
        folds,
        lambda m, o: (
            o.sub != "Armed clash"
            and _dates_compatible(o.date, m.date, 1)
            and _near(o.place, m.place)
            and _sides_agree(m.actor1, o.actor1)
        ),
    )


def _merge(mentions: list[_Mention]) -> list[_Mention]:
    out: list[_Mention] = []
    for m in mentions:
        for o in out:
            if (
                o.sub == m.sub
                and _same_place(o.place, m.place)
                and _dates_compatible(o.date, m.date, 7 if m.sub in _TERRITORY else 1)
                and _sides_agree(o.actor1, m.actor1)
                and (
                    o.sub not in _STRATEGIC
                    or _key(o.trigger.text) == _key(m.trigger.text)
                    or (o.actor2 and set(o.actor2) == set(m.actor2))
                )
            ):
                _absorb_into(o, m)
                break
        else:
            out.append(m)
    return out


def _evidence(doc: Document, m: _Mention) -> tuple[str, int, int]:
    s = doc.sentences[m.sentence]
    if s.end - s.start <= 220:
        return s.text, s.start, s.end
    a = max(s.start, m.trigger.start - 100)
    b = min(s.end, m.trigger.end + 110)
    while a > s.start and not doc.text[a - 1].isspace():
        a += 1
    while b < s.end and not doc.text[b].isspace():
        b -= 1
    return doc.text[a:b], a, b


def _to_event(doc: Document, article: Article, n: int, m: _Mention) -> Event:
    ev, start, end = _evidence(doc, m)
    return Event(
        id=f"{article.id}-e{n}",
        event_type=SUB_EVENT_TYPES[m.sub],
        sub_event_type=m.sub,
        date=m.date,
        location=m.place,
        actor1=list(m.actor1),
        actor2=list(m.actor2),
        assoc_actors=list(m.assoc),
        modality=m.modality,
        attributed_to=list(m.attributed_to),
        evidence=ev,
        start=start,
        end=end,
        trigger=m.trigger.text,
        article=article.id,
        roles_rule=m.roles_rule,
    )


def _pronoun_subject(tok: Any) -> Any:
    """The pronoun subject of the trigger's clause ('they stormed', 'it continued ... by capturing')."""
    t = tok
    for _ in range(4):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _PRONOUNS:
                return c
            if c.dep_ == "nsubj" and c.lemma_ in _GROUP_ANAPHORS and any(d.lower_ == "the" for d in c.children):
                return c  # "Mosul, which the group overran": the group named before
            if c.dep_ in ("nsubj", "nsubjpass"):
                # "its fighters had captured": the owner named by the pronoun acts
                if c.lemma_ not in ("fighter", "force", "troop", "militant", "member", "unit", "militiaman", "soldier"):
                    return None
                return next((p for p in c.children if p.dep_ == "poss" and p.lower_ in ("its", "their")), None)
        if t.head is t:
            break
        t = t.head
    return None


def _object_antecedent(
    doc: Document, si: int, tok: Any, a1: list[str], actors: list[ActorMention], dic: ActorDictionary
) -> list[str]:
    """'defeat them ... capturing many of their bases': the acted-on side named by a pronoun is the
    nearest named party before the sentence that is not the acting side."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "conj":
        objs += [c for c in verb.head.children if c.dep_ == "dobj"]
    if not any(t.lower_ in ("them", "their", "its", "it") for o in objs for t in o.subtree):
        return []
    start = doc.sentences[si].start
    lo = doc.sentences[max(0, si - 1)].start
    for m in reversed([m for m in actors if lo <= m.start < start]):
        a = dic.get(m.name)
        if m.name in a1 or not dic.combatant(m.name) or (a is not None and not a.aliases):
            continue
        if m.name in ("Syrian rebels", "rebels", "government forces"):
            continue  # a descriptor ("the two factions") is too loose to stand for a pronoun
        return [m.name]
    return []


def _antecedent(
    doc: Document, si: int, pronoun: Any, mentions: list[_Mention], actors: list[ActorMention], dic: ActorDictionary
) -> list[str]:
    """Who 'they' / 'it' is: the acting side of an earlier event in the same sentence, else the
    nearest combatant named before the pronoun (this or the previous sentence)."""
    same = [m for m in mentions if m.sentence == si and m.actor1]
    if same:
        return list(same[-1].actor1)
    at = doc.sentences[si].start + pronoun.idx
    lo = doc.sentences[max(0, si - 1)].start
    before = [m for m in actors if lo <= m.start and m.end <= at and dic.combatant(m.name)]
    return [before[-1].name] if before else []
