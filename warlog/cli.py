"""warlog's command line: read, ingest, export, eval, fuse, sources, summary, gazetteer.

Exit codes: 0 everything was read, 1 some inputs failed (each listed with its reason),
2 usage errors (bad options, missing files or folders named on the command line),
3 the database or an output file cannot be opened or written (read-only, a directory, not a database),
4 the Dask cluster of --dask cannot be reached or was lost (what was read until then is kept).

Messages are never wrapped (a path stays whole at any terminal width) and never read as Rich markup:
a file called `x[/y]z.txt` is printed as it is.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
import typer.core
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from warlog import __version__
from warlog.model import Duplicate, IngestError, Reading


class _Command(typer.core.TyperCommand):
    """Usage lines as people read them: "INPUT..." for required inputs, not typer's "{INPUT}..."."""

    def collect_usage_pieces(self, ctx):
        return [re.sub(r"\{([^{}]+)\}", r"\1", p) for p in super().collect_usage_pieces(ctx)]


app = typer.Typer(
    name="warlog",
    help="Turn conflict news into sourced event data: ACLED-typed events, claims with claimants, "
    "places and dates resolved, reports fused across articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no type labels such as <bool>, nothing cut at the panel's edge
)
gazetteer_app = typer.Typer(
    help="Build, extend and query the place-name gazetteer.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(gazetteer_app, name="gazetteer")

# soft_wrap: a long line is left to the terminal, never cut into lines (paths and reasons stay whole)
out = Console(soft_wrap=True, highlight=False, emoji=False)
err = Console(stderr=True, soft_wrap=True, highlight=False, emoji=False)


def _say(console: Console, label: str, text: str) -> None:
    """`label` (Rich markup of ours) then `text` (user data: paths, ids, reasons) printed literally."""
    console.print(f"{label}{escape(str(text))}")


def _error(text: str, code: int = 2) -> typer.Exit:
    _say(err, "[red]error:[/red] ", text)
    return typer.Exit(code)


Inputs = Annotated[
    list[Path],
    typer.Argument(
        help="Article files (.txt .md .html .htm), tables with one article per row (.csv .tsv .jsonl, "
        "optionally .gz) or directories (read recursively).",
        show_default=False,
        metavar="INPUT",
    ),
]
TextColumn_ = Annotated[
    str | None,
    typer.Option("--text-column", help="Column holding the article text (default: text/content/article_content/body)."),
]
IdColumn = Annotated[
    str | None,
    typer.Option("--id-column", help="Column holding the article id (default: id/unit_id/doc_id, else row)."),
]
DateColumn = Annotated[
    str | None,
    typer.Option(
        "--date-column",
        help="Column holding each row's publication date (default: date/published/pub_date/publication_date).",
    ),
]
Published = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="DATE",
        help="Publication date of every file read (2015-05-24, or 2015-05 for a month), and of table rows "
        "without one; it outranks any date the articles carry.",
    ),
]
ActorsFile = Annotated[
    Path | None,
    typer.Option("--actors", help="Your own actors file (same format as warlog/data/actors.json), merged over ours."),
]
DbPath = Annotated[
    str,
    typer.Option("--db", help="SQLite database file, or a PostgreSQL database: postgresql://user@host/dbname."),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary table.")]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Processes reading articles (default: the machine's cores; a batch of a few articles is read in "
        "one). 1 reads in this process. The result is the same for any number.",
        show_default=False,
    ),
]

Dask = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        help="Read on a Dask distributed cluster: its scheduler's address (tcp://host:8786), or local:N to start "
        "N worker processes on this machine for the run. Needs the cluster extra (pip install 'warlog[cluster]'). "
        "The result is the same as without.",
        show_default=False,
    ),
]
Chunk = Annotated[
    int | None,
    typer.Option(
        "--chunk",
        min=1,
        help="Articles per task on the cluster (--dask), and readings per Parquet file (--parquet); default 32.",
        show_default=False,
    ),
]


