"""`polemos watch`: poll feeds and pages, ingest what is new, remember per-source state in the store.

    from polemos.watch import Watcher, WatchOptions, read_sources
    w = Watcher(read_sources("feeds.txt"), "polemos.duckdb", WatchOptions(every=900))
    w.run(once=True)          # one round; w.run() polls until SIGINT/SIGTERM

Modules: sources (feeds file / OPML), http (conditional GET, rate limit, size limit),
state (the watch_sources / watch_items tables), poll (one source), loop (schedule, signals).
"""
from __future__ import annotations

from polemos.watch.http import FetchOptions
from polemos.watch.loop import RoundResult, Watcher, WatchOptions
from polemos.watch.sources import Source, read_sources
from polemos.watch.state import SourceState, StateTable

__all__ = ["FetchOptions", "RoundResult", "WatchOptions", "Watcher", "Source", "read_sources",
           "SourceState", "StateTable"]
