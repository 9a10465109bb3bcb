"""Fusion: one event reported by several articles (hand-built readings, expected values written by hand)."""

from __future__ import annotations

import random

from warlog import fuse
from warlog.model import Article, Claim, DateValue, Event, PlaceMention


def ev(
    art, eid, day, lat, lon, a1, a2, *, typ="Battles", sub="Armed clash", place="x", prec=1, evidence="", admin1=None
):
    loc = None
    if lat is not None:
        loc = PlaceMention(name=place, start=0, end=1, lat=lat, lon=lon, country="SY", precision=prec, admin1=admin1)
    return Event(
        id=eid,
        event_type=typ,
        sub_event_type=sub,
        date=DateValue(day) if day else None,
        location=loc,
        actor1=a1,
        actor2=a2,
        evidence=evidence,
        article=art,
    )


def cl(art, eid, subject, low, high, claimant, kind="killed"):
    return Claim(kind=kind, subject=subject, low=low, high=high, claimant=claimant, event=eid, article=art)


def qalamoun():
    """The same clash told by both sides and a monitor, plus an unrelated strike the same day."""
    arts = {
        "a.txt": Article(id="a.txt", text="", outlet="Al-Manar"),
        "b.txt": Article(id="b.txt", text="", outlet="Orient News"),
        "c.txt": Article(id="c.txt", text="", outlet="AFP"),
    }
    events = [
        ev(
            "a.txt",
            "e1",
            "2015-05-13",
            33.93,
            36.43,
            ["Hezbollah", "Syrian Arab Army"],
            ["Jaysh al-Fateh"],
            place="Tallat Mussa",
            evidence="Hezbollah fighters captured Tallat Mussa hill",
        ),
        ev(
            "b.txt",
            "e1",
            "2015-05-14",
            33.95,
            36.45,
            ["Jaysh al-Fateh"],
            ["Hezbollah"],
            place="Jabal Tallat Musa",
            evidence="rebels repelled a Hezbollah attack on Tallat Musa",
        ),
        ev(
            "c.txt",
            "e1",
            "2015-05-13",
            33.93,
            36.43,
            ["Hezbollah"],
            ["Jaysh al-Fateh"],
            place="Tallat Mussa",
            evidence="Hezbollah seized the Tallat Mussa summit",
        ),
        ev(
            "c.txt",
            "e2",
            "2015-05-13",
            36.20,
            37.15,
            ["Military Forces of Syria"],
            ["civilians"],
            typ="Explosions/Remote violence",
            sub="Air/drone strike",
            place="Aleppo",
            evidence="barrel bombs on Aleppo",
        ),
    ]
    claims = [
        cl("a.txt", "e1", "Hezbollah", 13, 13, "Nasrallah"),
        cl("a.txt", "e1", "Jaysh al-Fateh", 40, 40, "Hezbollah"),
        cl("b.txt", "e1", "Hezbollah", None, 120, "opposition media"),
        cl("c.txt", "e1", "Hezbollah", 18, 18, "SOHR"),
        cl("c.txt", "e2", "civilians", 9, None, "SOHR"),
    ]
    return events, claims, arts


