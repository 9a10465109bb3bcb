"""Scale benchmarks (issue 17): reading speed against a full spaCy parse with 1 and 2 jobs, and the store's
cost per article as it grows.

    .venv/bin/python bench/scale.py read [N]              N FA-KES dev articles (default: all 381)
    .venv/bin/python bench/scale.py store SIZE [--no-fuse] [--base K] [--span-per-1k DAYS]

`read`: in one run, a plain spaCy parse of every article (`nlp.pipe`, one process), then warlog's reading
with jobs=1 and jobs=2 (worker start-up included); the figure is warlog's time / the parse's time (the
machines are shared and noisy: the ratio is the figure, absolute times are context).

`store SIZE`: K FA-KES dev articles (default 100) are read once; SIZE synthetic articles are made from their
readings by perturbing them (a new id and text, dates moved by up to two years, coordinates moved by up to
half a degree) and stored one by one, fused as `ingest` fuses them (incremental fusion after every
`api.FUSE_BATCH` articles), or with --no-fuse then one batch fusion pass; then the
ACLED CSV, GeoJSON and JSONL exports are written. Prints seconds per 1k stored articles for each successive
thousand, fusion and export seconds, the peak resident memory of the process and the database bytes per
article. Reading cost per article does not depend on the store's size and is measured by `read`; `store`
measures what does: storing, fusing, exporting.
"""

from __future__ import annotations

import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from warlog import api
from warlog.model import Article, Reading
from warlog.pipeline import Reader

SHARED = Path(__file__).resolve().parents[2] / "shared"
FAKES = SHARED / "datasets/fa-kes/fakes.dev.jsonl"


def _fakes(n: int | None) -> list[Article]:
    rows = [json.loads(line) for line in FAKES.open(encoding="utf-8")]
    rows = rows[:n] if n else rows
    return [
        Article(id=str(r["unit_id"]), text=r["article_content"], title=r.get("article_title"), source=f"fakes#{i}")
        for i, r in enumerate(rows)
    ]


def _peak_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def bench_read(n: int | None = None) -> dict:
    articles = _fakes(n)
    words = sum(len(a.text.split()) for a in articles)
    reader = Reader.default()
    reader.read(Article(id="warmup", text="Warm-up: rebels shelled Homs on Monday."))
    nlp = reader.nlp  # the Reader's own pipeline
    t0 = time.perf_counter()
    for _ in nlp.pipe(a.text for a in articles):
        pass
    t_parse = time.perf_counter() - t0
    out = {"articles": len(articles), "words": words, "spacy_parse_all_s": round(t_parse, 2)}
    for jobs in (1, 2):
        t0 = time.perf_counter()
        got = list(api._read_stream(reader, [Article(**a.__dict__) for a in articles], jobs=jobs))
        t = time.perf_counter() - t0
        assert len(got) == len(articles)
        out[f"jobs{jobs}_s"] = round(t, 2)
        out[f"jobs{jobs}_articles_per_s"] = round(len(articles) / t, 1)
        out[f"jobs{jobs}_ratio_to_parse_all"] = round(t / t_parse, 2)
    out["cpu_count"] = api.default_jobs()
    out["peak_rss_mb_main"] = _peak_mb()
    return out


def _shift(value: str | None, days: int) -> str | None:
    if not value:
        return value
    try:
        if len(value) >= 10:
            return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7]) - 1 + days // 30
            return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
    except ValueError:
        return value
    return value


def _perturb(base: tuple[Article, Reading], i: int, rng: random.Random, span: int = 730) -> tuple[Article, Reading]:
    art, reading = base
    new = f"syn{i:07d}"
    days = rng.randrange(0, span)
    dlat, dlon = rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5)
    d = json.loads(json.dumps(reading.to_dict()).replace(art.id, new))
    for e in d["events"]:
        for key in ("date",):
            v = e.get(key)
            if isinstance(v, dict):
                v["start"] = _shift(v.get("start"), days)
                v["end"] = _shift(v.get("end"), days)
        loc = e.get("location")
        if isinstance(loc, dict) and loc.get("lat") is not None:
            loc["lat"] = round(loc["lat"] + dlat, 4)
            loc["lon"] = round(loc["lon"] + dlon, 4)
    text = f"{art.text}\n[synthetic copy {i}]"
    d["text"] = text
    r = Reading.from_dict(d)
    pub = reading.published
    if pub is not None and pub.start:
        pub = type(pub)(_shift(pub.start, days), _shift(pub.end, days), pub.precision)
    a = Article(id=new, text=text, title=art.title, source=f"synthetic#{i}", published=pub)
    r.published = pub
    return a, r


