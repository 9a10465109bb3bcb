"""Sub-event types: ACLED's 25 sub-types decided by named rules over an event's trigger, its sides
and the words around it.

The trigger lexicon (`warlog/data/en/triggers.json`) proposes a class ("capture", "clash", "remote",
"vac", "abduction", "protest", "riot", "strategic", "weak") and a default sub-type. The rules here
draw the distinctions ACLED's codebook draws:

- protest vs riot: did the demonstrators themselves use violence (stones, arson, barricades of
  burning tyres, clashes with police)? Then it is a violent demonstration;
- intervention vs excessive force: force met a peaceful protest; was it lethal or did it injure
  gravely (live fire, protesters killed or shot)? Then it is excessive force, else intervention;
- a crowd's violence outside a demonstration (a lynching, a mob burning a house) is mob violence;
- attack vs armed clash: was the side acted on armed and organised? Unarmed people make an attack;
- disrupted weapons use vs the weapon's own type: was the weapon stopped (defused, intercepted,
  shot down, found, seized) before it did harm?
- agreement vs non-violent transfer of territory: did territory change hands without fighting?

Each rule is a small named function in the ordered list ``RULES``: it gets a ``Context`` and
returns a sub-type, ``NO_EVENT`` (the trigger tells no event: a sports result, a market report) or
None (not its case). ``decide`` runs them in order and returns ``(sub_type or None, rule name)``.
The cue words live in triggers.json under "subtype".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from warlog import lexicon

NO_EVENT = ""  # a rule's answer: these words tell no event


@lru_cache(maxsize=1)
def cues() -> dict[str, re.Pattern[str]]:
    """The cue lists of triggers.json's "subtype" section, each as one whole-word regex."""
    data = lexicon.load("triggers")
    out = {}
    for name, words in data.get("subtype", {}).items():
        if name == "about":
            continue
        out[name] = _rx(words)
    return out


def _rx(words: list[str]) -> re.Pattern[str]:
    parts = []
    for w in sorted(words, key=len, reverse=True):
        toks = w.split()
        last = len(toks) - 1
        pieces = []
        for i, x in enumerate(toks):
            if x == "*":
                pieces.append(r"[\w'’-]+(?:\s+[\w'’-]+){0,4}")  # any one to five words
            else:
                pieces.append(re.escape(x.rstrip("*")) + (r"\w*" if i == last and x.endswith("*") else ""))
        parts.append(r"[\s\-]+".join(pieces))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])" if parts else r"(?!x)x", re.I)


@dataclass
class Context:
    cls: str  # trigger class
    sub: str  # the trigger's default sub-type
    trigger: str  # the trigger's words
    text: str  # the sentence
    start: int  # trigger span, relative to the sentence
    end: int
    a1: list[str] = field(default_factory=list)
    a2: list[str] = field(default_factory=list)
    dic: Any = None  # ActorDictionary
    rules: dict[str, Any] = field(default_factory=dict)  # triggers.json "rules"

    @cached_property
    def low(self) -> str:
        return self.text.lower()

    @property
    def key(self) -> str:
        return re.sub(r"[\s\-‐]+", " ", self.trigger.lower()).strip()

    @property
    def before(self) -> str:
        return self.text[: self.start]

    @property
    def after(self) -> str:
        return self.text[self.end :]

    def has(self, cue: str, where: str | None = None) -> bool:
        return bool(cues()[cue].search(self.text if where is None else where))

    def words(self, name: str) -> set[str]:
        return set(self.rules.get(name, []))

    def combatant(self, name: str) -> bool:
        return self.dic.combatant(name) if self.dic is not None else True

    def pro_government(self, name: str) -> bool:
        return self.dic.pro_government(name) if self.dic is not None else False

    @property
    def a1_state(self) -> bool:
        return any(self.pro_government(a) for a in self.a1)

    @property
    def civilians_only(self) -> bool:
        return bool(self.a2) and all(not self.combatant(a) for a in self.a2)

    def crowd_acts(self) -> bool:
        if self.dic is None:
            return False
        for a in self.a1:
            actor = self.dic.get(a)
            if actor is not None and actor.type == "Rioters":
                return True
        return False


