"""The store's reads on PostgreSQL (a throwaway server from tests/pgserver.py; needs Debian's
PostgreSQL binaries): 100,000 synthetic events through the bulk path, then median ms of 7 per read.

    .venv/bin/python -m benchmarks.store_pg
"""
from __future__ import annotations

import datetime as dt
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from benchmarks.api_load import ROOT
from polemos.merge.dates import window
from polemos.store import EventFilter, cursor, open_store
from polemos.store.bench_points import iter_synthetic_events

sys.path.insert(0, str(ROOT / "tests"))
from pgserver import start_server  # noqa: E402


def _ms(f: Callable[[], Any], n: int = 7) -> float:
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts) * 1000


def main() -> int:
    srv = start_server()
    if isinstance(srv, str):
        raise SystemExit(srv)
    try:
        url = srv.new_database()
        t = time.perf_counter()
        with open_store(url) as s:
            ev = iter_synthetic_events(100_000)
            for _ in range(10):
                s.add_events_bulk(itertools.islice(ev, 10_000))
        print(f"bulk 100,000: {time.perf_counter() - t:.0f} s")
        with open_store(url, read_only=True) as s:
            inner: Any = s.inner  # type: ignore[attr-defined]
            b = inner.query_events(EventFilter(limit=1, offset=89_999))[0]
            w = window(b)
            cur = cursor.encode(w[0] if w else None, b.id)
            deep = EventFilter(limit=100, offset=90_000)
            by_cursor = EventFilter(limit=100, cursor=cur)
            assert [e.id for e in inner.query_events(deep)] == [e.id for e in inner.query_events(by_cursor)]
            syr = EventFilter(country="SYR", type="ASSAULT", since=dt.date(2023, 1, 1), limit=100)
            view = EventFilter(bbox=(30, 30, 45, 40), limit=10_000)
            reads = [("first page", lambda: inner.query_events(EventFilter(limit=100))),
                     ("filtered page", lambda: inner.query_events(syr)),
                     ("actor search", lambda: inner.query_events(EventFilter(actor="rebels", limit=100))),
                     ("offset 90,000", lambda: inner.query_events(deep)),
                     ("cursor after 90,000", lambda: inner.query_events(by_cursor)),
                     ("points bbox 10,000", lambda: inner.event_points(view)),
                     ("stats by week", lambda: inner.stats(EventFilter(), "week")),
                     ("count, filtered", lambda: inner.count_events(syr.model_copy(update={"limit": None}))),
                     ("count, actor", lambda: inner.count_events(EventFilter(actor="rebels"))),
                     ("count, bbox", lambda: inner.count_events(EventFilter(bbox=(30, 30, 45, 40))))]
            for name, f in reads:
                print(f"| {name} | {_ms(f):.1f} |")
    finally:
        srv.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
