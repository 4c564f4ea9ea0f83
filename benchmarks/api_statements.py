"""Each SQL statement one API request runs, with its wall and thread-CPU milliseconds (median of
15 requests, in-process through Starlette's TestClient), and the garbage collector's passes during
those requests (count and milliseconds per generation): where a page's time goes below api_split.

    .venv/bin/python -m benchmarks.api_statements --db artifacts/api-load-1000000.duckdb /events "/events?actor=rebels"
    .venv/bin/python -m benchmarks.api_statements --db ... --quiet-gc /events     # as `polemos serve` runs (gc frozen)
"""
from __future__ import annotations

import argparse
import collections
import gc
import statistics
import sys
import time
import warnings
from typing import Any


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.api_statements", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="a DuckDB file")
    ap.add_argument("--requests", type=int, default=15)
    ap.add_argument("--quiet-gc", action="store_true", help="the collector as `polemos serve` sets it")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: PLC0415  (after the warnings filter)

    from polemos.api import Settings, create_app
    from polemos.store import duckdb as duck
    from polemos.store import open_store

    log: list[tuple[str, float, float]] = []
    plain = duck.DuckDBStore._rows

    def timed(self: Any, sql: str, params: Any = ()) -> list[tuple]:
        c, w = time.thread_time(), time.perf_counter()
        out = plain(self, sql, params)
        log.append((sql[:100], (time.thread_time() - c) * 1000, (time.perf_counter() - w) * 1000))
        return out

    duck.DuckDBStore._rows = timed       # type: ignore[method-assign]
    store = open_store(args.db, read_only=True)
    client = TestClient(create_app(Settings(), store=store))
    if args.quiet_gc:       # (imported here: older code, measured through PYTHONPATH, has none)
        from polemos.cli.serve_cmd import quiet_collector  # noqa: PLC0415

        quiet_collector()
    passes: dict[int, list[float]] = collections.defaultdict(list)
    started: list[float] = [0.0]

    def watch(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            passes[info["generation"]].append((time.perf_counter() - started[0]) * 1000)

    for path in args.paths:
        for _ in range(3):
            client.get(path)
        per: dict[tuple[int, str], list[tuple[float, float]]] = collections.defaultdict(list)
        passes.clear()
        gc.callbacks.append(watch)
        for _ in range(args.requests):
            log.clear()
            client.get(path)
            for i, (sql, cpu, wall) in enumerate(log):
                per[(i, sql)].append((cpu, wall))
        gc.callbacks.remove(watch)
        print(f"\n{path}\n| # | statement | wall ms | thread CPU ms |\n|---:|---|---:|---:|")
        for (i, sql), v in per.items():
            print(f"| {i + 1} | `{sql}` | {statistics.median(x[1] for x in v):.2f} |"
                  f" {statistics.median(x[0] for x in v):.2f} |")
        for g, d in sorted(passes.items()):
            print(f"collector generation {g}: {len(d)} passes in {args.requests} requests, {sum(d):.1f} ms,"
                  f" longest {max(d):.1f} ms")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