Rule = Callable[[Context], "str | None"]


def _object_words(ctx: Context, n: int = 50) -> set[str]:
    head = re.split(r"[,.;]| in | from | near | at ", ctx.after[:n].lower())[0]
    return set(re.findall(r"[a-z]+", head))


# ---------------------------------------------------------------------------------------------
# No event


_SCORE = lexicon.pattern("triggers", "subtype_rules", "score")


def not_a_happening(ctx: Context) -> str | None:
    """A sports result, a market or economic report, the weather, a figure of speech ('the fight
    against inflation', 'storming the opposition's defence'): no event. Only for the generic words
    (clash, weak, capture, agreement); a weapon or a protest word is not a figure of speech."""
    if ctx.cls not in ("clash", "weak", "capture", "vac") and ctx.sub != "Agreement":
        return None
    if ctx.has("not_conflict") or _SCORE.search(ctx.text):
        return NO_EVENT
    return None


def riot_gear_is_no_riot(ctx: Context) -> str | None:
    """'riot police', 'riot shields', 'anti-riot units': the police's gear, not a riot."""
    if ctx.cls == "riot" and ctx.has("riot_gear", ctx.text[max(0, ctx.start - 5) : ctx.end + 12]):
        return NO_EVENT
    return None


# ---------------------------------------------------------------------------------------------
# Explosions and their disruption


def accidental_blast(ctx: Context) -> str | None:
    """An explosion or crash that no one caused on purpose (a depot fire, a grenade going off in
    training, a technical fault): a strategic development of the 'Other' kind, not an attack."""
    if ctx.cls in ("remote", "strategic") and ctx.has("accident_cues"):
        return "Other"
    return None


_CLAUSE_END = lexicon.pattern("triggers", "subtype_rules", "clause_end", re.I)


def weapon_stopped(ctx: Context) -> str | None:
    """A weapon stopped before it did harm (a bomb defused or made safe, a missile or drone
    intercepted or shot down, a plot foiled), or found or seized before it was used: disrupted
    weapons use, not the weapon's own type. A weapon found that then killed is the weapon's."""
    if ctx.cls not in ("remote", "strategic", "capture", "clash", "vac"):
        return None
    if ctx.sub == "Disrupted weapons use":
        return "Disrupted weapons use"
    near = ctx.before[-70:] + " " + _CLAUSE_END.split(ctx.after[:60])[0]
    if ctx.cls == "remote" and (
        ctx.has("weapon_stopped", near) or (ctx.has("weapon_found", near) and not ctx.has("harm"))
    ):
        return "Disrupted weapons use"
    if ctx.cls in ("clash", "vac") and ctx.has("plot_foiled"):
        return "Disrupted weapons use"
    return None


def ordnance_left_behind(ctx: Context) -> str | None:
    """An old shell or bomb left behind (unexploded ordnance, war remnants) that goes off when found
    or handled: a remote explosive, not shelling or an air strike."""
    remote = ctx.cls == "remote" and ctx.sub in ("Shelling/artillery/missile attack", "Air/drone strike", "Grenade")
    if remote and ctx.has("ordnance_left") and ctx.has("harm"):
        return "Remote explosive/landmine/IED"
    return None


def chemical_payload(ctx: Context) -> str | None:
    """A shell, rocket, bomb or grenade that carries a chemical (chlorine, a toxic or choking gas,
    an irritant): a chemical weapon, whatever delivered it."""
    if ctx.cls == "remote" and ctx.sub != "Chemical weapon" and ctx.has("chemical_cues"):
        if re.search(r"\btear[\s-]*gas\b", ctx.low) and not re.search(r"\b(?:chlorine|mustard|sarin|toxic)\b", ctx.low):
            return None
        return "Chemical weapon"
    return None


