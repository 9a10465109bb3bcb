"""Readings as Parquet partitions (`warlog read --parquet DIR`), written with pyarrow (the `cluster` extra).

Three tables, one folder each, one file per chunk of readings (`chunk` readings, in input order; the same
files whatever the engine):

    DIR/articles/part-00000.parquet   one row per article read
    DIR/events/part-00000.parquet     one row per event, with its article's id
    DIR/claims/part-00000.parquet     one row per claim, with its article's id

Each folder reads as one table: pyarrow.parquet.read_table("DIR/events"), pandas.read_parquet("DIR/events"),
duckdb's read_parquet('DIR/events/*.parquet'). The `part-*.parquet` files already in those folders are
replaced by the run's. Values are those of the JSON readings (shared/gold/CODEBOOK.md), flattened:

articles   article (the reading's name, the JSON's "article"), source, title, outlet, author,
           published (the publication date, ISO), published_precision, published_text, published_method,
           events, claims, places, actors (how many the reading has), warnings (list), text (the cleaned text)
events     article, id, event_type, sub_event_type, date_start, date_end, date_precision, date_text,
           location_name (as written), location_canonical (the gazetteer's name), lat, lon, country (ISO
           alpha-2), admin1, admin2, geonames_id, feature, geo_precision (ACLED), where_prec (UCDP),
           actor1, actor2, assoc_actors, attributed_to (lists), modality, evidence, start, end (the evidence
           span in the text), trigger
claims     article, kind, subject, low, high, claimant, event (its event's id, null for a standing figure),
           number_text, disputed_by, evidence, start, end (the number's span), subject_rule, claimant_rule
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from warlog.engine import DEFAULT_CHUNK
from warlog.model import Reading

MISSING = "--parquet needs pyarrow, which is not installed here: pip install 'warlog[cluster]'"
TABLES = ("articles", "events", "claims")


def available() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, i32, i64, f64, strs = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.list_(pa.string())
    return {
        "articles": pa.schema(
            [
                ("article", s),
                ("source", s),
                ("title", s),
                ("outlet", s),
                ("author", s),
                ("published", s),
                ("published_precision", s),
                ("published_text", s),
                ("published_method", s),
                ("events", i32),
                ("claims", i32),
                ("places", i32),
                ("actors", i32),
                ("warnings", strs),
                ("text", s),
            ]
        ),
        "events": pa.schema(
            [
                ("article", s),
                ("id", s),
                ("event_type", s),
                ("sub_event_type", s),
                ("date_start", s),
                ("date_end", s),
                ("date_precision", s),
                ("date_text", s),
                ("location_name", s),
                ("location_canonical", s),
                ("lat", f64),
                ("lon", f64),
                ("country", s),
                ("admin1", s),
                ("admin2", s),
                ("geonames_id", i64),
                ("feature", s),
                ("geo_precision", i32),
                ("where_prec", i32),
                ("actor1", strs),
                ("actor2", strs),
                ("assoc_actors", strs),
                ("attributed_to", strs),
                ("modality", s),
                ("evidence", s),
                ("start", i32),
                ("end", i32),
                ("trigger", s),
            ]
        ),
        "claims": pa.schema(
            [
                ("article", s),
                ("kind", s),
                ("subject", s),
                ("low", i64),
                ("high", i64),
                ("claimant", s),
                ("event", s),
                ("number_text", s),
                ("disputed_by", s),
                ("evidence", s),
                ("start", i32),
                ("end", i32),
                ("subject_rule", s),
                ("claimant_rule", s),
            ]
        ),
    }


def rows(reading: Reading) -> dict[str, list[dict[str, Any]]]:
    """A reading's rows in the three tables."""
    pub = reading.published if reading.published is not None and reading.published.start is not None else None
    article = {
        "article": reading.article,
        "source": reading.source,
        "title": reading.title,
        "outlet": reading.outlet,
        "author": reading.author,
        "published": pub.start if pub else None,
        "published_precision": pub.precision if pub else "unknown",
        "published_text": pub.text if pub else None,
        "published_method": pub.method if pub else None,
        "events": len(reading.events),
        "claims": len(reading.claims),
        "places": len(reading.places),
        "actors": len(reading.actors),
        "warnings": list(reading.warnings),
        "text": reading.text,
    }
    events = []
    for e in reading.events:
        d, loc = e.date, e.location
        events.append(
            {
                "article": reading.article,
                "id": e.id,
                "event_type": e.event_type,
                "sub_event_type": e.sub_event_type,
                "date_start": d.start if d else None,
                "date_end": d.end if d else None,
                "date_precision": d.precision if d else None,
                "date_text": d.text if d else None,
                "location_name": loc.name if loc else None,
                "location_canonical": loc.canonical if loc else None,
                "lat": loc.lat if loc else None,
                "lon": loc.lon if loc else None,
                "country": loc.country if loc else None,
                "admin1": loc.admin1 if loc else None,
                "admin2": loc.admin2 if loc else None,
                "geonames_id": loc.geonames_id if loc else None,
                "feature": loc.feature if loc else None,
                "geo_precision": loc.precision if loc else None,
                "where_prec": loc.where_prec if loc else None,
                "actor1": list(e.actor1),
                "actor2": list(e.actor2),
                "assoc_actors": list(e.assoc_actors),
                "attributed_to": list(e.attributed_to),
                "modality": e.modality,
                "evidence": e.evidence,
                "start": e.start,
                "end": e.end,
                "trigger": e.trigger,
            }
        )
    claims = [
        {
            "article": reading.article,
            "kind": c.kind,
            "subject": c.subject,
            "low": c.low,
            "high": c.high,
            "claimant": c.claimant,
            "event": c.event,
            "number_text": c.number_text,
            "disputed_by": c.disputed_by,
            "evidence": c.evidence,
            "start": c.start,
            "end": c.end,
            "subject_rule": c.subject_rule,
            "claimant_rule": c.claimant_rule,
        }
        for c in reading.claims
    ]
    return {"articles": [article], "events": events, "claims": claims}


class ParquetWriter:
    """Collects readings and writes a partition of each table every `chunk` readings (and at `close`)."""

    def __init__(self, folder: str | Path, chunk: int | None = None):
        import pyarrow  # noqa: F401 (fail here, before any reading, when it is missing)

        self.folder = Path(folder)
        self.chunk = max(1, int(chunk or DEFAULT_CHUNK))
        self.buffer: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.readings = 0  # in the buffer
        self.parts = 0
        self.rows = dict.fromkeys(TABLES, 0)
        self.schemas = schemas()
        for t in TABLES:
            sub = self.folder / t
            sub.mkdir(parents=True, exist_ok=True)
            for old in sub.glob("part-*.parquet"):
                old.unlink()

    def add(self, reading: Reading) -> None:
        for t, r in rows(reading).items():
            self.buffer[t].extend(r)
        self.readings += 1
        if self.readings >= self.chunk:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.readings:
            return
        name = f"part-{self.parts:05d}.parquet"
        for t in TABLES:
            table = pa.Table.from_pylist(self.buffer[t], schema=self.schemas[t])
            path = self.folder / t / name
            tmp = path.with_name(f".{name}.tmp")
            pq.write_table(table, tmp)
            os.replace(tmp, path)
            self.rows[t] += table.num_rows
            self.buffer[t] = []
        self.readings = 0
        self.parts += 1

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
