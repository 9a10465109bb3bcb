"""The typed Python API behind the CLI: read, ingest, export.

import warlog
for r in warlog.read("examples/"):          # Reading | IngestError | Duplicate
    ...
result = warlog.ingest("examples/", db="warlog.db")
warlog.export(db="warlog.db", format="acled-csv", out="events.csv")

`jobs`: how many processes read articles (default: the machine's cores; 1 reads in this process). Worker
processes (multiprocessing, 'forkserver' where the system has it, else 'spawn') each build their Reader once;
this process loads the inputs, hands articles out and takes the readings back in input order, so that the
result is the same for any number of jobs.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from warlog import dates
from warlog.ingest import load as load_articles
from warlog.model import Article, DateValue, Duplicate, IngestError, Reading
from warlog.pipeline import Reader

log = logging.getLogger(__name__)

Inputs = Iterable[str | Path] | str | Path

#: Seconds one article may take to read before it is given up with a reason (the batch goes on).
ARTICLE_SECONDS = float(os.environ.get("WARLOG_ARTICLE_SECONDS", "120"))


def _as_list(inputs: Inputs) -> list[str | Path]:
    return [inputs] if isinstance(inputs, (str, Path)) else list(inputs)


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

Item = Article | IngestError | Duplicate
Result = Reading | IngestError | Duplicate

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
    n = default_jobs() if auto else max(1, int(jobs))
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
    if future is None:
        return item, item
    result = workers.result(item, future)
    if isinstance(result, Reading) and isinstance(item, Article) and item.published is None:
        item.published = result.published  # what reading it in this process sets
    return item, result


def _read_stream(reader: Reader, items: Iterable[Item], jobs: int | None = 1) -> Iterator[Result]:
    for _, result in _read_items(reader, items, jobs):
        yield result


def published_date(published: str | date | DateValue | None) -> DateValue | None:
    """The publication date a user gives (`--published`), as the dates stage reads it; ValueError when it is
    not an absolute date."""
    if published is None or isinstance(published, DateValue):
        return published
    raw = published.isoformat() if isinstance(published, date) else str(published)
    v = dates.given_date(raw)
    if v is None:
        raise ValueError(f"cannot read {raw!r} as a publication date: write it as 2015-05-24 (or 2015-05, 2015)")
    return v


def read(
    inputs: Inputs,
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    date_column: str | None = None,
    published: str | date | DateValue | None = None,
    actors_file: str | Path | None = None,
    reader: Reader | None = None,
    jobs: int | None = None,
) -> Iterator[Reading | IngestError | Duplicate]:
    """Read articles from files or directories; yields a Reading per article, or why one was not read, in
    input order. `jobs`: reading processes (default: the machine's cores; 1: this process only).
    `published`: the publication date of every file read (and of table rows without one), outranking what
    the articles say; `date_column`: the table column holding each row's publication date."""
    given = published_date(published)
    reader = reader or Reader.default(actors_file)
    yield from _read_stream(
        reader,
        load_articles(
            _as_list(inputs),
            text_column=text_column,
            id_column=id_column,
            date_column=date_column,
            published=given,
            keep_captions=True,
        ),
        jobs,
    )


@dataclass
class IngestResult:
    """What `ingest` did: how many articles were stored, and which inputs were skipped or failed."""

    added: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)


