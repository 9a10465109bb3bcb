"""The typed Python API behind the CLI: read, ingest, export.

import warlog
for r in warlog.read("examples/"):          # Reading | IngestError | Duplicate
    ...
result = warlog.ingest("examples/", db="warlog.db")
warlog.export(db="warlog.db", format="acled-csv", out="events.csv")
"""

from __future__ import annotations

import importlib
import logging
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from warlog.ingest import load as load_articles
from warlog.model import Article, Duplicate, IngestError, Reading
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


def _read_stream(reader: Reader, items: Iterable[Article | IngestError | Duplicate]):
    for item in items:
        yield _read_one(reader, item) if isinstance(item, Article) else item


def read(
    inputs: Inputs,
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    actors_file: str | Path | None = None,
    reader: Reader | None = None,
) -> Iterator[Reading | IngestError | Duplicate]:
    """Read articles from files or directories; yields a Reading per article, or why one was not read."""
    reader = reader or Reader.default(actors_file)
    yield from _read_stream(
        reader, load_articles(_as_list(inputs), text_column=text_column, id_column=id_column, keep_captions=True)
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
    actors_file: str | Path | None = None,
    reader: Reader | None = None,
    on_item: Callable[[object], None] | None = None,
) -> IngestResult:
    """Read articles and store them, one transaction per article; already stored content is skipped.

    Every stored article has a name unique in the store: an article whose id another stored article
    already has (row "1" of a second id-less table) is stored under a longer one ("b.csv#1").
    """
    from warlog.store import open_store

    result = IngestResult()
    reader = reader or Reader.default(actors_file)
    with open_store(db) as store:
        for item in load_articles(_as_list(inputs), text_column=text_column, id_column=id_column, keep_captions=True):
            if isinstance(item, Article) and store.has(item.content_hash):
                item = Duplicate(item.source or item.id, store.name_of(item.content_hash) or item.id)
            if isinstance(item, Article):
                item.id = store.unique_name(item)
                reading = _read_one(reader, item)
                if isinstance(reading, Reading):
                    if store.add(item, reading):
                        result.added += 1
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
    return result


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
