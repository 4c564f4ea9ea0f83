"""Where the CPU of a bulk merge into a large store goes, part by part (issue 17).

    .venv/bin/python -m benchmarks.ingest_split [--events 1000000] [--copies 100] [--days 3] [--batch 256]

Runs `benchmarks.ingest_scale` (same store, same articles) with `time.process_time` taken around
the merge's parts (the outermost part only, so nothing is counted twice) and around every DuckDB
call (SQL CPU, charged to the part that made it). Unlike cProfile, whose per-call overhead made
the Python parts look several times larger than the SQL ones, this adds a few timer calls per
part: the shares are those of a plain run. Prints CPU seconds, share and SQL seconds per part."""
from __future__ import annotations

import argparse
import functools
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from benchmarks import ingest_scale
from polemos.merge import loop
from polemos.store import event_counts, sql_ingest
from polemos.store.duckdb import DuckDBStore
from polemos.store.sql_ingest_batch import BatchView

PARTS: list[tuple[Any, str, str]] = [
    (BatchView, "begin", "batch reads: candidate columns, JSON, mentions scored against them"),
    (BatchView, "_read_members", "members of joinable stored events (one read per batch)"),
    (BatchView, "prefetch", "each article's working set"),
    (loop, "_best_event", "choosing each mention's event"),
    (loop, "_load_members", "members decoded when joined"),
    (loop, "merge_matching_events", "events merged after revisions"),
    (loop, "combine", "combining members"),
    (sql_ingest, "combine", "combining members"),
    (sql_ingest, "relink_totals", "relinking totals"),
    (BatchView, "flush", "writes at the batch's end"),
    (event_counts, "sync", "event_counts.sync (pre-aggregated counts)"),
]


def _timed(f: Callable, label: str, cpu: Counter, calls: Counter, current: list[str | None]) -> Callable:
    @functools.wraps(f)
    def g(*a: Any, **k: Any) -> Any:
        if current[0] is not None:
            return f(*a, **k)
        current[0], t = label, time.process_time()
        try:
            return f(*a, **k)
        finally:
            cpu[label] += time.process_time() - t
            calls[label] += 1
            current[0] = None
    return g


INNER: list[tuple[Any, str, str]] = [   # timed also inside the parts above
    (BatchView, "_read_rows", "candidate columns read and indexed"),
    (BatchView, "fetch", "JSON read by row"),
    (BatchView, "_score", "batch's mentions scored against stored events (decoding them)"),
    (BatchView, "_read_members", "members of joinable stored events (one read per batch)"),
]


def _cpu(f: Callable, into: Counter, key: Callable[[], str]) -> Callable:
    """`f`, its CPU seconds added to `into[key()]` (the key read when the call ends)."""
    @functools.wraps(f)
    def g(*a: Any, **k: Any) -> Any:
        t = time.process_time()
        try:
            return f(*a, **k)
        finally:
            into[key()] += time.process_time() - t
    return g


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.ingest_split", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--days", type=int, default=3)
    ap.add_argument("--batch", type=int, default=256)
    args = ap.parse_args(argv)
    cpu: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    sql: Counter[str] = Counter()
    current: list[str | None] = [None]
    for owner, name, label in PARTS:
        setattr(owner, name, _timed(getattr(owner, name), label, cpu, calls, current))
    inner: Counter[str] = Counter()
    for owner, name, label in INNER:
        setattr(owner, name, _cpu(getattr(owner, name), inner, functools.partial(str, label)))
    for name in ("_rows", "_exec", "_insert_bulk"):
        setattr(DuckDBStore, name, _cpu(getattr(DuckDBStore, name), sql, lambda: current[0] or "rest"))
    r = ingest_scale.run(args.events, args.copies, False, args.batch, True, args.days)
    total = r["cpu"]
    print(f"into {args.events:,} events: {r['articles']} articles -> {r['new_events']} new events in "
          f"{total:.2f} s CPU ({r['new_events'] / total:.1f} per CPU second; {r['seconds']:.2f} s wall)")
    for label, secs in cpu.most_common():
        print(f"  {label:62s} {secs:6.2f} s {100 * secs / total:5.1f}%  SQL {sql[label]:5.2f} s"
              f"  ({calls[label]} calls)")
    print(f"  {'the rest':62s} {total - sum(cpu.values()):6.2f} s  SQL {sql['rest']:5.2f} s")
    print("within those:")
    for label, secs in inner.most_common():
        print(f"  {label:62s} {secs:6.2f} s {100 * secs / total:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
