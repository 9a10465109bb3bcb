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
