"""What the SQL store's parts need of a connection: the interface SqlStore (sql.py) offers them.

The parts (schema, ingest, queries, integrity) are functions over this interface, so each lives in
its own module and none reaches into a backend's private hooks.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol


class SqlDb(Protocol):
    """A connection with `?` placeholders: DuckDB or PostgreSQL (which translates them)."""

    url: str
    backend: str

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """The rows a query returns."""
        ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run a statement in the open transaction (or BEGIN/COMMIT/ROLLBACK)."""
        ...

    def lock_writers(self) -> None:
        """Serialise concurrent writers for the length of the transaction (PostgreSQL)."""
        ...

    def insert_many(self, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Multi-row INSERTs inside the open transaction."""
        ...

    def insert_bulk(self, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Many rows at once inside the open transaction (the backend's fastest path)."""
        ...


def as_date(v: Any) -> dt.date | None:
    """A date column's value as a date (backends return dates, strings or timestamps)."""
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def marks(n: int) -> str:
    """`?, ?, ...`: the placeholders of an IN list of n values."""
    return ", ".join("?" * n)
