"""warlog's command line: read, ingest, export, eval, fuse, sources, summary, gazetteer.

Exit codes: 0 everything was read, 1 some inputs failed (each listed with its reason),
2 usage errors (bad options, missing files or folders named on the command line).
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
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from warlog import __version__
from warlog.model import Duplicate, IngestError, Reading

app = typer.Typer(
    name="warlog",
    help="Turn conflict news into sourced event data: ACLED-typed events, claims with claimants, "
    "places and dates resolved, reports fused across articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Build, extend and query the place-name gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

out = Console()
err = Console(stderr=True)

Inputs = Annotated[
    list[Path],
    typer.Argument(
        help="Article files (.txt .md .html .htm), tables with one article per row (.csv .tsv .jsonl, "
        "optionally .gz) or directories (read recursively).",
        show_default=False,
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
ActorsFile = Annotated[
    Path | None,
    typer.Option("--actors", help="Your own actors file (same format as warlog/data/actors.json), merged over ours."),
]
DbPath = Annotated[Path, typer.Option("--db", help="SQLite database file.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary table.")]


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


def _check_inputs(inputs: list[Path]) -> None:
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        err.print(f"[red]error:[/red] no such file or directory: {', '.join(missing)}")
        raise typer.Exit(2)


@contextmanager
def _progress(label: str, quiet: bool):
    """A progress display for a stream of unknown length (articles are counted as they come)."""
    if quiet or not sys.stderr.isatty() and not _force_progress():
        yield None
        return
    columns = [SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=False) as progress:
        yield progress


def _force_progress() -> bool:
    import os

    return os.environ.get("WARLOG_PROGRESS") == "1"


def _safe_name(name: str) -> str:
    return re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", name) or "_"


def _reader(actors: Path | None):
    """The reading pipeline, with the user's actors file merged; a bad file is a usage error."""
    from warlog.pipeline import Reader

    try:
        return Reader.default(actors)
    except (ValueError, OSError) as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2) from None


def _report_failures(failed: list[IngestError], duplicates: list[Duplicate]) -> None:
    for d in duplicates:
        err.print(f"[yellow]skipped[/yellow] {d}")
    for f in failed:
        err.print(f"[red]failed[/red]  {f}")


@app.command()
def read(
    inputs: Inputs,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the readings (one <name>.json each).")],
    text_column: TextColumn_ = None,
    id_column: IdColumn = None,
    actors: ActorsFile = None,
    quiet: Quiet = False,
) -> None:
    """Read articles into one JSON reading each (events, claims, places, dates); no database needed.

    A reading follows shared/gold/CODEBOOK.md. A file x.txt is written as OUT/x.txt.json, a table
    row as OUT/<id>.json.
    """
    from warlog.api import read as read_api

    _check_inputs(inputs)
    reader = _reader(actors)
    out_dir.mkdir(parents=True, exist_ok=True)
    failed: list[IngestError] = []
    duplicates: list[Duplicate] = []
    n = 0
    with _progress("reading", quiet) as progress:
        task = progress.add_task("read", total=None) if progress else None
        for item in read_api(inputs, text_column=text_column, id_column=id_column, reader=reader):
            if isinstance(item, IngestError):
                failed.append(item)
            elif isinstance(item, Duplicate):
                duplicates.append(item)
            else:
                path = out_dir / f"{_safe_name(item.article)}.json"
                path.write_text(json.dumps(item.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
                n += 1
            if progress:
                progress.advance(task)
    _report_failures(failed, duplicates)
    if not quiet:
        out.print(f"read {n} articles into {out_dir}/ ({len(duplicates)} duplicates skipped, {len(failed)} failed)")
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(
    inputs: Inputs,
    db: DbPath = Path("warlog.db"),
    text_column: TextColumn_ = None,
    id_column: IdColumn = None,
    actors: ActorsFile = None,
    quiet: Quiet = False,
) -> None:
    """Read articles and store them (one transaction per article), fusing events across articles.

    Already stored articles (same content) are skipped, so an interrupted run can simply be run again.
    """
    from warlog.api import ingest as ingest_api

    _check_inputs(inputs)
    reader = _reader(actors)
    with _progress("ingesting", quiet) as progress:
        task = progress.add_task("ingest", total=None) if progress else None

        def tick(_item) -> None:
            if progress:
                progress.advance(task)

        result = ingest_api(inputs, db=db, text_column=text_column, id_column=id_column, reader=reader, on_item=tick)
    _report_failures(result.failed, result.duplicates)
    if not quiet:
        out.print(
            f"ingested {result.added} articles into {db} "
            f"({len(result.duplicates)} skipped as duplicates, {len(result.failed)} failed)"
        )
    raise typer.Exit(1 if result.failed else 0)


@app.command()
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
) -> None:
    """Export the stored events in a format people already use (ACLED's and UCDP's own columns)."""
    from warlog.api import export as export_api
    from warlog.export import FORMATS

    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    _require_db(db)
    n = export_api(db=db, format=fmt, out=out_file)
    if out_file is not None:
        err.print(f"wrote {n} records to {out_file}")


def _require_db(db: Path) -> None:
    if not db.exists():
        err.print(f"[red]error:[/red] no database at {db}; run `warlog ingest` first")
        raise typer.Exit(2)


@app.command(name="eval")
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
        err.print(f"[red]error:[/red] no gold folder at {gold_dir}")
        raise typer.Exit(2)
    if read_inputs:
        import tempfile

        from warlog.api import read as read_api

        _check_inputs(read_inputs)
        target = out_dir or readings_dir or Path(tempfile.mkdtemp(prefix="warlog-eval-"))
        target.mkdir(parents=True, exist_ok=True)
        for item in read_api(read_inputs):
            if isinstance(item, Reading):
                (target / f"{_safe_name(item.article)}.json").write_text(
                    json.dumps(item.to_dict(), ensure_ascii=False), encoding="utf-8"
                )
            else:
                err.print(f"[yellow]{item}[/yellow]")
        readings_dir = target
    if readings_dir is None or not readings_dir.is_dir():
        err.print("[red]error:[/red] give a READINGS_DIR, or --read INPUT to read first")
        raise typer.Exit(2)
    figures = score(gold_dir, readings_dir, per_article=per_article)
    if as_json:
        out.print_json(json.dumps(figures))
        return
    print(format_table(figures))
    if per_article:
        table = Table("article", "events gold/sys/match", "claims gold/sys/match/attr", "published")
        for a in figures["per_article"]:
            table.add_row(
                a["article"],
                f"{a['events_gold']}/{a['events_system']}/{a['events_matched']}",
                f"{a['claims_gold']}/{a['claims_system']}/{a['claims_matched']}/{a['claims_attributed']}",
                "ok" if a["published_ok"] else "wrong",
            )
        out.print(table)


@app.command()
def fuse(
    db: DbPath = Path("warlog.db"),
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute every fused event from scratch.")] = False,
) -> None:
    """Fuse the stored events across articles (ingest does this incrementally; --rebuild redoes all)."""
    from warlog import fuse as fuse_stage
    from warlog.store import open_store

    _require_db(db)
    with open_store(db) as store:
        n = fuse_stage.rebuild(store) if rebuild else len(store.fused_events())
    out.print(f"{n} fused events in {db}")


@app.command()
def sources(
    db: DbPath = Path("warlog.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the profiles as JSON.")] = False,
) -> None:
    """How each outlet's and claimant's figures compare with other sources on shared events."""
    from warlog import fuse as fuse_stage
    from warlog.store import open_store

    _require_db(db)
    with open_store(db) as store:
        profiles = fuse_stage.source_profiles(store)
    if as_json:
        out.print_json(json.dumps(profiles, default=str))
        return
    if not profiles:
        out.print("no source has figures on events shared with another source yet")
        return
    keys = list(profiles[0].keys())
    table = Table(*keys)
    for p in profiles:
        table.add_row(*(_cell(p.get(k)) for k in keys))
    out.print(table)


