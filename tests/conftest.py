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


# --- The event store on both backends (issue 4) -----------------------------------------------
@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the session (skips when PostgreSQL is not installed)."""
    from pgserver import start_server

    srv = start_server()
    if isinstance(srv, str):
        pytest.skip(srv)
    yield srv
    srv.stop()


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    """An empty store location: a DuckDB file, then a fresh PostgreSQL database."""
    if request.param == "duckdb":
        return str(tmp_path / "polemos.duckdb")
    return request.getfixturevalue("pg_server").new_database()