def test_opposite_sides_one_event_with_contradiction():
    events, claims, arts = qalamoun()
    fused = fuse.fuse_events(events, claims, arts)
    assert len(fused) == 2
    clash = next(f for f in fused if f.event_type == "Battles")
    assert clash.articles == ["a.txt", "b.txt", "c.txt"]
    assert clash.outlets == ["AFP", "Al-Manar", "Orient News"]
    assert len(clash.claims) == 4
    # low: most conservative (13); high: the highest figure (120); best: the monitor's figure (SOHR: 18)
    assert clash.by_side["Hezbollah"].to_dict() == {"low": 13, "best": 18, "high": 120}
    assert clash.by_side["Jaysh al-Fateh"].to_dict() == {"low": 40, "best": 40, "high": 40}
    assert clash.fatalities.to_dict() == {"low": 53, "best": 58, "high": 160}
    assert "Hezbollah killed: 13 (Nasrallah) vs up to 120 (opposition media)" in clash.contradictions
    assert clash.note.startswith("Hezbollah killed: 13 (Nasrallah) vs up to 120 (opposition media); 18 (SOHR)")
    assert "Jaysh al-Fateh killed: 40 (Hezbollah)" in clash.note
    # each side says the other attacked: one clash told from both sides, not a dispute over the perpetrator
    assert clash.contradictions == ["Hezbollah killed: 13 (Nasrallah) vs up to 120 (opposition media)"]
    assert clash.date.start == "2015-05-13"
    assert clash.location.name == "Tallat Mussa"
    strike = next(f for f in fused if f.event_type != "Battles")
    assert strike.articles == ["c.txt"] and strike.contradictions == []
    assert strike.by_side["civilians"].to_dict() == {"low": 9, "best": 9, "high": 9}


def test_order_independent():
    events, claims, arts = qalamoun()
    want = [fuse.fused_to_dict(f) for f in fuse.fuse_events(events, claims, arts)]
    for seed in range(3):
        ev2, cl2 = events[:], claims[:]
        random.Random(seed).shuffle(ev2)
        random.Random(seed).shuffle(cl2)
        got = [fuse.fused_to_dict(f) for f in fuse.fuse_events(ev2, cl2, arts)]
        assert [g["id"] for g in got] == [w["id"] for w in want]
        assert [g["articles"] for g in got] == [w["articles"] for w in want]
        assert [g["by_side"] for g in got] == [w["by_side"] for w in want]


def test_not_fused_when_far_apart_in_time_or_space_or_type():
    arts = {k: Article(id=k, text="") for k in ("a", "b", "c", "d")}
    events = [
        ev("a", "e1", "2016-01-10", 35.0, 38.0, ["ISIS"], ["Syrian Arab Army"]),
        ev("b", "e1", "2016-01-12", 35.0, 38.0, ["ISIS"], ["Syrian Arab Army"]),  # two days later
        ev("c", "e1", "2016-01-10", 35.5, 38.0, ["ISIS"], ["Syrian Arab Army"]),  # 55 km away, precision 1
        ev(
            "d", "e1", "2016-01-10", 35.0, 38.0, ["ISIS"], ["civilians"], typ="Violence against civilians", sub="Attack"
        ),
    ]
    assert len(fuse.fuse_events(events, [], arts)) == 4
    # precision 2 allows 60 km
    events[2] = ev("c", "e1", "2016-01-10", 35.4, 38.0, ["ISIS"], ["Syrian Arab Army"], prec=2)
    fused = fuse.fuse_events(events, [], arts)
    assert sorted(f.articles for f in fused) == [["a", "c"], ["b"], ["d"]]


def test_one_article_events_never_fused_and_placeless_needs_strong_agreement():
    arts = {k: Article(id=k, text="") for k in ("a", "b", "c")}
    events = [
        ev("a", "e1", "2016-03-01", 36.2, 37.1, ["ISIS"], ["YPG"], evidence="ISIS attacked YPG positions"),
        ev("a", "e2", "2016-03-01", 36.21, 37.11, ["ISIS"], ["YPG"], evidence="ISIS attacked YPG positions again"),
        # no place, same day, same actors, same wording: joins
        ev("b", "e1", "2016-03-01", None, None, ["ISIS"], ["YPG"], evidence="ISIS attacked YPG positions"),
        # no place and no shared actor: stays alone
        ev("c", "e1", "2016-03-01", None, None, ["Nusra Front"], [], evidence="clashes"),
    ]
    fused = fuse.fuse_events(events, [], arts)
    assert sorted(f.articles for f in fused) == [["a"], ["a", "b"], ["c"]]


