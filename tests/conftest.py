"""Shared test fixtures. `../shared` (reference fixtures, GeoNames dumps, evaluation sets) is
optional: tests that need it skip with a clear message when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (reference data lives beside the project)")
    return SHARED
