"""Shared test fixtures: where ../shared is, and skipping cleanly without it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the checkout (gold, corpus, datasets); skip when absent."""
    if not (SHARED / "gold" / "CODEBOOK.md").exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the store tests: $WARLOG_TEST_POSTGRES (a DSN) if set, else a throwaway server
    (initdb into a folder under /tmp, a unix socket there, run as the `postgres` user when we are root), stopped
    at the end of the session. Skips, saying why, without psycopg or PostgreSQL's binaries."""
    import os

    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'warlog[pg]'): PostgreSQL store tests skipped")
    from warlog.store import pgtemp

    if os.environ.get("WARLOG_TEST_POSTGRES"):
        server = pgtemp.External(os.environ["WARLOG_TEST_POSTGRES"])
    else:
        bin_dir = pgtemp.find_bin_dir()
        if bin_dir is None:
            pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin")
        server = pgtemp.TempServer.start(bin_dir)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request, tmp_path):
    """A factory of empty stores on both backends: new_db("x.db") is a SQLite path in tmp_path, or the URL of a
    fresh PostgreSQL database (one per call)."""
    if request.param == "sqlite":
        return lambda name="warlog.db": tmp_path / name
    server = request.getfixturevalue("pg_server")
    return lambda name="warlog.db": server.new_database()


@pytest.fixture(scope="session", autouse=True)
def _one_spacy_pipeline():
    """The tests share one spaCy pipeline. The package keeps none: `load_pipeline()` loads a new one
    per call (a Reader calls it once and owns the result), and a Document made without one loads its own."""
    import warlog.nlp
    from warlog.nlp import document

    real = document.load_pipeline
    loaded = []

    def shared():
        if not loaded:
            loaded.append(real())
        return loaded[0]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(document, "load_pipeline", shared)
        mp.setattr(warlog.nlp, "load_pipeline", shared)
        yield


@pytest.fixture(scope="session")
def nlp():
    """The shared spaCy pipeline (see _one_spacy_pipeline)."""
    from warlog.nlp import document

    return document.load_pipeline()