def test_blocking_finds_every_pair_all_pairs_would():
    rng = random.Random(7)
    types = ["Battles", "Explosions/Remote violence"]
    actors = ["ISIS", "YPG", "Syrian Arab Army", "Nusra Front"]
    events = []
    for i in range(300):
        placed = rng.random() > 0.15
        day = f"2016-02-{rng.randint(1, 20):02d}"
        events.append(
            ev(
                f"art{i % 120}",
                f"e{i}",
                day,
                35 + rng.random() * 2 if placed else None,
                37 + rng.random() * 2,
                rng.sample(actors, 1),
                rng.sample(actors, 1),
                typ=rng.choice(types),
                prec=rng.choice([1, 2]),
                evidence=rng.choice(["heavy clashes", "shelling of the town", "attack on positions"]),
            )
        )
    ms = fuse.mentions_of(events)
    blocked = fuse.pair_edges(ms)
    from warlog.fuse.match import pair_score

    brute = []
    for i, a in enumerate(ms):
        for b in ms[i + 1 :]:
            s = pair_score(a, b)
            if s is not None:
                brute.append((min(a.key, b.key), max(a.key, b.key), s))
    assert len(brute) > 20
    assert sorted(blocked) == sorted(brute)


def test_low_best_high_rule():
    # four distinct sources, none a monitor: best is the lower median of their point figures (10, 12, 20, 30 -> 12)
    arts = {k: Article(id=k, text="") for k in "abcd"}
    events = [
        ev(
            k,
            "e1",
            "2017-04-04",
            35.44,
            36.64,
            ["Military Forces of Syria"],
            ["civilians"],
            typ="Explosions/Remote violence",
            sub="Chemical weapon",
            place="Khan Shaykhun",
        )
        for k in "abcd"
    ]
    claims = [
        cl("a", "e1", "civilians", 10, None, "Syrian Civil Defence"),  # at least 10
        cl("b", "e1", "civilians", 10, 14, "local council"),  # 10-14 -> 12
        cl("c", "e1", "civilians", 20, 20, "opposition activists"),
        cl("d", "e1", "civilians", None, 30, "Idlib health directorate"),  # up to 30
        cl("d", "e1", "civilians", None, None, "Idlib health directorate"),  # "several": no figure
    ]
    [f] = fuse.fuse_events(events, claims, arts)
    assert f.by_side["civilians"].to_dict() == {"low": 10, "best": 12, "high": 30}
    assert len(f.claims) == 5
    assert f.contradictions == ["civilians killed: 10-14 (local council) vs up to 30 (Idlib health directorate)"]


def test_json_round_trip():
    events, claims, arts = qalamoun()
    for f in fuse.fuse_events(events, claims, arts):
        assert fuse.fused_to_dict(fuse.fused_from_dict(fuse.fused_to_dict(f))) == fuse.fused_to_dict(f)


def test_source_profiles():
    events, claims, arts = qalamoun()
    fused = fuse.fuse_events(events, claims, arts)
    profiles = fuse.source_profiles_of(fused, {k: a.outlet for k, a in arts.items()})
    by = {(p["role"], p["source"]): p for p in profiles}
    om = by[("claimant", "opposition media")]
    # 120 against the median of the others (13, 18 -> 15.5)
    assert om["median_ratio"] == round(120 / 15.5, 3)
    assert om["highest"] == 1 and om["lowest"] == 0
    assert by[("claimant", "Nasrallah")]["lowest"] == 1
    assert by[("outlet", "Orient News")]["by_side"] == {"Hezbollah killed": round(120 / 15.5, 3)}


def test_different_perpetrators_flagged():
    arts = {"sana": Article(id="sana", text="", outlet="SANA"), "afp": Article(id="afp", text="", outlet="AFP")}
    events = [
        ev(
            "sana",
            "e1",
            "2016-10-28",
            36.20,
            37.15,
            ["Nusra Front"],
            ["civilians"],
            typ="Explosions/Remote violence",
            sub="Shelling/artillery/missile attack",
            place="Aleppo",
            evidence="terrorists shelled the market",
        ),
        ev(
            "afp",
            "e1",
            "2016-10-28",
            36.21,
            37.13,
            ["Syrian Arab Army"],
            ["civilians"],
            typ="Explosions/Remote violence",
            sub="Shelling/artillery/missile attack",
            place="Aleppo",
            evidence="regime shelling hit the market",
        ),
    ]
    [f] = fuse.fuse_events(events, [], arts)
    assert f.contradictions == ["actor1: Syrian Arab Army (AFP) vs Nusra Front (SANA)"]
    assert f.note == "actor1: Syrian Arab Army (AFP) vs Nusra Front (SANA)"


