"""Store throughput: articles per second through `add_article` (merging included).

    python -m polemos.store.bench [--copies 100] [--db PATH_OR_URL]

The merge corpus (tests/data/merge/idlib_rewrites.yaml: 6 stories, 23 hand-coded mentions) is
repeated with every date shifted by 9 days per copy, so each copy adds new events that must be
told apart from the neighbouring copies' (the candidate search sees them), and loaded into a
fresh store (a temporary DuckDB file unless --db).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from polemos.merge.measure import DEFAULT_CORPUS, load_corpus
from polemos.models import Article, Event
from polemos.store import EventFilter, open_store
from polemos.store.load import load

if TYPE_CHECKING:
    from polemos.store.base import Store


def bench_args(module: str, doc: str | None, size_option: str, default: int,
               argv: list[str] | None) -> argparse.Namespace:
    """The store benchmarks' command line (this one and bench_points): how much to load
    (`size_option`, an int) and --db."""
    ap = argparse.ArgumentParser(prog=f"python -m {module}", description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(size_option, type=int, default=default)
    ap.add_argument("--db", default=None, help="an EMPTY store (default: a temporary DuckDB file)")
    return ap.parse_args(argv)


@contextmanager
def bench_store(db: str | None, filename: str) -> Iterator[tuple[str, Store]]:
    """(path or URL, open store): --db as given, else a DuckDB file in a temporary folder that is
    removed afterwards, so a benchmark never touches the user's store."""

    with tempfile.TemporaryDirectory() as tmp:
        path = db or str(Path(tmp) / filename)
        with open_store(path) as store:
            yield path, store


def shifted(copies: int, days: int = 9, tag: str = "c") -> list[tuple[Article, list[Event]]]:
    """The merge corpus `copies` times, each copy's articles and dates moved `days` later than the
    last (new ids ending in `-<tag><k>`)."""
    pairs, _ = load_corpus(DEFAULT_CORPUS)
    out: list[tuple[Article, list[Event]]] = []
    for k in range(copies):
        shift = dt.timedelta(days=days * k)
        out.extend(moved_copy(art, ms, f"{art.id}-{tag}{k}", shift) for art, ms in pairs)
    return out


def moved_copy(art: Article, ms: list[Event], new_id: str, shift: dt.timedelta,
               place: Callable[[Any], Any] | None = None) -> tuple[Article, list[Event]]:
    """A copy of an article and its mentions under `new_id`, its publication and event dates moved
    by `shift`, each mention's location mapped through `place` when given."""
    a = art.model_copy(update={"id": new_id, "published": art.published + shift if art.published else None})
    new = []
    for m in ms:
        upd: dict = {"document_id": a.id}
        if place is not None:
            upd["location"] = place(m.location)
        for f in ("date", "date_end"):
            if getattr(m, f):
                upd[f] = (dt.date.fromisoformat(getattr(m, f)) + shift).isoformat()
        new.append(m.model_copy(update=upd))
    return a, new


def main(argv: list[str] | None = None) -> int:

    args = bench_args("polemos.store.bench", __doc__, "--copies", 100, argv)
    pairs = shifted(args.copies)
    with bench_store(args.db, "bench.duckdb") as (db, store):
        t0 = time.perf_counter()
        load(store, pairs, progress=False)  # load.BATCH articles per transaction, as `polemos ingest`
        t_add = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = [store.add_article(a, ms) for a, ms in pairs[:200]]
        t_same = time.perf_counter() - t0
        t0 = time.perf_counter()
        n = len(store.query_events(EventFilter(country="SYR", type="ASSAULT")))
        t_query = time.perf_counter() - t0
        size = store.summary()
    n_m = sum(len(ms) for _, ms in pairs)
    print(
        f"{len(pairs)} articles, {n_m} mentions -> {size['events']} events: "
        f"{len(pairs) / t_add:.0f} articles/s ({n_m / t_add:.0f} mentions/s) on "
        f"{db.split('://')[0] if '://' in db else 'duckdb'}"
    )
    print(
        f"re-adding {len(again)} unchanged articles: {len(again) / t_same:.0f} articles/s; "
        f"query of {n} events: {t_query * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
