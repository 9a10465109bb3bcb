"""`warlog serve`: the web app (Starlette + Jinja2, served by uvicorn). Read-only on the store.

    create_app(db_path) -> Starlette

Pages (each has a JSON twin under /api):
    /                 events: map, time histogram, filters, sortable paginated list   (/api/events, /api/points)
    /event/{id}       one fused event: sources side by side, claims, disagreements, why fused   (/api/event/{id})
    /article/{id}     an article's text with every reading highlighted   (/api/article/{id})
    /sources          the source-skew profiles as a chart   (/api/sources)
    /download/{fmt}   the current filter as acled-csv, ucdp-csv, geojson or events-json

Every response carries a Content-Security-Policy allowing scripts, styles, images and requests from this
origin only (no inline script or style); every text from an article is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

import io
import logging
import math
import threading
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from warlog.web.index import Filters, Index

log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
COLOURS = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#f08a24",
    "Violence against civilians": "#7b3294",
    "Protests": "#1a9850",
    "Riots": "#66bd63",
    "Strategic developments": "#4575b4",
}
SORT_CHOICES = [
    ("-date", "newest first"),
    ("date", "oldest first"),
    ("-fatalities", "most killed"),
    ("-sources", "most sources"),
    ("-disagreements", "most disagreements"),
    ("type", "event type"),
    ("place", "place"),
]
DOWNLOADS = {
    "acled-csv": ("text/csv; charset=utf-8", "events.acled.csv"),
    "ucdp-csv": ("text/csv; charset=utf-8", "events.ucdp.csv"),
    "geojson": ("application/geo+json", "events.geojson"),
    "events-json": ("application/json", "events.json"),
}


def _web_dir() -> Path:
    return Path(str(resources.files("warlog").joinpath("data/web")))


def type_class(t: str | None) -> str:
    """A CSS class for an event type (colours live in the stylesheet: no inline style under the CSP)."""
    return "t-" + "".join(ch if ch.isalnum() else "-" for ch in (t or "other").lower())


class SecurityHeaders:
    """ASGI middleware adding the CSP and friends to every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in SECURITY_HEADERS.items():
                    if k.lower().encode() not in names:
                        headers.append((k.lower().encode(), v.encode()))
                message = {**message, "headers": headers}
            await send(message)

        return await self.app(scope, receive, send_with_headers)


class Holder:
    """The current Index, rebuilt in the background when the store changes (an ingest is running)."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.index = Index(db_path)
        self._rebuilding = False
        self._lock = threading.Lock()

    def get(self) -> Index:
        idx = self.index
        if not self._rebuilding and idx.changed():
            with self._lock:
                if not self._rebuilding:
                    self._rebuilding = True
                    threading.Thread(target=self._rebuild, daemon=True).start()
        return self.index

    def _rebuild(self) -> None:
        try:
            self.index = Index(self.db_path)  # the old one is freed when its last request is done
        except Exception as e:  # the store mid-change or gone: keep answering from the old snapshot
            log.warning("%s: index not rebuilt (%s); serving the previous snapshot", self.db_path, e)
        finally:
            self._rebuilding = False


def _histogram_svg(hist: dict, f: Filters, width: int = 960, height: int = 120) -> dict:
    """Stacked bars (one per bin, by type) as plain shapes for the template; each bar knows its date range."""
    bins = hist["bins"]
    if not bins:
        return {"bars": [], "width": width, "height": height, "max": 0}
    top = max(sum(b["counts"].values()) for b in bins) or 1
    bw = width / len(bins)
    bars = []
    types = list(COLOURS) + [t for t in hist["types"] if t not in COLOURS]
    for i, b in enumerate(bins):
        y = height
        rects = []
        for t in types:
            n = b["counts"].get(t, 0)
            if not n:
                continue
            h = max(1.0, (height - 14) * n / top)
            y -= h
            rects.append({"y": round(y, 1), "h": round(h, 1), "cls": type_class(t), "type": t, "n": n})
        total = sum(b["counts"].values())
        label = b["from"] if b["from"] == b["to"] else f"{b['from']} to {b['to']}"
        bars.append(
            {
                "x": round(i * bw, 2),
                "w": round(max(1.0, bw - (1 if bw > 3 else 0)), 2),
                "rects": rects,
                "title": f"{label}: {total} events" + "".join(f", {r['n']} {r['type']}" for r in rects),
                "from": b["from"],
                "to": b["to"],
            }
        )
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "max": top,
        "first": bins[0]["from"],
        "last": bins[-1]["to"],
        "unit": hist["unit"],
    }


def _profile_chart(profiles: list[dict]) -> list[dict]:
    """Rows of the skew chart: each source's median ratio (and per side) on a log2 axis centred on 1."""
    rows = []
    for p in profiles:
        if p.get("median_ratio") is None:
            continue
        sides = [
            {"side": s, "ratio": r, **_bar(r)} for s, r in (p.get("by_side") or {}).items() if r is not None and r > 0
        ]
        rows.append({**p, **_bar(p["median_ratio"]), "sides": sides})
    return rows