def bomber_died_with_bomb(ctx: Context) -> str | None:
    """A bomb its carrier set off on himself (driven or rammed into the target, worn as a belt or
    vest): a suicide bomb, not a remote explosive."""
    if ctx.cls == "remote" and ctx.sub == "Remote explosive/landmine/IED" and ctx.has("suicide_cues"):
        return "Suicide bomb"
    return None


def fired_from_the_air(ctx: Context) -> str | None:
    """Rockets, missiles or bombs fired from aircraft, helicopters or drones: an air/drone strike."""
    if (
        ctx.cls == "remote"
        and ctx.sub == "Shelling/artillery/missile attack"
        and ctx.has("air_platforms", ctx.before[-60:])
    ):
        return "Air/drone strike"
    return None


def weapons_taken(ctx: Context) -> str | None:
    """'seized weapons', 'captured ammunition': weapons are no territory. Seizing arms disrupts their
    use; a known non-state group taking them loots. Goods taken (stocks, food, livestock) are
    looting."""
    if ctx.cls != "capture":
        return None
    words = _object_words(ctx)
    if words & ctx.words("territory_objects"):
        return None
    if words & ctx.words("weapon_objects"):
        known_nonstate = bool(ctx.a1) and all(
            ctx.dic is not None and ctx.dic.get(a) is not None and not ctx.pro_government(a) for a in ctx.a1
        )
        return "Looting/property destruction" if known_nonstate else "Disrupted weapons use"
    if ctx.has("goods", ctx.after[:50]):
        return "Looting/property destruction"
    return None


# ---------------------------------------------------------------------------------------------
# Territory


_OBJECT_END = lexicon.pattern("triggers", "subtype_rules", "object_end", re.I)


def people_taken(ctx: Context) -> str | None:
    """'seized 15 passengers', 'captured two aid workers': civilians taken are abducted;
    'captured three soldiers': fighters taken prisoner are a claim, not territory."""
    if ctx.cls != "capture":
        return None
    words = _object_words(ctx)
    if words & ctx.words("territory_objects"):
        return None
    if ctx.has("civilian_people", _OBJECT_END.split(ctx.after[:45])[0]):
        return "Abduction/forced disappearance"
    if words & ctx.words("people_objects"):
        return NO_EVENT
    return None


def raid_on_civilians(ctx: Context) -> str | None:
    """Armed men storm a village and shoot or hack its residents: a one-sided attack on civilians,
    not a capture of territory."""
    if ctx.cls == "capture" and ctx.key.startswith("storm") and _civilian_harm(ctx):
        return "Attack"
    return None


def taken_without_fight(ctx: Context) -> str | None:
    """Territory taken without fighting ('without a shot fired', 'after the army withdrew',
    'handed over to'): a non-violent transfer of territory; after a battle it is a capture."""
    if ctx.cls == "capture" and ctx.has("without_fight") and not ctx.has("fighting_cues"):
        return "Non-violent transfer of territory"
    return None


def _state_named(name: str) -> bool:
    return bool(cues()["state_in_name"].search(name)) and not cues()["nonstate_in_name"].search(name)


def territory_by_side(ctx: Context) -> str | None:
    """Who took the territory decides: state forces and their allies regain it, anyone else
    overtakes it. A side the dictionary does not know is read from its name ('Somali National
    Army troops', 'Forces loyal to the government'); with no side named, the side that lost it,
    who held it, a retaking word ('recaptured', 'took back') or the nouns before the trigger."""
    if ctx.cls != "capture":
        return None
    if ctx.a1:
        known = [a for a in ctx.a1 if ctx.dic is None or ctx.dic.get(a) is not None]
        if ctx.a1_state:
            return "Government regains territory"
        if known:
            return "Non-state actor overtakes territory"
        lead = " ".join(ctx.a1) + " " + ctx.before
        state, nonstate = ctx.has("state_in_name", lead), ctx.has("nonstate_in_name", lead)
        if state and not nonstate:
            return "Government regains territory"
        return "Non-state actor overtakes territory"
    if ctx.a2:
        if any(ctx.pro_government(a) for a in ctx.a2):
            return "Non-state actor overtakes territory"
        return "Government regains territory"
    if re.search(r"\b(?:rebel|opposition|militant|jihadist|insurgent)[\s-]+(?:held|controlled)\b", ctx.low):
        return "Government regains territory"
    if re.search(r"\b(?:regime|government|army)[\s-]+(?:held|controlled)\b", ctx.low):
        return "Non-state actor overtakes territory"
    lead = ctx.before
    state, nonstate = ctx.has("state_in_name", lead), ctx.has("nonstate_in_name", lead)
    if state and not nonstate:
        return "Government regains territory"
    if nonstate and not state:
        return "Non-state actor overtakes territory"
    if ctx.has("retaking", ctx.trigger):
        return "Government regains territory"
    return "Non-state actor overtakes territory"


