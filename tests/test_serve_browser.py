"""`warlog serve` in a real browser: Debian's headless Chromium driven by Playwright (the system browser; nothing
is downloaded). Clicks filter -> event -> article, checks the map draws without a CSP violation, that an
injected <script> stays text, that the pages fit a phone, and saves screenshots of each page at 1280 and 390 px
into docs/screenshots/ (WARLOG_SCREENSHOTS=dir to write them elsewhere).

Skips, saying why, when Playwright or the chromium binary is missing (.ci/run installs both when it can)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("no chromium binary on PATH (apt-get install chromium); browser tests skipped", allow_module_level=True)

from test_serve import demo_db  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHOTS = Path(os.environ.get("WARLOG_SCREENSHOTS") or REPO / "docs" / "screenshots")
WIDTHS = {"desktop": (1280, 860), "phone": (390, 844)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from warlog.web.app import create_app

    db = demo_db(tmp_path_factory.getbasetemp())
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db
    srv.should_exit = True
    t.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        except Exception as e:  # a broken install: say so, do not fail the suite
            pytest.skip(f"chromium at {CHROMIUM} does not start: {str(e).splitlines()[0]}")
        yield b
        b.close()


class Console:
    """Errors the page reports: console errors (a CSP violation is one), uncaught exceptions, alerts."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)


def _page(browser, size="desktop"):
    w, h = WIDTHS[size]
    page = browser.new_page(viewport={"width": w, "height": h})
    return page, Console(page)


def _wait_map(page):
    # selectors, not wait_for_function: a string predicate is evaluated as JavaScript, which the
    # page's Content-Security-Policy (no 'unsafe-eval') may refuse
    page.locator("#map .leaflet-overlay-pane path").nth(10).wait_for(state="attached", timeout=45000)
    page.locator("#map .leaflet-marker-icon").first.wait_for(state="attached", timeout=45000)
    page.locator("#map-note:not(:empty)").wait_for(state="attached", timeout=45000)


def test_map_draws_borders_and_events_without_csp_violation(server, browser):
    base, _ = server
    page, console = _page(browser)
    page.goto(base + "/")
    _wait_map(page)
    assert page.locator("#map .leaflet-overlay-pane path").count() > 0
    n_icons = page.locator("#map .leaflet-marker-icon").count()
    assert n_icons >= 1
    assert "events on the map" in page.inner_text("#map-note")
    assert console.errors == [], console.errors  # no CSP violation, no script error
    page.close()


def test_click_filter_then_event_then_article(server, browser):
    base, _ = server
    page, console = _page(browser)
    page.goto(base + "/")
    page.select_option("#type", "Battles")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=Battles"))
    types = page.locator("table.events tbody td[data-label=Type] small").all_inner_texts()
    assert types and all(t.startswith("Battles") for t in types)
    page.locator("table.events tbody td[data-label=Type] a").first.click()
    page.wait_for_url(re.compile(r"/event/F[0-9a-f]+$"))
    assert page.locator("h2", has_text="Sources side by side").count() == 1
    assert page.locator(".source mark").count() >= 1
    page.locator(".source .meta a").first.click()
    page.wait_for_url(re.compile(r"/article/\d+$"))
    assert page.locator(".text .hl.event").count() >= 1
    # and back to an event from the highlighted text
    page.locator(".text a.hl").first.click()
    page.wait_for_url(re.compile(r"/event/F[0-9a-f]+$"))
    assert console.errors == [], console.errors
    page.close()


def test_injected_script_stays_text(server, browser):
    base, db = server
    import sqlite3

    c = sqlite3.connect(db)
    aid = c.execute("SELECT id FROM articles WHERE text LIKE '%<script>%'").fetchone()[0]
    c.close()
    page, console = _page(browser)
    page.goto(f"{base}/article/{aid}")
    page.wait_for_selector(".text")
    assert '<script>alert("xss")</script>' in page.inner_text(".text")
    assert "<img src=x onerror=alert(1)>" in page.inner_text(".text")
    assert page.locator(".text script, .text img").count() == 0
    assert page.evaluate("document.scripts.length") == 0 or all(
        s.startswith(base + "/static/") for s in page.evaluate("Array.from(document.scripts).map(s => s.src)")
    )
    page.wait_for_timeout(300)
    assert console.dialogs == []
    page.close()


def test_histogram_brush_filters_by_date(server, browser):
    base, _ = server
    page, _console = _page(browser)
    page.goto(base + "/")
    box = page.locator("#hist").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.9, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.999, y, steps=5)
    page.mouse.up()
    page.wait_for_url(re.compile(r"from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d"))
    assert page.locator("table.events tbody tr").count() >= 1
    page.close()


def test_keyboard_search_and_map_marker(server, browser):
    base, _ = server
    page, _console = _page(browser)
    page.goto(base + "/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    page.focus("#q")
    page.keyboard.type("hilltop")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=hilltop"))
    _wait_map(page)
    marker = page.locator("#map .leaflet-marker-icon").first
    assert marker.get_attribute("tabindex") == "0"  # markers are in the tab order
    page.goto(base + "/?q=hilltop&per=1")
    _wait_map(page)
    page.locator("#map .leaflet-marker-icon.ev-dot, #map .leaflet-marker-icon.ev-cluster").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    assert "/event/" in page.url or page.locator("#map .leaflet-marker-icon").count() >= 1  # a cluster zooms in
    page.close()


@pytest.mark.parametrize("size", list(WIDTHS))
def test_screenshots_and_phone_fit(server, browser, size):
    base, db = server
    import sqlite3

    c = sqlite3.connect(db)
    fid = c.execute(
        "SELECT id FROM fused_events ORDER BY n_contradictions DESC, n_articles DESC, id LIMIT 1"
    ).fetchone()[0]
    aid = c.execute(
        "SELECT e.article_id FROM events e JOIN fused_members m ON m.event_row = e.id WHERE m.fused_id = ? LIMIT 1",
        (fid,),
    ).fetchone()[0]
    c.close()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, console = _page(browser, size)
    for name, path in (
        ("events", "/"),
        ("event", f"/event/{fid}"),
        ("article", f"/article/{aid}"),
        ("sources", "/sources"),
    ):
        page.goto(base + path)
        if name == "events":
            _wait_map(page)
            page.wait_for_timeout(400)  # let the fit-to-events zoom settle
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} is {overflow} px wider than the {size} screen"
        page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=False)
    assert console.errors == [], console.errors
    page.close()
