"""Subject and claimant rules named in issue 13, with the rule each reading says decided it.
Sentences written for the tests; actors from the shipped dictionary."""

import pytest

from warlog.extract import ActorDictionary, find_actors, find_claims
from warlog.extract.claims import SUBJECT_RULES
from warlog.model import Article, Event
from warlog.nlp import Document


@pytest.fixture(scope="module")
def ad():
    return ActorDictionary.load()


def _claims(text, ad, events=None, outlet=None):
    doc = Document(text)
    return find_claims(
        doc,
        article=Article(id="t", text=text, outlet=outlet),
        actors=find_actors(doc, ad),
        events=events or [],
        dictionary=ad,
    )


def _one(claims, low):
    got = [c for c in claims if c.low == low]
    assert len(got) == 1, [(c.low, c.subject) for c in claims]
    return got[0]


SUBJECTS = [
    # (text, figure, subject, rule that decides)
    (  # the attackers: the side that attacked, told in the sentence before; not the defender
        "Nusra Front fighters stormed a Hezbollah outpost in the hills at dawn. Eleven of the attackers were killed.",
        11,
        "Nusra Front",
        "attacking_side",
    ),
    (  # the side doing the killing is never the subject
        "Hezbollah repelled the assault by Islamic State militants near Qusayr, killing and wounding dozens of the "
        "attackers.",
        12,
        "Islamic State",
        "attacking_side",
    ),
    (  # captives named before: "killed by their captors"
        "The militants are still holding nine Lebanese policemen taken during the battle for the town. Two have been "
        "executed by their captors.",
        2,
        "Lebanese Army",
        "captives_named_before",
    ),
    (  # state forces tied to a country no forces of which the text names: the words, not another army
        "Seven Druze security guards kidnapped from Jordan's Mafraq were released on Monday. The Syrian army shelled "
        "Daraa.",
        7,
        "Druze security guards",
        "state_forces_of_country",
    ),
    (  # categories are subjects of their own, beside the total
        "Air strikes killed 30 people, including 6 children and 4 women, in the town.",
        6,
        "children",
        "category_noun",
    ),
    (
        "Air strikes killed 30 people, including 6 children and 4 women, in the town.",
        4,
        "women",
        "category_noun",
    ),
    ("Shelling wounded three paramedics near the hospital.", 3, "medics", "category_noun"),
    (  # a figure that takes its people from a category figure beside it counts civilians
        "Two girls were killed and dozens more were injured in the shelling.",
        12,
        "civilians",
        "cascade",
    ),
    ("Air strikes killed 30 people, including 6 children and 4 women, in the town.", 30, "civilians", "cascade"),
    # one figure for two opposing sides counts no one side
    (
        "At least 70 regime and rebel fighters have been killed in two days of fighting, the Observatory said.",
        70,
        "unknown",
        "both_sides",
    ),
    ("Thirty fighters on both sides died in the battle for the hill.", 30, "unknown", "both_sides"),
    # a whole war's toll of "people" counts fighters and civilians alike
    (
        "More than 230,000 people have been killed in Syria since the conflict began in 2011.",
        230001,
        "unknown",
        "war_toll",
    ),
    ("The war has killed more than 300,000 people, the monitor said.", 300001, "unknown", "war_toll"),
]


@pytest.mark.parametrize("text,figure,subject,rule", SUBJECTS)
def test_subject_rules(text, figure, subject, rule, ad):
    c = _one(_claims(text, ad), figure)
    assert c.subject == subject
    assert c.subject_rule.startswith(rule + ":")


def test_attackers_from_the_linked_event_when_the_text_names_no_attack(ad):
    text = "Two positions came under fire near the border. Nine of the attackers were killed in the fighting."
    ev = Event(id="e1", event_type="Battles", sub_event_type="Armed clash", actor1=["Jaysh al-Islam"], start=0, end=46)
    c = _one(_claims(text, ad, events=[ev]), 9)
    assert c.subject == "Jaysh al-Islam"
    assert "e1" in c.subject_rule


def test_attackers_unresolved_keep_their_words(ad):
    c = _one(_claims("Nine of the attackers were killed.", ad), 9)
    assert c.subject == "attackers"


CLAIMANTS = [
    # (text, figure, claimant, rule that decides)
    (
        "Nusra Front fighters stormed a Hezbollah outpost, the Lebanese daily Al-Safir reported. Eleven of the "
        "attackers were killed, the paper said.",
        11,
        "Al-Safir",
        "reporting verb",
    ),
    ("According to the Red Crescent, 14 people were wounded in the blast.", 14, "Red Crescent", "according to"),
    (  # the body that counted, not "a new toll from" it
        "At least 17 people were killed, according to a new toll from the Red Crescent.",
        17,
        "Red Crescent",
        "according to",
    ),
    ("Shelling killed 5 people in the market.", 5, "article", "article's own voice"),
    (  # a paragraph that goes on with the account its first sentence opened
        "The daily Al-Akhbar reported that Nusra Front fighters stormed a Hezbollah outpost on Sunday. Thirteen of "
        "the attackers were killed in the battle.",
        13,
        "Al-Akhbar",
        "account continued",
    ),
    (
        "According to the Red Crescent, aircraft bombed the market twice on Monday. Twelve people were killed.",
        12,
        "Red Crescent",
        "account continued",
    ),
    (  # a source given at the end of its sentence does not carry on
        "Aircraft bombed the market, the Red Crescent said. Twelve people were killed.",
        12,
        "article",
        "article's own voice",
    ),
    (  # nor past a contrast
        "The Red Crescent said that aircraft bombed the market. But twelve people were killed in the town.",
        12,
        "article",
        "article's own voice",
    ),
    (  # "X reported ... and added"
        "The Red Crescent reported heavy shelling of the town and added that 9 people were wounded.",
        9,
        "Red Crescent",
        "reporting verb",
    ),
]


@pytest.mark.parametrize("text,figure,claimant,rule", CLAIMANTS)
def test_claimant_rules(text, figure, claimant, rule, ad):
    c = _one(_claims(text, ad), figure)
    assert c.claimant == claimant
    assert c.claimant_rule.startswith(rule)


def test_own_voice_names_the_outlet(ad):
    c = _one(_claims("Shelling killed 5 people in the market.", ad, outlet="Levant Times"), 5)
    assert (c.claimant, c.claimant_rule) == ("Levant Times", "article's own voice: outlet Levant Times")


def test_rules_are_an_ordered_list_of_named_functions():
    assert SUBJECT_RULES.names()[:2] == ["category_noun", "attacking_side"]


@pytest.mark.parametrize(
    "text,figure",
    [
        # two counts joined by "and" are not one figure for two sides
        ("The Observatory said 30 regime soldiers and 39 rebels were killed.", 30),
        # a day's toll of people is not a war's toll
        ("At least 12 people were killed in shelling on the town on Monday.", 12),
    ],
)
def test_one_side_figures_are_not_read_as_both_sides(text, figure, ad):
    c = _one(_claims(text, ad), figure)
    assert c.subject != "unknown"
    assert not c.subject_rule.startswith(("both_sides", "war_toll"))
