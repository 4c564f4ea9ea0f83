"""The load test's requests against two servers at once, the code before a change and after it,
one request to each in turn (one client), so both see the same machine load; prints p50/p99 of
each, the ratio old/new of the medians and each server's CPU milliseconds per request (Linux:
/proc/PID/stat, all its threads; steadier than wall time on a shared machine).

    git archive BASE_COMMIT | tar -x -C /tmp/base        # the old code
    .venv/bin/python -m benchmarks.api_pair --old-src /tmp/base --events 100000 --requests 40
    # a store the old code can open when the new one migrated it (schema 8: issue 17's counts)
    .venv/bin/python -m benchmarks.api_pair --old-src /tmp/base --old-db artifacts/before-1000000.duckdb ...

Both servers read copies of the same synthetic store (artifacts/api-load-N.duckdb, built
when missing; DuckDB opens one file in one process read-write, so each server has its own copy)."""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

from benchmarks.api_load import ROOT, SCENARIOS, _free_port, build_store, cursor_scenario


def _serve(db: Path, src: Path | None) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = f"{src / 'src'}{os.pathsep}{src}"
    proc = subprocess.Popen([str(Path(sys.executable).with_name("polemos")), "serve", "--db", str(db), "--port",
                             str(port)], stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("polemos serve did not start")
        time.sleep(0.3)


def _cpu(proc: subprocess.Popen) -> float:
    """CPU seconds the server process used so far (user + system, all threads); NaN off Linux."""
    try:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _q(lat: list[float], p: float) -> float:
    s = sorted(lat)
    return s[min(len(s) - 1, int(p * len(s)))] * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.api_pair", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old-src", type=Path, required=True, help="a checkout of the old code")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=40, help="per scenario and server")
    ap.add_argument("--old-db", type=Path, default=None,
                    help="the old code's copy of the store, when the new code's schema is newer (copied)")
    args = ap.parse_args(argv)
    db = ROOT / "artifacts" / f"api-load-{args.events}.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    build_store(db, args.events)
    old_db = db.with_name(f"api-pair-old-{args.events}.duckdb")
    shutil.copy(args.old_db or db, old_db)
    (old, old_base), (new, new_base) = _serve(old_db, args.old_src), _serve(db, None)
    rows = []
    try:
        scenarios = [(n, p, p) for n, p in SCENARIOS]
        cur, old_cur = cursor_scenario(new_base, args.events), cursor_scenario(old_base, args.events)
        if cur and old_cur:
            scenarios.append((cur[0][0], old_cur[0][1], cur[0][1]))
        elif cur:   # the old code has no cursor: its deep page by offset is the comparison
            deep = args.events - args.events // 10
            rows_name, path = cur[0]
            scenarios.append((rows_name + " vs offset", f"/events?offset={deep}", path))
        with httpx.Client(timeout=120) as c:
            for name, old_path, new_path in scenarios:
                c.get(old_base + old_path)
                c.get(new_base + new_path)
                lat: tuple[list[float], list[float]] = ([], [])
                cpu0 = (_cpu(old), _cpu(new))
                for _ in range(args.requests):
                    for base, path, out in ((old_base, old_path, lat[0]), (new_base, new_path, lat[1])):
                        t = time.perf_counter()
                        r = c.get(base + path)
                        out.append(time.perf_counter() - t)
                        if r.status_code != 200:
                            raise SystemExit(f"{base}{path}: HTTP {r.status_code}")
                cpu = [(_cpu(p) - c0) * 1000 / args.requests for p, c0 in zip((old, new), cpu0)]
                rows.append((name, new_path, _q(lat[0], .5), _q(lat[0], .99), _q(lat[1], .5), _q(lat[1], .99), *cpu))
    finally:
        for proc in (old, new):
            proc.terminate()
            proc.wait(10)
        old_db.unlink(missing_ok=True)
    print(f"\n{args.events:,} events, {args.requests} requests per scenario and server, one client, alternating; "
          f"load average {os.getloadavg()[0]:.1f} at end\n")
    print("| scenario | request (new) | old p50 | old p99 | new p50 | new p99 | p50 old/new |"
          " old CPU ms | new CPU ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, path, o50, o99, n50, n99, ocpu, ncpu in rows:
        print(f"| {name} | `{path[:60]}` | {o50:.0f} | {o99:.0f} | {n50:.0f} | {n99:.0f} | {o50 / n50:.2f} |"
              f" {ocpu:.1f} | {ncpu:.1f} |")
    print("RATIO " + " ".join(f"api_{i}={r[2] / r[4]:.2f}" for i, r in enumerate(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