def _bar(r: float) -> dict:
    """x and width (percent of a half-axis of 3 doublings) of a ratio bar starting at 1."""
    v = max(-3.0, min(3.0, math.log2(r))) if r > 0 else -3.0
    w = abs(v) / 3 * 50
    return {"x": 50 if v >= 0 else 50 - w, "w": max(0.5, w), "dir": "higher" if v > 0 else "lower" if v < 0 else "same"}


def create_app(db_path: str | Path) -> Starlette:  # noqa: C901
    holder = Holder(Path(db_path))
    web = _web_dir()
    env = Environment(loader=FileSystemLoader(str(web / "templates")), autoescape=select_autoescape(default=True))
    env.globals["type_class"] = type_class
    env.globals["colours"] = COLOURS

    def url(path: str, params: dict) -> str:
        return path + ("?" + urlencode(params) if params else "")

    env.globals["url"] = url

    def render(name: str, request: Request, **ctx) -> HTMLResponse:
        ctx.setdefault("db_name", holder.db_path.name)
        return HTMLResponse(env.get_template(name).render(request=request, **ctx))

    def filters(request: Request) -> Filters:
        f = Filters.from_params(request.query_params)
        if f.errors:
            raise HTTPException(400, "; ".join(f.errors))
        return f

    def query(idx: Index, f: Filters) -> dict:
        try:
            return idx.query(f)
        except ValueError as e:
            raise HTTPException(400, str(e)) from None

    def events_page(request: Request):
        f = filters(request)
        idx = holder.get()
        res = query(idx, f)
        return render(
            "events.html",
            request,
            f=f,
            res=res,
            facets=idx.facets(),
            hist=_histogram_svg(res["histogram"], f),
            points_url=url("/api/points", f.params(sort="-date", page=1)),
            downloads={k: url(f"/download/{k}", f.params(sort="-date", page=1, per=50)) for k in DOWNLOADS},
            sort_link=lambda key: url("/", f.params(sort=("-" + key) if f.sort == key else key, page=1)),
            page_link=lambda p: url("/", f.params(page=p)),
            api_url=url("/api/events", f.params()),
            sorts=SORT_CHOICES + ([] if f.sort in dict(SORT_CHOICES) else [(f.sort, f.sort.lstrip("-"))]),
        )

    def api_events(request: Request):
        f = filters(request)
        idx = holder.get()
        res = query(idx, f)
        return JSONResponse({"filters": f.params(), **res})

    def api_points(request: Request):
        f = filters(request)
        try:
            return JSONResponse(holder.get().points(f))
        except ValueError as e:
            raise HTTPException(400, str(e)) from None

    def api_facets(request: Request):
        return JSONResponse(holder.get().facets())

    def _event(request: Request) -> dict:
        ev = holder.get().event(request.path_params["fid"])
        if ev is None:
            raise HTTPException(404, f"no event {request.path_params['fid']!r} in {holder.db_path.name}")
        return ev

    def event_page(request: Request):
        return render("event.html", request, ev=_event(request), api_url=f"/api/event/{request.path_params['fid']}")

    def api_event(request: Request):
        return JSONResponse(_event(request))

    def _article(request: Request) -> dict:
        a = holder.get().article(request.path_params["aid"])
        if a is None:
            raise HTTPException(404, f"no article {request.path_params['aid']} in {holder.db_path.name}")
        return a

    def article_page(request: Request):
        return render(
            "article.html", request, a=_article(request), api_url=f"/api/article/{request.path_params['aid']}"
        )

    def api_article(request: Request):
        a = _article(request)
        a.pop("segments", None)
        return JSONResponse(a)

    def sources_page(request: Request):
        profiles = holder.get().profiles()
        return render(
            "sources.html",
            request,
            outlets=_profile_chart([p for p in profiles if p["role"] == "outlet"]),
            claimants=_profile_chart([p for p in profiles if p["role"] == "claimant"]),
            n=len(profiles),
            api_url="/api/sources",
        )

    def api_sources(request: Request):
        return JSONResponse({"profiles": holder.get().profiles()})

    def download(request: Request):
        from warlog.export import export

        fmt = request.path_params["fmt"]
        if fmt not in DOWNLOADS:
            raise HTTPException(404, f"no download format {fmt!r}; choose one of: {', '.join(DOWNLOADS)}")
        f = filters(request)
        idx = holder.get()
        try:
            store = FilteredStore(idx, f)
        except ValueError as e:
            raise HTTPException(400, str(e)) from None
        buf = io.StringIO()
        export(store, fmt, buf)
        mime, name = DOWNLOADS[fmt]
        return Response(
            buf.getvalue(), media_type=mime, headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )

    async def http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        if request.url.path.startswith("/static/"):
            return PlainTextResponse(str(exc.detail), status_code=exc.status_code)
        html = env.get_template("error.html").render(request=request, status=exc.status_code, detail=exc.detail)
        return HTMLResponse(html, status_code=exc.status_code)

    routes = [
        Route("/", events_page),
        Route("/event/{fid}", event_page),
        Route("/article/{aid:int}", article_page),
        Route("/sources", sources_page),
        Route("/download/{fmt}", download),
        Route("/api/events", api_events),
        Route("/api/points", api_points),
        Route("/api/facets", api_facets),
        Route("/api/event/{fid}", api_event),
        Route("/api/article/{aid:int}", api_article),
        Route("/api/sources", api_sources),
        Mount("/static", StaticFiles(directory=str(web / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    app.add_middleware(SecurityHeaders)
    app.state.holder = holder
    return app


class FilteredStore:
    """What warlog.export needs of a Store, limited to the fused events of one filter (read-only)."""

    def __init__(self, idx: Index, f: Filters):
        self.idx = idx
        self._fused = idx.fused(f)
        self._names = {a for e in self._fused for a in e.articles}
        self._modified: int | None = None
        self._heads: dict | None = None

    def fused_events(self):
        return self._fused

    def iter_fused_events(self, located: bool | None = None):
        """The filter's fused events, as the streaming exports ask a Store for them."""
        for f in self._fused:
            has_point = f.location is not None and f.location.lat is not None and f.location.lon is not None
            if located is None or located == has_point:
                yield f

    def article_heads(self, names: list[str]) -> dict:
        """The filter's articles by name, without text (what an export row needs)."""
        if self._heads is None:  # one query for the whole download, not one per event
            self._heads = {a.id: a for a in self.articles()}
        return {n: self._heads[n] for n in names if n in self._heads}

    def articles(self):
        from warlog.model import Article, DateValue

        for name, title, outlet, pub, pub_end, prec, h in self.idx._run(
            "SELECT name, title, outlet, published, published_end, published_precision, content_hash FROM s.articles"
        ):
            if name in self._names:
                published = DateValue(pub, pub_end, prec or "day") if pub else None
                yield Article(id=name, text="", title=title, outlet=outlet, content_hash=h, published=published)

    def actor_types(self) -> dict[str, str]:
        from collections import Counter

        counts: dict[str, Counter] = {}
        for name, t, n in self.idx._run(
            "SELECT name, actor_type, count(*) FROM s.actors WHERE actor_type IS NOT NULL GROUP BY name, actor_type"
        ):
            counts.setdefault(name, Counter())[t] += n
        return {n: max(c, key=lambda t: (c[t], t)) for n, c in counts.items()}

    def last_modified(self) -> int:
        if self._modified is None:
            v = self.idx._run("SELECT max(CAST(strftime('%s', added_at) AS INTEGER)) FROM s.articles")[0][0]
            self._modified = int(v or 0)
        return self._modified
