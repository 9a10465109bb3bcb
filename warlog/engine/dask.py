"""The Dask engine: articles read on the workers of a Dask distributed cluster (`--dask ADDRESS`).

    ADDRESS   tcp://host:8786 (any address a dask.distributed Client takes): a running scheduler
              local:N  a LocalCluster of N worker processes (one thread each) started for the run, then stopped

This process loads the inputs (files, folders, rows of CSV/JSONL dumps: warlog.ingest.load's item stream),
cuts the articles into chunks of `chunk` and submits one task per chunk, a few chunks per worker in flight
(memory stays flat); it takes the readings back in input order. Each worker process builds its Reader once,
from the Reader's recipe (a picklable function and its arguments), and keeps it for the next chunks and runs.
The workers need warlog (same version), its data and the built place-name index (`warlog gazetteer build`);
an --actors file must be at the same path on them.

What can go wrong, and what the user sees:
- an article that fails to read: an IngestError with the reason, as in every engine; the others go on;
- a worker that dies while reading a chunk: Dask runs the chunk again on another worker; a chunk that has
  killed `distributed.scheduler.allowed-failures` workers is read again one article per task, so that only
  the article that kills workers is given up ("the Dask worker reading it stopped");
- a scheduler that cannot be reached (WARLOG_DASK_CONNECT_SECONDS, default 10), a connection lost, a cluster
  left without workers for WARLOG_DASK_NO_WORKERS_SECONDS (default 60), workers that cannot run warlog:
  EngineError, one line.
Not enforced on the workers: the per-article time budget (WARLOG_ARTICLE_SECONDS) needs a process's main
thread (SIGALRM), and Dask runs tasks in worker threads.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import uuid
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from warlog.engine import DEFAULT_CHUNK, EngineError, Item, Result, settle
from warlog.model import Article, IngestError, Reading

if TYPE_CHECKING:
    from warlog.pipeline import Reader

log = logging.getLogger(__name__)

CONNECT_SECONDS = float(os.environ.get("WARLOG_DASK_CONNECT_SECONDS", "10"))
NO_WORKERS_SECONDS = float(os.environ.get("WARLOG_DASK_NO_WORKERS_SECONDS", "60"))
POLL_SECONDS = 2.0

MISSING = "--dask needs Dask distributed, which is not installed here: pip install 'warlog[cluster]'"
_LOCAL = re.compile(r"local(?::(\d+))?")


def available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def check_address(address: str) -> None:
    """ValueError with the reason for an address that is not one (the form only: reaching it is the run's)."""
    address = address.strip()
    if not address:
        raise ValueError("--dask needs a scheduler address (tcp://host:8786) or local:N")
    m = _LOCAL.fullmatch(address)
    if address.startswith("local") and not (m and (m.group(1) is None or int(m.group(1)) >= 1)):
        raise ValueError(f"--dask {address}: write local:N with N worker processes, at least 1 (local:2)")


# -- on the workers ----------------------------------------------------------------------------------------
_READERS: dict[Any, Reader] = {}
_BUILD = threading.Lock()
_READ = threading.Lock()  # a worker with several threads reads one article at a time per process


def _worker_reader(recipe: tuple) -> Reader:
    """This worker process's Reader for `recipe`, built on its first chunk."""
    with _BUILD:
        reader = _READERS.get(recipe)
        if reader is None:
            build, args = recipe
            reader = _READERS[recipe] = build(*args)
        return reader


def warm(recipe: tuple) -> None:
    """Build this worker's Reader now, and its language model with one short article (Client.run(warm, recipe)
    on a cluster that will serve many runs)."""
    from warlog.engine.local import _read_one

    _read_one(_worker_reader(recipe), Article(id="warm-up", text="Rebels shelled Homs on Monday."))


def read_chunk(recipe: tuple, articles: list[Article]) -> list[Reading | IngestError]:
    """A task: read a chunk of articles on a worker; a failing article is an IngestError with the reason."""
    from warlog.engine.local import _read_one

    reader = _worker_reader(recipe)
    with _READ:
        return [_read_one(reader, a) for a in articles]


# -- in this process ---------------------------------------------------------------------------------------
class DaskEngine:
    def __init__(self, reader: Reader, address: str, chunk: int = DEFAULT_CHUNK):
        try:
            check_address(address)
        except ValueError as e:
            raise EngineError(str(e)) from None
        self.reader, self.address, self.chunk = reader, address.strip(), max(1, int(chunk))

    def map_read(self, items: Iterable[Item]) -> Iterator[tuple[Item, Result]]:
        if self.reader.recipe is None:
            raise EngineError(
                "this Reader was put together by hand and cannot be built on the cluster's workers "
                "(use Reader.default, or give it a recipe)"
            )
        with _quiet_dask(), self._client() as client:
            yield from _Run(client, self.reader.recipe, self.chunk, self.address).results(items)

    @contextmanager
    def _client(self):
        if not available():
            raise EngineError(MISSING)
        from distributed import Client, LocalCluster

        m = _LOCAL.fullmatch(self.address)
        cluster = None
        try:
            if m:
                from warlog.engine.local import _main_module_hidden, default_jobs

                n = int(m.group(1)) if m.group(1) else default_jobs()
                with _main_module_hidden(), warnings.catch_warnings():
                    warnings.simplefilter("ignore", UserWarning)  # "port 8787 in use": another cluster runs here
                    cluster = LocalCluster(
                        n_workers=n,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.CRITICAL,
                    )
                client = Client(cluster, set_as_default=False, timeout=CONNECT_SECONDS)
            else:
                client = Client(self.address, set_as_default=False, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as e:
            if cluster is not None:
                cluster.close()
            what = "start a local Dask cluster" if m else f"reach the Dask scheduler at {self.address}"
            raise EngineError(f"cannot {what}: {_one_line(e)}") from None
        try:
            yield client
        finally:
            try:
                client.close()
                if cluster is not None:
                    cluster.close()
            except Exception:  # closing a cluster that is gone already: nothing left to do
                log.debug("closing the Dask client", exc_info=True)


class _Run:
    """One map_read: chunks submitted as the items come, a window of them in flight, results in order."""

    def __init__(self, client, recipe: tuple, chunk: int, address: str):
        self.client, self.recipe, self.chunk, self.address = client, recipe, chunk, address
        self.tag = uuid.uuid4().hex[:8]
        self.n = 0
        workers = self._workers()
        self.window = max(4, 2 * workers)

    def results(self, items: Iterable[Item]) -> Iterator[tuple[Item, Result]]:
        pending: deque[tuple[list[Item], Any]] = deque()
        group: list[Item] = []
        articles = 0
        try:
            for item in items:
                group.append(item)
                articles += isinstance(item, Article)
                if articles >= self.chunk:
                    pending.append((group, self._submit(group)))
                    group, articles = [], 0
                    while len(pending) > self.window:
                        yield from self._settle(*pending.popleft())
            if group:
                pending.append((group, self._submit(group)))
            while pending:
                yield from self._settle(*pending.popleft())
        finally:
            for _, future in pending:
                if future is not None:
                    future.cancel()

    def _submit(self, group: list[Item], *, alone: bool = False):
        articles = [x for x in group if isinstance(x, Article)]
        if not articles:
            return None
        self.n += 1
        key = f"warlog-read-{self.tag}-{self.n}{'-alone' if alone else ''}"
        try:
            return self.client.submit(read_chunk, self.recipe, articles, key=key, pure=False)
        except Exception as e:  # the client is closed: the scheduler went away
            raise EngineError(f"lost the Dask scheduler at {self.address}: {_one_line(e)}") from None

    def _settle(self, group: list[Item], future) -> Iterator[tuple[Item, Result]]:
        results: list[Result] = []
        if future is not None:
            results = self._result(future, [x for x in group if isinstance(x, Article)])
        got = iter(results)
        for item in group:
            yield settle(item, next(got)) if isinstance(item, Article) else (item, item)

    def _result(self, future, articles: list[Article]) -> list[Result]:
        from distributed import KilledWorker
        from distributed import TimeoutError as DaskTimeout

        idle = 0.0
        while True:
            try:
                return future.result(timeout=POLL_SECONDS)
            except (DaskTimeout, TimeoutError):
                if self._workers():
                    idle = 0.0
                    continue
                idle += POLL_SECONDS
                if idle >= NO_WORKERS_SECONDS:
                    raise EngineError(
                        f"the Dask cluster at {self.address} has had no workers for {idle:.0f} s (all lost?)"
                    ) from None
            except KilledWorker:
                if len(articles) == 1:
                    a = articles[0]
                    return [
                        IngestError(
                            a.source or a.id, "could not be read: the Dask worker reading it stopped (out of memory?)"
                        )
                    ]
                log.warning("a chunk of %d articles killed its workers; reading them one by one", len(articles))
                out: list[Result] = []
                for a in articles:
                    out.extend(self._result(self._submit([a], alone=True), [a]))
                return out
            except EngineError:
                raise
            except Exception as e:
                raise EngineError(self._reason(e)) from None

    def _workers(self) -> int:
        try:
            return len(self.client.nthreads())
        except Exception as e:
            raise EngineError(f"lost the Dask scheduler at {self.address}: {_one_line(e)}") from None

    def _reason(self, e: Exception) -> str:
        from distributed.client import FutureCancelledError

        if isinstance(e, FutureCancelledError | OSError) or self.client.status not in ("running", "connecting"):
            return f"lost the Dask scheduler at {self.address}: {_one_line(e)}"
        # read_chunk turns every article's failure into an IngestError: an exception here is the worker's own
        return f"the Dask workers at {self.address} cannot read (is warlog installed on them?): {_one_line(e)}"


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 300 else text[:297] + "..."


@contextmanager
def _quiet_dask():
    """Dask's own log lines (connection retries, closing workers) are not the user's business unless they asked
    for --verbose: what went wrong comes as one EngineError line."""
    if logging.getLogger().isEnabledFor(logging.INFO):
        yield
        return
    names = ("distributed", "dask", "tornado", "asyncio")
    saved = {n: logging.getLogger(n).level for n in names}
    for n in names:
        logging.getLogger(n).setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for n, level in saved.items():
            logging.getLogger(n).setLevel(level)