def _check_cluster(dask: str | None, jobs: int | None, parquet: Path | None = None) -> None:
    """--dask and --parquet: a malformed address or a missing dependency is a usage error, before any reading."""
    if dask is not None and jobs is not None:
        raise _error("--jobs and --dask: choose one (the cluster's workers read with --dask)")
    if dask is not None:
        from warlog.engine import dask as dask_engine

        try:
            dask_engine.check_address(dask)
        except ValueError as e:
            raise _error(str(e)) from None
        if not dask_engine.available():
            raise _error(dask_engine.MISSING)
    if parquet is not None:
        from warlog.engine import parquet as parquet_out

        if not parquet_out.available():
            raise _error(parquet_out.MISSING)


@contextmanager
def _cluster_errors(after: str = ""):
    """A cluster that cannot be reached or is lost: exit 4 with the reason in one line, never a traceback."""
    from warlog.engine import EngineError

    try:
        yield
    except EngineError as e:
        raise _error(f"{e}{after}", 4) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"warlog {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if not verbose:  # the HTML libraries' own complaints are not the user's business (the reason per file is)
        for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
            logging.getLogger(name).setLevel(logging.ERROR)


def _check_inputs(inputs: list[Path]) -> None:
    """Missing inputs are a usage error; an input that exists but cannot be read is reported with the
    rest of the batch (an IngestError), not a reason to refuse the batch."""
    import errno
    import os

    missing = []
    for p in inputs:
        try:
            os.stat(p)
        except FileNotFoundError:
            missing.append(str(p))
        except OSError as e:
            if e.errno in (errno.ENOENT, errno.ENOTDIR):
                missing.append(str(p))
    if missing:
        raise _error(f"no such file or directory: {', '.join(missing)}")


class _Ticker:
    """Progress over the input files (their number known before reading) with the articles counted."""

    def __init__(self, progress: Progress | None, inputs: list[Path]):
        self.progress = progress
        self.task = None
        self.files: set[str] = set()
        self.articles = 0
        if progress is not None:
            from warlog.ingest import files_of

            self.task = progress.add_task("0 articles", total=len(files_of(inputs)) or None)

    def __call__(self, item) -> None:
        if self.progress is None:
            return
        key = "/".join(Path(str(getattr(item, "source", "") or "").split("#", 1)[0]).parts[-2:])
        self.files.add(key)
        self.articles += isinstance(item, (Reading,)) or type(item).__name__ == "Article"
        self.progress.update(self.task, completed=len(self.files), description=f"{self.articles} articles")


@contextmanager
def _progress(label: str, quiet: bool):
    """A progress display: files read of the files found, articles counted as they come."""
    if quiet or not sys.stderr.isatty() and not _force_progress():
        yield None
        return
    columns = [
        SpinnerColumn(),
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files,"),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=err, transient=False) as progress:
        yield progress


def _force_progress() -> bool:
    import os

    return os.environ.get("WARLOG_PROGRESS") == "1"


_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f\x7f]")
_MAX_NAME_BYTES = 180  # well under the 255-byte limit of file names, with room for ".json" and a suffix


def _safe_name(name: str) -> str:
    """A file name for an article id: the id itself when it is a safe, short name; otherwise its safe part
    (bounded in bytes) and a hash of the whole id, so that two ids never share a file ("a/b" and "a:b")."""
    import hashlib

    safe = _UNSAFE.sub("_", name)
    if safe == name and safe not in ("", ".", "..") and len(safe.encode("utf-8")) <= _MAX_NAME_BYTES:
        return safe
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    stem = safe.encode("utf-8")[:_MAX_NAME_BYTES].decode("utf-8", "ignore").strip(".") or "_"
    return f"{stem}~{digest}"


