"""The export stage: the stored, fused events in formats people already use.

Public API:

    FORMATS                                  the format names
    export(store, fmt, out) -> int           rows / features / readings written
    ACLED_COLUMNS, UCDP_COLUMNS, CLAIMS_COLUMNS
    priogrid_gid(lat, lon) -> int

Formats: acled-csv (ACLED's column names, one row per fused event, sources listed, disagreements in notes),
ucdp-csv (UCDP GED's column names, low/best/high), geojson (FeatureCollection of located fused events; the
others counted in `events_without_coordinates`), events-json (list of fused events), jsonl (one stored reading
per line, `Reading.to_dict()`), claims-csv (one row per claim), html (the web view: map, timeline, sources side
by side, one self-contained page).
"""

from __future__ import annotations

from typing import TextIO

from warlog.export.core import ACLED_COLUMNS, CLAIMS_COLUMNS, UCDP_COLUMNS, WRITERS, priogrid_gid

FORMATS: tuple[str, ...] = ("acled-csv", "ucdp-csv", "geojson", "events-json", "jsonl", "claims-csv", "html")

__all__ = ["ACLED_COLUMNS", "CLAIMS_COLUMNS", "FORMATS", "UCDP_COLUMNS", "export", "priogrid_gid"]


def export(store, fmt: str, out: TextIO, *, raw_csv: bool = False) -> int:
    """Write the store's content in format `fmt` (one of FORMATS) to `out`; returns rows/features written.

    CSV formats neutralise cells that a spreadsheet would run as a formula (leading = + - @, tab, CR) with a
    leading ' (OWASP, "CSV Injection"); `raw_csv=True` writes them unchanged."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if fmt.endswith("-csv"):
        return WRITERS[fmt](store, out, raw=raw_csv)
    return WRITERS[fmt](store, out)
