"""The store on both backends (SQLite, PostgreSQL: the `new_db` fixture): schema/migrations, round trip, duplicates,
one transaction per article, fusion, concurrent writers."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from warlog.fuse import fused_to_dict
from warlog.fuse.incremental import Fuser, fuse_store, rebuild
from warlog.model import ActorMention, Article, Claim, DateValue, Event, PlaceMention, Reading
from warlog.store import SCHEMA_VERSION, Store, open_store


def add(st: Store, article: Article, reading: Reading, fuser: Fuser | None = None) -> bool:
    """Store one article, then fuse what is not fused yet (what `ingest` does, one article per batch)."""
    stored = st.add(article, reading)
    (fuser or Fuser(st)).fuse_pending()
    return stored


def make(name, text, day, lat, lon, a1, a2, claims=(), outlet=None, typ="Battles", sub="Armed clash"):
    art = Article(
        id=name,
        text=text,
        outlet=outlet,
        source=f"/in/{name}",
        content_hash=f"h-{name}-{len(text)}",
        published=DateValue(day, precision="day", text=day, method="dateline"),
    )
    place = PlaceMention(
        name="Tallat Mussa",
        start=3,
        end=15,
        lat=lat,
        lon=lon,
        country="SY",
        precision=1,
        admin1="Rif Dimashq",
        geonames_id=123,
        canonical="Tallat Mussa",
        feature="mountain",
    )
    e = Event(
        id="e1",
        event_type=typ,
        sub_event_type=sub,
        date=DateValue(day, precision="day", text="Wednesday"),
        location=place,
        actor1=list(a1),
        actor2=list(a2),
        evidence=text[:40],
        start=0,
        end=40,
        article=name,
    )
    cs = [
        Claim(
            kind="killed",
            subject=s,
            low=lo,
            high=hi,
            claimant=who,
            event="e1",
            evidence=text[:20],
            start=1,
            end=3,
            number_text=str(lo),
            article=name,
        )
        for s, lo, hi, who in claims
    ]
    actors = [
        ActorMention(
            name=a, start=0, end=len(a), text=a, actor_type="Rebel group" if a != "Hezbollah" else "Political militia"
        )
        for a in (*a1, *a2)
    ]
    r = Reading(
        article=name,
        text=text,
        published=art.published,
        outlet=outlet,
        source=art.source,
        events=[e],
        claims=cs,
        places=[place],
        actors=actors,
        warnings=["note"],
    )
    return art, r


def three():
    return [
        make(
            "a.txt",
            "Hezbollah fighters captured Tallat Mussa hill on Wednesday.",
            "2015-05-13",
            33.93,
            36.43,
            ["Hezbollah"],
            ["Jaysh al-Fateh"],
            [("Hezbollah", 13, 13, "Nasrallah")],
            outlet="Al-Manar",
        ),
        make(
            "b.txt",
            "Rebels repelled a Hezbollah attack on Tallat Musa, killing up to 120.",
            "2015-05-14",
            33.95,
            36.45,
            ["Jaysh al-Fateh"],
            ["Hezbollah"],
            [("Hezbollah", None, 120, "opposition media")],
            outlet="Orient News",
        ),
        make(
            "c.txt",
            "Hezbollah seized the Tallat Mussa summit, SOHR said.",
            "2015-05-13",
            33.93,
            36.43,
            ["Hezbollah"],
            ["Jaysh al-Fateh"],
            [("Hezbollah", 18, 18, "SOHR")],
            outlet="AFP",
        ),
    ]


def test_wal_schema_round_trip_duplicates(new_db):
    items = three()
    with open_store(new_db("w.db")) as st:
        if st.db.kind == "sqlite":
            assert st.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert st.schema_version == SCHEMA_VERSION
        assert all(st.add(a, r) for a, r in items)
        assert st.add(*items[0]) is False  # same content hash: skipped
        assert st.unfused_count() == 3 and st.summary()["fused_events"] == 0  # the store stores; fusion fuses
        assert Fuser(st).fuse_pending() == 3
        assert st.has(items[1][0].content_hash)
        assert [d for d in st.reading_dicts()] == [r.to_dict() for _, r in items]
        assert [r.to_dict() for r in st.readings()] == [r.to_dict() for _, r in items]
        arts = list(st.articles())
        assert [a.id for a in arts] == ["a.txt", "b.txt", "c.txt"] and arts[1].outlet == "Orient News"
        assert arts[0].published.start == "2015-05-13"
        s = st.summary()
        assert s == {
            "articles": 3,
            "events": 3,
            "fused_events": 1,
            "claims": 3,
            "places": 3,
            "events_by_type": {"Battles": 3},
            "contradictions": 1,
        }
        # evidence: every extracted field points to its article and span
        ev = st.conn.execute('SELECT kind, start, "end" FROM evidence WHERE article_id = 1 ORDER BY kind').fetchall()
        assert ev == [("actor", 0, 9), ("actor", 0, 14), ("claim", 1, 3), ("event", 0, 40), ("place", 3, 15)]
        assert st.actor_types()["Hezbollah"] == "Political militia"


def test_fusion_in_store_order_independent_and_rebuild(new_db):
    items = three()
    results = []
    for name, order in (("abc", items), ("cba", items[::-1]), ("bac", [items[1], items[0], items[2]])):
        with open_store(new_db(f"{name}.db")) as st:
            for a, r in order:
                add(st, a, r)
            got = [fused_to_dict(f) for f in st.fused_events()]
            n = rebuild(st)
            assert n == 1
            assert [fused_to_dict(f) for f in st.fused_events()] == got  # incremental == rebuild
            results.append(got)

    def strip(fs):  # mention/claim order inside may follow storage; compare what fusion decided
        return [(f["id"], f["articles"], f["by_side"], sorted(f["contradictions"]), f["note"]) for f in fs]

    assert strip(results[0]) == strip(results[1]) == strip(results[2])
    [f] = results[0]
    assert f["articles"] == ["a.txt", "b.txt", "c.txt"]
    assert f["by_side"]["Hezbollah"] == {"low": 13, "best": 18, "high": 120}
    assert f["note"].startswith("Hezbollah killed: 13 (Nasrallah) vs up to 120 (opposition media); 18 (SOHR)")


def test_exception_inside_transaction_loses_nothing_committed(new_db, monkeypatch):
    items = three()
    path = new_db("x.db")
    st = open_store(path)
    add(st, *items[0])

    def boom(*args):
        raise RuntimeError("killed")

    with monkeypatch.context() as m:  # inside the store's transaction: the article is not stored
        m.setattr(st, "_insert_event", boom)
        with pytest.raises(RuntimeError):
            st.add(*items[1])
    assert st.summary()["articles"] == 1
    fuser = Fuser(st)
    monkeypatch.setattr(fuser, "_fuse_new", boom)  # inside fusion: stored, not fused yet
    assert st.add(*items[1])
    with pytest.raises(RuntimeError):
        fuser.fuse_pending()
    st.close()
    with open_store(path) as st:
        assert st.summary()["articles"] == 2 and st.summary()["events"] == 2
        assert st.conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 2
        assert st.unfused_count() == 1 and st.summary()["fused_events"] == 1
        assert [add(st, a, r) for a, r in items] == [False, False, True]  # resume: no duplicates
        assert st.summary()["articles"] == 3 and st.summary()["fused_events"] == 1
        assert st.unfused_count() == 0


def test_killed_process_resumes(new_db):
    path = new_db("k.db")
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_store import add, three
        from warlog.fuse.incremental import Fuser
        from warlog.store import open_store
        st = open_store({str(path)!r})
        items = three()
        add(st, *items[0])
        def hang(rows):
            print("inside", flush=True)
            time.sleep(60)
        fuser = Fuser(st)
        fuser._fuse_new = hang
        st.add(*items[1])
        fuser.fuse_pending()
    """)
    p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "inside"
    finally:
        p.kill()
        p.wait()
    with open_store(path) as st:
        assert st.summary()["articles"] == 2 and st.unfused_count() == 1
        assert [add(st, a, r) for a, r in three()] == [False, False, True]
        assert st.summary()["fused_events"] == 1 and st.unfused_count() == 0


