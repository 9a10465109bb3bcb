"""Sub-event types: each named rule of warlog.extract.subtype on sentences written for the tests, and
every one of ACLED's 25 sub-types read end to end from a sentence."""

from __future__ import annotations

import pytest

from warlog import dates, geo
from warlog.extract import ActorDictionary, find_actors, find_events
from warlog.extract import subtype as st
from warlog.extract.events import find_triggers, lexicon
from warlog.model import SUB_EVENT_TYPES, Article, DateValue, PlaceMention
from warlog.nlp import Document


@pytest.fixture(scope="module")
def dic() -> ActorDictionary:
    return ActorDictionary.load()


def decide(dic: ActorDictionary, sentence: str, trigger: str, a1=(), a2=()) -> tuple[str | None, str]:
    """The rules' answer for the trigger phrase `trigger` as the lexicon finds it in `sentence`."""
    found = [t for t in find_triggers(sentence) if t.text.lower() == trigger.lower()]
    assert found, f"no trigger {trigger!r} in {sentence!r}: {[t.text for t in find_triggers(sentence)]}"
    t = found[0]
    _, _, rules = lexicon()
    ctx = st.Context(t.cls, t.sub, t.text, sentence, t.start, t.end, list(a1), list(a2), dic, rules)
    return st.decide(ctx)