class _Writer:
    """Writes one reading per file into a folder, never two readings into one file."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()

    def write(self, reading: Reading, *, indent: int | None = 1) -> Path:
        name = _safe_name(reading.article)
        if name.casefold() in self.used:  # case-insensitive file systems: "A" and "a" are one file
            import hashlib

            name = f"{name}~{hashlib.sha256(reading.article.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"
            n = 2
            while name.casefold() in self.used:
                name = f"{name}~{n}"
                n += 1
        self.used.add(name.casefold())
        path = self.folder / f"{name}.json"
        path.write_text(json.dumps(reading.to_dict(), ensure_ascii=False, indent=indent), encoding="utf-8")
        return path


def _published(published: str | None):
    """`--published DATE` read as the dates stage reads it; a date it cannot read is a usage error."""
    from warlog.api import published_date

    try:
        return published_date(published)
    except ValueError as e:
        raise _error(f"--published: {e}") from None


def _reader(actors: Path | None):
    """The reading pipeline, with the user's actors file merged; a bad file is a usage error."""
    from warlog import lexicon
    from warlog.geo.index import index_path
    from warlog.pipeline import Reader

    if not index_path().exists():
        _say(err, "", "building the place-name index (first run only, about half a minute)…")
    try:
        lexicon.check()  # a broken lexicon is one clear error, not one per article
        return Reader.default(actors)
    except (ValueError, OSError) as e:
        raise _error(str(e)) from None


def _report_failures(failed: list[IngestError], duplicates: list[Duplicate], quiet: bool = False) -> None:
    """Failures always, one line each; skipped duplicates one line each, or one count line with --quiet."""
    if quiet:
        if duplicates:
            _say(err, "[yellow]skipped[/yellow] ", f"{len(duplicates)} duplicate(s)")
    else:
        for d in duplicates:
            _say(err, "[yellow]skipped[/yellow] ", str(d))
    for f in failed:
        _say(err, "[red]failed[/red]  ", str(f))


@contextmanager
def _database_errors(db: str | Path):
    """A database that cannot be opened or written is exit 3 with the reason, never a traceback."""
    import sqlite3

    from warlog.store.backend import redacted

    try:
        yield
    except sqlite3.DatabaseError as e:
        raise _error(f"database {redacted(str(db))}: {_db_reason(e)}", 3) from None
    except OSError as e:
        raise _error(f"database {redacted(str(db))}: {e.strerror or e}", 3) from None


def _db_reason(e: Exception) -> str:
    msg = str(e)
    if "not a database" in msg or "malformed" in msg:
        return f"not a warlog database ({msg})"
    if "readonly" in msg or "read-only" in msg:
        return f"cannot be written ({msg}); check the file's permissions"
    if "unable to open" in msg:
        return f"cannot be opened ({msg}); is it a directory, or in a folder you cannot write?"
    return msg


def _write_readings(items, writer, table, tick, failed: list, duplicates: list) -> int:
    """Each reading written as JSON (`writer`) and/or Parquet rows (`table`); failures and duplicates collected;
    returns how many readings were written."""
    n = 0
    for item in items:
        if isinstance(item, IngestError):
            failed.append(item)
        elif isinstance(item, Duplicate):
            duplicates.append(item)
        else:
            try:
                if writer is not None:
                    writer.write(item)
                if table is not None:
                    table.add(item)
                n += 1
            except OSError as e:
                failed.append(IngestError(item.source or item.article, f"reading not written: {e.strerror or e}"))
        tick(item)
    return n


