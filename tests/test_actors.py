"""Actor dictionary and matcher: aliases, transliterations, descriptors in context, new groups, user files."""

import json

import pytest

from warlog.extract import ActorDictionary, find_actors
from warlog.nlp import Document


@pytest.fixture(scope="module")
def actors():
    return ActorDictionary.load()


def names(text, actors):
    return [(m.text, m.name) for m in find_actors(Document(text), actors)]


def test_aliases_and_transliterations(actors):
    got = names("Hizbullah and Jabhat al-Nusrah fighters clashed with Daesh near Ahrar ash-Sham positions.", actors)
    assert got == [
        ("Hizbullah", "Hezbollah"),
        ("Jabhat al-Nusrah fighters", "Nusra Front"),
        ("Daesh", "Islamic State"),
        ("Ahrar ash-Sham", "Ahrar al-Sham"),
    ]


def test_acronym_needs_capitals(actors):
    got = names("It is clear that IS fighters attacked the town.", actors)
    assert got == [("IS fighters", "Islamic State")]


def test_army_resolved_by_country_focus(actors):
    lebanon = "The Lebanese town of Arsal was calm. In Lebanon, the army arrested two men in Beirut."
    syria = "In Syria, the army shelled Aleppo; Damascus said the Syrian troops advanced near Homs."
    assert ("army", "Lebanese Army") in names(lebanon, actors)
    assert ("army", "Syrian Arab Army") in names(syria, actors)


def test_regime_forces_and_rebels_descriptors(actors):
    got = names("Regime forces shelled rebel-held districts of Aleppo in Syria.", actors)
    assert got[0] == ("Regime forces", "Syrian Arab Army")
    assert ("rebel", "Syrian rebels") in got


def test_resistance_is_hezbollah_only_where_hezbollah_is_named(actors):
    with_hezbollah = "Hezbollah said the Resistance repelled an attack near the Lebanese border in Lebanon."
    without = "The French Resistance is a subject of history books."
    assert ("Resistance", "Hezbollah") in names(with_hezbollah, actors)
    assert names(without, actors) == []


def test_nationality_plus_force_noun(actors):
    got = names("Russian warplanes and Israeli jets struck targets.", actors)
    assert got == [("Russian warplanes", "Russia"), ("Israeli jets", "Israel")]


def test_unknown_groups_become_actors(actors):
    got = find_actors(Document("Fighters of Liwa al-Haqq and the Omari Brigade took part in the battle."), actors)
    new = [(m.text, m.known) for m in got if not m.known]
    assert ("Liwa al-Haqq", False) in new
    assert ("Omari Brigade", False) in new


def test_regional_variant_of_a_coalition(actors):
    got = names("In Qalamoun, Jaysh al-Fateh attacked Hezbollah.", actors)
    assert ("Jaysh al-Fateh", "Army of Conquest of Qalamoun") in got
    got = names("In Idlib, Jaysh al-Fateh took Jisr al-Shughour.", actors)
    assert ("Jaysh al-Fateh", "Army of Conquest") in got


def test_memberships_with_dates(actors):
    assert "Nusra Front" in actors.members("Army of Conquest", on="2015-06-01")
    assert "Nusra Front" not in actors.members("Army of Conquest", on="2014-06-01")
    assert actors.pro_government("National Defence Forces")
    assert not actors.pro_government("Free Syrian Army")
    assert not actors.combatant("Syrian Observatory for Human Rights")


def test_user_file_merged_over_builtin(tmp_path):
    f = tmp_path / "mine.json"
    f.write_text(
        json.dumps(
            {
                "actors": [
                    {"name": "Hezbollah", "aliases": ["Hizb"]},
                    {"name": "Saraya Test Group", "type": "Rebel group", "country": "SY", "aliases": ["STG"]},
                ]
            }
        )
    )
    actors = ActorDictionary.load(extra=f)
    got = names("STG fighters ambushed Hizb members; Hezbollah denied it.", actors)
    assert ("STG fighters", "Saraya Test Group") in got
    assert ("Hizb members", "Hezbollah") in got
    assert actors.get("Hezbollah").type == "Political militia"  # built-in fields kept


def test_bad_user_files_say_why(tmp_path):
    missing = tmp_path / "nope.json"
    with pytest.raises(ValueError, match="nope.json: not found"):
        ActorDictionary.load(extra=missing)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ValueError, match="broken.json: not valid JSON"):
        ActorDictionary.load(extra=broken)
    noname = tmp_path / "noname.json"
    noname.write_text(json.dumps({"actors": [{"aliases": ["x"]}]}))
    with pytest.raises(ValueError, match="every actor needs a 'name'"):
        ActorDictionary.load(extra=noname)
    badtype = tmp_path / "badtype.json"
    badtype.write_text(json.dumps({"actors": [{"name": "X", "type": "Wizards"}]}))
    with pytest.raises(ValueError, match="unknown actor type 'Wizards'"):
        ActorDictionary.load(extra=badtype)


def test_country_as_place_is_not_a_party(actors):
    got = names("Israel struck a convoy; prisoners rioted at a jail in northern Israel.", actors)
    assert got == [("Israel", "Israel")]


def test_proper_names_do_not_match_common_words(actors):
    assert names("After five days of fighting the town fell.", actors) == []
    assert names("Daish fighters attacked the town.", actors) == [("Daish fighters", "Islamic State")]


def test_user_table_file(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text(
        "name\ttype\tcountry\tside\taliases\nKataib Test\tRebel group\tSY\topposition\tKT Group|Katibat Test\n"
    )
    actors = ActorDictionary.load(extra=f)
    assert names("Katibat Test fighters shelled the town.", actors) == [("Katibat Test fighters", "Kataib Test")]
    bad = tmp_path / "bad.csv"
    bad.write_text("group,kind\nX,Y\n")
    with pytest.raises(ValueError, match="bad.csv: a table needs a header line with a 'name' column"):
        ActorDictionary.load(extra=bad)


def test_army_resolved_by_local_context(actors):
    text = (
        "Syrian rebels fought the regime near Damascus and Homs in Syria, and Aleppo and Idlib saw shelling. "
        "Across the border, in the Lebanese town of Arsal, the army arrested two men."
    )
    got = names(text, actors)
    assert ("army", "Lebanese Army") in got


def test_possessive_is_not_part_of_the_name(actors):
    got = names("Rebels overran Hezbollah's positions and Assad's forces withdrew.", actors)
    assert ("Hezbollah", "Hezbollah") in got
    assert any(name == "Syrian Arab Army" for _, name in got)