# (sentence, trigger, actor1, actor2, expected sub-type (None: no event), expected rule)
RULE_CASES = [
    # no event
    (
        "The home side beat the visitors 3-0 on Sunday, with an attacking display in the first half.",
        "attacking",
        [],
        [],
        None,
        "not_a_happening",
    ),
    ("The central bank said its fight against inflation was far from over.", "fight", [], [], None, "not_a_happening"),
    ("Riot police lined the avenue before the speech.", "Riot", [], [], None, "riot_gear_is_no_riot"),
    # explosions and their disruption
    (
        "An artillery shell exploded by accident during a training exercise at the range, wounding a cadet.",
        "exploded",
        [],
        [],
        "Other",
        "accidental_blast",
    ),
    (
        "Engineers defused a roadside bomb left under a culvert near the market.",
        "roadside bomb",
        [],
        [],
        "Disrupted weapons use",
        "weapon_stopped",
    ),
    (
        "Air defences intercepted two missiles fired at the port city overnight.",
        "missiles",
        [],
        [],
        "Disrupted weapons use",
        "weapon_stopped",
    ),
    (
        "A farmer found an unexploded mortar shell in his field that later exploded, killing his son.",
        "mortar",
        [],
        [],
        "Remote explosive/landmine/IED",
        "ordnance_left_behind",
    ),
    (
        "Soldiers said the rockets that hit their trench released a choking gas.",
        "rockets",
        [],
        [],
        "Chemical weapon",
        "chemical_payload",
    ),
    (
        "A militant rammed a car packed with explosives into the checkpoint at dawn.",
        "packed with explosives",
        [],
        [],
        "Suicide bomb",
        "bomber_died_with_bomb",
    ),
    (
        "Army helicopters fired rockets at a hideout in the hills on Friday.",
        "rockets",
        [],
        [],
        "Air/drone strike",
        "fired_from_the_air",
    ),
    # territory
    (
        "Soldiers seized a stash of rifles and grenades from a farmhouse outside the town.",
        "seized",
        [],
        [],
        "Disrupted weapons use",
        "weapons_taken",
    ),
    (
        "Gunmen raided the cattle market and carted away goats and grain, though no one was hurt.",
        "raided",
        [],
        [],
        "Looting/property destruction",
        "raid_for_loot",
    ),
    (
        "Bandits seized nine passengers from a minibus on the highway.",
        "seized",
        [],
        [],
        "Abduction/forced disappearance",
        "people_taken",
    ),
    ("The rebels captured three soldiers in the raid.", "captured", [], [], None, "people_taken"),
    (
        "Gunmen stormed the hamlet at night and shot villagers in their beds.",
        "stormed",
        [],
        [],
        "Attack",
        "raid_on_civilians",
    ),
    (
        "Militants took over the district centre without a fight after the garrison left.",
        "took over",
        [],
        [],
        "Non-violent transfer of territory",
        "taken_without_fight",
    ),
    (
        "Government troops recaptured the river port on Tuesday.",
        "recaptured",
        [],
        [],
        "Government regains territory",
        "territory_by_side",
    ),
    (
        "Separatist rebels overran the border town on Tuesday.",
        "overran",
        [],
        [],
        "Non-state actor overtakes territory",
        "territory_by_side",
    ),
    # demonstrations and crowds
    (
        "Protesters threw stones at police and set fire to a bus outside the ministry.",
        "Protesters",
        [],
        [],
        "Violent demonstration",
        "demonstrators_violent",
    ),
    (
        "Students demanding lower fees torched a police kiosk near the campus.",
        "torched",
        [],
        [],
        "Violent demonstration",
        "demonstrators_violent",
    ),
    (
        "A mob beat a man accused of theft until he died in the market square.",
        "beat",
        [],
        [],
        "Mob violence",
        "crowd_violence",
    ),
    (
        "Rival supporters fought with sticks and machetes outside the counting centre.",
        "fought",
        [],
        [],
        "Mob violence",
        "crowd_violence",
    ),
    (
        "Police opened fire on protesters outside the governor's office, killing four.",
        "protesters",
        [],
        [],
        "Excessive force against protesters",
        "force_on_protesters",
    ),
    (
        "Police fired tear gas to disperse the demonstrators blocking the bridge.",
        "demonstrators",
        [],
        [],
        "Protest with intervention",
        "force_on_protesters",
    ),
    (
        "Police detained thirty people who had gathered in the square to protest the tax.",
        "detained",
        [],
        [],
        "Protest with intervention",
        "force_on_protesters",
    ),
    (
        "Hundreds of teachers held a rally outside parliament to demand higher pay.",
        "rally",
        [],
        [],
        "Peaceful protest",
        "force_on_protesters",
    ),
    (
        "Settlers set fire to houses in the village and beat residents, leaving one man dead.",
        "set fire to",
        [],
        [],
        "Attack",
        "harm_outweighs_property",
    ),
    # violence against civilians and armed clashes
    (
        "Warplanes carried out raids on the eastern suburbs on Monday.",
        "raids",
        [],
        [],
        "Air/drone strike",
        "generic_attack_weapon",
    ),
    ("Workers began a strike at the car plant on Monday.", "strike", [], [], None, "generic_attack_weapon"),
    (
        "Gunmen attacked worshippers leaving a church on Sunday.",
        "attacked",
        [],
        [],
        "Attack",
        "unarmed_target",
    ),
    (
        "Gunmen shot dead two soldiers at a checkpoint on the coast road.",
        "shot dead",
        [],
        [],
        "Armed clash",
        "armed_target",
    ),
    (
        "Unknown men shot dead a radio presenter outside his home.",
        "shot dead",
        [],
        [],
        "Attack",
        "armed_target",
    ),
    (
        "Troops and insurgents fought for several hours near the dam.",
        "fought",
        [],
        [],
        "Armed clash",
        "clash_or_killing",
    ),
    # strategic developments
    (
        "Men in plain clothes arrested the blogger and his whereabouts remain unknown.",
        "arrested",
        [],
        [],
        "Abduction/forced disappearance",
        "disappeared_after_arrest",
    ),
    (
        "The militia arrested four traders at its roadblock.",
        "arrested",
        ["Islamic State"],
        [],
        "Abduction/forced disappearance",
        "arrest_by_nonstate",
    ),
    (
        "Police arrested four men suspected of smuggling fuel.",
        "arrested",
        ["Police Forces"],
        [],
        "Arrests",
        "trigger_default",
    ),
    (
        "The militia handed over twelve hostages to the Red Cross at the crossing.",
        "handed over",
        [],
        [],
        "Agreement",
        "agreement_hands_territory",
    ),
    (
        "The army handed over the barracks to the regional police.",
        "handed over",
        [],
        [],
        "Non-violent transfer of territory",
        "trigger_default",
    ),
]


@pytest.mark.parametrize(("sentence", "trigger", "a1", "a2", "expected", "rule"), RULE_CASES)
def test_rule(dic, sentence, trigger, a1, a2, expected, rule):
    assert decide(dic, sentence, trigger, a1, a2) == (expected, rule)


def test_every_rule_has_a_case():
    assert {name for name, _ in st.RULES} <= {case[-1] for case in RULE_CASES}


# ---------------------------------------------------------------------------------------------
# End to end: the first event of a sentence, every sub-type


