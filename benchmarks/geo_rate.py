"""`python -m benchmarks.geo_rate INDEX [--cache DIR]`: toponyms found and resolved per second by
the polemos on the Python path (best of 3 runs over the first 118 TR-News articles). The parses
come from the cache `python -m benchmarks.geo_halves --cache DIR` writes, so only the geo stage is
timed; run it with PYTHONPATH=<older checkout>/src to time older code on the same parses."""
from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

import polemos
from polemos.geo.api import Geocoder


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("index", type=Path)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/i16/parses"))
    ap.add_argument("--articles", type=int, default=118)
    a = ap.parse_args()
    parsed = pickle.loads((a.cache / "TR-News.pkl").read_bytes())[: a.articles]
    geo = Geocoder(a.index)
    geo.toponyms(parsed[0])           # warm the connection
    best, n = 0.0, 0
    for _ in range(3):
        t0 = time.perf_counter()
        n = sum(len(geo.toponyms(p)) for p in parsed)
        best = max(best, n / (time.perf_counter() - t0))
    print(json.dumps({"code": polemos.__file__, "index": str(a.index), "toponyms": n,
                      "best_toponyms_per_second": round(best, 1)}))


if __name__ == "__main__":
    main()
