"""The store shared by both backends: plain SQL that DuckDB and PostgreSQL both accept.

A backend subclass supplies the connection, its placeholder style and a writer lock; the parts
live in their own modules, as functions over the connection interface (sql_conn.SqlDb):

    sql_schema   migrations and the schema version
    sql_ingest   idempotent ingest: articles, mentions, the merge loop, totals, audit
    sql_bulk     prebuilt events stored without merging
    sql_query    filters, event listings, events, articles, mentions
    sql_check    stats, sizes, integrity check
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from polemos.merge.keys import content_hash, source_name
from polemos.models import Article, Event, StoredEvent
from polemos.store import sql_check, sql_layout, sql_points, sql_query
from polemos.store.base import EventFilter, Point, Store
from polemos.store.sql_bulk import add_events_bulk
from polemos.store.sql_ingest import SourceCache, add_articles
from polemos.store.sql_rows import EVENT_COLUMNS
from polemos.store.sql_schema import latest_version, migrate, migrations, schema_version, statements

# Names other modules and tests import from here.
_statements = statements
__all__ = ["EVENT_COLUMNS", "SqlStore", "content_hash", "latest_version", "migrations", "source_name"]


class SqlStore(Store):
    placeholder = "?"
    backend = "duckdb"

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn: Any = None
        self.sources = SourceCache()

    # -- backend hooks -------------------------------------------------------------------------
    def _lock_writers(self) -> None:
        """Serialise concurrent writers for the length of the transaction (PostgreSQL)."""

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _insert_many(self, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """One multi-row INSERT per 100 rows (single-row statements dominate the cost in DuckDB)."""
        one = "(" + ", ".join("?" * len(cols)) + ")"
        for i in range(0, len(rows), 100):
            chunk = rows[i:i + 100]
            self._exec(f"INSERT INTO {table} ({', '.join(cols)}) VALUES " + ", ".join([one] * len(chunk)),
                       [v for r in chunk for v in r])

    def _insert_bulk(self, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Many rows at once inside the open transaction; backends override with their fastest path."""
        self._insert_many(table, cols, rows)

    # -- the connection interface the parts use (sql_conn.SqlDb) -------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._rows(sql, params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._exec(sql, params)

    def lock_writers(self) -> None:
        self._lock_writers()

    def insert_many(self, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self._insert_many(table, cols, rows)

    def insert_bulk(self, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self._insert_bulk(table, cols, rows)

    # -- schema --------------------------------------------------------------------------------
    def schema_version(self) -> int:
        return schema_version(self)

    def _migrate(self) -> None:
        migrate(self)

    # -- writing -------------------------------------------------------------------------------
    def has_article(self, article: Article) -> bool:
        rows = self._rows("SELECT content_hash FROM articles WHERE id = ?", [article.id])
        return bool(rows) and rows[0][0] == content_hash(article)

    def add_article(self, article: Article, mentions: list[Event]) -> str:
        return self.add_articles([(article, mentions)])[0]

    def add_articles(self, pairs: list[tuple[Article, list[Event]]]) -> list[str]:
        """Several articles in ONE transaction (faster: one commit); statuses in order.
        All or nothing: a crash or an error leaves none of them stored."""
        return add_articles(self, self.sources, pairs)

    def add_events_bulk(self, events: Iterable[StoredEvent | Event]) -> int:
        """Prebuilt events stored as they are, in one transaction (see Store.add_events_bulk)."""
        evs = [e if isinstance(e, StoredEvent) else StoredEvent.model_validate(e.model_dump()) for e in events]
        return add_events_bulk(self, self.sources, evs)

    # -- reading -------------------------------------------------------------------------------
    def query_events(self, flt: EventFilter) -> list[StoredEvent]:
        return sql_query.query_events(self, flt)

    def event_points(self, flt: EventFilter) -> list[Point]:
        """The map's rows straight from the filter columns (no JSON parsed); see Store.event_points."""
        return sql_query.event_points(self, flt)

    def event_points_json(self, flt: EventFilter) -> list[str] | None:
        """Each point's JSON text written by DuckDB (see Store.event_points_json and sql_points)."""
        return sql_points.points_json(self, flt)

    def count_events(self, flt: EventFilter) -> int:
        return sql_query.count_events(self, flt)

    def get_event(self, event_id: str) -> StoredEvent | None:
        return sql_query.get_event(self, event_id)

    def get_article(self, article_id: str) -> Article | None:
        return sql_query.get_article(self, article_id)

    def article_mentions(self, article_id: str) -> list[Event]:
        return sql_query.article_mentions(self, article_id)

    def stats(self, flt: EventFilter, by: str = "week") -> list[dict[str, Any]]:
        return sql_check.stats(self, flt, by)

    def summary(self) -> dict[str, int]:
        return sql_check.summary(self)

    def article_languages(self) -> dict[str, int]:
        return sql_check.article_languages(self)

    def check(self) -> list[str]:
        return sql_check.check(self)

    def disorder(self) -> int:
        """Events stored out of listing order (0: in order); see sql_layout."""
        return sql_layout.disorder(self)

    def order_events(self) -> None:
        """Rewrite the events in listing order (`polemos db optimize`); see sql_layout."""
        sql_layout.order_events(self)
