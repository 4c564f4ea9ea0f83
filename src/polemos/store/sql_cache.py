"""Decoded events kept between transactions of one process, so merging a stream of articles does
not parse the same neighbouring events' JSON again for every article (JSON decoding was the
largest part of a merge into a large store: docs/benchmarks.md). An entry is used only when the
stored JSON is exactly the text it was decoded from, so a changed event is always read afresh.

The bulk merge (sql_ingest_batch.py) does not even read the JSON of an event it has decoded
before: its entries (`versioned`/`keep`) are keyed by the event's id and row version: its `updated_at`
(the writing transaction's start) and where the row lies (DuckDB's rowid, PostgreSQL's ctid).
Every write of an event's JSON (the merge, bulk loads, review) deletes and inserts its row, so a
rewritten event has another version; code that would UPDATE an event's `data` in place must set
`updated_at` too."""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from polemos.models import StoredEvent
from polemos.store.sql_conn import SqlDb

MAX_EVENTS = 50_000   # each cache (~8 KB per decoded synthetic event: ~400 MB at most)
_cache: OrderedDict[str, tuple[str, StoredEvent]] = OrderedDict()


def decode_event(event_id: str, data: str) -> StoredEvent:
    """The event stored as `data` (a shallow copy: callers may set its fields)."""
    hit = _cache.get(event_id)
    if hit is not None and hit[0] == data:
        _cache.move_to_end(event_id)
        return hit[1].model_copy()
    ev = StoredEvent.model_validate_json(data)
    _cache[event_id] = (data, ev)
    if len(_cache) > MAX_EVENTS:
        _cache.popitem(last=False)
    return ev.model_copy()


_versions: OrderedDict[str, tuple[Any, StoredEvent]] = OrderedDict()


def versioned(event_id: str, version: Any) -> StoredEvent | None:
    """The event decoded from the row `version` of `event_id`, if kept. Not a copy (copying was
    a tenth of a merge at 1,000,000 events): the caller must not change it; the merge never
    does (it builds changed events anew: merge.cluster.combine)."""
    hit = _versions.get(event_id)
    if hit is None or version is None or hit[0] != version:
        return None
    _versions.move_to_end(event_id)
    return hit[1]


def has(event_id: str, version: Any) -> bool:
    """Whether the event decoded from the row `version` of `event_id` is kept."""
    hit = _versions.get(event_id)
    return hit is not None and version is not None and hit[0] == version


def keep(event_id: str, version: Any, ev: StoredEvent) -> StoredEvent:
    """Keep `ev`, decoded from the row `version` of `event_id`; returns it (not to be changed)."""
    if version is not None:
        _versions[event_id] = (version, ev)
        _versions.move_to_end(event_id)
        if len(_versions) > MAX_EVENTS:
            _versions.popitem(last=False)
    return ev


def narrow_rows(db: SqlDb, table: str, cols: str, clause: str, params: Sequence[Any]) -> list[tuple]:
    """`SELECT cols FROM table clause`, unordered. DuckDB first finds the rows on the filter
    columns and then reads the wide ones (JSON) of those rows only, by rowid; PostgreSQL reads
    the rows through its indexes in one query."""
    if db.backend != "duckdb":
        return db.rows(f"SELECT {cols} FROM {table}{clause}", params)
    ids = [r[0] for r in db.rows(f"SELECT rowid FROM {table}{clause}", params)]
    if not ids:
        return []
    return db.rows(f"SELECT {cols} FROM {table} WHERE rowid = ANY(?)", [ids])


def clear() -> None:
    """Forget every decoded event (tests; a long-lived process never needs to)."""
    _cache.clear()
    _versions.clear()