@app.command(cls=_Command)
def read(
    inputs: Inputs,
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder for the readings (one <name>.json each).")
    ] = None,
    text_column: TextColumn_ = None,
    id_column: IdColumn = None,
    date_column: DateColumn = None,
    published: Published = None,
    actors: ActorsFile = None,
    quiet: Quiet = False,
    jobs: Jobs = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            "--parquet",
            metavar="DIR",
            help="Also (or instead of --out) write the readings as Parquet tables: DIR/articles, DIR/events, "
            "DIR/claims, one part-NNNNN.parquet file per chunk of readings (columns: see warlog/engine/parquet.py).",
        ),
    ] = None,
    dask: Dask = None,
    chunk: Chunk = None,
) -> None:
    """Read articles into one JSON reading each (events, claims, places, dates); no database needed.

    A reading follows shared/gold/CODEBOOK.md. A file x.txt is written as OUT/x.txt.json, a table
    row as OUT/<id>.json.
    """
    from warlog.api import read as read_api

    if out_dir is None and parquet is None:
        raise _error("give --out DIR for the JSON readings, or --parquet DIR for Parquet tables (or both)")
    _check_inputs(inputs)
    _check_cluster(dask, jobs, parquet)
    given = _published(published)
    reader = _reader(actors)
    writer = table = None
    for folder in (out_dir, parquet):
        try:
            if folder is not None:
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise _error(f"cannot create the output folder {folder}: {e.strerror or e}", 3) from None
    if out_dir is not None:
        writer = _Writer(out_dir)
    if parquet is not None:
        from warlog.engine.parquet import ParquetWriter

        try:
            table = ParquetWriter(parquet, chunk)
        except OSError as e:
            raise _error(f"cannot write Parquet files in {parquet}: {e.strerror or e}", 3) from None
    failed: list[IngestError] = []
    duplicates: list[Duplicate] = []
    n = 0
    with _progress("reading", quiet) as progress, _cluster_errors():
        tick = _Ticker(progress, inputs)
        items = read_api(
            inputs,
            text_column=text_column,
            id_column=id_column,
            date_column=date_column,
            published=given,
            reader=reader,
            jobs=jobs,
            dask=dask,
            chunk=chunk,
        )
        try:
            n = _write_readings(items, writer, table, tick, failed, duplicates)
        finally:
            if table is not None:
                try:
                    table.close()
                except OSError as e:
                    failed.append(IngestError(str(parquet), f"last Parquet files not written: {e.strerror or e}"))
    _report_failures(failed, duplicates, quiet)
    if not quiet:
        where = " and ".join(
            x
            for x in (
                f"{out_dir}/ as {n} files" if out_dir is not None else "",
                f"{parquet}/ as {table.parts} Parquet files per table" if table is not None else "",
            )
            if x
        )
        _say(out, "", f"read {n} articles into {where} ({len(duplicates)} duplicates skipped, {len(failed)} failed)")
    raise typer.Exit(1 if failed else 0)


@app.command(cls=_Command)
def ingest(
    inputs: Inputs,
    db: DbPath = Path("warlog.db"),
    text_column: TextColumn_ = None,
    id_column: IdColumn = None,
    date_column: DateColumn = None,
    published: Published = None,
    actors: ActorsFile = None,
    quiet: Quiet = False,
    jobs: Jobs = None,
    no_fuse: Annotated[
        bool,
        typer.Option(
            "--no-fuse",
            help="Store the events without fusing them (fast bulk loads); run `warlog fuse` afterwards to fuse "
            "them all in one pass.",
        ),
    ] = False,
    dask: Dask = None,
    chunk: Chunk = None,
) -> None:
    """Read articles and store them (one transaction per article), fusing events across articles.

    Already stored articles (same content) are skipped, so an interrupted run can simply be run again.
    With --dask the cluster's workers read, this process stores, and the events are fused in one batch pass
    at the end.
    """
    from warlog.api import ingest as ingest_api

    _check_inputs(inputs)
    _check_cluster(dask, jobs)
    given = _published(published)
    reader = _reader(actors)
    with _progress("ingesting", quiet) as progress:
        tick = _Ticker(progress, inputs)
        kept = "; what was stored is kept: run the same command again to go on (or `warlog fuse` to fuse it)"
        with _cluster_errors(kept if dask else ""), _database_errors(db):
            result = ingest_api(
                inputs,
                db=db,
                text_column=text_column,
                id_column=id_column,
                date_column=date_column,
                published=given,
                reader=reader,
                on_item=tick,
                jobs=jobs,
                fuse=not no_fuse,
                dask=dask,
                chunk=chunk,
            )
    _report_failures(result.failed, result.duplicates, quiet)
    if not quiet:
        _say(
            out,
            "",
            f"ingested {result.added} articles into {db} "
            f"({len(result.duplicates)} skipped as duplicates, {len(result.failed)} failed)"
            + ("; events not fused yet: run `warlog fuse`" if no_fuse else "")
            + ("; events fused in one batch pass" if dask and not no_fuse else ""),
        )
    raise typer.Exit(1 if result.failed else 0)


