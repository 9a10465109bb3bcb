"""A figure the article repeats is one claim (claims.REPEAT_RULES). Texts written for the tests;
the first line of a text is its headline."""

import pytest

from warlog.extract import ActorDictionary, find_actors, find_claims
from warlog.extract.claims import REPEAT_RULES
from warlog.model import Article
from warlog.nlp import Document


@pytest.fixture(scope="module")
def ad():
    return ActorDictionary.load()


def _claims(text, ad):
    doc = Document(text)
    return find_claims(doc, article=Article(id="t", text=text), actors=find_actors(doc, ad), events=[], dictionary=ad)


def test_rules_are_named_in_order():
    assert [r.__name__ for r in REPEAT_RULES] == ["_headline_repeat", "_bare_repeat"]


@pytest.mark.parametrize(
    "text,kept",
    [
        # headline "20" and body "at least 20": the body's reading, with its source
        (
            "Air raids kill 20 Islamic State militants near Raqqa\n"
            "At least 20 Islamic State militants were killed in air strikes on Raqqa, the Observatory said.",
            [("killed", 20, None)],
        ),
        # a headline rounds: "over 300" for 312
        (
            "Over 300 civilians killed in a week of shelling\n"
            "At least 312 civilians were killed in the past week, the coalition's media office said.",
            [("killed", 312, None)],
        ),
        # "40" in the headline, "more than 40" in the body
        (
            "40 fighters killed near the dam in fierce clashes\nMore than 40 fighters were killed near the dam on Monday.",
            [("killed", 41, None)],
        ),
        # a body figure far from the headline's is a claim of its own
        (
            "Car bomb kills 12 people in busy market\n"
            "The blast killed 12 people. Three days earlier, a car bomb killed 45 people in the same town.",
            [("killed", 12, 12), ("killed", 45, 45)],
        ),
        # a part in the headline ("including two women") is not the body's two other people
        (
            "Four killed including two women in rocket attacks\n"
            "A woman was killed in Aleppo. Later two more people were killed in Homs.",
            [("killed", 4, 4), ("killed", 2, 2), ("killed", 2, 2)],
        ),
        # bare "killed 80" and hedged "at least 80" for the same people: one claim, the hedged one
        (
            "Rights groups said security forces killed 80 protesters in the city on Sunday. On Sunday the troops "
            "killed at least 80 protesters in the city, rights groups said.",
            [("killed", 80, None)],
        ),
    ],
)
def test_repeated_figure_is_one_claim(text, kept, ad):
    got = sorted((c.kind, c.low, c.high) for c in _claims(text, ad))
    assert got == sorted(kept)


def test_headline_repeat_keeps_the_body_source(ad):
    text = (
        "Air raids kill 20 Islamic State militants near Raqqa\n"
        "At least 20 Islamic State militants were killed in air strikes on Raqqa, the Observatory said."
    )
    (c,) = _claims(text, ad)
    assert c.claimant == "Syrian Observatory for Human Rights"


def test_figures_in_a_page_list_of_other_stories_are_not_claims(ad):
    body = "Shelling killed 14 civilians in the town on Monday, the Observatory said. " + (
        "Residents fled to the hills as the strikes went on. " * 4
    )
    links = "Related News Car bomb kills 30 in the capital Ten soldiers die in an ambush in the north"
    got = [(c.kind, c.low) for c in _claims(body + links, ad)]
    assert got == [("killed", 14)]


def test_a_related_news_marker_at_the_top_does_not_cut_the_article(ad):
    text = "Related News\nShelling killed 14 civilians in the town on Monday, the Observatory said."
    assert [(c.kind, c.low) for c in _claims(text, ad)] == [("killed", 14)]
