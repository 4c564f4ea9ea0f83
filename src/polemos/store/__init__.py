"""The event store: one interface (`base.Store`), two backends (DuckDB file, PostgreSQL).

    store = open_store(url_or_path)     # "polemos.duckdb" | "postgresql://..." ; POLEMOS_DB
"""
from __future__ import annotations

import os
from pathlib import Path

from polemos import errors
from polemos.errors import InputError, StoreError
from polemos.store.base import EventFilter, Store, StoredEvent

DEFAULT_DB = "polemos.duckdb"

__all__ = ["open_store", "existing_store", "resolve_url", "EventFilter", "Store", "StoredEvent", "DEFAULT_DB"]


def resolve_url(url_or_path: str | Path | None = None) -> str:
    """The store location: the argument, else $POLEMOS_DB, else ./polemos.duckdb."""
    return str(url_or_path or os.environ.get("POLEMOS_DB") or DEFAULT_DB)


def existing_store(url_or_path: str | Path | None = None) -> str:
    """The store location (resolve_url) when it exists; a DuckDB path that does not raises
    InputError (exit 2), so a command that only reads never creates an empty store from a typo.
    (A postgresql:// URL is checked when it is opened.)"""
    url = resolve_url(url_or_path)
    if "://" not in url and not Path(url).exists():
        raise InputError(errors.STORE_MISSING.format(db=url))
    return url


def open_store(url_or_path: str | Path | None = None, read_only: bool = False) -> Store:
    """Open (creating and migrating when needed) the store at a path or postgresql:// URL.
    Raises polemos.errors.StoreError (exit 3) when it cannot be opened, is locked, or was written
    by a newer Polemos; in those cases the store is left untouched."""
    url = resolve_url(url_or_path)
    if url.startswith(("postgresql://", "postgres://")):
        from polemos.store.postgres import PostgresStore  # noqa: PLC0415  (start-up cost: psycopg)

        return _reviewed(PostgresStore(url, read_only=read_only))
    if "://" in url:
        raise StoreError(errors.STORE_BAD_URL.format(db=url))
    from polemos.store.duckdb import DuckDBStore  # noqa: PLC0415  (start-up cost: duckdb)

    return _reviewed(DuckDBStore(url, read_only=read_only))


def _reviewed(store: Store) -> Store:
    """Hook of polemos.review: reads show people's decisions over the machine's coding."""
    from polemos.review.overlay import ReviewedStore  # noqa: PLC0415 - review imports this package

    return ReviewedStore(store)
