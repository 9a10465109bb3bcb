"""Tables with one article per row (CSV, TSV, JSON lines), streamed row by row.

`records` yields `(row, fields)` for each row, or `(row, reason)` for a row that cannot be read;
it raises `Rejected` when the whole file cannot be read (binary, no header, no text column).
Rows are numbered from 1: the line number in a JSONL file, the record after the header in a CSV.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

from warlog.ingest.decode import MIXED, SAMPLE_BYTES, Rejected, sniff_encoding

# Column names looked for (case-insensitively) when none is given, in order of preference.
TEXT_COLUMNS = ("text", "content", "article_content", "body", "article_text", "full_text", "maintext")
ID_COLUMNS = ("id", "unit_id", "doc_id", "article_id", "document_id")
TITLE_COLUMNS = ("title", "article_title", "headline")
DATE_COLUMNS = ("date", "published", "pub_date", "publication_date", "published_at", "pubdate", "date_publish")
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


_CHUNK = 64 * 1024
_ID_LIKE = re.compile(r"[\w.:/#-]{1,64}")


def _chunks(stream: IO[str]) -> Iterator[str]:
    """The stream's lines, a long line in pieces of at most _CHUNK characters (memory stays bounded)."""
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk:
            return
        yield chunk


class _Quotes:
    """Where a CSV record ends: the csv module's quoting rules (a field is quoted when it starts with the
    quote; "" inside it is a quote), followed across lines."""

    def __init__(self, delimiter: str):
        self.pattern = re.compile('["' + re.escape(delimiter) + "]")
        self.delimiter = delimiter
        self.reset()

    def reset(self) -> None:
        self.in_quotes = False
        self.field_start = True  # the next character starts a field
        self.pending_quote = False  # a quote closed a quoted field at the very end of the last piece

    def feed(self, piece: str) -> None:
        i = 0
        if self.pending_quote:
            self.pending_quote = False
            if piece.startswith('"'):  # "" split across pieces: an escaped quote
                self.in_quotes = True
                i = 1
        if piece and i < len(piece) and not self.in_quotes:
            self.field_start = self.field_start and piece[i] in ('"', self.delimiter)
        while True:
            m = self.pattern.search(piece, i)
            if m is None:
                break
            j = m.start()
            ch = piece[j]
            if self.in_quotes:
                if ch == '"':
                    if j + 1 < len(piece) and piece[j + 1] == '"':
                        i = j + 2
                        continue
                    if j + 1 == len(piece):
                        self.pending_quote = True
                    self.in_quotes = False
            elif ch == self.delimiter:
                self.field_start = True
                i = j + 1
                continue
            elif ch == '"' and (j == 0 and self.field_start or j > 0 and piece[j - 1] == self.delimiter):
                self.in_quotes = True
            i = j + 1
        self.field_start = False


def _standalone_record(line: str, delim: str, width: int, first: str) -> bool:
    """True when `line` alone is a complete record of `width` fields whose first field looks like an id
    of the same kind as `first` (both digits, or both id-like words): the next row, not a paragraph."""
    if line.count('"') % 2:
        return False
    try:
        values = next(csv.reader([line], delimiter=delim, strict=True))
    except (csv.Error, StopIteration):
        return False
    if len(values) != width or not values:
        return False
    a, b = values[0].strip(), first.strip()
    if not (_ID_LIKE.fullmatch(a) and _ID_LIKE.fullmatch(b)):
        return False
    return a.isdigit() == b.isdigit()


