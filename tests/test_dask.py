"""Reading on a Dask distributed cluster (--dask) gives what one process gives; readings as Parquet tables.

One LocalCluster of 2 worker processes for the module (each worker builds its Reader once); the CLI tests
reach it by its tcp:// address."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

from warlog import api  # noqa: E402
from warlog.engine import EngineError  # noqa: E402
from warlog.engine.parquet import ParquetWriter  # noqa: E402
from warlog.model import Article, Reading  # noqa: E402
from warlog.pipeline import Reader  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "tests" / "data" / "heldout" / "corpus"

# a dump written for these tests: two articles and a row without text
DUMP = [
    {
        "id": "r1",
        "title": "Shelling",
        "text": "Government forces shelled Yabroud on Monday, killing three civilians, activists said.",
        "date": "2016-03-14",
    },
    {
        "id": "r2",
        "title": "Clashes",
        "text": "Rebels clashed with the army near Arsal on Tuesday; two fighters were killed.",
        "date": "2016-03-15",
    },
    {"id": "r3", "title": "Empty", "text": ""},
]


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 worker processes (one thread each), started once for the module."""
    from warlog.engine.local import _main_module_hidden

    with _main_module_hidden(), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "port 8787 in use"
        c = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
        )
    yield c.scheduler_address
    c.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("dask-in")
    shutil.copytree(HELDOUT, folder / "corpus")
    (folder / "dump.jsonl").write_text("".join(json.dumps(r) + "\n" for r in DUMP), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return [folder]


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader.default()


@pytest.fixture(scope="module")
def one(inputs, reader) -> list:
    """The readings of one process."""
    return list(api.read(inputs, reader=reader, jobs=1))


def _view(results: list) -> list:
    return [x.to_dict() if isinstance(x, Reading) else str(x) for x in results]


def test_readings_on_the_cluster_equal_one_process(cluster, inputs, reader, one):
    got = list(api.read(inputs, reader=reader, dask=cluster, chunk=2))
    assert _view(got) == _view(one)
    assert sum(isinstance(x, Reading) for x in one) == 8  # 6 files and 2 rows of the dump
    failed = [str(x) for x in one if not isinstance(x, Reading)]
    assert len(failed) == 2 and any("empty.txt" in f for f in failed) and any("dump.jsonl#3" in f for f in failed)


def _store_view(db: Path) -> dict:
    from warlog.store import open_store

    with open_store(db) as s:
        return {
            "readings": list(s.reading_dicts()),
            "fused": [json.dumps(x.__dict__, default=str, sort_keys=True) for x in s.fused_events()],
            "membership": sorted(s.fused_membership().items()),
            "summary": s.summary(),
            "unfused": s.unfused_count(),
        }


def test_ingest_on_the_cluster_stores_what_one_job_stores(cluster, inputs, reader, tmp_path):
    r1 = api.ingest(inputs, db=tmp_path / "one.db", reader=reader, jobs=1)
    r2 = api.ingest(inputs, db=tmp_path / "dask.db", reader=reader, dask=cluster, chunk=3)
    assert r1.added == r2.added == 8
    assert [str(f) for f in r1.failed] == [str(f) for f in r2.failed] and len(r1.failed) == 2
    one, two = _store_view(tmp_path / "one.db"), _store_view(tmp_path / "dask.db")
    assert two["unfused"] == 0 and two["summary"]["fused_events"] > 0  # fused in the batch pass at the end
    assert one == two
    # a second run stores nothing again
    again = api.ingest(inputs, db=tmp_path / "dask.db", reader=reader, dask=cluster)
    assert again.added == 0 and len(again.duplicates) == 8


def test_parquet_partitions_round_trip(one, tmp_path):
    readings = [x for x in one if isinstance(x, Reading)]
    with ParquetWriter(tmp_path / "pq", chunk=3) as w:
        for r in readings:
            w.add(r)
    parts = math.ceil(len(readings) / 3)
    for table in ("articles", "events", "claims"):
        assert len(list((tmp_path / "pq" / table).glob("part-*.parquet"))) == parts
    articles = pq.read_table(tmp_path / "pq" / "articles").to_pylist()
    events = pq.read_table(tmp_path / "pq" / "events").to_pylist()
    claims = pq.read_table(tmp_path / "pq" / "claims").to_pylist()
    assert [a["article"] for a in articles] == [r.article for r in readings]
    assert len(events) == sum(len(r.events) for r in readings)
    assert len(claims) == sum(len(r.claims) for r in readings)
    # what the dump's sentences say
    r1 = next(a for a in articles if a["article"] == "r1")
    assert r1["published"] == "2016-03-14" and r1["title"] == "Shelling" and r1["events"] == 1
    (shelling,) = [e for e in events if e["article"] == "r1"]
    assert shelling["event_type"] == "Explosions/Remote violence" and shelling["country"] == "SY"
    assert shelling["date_start"] == "2016-03-14" and shelling["date_text"] == "on Monday"
    assert isinstance(shelling["lat"], float) and isinstance(shelling["actor1"], list)
    (killed,) = [c for c in claims if c["article"] == "r1"]
    assert (killed["kind"], killed["subject"], killed["low"], killed["high"]) == ("killed", "civilians", 3, 3)
    assert killed["claimant"] == "activists" and killed["event"] == shelling["id"]
    (clash,) = [e for e in events if e["article"] == "r2"]
    assert clash["event_type"] == "Battles" and clash["country"] == "LB"
    # the same rows as the JSON readings, column by column
    by_id = {e["id"]: e for e in events}
    for r in readings:
        for e in r.events:
            d = e.to_dict()
            row = by_id[e.id]
            assert (row["sub_event_type"], row["evidence"], row["start"], row["end"]) == (
                d["sub_event_type"],
                d["evidence"],
                d["start"],
                d["end"],
            )
            assert row["location_canonical"] == (d["location"] or {}).get("canonical")


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "80", "PYTHONPATH": str(REPO), "WARLOG_PROGRESS": "1", **env}
    return subprocess.run(
        [sys.executable, "-m", "warlog.cli", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=900,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_cli_read_and_ingest_on_the_cluster(cluster, inputs, one, tmp_path):
    from warlog.cli import _Writer

    ins = [str(p) for p in inputs]
    writer = _Writer(tmp_path / "o1")  # what `warlog read --jobs 1` writes
    (tmp_path / "o1").mkdir()
    for x in one:
        if isinstance(x, Reading):
            writer.write(x)
    r = _cli("read", *ins, "--out", str(tmp_path / "o2"), "--parquet", str(tmp_path / "pq"), "--dask", cluster)
    assert r.returncode == 1, r.stderr  # empty.txt and the empty row failed, named with their reasons
    failed = [ln for ln in r.stderr.splitlines() if ln.startswith("failed")]
    assert failed == [f"failed  {x}" for x in one if not isinstance(x, Reading)]
    assert "files," in r.stderr and "articles" in r.stderr  # the progress display with its total
    assert "Traceback" not in r.stderr
    names = sorted(p.name for p in (tmp_path / "o1").iterdir())
    assert len(names) == 8 and names == sorted(p.name for p in (tmp_path / "o2").iterdir())
    for name in names:
        assert (tmp_path / "o1" / name).read_text() == (tmp_path / "o2" / name).read_text()
    assert pq.read_table(tmp_path / "pq" / "articles").num_rows == 8
    db = tmp_path / "w.db"
    r = _cli("ingest", *ins, "--db", str(db), "--dask", cluster)
    assert r.returncode == 1 and "ingested 8 articles" in r.stdout and "fused in one batch pass" in r.stdout
    assert "Traceback" not in r.stderr


def test_cli_usage_and_cluster_errors(inputs, tmp_path):
    ins = [str(p) for p in inputs]
    t0 = time.monotonic()
    r = _cli("read", *ins, "--out", str(tmp_path / "o"), "--dask", "tcp://127.0.0.1:9", WARLOG_DASK_CONNECT_SECONDS="2")
    assert r.returncode == 4 and time.monotonic() - t0 < 120
    (line,) = [ln for ln in r.stderr.splitlines() if "reading" not in ln]  # one line besides the progress display
    assert "Traceback" not in r.stderr and line.startswith(
        "error: cannot reach the Dask scheduler at tcp://127.0.0.1:9"
    )
    r = _cli("ingest", *ins, "--db", str(tmp_path / "w.db"), "--dask", "local:0")
    assert r.returncode == 2 and "local:N" in r.stderr and "Traceback" not in r.stderr
    r = _cli("read", *ins, "--dask", "local:2")
    assert r.returncode == 2 and "--out" in r.stderr
    r = _cli("read", *ins, "--out", str(tmp_path / "o"), "--dask", "local:2", "--jobs", "2")
    assert r.returncode == 2 and "choose one" in r.stderr


# -- workers that die, a scheduler that goes away (a light Reader: no language model) ----------------------
class EchoReader(Reader):
    """Reads an article as its words counted; "CRASH-ME" kills the worker process."""

    def __init__(self, recipe: tuple | None = None):  # no spaCy pipeline, gazetteer or dictionary to load
        self.recipe = recipe

    def read(self, article: Article) -> Reading:
        if "CRASH-ME" in article.text:
            os._exit(3)
        return Reading(article=article.id, text=article.text, warnings=[f"{len(article.text.split())} words"])


def echo_reader() -> EchoReader:
    return EchoReader(recipe=(echo_reader, ()))


def _articles(texts: list[str]) -> list[Article]:
    return [Article(id=f"a{i:03d}", text=t, source=f"a{i:03d}.txt") for i, t in enumerate(texts)]


def test_a_worker_that_dies_costs_only_its_article_and_local_n_starts_a_cluster():
    import dask

    from warlog.engine.dask import DaskEngine

    texts = ["one two", "three CRASH-ME four", "five six seven", "eight", "nine ten"]
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        got = [r for _, r in DaskEngine(echo_reader(), "local:1", chunk=2).map_read(_articles(texts))]
    assert [type(x).__name__ for x in got] == ["Reading", "IngestError", "Reading", "Reading", "Reading"]
    assert "Dask worker reading it stopped" in got[1].reason and got[1].source == "a001.txt"
    assert [x.warnings for x in got if isinstance(x, Reading)] == [["2 words"], ["3 words"], ["1 words"], ["2 words"]]


def test_a_scheduler_that_goes_away_is_one_engine_error():
    from warlog.engine.dask import DaskEngine

    with _main_module_hidden_cluster(1) as c:
        address = c.scheduler_address

        def items():
            yield from _articles(["a b"] * 4)
            c.close()  # the cluster goes away while articles are still coming
            yield from _articles(["c d"] * 4)

        with pytest.raises(EngineError, match="Dask"):
            list(DaskEngine(echo_reader(), address, chunk=2).map_read(items()))


def _main_module_hidden_cluster(n: int):
    from contextlib import contextmanager

    from warlog.engine.local import _main_module_hidden

    @contextmanager
    def run():
        with _main_module_hidden(), warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "port 8787 in use"
            c = distributed.LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
            )
        try:
            yield c
        finally:
            c.close()

    return run()
