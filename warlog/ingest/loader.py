"""Placeholder loader: plain text files only. Replaced by the full ingest stage."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from warlog.model import Article, Duplicate, IngestError


def load(
    inputs: Iterable[str | Path], *, text_column: str | None = None, id_column: str | None = None
) -> Iterator[Article | IngestError | Duplicate]:
    for p in map(Path, inputs):
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            yield IngestError(str(p), str(e))
            continue
        yield Article(id=p.name, text=text, source=str(p), content_hash=hashlib.sha256(text.encode()).hexdigest())
