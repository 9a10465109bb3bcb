"""Rules as ordered lists of small named functions (warlog/rules.py), and the rule each reading says
decided a field: claim kind (KIND_RULES), claim subject (SUBJECT_CASCADE), event roles (ROLE_STEPS,
NOUN_VERB, CLIMB), toponym rejections (ACCEPT_RULES). Sentences and gazetteer entries written for
the tests; actors from the shipped dictionary."""

from __future__ import annotations

import pytest

from warlog import dates, geo
from warlog.extract import ActorDictionary, find_actors, find_claims, find_events
from warlog.extract.claims import KIND_RULES, SUBJECT_CASCADE
from warlog.extract.events import CLIMB, NOUN_VERB
from warlog.geo.gazetteer import Candidate
from warlog.geo.toponyms import ACCEPT_RULES, _Finder
from warlog.model import Article, Claim, DateValue, Event, Reading
from warlog.nlp import Document
from warlog.rules import NOTHING, Decision, Rules

# ---------------------------------------------------------------------------------------------
# The registry


def test_first_rule_that_decides_wins_and_is_named():
    reg: Rules[int, str] = Rules("parity")
    reg.rule("negative")(lambda x: "negative" if x < 0 else None)
    reg.rule("even")(lambda x: "even" if x % 2 == 0 else None)
    reg.rule("zero")(lambda x: "zero" if x == 0 else None)
    assert reg.names() == ["negative", "even", "zero"]
    assert reg.decide(-2) == Decision("negative", "negative")
    assert reg.decide(0) == Decision("even", "even")  # "zero" comes later: order decides
    assert reg.decide(3) is None


def test_nothing_stops_the_search_with_no_value():
    reg: Rules[int, str] = Rules("odd")
    reg.rule("veto")(lambda x: NOTHING if x > 10 else None)
    reg.rule("odd")(lambda x: "odd" if x % 2 else None)
    assert reg.decide(11) == Decision("veto", None)
    assert reg.decide(3) == Decision("odd", "odd")


def test_two_rules_may_not_share_a_name():
    reg: Rules[int, int] = Rules("x", [("a", lambda x: None)])
    with pytest.raises(ValueError, match="two rules named 'a'"):
        reg.rule("a")(lambda x: None)


def test_every_registry_names_its_rules_once():
    for reg in (KIND_RULES, SUBJECT_CASCADE, NOUN_VERB, CLIMB, ACCEPT_RULES):
        assert len(set(reg.names())) == len(reg) > 1


# ---------------------------------------------------------------------------------------------
# Claims: the kind and the subject, with the rule that decided


@pytest.fixture(scope="module")
def ad():
    return ActorDictionary.load()


def _claims(text: str, ad) -> list[Claim]:
    doc = Document(text)
    return find_claims(doc, article=Article(id="t", text=text), actors=find_actors(doc, ad), events=[])


def _one(claims: list[Claim], low: int) -> Claim:
    got = [c for c in claims if c.low == low]
    assert len(got) == 1, [(c.low, c.kind, c.kind_rule) for c in claims]
    return got[0]


KINDS = [
    # (text, figure, kind, rule)
    ("Local medics reported 21 dead in the shelling of the market town.", 21, "killed", "headline word"),
    ("Doctors at the clinic put the death toll at 16 on Sunday.", 16, "killed", "toll before"),
    ("Government artillery killed 12 farmers near the river on Tuesday.", 12, "killed", "casualty verb"),
    ("Thirteen rebels were among the dead after the raid on the depot.", 13, "killed", "'among the dead'"),
    ("Insurgents captured three villages on the plain on Friday.", 3, "other", "object"),
]


@pytest.mark.parametrize("text,figure,kind,rule", KINDS)
def test_kind_rules(text, figure, kind, rule, ad):
    c = _one(_claims(text, ad), figure)
    assert (c.kind, c.kind_rule) == (kind, rule)


NOT_CLAIMS = [
    # (text, figure that is no claim): the rule that decides 'nothing'
    ("Gunmen burned the market, two shopkeepers said on Monday.", 2),  # counts the sources
    ("Police arrested Walter Brindle, 47, at the border crossing.", 47),  # an age after a name
]


@pytest.mark.parametrize("text,figure", NOT_CLAIMS)
def test_kind_rules_that_decide_there_is_no_claim(text, figure, ad):
    assert [c for c in _claims(text, ad) if c.low == figure] == []


SUBJECTS = [
    # (text, figure, subject, the cascade's step)
    ("Mortar fire killed 14 civilians in the old quarter on Sunday.", 14, "civilians", "civilian noun"),
    # a side named by a modifier: the noun normalised to its side
    ("Air strikes killed 30 opposition fighters near the dam.", 30, "rebels", "side modifier"),
]


@pytest.mark.parametrize("text,figure,subject,step", SUBJECTS)
def test_subject_cascade_steps(text, figure, subject, step, ad):
    c = _one(_claims(text, ad), figure)
    assert (c.subject, c.subject_rule) == (subject, f"cascade: {step}")