def places_in(text, names):
    out = []
    for k, name in enumerate(names):
        i = text.index(name)
        out.append(
            PlaceMention(
                name=name, start=i, end=i + len(name), lat=10.0 + k / 10, lon=20.0, country="XX",
                feature="populated place", precision=1,
            )
        )  # fmt: skip
    return out


def first_sub(text, dic, place):
    doc = Document(text)
    art = Article(id="t", text=text, published=DateValue("2024-06-15"))
    evs = find_events(
        doc,
        article=art,
        actors=find_actors(doc, dic),
        places=places_in(text, [place]),
        dates=[],
        dictionary=dic,
        event_date=dates.event_date,
        event_location=geo.event_location,
    )
    return evs[0].sub_event_type if evs else None


END_TO_END = [
    ("Soldiers and rebels clashed for hours near Varento on Monday.", "Varento", "Armed clash"),
    ("Government troops recaptured Varento from the rebels on Monday.", "Varento", "Government regains territory"),
    ("Rebel fighters overran Varento after a night of fighting.", "Varento", "Non-state actor overtakes territory"),
    ("Shells containing chlorine gas hit trenches near Varento on Monday.", "Varento", "Chemical weapon"),
    ("An air strike hit a weapons depot in Varento on Monday.", "Varento", "Air/drone strike"),
    ("A suicide bomber blew himself up at a bus station in Varento on Monday.", "Varento", "Suicide bomb"),
    (
        "Mortar fire hit the centre of Varento on Monday, wounding two women.",
        "Varento",
        "Shelling/artillery/missile attack",
    ),
    ("A roadside bomb struck a police truck near Varento on Monday.", "Varento", "Remote explosive/landmine/IED"),
    ("A grenade was hurled into a bar in Varento on Monday, wounding five people.", "Varento", "Grenade"),
    ("Militiamen raped two women in Varento on Monday, a rights group said.", "Varento", "Sexual violence"),
    ("Gunmen attacked farmers in their fields near Varento on Monday, killing six.", "Varento", "Attack"),
    ("Gunmen kidnapped a priest in Varento on Monday.", "Varento", "Abduction/forced disappearance"),
    ("Hundreds of nurses held a sit-in in Varento on Monday to demand back pay.", "Varento", "Peaceful protest"),
    ("Police fired tear gas at demonstrators in Varento on Monday.", "Varento", "Protest with intervention"),
    (
        "Security forces opened fire on protesters in Varento on Monday, killing seven.",
        "Varento",
        "Excessive force against protesters",
    ),
    ("Protesters threw stones at police and burned tyres in Varento on Monday.", "Varento", "Violent demonstration"),
    ("A mob lynched a suspected thief in Varento on Monday.", "Varento", "Mob violence"),
    ("The two armed groups signed a ceasefire agreement in Varento on Monday.", "Varento", "Agreement"),
    ("Police arrested twelve men in Varento on Monday.", "Varento", "Arrests"),
    ("Two armed factions merged into a new group in Varento on Monday.", "Varento", "Change to group/activity"),
    ("Engineers defused a car bomb in Varento on Monday.", "Varento", "Disrupted weapons use"),
    ("The insurgents set up a new base in Varento on Monday.", "Varento", "Headquarters or base established"),
    ("Fighters looted shops in Varento on Monday.", "Varento", "Looting/property destruction"),
    (
        "The army withdrew from Varento on Monday, handing the town to the police.",
        "Varento",
        "Non-violent transfer of territory",
    ),
    ("Investigators exhumed a mass grave in Varento on Monday.", "Varento", "Other"),
]


def test_end_to_end_covers_every_sub_type():
    assert {c[-1] for c in END_TO_END} == set(SUB_EVENT_TYPES)


@pytest.mark.parametrize(("text", "place", "expected"), END_TO_END)
def test_first_event_sub_type(dic, text, place, expected):
    assert first_sub(text, dic, place) == expected


NO_EVENT = [
    ("The finance minister said the budget would cut fuel subsidies next year.", "finance"),
    ("Varento beat Portilla 2-1 in the cup final on Sunday, storming back after the break.", "Varento"),
    ("Inflation in Varento rose to 9 percent in May, the statistics office said.", "Varento"),
]


@pytest.mark.parametrize(("text", "place"), NO_EVENT)
def test_no_event(dic, text, place):
    assert first_sub(text, dic, place) is None
