"""The typed Python API behind the CLI: read, ingest, export.

import warlog
for r in warlog.read("examples/"):          # Reading | IngestError | Duplicate
    ...
result = warlog.ingest("examples/", db="warlog.db")
warlog.export(db="warlog.db", format="acled-csv", out="events.csv")
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warlog.ingest import load as load_articles
from warlog.model import Article, Duplicate, IngestError, Reading
from warlog.pipeline import Reader

Inputs = Iterable[str | Path] | str | Path


def _as_list(inputs: Inputs) -> list[str | Path]:
    return [inputs] if isinstance(inputs, (str, Path)) else list(inputs)


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
    yield from reader.read_all(
        load_articles(_as_list(inputs), text_column=text_column, id_column=id_column, keep_captions=True)
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
    """Read articles and store them, one transaction per article; already stored content is skipped."""
    from warlog.store import open_store

    result = IngestResult()
    reader = reader or Reader.default(actors_file)
    with open_store(db) as store:
        for item in load_articles(_as_list(inputs), text_column=text_column, id_column=id_column, keep_captions=True):
            if isinstance(item, Article) and store.has(item.content_hash):
                item = Duplicate(item.source or item.id, item.id)
            if isinstance(item, Article):
                reading = next(iter(reader.read_all([item])))
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


def export(*, db: str | Path = "warlog.db", format: str = "acled-csv", out: str | Path | None = None) -> int:
    """Write the stored events in `format` (see warlog.export.FORMATS) to `out` (default: stdout)."""
    from warlog import export as export_stage
    from warlog.store import open_store

    with open_store(db) as store:
        if out is None:
            return export_stage.export(store, format, sys.stdout)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return export_stage.export(store, format, fh)
