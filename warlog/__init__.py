"""warlog: conflict news in, sourced event data out.

The Python API mirrors the CLI:

    import warlog
    for reading in warlog.read(["article.txt"]):        # Reading objects (see warlog.model)
        print(reading.events, reading.claims)
    summary = warlog.ingest(["examples/"], db="warlog.db")   # read and store
    warlog.export(db="warlog.db", format="acled-csv", out="events.csv")
"""

from __future__ import annotations

from warlog.api import export, ingest, read

__version__ = "0.1.0"
__all__ = ["__version__", "export", "ingest", "read"]
