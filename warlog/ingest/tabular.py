"""Tables with one article per row (CSV, TSV, JSON lines), streamed row by row.

`records` yields `(row, fields)` for each row, or `(row, reason)` for a row that cannot be read;
it raises `Rejected` when the whole file cannot be read (binary, no header, no text column).
Rows are numbered from 1: the line number in a JSONL file, the record after the header in a CSV.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

from warlog.ingest.decode import MIXED, SAMPLE_BYTES, Rejected, sniff_encoding

# Column names looked for (case-insensitively) when none is given, in order of preference.
TEXT_COLUMNS = ("text", "content", "article_content", "body", "article_text", "full_text", "maintext")
ID_COLUMNS = ("id", "unit_id", "doc_id", "article_id", "document_id")
TITLE_COLUMNS = ("title", "article_title", "headline")
DATE_COLUMNS = ("date", "published", "publication_date", "published_at", "pubdate", "date_publish")
OUTLET_COLUMNS = ("outlet", "source", "publisher", "source_name", "sitename")
URL_COLUMNS = ("url", "link", "source_url")
AUTHOR_COLUMNS = ("author", "authors", "byline")

# Articles can be long; the csv module refuses fields over 128 KB by default.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

Opener = Callable[[], IO[bytes]]
Record = tuple[int, dict[str, Any] | str]


def open_text(opener: Opener) -> IO[str]:
    """The file as a text stream, its encoding sniffed from the first bytes."""
    with opener() as f:
        sample = f.read(SAMPLE_BYTES)
    if not sample.strip():
        raise Rejected("empty file")
    enc = sniff_encoding(sample, complete=len(sample) < SAMPLE_BYTES)
    if enc in ("utf-8", MIXED):
        # UTF-8, BOM dropped; a stray byte of another encoding further on is read as cp1252
        return io.TextIOWrapper(opener(), encoding="utf-8-sig", errors="warlog-cp1252", newline="")
    return io.TextIOWrapper(opener(), encoding=enc, errors="strict", newline="")


def find_column(columns, wanted: str | None, candidates: tuple[str, ...]) -> str | None:
    """The actual name of the column `wanted` (or of the first candidate present), case-insensitively."""
    lower = {str(c).strip().lower(): c for c in columns}
    if wanted is not None:
        return lower.get(wanted.strip().lower())
    for c in candidates:
        if c in lower:
            return lower[c]
    return None


def _delimiter(first_line: str, default: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts.get(default, 0) else default


def csv_records(opener: Opener, *, delimiter: str, text_column: str | None, id_column: str | None) -> Iterator[Record]:
    stream = open_text(opener)
    with stream:
        try:
            first = stream.readline()
        except UnicodeDecodeError as e:
            raise Rejected(f"undecodable bytes in the header: {e.reason}") from e
        if not first.strip():
            raise Rejected("no header row (the first line is empty)")
        delim = _delimiter(first, delimiter)
        header = [h.strip() for h in next(csv.reader([first], delimiter=delim))]
        _check_columns(header, text_column, id_column)
        reader = csv.reader(stream, delimiter=delim, strict=True)
        row = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                row += 1
                yield row, f"row {row}: malformed CSV: {e}"
                continue
            except UnicodeDecodeError as e:
                yield row + 1, f"row {row + 1}: undecodable bytes ({e.reason}); the rest of the file was not read"
                return
            if not values or all(not v.strip() for v in values):
                continue
            row += 1
            if len(values) != len(header):
                yield row, f"row {row}: expected {len(header)} fields, found {len(values)}"
                continue
            yield row, dict(zip(header, values, strict=True))


def _check_columns(header: list[str], text_column: str | None, id_column: str | None) -> None:
    cols = ", ".join(header)
    if text_column is not None and find_column(header, text_column, ()) is None:
        raise Rejected(f"text column {text_column!r} not found (columns: {cols})")
    if text_column is None and find_column(header, None, TEXT_COLUMNS) is None:
        raise Rejected(
            f"no text column found (looked for {', '.join(TEXT_COLUMNS)}; columns: {cols}); name it with text_column"
        )
    if id_column is not None and find_column(header, id_column, ()) is None:
        raise Rejected(f"id column {id_column!r} not found (columns: {cols})")


def jsonl_records(opener: Opener) -> Iterator[Record]:
    stream = open_text(opener)
    with stream:
        line_no = 0
        while True:
            try:
                line = stream.readline()
            except UnicodeDecodeError as e:
                yield (
                    line_no + 1,
                    f"row {line_no + 1}: undecodable bytes ({e.reason}); the rest of the file was not read",
                )
                return
            if not line:
                return
            line_no += 1
            if not line.strip():
                continue
            try:
                obj = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as e:
                yield line_no, f"row {line_no}: invalid JSON: {e.msg} (column {e.colno})"
                continue
            if not isinstance(obj, dict):
                yield line_no, f"row {line_no}: expected a JSON object, found {type(obj).__name__}"
                continue
            yield line_no, obj
