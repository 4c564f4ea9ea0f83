"""The dashboard's store calls at scale: bulk insert, map points, first page.

    python -m polemos.store.bench_points [--events 100000] [--db PATH_OR_URL]

Builds a fresh store (a temporary DuckDB file unless --db names an EMPTY store) of N synthetic
events through `Store.add_events_bulk`, then times (best of 3) `event_points` for the load test's
map view (bbox 30,30,45,40, cap 10,000) and a filtered view, `query_events` for the same map
view (what the API did before event_points), and the first page of 100 events. The events are
those of `benchmarks/api_load.py` (same generator, same seed).
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from polemos.models import Actor, Count, EventType, Evidence, Place
from polemos.store.base import EventFilter, StoredEvent
from polemos.store.bench import bench_args, bench_store

TYPES: list[EventType] = ["ASSAULT", "PROTEST", "COERCE", "CONSULT", "MOBILIZE", "THREATEN", "AID", "ACCUSE"]
CITIES = [("SYR", 36.2, 37.15), ("UKR", 50.45, 30.52), ("MLI", 12.64, -8.0), ("SDN", 13.63, 25.35),
          ("YEM", 15.37, 44.19), ("AFG", 34.53, 69.17), ("NGA", 11.85, 13.16), ("COL", 4.71, -74.07)]


def synthetic_events(n: int, seed: int = 7) -> list[StoredEvent]:
    """n located events over two years and eight countries (ids ev_syn0000000...), ten per article."""
    return list(iter_synthetic_events(n, seed))


def iter_synthetic_events(n: int, seed: int = 7) -> Iterator[StoredEvent]:
    """synthetic_events one at a time (a million of them need not be held at once)."""
    rng = random.Random(seed)
    day0 = dt.date(2022, 1, 1)
    for i in range(n):
        t = rng.choice(TYPES)
        iso, lat, lon = rng.choice(CITIES)
        k = rng.choice([None, None, 1, 2, 3, 5, 8, 13])
        s = f"Event {i}: {t.lower()} reported near town {rng.randint(1, 500)}."
        yield StoredEvent(
            id=f"ev_syn{i:07d}", document_id=f"syn-{i // 10:06d}", type=t,
            date=(day0 + dt.timedelta(days=rng.randint(0, 729))).isoformat(), date_precision="day",
            actor1=Actor(text=rng.choice(["rebels", "army", "police", "protesters"]), country=iso,
                         sector=rng.choice(["MIL", "REB", "CVL", "GOV"])),
            location=Place(name=f"town {i % 500}", country=iso, lat=lat + rng.uniform(-1.5, 1.5),
                           lon=lon + rng.uniform(-1.5, 1.5), precision="place"),
            killed=Count(best=k) if k else None, evidence=Evidence(text=s, start=0, end=len(s)),
            sources=["synthetic"], document_ids=[f"syn-{i // 10:06d}"])


def _best(f: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    out = None
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main(argv: list[str] | None = None) -> int:

    args = bench_args("polemos.store.bench_points", __doc__, "--events", 100_000, argv)
    events = synthetic_events(args.events)
    with bench_store(args.db, "points.duckdb") as (db, store):
        backend = "postgresql" if "://" in db else "duckdb"
        t0 = time.perf_counter()
        store.add_events_bulk(events)
        t_bulk = time.perf_counter() - t0
        view = EventFilter(bbox=(30, 30, 45, 40), limit=10_000)
        t_pts, pts = _best(lambda: store.event_points(view))
        t_syr, syr = _best(lambda: store.event_points(EventFilter(country="SYR", type="ASSAULT", limit=10_000)))
        t_old, _ = _best(lambda: store.query_events(view), runs=1)
        t_page, _ = _best(lambda: store.query_events(EventFilter(limit=100)))
    print(f"{backend}, {args.events:,} events: add_events_bulk {t_bulk:.1f} s ({args.events / t_bulk:,.0f} events/s)")
    print(f"event_points bbox view ({len(pts):,} points) {t_pts * 1000:.0f} ms; SYR ASSAULT ({len(syr):,} points) "
          f"{t_syr * 1000:.0f} ms; query_events for the bbox view {t_old * 1000:.0f} ms; "
          f"first page of 100 {t_page * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
