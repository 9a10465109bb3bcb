"""Render fused events as one HTML page: an SVG map, a timeline table, sources side by side."""

from __future__ import annotations

from html import escape
from importlib import resources
from string import Template

from warlog.model import FusedEvent

COLOURS = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#fc8d59",
    "Violence against civilians": "#7b3294",
    "Protests": "#1a9850",
    "Riots": "#66bd63",
    "Strategic developments": "#4575b4",
}
WIDTH, HEIGHT, PAD = 720, 420, 30


def _template() -> Template:
    return Template(resources.files("warlog").joinpath("data/web_page.html").read_text(encoding="utf-8"))


def _map(events: list[FusedEvent]) -> str:
    located = [e for e in events if e.location is not None and e.location.lat is not None]
    if not located:
        return "<p>No event has coordinates.</p>"
    lats = [e.location.lat for e in located]
    lons = [e.location.lon for e in located]
    lat0, lat1 = min(lats) - 0.2, max(lats) + 0.2
    lon0, lon1 = min(lons) - 0.2, max(lons) + 0.2
    scale = min((WIDTH - 2 * PAD) / (lon1 - lon0), (HEIGHT - 2 * PAD) / (lat1 - lat0))
    marks = []
    for e in located:
        x = PAD + (e.location.lon - lon0) * scale
        y = HEIGHT - PAD - (e.location.lat - lat0) * scale
        best = e.fatalities.best or e.fatalities.low or 0
        r = 4 + min(best, 100) ** 0.5
        label = f"{_date(e)} {e.sub_event_type} at {e.location.name} ({len(e.articles)} sources)"
        marks.append(
            f'<a href="#{escape(e.id)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
            f'fill="{COLOURS.get(e.event_type, "#999")}"><title>{escape(label)}</title></circle></a>'
        )
    names = {}
    for e in located:  # one label per place
        names.setdefault(e.location.canonical or e.location.name, e)
    for name, e in names.items():
        x = PAD + (e.location.lon - lon0) * scale + 6
        y = HEIGHT - PAD - (e.location.lat - lat0) * scale - 6
        marks.append(f'<text x="{x:.1f}" y="{y:.1f}">{escape(name)}</text>')
    return f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">{"".join(marks)}</svg>'


def _date(e: FusedEvent) -> str:
    if e.date is None or e.date.start is None:
        return "undated"
    return e.date.start if e.date.end in (None, e.date.start) else f"{e.date.start} – {e.date.end}"


def _figures(e: FusedEvent) -> str:
    f = e.fatalities
    if f.low is None and f.best is None and f.high is None:
        return ""
    return " / ".join("–" if v is None else str(v) for v in (f.low, f.best, f.high))


def _sources(e: FusedEvent) -> str:
    boxes = []
    for article in e.articles:
        mentions = [m for m in e.mentions if m.article == article]
        claims = [c for c in e.claims if c.article == article]
        quotes = "".join(f"<p>“{escape(m.evidence)}”</p>" for m in mentions)
        figures = "".join(
            f"<li>{escape(c.kind)} {escape(c.subject)}: {escape(c.number_text or str(c.low))} "
            f"<em>({escape(c.claimant)})</em></li>"
            for c in claims
        )
        boxes.append(
            f'<div class="source"><h4>{escape(article)}</h4>{quotes}'
            + (f"<ul>{figures}</ul>" if figures else "")
            + "</div>"
        )
    return f'<details><summary>{len(e.articles)} sources</summary><div class="sources">{"".join(boxes)}</div></details>'


def _row(e: FusedEvent) -> str:
    flags = "".join(f'<div class="flag">⚠ {escape(c)}</div>' for c in e.contradictions)
    place = "" if e.location is None else escape(e.location.canonical or e.location.name)
    cls = ' class="contradiction"' if e.contradictions else ""
    return (
        f'<tr id="{escape(e.id)}"{cls}><td>{escape(_date(e))}</td>'
        f"<td>{escape(e.sub_event_type)}<br><small>{escape(e.event_type)}, {escape(e.modality)}</small></td>"
        f"<td>{place}</td><td>{escape(', '.join(e.actor1))}<br><small>{escape(', '.join(e.actor2))}</small></td>"
        f"<td>{escape(_figures(e))}{flags}</td><td>{_sources(e)}</td></tr>"
    )


def render_page(events: list[FusedEvent], *, title: str = "fused events") -> str:
    """The HTML page for `events`, ordered by date (undated last)."""
    ordered = sorted(events, key=lambda e: (e.date is None or e.date.start is None, _date(e), e.id))
    articles = {a for e in events for a in e.articles}
    summary = (
        f"{len(events)} events from {len(articles)} articles; "
        f"{sum(1 for e in events if e.contradictions)} with sources that disagree"
    )
    legend = "".join(f'<span><i style="background:{c}"></i>{escape(t)}</span>' for t, c in COLOURS.items())
    return _template().substitute(
        title=escape(title),
        summary=escape(summary),
        legend=legend,
        map=_map(ordered),
        rows="\n".join(_row(e) for e in ordered),
    )
