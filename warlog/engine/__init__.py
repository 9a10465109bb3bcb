"""Engines: where the articles are read. The stages know nothing of them; api.py picks one.

An engine maps the stream of items that warlog.ingest.load yields (Article, or IngestError / Duplicate for an
input that was not read) to (item, result) pairs, in input order: an Article's Reading, or an IngestError with
the reason it could not be read; other items come back as they are. Whatever the engine, the results are the
ones reading in this process gives.

    LocalEngine(reader, jobs)            this process, or `jobs` worker processes on this machine (--jobs)
    DaskEngine(reader, address, chunk)   the workers of a Dask distributed cluster (--dask ADDRESS), reading
                                         chunks of articles; needs the `cluster` extra (pip install 'warlog[cluster]')

An engine that cannot run (a scheduler that cannot be reached, a cluster left without workers, a missing
dependency) raises EngineError with one line for the user.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from warlog.model import Article, Duplicate, IngestError, Reading

if TYPE_CHECKING:
    from warlog.pipeline import Reader

Item = Article | IngestError | Duplicate
Result = Reading | IngestError | Duplicate

#: articles per chunk handed to a cluster worker (and rows per Parquet partition file)
DEFAULT_CHUNK = 32


class EngineError(Exception):
    """The engine cannot run or went away: the message is one line for the user."""


class Engine(Protocol):
    def map_read(self, items: Iterable[Item]) -> Iterator[tuple[Item, Result]]:
        """(item, result) for every item, in input order."""
        ...


def settle(item: Item, result: Result) -> tuple[Item, Result]:
    """An article read elsewhere gets the publication date that reading it in this process sets on it."""
    if isinstance(result, Reading) and isinstance(item, Article) and item.published is None:
        item.published = result.published
    return item, result


def engine_for(reader: Reader, *, jobs: int | None = None, dask: str | None = None, chunk: int | None = None) -> Engine:
    """The engine for these options: a Dask cluster when `dask` names one (an address, or "local:N"), else
    this machine's processes (`jobs`)."""
    if dask:
        from warlog.engine.dask import DaskEngine

        return DaskEngine(reader, dask, chunk=chunk or DEFAULT_CHUNK)
    from warlog.engine.local import LocalEngine

    return LocalEngine(reader, jobs)


__all__ = ["DEFAULT_CHUNK", "Engine", "EngineError", "Item", "Result", "engine_for", "settle"]
