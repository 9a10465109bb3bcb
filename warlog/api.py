"""The typed Python API behind the CLI: read, ingest, export.

import warlog
for r in warlog.read("examples/"):          # Reading | IngestError | Duplicate
    ...
result = warlog.ingest("examples/", db="warlog.db")
warlog.export(db="warlog.db", format="acled-csv", out="events.csv")

`jobs`: how many processes read articles (default: the machine's cores; 1 reads in this process); `dask`: the
address of a Dask distributed scheduler ("tcp://host:8786"), or "local:N" for a cluster of N worker processes
started for the call, whose workers read the articles instead. Where the articles are read is the engine's
business (warlog.engine): this process loads the inputs and takes the readings back in input order, so that
the result is the same for any engine and any number of jobs or workers.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from warlog import dates
from warlog.engine import EngineError, Item, Result, engine_for
from warlog.engine.local import (  # noqa: F401 (the local engine's names, as they were here before warlog.engine)
    ARTICLE_SECONDS,
    AUTO_MIN_ARTICLES,
    ArticleTimeout,
    _read_items,
    _read_one,
    _Workers,
    default_jobs,
)
from warlog.ingest import load as load_articles
from warlog.model import Article, DateValue, Duplicate, IngestError, Reading
from warlog.pipeline import Reader

log = logging.getLogger(__name__)

Inputs = Iterable[str | Path] | str | Path

__all__ = ["EngineError", "IngestResult", "export", "fuse_store", "ingest", "read"]


def _as_list(inputs: Inputs) -> list[str | Path]:
    return [inputs] if isinstance(inputs, (str, Path)) else list(inputs)


def _read_stream(reader: Reader, items: Iterable[Item], jobs: int | None = 1) -> Iterator[Result]:
    for _, result in _read_items(reader, items, jobs):
        yield result


def _load(
    inputs: Inputs,
    text_column: str | None,
    id_column: str | None,
    date_column: str | None,
    published: DateValue | None,
) -> Iterator[Article | IngestError | Duplicate]:
    """The ingest stage's articles for `read` and `ingest` (captions kept in the text: events are read there)."""
    return load_articles(
        _as_list(inputs),
        text_column=text_column,
        id_column=id_column,
        date_column=date_column,
        published=published,
        keep_captions=True,
    )


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
    dask: str | None = None,
    chunk: int | None = None,
) -> Iterator[Reading | IngestError | Duplicate]:
    """Read articles from files or directories; yields a Reading per article, or why one was not read, in
    input order. `jobs`: reading processes (default: the machine's cores; 1: this process only). `dask`: read
    on a Dask cluster instead (its scheduler's address, or "local:N"), `chunk` articles per task; raises
    EngineError when the cluster cannot be reached or is lost. `published`: the publication date of every
    file read (and of table rows without one), outranking what the articles say; `date_column`: the table
    column holding each row's publication date."""
    given = published_date(published)
    reader = reader or Reader.default(actors_file)
    items = _load(inputs, text_column, id_column, date_column, given)
    for _, result in engine_for(reader, jobs=jobs, dask=dask, chunk=chunk).map_read(items):
        yield result


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
    dask: str | None = None,
    chunk: int | None = None,
) -> IngestResult:
    """Read articles and store them, one transaction per article; already stored content is skipped.

    Every stored article has a name unique in the store: an article whose id another stored article
    already has (row "1" of a second id-less table) is stored under a longer one ("b.csv#1").
    `jobs`: reading processes (default: the machine's cores; 1: this process only); this process alone writes
    the store, in input order. The stored events are fused (`warlog.fuse.incremental`) after every
    `FUSE_BATCH` stored articles and at the end, one transaction per batch; an ingest stopped in between leaves
    events not fused yet, which the next ingest or `warlog fuse` fuses. `fuse=False` stores the events without
    fusing them (a bulk load): fuse them afterwards in one batch pass with `fuse_store(db)` (`warlog fuse`).
    `published` and `date_column`: as for `read`. `dask`: the articles are read on a Dask cluster (its
    scheduler's address, or "local:N"), `chunk` articles per task; this process stores them as they come back,
    unfused, and fuses the store in one batch pass at the end (unless `fuse=False`).
    """
    from warlog.fuse.incremental import Fuser
    from warlog.store import open_store

    given = published_date(published)
    result = IngestResult()
    reader = reader or Reader.default(actors_file)
    engine = engine_for(reader, jobs=jobs, dask=dask, chunk=chunk)
    batch_fuse = bool(dask) and fuse  # a cluster's bulk load: stored unfused, then one fusion pass
    if batch_fuse:
        fuse = False
    with open_store(db) as store:
        fuser = Fuser(store) if fuse else None
        unfused = 0
        # names given to articles being read but not stored yet: the next articles are named as if these were
        # stored already (an article's name is in its event ids, so it is given before the article is read)
        reserved: set[str] = set()

        def prepared() -> Iterator[Item]:
            for item in _load(inputs, text_column, id_column, date_column, given):
                if isinstance(item, Article) and store.has(item.content_hash):
                    item = Duplicate(item.source or item.id, store.name_of(item.content_hash) or item.id)
                if isinstance(item, Article):
                    item.id = store.unique_name(item, reserved)
                    reserved.add(item.id)
                yield item

        for item, reading in engine.map_read(prepared()):
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
    if batch_fuse:
        fuse_store(db)
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
