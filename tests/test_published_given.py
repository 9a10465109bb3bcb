"""The publication date the user gives (issue 12): `--published DATE` for files, `--date-column` for tables.

The user's word outranks every date an article carries; a table row's own date column outranks the
user's fallback; a date that is not absolute is refused before anything is read.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import warlog
from warlog.api import published_date
from warlog.ingest import load
from warlog.model import Article

REPO = Path(__file__).resolve().parents[1]

STORY = "Artillery shelling hit the village of Kafr Nabl on Tuesday, killing three civilians, activists said.\n"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "warlog.cli", *args], capture_output=True, text=True, cwd=REPO, timeout=600
    )


@pytest.mark.parametrize(
    "given, start, end, precision",
    [
        ("2015-05-24", "2015-05-24", "2015-05-24", "day"),
        ("24 May 2015", "2015-05-24", "2015-05-24", "day"),
        ("2015-05", "2015-05-01", "2015-05-31", "month"),
        ("2015", "2015-01-01", "2015-12-31", "year"),
    ],
)
def test_a_given_date_keeps_the_precision_written(given, start, end, precision):
    v = published_date(given)
    assert (v.start, v.end, v.precision, v.method) == (start, end, precision, "user")


@pytest.mark.parametrize("given", ["Tuesday", "yesterday", "2015-13-40", "soon"])
def test_a_date_that_is_not_absolute_is_refused(given):
    with pytest.raises(ValueError, match="publication date"):
        published_date(given)


def _articles(paths, **kw) -> list[Article]:
    return [a for a in load(paths, **kw) if isinstance(a, Article)]


def test_the_given_date_outranks_the_files_own(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><meta property="article:published_time" content="2013-02-02T10:00:00Z"></head>'
        f"<body><article><p>{STORY}</p></article></body></html>"
    )
    text = tmp_path / "story.txt"
    text.write_text("BEIRUT, March 3, 2014\n\n" + STORY)
    given = published_date("2015-05-24")
    for a in _articles([page, text], published=given):
        assert a.published is not None and a.published.start == "2015-05-24" and a.published.method == "user"
    assert all(a.published is None for a in _articles([page, text]))  # without it, the reading decides


def test_rows_keep_their_own_date_and_take_the_given_one_when_they_have_none(tmp_path):
    table = tmp_path / "rows.jsonl"
    rows = [{"id": "a", "text": STORY, "pub_date": "2016-01-02"}, {"id": "b", "text": STORY.replace("three", "four")}]
    table.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    got = {a.id: a for a in _articles([table], published=published_date("2015-05-24"))}
    assert got["a"].published_raw == "2016-01-02" and got["a"].published is None  # read from the row's column
    assert got["b"].published is not None and got["b"].published.start == "2015-05-24"


def test_date_column_names_the_column_and_a_table_without_it_is_refused(tmp_path):
    table = tmp_path / "rows.csv"
    table.write_text(f'id,text,date,when\n1,"{STORY.strip()}",2010-01-01,2014-07-09\n')
    (a,) = _articles([table], date_column="when")
    assert a.published_raw == "2014-07-09"
    errors = [e for e in load([table], date_column="posted") if not isinstance(e, Article)]
    assert len(errors) == 1 and "'posted'" in errors[0].reason


def test_read_api_resolves_relative_dates_against_the_given_date(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    (reading,) = list(warlog.read(tmp_path / "story.txt", published="2015-05-24", jobs=1))
    assert reading.published.start == "2015-05-24" and reading.published.method == "user"
    assert [e.date.start for e in reading.events] == ["2015-05-19"]  # the Tuesday before Sunday 24 May 2015
    assert "no publication date" not in " ".join(reading.warnings)


def test_cli_published_and_its_usage_error(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    out = tmp_path / "out"
    r = cli("read", str(tmp_path / "story.txt"), "--out", str(out), "--published", "2015-05-24", "--quiet")
    assert r.returncode == 0, r.stderr
    reading = json.loads((out / "story.txt.json").read_text())
    assert reading["published"]["date"] == "2015-05-24" and reading["published"]["method"] == "user"
    bad = tmp_path / "bad"
    r = cli("read", str(tmp_path / "story.txt"), "--out", str(bad), "--published", "next Tuesday")
    assert r.returncode == 2
    assert "--published" in r.stderr and "next Tuesday" in r.stderr and "Traceback" not in r.stderr
    assert not bad.exists()
    for cmd in ("read", "ingest"):
        h = cli(cmd, "--help").stdout
        assert "--published" in h and "--date-column" in h


def test_ingest_stores_the_given_date(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    db = tmp_path / "w.db"
    result = warlog.ingest(tmp_path / "story.txt", db=db, published="2015-05-24", jobs=1)
    assert result.added == 1
    from warlog.store import open_store

    with open_store(db) as store:
        (article,) = list(store.articles())
        assert article.published is not None and article.published.start == "2015-05-24"
        (reading,) = list(store.readings())
        assert reading.published is not None and reading.published.method == "user"