# ---------------------------------------------------------------------------------------------
# Demonstrations and crowds


_MARCH = lexicon.pattern("triggers", "subtype_rules", "march")


def _protest_context(ctx: Context) -> bool:
    return ctx.cls == "protest" or ctx.has("protest_words") or bool(_MARCH.search(ctx.text))


def demonstrators_violent(ctx: Context) -> str | None:
    """Demonstrators who use violence (stones, petrol bombs, arson, vandalism, barricades of burning
    tyres, fighting the police): a violent demonstration, whatever the police did. The violence may
    be the first thing told ('students torched a police post during a rally')."""
    if ctx.cls == "riot" and ctx.sub == "Violent demonstration":
        return "Violent demonstration"
    if (
        ctx.cls in ("protest", "riot", "strategic", "clash", "vac", "weak")
        and ctx.sub != "Agreement"
        and _protest_context(ctx)
        and ctx.has("protester_violence")
    ):
        return "Violent demonstration"
    return None


_BY_CROWD = lexicon.pattern("triggers", "subtype_rules", "by_crowd", re.I)


def crowd_violence(ctx: Context) -> str | None:
    """A crowd's violence outside a demonstration (a mob lynches a suspect, villagers beat a man,
    rival supporters fight with sticks and stones): mob violence."""
    if ctx.cls == "riot" and ctx.sub == "Mob violence":
        return "Violent demonstration" if _protest_context(ctx) and not ctx.has("mob_words") else "Mob violence"
    if ctx.cls in ("vac", "clash", "weak", "strategic") and ctx.sub not in ("Agreement", "Arrests", "Sexual violence"):
        armed_side = any(
            ctx.dic is not None
            and ctx.dic.get(a) is not None
            and ctx.dic.get(a).type != "Rioters"
            and a not in _GENERIC_SIDES
            for a in ctx.a1
        )
        by_crowd = (ctx.has("mob_words", ctx.before[-80:]) or _BY_CROWD.match(ctx.after)) and not armed_side
        if ((by_crowd and not ctx.has("firearms")) or ctx.key.startswith("lynch")) and not _protest_context(ctx):
            return "Mob violence"
        if ctx.crowd_acts():
            if ctx.civilians_only or not ctx.a2 or ctx.cls == "vac":
                return "Mob violence"
            return "Violent demonstration"
        if ctx.cls in ("clash", "weak", "vac") and ctx.has("crude_weapons") and not ctx.has("firearms"):
            return "Violent demonstration" if _protest_context(ctx) else "Mob violence"
    return None


def force_on_protesters(ctx: Context) -> str | None:
    """Force against peaceful demonstrators: lethal or grave (live fire, protesters killed, skulls
    fractured) is excessive force; dispersal, tear gas, beatings short of that and arrests are
    intervention. Arrests of demonstrators are an intervention in their protest."""
    if ctx.cls == "protest" or (ctx.cls in ("vac", "weak", "clash", "strategic") and _protest_context(ctx)):
        if ctx.has("excessive_force"):
            return "Excessive force against protesters"
        if ctx.has("intervention") or ctx.sub == "Arrests":
            return "Protest with intervention"
        if ctx.cls == "vac":
            return "Excessive force against protesters"
        if ctx.cls == "protest":
            return "Peaceful protest"
    return None


# ---------------------------------------------------------------------------------------------
# Violence against civilians and armed clashes


