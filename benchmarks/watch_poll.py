"""`python -m benchmarks.watch_poll`: how long one `polemos watch` round takes over 100 local
feeds with 20 new items each (2,000 linked pages fetched, cleaned, extracted and stored), then
a second round where every feed answers 304.

The feeds and pages come from a real HTTP server on 127.0.0.1 (port 0) in this process; the
store is a fresh DuckDB file; the per-host rate limit is off (every feed is on one host here, and
the default 1 s per host would measure only the limit). Articles are short (two sentences) so
fetching and storing are not hidden behind extraction; the extraction time is printed beside
the total. The NLP pipeline is loaded before the clock starts. Last line, for `make bench`:
    WATCH poll_100x20_s=X cpu_s=C articles_per_s=Y extract_s=Z store_s=S unchanged_poll_s=W
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from polemos.models import Article
from polemos.store.duckdb import DuckDBStore
from polemos.watch import FetchOptions, Source, Watcher, WatchOptions
from polemos.watch.loop import default_extract

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))   # the tests' feed server
from watchserver import FeedServer, Route, page_html, rss  # noqa: E402

PLACES = ["Atarib", "Saraqib", "Ariha", "Sarmin", "Binnish", "Taftanaz", "Kafr Nabl", "Khan Shaykhun"]


def publish(srv: FeedServer, feeds: int, items: int) -> list[Source]:
    sources = []
    for f in range(feeds):
        entries = []
        for i in range(items):
            path = f"/f{f}/a{i}"
            place = PLACES[(f + i) % len(PLACES)]
            text = [f"Government forces shelled {place} in Idlib province on {i % 28 + 1} February 2020, "
                    f"killing {i + 2} civilians, a monitoring group said.",
                    f"Feed {f} item {i}: residents said the shelling lasted several hours."]
            srv.routes[path] = Route(page_html(f"Shelling in {place} ({f}/{i})", text))
            entries.append({"guid": srv.url(path), "title": f"Shelling in {place} ({f}/{i})", "link": srv.url(path),
                            "pubDate": "Mon, 10 Feb 2020 08:00:00 GMT"})
        srv.routes[f"/f{f}/feed"] = Route(rss(f"Feed {f}", entries), "application/rss+xml", etag=f'"f{f}"')
        sources.append(Source(srv.url(f"/f{f}/feed")))
    return sources


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.watch_poll", description=__doc__.split("\n\n")[0])
    ap.add_argument("--feeds", type=int, default=100)
    ap.add_argument("--items", type=int, default=20)
    a = ap.parse_args(argv)
    srv = FeedServer()
    spent = [0.0]

    def timed_extract(arts: list[Article]) -> list:
        t = time.perf_counter()
        out = default_extract(arts)
        spent[0] += time.perf_counter() - t
        return out

    store_s = [0.0]
    add_articles = DuckDBStore.add_articles

    def timed_add(self: DuckDBStore, pairs: list) -> list[str]:   # the store's share, measured
        t = time.perf_counter()
        try:
            return add_articles(self, pairs)
        finally:
            store_s[0] += time.perf_counter() - t

    DuckDBStore.add_articles = timed_add   # type: ignore[method-assign]
    try:
        sources = publish(srv, a.feeds, a.items)
        default_extract([Article(id="warm-up", text="Rebels shelled Idlib on Monday, killing two people.",
                                 published=dt.date(2020, 2, 10))])
        with tempfile.TemporaryDirectory() as tmp:
            opts = WatchOptions(every=900, fetch=FetchOptions(timeout=20, host_interval=0.0))
            w = Watcher(sources, str(Path(tmp) / "watch.duckdb"), opts, extract=timed_extract)
            t, c = time.perf_counter(), time.process_time()
            first = w.poll_round()
            poll_s, cpu_s = time.perf_counter() - t, time.process_time() - c
            t = time.perf_counter()
            second = w.poll_round(once=True)
            again_s = time.perf_counter() - t
    finally:
        srv.close()
        DuckDBStore.add_articles = add_articles   # type: ignore[method-assign]
    new = first.totals()["added"]
    assert not first.failed and new == a.feeds * a.items, (first.failed[:3], new)
    assert all(r.status == 304 for r in second.results)
    print(f"watch: one poll of {a.feeds} local feeds x {a.items} new items: {new} articles in {poll_s:.1f} s wall "
          f"({cpu_s:.0f} s CPU; {new / poll_s:.1f} articles/s; of it extraction {spent[0]:.1f} s, "
          f"store writes and merging {store_s[0]:.1f} s, fetching + cleaning + state the rest); "
          f"the next poll (all 304) {again_s:.2f} s; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"WATCH poll_{a.feeds}x{a.items}_s={poll_s:.1f} cpu_s={cpu_s:.0f} articles_per_s={new / poll_s:.1f} "
          f"extract_s={spent[0]:.1f} store_s={store_s[0]:.1f} unchanged_poll_s={again_s:.2f}")


if __name__ == "__main__":
    main()
