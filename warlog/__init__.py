"""warlog: conflict news in, sourced event data out.

The Python API mirrors the CLI:

    import warlog
    for reading in warlog.read(["article.txt"]):        # Reading objects (see warlog.model)
        print(reading.events, reading.claims)
    summary = warlog.ingest(["examples/"], db="warlog.db")   # read and store
    warlog.export(db="warlog.db", format="acled-csv", out="events.csv")
"""

from __future__ import annotations

import importlib

# The stage packages first: importing a submodule binds its name on this package, so `export` and
# `ingest` must be bound to the API functions after the packages warlog.export and warlog.ingest exist.
importlib.import_module("warlog.export")
importlib.import_module("warlog.ingest")

from warlog.api import export, ingest, read  # noqa: E402

__version__ = "0.1.0"
__all__ = ["__version__", "export", "ingest", "read"]
