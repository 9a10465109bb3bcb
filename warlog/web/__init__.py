"""The web view: one self-contained HTML page of the fused events (no server, no external assets).

    render_page(events, title=...) -> str      map, timeline, and each event's sources side by side

The page template is `warlog/data/web_page.html`; `warlog export --format html` writes it.
"""

from warlog.web.page import render_page

__all__ = ["render_page"]
