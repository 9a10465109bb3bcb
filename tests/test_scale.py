"""Scale: reading in worker processes (--jobs) gives what one process gives, in input order; bulk loads
(--no-fuse, then one batch `fuse`) give what incremental fusion gives."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warlog import api
from warlog.model import Article, Duplicate, IngestError, Reading
from warlog.pipeline import Reader

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


# -- a light Reader (no language model) to test the worker machinery quickly ---------------------------------
class EchoReader(Reader):
    """Reads an article as its words counted; "CRASH-ME" kills the worker process; "SLOW" sleeps a little."""

    def __init__(self, recipe: tuple | None = None):  # no spaCy pipeline, gazetteer or dictionary to load
        self.recipe = recipe

    def read(self, article: Article) -> Reading:
        if "CRASH-ME" in article.text:
            os._exit(3)
        if "SLOW" in article.text:
            time.sleep(random.uniform(0.0, 0.05))
        return Reading(article=article.id, text=article.text, warnings=[f"{len(article.text.split())} words"])


def echo_reader() -> EchoReader:
    return EchoReader(recipe=(echo_reader, ()))


def _write_articles(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, t in enumerate(texts):
        p = folder / f"a{i:03d}.txt"
        p.write_text(t, encoding="utf-8")
        paths.append(p)
    return paths


def _articles(texts: list[str]) -> list[Article]:
    return [Article(id=f"a{i:03d}", text=t, source=f"a{i:03d}.txt") for i, t in enumerate(texts)]


def test_workers_give_every_result_in_input_order():
    texts = [f"Article number {i} {'SLOW ' * (i % 3)}with some words." for i in range(40)]
    items: list = _articles(texts)
    items.insert(5, IngestError("broken.txt", "not UTF-8"))
    items.insert(20, Duplicate("again.txt", "a001"))
    got = list(api._read_stream(echo_reader(), items, jobs=2))
    one = list(api._read_stream(echo_reader(), items, jobs=1))
    assert [type(x).__name__ for x in got] == [type(x).__name__ for x in one]
    assert [x.article if isinstance(x, Reading) else str(x) for x in got] == [
        x.article if isinstance(x, Reading) else str(x) for x in one
    ]
    assert [x.warnings for x in got if isinstance(x, Reading)] == [x.warnings for x in one if isinstance(x, Reading)]
    assert isinstance(got[5], IngestError) and isinstance(got[20], Duplicate)


def test_a_worker_that_dies_costs_only_its_article():
    texts = ["one two", "three CRASH-ME four", "five six seven", "eight"]
    got = list(api._read_stream(echo_reader(), _articles(texts), jobs=2))
    assert [type(x).__name__ for x in got] == ["Reading", "IngestError", "Reading", "Reading"]
    assert "worker process" in got[1].reason
    assert got[2].warnings == ["3 words"]


def test_default_jobs_reads_a_small_batch_in_this_process(monkeypatch):
    started = []
    monkeypatch.setattr(api._Workers, "submit", lambda self, a: started.append(a))
    got = list(api._read_stream(echo_reader(), _articles(["a b", "c d e"]), jobs=None))
    assert [r.warnings for r in got] == [["2 words"], ["3 words"]]
    assert started == []


def test_a_reader_built_by_hand_reads_in_this_process():
    reader = EchoReader()
    got = list(api._read_stream(reader, _articles(["a b"] * 3), jobs=2))
    assert [r.warnings for r in got] == [["2 words"]] * 3


# -- the real pipeline -------------------------------------------------------------------------------------
def _inputs(tmp_path: Path) -> list[Path]:
    """The examples, plus two id-less tables whose row names collide (stored as "b.csv#1" ...)."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    (folder / "README.md").unlink(missing_ok=True)
    for name, town in (("a.csv", "Yabroud"), ("b.csv", "Arsal")):
        (folder / name).write_text(
            "title,text\n"
            f'Shelling,"Government forces shelled {town} on Monday, killing three civilians, activists said."\n'
            f'Clashes,"Rebels clashed with the army near {town} on Tuesday; two fighters were killed."\n',
            encoding="utf-8",
        )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return [folder]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The same inputs ingested with --jobs 1 and --jobs 2 (and --no-fuse, then fused in one pass)."""
    tmp = tmp_path_factory.mktemp("scale")
    inputs = _inputs(tmp)
    reader = Reader.default()
    out = {}
    for key, jobs, fuse in (("one", 1, True), ("two", 2, True), ("bulk", 1, False)):
        db = tmp / f"{key}.db"
        res = api.ingest(inputs, db=db, reader=reader, jobs=jobs, fuse=fuse)
        out[key] = (db, res)
    return out


def _store_view(db: Path) -> dict:
    from warlog.store import open_store

    with open_store(db) as s:
        return {
            "readings": list(s.reading_dicts()),
            "fused": [json.dumps(x.__dict__, default=str, sort_keys=True) for x in s.fused_events()],
            "membership": sorted(s.fused_membership().items()),
        }


def test_ingest_with_two_jobs_stores_what_one_job_stores(ingested):
    (db1, r1), (db2, r2) = ingested["one"], ingested["two"]
    assert r1.added == r2.added > 0
    assert [str(f) for f in r1.failed] == [str(f) for f in r2.failed] and r1.failed  # empty.txt, named
    assert [str(d) for d in r1.duplicates] == [str(d) for d in r2.duplicates]
    one, two = _store_view(db1), _store_view(db2)
    names = [r["article"] for r in one["readings"]]
    assert "b.csv#1" in names and "1" in names  # colliding row names were renamed the same way
    assert one == two


def test_bulk_load_then_one_fusion_pass_equals_incremental_fusion(ingested):
    from warlog.store import open_store

    db, _ = ingested["bulk"]
    with open_store(db) as s:
        assert s.unfused_count() > 0 and s.summary()["fused_events"] == 0
    n, ran = api.fuse_store(db)
    assert ran and n > 0
    assert api.fuse_store(db)[1] is False  # nothing left to fuse
    one = _store_view(ingested["one"][0])
    bulk = _store_view(db)
    assert bulk["readings"] == one["readings"]
    assert bulk["fused"] == one["fused"] and bulk["membership"] == one["membership"]


def test_read_with_two_jobs_gives_the_same_readings(tmp_path):
    inputs = _inputs(tmp_path)
    reader = Reader.default()
    one = [x.to_dict() if isinstance(x, Reading) else str(x) for x in api.read(inputs, reader=reader, jobs=1)]
    two = [x.to_dict() if isinstance(x, Reading) else str(x) for x in api.read(inputs, reader=reader, jobs=2)]
    assert one == two
    assert any("empty.txt" in x for x in one if isinstance(x, str))


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "80", "PYTHONPATH": str(REPO), "WARLOG_PROGRESS": "1"}
    return subprocess.run(
        [sys.executable, "-m", "warlog.cli", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=900,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_cli_jobs_progress_errors_and_files(tmp_path):
    inputs = _inputs(tmp_path)
    r1 = _cli("read", *map(str, inputs), "--out", str(tmp_path / "o1"), "--jobs", "1")
    r2 = _cli("read", *map(str, inputs), "--out", str(tmp_path / "o2"), "--jobs", "2")
    assert r1.returncode == r2.returncode == 1  # empty.txt failed, named with its reason
    fail1 = [ln for ln in r1.stderr.splitlines() if ln.startswith("failed")]
    assert fail1 and fail1 == [ln for ln in r2.stderr.splitlines() if ln.startswith("failed")]
    assert "files," in r2.stderr and "articles" in r2.stderr  # the progress display with its total
    f1 = sorted(p.name for p in (tmp_path / "o1").iterdir())
    assert f1 == sorted(p.name for p in (tmp_path / "o2").iterdir())
    for name in f1:
        assert (tmp_path / "o1" / name).read_text() == (tmp_path / "o2" / name).read_text()
    bad = _cli("read", *map(str, inputs), "--out", str(tmp_path / "o3"), "--jobs", "0")
    assert bad.returncode == 2


def test_cli_ingest_no_fuse_then_fuse(tmp_path):
    db = tmp_path / "w.db"
    r = _cli("ingest", str(EXAMPLES), "--db", str(db), "--no-fuse", "--jobs", "1", "-q")
    assert r.returncode == 0, r.stderr
    r = _cli("fuse", "--db", str(db))
    assert r.returncode == 0 and "fused events" in r.stdout and "already" not in r.stdout
    r = _cli("fuse", "--db", str(db))
    assert "all events were fused already" in r.stdout


# -- exports stream: one event (or reading) at a time ------------------------------------------------------
def test_exports_never_load_the_whole_store(ingested, monkeypatch):
    import io

    from warlog.export import FORMATS, export
    from warlog.store import Store, open_store

    def whole(*_a, **_k):
        raise AssertionError("an export loaded the whole store")

    monkeypatch.setattr(Store, "fused_events", whole)
    monkeypatch.setattr(Store, "articles", whole)
    monkeypatch.setattr(Store, "fused_membership", whole)
    with open_store(ingested["one"][0]) as st:
        for fmt in FORMATS:
            if fmt == "html":  # the web page is one document of every event
                continue
            buf = io.StringIO()
            assert export(st, fmt, buf) > 0, fmt
            if fmt in ("geojson", "events-json"):
                json.loads(buf.getvalue())


def test_streamed_json_of_an_empty_store(tmp_path):
    import io

    from warlog.export import export
    from warlog.store import open_store

    with open_store(tmp_path / "empty.db") as st:
        buf = io.StringIO()
        assert export(st, "geojson", buf) == 0
        assert buf.getvalue() == (
            '{\n "type": "FeatureCollection",\n "features": [],\n "events_without_coordinates": 0,\n'
            ' "unlocated_event_ids": []\n}\n'
        )
        buf = io.StringIO()
        assert export(st, "events-json", buf) == 0
        assert buf.getvalue() == "[]\n"


def test_a_reading_is_stored_without_a_second_copy_of_its_text(ingested):
    from warlog.store import open_store

    with open_store(ingested["one"][0]) as st:
        stored = [json.loads(js) for (js,) in st.conn.execute("SELECT json FROM readings")]
        assert stored and all("text" not in d for d in stored)
        texts = [a.text for a in st.articles()]
        assert [d["text"] for d in st.reading_dicts()] == texts
        assert list(next(st.reading_dicts()))[-1] == "text"  # where Reading.to_dict puts it


def test_export_names_events_not_fused_yet(tmp_path):
    db = tmp_path / "w.db"
    assert (
        _cli("ingest", str(EXAMPLES / "01_cedar-wire_tallat-moussa.txt"), "--db", str(db), "--no-fuse", "-q").returncode
        == 0
    )
    r = _cli("export", "--db", str(db), "-f", "acled-csv", "-o", str(tmp_path / "x.csv"))
    assert r.returncode == 0 and "not fused yet" in r.stderr and "warlog fuse" in r.stderr
    assert _cli("fuse", "--db", str(db)).returncode == 0
    r = _cli("export", "--db", str(db), "-f", "acled-csv", "-o", str(tmp_path / "x.csv"))
    assert "not fused yet" not in r.stderr