@app.command(cls=_Command)
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="acled-csv | ucdp-csv | geojson | events-json | jsonl | claims-csv | html",
            show_default=False,
        ),
    ],
    db: DbPath = Path("warlog.db"),
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (default: standard output).")
    ] = None,
    raw_csv: Annotated[
        bool,
        typer.Option(
            "--raw-csv",
            help="Keep cells starting with = + - @ as they are (by default they get a leading ' so that "
            "spreadsheets do not run them as formulas).",
        ),
    ] = False,
) -> None:
    """Export the stored events in a format people already use (ACLED's and UCDP's own columns)."""
    from warlog.api import export as export_api
    from warlog.export import FORMATS

    if fmt not in FORMATS:
        raise _error(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    _require_db(db)
    try:
        with _database_errors(db):
            n = export_api(db=db, format=fmt, out=out_file, raw_csv=raw_csv)
    except ValueError as e:  # --out is the database itself
        raise _error(str(e)) from None
    except OSError as e:
        raise _error(f"cannot write {out_file}: {e.strerror or e}", 3) from None
    if out_file is not None:
        _say(err, "", f"wrote {n} records to {out_file}")
    _warn_unfused(db)


def _warn_unfused(db: str | Path) -> None:
    """After `ingest --no-fuse`, exports of fused events leave the unfused ones out: say so, with the fix."""
    from warlog.store import open_store

    try:
        with open_store(db) as store:
            n = store.unfused_count()
    except Exception:  # a warning only: the export itself succeeded
        return
    if n:
        _say(
            err,
            "[yellow]warning:[/yellow] ",
            f"{n} stored events are not fused yet (left out); run `warlog fuse --db {db}`",
        )


def _require_db(db: str | Path) -> None:
    from warlog.store.backend import is_dsn

    if is_dsn(str(db)):  # a PostgreSQL database: opening it says what is wrong
        return
    db = Path(db)
    if not db.exists():
        raise _error(f"no database at {db}; run `warlog ingest` first")
    if db.is_dir():
        raise _error(f"database {db}: is a directory, not a database file", 3)


@app.command(name="eval", cls=_Command)
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of <article>.gold.json files.")],
    readings_dir: Annotated[
        Path | None, typer.Argument(help="Folder of <article>.json readings (omit with --read).")
    ] = None,
    read_inputs: Annotated[
        list[Path] | None, typer.Option("--read", help="Read these inputs first (repeatable), then score them.")
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Where --read writes its readings.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    per_article: Annotated[bool, typer.Option("--per-article", help="Also show figures per article.")] = False,
) -> None:
    """Score readings against gold readings: the figures of shared/tools/score.py, equal to its output."""
    from warlog.evaluate import format_table, score

    if not gold_dir.is_dir():
        raise _error(f"no gold folder at {gold_dir}")
    if read_inputs:
        import tempfile

        from warlog.api import read as read_api

        _check_inputs(read_inputs)
        target = out_dir or readings_dir or Path(tempfile.mkdtemp(prefix="warlog-eval-"))
        target.mkdir(parents=True, exist_ok=True)
        writer = _Writer(target)
        for item in read_api(read_inputs):
            if isinstance(item, Reading):
                writer.write(item, indent=None)
            else:
                _say(err, "", str(item))
        readings_dir = target
    if readings_dir is None or not readings_dir.is_dir():
        raise _error("give a READINGS_DIR, or --read INPUT to read first")
    figures = score(gold_dir, readings_dir, per_article=per_article)
    if as_json:
        out.print_json(json.dumps(figures))
        return
    print(format_table(figures))
    if per_article:
        table = Table("article", "events gold/sys/match", "claims gold/sys/match/attr", "published")
        for a in figures["per_article"]:
            table.add_row(
                escape(a["article"]),
                f"{a['events_gold']}/{a['events_system']}/{a['events_matched']}",
                f"{a['claims_gold']}/{a['claims_system']}/{a['claims_matched']}/{a['claims_attributed']}",
                "ok" if a["published_ok"] else "wrong",
            )
        out.print(table)


@app.command(cls=_Command)
def fuse(
    db: DbPath = Path("warlog.db"),
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute every fused event from scratch.")] = False,
) -> None:
    """Fuse the stored events across articles in one batch pass: after `ingest --no-fuse`, or with --rebuild
    (ingest without --no-fuse fuses as it goes; then there is nothing to do)."""
    from warlog.api import fuse_store

    _require_db(db)
    with _database_errors(db):
        n, ran = fuse_store(db, rebuild=rebuild)
    _say(out, "", f"{n} fused events in {db}" + ("" if ran else " (all events were fused already)"))


@app.command(cls=_Command)
def sources(
    db: DbPath = Path("warlog.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the profiles as JSON.")] = False,
) -> None:
    """How each outlet's and claimant's figures compare with other sources on shared events."""
    from warlog import fuse as fuse_stage
    from warlog.store import open_store

    _require_db(db)
    with _database_errors(db), open_store(db) as store:
        profiles = fuse_stage.source_profiles(store)
    if as_json:
        out.print_json(json.dumps(profiles, default=str))
        return
    if not profiles:
        out.print("no source has figures on events shared with another source yet")
        return
    table = Table(
        "source",
        "role",
        "events",
        "figures",
        "ratio",
        "high",
        "low",
        caption="ratio: the median, over the figures compared, of this source's figure divided by the median of "
        "the other sources' figures for the same event and side (above 1: it reports more than the others). "
        "high/low: how often its figure was the highest/lowest.",
        caption_justify="left",
    )
    sides = Table("source", "side (kind)", "ratio", title="ratio per side")
    for p in profiles:
        table.add_row(
            escape(str(p["source"])),
            p["role"],
            str(p["events"]),
            str(p["figures"]),
            _cell(p["median_ratio"]) or "–",
            str(p["highest"]),
            str(p["lowest"]),
        )
        for side, ratio in (p.get("by_side") or {}).items():
            sides.add_row(escape(str(p["source"])), escape(side), _cell(ratio))
    out.print(table)
    if sides.row_count:
        out.print(sides)


