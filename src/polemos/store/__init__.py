"""The event store: one interface (`base.Store`), two backends (DuckDB file, PostgreSQL).

    store = open_store(url_or_path)     # "polemos.duckdb" | "postgresql://..." ; POLEMOS_DB
"""
from __future__ import annotations

import os
from pathlib import Path

from polemos.store.base import EventFilter, Store, StoredEvent

DEFAULT_DB = "polemos.duckdb"

__all__ = ["open_store", "resolve_url", "EventFilter", "Store", "StoredEvent", "DEFAULT_DB"]


def resolve_url(url_or_path: str | Path | None = None) -> str:
    """The store location: the argument, else $POLEMOS_DB, else ./polemos.duckdb."""
    return str(url_or_path or os.environ.get("POLEMOS_DB") or DEFAULT_DB)


def open_store(url_or_path: str | Path | None = None, read_only: bool = False) -> Store:
    """Open (creating and migrating when needed) the store at a path or postgresql:// URL.
    Raises polemos.errors.StoreError (exit 3) when it cannot be opened, is locked, or was written
    by a newer Polemos; in those cases the store is left untouched."""
    url = resolve_url(url_or_path)
    if url.startswith(("postgresql://", "postgres://")):
        from polemos.store.postgres import PostgresStore

        return _reviewed(PostgresStore(url, read_only=read_only))
    if "://" in url:
        from polemos import errors
        from polemos.errors import StoreError

        raise StoreError(errors.STORE_BAD_URL.format(db=url))
    from polemos.store.duckdb import DuckDBStore

    return _reviewed(DuckDBStore(url, read_only=read_only))


def _reviewed(store: Store) -> Store:
    """Hook of polemos.review: reads show people's decisions over the machine's coding."""
    from polemos.review.overlay import ReviewedStore  # noqa: PLC0415 - review imports this package

    return ReviewedStore(store)
