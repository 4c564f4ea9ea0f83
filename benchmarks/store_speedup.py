"""Speed-ups of the store's reads (issue 17) as ratios, old query against new, in one process on
one store, so they compare on a noisy machine:

    .venv/bin/python -m benchmarks.store_speedup [--events 20000] [--repeat 9]

"old" is the SQL the store ran before issue 17, kept here verbatim: a page selected with its JSON
through the sort (`SELECT data ... ORDER BY ... LIMIT/OFFSET`), a deep page by OFFSET, and the
weekly stats with the per-row totals subquery. "new" is the store's code (`query_events` reading
the page on narrow columns, its sort bounded by the date of its last row, then its JSON by rowid;
a cursor page; `stats` and the filtered count from the pre-aggregated counts of migration 008;
the map's points with the bounded sort). Old counts and points are the queries before issue 17
too (a count(*) scan; one sort of every matching row). Prints one
`RATIO name=old/new` line per request (above 1: faster now). The store is the load test's
synthetic one (artifacts/api-load-N.duckdb, built when missing)."""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from benchmarks.api_load import ROOT, build_store
from polemos.merge.dates import window
from polemos.models import StoredEvent
from polemos.store import EventFilter, cursor, open_store
from polemos.store.sql_query import parts, where

SINCE = dt.date(2023, 1, 1)   # the load test's filtered page
OLD_STATS = ("SELECT CAST(date_trunc('week', date) AS DATE) AS p, type, country,"
             " sum(CASE WHEN id IN (SELECT part_of FROM events WHERE part_of IS NOT NULL) THEN 0 ELSE 1 END),"
             " sum(CASE WHEN part_of IS NULL THEN coalesce(killed, 0) ELSE 0 END)"
             " FROM events GROUP BY 1, 2, 3 ORDER BY 1 NULLS LAST, 2, 3 NULLS LAST")


def _pair(name: str, old: Callable[[], Any], new: Callable[[], Any], repeat: int) -> tuple[str, float, float]:
    """Medians (ms) of old and new, run alternately so both see the same machine load."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, out in ((old, times[0]), (new, times[1])):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
    return name, statistics.median(times[0]) * 1000, statistics.median(times[1]) * 1000


def old_page(inner: Any, flt: EventFilter) -> list[StoredEvent]:
    clause, params = where(flt)
    sql = f"SELECT data, part_of FROM events{clause} ORDER BY date NULLS LAST, id LIMIT {flt.limit}"
    if flt.offset:
        sql += f" OFFSET {flt.offset}"
    events = [StoredEvent.model_validate_json(d) for d, _ in inner.rows(sql, params)]
    parts(inner, [e.id for e in events])      # as query_events did (and does)
    return events


def old_count(inner: Any, flt: EventFilter) -> int:
    clause, params = where(flt)
    return int(inner.rows(f"SELECT count(*) FROM events{clause}", params)[0][0])


def old_points(inner: Any, flt: EventFilter) -> list[tuple]:
    """The map's rows as event_points read them before: one (date, id) sort of every match."""
    clause, params = where(flt)
    rows = inner.rows(f"SELECT id, lat, lon, type, date, killed, precision FROM events{clause} AND lat IS NOT NULL"
                      f" AND lon IS NOT NULL ORDER BY date NULLS LAST, id LIMIT {flt.limit}", params)
    return [(i, float(la), float(lo), t, d.isoformat() if d is not None else None,
             None if k is None else int(k), p) for i, la, lo, t, d, k, p in rows]


def measure(events: int, repeat: int) -> list[tuple[str, float, float]]:
    db = ROOT / "artifacts" / f"api-load-{events}.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    build_store(db, events)
    deep = max(0, events - events // 10)
    out = []
    with open_store(db, read_only=True) as store:
        inner: Any = store.inner  # type: ignore[attr-defined]
        for name, flt in [("first_page", EventFilter(limit=100)),
                          ("filtered_page", EventFilter(country="SYR", type="ASSAULT", since=SINCE, limit=100)),
                          ("actor_search", EventFilter(actor="rebels", limit=100))]:
            assert [e.id for e in old_page(inner, flt)] == [e.id for e in inner.query_events(flt)]
            out.append(_pair(name, lambda f=flt: old_page(inner, f), lambda f=flt: inner.query_events(f), repeat))
        before = inner.query_events(EventFilter(limit=1, offset=deep - 1))[0]
        w = window(before)
        after = cursor.encode(w[0] if w else None, before.id)
        deep_old = EventFilter(limit=100, offset=deep)
        deep_new = EventFilter(limit=100, cursor=after)
        assert [e.id for e in old_page(inner, deep_old)] == [e.id for e in inner.query_events(deep_new)]
        out.append(_pair(f"deep_page_offset_{deep}_vs_cursor", lambda: old_page(inner, deep_old),
                         lambda: inner.query_events(deep_new), repeat))
        out.append(_pair("stats_week", lambda: inner.rows(OLD_STATS), lambda: inner.stats(EventFilter(), "week"),
                         repeat))
        syr = EventFilter(country="SYR", type="ASSAULT", since=SINCE)
        assert old_count(inner, syr) == inner.count_events(syr)
        out.append(_pair("count_filtered", lambda: old_count(inner, syr), lambda: inner.count_events(syr), repeat))
        view = EventFilter(bbox=(30, 30, 45, 40), limit=10_000)
        assert old_points(inner, view) == inner.event_points(view)
        out.append(_pair("points_bbox_10000", lambda: old_points(inner, view), lambda: inner.event_points(view),
                         repeat))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.store_speedup", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args(argv)
    rows = measure(args.events, args.repeat)
    print(f"store reads on {args.events:,} synthetic events (median of {args.repeat}, ms): old -> new")
    for name, old, new in rows:
        print(f"  {name:<40} {old:8.1f} -> {new:8.1f}")
    print("RATIO " + " ".join(f"store_{name}={old / new:.2f}" for name, old, new in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