def test_actor_names_contained_in_each_other_agree():
    from warlog.fuse.match import same_actor, shared_actors

    assert same_actor("rebels", "syrian rebels")
    assert not same_actor("syrian rebels", "syrian arab army")
    assert shared_actors(frozenset({"rebels", "isis"}), frozenset({"syrian rebels"})) == 1


def test_running_totals_and_breakdowns_are_not_contradictions():
    arts = {k: Article(id=k, text="", outlet=k.upper()) for k in ("afp", "sana")}
    events = [
        ev(
            k,
            "e1",
            "2016-06-03",
            36.20,
            37.15,
            ["Syrian Arab Army"],
            ["civilians"],
            typ="Explosions/Remote violence",
            sub="Air/drone strike",
            place="Aleppo",
            evidence="regime air raids on Aleppo",
        )
        for k in arts
    ]
    breakdown = "At least 11 civilians including three children were killed in the raids."
    claims = [
        Claim("killed", "civilians", 11, None, "SOHR", "e1", breakdown, article="afp"),
        Claim("killed", "civilians", 3, 3, "SOHR", "e1", breakdown, article="afp"),
        Claim(
            "killed",
            "civilians",
            301,
            None,
            "SANA",
            "e1",
            "More than 300 civilians have been killed since April.",
            article="sana",
        ),
        Claim("killed", "civilians", 12, 12, "SANA", "e1", "Twelve civilians were killed on Friday.", article="sana"),
        # two claimants in one sentence: not a breakdown
        Claim("killed", "civilians", 40, 40, "activists", "e1", "SANA said 12, activists said 40.", article="sana"),
    ]
    [f] = fuse.fuse_events(events, claims, arts)
    assert len(f.claims) == 5  # every claim kept
    # "at least 11" agrees with any larger figure; 12 against 40 is the disagreement
    assert f.contradictions == ["civilians killed: 12 (SANA) vs 40 (activists)"]
    # the running total (since April) and the breakdown (three children) are left out of the figures;
    # best: SOHR is a monitor, so its 11
    assert f.by_side["civilians"].to_dict() == {"low": 11, "best": 11, "high": 40}


def test_one_source_under_several_names():
    from warlog.fuse.match import claimant_key

    assert claimant_key("SOHR") == claimant_key("the Syrian Observatory") == "syrian observatory for human rights"
    assert claimant_key("Britain-based Syrian Observatory for Human Rights") == "syrian observatory for human rights"
    assert claimant_key(None) == "article" and claimant_key("Reuters") == "reuters"
    arts = {k: Article(id=k, text="") for k in ("a", "b", "c")}
    events = [
        ev(
            k,
            "e1",
            "2016-06-05",
            36.2,
            37.15,
            ["Syrian Arab Army"],
            ["civilians"],
            typ="Explosions/Remote violence",
            sub="Air/drone strike",
            place="Aleppo",
        )
        for k in arts
    ]
    claims = [
        cl("a", "e1", "civilians", 5, 5, "SOHR"),  # an early toll ...
        cl("b", "e1", "civilians", 20, 20, "the Syrian Observatory"),  # ... raised later by the same monitor
        cl("c", "e1", "civilians", 8, 8, "SANA"),
    ]
    [f] = fuse.fuse_events(events, claims, arts)
    # the monitor's largest figure is its estimate: best 20; 5 vs 20 is not a contradiction (one source)
    assert f.by_side["civilians"].to_dict() == {"low": 5, "best": 20, "high": 20}
    assert f.contradictions == ["civilians killed: 8 (SANA) vs 20 (the Syrian Observatory)"]
