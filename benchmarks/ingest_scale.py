"""Merging new articles into a store that already holds N events: new events per second.

    .venv/bin/python -m benchmarks.ingest_scale [--events 100000] [--copies 20] [--batch 256]
                                                  [--days N] [--profile] [--reference | --compare]

Copies the load test's synthetic store (artifacts/api-load-N.duckdb, built through the public
bulk path when missing) and ingests the merge corpus (tests/data/merge: 6 stories, 23 hand-coded
mentions), repeated --copies times with every date shifted 9 days per copy and moved into the
synthetic store's two years, so each article is compared with the stored events of its days,
through `polemos.store.load` (the bulk merge, --batch articles per transaction, as `polemos ingest`)
or, with --reference, article by article as before the bulk merge (16 per transaction); --compare
runs both and prints their ratio (of CPU seconds, steadier than wall time on a shared machine).
--days N is the issue's "day of world news": every copy lands on one of N consecutive days
(2022-03-01 on) and in a country of its own for that day (the synthetic store's eight first, then
the others of src/polemos/data/countries.csv; past those, places moved a degree north), so the
batch holds many distinct stories of the same few days and shares one candidate read.
Prints articles/s, mentions/s and new events/s (also per CPU second); --profile prints the top of
a cProfile of the load."""
from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.api_load import ROOT, build_store
from polemos.merge.measure import DEFAULT_CORPUS, load_corpus
from polemos.models import Article, Event, Place
from polemos.store import open_store
from polemos.store.bench import moved_copy, shifted
from polemos.store.bench_points import CITIES
from polemos.store.load import BATCH, load
from polemos.store.sql_ingest import add_articles

INTO = dt.timedelta(days=(dt.date(2022, 3, 1) - dt.date(2020, 2, 1)).days)   # corpus -> synthetic years


def moved(copies: int) -> list[tuple[Article, list[Event]]]:
    out = []
    for a, ms in shifted(copies):
        a = a.model_copy(update={"published": a.published + INTO if a.published else None})
        new = []
        for m in ms:
            upd = {f: (dt.date.fromisoformat(getattr(m, f)) + INTO).isoformat()
                   for f in ("date", "date_end") if getattr(m, f)}
            new.append(m.model_copy(update=upd))
        out.append((a, new))
    return out


def _countries() -> list[str]:
    """The synthetic store's countries first (their days are dense), then every other one."""
    first = [c for c, _, _ in CITIES]
    with open(ROOT / "src" / "polemos" / "data" / "countries.csv", encoding="utf-8") as f:
        rest = sorted(r["iso3"] for r in csv.DictReader(f) if r["iso3"] not in first)
    return first + rest


def _placed(p: Place | None, country: str, north: int) -> Place | None:
    if p is None:
        return None
    upd: dict = {"country": country}
    if north:      # another round of the same country: another place
        upd.update(lat=p.lat + north if p.lat is not None else None, geonameid=None,
                   name=f"{p.name} {north}" if p.name else None)
    return p.model_copy(update=upd)


def day_of_news(copies: int, days: int) -> list[tuple[Article, list[Event]]]:
    """The merge corpus `copies` times over `days` days: copy k on day k % days, in its own
    country of that day (each place of the copy moved there), so copies are distinct stories."""
    countries = _countries()
    base, _ = load_corpus(DEFAULT_CORPUS)      # dates as written
    start = dt.date(2022, 3, 1) - min(a.published for a, _ in base if a.published)
    out: list[tuple[Article, list[Event]]] = []
    for k in range(copies):
        shift = start + dt.timedelta(days=k % days)
        slot = k // days
        country, north = countries[slot % len(countries)], slot // len(countries)
        out.extend(moved_copy(art, ms, f"{art.id}-n{k}", shift,
                              lambda loc, c=country, n=north: _placed(loc, c, n)) for art, ms in base)
    return out


def _merge(store, pairs: list[tuple[Article, list[Event]]], batch: int, bulk: bool) -> None:
    """Today's path (`load`: the bulk merge, `batch` articles per transaction) or the article-by-
    article merge it replaced (16 per transaction, each article's own queries and writes)."""
    if bulk:
        load(store, pairs, progress=False, batch=batch)
        return
    for i in range(0, len(pairs), 16):
        add_articles(store.inner, store.inner.sources, pairs[i:i + 16], bulk=False)


def run(events: int, copies: int, profile: bool, batch: int = BATCH, bulk: bool = True,
        days: int = 0) -> dict[str, float]:
    src = ROOT / "artifacts" / f"api-load-{events}.duckdb"
    src.parent.mkdir(parents=True, exist_ok=True)
    build_store(src, events)
    pairs = day_of_news(copies, days) if days else moved(copies)
    import pandas  # noqa: F401,PLC0415  (the DuckDB bulk insert imports it once per process: not timed)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ingest.duckdb"
        shutil.copy(src, db)
        with open_store(db) as store:
            before = store.summary()["events"]
            prof = cProfile.Profile() if profile else None
            t0, c0 = time.perf_counter(), time.process_time()
            if prof:
                prof.enable()
            _merge(store, pairs, batch, bulk)
            if prof:
                prof.disable()
            secs, cpu = time.perf_counter() - t0, time.process_time() - c0
            new = store.summary()["events"] - before
            t0 = time.perf_counter()
            again = store.add_articles(pairs[:16])
            t_same = time.perf_counter() - t0
            assert set(again) == {"unchanged"}
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
    n_m = sum(len(ms) for _, ms in pairs)
    return {"articles": len(pairs), "mentions": n_m, "new_events": new, "seconds": secs, "cpu": cpu,
            "articles_s": len(pairs) / secs, "mentions_s": n_m / secs, "new_events_s": new / secs,
            "unchanged_16_ms": t_same * 1000}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.ingest_scale", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--batch", type=int, default=BATCH, help="articles per transaction (bulk merge)")
    ap.add_argument("--days", type=int, default=0,
                    help="a day of world news: the copies are distinct stories of this many days (0: 9 days apart)")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--reference", action="store_true",
                    help="only the article-by-article merge (the path the bulk merge replaced)")
    ap.add_argument("--compare", action="store_true",
                    help="both paths on copies of the same store; prints RATIO merge=<article-by-article/bulk>")
    args = ap.parse_args(argv)
    runs = [("article by article", False), ("bulk", True)] if args.compare else \
        [("article by article" if args.reference else "bulk", not args.reference)]
    secs = {}
    for name, bulk in runs:
        r = run(args.events, args.copies, args.profile, args.batch, bulk, args.days)
        secs[bulk] = r["cpu"]
        where = f" ({args.copies} stories over {args.days} days)" if args.days else ""
        print(f"{name}{where}: into {args.events:,} events: {r['articles']} articles, {r['mentions']} mentions -> "
              f"{r['new_events']} new events in {r['seconds']:.2f} s ({r['cpu']:.2f} s CPU): "
              f"{r['articles_s']:.1f} articles/s, {r['mentions_s']:.1f} mentions/s, {r['new_events_s']:.1f} new "
              f"events/s ({r['new_events'] / r['cpu']:.1f} per CPU second); "
              f"16 unchanged articles again: {r['unchanged_16_ms']:.0f} ms", flush=True)
    if args.compare:   # CPU seconds: steadier than wall time on a shared machine
        print(f"RATIO merge={secs[False] / secs[True]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
