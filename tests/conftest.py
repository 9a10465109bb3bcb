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
