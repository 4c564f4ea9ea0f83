"""What review costs: a bulk fix in one transaction, and reads through the review overlay.

    .venv/bin/python -m benchmarks.review_bulk                       # 10,000 events, 200 decisions
    .venv/bin/python -m benchmarks.review_bulk --events 30000 --decisions 1000

Builds a DuckDB store of synthetic events (benchmarks.api_load.build_store, in a temporary
directory), applies `--decisions` decisions in one batch (a third rejected, a third confirmed, a
third with an edited toll), then times reads with the overlay cached and cold."""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.api_load import build_store
from polemos.review.ops import Reviewer
from polemos.store import EventFilter, open_store


def _ms(fn: object) -> float:
    t = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--decisions", type=int, default=200)
    args = ap.parse_args()
    db = Path(tempfile.mkdtemp(prefix="polemos-review-bench-")) / "bench.duckdb"
    build_store(db, args.events)
    with open_store(db) as s:
        ids = [e.id for e in s.query_events(EventFilter(limit=args.decisions))]
        rv = Reviewer(s, "bench")
        t = time.perf_counter()
        with rv.batch():
            for i, eid in enumerate(ids):
                if i % 3 == 0:
                    rv.reject(eid, "not_event")
                elif i % 3 == 1:
                    rv.confirm(eid)
                else:
                    rv.edit(eid, {"killed": 5}, reason="bench")
        bulk = time.perf_counter() - t
        print(f"{len(ids)} decisions in one transaction: {bulk:.1f} s ({1000 * bulk / max(1, len(ids)):.0f} ms each)")
        s.forget()   # type: ignore[attr-defined]
        print(f"map points (10,000 cap), overlay cold: {_ms(lambda: s.event_points(EventFilter(limit=10_000))):.0f} ms")
        for name, fn in [("map points (10,000 cap)", lambda: s.event_points(EventFilter(limit=10_000))),
                         ("page of 100 at offset 500", lambda: s.query_events(EventFilter(limit=100, offset=500))),
                         ("count", lambda: s.count_events(EventFilter())),
                         ("stats by week", lambda: s.stats(EventFilter(), by="week"))]:
            print(f"{name}, overlay cached: {_ms(fn):.0f} ms")


if __name__ == "__main__":
    main()