def test_migration_from_version_1(new_db):
    path = new_db("old.db")
    items = three()
    old = Store(path, target_version=1)  # a file written by the first schema (no fusion tables)
    assert old.schema_version == 1
    for art, r in items:
        c = old.conn
        aid = old.db.insert(
            "INSERT INTO articles (name, source, content_hash, text, published) VALUES (?,?,?,?,?)",
            (art.id, art.source, art.content_hash, art.text, art.published.start),
        )
        c.execute("INSERT INTO readings (article_id, json) VALUES (?, ?)", (aid, json.dumps(r.to_dict())))
        e = r.events[0]
        c.execute(
            "INSERT INTO events (article_id, event_id, event_type, sub_event_type, date_start, date_end, json)"
            " VALUES (?,?,?,?,?,?,?)",
            (aid, e.id, e.event_type, e.sub_event_type, e.date.start, e.date.end, json.dumps(e.to_dict())),
        )
    old.close()
    if not str(path).startswith("postgresql:"):
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
        con.close()
    with open_store(path) as st:
        assert st.schema_version == SCHEMA_VERSION
        assert st.conn.execute("SELECT day_lo FROM events WHERE id = 1").fetchone()[0] == 735731  # 2015-05-13
        assert st.unfused_count() == 3 and st.summary()["fused_events"] == 0  # fused by the next fusion
        assert fuse_store(st) == (1, True)
        assert st.summary()["fused_events"] == 1 and st.unfused_count() == 0
        assert [d for d in st.reading_dicts()] == [r.to_dict() for _, r in items]