def generic_attack_weapon(ctx: Context) -> str | None:
    """A generic 'attack', 'raid' or 'strike' takes the type of the weapon its sentence names (air
    cues make an air strike, artillery cues shelling); an air power's raid is an air strike; a bare
    'strike' that names no weapon is no event (a labour strike, a figure of speech)."""
    if ctx.cls not in ("clash", "weak") or ctx.key not in ctx.words("generic_attacks"):
        return None
    if any(re.search(rf"\b{re.escape(w)}\b", ctx.low) for w in ctx.words("air_cues")):
        return "Air/drone strike"
    if any(re.search(rf"\b{re.escape(w)}\b", ctx.low) for w in ctx.words("shelling_cues")):
        return "Shelling/artillery/missile attack"
    if ctx.a1 and all(a in ctx.words("air_powers") for a in ctx.a1):
        return "Air/drone strike"
    if ctx.key in ctx.words("need_weapon"):
        return NO_EVENT
    return None


_HARM = lexicon.pattern("triggers", "subtype_rules", "harm", re.I)


_VICTIMS_HARMED = lexicon.pattern("triggers", "subtype_rules", "victims_harmed", re.I)


def _civilian_harm(ctx: Context) -> bool:
    """Harm told of unarmed people ('shot and hacked residents', 'killing two aid workers', 'more
    than 150 civilians were killed') and not of armed ones."""
    for m in _HARM.finditer(ctx.text):
        window = ctx.text[m.end() : m.end() + 45]
        if ctx.has("unarmed_target", window) and not ctx.has("armed_target", window):
            return True
    for m in _VICTIMS_HARMED.finditer(ctx.text):
        window = ctx.text[max(0, m.start() - 30) : m.start()]
        if ctx.has("unarmed_target", window) and not ctx.has("armed_target", window):
            return True
    return False


# the words for one attack (not a summary like 'attacks', 'strikes', or a siege)
_ONE_SIDED_WORDS = lexicon.words("triggers", "subtype_rules", "one_sided_words", set)


_SAYER = lexicon.pattern("triggers", "subtype_rules", "sayer", re.I)


def unarmed_target(ctx: Context) -> str | None:
    """Violence on people who are not armed and organised (villagers, worshippers, aid workers, a
    journalist): an attack on civilians, not a clash."""
    if ctx.cls == "clash" and ctx.civilians_only:
        return "Attack"
    if ctx.cls in ("clash", "weak"):
        window = _SAYER.sub(" ", _CLAUSE_END.split(ctx.after[:70])[0])
        if ctx.has("unarmed_target", window) and not ctx.has("armed_target", window):
            return "Attack"
        if ctx.key in _ONE_SIDED_WORDS and _civilian_harm(ctx):
            return "Attack"
    return None


_GENERIC_SIDES = lexicon.words("triggers", "subtype_rules", "generic_sides", set)


def armed_target(ctx: Context) -> str | None:
    """A killing word ('shot dead', 'assassinated') whose victims are a known armed side, or soldiers,
    police or fighters: an armed clash, unless the word itself always means unarmed victims (an
    execution, a massacre). Anyone else killed so was attacked."""
    if ctx.cls != "vac" or ctx.sub != "Attack":
        return None
    if ctx.key in ctx.words("always_civilian_victims"):
        return "Attack"
    window = ctx.after[:50]
    if ctx.has("unarmed_target", window):
        return "Attack"
    known_armed = [
        a
        for a in ctx.a2
        if ctx.dic is not None and ctx.dic.get(a) is not None and ctx.combatant(a) and a not in _GENERIC_SIDES
    ]
    if known_armed or ctx.has("armed_target", window):
        return "Armed clash"
    return "Attack"


def clash_or_killing(ctx: Context) -> str | None:
    """A battle word between armed sides is an armed clash; a bare 'killed' is an event only with a
    named attacker: an attack on civilians, or a clash with an armed side."""
    if ctx.cls == "clash":
        return "Armed clash"
    if ctx.cls == "weak":
        if ctx.a1 and ctx.civilians_only:
            return "Attack"
        if ctx.a1 and ctx.a2:
            return "Armed clash"
        return NO_EVENT
    return None


