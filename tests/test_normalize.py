"""warlog.normalize: the name folds, each for its use, and the one Arabic article list."""

from __future__ import annotations

import pytest

from warlog import lexicon
from warlog.normalize import actor_fold, articles, key, match_fold, name_fold, skeleton, surface


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Qalamoun", "Qalamun"),
        ("Yabroud", "Yabrud"),
        ("Al-Qusayr", "Qusayr"),
        ("ash-Shaddadi", "Shaddadi"),
        ("Deir ez-Zor", "Deir Zor"),
        ("Hama", "Hamah"),
    ],
)
def test_key_folds_spelling_variants(a, b):
    assert key(a) == key(b)


def test_key_of_arabic_script_drops_the_article():
    assert key("القصير") == key("قصير") == "ar:قصير"


def test_skeleton_keeps_consonants():
    assert skeleton(key("Zabadani")) == "zbdn"


def test_surface_keeps_spelling():
    assert surface("Al-Qusayr") == "alqusayr"
    assert surface("Media") != surface("Madaya")


def test_actor_fold_meets_transliterations():
    assert actor_fold("Nusrah") == actor_fold("Nusra")
    assert actor_fold("Qalamoun") == actor_fold("Qalamoon")
    assert actor_fold("Hamas") != actor_fold("Hezbollah")


def test_name_fold_drops_articles_and_vowel_spellings():
    assert name_fold("Al-Qusayr") == name_fold("Qusayr")
    assert name_fold("the Qalamoon") == name_fold("Qalamun")


def test_match_fold_only_accents_case_and_hyphens():
    assert match_fold("Ḥaraka al-Nūr") == "haraka al nur"


def test_every_article_set_is_drawn_from_the_one_list():
    data = lexicon.common("transliteration")
    every = set(data["arabic_articles"]) | {"the"}
    for use in data["article_sets"]:
        assert set(articles(use)) <= every, use


def test_unknown_article_set_is_named():
    with pytest.raises(lexicon.LexiconError, match="transliteration.json: no article set 'nope'"):
        articles("nope")
