"""The ingest stage: files (text, HTML, CSV/TSV/JSONL, gz, directories) to clean Articles.

Public API (owned by this stage; other stages call only this):

    load(inputs, *, text_column=None, id_column=None, max_bytes=MAX_BYTES, keep_captions=False)
        -> Iterator[Article | IngestError | Duplicate]
    clean_text(text) -> str          the boilerplate cleaner alone (lines kept, boilerplate lines out)
    content_hash(text) -> str        the duplicate key: sha256 of whitespace-normalised, case-folded text
    files_of(inputs) -> list[Path]   the files load() would read (a progress bar's total)
    MAX_BYTES                        the default size limit (50 MB); see loader.py for the other limits

Boilerplate patterns live in warlog/data/en/boilerplate.json, byline/dateline words in
warlog/data/en/boilerplate_bylines.json.
"""

from warlog.ingest.clean import clean as _clean
from warlog.ingest.loader import MAX_BYTES, content_hash, files_of, load


def clean_text(text: str) -> str:
    """`text` with boilerplate lines (comment forms, share widgets, player text, captions) removed."""
    return _clean(text).text


__all__ = ["MAX_BYTES", "clean_text", "content_hash", "files_of", "load"]