def _cell(v) -> str:
    if isinstance(v, float):
        return f"{v:.2f}"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_cell(x)}" for k, x in v.items())
    return "" if v is None else escape(str(v))


@app.command(cls=_Command)
def summary(db: DbPath = Path("warlog.db")) -> None:
    """A table of what the database holds: articles, events by type, claims, places."""
    from warlog.store import open_store

    _require_db(db)
    with _database_errors(db), open_store(db) as store:
        s = store.summary()
    table = Table(title=f"warlog: {escape(str(db))}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in ("articles", "events", "fused_events", "claims", "places", "contradictions"):
        if key in s:
            table.add_row(key.replace("_", " "), str(s[key]))
    for typ, n in sorted(Counter(s.get("events_by_type", {})).items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(f"  events: {typ}", str(n))
    out.print(table)


@gazetteer_app.command("build", cls=_Command)
def gazetteer_build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if the index exists.")] = False,
) -> None:
    """Build the gazetteer index (GeoNames cities ≥ 500 people, admin areas, our supplement) once."""
    from warlog import geo, nlp

    path = geo.build_index(force=force, nlp=nlp.load_pipeline())
    _say(out, "", f"gazetteer index at {path}")


@gazetteer_app.command("import", cls=_Command)
def gazetteer_import(
    files: Annotated[
        list[Path], typer.Argument(help="GeoNames dumps: allCountries.txt, SY.txt, alternateNamesV2.txt …")
    ],
) -> None:
    """Load standard GeoNames dump files into the gazetteer index."""
    from warlog import geo, nlp

    _check_inputs(files)
    n = geo.import_geonames(files, nlp=nlp.load_pipeline())
    _say(out, "", f"imported {n} rows")


@gazetteer_app.command("lookup", cls=_Command)
def gazetteer_lookup(
    name: Annotated[str, typer.Argument(help="A place name, in any common spelling.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the candidates as JSON.")] = False,
) -> None:
    """Show the gazetteer's candidates for a name, best first, with the reasons for each score."""
    import json

    from warlog import geo, nlp

    candidates = geo.explain(name, geo.default_gazetteer(nlp.load_pipeline()))
    if as_json:
        out.print_json(json.dumps(candidates, ensure_ascii=False))
        if not candidates:
            raise typer.Exit(1)
        return
    if not candidates:
        _say(out, "", f"no place called {name!r} in the gazetteer")
        raise typer.Exit(1)
    table = Table("score", "place", "country", "admin1", "feature", "lat, lon", "why")
    for c in candidates[:20]:
        table.add_row(
            f"{c['score']:.2f}",
            escape(c["name"]),
            escape(c["country"] or ""),
            escape(c["admin1"] or ""),
            escape(c["feature"] or ""),
            f"{c['lat']:.3f}, {c['lon']:.3f}" if c["lat"] is not None else "",
            escape("; ".join(c["reasons"])),
        )
    out.print(table)
    if len(candidates) > 20:
        out.print(f"... and {len(candidates) - 20} more (--json lists all)")


@app.command()
def serve(
    db: DbPath = Path("warlog.db"),
    host: Annotated[str, typer.Option("--host", help="Address to bind (localhost by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
) -> None:
    """Explore the events in a browser: map, time axis, filters, search, sources side by side (read-only)."""
    from warlog.store.backend import is_dsn
    from warlog.web.serve import run

    if is_dsn(db):
        raise _error(
            "warlog serve reads a SQLite store file; serving a PostgreSQL store is not built yet "
            "(export --format html writes the same map and timeline as one page)",
            2,
        )
    _require_db(db)
    raise typer.Exit(run(db, host=host, port=port))


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(help="A fused event's id (F...), as in exports and `warlog summary`.")],
    db: DbPath = Path("warlog.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the explanation as JSON.")] = False,
) -> None:
    """A fused event explained: its members, the score of each link and the reasons (date, place, type, actors,
    figures, text), and its contradictions."""
    from warlog import fuse as fuse_stage
    from warlog.store import open_store

    _require_db(db)
    with _database_errors(db), open_store(db) as store:
        f = next((x for x in store.fused_events() if x.id == event_id), None)
        if f is None:
            err.print(f"error: {db}: no fused event {event_id!r}")
            raise typer.Exit(2)
        rows = fuse_stage.explain(f, fuse_stage.mentions_in(store, [e.article for e in f.mentions]))
    if as_json:
        out.print_json(json.dumps({"id": f.id, "members": rows, "contradictions": f.contradictions}, default=str))
        return
    date = "" if f.date is None else f.date.start if f.date.start == f.date.end else f"{f.date.start}..{f.date.end}"
    place = "" if f.location is None else (f.location.canonical or f.location.name)
    out.print(f"{f.id}: {f.event_type} / {f.sub_event_type}, {date}, {place}; {len(f.articles)} article(s)")
    for i, r in enumerate(rows, 1):
        out.print(f"{i}. {r['article']} {r['event']}: {r['type']}, {r['date']}, {r['place']}; {r['actors']}")
        out.print(f"   evidence: {r['evidence']}", soft_wrap=True)
        if r.get("linked_to") is None:
            continue
        score = r.get("score")
        head = "not compatible" if score is None else f"score {score} (threshold {r['threshold']})"
        out.print(f"   linked to {r['linked_to']}: {head}")
        for k, why in r.get("reasons", {}).items():
            v = r.get("features", {}).get(k)
            out.print(f"     {k}: {'' if v is None else f'{v:+.2f} '}{why}", soft_wrap=True)
    for c in f.contradictions:
        out.print(f"contradiction: {c}", soft_wrap=True)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