def _csv_lines(stream: IO[str], delim: str, width: int, max_record: int) -> Iterator[list[str] | str]:
    """Physical lines grouped into records: a list of lines per record, or a reason (str) for a record that
    is too long or whose quote is never closed. A record with an unclosed quote that swallowed the next rows
    is reported alone and the lines after its first are read again as rows of their own."""
    quotes = _Quotes(delim)
    source = _chunks(stream)
    pushed: list[str] = []  # lines to read again, last first
    record: list[str] = []
    size = 0
    too_long = False

    def next_piece() -> str | None:
        if pushed:
            return pushed.pop()
        return next(source, None)

    while True:
        piece = next_piece()
        if piece is None:
            if record or too_long:
                if too_long:
                    yield f"record over the {max_record // (1024 * 1024)} MB limit for one row"
                elif quotes.in_quotes and len(record) > 1:
                    yield "unclosed quote (the rest of the file was read as rows of their own)"
                    pushed.extend(reversed(record[1:]))
                    record, size, too_long = [], 0, False
                    quotes.reset()
                    continue
                elif quotes.in_quotes:
                    yield "unclosed quote at the end of the file"
                else:
                    yield record
            return
        quotes.feed(piece)
        size += len(piece)
        if size > max_record:
            too_long, record = True, []
        elif not too_long:
            record.append(piece)
        if quotes.in_quotes or not piece.endswith(("\n", "\r")):
            continue
        if too_long:
            yield f"record over the {max_record // (1024 * 1024)} MB limit for one row"
        elif len(record) > 1 and _swallowed(record, delim, width):
            yield "unclosed quote (the rows after it are read as rows of their own)"
            pushed.extend(reversed(record[1:]))
        else:
            yield record
        record, size, too_long = [], 0, False
        quotes.reset()


def _swallowed(lines: list[str], delim: str, width: int) -> bool:
    """A multi-line record in which a later line is itself the next row (see `_standalone_record`)."""
    if width < 2:
        return False
    first = next(csv.reader([lines[0]], delimiter=delim), [""])
    head = first[0] if first else ""
    return any(_standalone_record(ln, delim, width, head) for ln in lines[1:])


def csv_records(
    opener: Opener,
    *,
    delimiter: str,
    text_column: str | None,
    id_column: str | None,
    max_record: int = 4 * 1024 * 1024,
) -> Iterator[Record]:
    stream = open_text(opener)
    with stream:
        try:
            first = stream.readline(max_record)
        except UnicodeDecodeError as e:
            raise Rejected(f"undecodable bytes in the header: {e.reason}") from e
        if not first.strip():
            raise Rejected("no header row (the first line is empty)")
        delim = _delimiter(first, delimiter)
        header = [h.strip() for h in next(csv.reader([first], delimiter=delim))]
        _check_columns(header, text_column, id_column)
        row = 0
        lines = _csv_lines(stream, delim, len(header), max_record)
        while True:
            try:
                rec = next(lines)
            except StopIteration:
                return
            except UnicodeDecodeError as e:
                yield row + 1, f"row {row + 1}: undecodable bytes ({e.reason}); the rest of the file was not read"
                return
            if isinstance(rec, str):
                row += 1
                yield row, f"row {row}: {rec}"
                continue
            text = "".join(rec)
            try:
                parsed = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True))
            except csv.Error as e:
                row += 1
                yield row, f"row {row}: malformed CSV: {e}"
                continue
            for values in parsed:
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


def jsonl_records(opener: Opener, *, max_record: int = 4 * 1024 * 1024) -> Iterator[Record]:
    stream = open_text(opener)
    with stream:
        line_no = 0
        pieces = _chunks(stream)
        while True:
            parts: list[str] = []
            size = 0
            try:
                for piece in pieces:
                    size += len(piece)
                    if size <= max_record:
                        parts.append(piece)
                    if piece.endswith("\n"):
                        break
            except UnicodeDecodeError as e:
                yield (
                    line_no + 1,
                    f"row {line_no + 1}: undecodable bytes ({e.reason}); the rest of the file was not read",
                )
                return
            if not size:
                return
            line_no += 1
            if size > max_record:
                yield line_no, f"row {line_no}: line over the {max_record // (1024 * 1024)} MB limit for one row"
                continue
            line = "".join(parts)
            if not line.strip():
                continue
            try:
                obj = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as e:
                yield line_no, f"row {line_no}: invalid JSON: {e.msg} (column {e.colno})"
                continue
            except RecursionError:
                yield line_no, f"row {line_no}: invalid JSON: nested too deeply"
                continue
            if not isinstance(obj, dict):
                yield line_no, f"row {line_no}: expected a JSON object, found {type(obj).__name__}"
                continue
            yield line_no, obj
