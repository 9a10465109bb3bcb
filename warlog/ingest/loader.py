"""The loader: paths in, a stream of Articles (or IngestErrors, or Duplicates) out."""

from __future__ import annotations

import gzip
import hashlib
import io
import logging
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warlog.ingest import clean, html, meta, tabular
from warlog.ingest.decode import Rejected, decode_bytes, normalize
from warlog.ingest.outlet import outlet_name
from warlog.model import Article, DateValue, Duplicate, IngestError

log = logging.getLogger(__name__)

#: Files larger than this (bytes on disk, or decompressed for .gz) are refused, not loaded.
MAX_BYTES = 50 * 1024 * 1024
#: A table (.csv/.tsv/.jsonl, .gz or not) is streamed; it is refused past this many decompressed bytes.
MAX_TABLE_BYTES = 2 * 1024 * 1024 * 1024
#: One record of a table (a CSV record, a JSONL line) over this many bytes is refused with a reason.
MAX_RECORD_BYTES = 4 * 1024 * 1024
#: One HTML page over this many bytes (after dropping scripts, styles and inline data) is refused:
#: parsing takes about 80 times the page's size in memory.
MAX_PAGE_BYTES = 5 * 1024 * 1024
#: An article longer than this (characters, after cleaning) is read up to the last paragraph break
#: before it, with a warning: reading takes about 11 s per 100,000 characters.
MAX_ARTICLE_CHARS = 100_000

TEXT_EXTS = (".txt", ".text", ".md", ".markdown")
HTML_EXTS = (".html", ".htm", ".xhtml")
TABLE_EXTS = (".csv", ".tsv", ".jsonl", ".ndjson")
KNOWN_EXTS = TEXT_EXTS + HTML_EXTS + TABLE_EXTS
# Files in a directory that document it rather than being articles (README.md beside the articles).
_DOC_STEMS = ("readme", "license", "licence", "changelog", "contributing", "notice", "copying")


@dataclass(frozen=True)
class _Options:
    text_column: str | None = None
    id_column: str | None = None
    max_bytes: int = MAX_BYTES
    keep_captions: bool = False
    date_column: str | None = None
    published: DateValue | None = None


