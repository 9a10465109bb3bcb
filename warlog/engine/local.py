"""The local engine: articles read in this process, or in worker processes on this machine (`--jobs`).

Worker processes (multiprocessing, 'forkserver' where the system has it, else 'spawn') each build their Reader
once, from the Reader's recipe; this process hands articles out (a few per worker in flight, so memory stays
flat) and takes the readings back in input order, so that the result is the same for any number of jobs.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from warlog.engine import Item, Result, settle
from warlog.model import Article, IngestError, Reading
from warlog.pipeline import Reader

log = logging.getLogger(__name__)

#: Seconds one article may take to read before it is given up with a reason (the batch goes on).
ARTICLE_SECONDS = float(os.environ.get("WARLOG_ARTICLE_SECONDS", "120"))


class ArticleTimeout(Exception):
    """An article took longer than its time budget to read."""


@contextmanager
def _time_budget(seconds: float):
    """Raise ArticleTimeout in the block after `seconds` (main thread on POSIX only; elsewhere unbounded)."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(_signum, _frame):
        raise ArticleTimeout(f"took over {seconds:g} s to read (WARLOG_ARTICLE_SECONDS); given up")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _read_one(reader: Reader, article: Article, seconds: float | None = None) -> Reading | IngestError:
    """One article read within its time budget; any failure is an IngestError with the reason, no traceback."""
    src = article.source or article.id
    try:
        with _time_budget(ARTICLE_SECONDS if seconds is None else seconds):
            reading = reader.read(article)
    except ArticleTimeout as e:
        return IngestError(src, str(e))
    except Exception as e:  # one bad article never takes the batch down
        log.debug("failed to read %s", src, exc_info=True)
        return IngestError(src, f"could not be read: {type(e).__name__}: {e}")
    for w in (article.meta or {}).get("ingest_warnings", []):
        reading.warnings.append(w)
    return reading


def default_jobs() -> int:
    """The machine's cores (those this process may run on)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


#: with `jobs` left to its default, a call with fewer articles than this is read in this process: starting the
#: workers (each loads the language model) costs more than it saves
AUTO_MIN_ARTICLES = 12

_WORKER_READER: Reader | None = None


def _worker_start(recipe: tuple) -> None:
    """A worker process's initializer: build its Reader once, from the main process's recipe."""
    global _WORKER_READER
    build, args = recipe
    _WORKER_READER = build(*args)


def _worker_read(article: Article) -> Reading | IngestError:
    assert _WORKER_READER is not None
    return _read_one(_WORKER_READER, article)


def _mp_context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@contextmanager
def _main_module_hidden():
    """Start worker processes without re-running the caller's main module in them (they need only warlog):
    a script without an `if __name__ == "__main__":` guard would otherwise start workers of its own."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


class _Workers:
    """Worker processes reading articles. A pool that breaks (a worker killed) is started again; a pool that
    cannot start at all leaves the reading to this process (`fallback`), with one warning."""

    def __init__(self, recipe: tuple, jobs: int, fallback: Reader):
        self.recipe, self.jobs, self.fallback = recipe, jobs, fallback
        self.executor: ProcessPoolExecutor | None = None
        self.read_any = False  # a worker has returned a reading: the pool can work
        self.failures = 0
        self.in_process = False
        self.generation = 0  # which pool: futures of a replaced one are submitted again, not counted twice

    def submit(self, article: Article) -> Future | None:
        if self.in_process:
            return None
        with _main_module_hidden():
            if self.executor is None:
                self.executor = ProcessPoolExecutor(
                    self.jobs, mp_context=_mp_context(), initializer=_worker_start, initargs=(self.recipe,)
                )
            try:
                future = self.executor.submit(_worker_read, article)
                future.pool = self.generation  # type: ignore[attr-defined]
                return future
            except BrokenProcessPool:
                self._broken()
                return self.submit(article)

    def _broken(self) -> None:
        self.generation += 1
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None
        self.failures += 1
        if not self.read_any and self.failures >= 2 and not self.in_process:
            log.warning("the reading processes could not start; reading in this process")
            self.in_process = True

    def result(self, article: Article, future: Future | None) -> Reading | IngestError:
        """The reading of `article`; an article whose worker died is tried once more in a fresh pool (it may
        have been another article that killed it), then given up with the reason."""
        for attempt in range(2):
            if future is None:
                return _read_one(self.fallback, article)
            try:
                r = future.result()
                self.read_any = True
                return r
            except BrokenProcessPool:
                if getattr(future, "pool", None) == self.generation:  # else that pool was replaced already
                    self._broken()
            if attempt == 0:
                future = self.submit(article)
        return IngestError(
            article.source or article.id, "could not be read: the worker process reading it stopped (out of memory?)"
        )

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _read_items(reader: Reader, items: Iterable[Item], jobs: int | None = None) -> Iterator[tuple[Item, Result]]:
    """(item, what became of it) for every item, in input order: an Article's Reading or IngestError, other
    items as they are. `jobs` > 1 reads in worker processes (at most a few articles per worker in flight, so
    memory stays flat); None: the machine's cores, in this process for a small batch (AUTO_MIN_ARTICLES)."""
    auto = jobs is None
    n = default_jobs() if jobs is None else max(1, int(jobs))
    if n > 1 and reader.recipe is None:
        log.info("this Reader cannot be built in another process; reading in this one")
        n = 1
    it = iter(items)
    head: list[Item] = []
    if n > 1 and auto:  # look ahead: a small batch is read here
        articles = 0
        for item in it:
            head.append(item)
            articles += isinstance(item, Article)
            if articles >= AUTO_MIN_ARTICLES:
                break
        else:
            n = 1
    if n == 1:
        for item in _chain(head, it):
            yield item, (_read_one(reader, item) if isinstance(item, Article) else item)
        return
    assert reader.recipe is not None
    workers = _Workers(reader.recipe, n, reader)
    window = 4 * n
    pending: deque[tuple[Item, Future | None]] = deque()
    try:
        for item in _chain(head, it):
            pending.append((item, workers.submit(item) if isinstance(item, Article) else None))
            while pending and (pending[0][1] is None or len(pending) > window):
                yield _settle(workers, *pending.popleft())
        while pending:
            yield _settle(workers, *pending.popleft())
    finally:
        workers.close()


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    yield from rest


def _settle(workers: _Workers, item: Item, future: Future | None) -> tuple[Item, Result]:
    if future is None or not isinstance(item, Article):
        return item, item  # type: ignore[return-value]  # not an Article: an IngestError or a Duplicate
    return settle(item, workers.result(item, future))


class LocalEngine:
    """This process (`jobs` 1), or `jobs` worker processes; None: the machine's cores, in this process for a
    small batch (AUTO_MIN_ARTICLES)."""

    def __init__(self, reader: Reader, jobs: int | None = None):
        self.reader, self.jobs = reader, jobs

    def map_read(self, items: Iterable[Item]) -> Iterator[tuple[Item, Result]]:
        return _read_items(self.reader, items, self.jobs)
