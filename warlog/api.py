"""The typed Python API behind the CLI: read, ingest, export."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from warlog import ingest as ingest_stage
from warlog.model import Duplicate, IngestError, Reading
from warlog.pipeline import Reader


def read(
    inputs: Iterable[str | Path] | str | Path,
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    actors_file: str | Path | None = None,
    reader: Reader | None = None,
) -> Iterator[Reading | IngestError | Duplicate]:
    """Read articles from files or directories; yields a Reading per article, or an IngestError."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    reader = reader or Reader.default(actors_file)
    yield from reader.read_all(ingest_stage.load(inputs, text_column=text_column, id_column=id_column))


def ingest(*args, **kwargs):
    """Read and store articles; see warlog.store. (Filled in by the store stage.)"""
    raise NotImplementedError


def export(*args, **kwargs):
    """Export the stored events; see warlog.export. (Filled in by the export stage.)"""
    raise NotImplementedError
