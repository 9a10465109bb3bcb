"""Several writers at once on one store (both backends; PostgreSQL lets them write at the same time): the store
then equals a sequential ingest of the same inputs: the same articles, none twice, names unique, and the same
fused events, incrementally and after a rebuild."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from warlog.fuse import fused_to_dict
from warlog.fuse.incremental import rebuild
from warlog.store import open_store

sys.path.insert(0, str(Path(__file__).parent))
from test_store import add, make  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def items():
    """36 reports over 5 days and a small area (many fuse); every sixth is named "same.txt" (a name race)."""
    out = []
    for i in range(36):
        name = "same.txt" if i % 6 == 0 else f"r{i}.txt"
        a, r = make(
            name,
            f"report number {i} from the front",
            f"2016-03-{1 + i % 5:02d}",
            35.0 + (i % 4) * 0.05,
            38.0 + (i % 3) * 0.05,
            [["ISIS", "YPG"][i % 2]],
            [["SDF", "civilians"][i % 3 == 0]],
            [("civilians", 3 + i % 7, None, ["SOHR", "SANA", "activists"][i % 3])],
        )
        a.content_hash = f"h{i:02d}"
        a.source = f"/in/{i}/{name}"
        out.append((a, r))
    return out


def state(db) -> dict:
    """What must not depend on who wrote first (names of articles sharing one may)."""
    with open_store(db) as st:
        arts = list(st.articles())
        hash_of = {a.id: a.content_hash for a in arts}

        def fused() -> list:
            return sorted(
                (sorted(hash_of[n] for n in f["articles"]), f["event_type"], json.dumps(f["by_side"], sort_keys=True))
                for f in (fused_to_dict(x) for x in st.fused_events())
            )

        incremental = fused()
        rebuild(st)
        return {
            "hashes": sorted(a.content_hash for a in arts),
            "names_unique": len({a.id for a in arts}) == len(arts),
            "named": sorted((a.id, a.content_hash) for a in arts if not a.id.endswith("same.txt")),
            "events": st.summary()["events"],
            "fused_incremental": incremental,
            "fused": fused(),
        }


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from test_store import add
    from test_store_concurrent import items
    from warlog.store import open_store
    lo, hi, reverse = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
    chosen = items()[lo:hi]
    print("ready", flush=True)
    sys.stdin.readline()
    with open_store(sys.argv[4]) as st:  # both open (and migrate) a fresh store at once
        added = sum(add(st, a, r) for a, r in (chosen[::-1] if reverse else chosen))  # each fused after it
    print(added, flush=True)
""")


def test_two_writers_at_once_equal_a_sequential_ingest(new_db):
    together, alone = new_db("together.db"), new_db("alone.db")
    script = WRITER.format(tests=str(Path(__file__).parent))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, lo, hi, rev, str(together)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for lo, hi, rev in (("0", "26", "0"), ("10", "36", "1"))  # 16 articles in both
    ]
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "ready"
        for p in procs:  # go
            p.stdin.write("\n")
            p.stdin.flush()
        added = [int(p.stdout.readline()) for p in procs]
    finally:
        for p in procs:
            p.wait(timeout=120)
    assert all(p.returncode == 0 for p in procs)
    assert sum(added) == 36  # each article stored once, by one of them
    with open_store(alone) as st:
        for a, r in items():
            assert add(st, a, r)
    got, want = state(together), state(alone)
    assert got["names_unique"] and want["names_unique"]
    assert got == want
    assert got["fused_incremental"] == got["fused"]  # incremental fusion under concurrency == a rebuild
    assert any(len(f[0]) > 2 for f in got["fused"])  # some reports did fuse


@pytest.mark.parametrize("new_db", ["postgresql"], indirect=True)
def test_two_cli_ingests_at_once_on_postgresql(new_db, tmp_path):
    """`warlog ingest` twice at once, on overlapping folders, into one PostgreSQL database; then `fuse --rebuild`:
    the same articles and fused events as one ingest of their union."""
    examples = sorted(p for p in (REPO / "examples").iterdir() if p.suffix == ".txt")[:3]
    assert len(examples) == 3
    folders = {}
    for name, chosen in (("a", examples[:2]), ("b", examples[1:]), ("all", examples)):
        folders[name] = tmp_path / name
        folders[name].mkdir()
        for f in chosen:
            shutil.copy(f, folders[name] / f.name)
    together, alone = new_db(), new_db()
    cli = [sys.executable, "-m", "warlog.cli"]
    procs = [
        subprocess.Popen([*cli, "ingest", str(folders[x]), "--db", together, "--jobs", "1", "-q"], cwd=tmp_path)
        for x in ("a", "b")
    ]
    assert [p.wait(timeout=600) for p in procs] == [0, 0]
    subprocess.run([*cli, "ingest", str(folders["all"]), "--db", alone, "--jobs", "1", "-q"], check=True, cwd=tmp_path)
    for db in (together, alone):
        subprocess.run([*cli, "fuse", "--rebuild", "--db", db], check=True, cwd=tmp_path, capture_output=True)

    def stored(db):
        with open_store(db) as st:
            return (
                sorted((a.id, a.content_hash) for a in st.articles()),
                st.summary(),
                sorted(json.dumps(fused_to_dict(f), sort_keys=True) for f in st.fused_events()),
            )

    got, want = stored(together), stored(alone)
    assert len(got[0]) == 3
    assert got == want
