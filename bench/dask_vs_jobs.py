"""Reading on a Dask cluster against the local engine (issue 17, Measure): the same FA-KES dev rows, one run.

    .venv/bin/python bench/dask_vs_jobs.py [N]      N FA-KES dev articles (default 300)

In one run, wall seconds to read the N articles with:
- jobs 1: this process;
- jobs 2: two worker processes on this machine (their start included);
- dask local:2: a LocalCluster of 2 worker processes started for the run (its start and the workers' Reader
  builds included), as `warlog read --dask local:2` does;
- dask, running cluster: the same 2 workers already started and warmed with one chunk each (a cluster that
  serves many runs), `--dask tcp://...`.
Each figure also as a ratio to jobs 1 (the machine is shared and noisy: ratios are the figure, absolute times
context). The readings of every engine are checked equal to those of jobs 1.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

from warlog import api
from warlog.engine import DEFAULT_CHUNK, engine_for
from warlog.model import Article, Reading
from warlog.pipeline import Reader

SHARED = Path(__file__).resolve().parents[2] / "shared"
FAKES = SHARED / "datasets/fa-kes/fakes.dev.jsonl"


def _fakes(n: int) -> list[Article]:
    rows = [json.loads(line) for line in FAKES.open(encoding="utf-8")][:n]
    return [
        Article(id=str(r["unit_id"]), text=r["article_content"], title=r.get("article_title"), source=f"fakes#{i}")
        for i, r in enumerate(rows)
    ]


def _timed(engine, articles: list[Article]) -> tuple[float, list]:
    t0 = time.perf_counter()
    got = [r for _, r in engine.map_read([Article(**a.__dict__) for a in articles])]
    return time.perf_counter() - t0, got


def _view(results: list) -> list:
    return [json.dumps(r.to_dict(), sort_keys=True) if isinstance(r, Reading) else str(r) for r in results]


def bench(n: int = 300) -> dict:
    from distributed import Client, LocalCluster

    from warlog.engine.dask import warm
    from warlog.engine.local import _main_module_hidden

    articles = _fakes(n)
    reader = Reader.default()
    reader.read(Article(id="warmup", text="Warm-up: rebels shelled Homs on Monday."))
    out: dict = {"articles": len(articles), "chunk": DEFAULT_CHUNK, "cpu_count": api.default_jobs()}
    t1, one = _timed(engine_for(reader, jobs=1), articles)
    out["jobs1_s"] = round(t1, 1)
    runs = {"jobs2": engine_for(reader, jobs=2), "dask_local2": engine_for(reader, dask="local:2")}
    for key, engine in runs.items():
        t, got = _timed(engine, articles)
        assert _view(got) == _view(one), f"{key}: readings differ from jobs 1"
        out[f"{key}_s"] = round(t, 1)
        out[f"{key}_ratio_to_jobs1"] = round(t / t1, 2)
    with _main_module_hidden():
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
        )
    try:
        with Client(cluster, set_as_default=False) as client:
            client.run(warm, reader.recipe)  # each worker builds its Reader
        t, got = _timed(engine_for(reader, dask=cluster.scheduler_address), articles)
        assert _view(got) == _view(one), "running cluster: readings differ from jobs 1"
        out["dask_running2_s"] = round(t, 1)
        out["dask_running2_ratio_to_jobs1"] = round(t / t1, 2)
    finally:
        cluster.close()
    return out


if __name__ == "__main__":
    if not FAKES.exists():
        sys.exit("needs ../shared beside the checkout")
    print(json.dumps(bench(int(sys.argv[1]) if len(sys.argv) > 1 else 300), indent=2))
