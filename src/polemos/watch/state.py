"""Per-source state of `polemos watch`, kept in the store (tables of migration 005).

    table = StateTable(store)                 # an open SQL store (DuckDB or PostgreSQL)
    st = table.get(url)                       # SourceState (a fresh one for an unknown URL)
    table.save(st)                            # one statement: committed on its own
    table.seen(url) -> {item_key: fingerprint}; table.mark_seen(url, [(key, fingerprint, article_id)], now)

Every write is a single autocommitted upsert, outside the store's article transactions, so a
crash leaves each row either before or after a write, never half written.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any, Protocol


class SqlConnected(Protocol):
    """What the state needs from a store: its DB-API connection and placeholder style."""

    conn: Any
    placeholder: str


@dataclass
class SourceState:
    url: str
    kind: str | None = None                 # "feed" or "page" once known
    etag: str | None = None
    last_modified: str | None = None
    last_poll: dt.datetime | None = None    # UTC, naive
    last_success: dt.datetime | None = None
    last_status: int | None = None          # HTTP status of the last answer (None: no answer)
    failures: int = 0                       # consecutive failed polls
    next_poll: dt.datetime | None = None    # not before this (UTC); None: due now
    last_error: str | None = None
    polls: int = 0
    articles: int = 0                       # articles added or replaced from this source in total


COLUMNS = tuple(f.name for f in fields(SourceState))


class StateTable:
    def __init__(self, store: SqlConnected) -> None:
        if getattr(store, "conn", None) is None:
            raise TypeError("the watch state needs an open SQL store (DuckDB or PostgreSQL)")
        self.conn = store.conn
        self.ph = store.placeholder

    def _run(self, sql: str, params: list[Any]) -> list[tuple]:
        cur = self.conn.execute(sql.replace("?", self.ph), params)
        return cur.fetchall() if cur.description else []

    def get(self, url: str) -> SourceState:
        rows = self._run(f"SELECT {', '.join(COLUMNS)} FROM watch_sources WHERE url = ?", [url])
        return SourceState(**dict(zip(COLUMNS, rows[0]))) if rows else SourceState(url=url)

    def all(self) -> list[SourceState]:
        rows = self._run(f"SELECT {', '.join(COLUMNS)} FROM watch_sources ORDER BY url", [])
        return [SourceState(**dict(zip(COLUMNS, r))) for r in rows]

    def save(self, st: SourceState) -> None:
        cols = ", ".join(COLUMNS)
        marks = ", ".join("?" * len(COLUMNS))
        sets = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c != "url")
        self._run(f"INSERT INTO watch_sources ({cols}) VALUES ({marks}) ON CONFLICT (url) DO UPDATE SET {sets}",
                  [getattr(st, c) for c in COLUMNS])

    def seen(self, url: str) -> dict[str, str]:
        """Feed entries already handled for this source: item key -> fingerprint."""
        return dict(self._run("SELECT item_key, fingerprint FROM watch_items WHERE source_url = ?", [url]))

    def mark_seen(self, url: str, items: list[tuple[str, str, str | None]], when: dt.datetime) -> None:
        """Record feed entries (key, fingerprint, article id or None) as handled: one statement."""
        rows = list({key: (key, fp, aid) for key, fp, aid in items}.values())   # a key once per statement
        if not rows:
            return
        values = ", ".join(["(?, ?, ?, ?, ?)"] * len(rows))
        self._run("INSERT INTO watch_items (source_url, item_key, fingerprint, article_id, seen_at)"
                  f" VALUES {values} ON CONFLICT (source_url, item_key) DO UPDATE SET"
                  " fingerprint = excluded.fingerprint, article_id = excluded.article_id, seen_at = excluded.seen_at",
                  [v for key, fp, aid in rows for v in (url, key, fp, aid, when)])