def load(
    inputs: Iterable[str | Path] | str | Path,
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    max_bytes: int = MAX_BYTES,
    keep_captions: bool = False,
    date_column: str | None = None,
    published: DateValue | None = None,
) -> Iterator[Article | IngestError | Duplicate]:
    """Read files and directories into clean Articles, one at a time.

    `inputs` are paths of article files (.txt, .md, .html, .htm), tables with one article per
    row (.csv, .tsv, .jsonl, each optionally .gz) or directories (read recursively, in sorted
    order, known extensions only, hidden files and README/LICENSE files skipped). Every input
    that cannot be read yields one IngestError with the reason; the rest of the batch goes on. The
    same content read twice in one call yields a Duplicate naming the first article's id.

    Ids: a file's name ("x.txt"); a row's id column, else its row number ("7"). When two
    articles of one call would share an id, the later one names its file ("b/x.txt",
    "other.csv#7"). Sources: the path, or "path#row" (JSONL: line number; CSV/TSV: record
    number after the header).

    Photo captions ("Nusra Front fighters during training / twitter") are removed with the
    boilerplate and listed in `Article.meta["captions"]`; `keep_captions=True` keeps their words
    in the text instead, without the credit.

    Publication dates, the user's word first: `published` (a date the user gives, e.g. `--published`) is
    every file's publication date and the date of every table row whose date column is empty or missing;
    `date_column` names the column holding a row's publication date (default: the first of
    date/published/pub_date/publication_date/...); a table without that column is refused, saying so.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    opts = _Options(
        text_column=text_column,
        id_column=id_column,
        max_bytes=max_bytes,
        keep_captions=keep_captions,
        date_column=date_column,
        published=published,
    )
    seen: dict[str, str] = {}  # content hash -> id of the article first read with it
    ids: set[str] = set()
    for item, root in _expand(inputs):
        if isinstance(item, IngestError):
            yield item
            continue
        for out in _read_file(item, opts):
            if isinstance(out, Article):
                first = seen.get(out.content_hash)
                if first is not None:
                    yield Duplicate(source=out.source, duplicate_of=first)
                    continue
                out.source = _portable_source(out.source, item, root)
                out.id = _unique_id(out, item, ids)
                seen[out.content_hash] = out.id
                ids.add(out.id)
            yield out


def _unique_id(article: Article, path: Path, ids: set[str]) -> str:
    """The article's id, or, when another article of this batch has it, a longer one naming the file.

    Two different files both called x.txt read as "x.txt" and "b/x.txt"; row "7" of a second
    table reads as "other.csv#7" (its id column's value, or row number, after the '#').
    """
    if article.id not in ids:
        return article.id
    if "#" in article.source:  # a table row
        candidate = f"{path.name}#{article.id}"
    else:
        candidate = f"{path.parent.name}/{path.name}" if path.parent.name else str(path)
    n = 2
    unique = candidate
    while unique in ids:
        unique = f"{candidate}~{n}"
        n += 1
    return unique


# ---------------------------------------------------------------------------------------------
# Paths


def _kind(path: Path) -> str | None:
    """'text', 'html', 'csv', 'tsv' or 'jsonl' from the file name (a .gz suffix looked through)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    if ext in TEXT_EXTS:
        return "text"
    if ext in HTML_EXTS:
        return "html"
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    if ext in (".csv", ".tsv"):
        return ext[1:]
    return None


def _walk(root: Path) -> Iterator[Path]:
    """Known files under `root` in sorted path order, recursively; hidden entries and documentation
    skipped. Entries are listed one folder at a time, so a big tree is never held whole."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as e:
        log.warning("cannot list %s: %s", root, e)
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.startswith("__"):
            continue
        p = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(p)
        elif entry.is_file() and _kind(p) is not None and entry.name.lower().split(".")[0] not in _DOC_STEMS:
            yield p


def _portable_source(source: str, path: Path, root: Path) -> str:
    """An article's source as stored in its reading: relative, never the machine's absolute path. A path
    under the working folder is relative to it; another absolute path is relative to the folder holding
    the input named (``/data/news/`` gives ``news/x.txt``). A row keeps its ``#row`` suffix."""
    if not path.is_absolute():
        return source
    suffix = source[len(str(path)) :] if source.startswith(str(path)) else ""
    try:
        rel = path.relative_to(Path.cwd())
    except ValueError:
        base = root.parent
        try:
            rel = path.relative_to(base)
        except ValueError:
            rel = Path(path.name)
    return f"{rel.as_posix()}{suffix}"


def files_of(inputs: Iterable[str | Path] | str | Path) -> list[Path]:
    """The files `load` would read from `inputs` (for a progress total); unreadable inputs left out."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    return [p for p, _root in _expand(inputs) if isinstance(p, Path)]


def _expand(inputs: Iterable[str | Path]) -> Iterator[tuple[Path | IngestError, Path]]:
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            found = False
            for f in _walk(p):
                found = True
                yield f, p
            if not found:
                yield IngestError(str(p), f"no article files in directory (looked for {', '.join(KNOWN_EXTS)})"), p
        elif p.is_file():
            yield p, p
        elif p.exists():
            yield IngestError(str(p), "not a regular file"), p
        else:
            try:
                os.stat(p)
                reason = "no such file or directory"
            except PermissionError:
                reason = "cannot be read: permission denied"
            except OSError as e:
                reason = "no such file or directory" if isinstance(e, FileNotFoundError) else f"cannot be read: {e}"
            yield IngestError(str(p), reason), p


# ---------------------------------------------------------------------------------------------
# Files


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 100 * 1024 else f"{n} bytes"


def _limit(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n}-byte"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if path.name.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as f:
                data = f.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as e:
            raise Rejected(f"corrupt gzip file: {e}") from e
        if len(data) > max_bytes:
            raise Rejected(f"decompressed file is over the {_limit(max_bytes)} limit")
        return data
    return path.read_bytes()


def _read_file(path: Path, opts: _Options) -> Iterator[Article | IngestError]:
    src = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise Rejected("empty file")
        if size > opts.max_bytes:
            raise Rejected(f"file is {_size(size)}, over the {_limit(opts.max_bytes)} limit")
        kind = _kind(path)
        if kind in ("csv", "tsv", "jsonl"):
            yield from _read_table(path, kind, opts)
            return
        if kind is None and _kind_ext(path):
            raise Rejected(f"unsupported file type {_kind_ext(path)!r} (known: {', '.join(KNOWN_EXTS)}, each also .gz)")
        data = _read_bytes(path, opts.max_bytes)
        article = _read_html(path, data, opts) if kind == "html" else _read_text(path, data, opts)
        yield _given_date(article, opts)
    except Rejected as e:
        yield IngestError(src, str(e))
    except OSError as e:
        yield IngestError(src, f"cannot be read: {e.strerror or e}")


def _given_date(article: Article, opts: _Options) -> Article:
    """The user's publication date (`published`), when given, is the article's: it outranks any the file holds."""
    if opts.published is not None:
        article.published = DateValue.from_dict(opts.published.to_dict())
    return article


def content_hash(text: str) -> str:
    """sha256 of the text with white space runs made one space, case-folded."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


def _finish(article: Article) -> Article:
    article.content_hash = content_hash(article.text)
    return article


_ONLY_BOILERPLATE = {
    "file": "no article text left after removing boilerplate from the file",
    "page": "no article text found in HTML (only boilerplate)",
    "row": "no article text left after removing boilerplate from the row",
}


def _cut(text: str, limit: int) -> str:
    """The first `limit` characters of `text`, ended at the last paragraph (else line, else word) break."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for sep in ("\n\n", "\n", " "):
        i = head.rfind(sep)
        if i > limit // 2:
            return head[:i]
    return head


def _cleaned(text: str, what: str, opts: _Options, meta_out: dict[str, Any] | None = None) -> str:
    """`text` without boilerplate; captions it removed go to `meta_out["captions"]`. Text over
    MAX_ARTICLE_CHARS is cut at a paragraph break, with a warning in `meta_out["ingest_warnings"]`."""
    n = len(text)
    text = _cut(text, 2 * MAX_ARTICLE_CHARS)  # the cleaner need not see more than can be read
    c = clean.clean(text, keep_captions=opts.keep_captions)
    if not c.text.strip():
        raise Rejected(_ONLY_BOILERPLATE[what])
    out = c.text
    if n > 2 * MAX_ARTICLE_CHARS or len(out) > MAX_ARTICLE_CHARS:
        out = _cut(out, MAX_ARTICLE_CHARS)
        warning = (
            f"article is {n:,} characters long; only its first {len(out):,} were read "
            f"(the limit is {MAX_ARTICLE_CHARS:,})"
        )
        log.warning("%s", warning)
        if meta_out is not None:
            meta_out.setdefault("ingest_warnings", []).append(warning)
    captions = [clean.caption_body(line) for kind, line in c.removed if kind == "caption"]
    if captions and meta_out is not None:
        meta_out["captions"] = captions
    return out


_HTML_START = ("<!doctype html", "<html")


def _read_text(path: Path, data: bytes, opts: _Options) -> Article:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(tuple(s.encode() for s in _HTML_START)):  # a web page saved as .txt
        return _read_html(path, data, opts)
    text, _enc = decode_bytes(data)
    front: dict[str, str] = {}
    heading = None
    if _kind_ext(path) in (".md", ".markdown"):
        text, front, heading = clean.strip_markdown(text)
    article_meta: dict[str, Any] = {}
    text = _cleaned(text, "file", opts, article_meta)
    byline = meta.byline_from_text(text)
    return _finish(
        Article(
            id=path.name,
            text=text,
            title=front.get("title") or heading or meta.title_from_text(text),
            published_raw=front.get("date") or front.get("published"),
            outlet=front.get("outlet") or meta.outlet_from_text(text) or outlet_name(text, heading),
            author=front.get("author") or (byline.author if byline else None) or meta.credit_author(text),
            url=front.get("url"),
            source=str(path),
            meta=article_meta,
        )
    )


def _kind_ext(path: Path) -> str:
    name = path.name.lower()
    return os.path.splitext(name[:-3] if name.endswith(".gz") else name)[1]


_HEAVY = re.compile(rb"<(script|style|svg)\b.*?</\1\s*>|data:[\w/+.-]+;base64,[A-Za-z0-9+/=]{256,}", re.I | re.S)


def _read_html(path: Path, data: bytes, opts: _Options) -> Article:
    if len(data) > MAX_PAGE_BYTES:
        data = _HEAVY.sub(b" ", data)  # scripts, styles, inline images: none is article text
        if len(data) > MAX_PAGE_BYTES:
            raise Rejected(
                f"HTML page is {_size(len(data))} without scripts and styles, over the {_limit(MAX_PAGE_BYTES)} "
                "limit for one page"
            )
    text, _enc = decode_bytes(data, declared=html.declared_charset(data))
    page = html.parse(text)
    article_meta: dict[str, Any] = dict(page.meta)
    body = _cleaned(page.text, "page", opts, article_meta)
    byline = meta.byline_from_text(body)
    outlet = meta.outlet_from_text(body) or page.sitename or outlet_name(body, page.title)
    if page.sitename:
        article_meta["sitename"] = page.sitename
    return _finish(
        Article(
            id=path.name,
            text=body,
            title=page.title,
            published_raw=page.published_raw,
            outlet=outlet,
            author=page.author or (byline.author if byline else None) or meta.credit_author(body),
            url=page.url,
            source=str(path),
            meta=article_meta,
        )
    )


class _Bounded(io.RawIOBase):
    """A binary stream that raises Rejected once more than `limit` bytes were read from it (a gzip bomb)."""

    def __init__(self, raw, limit: int):
        self.raw, self.limit, self.n = raw, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self.raw.read(len(b))
        self.n += len(data)
        if self.n > self.limit:
            raise Rejected(f"decompressed table is over the {_limit(self.limit)} limit")
        b[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


def _opener(path: Path, limit: int = MAX_TABLE_BYTES):
    if path.name.lower().endswith(".gz"):
        return lambda: io.BufferedReader(_Bounded(gzip.open(path, "rb"), limit))
    return lambda: open(path, "rb")


def _read_table(path: Path, kind: str, opts: _Options) -> Iterator[Article | IngestError]:
    opener = _opener(path)
    if kind == "jsonl":
        records = tabular.jsonl_records(opener, max_record=MAX_RECORD_BYTES)
    else:
        records = tabular.csv_records(
            opener,
            delimiter="\t" if kind == "tsv" else ",",
            text_column=opts.text_column,
            id_column=opts.id_column,
            max_record=MAX_RECORD_BYTES,
        )
    n = 0
    try:
        for row, rec in records:
            n += 1
            src = f"{path}#{row}"
            if isinstance(rec, str):
                yield IngestError(src, rec)
                continue
            try:
                yield _finish(_row_article(path, row, rec, opts))
            except Rejected as e:
                yield IngestError(src, f"row {row}: {e}")
    except (OSError, EOFError, zlib.error) as e:
        if path.name.lower().endswith(".gz"):
            raise Rejected(f"corrupt gzip file: {e}") from e
        raise
    if n == 0:  # a header alone, blank lines, a BOM alone: said, never silently nothing
        raise Rejected("no rows (the table holds no record)" if kind == "jsonl" else "no rows after the header")


def _str(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _row_article(path: Path, row: int, rec: dict[str, Any], opts: _Options) -> Article:
    text_column, id_column = opts.text_column, opts.id_column
    cols = list(rec)
    tcol = tabular.find_column(cols, text_column, tabular.TEXT_COLUMNS)
    if tcol is None:
        if text_column is not None:
            raise Rejected(f"no {text_column!r} field")
        raise Rejected(f"no text field (looked for {', '.join(tabular.TEXT_COLUMNS)})")
    raw = rec[tcol]
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise Rejected("empty text")
    if not isinstance(raw, (str, int, float)):
        raise Rejected(f"text is not a string but a {type(raw).__name__}")
    text = normalize(str(raw))
    if html.looks_like_html(text):  # scraped markup in the column
        text = html.fragment_text(text)
    row_warnings: dict[str, Any] = {}
    text = _cleaned(text, "row", opts, row_warnings)

    used = {tcol}

    def pick(wanted: str | None, candidates: tuple[str, ...]) -> str | None:
        c = tabular.find_column(cols, wanted, candidates)
        if c is None:
            return None
        used.add(c)
        return _str(rec[c])

    if id_column is not None and tabular.find_column(cols, id_column, ()) is None:
        raise Rejected(f"no {id_column!r} field")
    if opts.date_column is not None and tabular.find_column(cols, opts.date_column, ()) is None:
        raise Rejected(f"no {opts.date_column!r} field (the publication date column given with --date-column)")
    rid = pick(id_column, tabular.ID_COLUMNS) or str(row)
    title = pick(None, tabular.TITLE_COLUMNS)
    published_raw = pick(opts.date_column, tabular.DATE_COLUMNS)
    outlet = pick(None, tabular.OUTLET_COLUMNS)
    url = pick(None, tabular.URL_COLUMNS)
    author = pick(None, tabular.AUTHOR_COLUMNS)
    byline = meta.byline_from_text(text) if author is None or outlet is None else None
    return Article(
        id=rid,
        text=text,
        title=normalize(title) if title else None,
        published_raw=published_raw,
        # a row without a date of its own takes the one the user gave
        published=None
        if published_raw is not None or opts.published is None
        else DateValue.from_dict(opts.published.to_dict()),
        outlet=outlet or meta.outlet_from_text(text) or outlet_name(text, title),
        author=author or (byline.author if byline else None) or meta.credit_author(text),
        url=url,
        source=f"{path}#{row}",
        meta={k: v for k, v in rec.items() if k not in used} | row_warnings,
    )
