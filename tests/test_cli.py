"""The command line end to end: help, read, bad input, ingest, export, eval."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def warlog(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "warlog.cli", *args], capture_output=True, text=True, cwd=cwd or REPO, timeout=900
    )


def test_help_lists_every_command():
    r = warlog("--help")
    assert r.returncode == 0
    for cmd in ("read", "ingest", "export", "eval", "fuse", "sources", "summary", "gazetteer"):
        assert cmd in r.stdout


def test_usage_errors_exit_2(tmp_path):
    assert warlog("read", str(tmp_path / "nope.txt"), "--out", str(tmp_path)).returncode == 2
    r = warlog("export", "--db", str(tmp_path / "x.db"), "--format", "shapefile")
    assert r.returncode == 2
    assert "unknown format" in r.stderr


def test_read_bad_inputs_are_named_and_the_rest_is_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(
        "BEIRUT, May 13, 2015\n\nHezbollah fighters captured the hilltop of Tallat Moussa on Tuesday after "
        "heavy clashes with Nusra Front militants, a Hezbollah commander said.\n"
    )
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    out = tmp_path / "out"
    r = warlog(
        "read", str(tmp_path / "good.txt"), str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), "--out", str(out)
    )
    assert r.returncode == 1, r.stderr
    assert "empty.txt" in r.stderr and "empty" in r.stderr.split("empty.txt", 1)[1]
    assert "binary.txt" in r.stderr and "binary" in r.stderr.split("binary.txt", 1)[1]
    reading = json.loads((out / "good.txt.json").read_text())
    assert "Tallat Moussa" in reading["text"]
    assert reading["article"] == "good.txt"
    assert sorted(p.name for p in out.iterdir()) == ["good.txt.json"]


def test_read_seed_corpus_writes_codebook_readings(shared, tmp_path):
    r = warlog("read", str(shared / "corpus" / "seeds"), "--out", str(tmp_path), "--quiet")
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["001_6e355342c0a6265c.txt.json", "004_b9ec6e55cb29619d.txt.json"]
    reading = json.loads((tmp_path / names[0]).read_text())
    for key in ("published", "outlet", "author", "events", "claims", "places", "text"):
        assert key in reading
    assert reading["published"]["date"] == "2015-05-24"
    text = reading["text"]
    assert reading["places"], "the seed names many places"
    for p in reading["places"]:
        assert text[p["start"] : p["end"]] == p["name"]


def test_bad_actors_file_is_a_usage_error(tmp_path):
    bad = tmp_path / "actors.json"
    bad.write_text('{"actors": [{"aliases": ["x"]}]}')
    article = tmp_path / "a.txt"
    article.write_text("Rebels shelled Homs on Monday.")
    r = warlog("read", str(article), "--out", str(tmp_path / "out"), "--actors", str(bad))
    assert r.returncode == 2
    assert "every actor needs a 'name'" in r.stderr


@pytest.mark.slow
def test_read_fakes_dev_writes_one_reading_per_distinct_row(shared, tmp_path):
    fakes = shared / "datasets" / "fa-kes" / "fakes.dev.jsonl"
    r = warlog("read", str(fakes), "--id-column", "unit_id", "--out", str(tmp_path), "--quiet")
    assert r.returncode == 0, r.stderr[-2000:]
    # 381 rows; 8 of them repeat an earlier row's unit_id and text, and are reported as duplicates
    assert len(list(tmp_path.glob("*.json"))) == 373
    assert "skipped 8 duplicate(s)" in r.stderr  # --quiet: one count line, not one line each
    reading = json.loads((tmp_path / "1914947530.json").read_text())
    assert reading["published"]["date"] == "2017-04-05"


def test_demo_pipeline_on_examples(tmp_path):
    db = tmp_path / "w.db"
    r = warlog("ingest", str(REPO / "examples"), "--db", str(db), "--quiet")
    assert r.returncode == 0, r.stderr
    again = warlog("ingest", str(REPO / "examples"), "--db", str(db))
    assert "ingested 0 articles" in again.stdout
    assert again.stderr.count("skipped") == 7
    outs = {}
    for fmt in ("acled-csv", "ucdp-csv", "geojson", "events-json", "jsonl", "claims-csv", "html"):
        path = tmp_path / f"out.{fmt}"
        res = warlog("export", "--db", str(db), "--format", fmt, "--out", str(path))
        assert res.returncode == 0, res.stderr
        outs[fmt] = path
    with outs["acled-csv"].open() as fh:
        rows = list(csv.DictReader(fh))
    assert {
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "latitude",
        "longitude",
        "fatalities",
        "notes",
    } <= set(rows[0])
    with outs["ucdp-csv"].open() as fh:
        assert {"deaths_a", "deaths_b", "low", "best", "high", "number_of_sources"} <= set(next(csv.DictReader(fh)))
    assert json.loads(outs["geojson"].read_text())["type"] == "FeatureCollection"
    fused = json.loads(outs["events-json"].read_text())
    tallat = [e for e in fused if "Tall" in ((e.get("location") or {}).get("name") or "") and len(e["articles"]) >= 3]
    assert tallat, "the Tallat Moussa capture is reported by three articles and fused into one event"
    # the Hezbollah commander's 4 dead against the opposition media's dozens, told by different outlets
    flagged = [
        e for e in fused if len(e["articles"]) >= 2 and any("Hezbollah killed" in c for c in e["contradictions"])
    ]
    assert flagged, "the clash told from opposite sides carries its contradiction"
    assert len(outs["jsonl"].read_text().splitlines()) == 7
    assert "<svg" in outs["html"].read_text() and "Tallat" in outs["html"].read_text()
    summary = warlog("summary", "--db", str(db))
    assert "articles" in summary.stdout and "7" in summary.stdout