def test_newer_schema_refused(new_db):
    path = new_db("new.db")
    with open_store(path) as st:
        st.db.begin_migration()
        st.db.set_version(SCHEMA_VERSION + 1)
        st.conn.execute("COMMIT")
    with pytest.raises(RuntimeError):
        open_store(path)


def test_open_is_quick_on_many_articles(new_db):
    t = time.perf_counter()
    with open_store(new_db("q.db")) as st:
        for i in range(60):
            a, r = make(
                f"n{i}.txt", f"text {i}", f"2016-01-{1 + i % 28:02d}", 33 + i % 5, 36 + i % 3, ["ISIS"], ["YPG"]
            )
            add(st, a, r)
        assert st.summary()["articles"] == 60
    assert time.perf_counter() - t < 20


def test_source_profiles_from_store_and_duplicate_event_ids(new_db):
    from warlog import fuse

    with open_store(new_db("p.db")) as st:
        for a, r in three():
            add(st, a, r)
        profiles = fuse.source_profiles(st)
        by = {(p["role"], p["source"]): p for p in profiles}
        # opposition media's 120 against the others' median (13, 18 -> 15.5)
        assert by[("claimant", "opposition media")]["median_ratio"] == round(120 / 15.5, 3)
        assert by[("outlet", "Orient News")]["highest"] == 1
        assert by[("outlet", "Al-Manar")]["lowest"] == 1
        assert fuse.rebuild(st) == 1
        a, r = make("d.txt", "Another text.", "2016-01-01", 35.0, 38.0, ["ISIS"], ["YPG"])
        r.events.append(r.events[0])  # the same event id twice
        assert add(st, a, r)
        assert st.summary()["events"] == 4


def test_local_refusion_beyond_the_exact_component_size(new_db):
    # force the local path (a component larger than 1 event): still one fused event, equal to a rebuild
    with open_store(new_db("l.db")) as st:
        fuser = Fuser(st, exact_component_max=1)
        for a, r in three():
            add(st, a, r, fuser)
        got = [fused_to_dict(f) for f in st.fused_events()]
        assert len(got) == 1 and got[0]["articles"] == ["a.txt", "b.txt", "c.txt"]
        rebuild(st)
        assert [fused_to_dict(f) for f in st.fused_events()] == got


def test_store_fusion_independent_of_ingestion_order_random(new_db):
    import random

    rng = random.Random(11)
    items = []
    for i in range(40):
        day = f"2016-03-{rng.randint(1, 6):02d}"
        placed = rng.random() > 0.2
        a, r = make(
            f"r{i}.txt",
            f"report {i}",
            day,
            35.0 + rng.random() * 0.3 if placed else None,
            38.0 + rng.random() * 0.3,
            [rng.choice(["ISIS", "YPG"])],
            [rng.choice(["SDF", "civilians"])],
            [("civilians", rng.randint(1, 40), None, rng.choice(["SOHR", "SANA", "activists"]))],
        )
        if not placed:
            r.events[0].location = None
        items.append((a, r))
    results = []
    for seed in (0, 1):
        order = items[:]
        random.Random(seed).shuffle(order)
        with open_store(new_db(f"o{seed}.db")) as st:
            for a, r in order:
                add(st, a, r)
            results.append(
                sorted(
                    (f["id"], f["articles"], f["by_side"], f["note"])
                    for f in (fused_to_dict(x) for x in st.fused_events())
                )
            )
            rebuild(st)
            assert (
                sorted(
                    (f["id"], f["articles"], f["by_side"], f["note"])
                    for f in (fused_to_dict(x) for x in st.fused_events())
                )
                == results[-1]
            )
    assert results[0] == results[1]
    assert any(len(r[1]) > 1 for r in results[0])  # some reports did fuse


