"""Run the web app with uvicorn (used by `warlog serve`)."""

from __future__ import annotations

import sys
from pathlib import Path


def run(db: Path, *, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve `db` at http://host:port/ until interrupted. Returns an exit code (2 on a bad database)."""
    import uvicorn

    from warlog.web.app import create_app

    try:
        app = create_app(db)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    idx = app.state.holder.index
    print(
        f"warlog serve: {db} ({idx.facets()['events']} events, indexed in {idx.build_seconds:.1f} s) "
        f"at http://{host}:{port}/  (Ctrl+C to stop)",
        file=sys.stderr,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
