"""The ingest stage: files (text, HTML, CSV/TSV/JSONL, gz, directories) to clean Articles.

Public API (owned by this stage; other stages call only this):

    load(inputs, *, text_column=None, id_column=None) -> Iterator[Article | IngestError]
"""

from warlog.ingest.loader import load

__all__ = ["load"]
