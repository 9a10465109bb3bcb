"""The PostgreSQL store against the SQLite store (issue 17) on the same synthetic corpus.

    .venv/bin/python bench/pg_vs_sqlite.py [SIZE] [--base K]       (default: 10000 articles from K=100 readings)

The corpus is bench/scale.py's: K FA-KES dev articles are read once, SIZE synthetic articles are made from their
readings (a new id and text, dates moved by up to two years, coordinates by up to half a degree). The same
articles are stored in a SQLite file and in a PostgreSQL database the way a bulk load does (`ingest --no-fuse`:
one transaction per article, no fusion), then fused in one batch pass (`warlog fuse`), then the ACLED CSV,
GeoJSON and JSONL exports are written. Prints, per backend, seconds per 1k articles for storing, fusing and
exporting, and database bytes per article (SQLite: the file after a WAL checkpoint; PostgreSQL: pg_database_size
less that of the empty store).

PostgreSQL: $WARLOG_BENCH_POSTGRES (a DSN to a database of your own: it is filled), else a throwaway server
started from the machine's PostgreSQL binaries (warlog/store/pgtemp.py), as the tests do.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402

from warlog import api  # noqa: E402
from warlog.model import Article, Reading  # noqa: E402
from warlog.pipeline import Reader  # noqa: E402


def corpus(size: int, base_n: int) -> list[tuple[Article, Reading]]:
    reader = Reader.default()
    arts = scale._fakes(base_n)
    base = [
        (a, r)
        for a, r in zip(arts, api._read_stream(reader, [Article(**x.__dict__) for x in arts], jobs=None), strict=True)
        if isinstance(r, Reading)
    ]
    rng = random.Random(17)
    return [scale._perturb(base[i % len(base)], i, rng) for i in range(size)]


def run(db: str | Path, items: list[tuple[Article, Reading]], out: Path) -> dict:
    from warlog.export import export
    from warlog.fuse.incremental import rebuild
    from warlog.store import open_store

    with open_store(db) as st:
        empty = st.db.size_bytes() if st.db.kind == "postgresql" else 0
        t0 = time.perf_counter()
        for a, r in items:
            st.add(Article(**a.__dict__), Reading.from_dict(r.to_dict()))  # stored, not fused
        t_store = time.perf_counter() - t0
        t0 = time.perf_counter()
        rebuild(st)
        t_fuse = time.perf_counter() - t0
        exports = {}
        for fmt in ("acled-csv", "geojson", "jsonl"):
            t0 = time.perf_counter()
            with open(out / f"{st.db.kind}.{fmt}", "w", encoding="utf-8", newline="") as fh:
                export(st, fmt, fh)
            exports[fmt] = time.perf_counter() - t0
        summary = st.summary()
        if st.db.kind == "sqlite":  # the WAL's pages into the file, as closing the store does
            st.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = st.db.size_bytes() - empty
        kind = st.db.kind
    k = len(items) / 1000
    return {
        "backend": kind,
        "articles": len(items),
        "store_s_per_1k": round(t_store / k, 1),
        "batch_fusion_s_per_1k": round(t_fuse / k, 1),
        "export_s_per_1k": {f: round(s / k, 2) for f, s in exports.items()},
        "total_s_per_1k": round((t_store + t_fuse + sum(exports.values())) / k, 1),
        "events": summary["events"],
        "fused_events": summary["fused_events"],
        "db_bytes_per_article": round(size / len(items)),
    }


def main(size: int, base_n: int) -> dict:
    from warlog.store import pgtemp

    t0 = time.perf_counter()
    items = corpus(size, base_n)
    t_corpus = time.perf_counter() - t0
    tmp = Path(tempfile.mkdtemp(prefix="warlog-pgbench-"))
    results = [run(tmp / "bench.db", items, tmp)]
    server = None
    dsn = os.environ.get("WARLOG_BENCH_POSTGRES")
    if not dsn:
        server = pgtemp.TempServer.start()
        dsn = server.new_database()
    try:
        results.append(run(dsn, items, tmp))
    finally:
        if server is not None:
            server.stop()
    same = all(
        (tmp / f"sqlite.{f}").read_bytes() == (tmp / f"postgresql.{f}").read_bytes() for f in ("geojson", "jsonl")
    )
    return {
        "size": size,
        "base_articles": base_n,
        "corpus_s": round(t_corpus, 1),
        "results": results,
        "same_geojson_and_jsonl": same,
        "postgresql_over_sqlite_total": round(results[1]["total_s_per_1k"] / results[0]["total_s_per_1k"], 2),
    }


if __name__ == "__main__":
    if not scale.FAKES.exists():
        sys.exit("needs ../shared beside the checkout")
    args = sys.argv[1:]
    base_n = int(args[args.index("--base") + 1]) if "--base" in args else 100
    sizes = [a for i, a in enumerate(args) if a.isdigit() and (i == 0 or args[i - 1] != "--base")]
    print(json.dumps(main(int(sizes[0]) if sizes else 10000, base_n), indent=2))
