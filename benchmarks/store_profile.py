"""Where the time of the API's heavy requests goes, at the store layer (no HTTP).

    .venv/bin/python -m benchmarks.store_profile [--events 100000] [--repeat 5]

Opens the synthetic store of benchmarks.api_load (artifacts/api-load-N.duckdb, built when
missing) and, per request of the load test, times its parts (median of --repeat runs, ms):
the count, the SQL of the page (rows fetched, JSON still text), the JSON decoding into
StoredEvent (pydantic), the parts lookup, the page's serialisation to the API's JSON, and the
same calls through the review overlay (`open_store` wraps every store in it)."""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.api_load import ROOT, build_store
from benchmarks.store_speedup import OLD_STATS
from polemos.api.schemas import EventPage
from polemos.merge.dates import window
from polemos.models import StoredEvent
from polemos.store import EventFilter, cursor, open_store, sql_query

REQUESTS = [
    ("first page", EventFilter(limit=100)),
    ("filtered page", EventFilter(country="SYR", type="ASSAULT", since=dt.date(2023, 1, 1), limit=100)),
    ("actor search", EventFilter(actor="rebels", limit=100)),
]


def _ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def profile_page(store: Any, flt: EventFilter, repeat: int) -> dict[str, float]:
    inner = store.inner
    clause, params = sql_query.paged_where(flt)
    sql = f"SELECT data, part_of FROM events{clause}" + sql_query.page(flt)
    rows = inner.rows(sql, params)
    events = inner.query_events(flt)
    bounded, bparams = sql_query.bounded_where(inner, flt)
    keys = inner.rows(f"SELECT rowid, id FROM events{bounded}" + sql_query.page(flt), bparams)
    plain = sql_query.where(flt)
    return {
        "count: scan of the events (before)": _ms(lambda: inner.rows(f"SELECT count(*) FROM events{plain[0]}",
                                                                     plain[1]), repeat),
        "count (now: pre-aggregated counts when the filter allows)": _ms(lambda: inner.count_events(flt), repeat),
        "page SQL with the JSON through the sort (before issue 17)": _ms(lambda: inner.rows(sql, params), repeat),
        "page: date of its last row (top-N on one column)": _ms(lambda: sql_query.bounded_where(inner, flt), repeat),
        "page: (rowid, id) sorted, bounded by that date": _ms(
            lambda: inner.rows(f"SELECT rowid, id FROM events{bounded}" + sql_query.page(flt), bparams), repeat),
        "page: the page's JSON by rowid": _ms(lambda: inner.rows(
            "SELECT rowid, id, data, part_of FROM events WHERE rowid = ANY(?)", [[k[0] for k in keys]]), repeat),
        "JSON -> StoredEvent": _ms(lambda: [StoredEvent.model_validate_json(d) for d, _ in rows], repeat),
        "parts lookup": _ms(lambda: sql_query.parts(inner, [e.id for e in events]), repeat),
        "page -> API JSON": _ms(lambda: EventPage(total=1, limit=100, offset=0, events=events).model_dump_json(),
                                repeat),
        "store.query_events (all of the page)": _ms(lambda: inner.query_events(flt), repeat),
        "overlay query_events": _ms(lambda: store.query_events(flt), repeat),
        "overlay count_events": _ms(lambda: store.count_events(flt), repeat),
    }


def _cursor_after(inner: Any, n: int) -> str:
    last = inner.query_events(EventFilter(limit=1, offset=n - 1))[0]
    w = window(last)
    return cursor.encode(w[0] if w else None, last.id)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.store_profile", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    db = ROOT / "artifacts" / f"api-load-{args.events}.duckdb"
    Path(db).parent.mkdir(parents=True, exist_ok=True)
    build_store(db, args.events)
    with open_store(db, read_only=True) as store:
        inner: Any = store.inner  # type: ignore[attr-defined]
        table: list[tuple[str, dict[str, float]]] = []
        for name, flt in REQUESTS:
            table.append((name, profile_page(store, flt, args.repeat)))
        deep = args.events - args.events // 10
        table.append((f"cursor page (after event {deep:,})",
                      profile_page(store, EventFilter(limit=100, cursor=_cursor_after(inner, deep)), args.repeat)))
        bbox = EventFilter(bbox=(30, 30, 45, 40), limit=10_000)
        clause, params = sql_query.paged_where(bbox)
        clause += " AND lat IS NOT NULL AND lon IS NOT NULL"
        ll = "lat IS NOT NULL AND lon IS NOT NULL"
        table.append(("map points in a bbox", {
            "count (SQL)": _ms(lambda: inner.count_events(bbox), args.repeat),
            "points SQL unbounded (before)": _ms(lambda: inner.rows(
                f"SELECT id, lat, lon, type, date, killed, precision FROM events{clause}" + sql_query.page(bbox),
                params), args.repeat),
            "points: date of the 10,000th": _ms(lambda: sql_query.bounded_where(inner, bbox, ll), args.repeat),
            "points SQL + tuples (now)": _ms(lambda: inner.event_points(bbox), args.repeat),
            "overlay event_points": _ms(lambda: store.event_points(bbox), args.repeat)}))
        table.append(("stats by week", {
            "stats SQL over the events (before)": _ms(lambda: inner.rows(OLD_STATS), args.repeat),
            "stats from the pre-aggregated counts (now)": _ms(lambda: inner.stats(EventFilter(), "week"),
                                                              args.repeat),
            "overlay stats": _ms(lambda: store.stats(EventFilter(), "week"), args.repeat)}))
        table.append(("overlay key (per read)", {
            "max(review_log.id), max(audit.id)": _ms(lambda: store.overlay(), args.repeat)}))
    print(f"\n{args.events:,} events, median of {args.repeat}, ms\n")
    print("| request | part | ms |\n|---|---|---:|")
    for name, parts in table:
        for part, ms in parts.items():
            print(f"| {name} | {part} | {ms:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
