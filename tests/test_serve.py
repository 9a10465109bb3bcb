"""`warlog serve`: every page, filter, download and API answer over HTTP (Starlette's TestClient), on a store
built from examples/ plus one article written for these tests with markup injected into its text."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from warlog.web.app import CSP, create_app  # noqa: E402
from warlog.web.index import Filters, fts_query, robust_bounds, segments  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

INJECTED = """Shelling hits <script>alert("title")</script> Yabroud

Thursday, 14 May 2015

YABROUD, Syria (Test Wire) — Government artillery shelled the town of Yabroud on Wednesday, killing five civilians \
<script>alert("xss")</script>, residents said.

A local council official said <img src=x onerror=alert(1)> eight people were killed in the shelling.
"""


def demo_db(base: Path) -> Path:
    """examples/ plus the injected article, ingested once per test session (shared with the browser tests)."""
    db = base / "serve-demo" / "demo.db"
    if db.exists():
        return db
    from warlog import api

    src = base / "serve-demo" / "injected"
    src.mkdir(parents=True, exist_ok=True)
    (src / "99_test-wire_injected.txt").write_text(INJECTED, encoding="utf-8")
    tmp = db.with_suffix(".tmp.db")
    api.ingest([REPO / "examples", src], db=tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.rename(db)
    return db


@pytest.fixture(scope="session")
def db(tmp_path_factory) -> Path:
    return demo_db(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def client(db) -> TestClient:
    return TestClient(create_app(db))


@pytest.fixture(scope="session")
def facts(db) -> dict:
    """What the store holds, read with plain SQL (not through the code under test)."""
    c = sqlite3.connect(db)
    out = {
        "n_fused": c.execute("SELECT count(*) FROM fused_events").fetchone()[0],
        "battles": c.execute("SELECT count(*) FROM fused_events WHERE event_type = 'Battles'").fetchone()[0],
        "contra": [r[0] for r in c.execute("SELECT id FROM fused_events WHERE n_contradictions > 0")],
        "multi": c.execute("SELECT id FROM fused_events ORDER BY n_articles DESC, id LIMIT 1").fetchone()[0],
        "injected_article": c.execute("SELECT id FROM articles WHERE text LIKE '%<script>%'").fetchone()[0],
        "injected_event": c.execute(
            "SELECT m.fused_id FROM events e JOIN fused_members m ON m.event_row = e.id WHERE e.evidence LIKE '%<script>%'"
        ).fetchone()[0],
    }
    c.close()
    return out


# -- pages ---------------------------------------------------------------------------------------------


def test_events_page_lists_every_event_with_map_and_histogram(client, facts):
    r = client.get("/")
    assert r.status_code == 200
    assert f"{facts['n_fused']} events" in r.text
    assert 'id="map"' in r.text and 'data-points="/api/points' in r.text
    assert "/static/vendor/leaflet/leaflet.js" in r.text
    assert 'id="hist"' in r.text and 'class="bar"' in r.text
    assert r.text.count("<tr") == facts["n_fused"] + 1  # header + one row each (fewer than a page)


def test_every_page_sends_a_strict_csp(client, facts):
    for path in ("/", f"/event/{facts['multi']}", f"/article/{facts['injected_article']}", "/sources", "/api/events"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert csp == CSP
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "http" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_no_page_has_inline_script_or_style_or_outside_origin(client, facts):
    for path in ("/", f"/event/{facts['multi']}", f"/article/{facts['injected_article']}", "/sources"):
        html = client.get(path).text
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'src="/static/' in tag, tag
        assert "<style" not in html and " style=" not in html
        assert not re.search(r'(src|href)="(https?:)?//', html)


def test_event_page_shows_sources_claims_disagreements_and_why(client, facts):
    fid = facts["contra"][0]
    r = client.get(f"/event/{fid}")
    assert r.status_code == 200
    assert "Sources side by side" in r.text and "Sources disagree" in r.text
    assert "<mark>" in r.text  # the evidence sentence highlighted in its paragraph
    assert "low</span>" in r.text and "best</span>" in r.text and "high</span>" in r.text
    assert "Why these reports are one event" in r.text and "score" in r.text


def test_article_page_highlights_readings_and_links_events(client, facts):
    r = client.get("/article/1")
    assert r.status_code == 200
    assert 'class="hl' in r.text
    assert re.search(r'<a class="hl [^"]*event[^"]*" href="/event/F[0-9a-f]+"', r.text)
    for kind in ("place", "actor", "claim"):
        assert re.search(rf'class="hl [^"]*{kind}', r.text), kind


def test_sources_page_explains_the_figures(client):
    r = client.get("/sources")
    assert r.status_code == 200
    assert "divided by the median of the other sources" in r.text
    assert 'class="skew-row' in r.text


def test_unknown_event_and_article_are_404_pages(client):
    r = client.get("/event/Fnope")
    assert r.status_code == 404 and "no event" in r.text and "Traceback" not in r.text
    assert client.get("/article/99999").status_code == 404
    assert client.get("/api/event/Fnope").json() == {"error": "no event 'Fnope' in demo.db"}


# -- filters -------------------------------------------------------------------------------------------


def _total(client, query: str) -> int:
    r = client.get("/api/events?" + query)
    assert r.status_code == 200, r.text
    return r.json()["total"]


def test_filter_by_type(client, facts):
    assert _total(client, "type=Battles") == facts["battles"]
    assert _total(client, "type=Nothing+like+this") == 0


def test_filter_by_sub_type_actor_place_outlet_modality(client):
    assert _total(client, "sub=Government+regains+territory") >= 1
    assert _total(client, "actor=Hezbollah") >= 3
    assert _total(client, "actor=hezbollah") == _total(client, "actor=Hezbollah")  # case does not matter
    assert _total(client, "place=Yabroud") >= 1
    assert _total(client, "place=Rif+Dimashq") >= _total(client, "place=Yabroud")  # admin1
    assert _total(client, "outlet=Levant+Post") >= 2
    assert _total(client, "modality=asserted") >= 1
    assert _total(client, "actor=Hezbollah&outlet=Levant+Post") <= _total(client, "outlet=Levant+Post")


def test_filter_by_date_range(client, facts):
    assert _total(client, "from=2015-05-01&to=2015-05-31") < facts["n_fused"]  # the 2014 events are out
    assert _total(client, "from=2014-01-01&to=2014-12-31") >= 1
    assert _total(client, "from=2030-01-01") == 0
    rows = client.get("/api/events?from=2015-05-15&to=2015-05-15").json()["events"]
    assert rows and all(e["d0"] <= "2015-05-15" <= (e["d1"] or e["d0"]) for e in rows)


def test_only_disagreements(client, facts):
    r = client.get("/api/events?disagree=1").json()
    assert r["total"] == len(facts["contra"])
    assert {e["fid"] for e in r["events"]} == set(facts["contra"])


def test_full_text_search_over_evidence_and_article_text(client):
    assert _total(client, "q=hilltop") >= 1  # evidence and article text
    assert _total(client, "q=barrens") >= 1  # a word only in an article's text
    assert _total(client, "q=zzzyzzx") == 0
    # FTS5 operators in the input are words, never syntax errors
    for q in ('"unbalanced', "NEAR(", "a OR", "*", "col:thing", "AND AND"):
        assert client.get("/api/events", params={"q": q}).status_code == 200, q
    assert client.get("/", params={"q": '"hilltop'}).status_code == 200


def test_sort_and_paginate(client, facts):
    r = client.get("/api/events?sort=date&per=5").json()
    dates = [e["d0"] for e in r["events"]]
    assert dates == sorted(dates) and r["pages"] == -(-facts["n_fused"] // 5)
    r2 = client.get("/api/events?sort=date&per=5&page=2").json()
    assert not {e["fid"] for e in r["events"]} & {e["fid"] for e in r2["events"]}
    desc = client.get("/api/events?sort=-sources").json()["events"]
    assert [e["n_articles"] for e in desc] == sorted((e["n_articles"] for e in desc), reverse=True)
    html = client.get("/?sort=date&per=5").text
    assert 'rel="next"' in html and "page 1 of" in html


def test_bad_parameters_are_clear_400s(client):
    r = client.get("/api/events?from=yesterday")
    assert r.status_code == 400 and "from: not a date" in r.json()["error"]
    assert client.get("/api/events?sort=colour").status_code == 400
    assert client.get("/?page=x").status_code == 400
    assert client.get("/download/xlsx").status_code == 404


def test_filters_stay_in_the_links(client):
    html = client.get("/?type=Battles&actor=Hezbollah").text
    assert "/api/points?type=Battles&amp;actor=Hezbollah" in html
    assert "/download/acled-csv?type=Battles&amp;actor=Hezbollah" in html
    assert 'href="/?type=Battles&amp;actor=Hezbollah&amp;sort=date"' in html  # sort link keeps the filter


# -- map data ------------------------------------------------------------------------------------------


def test_points_and_extent(client, facts):
    d = client.get("/api/points").json()
    assert d["located"] + d["unlocated"] == facts["n_fused"]
    assert len(d["points"]) == d["located"]
    (s, w), (n, e) = d["bounds"]
    assert s < n and w < e
    assert client.get("/api/points?type=Battles").json()["located"] <= facts["battles"]


@pytest.mark.parametrize(
    ("points", "outside"),
    [
        ([(34.0, 36.5), (34.1, 36.6), (33.9, 36.4), (34.05, 36.45)], 0),
        ([(34.0, 36.5), (34.1, 36.6), (33.9, 36.4), (34.05, 36.45), (34.02, 36.52), (-33.9, 151.2)], 1),
    ],
)
def test_robust_bounds_leave_out_far_points(points, outside):
    bounds, left_out = robust_bounds(points)
    assert left_out == outside
    (s, w), (n, e) = bounds
    assert s > 30 and e < 40  # Sydney does not stretch the view


# -- downloads -----------------------------------------------------------------------------------------


def test_downloads_of_the_current_filter(client, facts):
    r = client.get("/download/acled-csv?type=Battles")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == facts["battles"] and {x["event_type"] for x in rows} == {"Battles"}
    rows = list(csv.DictReader(io.StringIO(client.get("/download/ucdp-csv?disagree=1").text)))
    assert len(rows) == len(facts["contra"]) and "best" in rows[0]
    g = client.get("/download/geojson").json()
    assert g["type"] == "FeatureCollection"
    assert len(g["features"]) + g["events_without_coordinates"] == facts["n_fused"]
    j = client.get("/download/events-json?q=hilltop").json()
    assert j and all("claims" in e for e in j)


# -- JSON API ------------------------------------------------------------------------------------------


def test_json_api_for_every_page(client, facts):
    ev = client.get(f"/api/event/{facts['multi']}").json()
    assert ev["id"] == facts["multi"] and len(ev["sources"]) >= 2 and ev["why_fused"]
    art = client.get("/api/article/1").json()
    assert art["text"] and art["spans"] and "segments" not in art
    assert {s["kind"] for s in art["spans"]} >= {"event", "place", "claim"}
    assert "profiles" in client.get("/api/sources").json()
    fac = client.get("/api/facets").json()
    assert fac["events"] == facts["n_fused"] and "Battles" in fac["types"]
    h = client.get("/api/events").json()["histogram"]
    assert sum(sum(b["counts"].values()) for b in h["bins"]) <= facts["n_fused"]


# -- untrusted text ------------------------------------------------------------------------------------


def test_injected_markup_stays_text(client, facts):
    for path in (f"/article/{facts['injected_article']}", f"/event/{facts['injected_event']}"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;alert(" in html, path
    html = client.get("/?q=xss").text
    assert "1 event" in html and "<script>alert" not in html
    api = client.get(f"/api/article/{facts['injected_article']}").json()
    assert '<script>alert("xss")</script>' in api["text"]  # the API gives the text as it is, as JSON


# -- helpers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("shelling Yabroud", '"shelling" "Yabroud"'),
        ('"quoted', '"quoted"'),
        ("barr*", '"barr"*'),
        ("NEAR( x", '"NEAR(" "x"'),
        ("", ""),
    ],
)
def test_fts_query_quotes_every_word(text, query):
    assert fts_query(text) == query


def test_segments_cut_at_every_span_boundary():
    spans = [
        {"kind": "event", "start": 0, "end": 10, "label": "E", "fused_id": "F1"},
        {"kind": "place", "start": 4, "end": 8, "label": "P", "fused_id": None},
    ]
    segs = segments("abcdefghijkl", spans)
    assert [s["text"] for s in segs] == ["abcd", "efgh", "ij", "kl"]
    assert [s["kinds"] for s in segs] == [["event"], ["event", "place"], ["event"], []]
    assert [s["fused_id"] for s in segs] == ["F1", "F1", "F1", None]


def test_filters_round_trip_through_the_url():
    f = Filters.from_params({"from": "2015-05-01", "type": "Battles", "disagree": "1", "page": "2"})
    assert f.params() == {"from": "2015-05-01", "type": "Battles", "disagree": "1", "page": "2"}
    assert f.params(page=1) == {"from": "2015-05-01", "type": "Battles", "disagree": "1"}


def test_store_is_opened_read_only(db, tmp_path):
    """The server never writes: a copy of the store made read-only on disk still serves."""
    import shutil
    import stat

    ro = tmp_path / "ro.db"
    shutil.copy(db, ro)
    ro.chmod(stat.S_IRUSR)
    try:
        r = TestClient(create_app(ro)).get("/api/events")
        assert r.status_code == 200 and r.json()["total"] >= 1
    finally:
        ro.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_serves_while_an_ingest_writes(db, tmp_path):
    """A second connection holds a write transaction (an ingest mid-article): the server still answers, and
    sees the new event once it is committed."""
    import shutil

    live = tmp_path / "live.db"
    shutil.copy(db, live)
    app = create_app(live)
    c = TestClient(app)
    before = c.get("/api/events").json()["total"]
    w = sqlite3.connect(live, isolation_level=None)
    w.execute("PRAGMA journal_mode=WAL")
    w.execute("BEGIN IMMEDIATE")
    row = w.execute(
        "SELECT id, event_type, date_start, n_articles, n_contradictions, json FROM fused_events"
    ).fetchone()
    d = json.loads(row[5])
    d["id"] = "Fnewnewnewnew"
    w.execute("INSERT INTO fused_events VALUES (?,?,?,?,?,?)", ("Fnewnewnewnew", *row[1:5], json.dumps(d)))
    assert c.get("/api/events").json()["total"] == before  # uncommitted: not seen, and no lock error
    w.execute("COMMIT")
    w.close()
    holder = app.state.holder
    holder.get()  # notices the change and rebuilds in the background
    import time

    for _ in range(100):
        if holder.index.facets()["events"] == before + 1:
            break
        time.sleep(0.05)
    assert c.get("/api/events").json()["total"] == before + 1


def _o(iso: str) -> int:
    from datetime import date

    return date.fromisoformat(iso).toordinal()


def test_histogram_by_day_with_empty_days_and_undated_left_out():
    from warlog.web.index import histogram

    h = histogram([(_o("2015-05-12"), "Battles", 2), (_o("2015-05-14"), "Protests", 1), (None, "Battles", 5)])
    assert h["unit"] == "day" and h["types"] == ["Battles", "Protests"]
    assert [(b["from"], b["to"], b["counts"]) for b in h["bins"]] == [
        ("2015-05-12", "2015-05-12", {"Battles": 2}),
        ("2015-05-13", "2015-05-13", {}),
        ("2015-05-14", "2015-05-14", {"Protests": 1}),
    ]


def test_histogram_by_week_and_month():
    from warlog.web.index import histogram

    weeks = histogram([(_o("2015-01-07"), "Riots", 1), (_o("2015-06-30"), "Riots", 3)])
    assert weeks["unit"] == "week"
    assert weeks["bins"][0] == {"from": "2015-01-05", "to": "2015-01-11", "counts": {"Riots": 1}}  # Monday-Sunday
    assert weeks["bins"][-1] == {"from": "2015-06-29", "to": "2015-07-05", "counts": {"Riots": 3}}
    months = histogram([(_o("2014-08-01"), "Battles", 1), (_o("2017-02-10"), "Battles", 1)])
    assert months["unit"] == "month" and len(months["bins"]) == 31
    assert months["bins"][-1] == {"from": "2017-02-01", "to": "2017-02-28", "counts": {"Battles": 1}}


# -- the command ---------------------------------------------------------------------------------------


def _warlog(*args: str, **kw):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "warlog.cli", *args], capture_output=True, text=True, timeout=300, **kw
    )


def test_serve_refuses_a_missing_or_foreign_database_clearly(tmp_path):
    r = _warlog("serve", "--db", str(tmp_path / "nope.db"))
    assert r.returncode == 2 and "no database at" in r.stderr and "Traceback" not in r.stderr
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite at all\n" * 50)
    r = _warlog("serve", "--db", str(junk))
    assert r.returncode == 2 and "not a warlog database" in r.stderr and "Traceback" not in r.stderr


def test_serve_answers_on_localhost(db):
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p = subprocess.Popen(
        [sys.executable, "-m", "warlog.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = None
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/facets", timeout=2) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                if p.poll() is not None:
                    break
                time.sleep(0.1)
        assert body is not None, p.stderr.read() if p.poll() is not None else "no answer"
        assert body["events"] >= 1
    finally:
        p.terminate()
        p.wait(timeout=20)
