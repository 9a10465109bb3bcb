"""The Reader's backends are injected (spaCy pipeline, gazetteer, actor dictionary), and the stages
meet only in the pipeline: extract calls neither the dates nor the geo stage itself."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from warlog import extract
from warlog.extract import ActorDictionary
from warlog.geo import Candidate, Gazetteer, ListGazetteer
from warlog.model import Article, DateValue
from warlog.nlp import document
from warlog.pipeline import Reader

PKG = Path(__file__).resolve().parents[1] / "warlog"
PUB = DateValue("2016-05-31", "2016-05-31", "day")


class FakeGazetteer:
    """A gazetteer of three invented places that records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.capitals: list[str] = []
        self.places = {
            "kfar testa": Candidate(name="Kfar Testa", lat=35.5, lon=36.5, country="SY", population=2_000),
            "syria": Candidate(name="Syria", lat=35.0, lon=38.0, country="SY", fcode="PCLI", source="country"),
        }

    def lookup(self, name: str) -> list[Candidate]:
        self.asked.append(name)
        c = self.places.get(name.lower())
        return [c] if c else []

    def capital(self, cc: str) -> Candidate | None:
        self.capitals.append(cc)
        if cc != "SY":
            return None
        return Candidate(name="Testopolis", lat=33.5, lon=36.3, country="SY", fcode="PPLC", population=1_000_000)

    def english_words(self) -> frozenset[str]:
        return frozenset()


def test_a_fake_gazetteer_is_a_gazetteer() -> None:
    assert isinstance(FakeGazetteer(), Gazetteer)
    assert isinstance(ListGazetteer([]), Gazetteer)


def test_the_reader_uses_an_injected_gazetteer() -> None:
    fake = FakeGazetteer()
    reader = Reader(gazetteer=fake)
    text = "Rebels shelled Kfar Testa in Syria on Monday. Protesters gathered in the Syrian capital on Tuesday."
    reading = reader.read(Article(id="t", text=text, published=PUB))
    got = {p.name: (p.canonical, p.lat, p.lon) for p in reading.places}
    assert got["Kfar Testa"] == ("Kfar Testa", 35.5, 36.5)
    assert got["Syrian capital"] == ("Testopolis", 33.5, 36.3)  # through Gazetteer.capital
    assert "Kfar Testa" in fake.asked and "SY" in fake.capitals
    assert any(e.location is not None and e.location.name == "Kfar Testa" for e in reading.events)


def test_list_gazetteer_knows_its_capitals() -> None:
    gaz = ListGazetteer(
        [
            {"name": "Testopolis", "country": "SY", "fcode": "PPLC", "lat": 1.0, "lon": 2.0},
            {"name": "Kfar Testa", "country": "SY", "lat": 3.0, "lon": 4.0},
        ]
    )
    capital = gaz.capital("SY")
    assert capital is not None and capital.name == "Testopolis"
    assert gaz.capital("LB") is None
    assert [c.name for c in gaz.lookup("kfar testa")] == ["Kfar Testa"]
    assert gaz.english_words() == frozenset()


class CountingPipeline:
    """A spaCy pipeline that counts the sentences it parses."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.parsed = 0

    def __call__(self, text: str):
        self.parsed += 1
        return self.nlp(text)

    def pipe(self, texts):
        for doc in self.nlp.pipe(texts):
            self.parsed += 1
            yield doc


def test_the_reader_parses_with_an_injected_pipeline(nlp) -> None:
    counting = CountingPipeline(nlp)
    reader = Reader(nlp=counting, gazetteer=ListGazetteer([]))  # type: ignore[arg-type]
    reading = reader.read(Article(id="t", text="Rebels shelled the army's positions on Monday.", published=PUB))
    assert reading.events and counting.parsed > 0
    assert reader.nlp is counting


def _user_actors(tmp_path: Path) -> Path:
    f = tmp_path / "mine.json"
    f.write_text(
        json.dumps(
            {
                "actors": [
                    {
                        "name": "Quwat Test",
                        "type": "State forces",
                        "country": "SY",
                        "side": "government",
                        "aliases": ["Quwat Test"],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    return f


def test_a_users_actor_file_reaches_the_event_and_claim_stages(tmp_path, monkeypatch) -> None:
    """The --actors file (Reader.default(actors_file)) is the dictionary events and claims read sides from."""
    loads = []
    real_load = ActorDictionary.load.__func__  # type: ignore[attr-defined]

    def counting_load(cls, extra=None):
        loads.append(extra)
        return real_load(cls, extra)

    monkeypatch.setattr(ActorDictionary, "load", classmethod(counting_load))
    seen: dict[str, object] = {}
    real_events, real_claims = extract.find_events, extract.find_claims

    def spy_events(*args, **kw):
        seen["events"] = kw["dictionary"]
        return real_events(*args, **kw)

    def spy_claims(*args, **kw):
        seen["claims"] = kw["dictionary"]
        return real_claims(*args, **kw)

    monkeypatch.setattr(extract, "find_events", spy_events)
    monkeypatch.setattr(extract, "find_claims", spy_claims)
    reader = Reader.default(_user_actors(tmp_path))
    text = "Quwat Test recaptured the village of Kafr Nabudah in Syria on Monday. Two soldiers were killed."
    reading = reader.read(Article(id="t", text=text, published=PUB))
    assert seen["events"] is reader.actors and seen["claims"] is reader.actors
    assert reader.actors.get("Quwat Test") is not None
    # a government side only the user's file knows: the sub-type reads it from the same dictionary
    (e,) = [e for e in reading.events if e.actor1 == ["Quwat Test"]]
    assert e.sub_event_type == "Government regains territory"
    assert len(loads) == 1  # no second (default) dictionary was loaded on the way


# -- no module-level backends; stages meet only in the pipeline --------------------------------------


def test_no_module_level_backend_caches() -> None:
    from warlog.geo import gazetteer, index

    assert not hasattr(document.load_pipeline, "cache_info")
    assert not hasattr(gazetteer, "_default")
    assert not hasattr(index.connect, "cache_info") and not hasattr(index, "_connect")


_STAGES = {"ingest", "nlp", "extract", "geo", "dates", "fuse", "store", "export", "web"}
_NOT_STAGES = {"pipeline", "api", "cli"}  # where stages meet


def _warlog_imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("warlog"):
            parts = node.module.split(".")
            if len(parts) > 1:
                out.add(parts[1])
            else:  # from warlog import dates, geo
                out.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("warlog."))
    return out


@pytest.mark.parametrize("stage", ["nlp", "extract", "geo", "dates"])
def test_a_reading_stage_imports_no_other_stage(stage: str) -> None:
    """extract, geo and dates receive what they need as arguments; they may name the nlp stage's
    Document (the record they read) and model.py's records."""
    allowed = {stage, "nlp", "model"}
    bad = {}
    for f in sorted((PKG / stage).rglob("*.py")):
        wrong = (_warlog_imports(f) & (_STAGES | _NOT_STAGES)) - allowed
        if wrong:
            bad[f.name] = sorted(wrong)
    assert bad == {}
