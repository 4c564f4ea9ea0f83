"""Plain SQL on the store's connection for the zone and alert tables (migration 006).

The store's public interface covers events; these small helpers read and write the tables of
issue 14 through the same connection, with the backend's placeholder, in one transaction."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from polemos.store.base import Store


def _sql(store: Store, sql: str) -> str:
    mark = getattr(store, "placeholder", "?")
    return sql if mark == "?" else sql.replace("?", mark)


def rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    """Rows of one SELECT (`?` placeholders on every backend)."""
    cur = store.conn.execute(_sql(store, sql), list(params) or None)  # type: ignore[attr-defined]
    return cur.fetchall() if cur.description else []


def execute(store: Store, sql: str, params: Sequence[Any] = ()) -> None:
    store.conn.execute(_sql(store, sql), list(params) or None)  # type: ignore[attr-defined]


@contextmanager
def transaction(store: Store) -> Iterator[None]:
    """All or nothing: a failure rolls back every statement run inside."""
    execute(store, "BEGIN")
    try:
        yield
    except BaseException:
        execute(store, "ROLLBACK")
        raise
    execute(store, "COMMIT")
