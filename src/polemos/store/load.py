"""Loading (article, mentions) pairs into a store, one transaction per article, with progress.

`polemos ingest` feeds it from the extractor; `python -m polemos.store.load FILE.jsonl --db DB`
feeds it precomputed mentions (records {"article": {...}, "mentions": [...]}), the same code path
for replaying a batch run's output or testing the store without the NLP cost.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tqdm import tqdm

from polemos.models import Article, Event
from polemos.store import open_store
from polemos.store.base import Store


def read_pairs(path: str | Path) -> Iterator[tuple[Article, list[Event]]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                yield Article(**rec["article"]), [Event(**m) for m in rec.get("mentions", [])]


BATCH = 256   # articles per transaction, merged in bulk (issue 17); a crash loses at most the open batch


def load(store: Store, pairs: Iterable[tuple[Article, list[Event]]], progress: bool | None = None,
         total: int | None = None, batch: int = BATCH,
         on_stored: Callable[[Article, list[Event], str], None] | None = None) -> Counter[str]:
    """Add every pair, `batch` articles per transaction; returns how many were added, replaced
    or unchanged. `progress=None` shows a bar only on a terminal; `on_stored(article, mentions,
    status)` is called for each pair once its transaction is committed."""

    done: Counter[str] = Counter()
    bar = tqdm(total=total, unit="article", disable=None if progress is None else not progress,
               file=sys.stderr, leave=False)
    pending: list[tuple[Article, list[Event]]] = []

    def flush() -> None:
        for (a, ms), status in zip(pending, store.add_articles(pending), strict=True):
            done[status] += 1
            if on_stored is not None:
                on_stored(a, ms, status)
        bar.update(len(pending))
        pending.clear()

    try:
        for pair in pairs:
            pending.append(pair)
            if len(pending) >= batch:
                flush()
        if pending:
            flush()
    finally:
        bar.close()
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m polemos.store.load", description=__doc__)
    ap.add_argument("file", help="JSON Lines of {article, mentions}")
    ap.add_argument("--db", default=None)
    ap.add_argument("--progress", action="store_true", default=None, help="progress bar even off a terminal")
    args = ap.parse_args(argv)
    with open_store(args.db) as store:
        done = load(store, read_pairs(args.file), progress=args.progress)
    print(", ".join(f"{k} {v}" for k, v in sorted(done.items())) or "nothing to load")
    return 0


if __name__ == "__main__":
    sys.exit(main())
