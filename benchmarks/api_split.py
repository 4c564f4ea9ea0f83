"""Where a request's time goes, step by step, in one process (CPU ms, median of 9): the total
(SQL over the filter columns, or the per-day/actor counts), the page's keys and rows, decoding the
rows' JSON into StoredEvent, the page's parts, encoding the EventPage; for the map's points the
count, the date bound and the rows. api_cpu gives the whole request (HTTP and FastAPI included).

    .venv/bin/python -m benchmarks.api_split --db artifacts/api-load-1000000.duckdb
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from polemos.api.schemas import EventPage
from polemos.merge.dates import window
from polemos.models import StoredEvent
from polemos.store import EventFilter, cursor, open_store, sql_query


def _cpu(f: Callable[[], Any], n: int = 9) -> tuple[float, Any]:
    out, got = [], None
    for _ in range(n):
        c = time.process_time()
        got = f()
        out.append((time.process_time() - c) * 1000)
    return statistics.median(out), got


def _page_split(inner: Any, flt: EventFilter) -> tuple[float, float, float, float, float]:
    def both() -> list[tuple]:          # the count first: it may leave the page its per-day counts
        inner.count_events(flt)
        return sql_query.page_rows(inner, flt.model_copy(update={"limit": 101}))
    cnt, total = _cpu(lambda: inner.count_events(flt))
    pair, rows = _cpu(both)
    dec, evs = _cpu(lambda: [StoredEvent.model_validate_json(d) for d, _ in rows])
    parts, _ = _cpu(lambda: sql_query.parts(inner, [e.id for e in evs]))
    enc, _ = _cpu(lambda: EventPage(total=total, limit=100, offset=0, events=evs[:100]).model_dump_json())
    return cnt, pair - cnt, dec, parts, enc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.api_split", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="a DuckDB file or a postgresql:// URL")
    args = ap.parse_args(argv)
    store = open_store(args.db, read_only=True)
    inner: Any = getattr(store, "inner", store)
    last = store.query_events(EventFilter(limit=1, offset=store.count_events(EventFilter()) * 9 // 10 - 1))[0]
    w = window(last)
    pages = {"first page": EventFilter(),
             "filtered page": EventFilter(country="SYR", type="ASSAULT", since="2023-01-01"),
             "actor search": EventFilter(actor="rebels"),
             "cursor page": EventFilter(cursor=cursor.encode(w[0] if w else None, last.id))}
    print(f"load average {os.getloadavg()[0]:.1f}\n")
    print("| request | total | page keys + rows | decode JSON | parts | encode | sum |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, flt in pages.items():
        cnt, rest, dec, parts, enc = _page_split(inner, flt)
        print(f"| {name} | {cnt:.1f} | {rest:.1f} | {dec:.1f} | {parts:.1f} | {enc:.1f} |"
              f" {cnt + rest + dec + parts + enc:.1f} |")
    bbox = EventFilter(bbox=(30, 30, 45, 40))
    cnt, _ = _cpu(lambda: inner.count_events(bbox))
    pair, rows = _cpu(lambda: (inner.count_events(bbox), inner.event_points(bbox.model_copy(update={"limit": 10_000}))))
    print(f"\nmap points: total {cnt:.1f}, rows (bound included) {pair - cnt:.1f}, {len(rows[1]):,} rows")
    print(f"load average {os.getloadavg()[0]:.1f}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