def test_a_batch_of_articles_fuses_as_one_by_one(new_db):
    items = three()
    with open_store(new_db("one.db")) as st:
        for a, r in items:
            add(st, a, r)
        one = [fused_to_dict(f) for f in st.fused_events()]
    with open_store(new_db("batch.db")) as st:
        for a, r in items:
            st.add(a, r)
        assert Fuser(st).fuse_pending() == 3  # one transaction for the three
        assert [fused_to_dict(f) for f in st.fused_events()] == one
        assert Fuser(st).fuse_pending() == 0  # nothing left


def test_blocks_of_a_store_written_before_the_block_index_are_filled_in(new_db):
    items = three()
    with open_store(new_db("old.db")) as st:
        for a, r in items[:2]:
            add(st, a, r)
        with st.transaction():  # as schema step 6 leaves a store fused before it: no blocks, 'indexed' at 0
            st.conn.execute("DELETE FROM fusion_blocks")
            st.set_mark("indexed", 0)
        add(st, *items[2])  # its candidates are found through the blocks filled in first
        got = [fused_to_dict(f) for f in st.fused_events()]
        assert len(got) == 1 and got[0]["articles"] == ["a.txt", "b.txt", "c.txt"]
        assert st.mark("indexed") == st.mark("fused") == 3
        rebuild(st)
        assert [fused_to_dict(f) for f in st.fused_events()] == got


def test_fusion_queries_use_indexes_never_a_table_scan(tmp_path):
    """SQLite only (EXPLAIN QUERY PLAN)."""
    with open_store(tmp_path / "q.db") as st:
        for a, r in three():
            add(st, a, r)
        plans = []
        real = st.conn

        class Spy:  # every query fusion runs, with SQLite's plan for it
            def __getattr__(self, name):
                return getattr(real, name)

            def execute(self, sql, params=()):
                if sql.lstrip().upper().startswith("SELECT"):
                    plans.append((sql, [row[-1] for row in real.execute("EXPLAIN QUERY PLAN " + sql, params)]))
                return real.execute(sql, params)

        st.conn = Spy()
        a, r = make("d.txt", "Hezbollah shelled Tallat Mussa again.", "2015-05-13", 33.93, 36.43, ["Hezbollah"], [])
        st.add(a, r)
        Fuser(st).fuse_pending()
        st.conn = real
        fusion = [(sql, plan) for sql, plan in plans if "articles WHERE content_hash" not in sql]
        assert len(fusion) > 5
        scans = [(sql, p) for sql, plan in fusion for p in plan if p.startswith("SCAN") and "CONSTANT ROW" not in p]
        assert not scans, scans


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("postgresql://nobody@127.0.0.1:1/x", "cannot connect"),  # nothing listens on port 1
        ("postgresql://a@b/c?nosuchoption=1", "not a valid PostgreSQL URL"),
        ("postgres://u:secret@127.0.0.1:1/x", "cannot connect"),
    ],
)
def test_bad_postgresql_url_is_one_line(url, reason):
    pytest.importorskip("psycopg")
    from warlog.store.backend import StoreError

    with pytest.raises(StoreError) as e:
        open_store(url)
    assert reason in str(e.value) and "\n" not in str(e.value) and "secret" not in str(e.value)
    assert isinstance(e.value, sqlite3.DatabaseError)  # reported as every database error is


def test_postgresql_without_psycopg_says_how_to_install(monkeypatch):
    from warlog.store.backend import StoreError

    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"pip install 'warlog\[pg\]'"):
        open_store("postgresql://u@h/d")


def test_cli_bad_postgresql_url_exit_3_without_traceback():
    pytest.importorskip("psycopg")
    r = subprocess.run(
        [sys.executable, "-m", "warlog.cli", "summary", "--db", "postgresql://u:secret@127.0.0.1:1/x"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 3
    assert "cannot connect" in r.stderr and "Traceback" not in r.stderr and "secret" not in r.stderr