# ---------------------------------------------------------------------------------------------
# Strategic developments


_LEFT_DEAD = lexicon.pattern("triggers", "subtype_rules", "left_dead", re.I)


def harm_outweighs_property(ctx: Context) -> str | None:
    """Homes burned and their people beaten or killed: the violence against civilians is the event,
    not the damage to property."""
    if ctx.sub == "Looting/property destruction" and (_civilian_harm(ctx) or _LEFT_DEAD.search(ctx.text)):
        return "Attack"
    return None


def raid_for_loot(ctx: Context) -> str | None:
    """Armed men raid a market or a village and carry off goods, harming no one: looting."""
    if ctx.cls in ("clash", "capture") and ctx.has("loot_cues") and not _HARM.search(ctx.text):
        return "Looting/property destruction"
    return None


def disappeared_after_arrest(ctx: Context) -> str | None:
    """Someone taken by men who do not say who holds him (whereabouts unknown, custody denied, an
    unmarked car, plain clothes): a forced disappearance, not an arrest."""
    if ctx.sub == "Arrests" and ctx.has("disappeared"):
        return "Abduction/forced disappearance"
    return None


def arrest_by_nonstate(ctx: Context) -> str | None:
    """Arrests are made by state forces (police, soldiers, intelligence agents, 'authorities'); a
    non-state group that 'arrests' or 'detains' abducts."""
    if ctx.sub != "Arrests" or not ctx.a1 or ctx.a1_state:
        return None
    if any(_state_named(a) for a in ctx.a1) or ctx.has("state_agents", ctx.before):
        return None
    return "Abduction/forced disappearance"


def agreement_hands_territory(ctx: Context) -> str | None:
    """A withdrawal or handover of territory (a town, a base, control of an area) is a non-violent
    transfer; a handover of people (prisoners, hostages) is part of an agreement."""
    if ctx.sub != "Non-violent transfer of territory":
        return None
    if ctx.has("people_handed", ctx.after[:50]):
        return "Agreement"
    return None


def trigger_default(ctx: Context) -> str | None:
    """Everything else: the trigger's own sub-type (weapon types, abductions, sexual violence,
    agreements, arrests, changes to a group, bases, looting, transfers)."""
    return ctx.sub


RULES: list[tuple[str, Rule]] = [
    ("not_a_happening", not_a_happening),
    ("riot_gear_is_no_riot", riot_gear_is_no_riot),
    ("accidental_blast", accidental_blast),
    ("ordnance_left_behind", ordnance_left_behind),
    ("weapon_stopped", weapon_stopped),
    ("chemical_payload", chemical_payload),
    ("bomber_died_with_bomb", bomber_died_with_bomb),
    ("fired_from_the_air", fired_from_the_air),
    ("weapons_taken", weapons_taken),
    ("raid_for_loot", raid_for_loot),
    ("people_taken", people_taken),
    ("raid_on_civilians", raid_on_civilians),
    ("taken_without_fight", taken_without_fight),
    ("territory_by_side", territory_by_side),
    ("demonstrators_violent", demonstrators_violent),
    ("crowd_violence", crowd_violence),
    ("force_on_protesters", force_on_protesters),
    ("harm_outweighs_property", harm_outweighs_property),
    ("generic_attack_weapon", generic_attack_weapon),
    ("unarmed_target", unarmed_target),
    ("armed_target", armed_target),
    ("clash_or_killing", clash_or_killing),
    ("disappeared_after_arrest", disappeared_after_arrest),
    ("arrest_by_nonstate", arrest_by_nonstate),
    ("agreement_hands_territory", agreement_hands_territory),
    ("trigger_default", trigger_default),
]


def decide(ctx: Context) -> tuple[str | None, str]:
    """The sub-type of one event mention and the name of the rule that decided it (None: no event)."""
    for name, rule in RULES:
        out = rule(ctx)
        if out is not None:
            return (out or None), name
    return ctx.sub, "trigger_default"
