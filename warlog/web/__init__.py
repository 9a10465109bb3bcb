"""The web views.

    render_page(events, title=...) -> str      one self-contained HTML page (`warlog export --format html`)
    create_app(db_path) -> Starlette           `warlog serve`: the explorer (map, time axis, filters, search,
                                               event, article and sources pages, downloads, JSON API); see
                                               docs/WEB.md. Imported lazily: starlette is needed only here.

The page template of render_page is `warlog/data/web_page.html`; the app's templates and vendored assets are
under `warlog/data/web/`.
"""

from warlog.web.page import render_page

__all__ = ["create_app", "render_page"]


def __getattr__(name: str):
    if name == "create_app":
        from warlog.web.app import create_app

        return create_app
    raise AttributeError(name)