def ingest(
    inputs: Inputs,
    *,
    db: str | Path = "warlog.db",
    text_column: str | None = None,
    id_column: str | None = None,
    date_column: str | None = None,
    published: str | date | DateValue | None = None,
    actors_file: str | Path | None = None,
    reader: Reader | None = None,
    on_item: Callable[[object], None] | None = None,
    jobs: int | None = None,
    fuse: bool = True,
) -> IngestResult:
    """Read articles and store them, one transaction per article; already stored content is skipped.

    Every stored article has a name unique in the store: an article whose id another stored article
    already has (row "1" of a second id-less table) is stored under a longer one ("b.csv#1").
    `jobs`: reading processes (default: the machine's cores; 1: this process only); this process alone writes
    the store, in input order. The stored events are fused (`warlog.fuse.incremental`) after every
    `FUSE_BATCH` stored articles and at the end, one transaction per batch; an ingest stopped in between leaves
    events not fused yet, which the next ingest or `warlog fuse` fuses. `fuse=False` stores the events without
    fusing them (a bulk load): fuse them afterwards in one batch pass with `fuse_store(db)` (`warlog fuse`).
    `published` and `date_column`: as for `read`.
    """
    from warlog.fuse.incremental import Fuser
    from warlog.store import open_store

    given = published_date(published)
    result = IngestResult()
    reader = reader or Reader.default(actors_file)
    with open_store(db) as store:
        fuser = Fuser(store) if fuse else None
        unfused = 0
        # names given to articles being read but not stored yet: the next articles are named as if these were
        # stored already (an article's name is in its event ids, so it is given before the article is read)
        reserved: set[str] = set()

        def prepared() -> Iterator[Item]:
            for item in load_articles(
                _as_list(inputs),
                text_column=text_column,
                id_column=id_column,
                date_column=date_column,
                published=given,
                keep_captions=True,
            ):
                if isinstance(item, Article) and store.has(item.content_hash):
                    item = Duplicate(item.source or item.id, store.name_of(item.content_hash) or item.id)
                if isinstance(item, Article):
                    item.id = store.unique_name(item, reserved)
                    reserved.add(item.id)
                yield item

        for item, reading in _read_items(reader, prepared(), jobs):
            if isinstance(item, Article):
                reserved.discard(item.id)
                if isinstance(reading, Reading):
                    if store.add(item, reading):
                        result.added += 1
                        unfused += 1
                        if fuser is not None and unfused >= FUSE_BATCH:
                            fuser.fuse_pending()
                            unfused = 0
                    else:
                        result.duplicates.append(Duplicate(item.source or item.id, item.id))
                else:
                    result.failed.append(reading)
            elif isinstance(item, Duplicate):
                result.duplicates.append(item)
            else:
                result.failed.append(item)
            if on_item:
                on_item(item)
        if fuser is not None and unfused:
            fuser.fuse_pending()
    return result


#: stored articles fused together, in one transaction, by `ingest`
FUSE_BATCH = 25


def fuse_store(db: str | Path = "warlog.db", *, rebuild: bool = False) -> tuple[int, bool]:
    """Fuse the events of a store not fused yet: in one batch pass when none was fused before (after
    `ingest(fuse=False)`) or with `rebuild` (every fused event recomputed), else incrementally. Returns (fused
    events in the store, whether a pass ran)."""
    from warlog.fuse.incremental import fuse_store as fuse_repository
    from warlog.store import open_store

    with open_store(db) as store:
        _, ran = fuse_repository(store, rebuild_all=rebuild)
        return store.summary()["fused_events"], ran


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def export(
    *,
    db: str | Path = "warlog.db",
    format: str = "acled-csv",
    out: str | Path | None = None,
    raw_csv: bool = False,
) -> int:
    """Write the stored events in `format` (see warlog.export.FORMATS) to `out` (default: stdout).

    CSV cells starting with = + - @ (or a tab / carriage return) get a leading ' so that spreadsheets do not
    run them as formulas (OWASP's advice); `raw_csv=True` keeps them as they are. The file is written beside
    `out` and moved into place when complete; `out` may not be the database (or its -wal/-shm files).
    """
    # the stage package, not this function: `warlog.export` is this function once warlog is imported
    export_stage = importlib.import_module("warlog.export")
    from warlog.store import open_store

    dbp = Path(db)
    if out is not None:
        outp = Path(out)
        for p in (dbp, Path(f"{dbp}-wal"), Path(f"{dbp}-shm"), Path(f"{dbp}-journal")):
            if _same_file(outp, p):
                raise ValueError(f"--out {outp} is the database {dbp} itself; choose another file")
    with open_store(db) as store:
        if out is None:
            return export_stage.export(store, format, sys.stdout, raw_csv=raw_csv)
        outp = Path(out)
        outp.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{outp.name}.", suffix=".tmp", dir=outp.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                n = export_stage.export(store, format, fh, raw_csv=raw_csv)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, outp)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return n


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
