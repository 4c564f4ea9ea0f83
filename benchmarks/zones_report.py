"""`python -m benchmarks.zones_report [--events 100000]`: the zone report's time over a store of
N synthetic events (built with the store's `add_events_bulk` in a temporary DuckDB file).

The events: 60% scattered over Syria (so a good share falls inside the sample Idlib zone), 5%
placed only at Syria's centroid or a division's centre (the "location uncertain" path), the
rest over seven other countries; eight PLOVER types over 2019-2020. The report is the one
`polemos zones report` prints (violations found and rendered as a table), best of 3.
The last line is for scripts:  ZONES report_s=X.XX events=N violations=V uncertain=U
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

from polemos.models import Actor, Count, EventType, Evidence, Place, PlacePrecision
from polemos.store import open_store
from polemos.store.base import StoredEvent
from polemos.store.bench_points import CITIES, TYPES
from polemos.zones import add_zone, build_zone, find_violations
from polemos.zones.report import render

ROOT = Path(__file__).resolve().parents[1]
ZONE = ROOT / "samples/zones/idlib-deescalation.geojson"
CENTRES = [(35.0, 38.0, "country", None), (35.86, 36.57, "admin1", "Idlib"), (36.2, 37.13, "admin1", "Aleppo")]


def events(n: int, seed: int = 11) -> list[StoredEvent]:
    rng = random.Random(seed)
    day0 = dt.date(2019, 1, 1)
    out = []
    for i in range(n):
        r = rng.random()
        if r < 0.6:
            iso, lat, lon, prec, a1 = "SYR", rng.uniform(32.5, 37.2), rng.uniform(35.8, 42.0), "place", None
        elif r < 0.65:
            lat, lon, prec, a1 = rng.choice(CENTRES)
            iso = "SYR"
        else:
            iso, clat, clon = rng.choice(CITIES[1:])
            lat, lon, prec, a1 = clat + rng.uniform(-1.5, 1.5), clon + rng.uniform(-1.5, 1.5), "place", None
        t = rng.choice(TYPES)
        k = rng.choice([None, None, 1, 2, 3, 5, 8, 13])
        s = f"Event {i}: {t.lower()} reported near town {rng.randint(1, 500)}."
        out.append(StoredEvent(
            id=f"ev_zb{i:07d}", document_id=f"zb-{i // 10:06d}", type=cast(EventType, t),
            date=(day0 + dt.timedelta(days=rng.randint(0, 729))).isoformat(), date_precision="day",
            actor1=Actor(text=rng.choice(["rebels", "army", "air force"]), country=iso),
            location=Place(name=f"town {i % 500}", country=iso, admin1=a1, lat=lat, lon=lon,
                           precision=cast(PlacePrecision, prec)),
            killed=Count(best=k) if k else None, evidence=Evidence(text=s, start=0, end=len(s)),
            sources=["synthetic"], document_ids=[f"zb-{i // 10:06d}"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.zones_report", description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "zones.duckdb") as store:
        t0 = time.perf_counter()
        store.add_events_bulk(events(args.events))
        t_build = time.perf_counter() - t0
        zone = build_zone("Idlib de-escalation zone", ZONE, "2018-09-17", prohibit="ASSAULT,COERCE")
        add_zone(store, zone)
        times = []
        found = []
        for _ in range(3):
            t0 = time.perf_counter()
            found = find_violations(store, zone)
            render(zone, found, "table")
            times.append(time.perf_counter() - t0)
    best = min(times)
    uncertain = sum(1 for v in found if v.certainty == "location uncertain")
    print(f"zones report over {args.events:,} stored events (built in {t_build:.1f} s): {len(found):,} violations "
          f"({uncertain:,} location uncertain) in {best:.2f} s (best of 3)")
    print(f"ZONES report_s={best:.2f} events={args.events} violations={len(found)} uncertain={uncertain}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
