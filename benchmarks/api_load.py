"""Load test of the HTTP API on loopback: `polemos serve` over a store of N synthetic events,
hit by a Python client (threads, keep-alive), bounded in requests and seconds per scenario.

    .venv/bin/python -m benchmarks.api_load                      # 100,000 events (store cached in artifacts/)
    .venv/bin/python -m benchmarks.api_load --events 10000 --requests 200 --quick

Prints requests/s and latency percentiles per scenario (a Markdown table) and writes
artifacts/api_load.json. The synthetic events go in through the store's public bulk insert
(`Store.add_events_bulk`: the same columns, JSON, mentions and articles as real events, without
100,000 merges; add_article costs about 20 ms per event on this machine when every event is new).
The store is then put in listing order as `polemos db optimize` does (`--keep-order`: as built)."""
from __future__ import annotations

import argparse
import itertools
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 100_000
SCENARIOS = [
    ("first page (100 events)", "/events"),
    ("filtered page", "/events?country=SYR&type=ASSAULT&since=2023-01-01"),
    ("deep page (offset 90,000)", "/events?offset=90000"),
    ("actor search", "/events?actor=rebels"),
    ("map points in a bbox (cap 10,000)", "/events?format=points&bbox=30,30,45,40"),
    ("timeline (stats by week)", "/stats?by=week"),
]


def build_store(path: Path | str, n: int, seed: int = 7) -> None:
    """A DuckDB file (or an empty PostgreSQL database) of n synthetic events (a file is reused
    when it already holds n events)."""
    from polemos.errors import StoreError
    from polemos.store import open_store
    from polemos.store.base import EventFilter
    from polemos.store.bench_points import iter_synthetic_events

    if isinstance(path, Path) and path.exists():
        try:
            open_store(path, read_only=True).close()
        except StoreError:        # made by an older Polemos: migrate it (migration 009 takes ~10 s at 1,000,000)
            open_store(path).close()
        with open_store(path, read_only=True) as store:     # beside a server reading it
            if store.count_events(EventFilter()) == n:
                print(f"reusing {path} ({n:,} events)", file=sys.stderr)
                return
        path.unlink()
    t0 = time.perf_counter()
    events = iter_synthetic_events(n, seed)
    with open_store(path) as store:
        # 100,000 events per call (one transaction each) keeps a 1,000,000-event build's memory small
        for _ in range(0, n, CHUNK):
            store.add_events_bulk(itertools.islice(events, CHUNK))
    print(f"built {path}: {n:,} events in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def order_store(path: Path | str) -> None:
    """The events in listing order, as `polemos db optimize` leaves them (a store grown by ingest
    is nearly so; the synthetic events come in random date order)."""
    from polemos.store import open_store

    with open_store(path) as store:
        if store.disorder():
            t0 = time.perf_counter()
            store.order_events()
            print(f"ordered {path} by (date, id) in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def cursor_scenario(base: str, events: int) -> list[tuple[str, str]]:
    """The page after the 90% mark by cursor (keyset), when the server gives cursors."""
    deep = events - events // 10
    r = httpx.get(base + f"/events?offset={deep - 100}", timeout=120).json()
    after = r.get("next_cursor")
    return [(f"cursor page (after event {deep:,})", f"/events?cursor={after}")] if after else []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_scenario(base: str, path: str, requests: int, seconds: float, concurrency: int) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    counter = iter(range(requests))

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as c:
            while time.perf_counter() < stop_at:
                with lock:
                    if next(counter, None) is None:
                        return
                t = time.perf_counter()
                r = c.get(path)
                dt_ = time.perf_counter() - t
                with lock:
                    latencies.append(dt_)
                    errors += r.status_code != 200

    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for f in [pool.submit(worker) for _ in range(concurrency)]:
            f.result()
    wall = time.perf_counter() - t0
    lat = sorted(latencies)
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")  # noqa: E731
    return {"requests": len(lat), "errors": errors, "seconds": round(wall, 2),
            "rps": round(len(lat) / wall, 1) if wall else 0.0, "p50_ms": round(q(0.50), 1),
            "p99_ms": round(q(0.99), 1), "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.api_load", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=500, help="per scenario (bound)")
    ap.add_argument("--seconds", type=float, default=30, help="per scenario (bound)")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--db", type=Path, default=None, help="store file (default artifacts/api-load-N.duckdb, reused)")
    ap.add_argument("--quick", action="store_true", help="only the first scenario")
    ap.add_argument("--pg", action="store_true",
                    help="serve from a throwaway PostgreSQL server (tests/pgserver.py) instead of a DuckDB file")
    ap.add_argument("--keep-order", action="store_true",
                    help="serve the store as built (random date order) instead of `polemos db optimize`'s order")
    args = ap.parse_args(argv)
    pg = None
    if args.pg:
        sys.path.insert(0, str(ROOT / "tests"))
        from pgserver import start_server  # noqa: PLC0415  (a test helper, only for --pg)

        pg = start_server()
        if isinstance(pg, str):
            raise SystemExit(pg)
        db: Path | str = pg.new_database()
    else:
        db = args.db or ROOT / "artifacts" / f"api-load-{args.events}.duckdb"
        db.parent.mkdir(parents=True, exist_ok=True)
    try:
        build_store(db, args.events)
        if not args.keep_order:
            order_store(db)
        results = serve_and_load(db, args)
    finally:
        if pg is not None:
            pg.stop()

    print(f"\n{args.events:,} events{' on PostgreSQL' if args.pg else ''}, {args.concurrency} client threads,"
          " loopback, one uvicorn worker\n")
    print("| scenario | request | requests | errors | req/s | p50 ms | p99 ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['scenario']} | `GET {r['path']}` | {r['requests']} | {r['errors']} | {r['rps']} | "
              f"{r['p50_ms']} | {r['p99_ms']} |")
    out = ROOT / "artifacts" / "api_load.json"
    out.write_text(json.dumps({"events": args.events, "concurrency": args.concurrency, "results": results}, indent=1))
    return 1 if any(r["errors"] for r in results) else 0


def serve_and_load(db: Path | str, args: argparse.Namespace) -> list[dict]:
    """`polemos serve` over the store, each scenario run against it; the results."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).with_name("polemos")), "serve", "--db", str(db),
                               "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("polemos serve did not start")
            time.sleep(0.2)
        results = []
        for name, path in SCENARIOS[:1] if args.quick else [*SCENARIOS, *cursor_scenario(base, args.events)]:
            httpx.get(base + path, timeout=60)          # warm the caches once
            r = run_scenario(base, path, args.requests, args.seconds, args.concurrency)
            results.append({"scenario": name, "path": path, **r})
    finally:
        server.terminate()
        server.wait(10)
    return results


if __name__ == "__main__":
    sys.exit(main())