def test_kind_rule_survives_a_json_round_trip_and_old_readings_load():
    c = Claim("killed", "civilians", 3, 3, "article", kind_rule="casualty verb")
    r = Reading(article="a", text="", claims=[c])
    assert Reading.from_dict(r.to_dict()).claims[0].kind_rule == "casualty verb"
    old = r.to_dict()
    del old["claims"][0]["kind_rule"]
    assert Reading.from_dict(old).claims[0].kind_rule == ""


# ---------------------------------------------------------------------------------------------
# Events: how the sides were read


def _events(text: str, ad) -> list[Event]:
    doc = Document(text)
    art = Article(id="t", text=text, published=DateValue("2015-05-24"))
    return find_events(
        doc,
        article=art,
        actors=find_actors(doc, ad),
        places=[],
        dates=[],
        dictionary=ad,
        event_date=dates.event_date,
        event_location=geo.event_location,
    )


ROLES = [
    # (text, actor1, actor2, roles_rule: the parse's steps that named a side, in order)
    (  # the object is acted on; the clause's subject acts
        "Hezbollah fighters attacked Nusra Front positions in the hills.",
        ["Hezbollah"],
        ["Nusra Front"],
        "parse: verb's object, clause: active subject",
    ),
    (  # 'by X' acts; the passive subject was acted on
        "Two Hezbollah fighters were killed by Nusra Front militants.",
        ["Nusra Front"],
        ["Hezbollah"],
        "parse: verb's prepositions, clause: passive: agent acts",
    ),
]


@pytest.mark.parametrize("text,a1,a2,rule", ROLES)
def test_roles_rule_names_the_steps(text, a1, a2, rule, ad):
    evs = _events(text, ad)
    assert [(e.actor1, e.actor2, e.roles_rule) for e in evs] == [(a1, a2, rule)]


def test_roles_rule_survives_a_json_round_trip():
    e = Event(id="e1", event_type="Battles", sub_event_type="Armed clash", roles_rule="word order")
    assert Event.from_dict(e.to_dict()).roles_rule == "word order"
    assert Event.from_dict({"id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash"}).roles_rule == ""


# ---------------------------------------------------------------------------------------------
# Toponyms: which rule rejected a name (a gazetteer written for the tests)


def _cand(name: str, **kw) -> Candidate:
    c = {
        "name": name,
        "fcode": "PPL",
        "country": "SY",
        "source": "geonames",
        "population": 0,
        "primary": True,
        "surface": True,
        "match": "exact",
        "lat": 35.1,
        "lon": 36.2,
        "geonames_id": 1,
        "admin1": "Hama",
    }
    c.update(kw)
    return Candidate(**c)


class _Gazetteer:
    ENTRIES = {
        "Harvest": [_cand("Harvest")],
        "QXZ": [_cand("QXZ")],
        "Mary": [_cand("Mary")],
        "Luck": [_cand("Luck", population=2000)],
        "Embed": [_cand("Ambad", surface=False)],
        "Tellam": [_cand("Tellam", primary=False)],
        "Kafrun": [_cand("Kafrun")],
    }

    def lookup(self, text: str) -> list[Candidate]:
        return list(self.ENTRIES.get(text, []))

    def capital(self, cc: str) -> Candidate | None:
        return None

    def english_words(self) -> frozenset[str]:
        return frozenset({"luck", "harvest"})


TOPONYMS = [
    # (text, name, the rule that rejects it)
    ("Harvest workers said the harvest was late this year.", "Harvest", "capitalised common word"),
    ("Officials in QXZ reported shelling overnight.", "QXZ", "short capitals, no country"),
    ("The envoy met Mary on Monday in the capital.", "Mary", "person's name"),
    ("The envoys wished them Luck before the talks.", "Luck", "dictionary word"),
    ("The team tried to Embed reporters with the unit.", "Embed", "folded English word"),
    ("Convoys passed Tellam on the way north.", "Tellam", "minor alias only (deferred)"),
    ("Fighters of Abu Kafrun stormed the checkpoint.", "Kafrun", "inside an organisation or a person's name"),
    ("Kafrun was quiet on Monday, residents said.", "Kafrun", "sentence start, not sure"),
    ("The envoys visited Kafrun on Monday.", "Kafrun", "weak single word (deferred)"),
]


@pytest.mark.parametrize("text,name,rule", TOPONYMS)
def test_accept_rules_name_the_rejection(text, name, rule):
    f = _Finder(Document(text), _Gazetteer())
    found = [m.text for m in f.find()]
    assert name not in found
    assert (name, rule) in [(f.span_text(i, j), r) for i, j, r in f.rejected]


def test_a_cue_keeps_a_weak_single_word():
    f = _Finder(Document("Shelling was reported in Kafrun on Monday."), _Gazetteer())
    assert [m.text for m in f.find()] == ["Kafrun"]
    assert f.rejected == []