def _cell(v) -> str:
    if isinstance(v, float):
        return f"{v:.2f}"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_cell(x)}" for k, x in v.items())
    return "" if v is None else str(v)


@app.command()
def summary(db: DbPath = Path("warlog.db")) -> None:
    """A table of what the database holds: articles, events by type, claims, places."""
    from warlog.store import open_store

    _require_db(db)
    with open_store(db) as store:
        s = store.summary()
    table = Table(title=f"warlog: {db}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in ("articles", "events", "fused_events", "claims", "places", "contradictions"):
        if key in s:
            table.add_row(key.replace("_", " "), str(s[key]))
    for typ, n in sorted(Counter(s.get("events_by_type", {})).items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(f"  events: {typ}", str(n))
    out.print(table)


@gazetteer_app.command("build")
def gazetteer_build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if the index exists.")] = False,
) -> None:
    """Build the gazetteer index (GeoNames cities ≥ 500 people, admin areas, our supplement) once."""
    from warlog import geo

    path = geo.build_index(force=force)
    out.print(f"gazetteer index at {path}")


@gazetteer_app.command("import")
def gazetteer_import(
    files: Annotated[
        list[Path], typer.Argument(help="GeoNames dumps: allCountries.txt, SY.txt, alternateNamesV2.txt …")
    ],
) -> None:
    """Load standard GeoNames dump files into the gazetteer index."""
    from warlog import geo

    _check_inputs(files)
    n = geo.import_geonames(files)
    out.print(f"imported {n} rows")


@gazetteer_app.command("lookup")
def gazetteer_lookup(name: Annotated[str, typer.Argument(help="A place name, in any common spelling.")]) -> None:
    """Show the gazetteer's candidates for a name."""
    from warlog import geo

    candidates = geo.lookup(name)
    if not candidates:
        out.print(f"no place called {name!r} in the gazetteer")
        raise typer.Exit(1)
    for c in candidates:
        out.print(c)


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
    with open_store(db) as store:
        f = next((x for x in store.fused_events() if x.id == event_id), None)
        if f is None:
            err.print(f"error: {db}: no fused event {event_id!r}")
            raise typer.Exit(2)
        rows = fuse_stage.explain(f, store.mentions_of_articles([e.article for e in f.mentions]))
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
