"""CPU milliseconds per request of the load test's requests, in one process (the app called
in-process through Starlette's TestClient, no network, one request at a time): the median wall
time and the median CPU time of the process (all its threads, DuckDB's included). CPU time
hardly depends on what else the machine runs, so it compares old and new code measured at
different loads; wall time on a loaded machine is CPU time times the queueing for a core.

    .venv/bin/python -m benchmarks.api_cpu --db artifacts/api-load-1000000.duckdb
    # the code before a change, on a store its schema can open:
    PYTHONPATH=/tmp/base/src:/tmp/base .venv/bin/python -m benchmarks.api_cpu --db artifacts/before-1000000.duckdb
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

from benchmarks.api_load import SCENARIOS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.api_cpu", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="a DuckDB file or a postgresql:// URL")
    ap.add_argument("--requests", type=int, default=9)
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: PLC0415  (after the warnings filter)

    from polemos.api import Settings, create_app
    from polemos.store import EventFilter, open_store

    store = open_store(args.db, read_only=True)
    client = TestClient(create_app(Settings(), store=store))
    n = store.count_events(EventFilter())
    deep = n - n // 10
    scenarios = list(SCENARIOS)
    cur = client.get(f"/events?offset={deep - 100}").json().get("next_cursor")
    if cur:
        scenarios.append((f"cursor page (after event {deep:,})", f"/events?cursor={cur}"))
    name = "PostgreSQL" if "://" in args.db else Path(args.db).name
    print(f"{name}: {n:,} events, {args.requests} requests each, in-process; "
          f"load average {os.getloadavg()[0]:.1f} at start\n")
    print("| request | wall p50 ms | CPU p50 ms |\n|---|---:|---:|")
    for name, path in scenarios:
        assert client.get(path).status_code == 200, path
        wall, cpu = [], []
        for _ in range(args.requests):
            w, c = time.perf_counter(), time.process_time()
            client.get(path)
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - w)
        print(f"| {name} | {statistics.median(wall) * 1000:.1f} | {statistics.median(cpu) * 1000:.1f} |")
    print(f"\nload average {os.getloadavg()[0]:.1f} at end")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