def bench_store(size: int, fuse: bool = True, base_n: int = 100, span_per_1k: int | None = None) -> dict:
    from warlog.export import export
    from warlog.fuse.incremental import Fuser, rebuild
    from warlog.store import open_store

    reader = Reader.default()
    t0 = time.perf_counter()
    base = []
    arts = _fakes(base_n)
    for a, r in zip(arts, api._read_stream(reader, [Article(**x.__dict__) for x in arts], jobs=None), strict=True):
        if isinstance(r, Reading):
            base.append((a, r))
    t_read = time.perf_counter() - t0
    rng = random.Random(17)
    tmp = Path(tempfile.mkdtemp(prefix="warlog-scale-"))
    db = tmp / "scale.db"
    per_1k = []
    cpu_1k = []  # CPU seconds of this process: the figure on a shared machine, where wall time depends on the load
    with open_store(db) as st:
        fuser = Fuser(st)
        t0 = t_chunk = time.perf_counter()
        c_chunk = time.process_time()
        for i in range(size):
            # --span-per-1k D: the dates spread over D days per 1k articles so far (an archive growing in time:
            # constant density), instead of two years whatever the size (density growing with the corpus)
            span = max(1, span_per_1k * (i + 1) // 1000) if span_per_1k else 730
            a, r = _perturb(base[i % len(base)], i, rng, span)
            st.add(a, r)
            if fuse and (i + 1) % api.FUSE_BATCH == 0:
                fuser.fuse_pending()
            if (i + 1) % 1000 == 0:
                now = time.perf_counter()
                per_1k.append(round(now - t_chunk, 1))
                cpu_1k.append(round(time.process_time() - c_chunk, 1))
                t_chunk, c_chunk = now, time.process_time()
                print(
                    f"{i + 1} stored: {per_1k[-1]} s ({cpu_1k[-1]} s CPU) for the last 1k, peak {_peak_mb()} MB, "
                    f"db {sum(os.path.getsize(p) for p in tmp.glob('scale.db*')) // (i + 1)} bytes per article",
                    file=sys.stderr,
                    flush=True,
                )
        if fuse:
            fuser.fuse_pending()
        t_store = time.perf_counter() - t0
        t0 = time.perf_counter()
        if not fuse:
            rebuild(st)
        t_fuse = time.perf_counter() - t0
        summary = st.summary()
        exports = {}
        for fmt in ("acled-csv", "geojson", "jsonl"):
            t0 = time.perf_counter()
            with open(tmp / f"out.{fmt}", "w", encoding="utf-8", newline="") as fh:
                export(st, fmt, fh)
            exports[fmt] = round(time.perf_counter() - t0, 1)
    st_size = sum(os.path.getsize(p) for p in tmp.glob("scale.db*"))
    return {
        "size": size,
        "fusion": "incremental" if fuse else "--no-fuse, then one batch pass",
        "base_articles_read": len(base),
        "base_read_s": round(t_read, 1),
        "store_s": round(t_store, 1),
        "store_s_per_1k": round(1000 * t_store / size, 1),
        "store_s_per_successive_1k": per_1k,
        "store_cpu_s_per_successive_1k": cpu_1k,
        "batch_fusion_s": round(t_fuse, 1),
        "export_s": exports,
        "events": summary["events"],
        "fused_events": summary["fused_events"],
        "db_bytes_per_article": round(st_size / size),
        "peak_rss_mb": _peak_mb(),
    }


if __name__ == "__main__":
    if not FAKES.exists():
        sys.exit("needs ../shared beside the checkout")
    cmd = sys.argv[1] if len(sys.argv) > 1 else "read"
    if cmd == "read":
        print(json.dumps(bench_read(int(sys.argv[2]) if len(sys.argv) > 2 else None), indent=2))
    elif cmd == "store":
        args = sys.argv[2:]
        base_n = int(args[args.index("--base") + 1]) if "--base" in args else 100
        span = int(args[args.index("--span-per-1k") + 1]) if "--span-per-1k" in args else None
        print(json.dumps(bench_store(int(args[0]), "--no-fuse" not in args, base_n, span), indent=2))
    else:
        sys.exit(__doc__)
