"""`polemos watch FEEDS.txt`: poll feeds and pages and ingest what is new (docs/watch.md)."""
from __future__ import annotations

import logging
import re
import sys

import typer

from polemos import errors
from polemos.cli import app
from polemos.errors import InputError, PolemosError
from polemos.store import open_store, resolve_url
from polemos.watch import FetchOptions, StateTable, Watcher, WatchOptions, read_sources

DB_HELP = "Store: a DuckDB file or postgresql://... (default $POLEMOS_DB or ./polemos.duckdb)"
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "": 1}


def duration(opt: str, value: str) -> float:
    """Seconds from '90', '30s', '15m', '2h', '1d' (a positive number)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|)\s*", value or "")
    if not m or float(m.group(1)) <= 0:
        raise InputError(errors.WATCH_BAD_DURATION.format(opt=opt, value=value))
    return float(m.group(1)) * _UNITS[m.group(2)]


@app.command()
def watch(
    feeds: str = typer.Argument(..., help="Feeds file: one feed (RSS/Atom) or page URL per line, or OPML"),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    every: str = typer.Option("15m", "--every", help="Time between polls of a source (30s, 15m, 2h)"),
    once: bool = typer.Option(False, "--once", help="Poll every source once and exit (cron, tests)"),
    timeout: str = typer.Option("20s", "--timeout", help="Connect/read timeout per request"),
    max_bytes: int = typer.Option(10_000_000, "--max-bytes", help="Refuse answers larger than this"),
    host_interval: str = typer.Option("1s", "--host-interval", help="Least time between requests to one host"),
    max_backoff: str = typer.Option("6h", "--max-backoff", help="Longest wait after repeated failures"),
    status: bool = typer.Option(False, "--status", help="Print each source's stored state and exit"),
    log_level: str = typer.Option("INFO", "--log-level", help="DEBUG, INFO, WARNING or ERROR"),
) -> None:
    """Poll feeds and pages; ingest new and changed articles (state kept in the store)."""
    level = logging.getLevelName(log_level.upper())
    if not isinstance(level, int):
        raise InputError(errors.BAD_CHOICE.format(opt="--log-level", value=log_level,
                                                  choices="DEBUG, INFO, WARNING, ERROR"))
    if max_bytes <= 0:
        raise InputError(errors.WATCH_BAD_NUMBER.format(opt="--max-bytes", value=max_bytes))
    opts = WatchOptions(every=duration("--every", every), max_backoff=duration("--max-backoff", max_backoff),
                        fetch=FetchOptions(timeout=duration("--timeout", timeout), max_bytes=max_bytes,
                                           host_interval=0.0 if host_interval.strip() in ("0", "0s")
                                           else duration("--host-interval", host_interval)))
    sources = read_sources(feeds)     # a bad feeds file stops here, before the store is opened
    if status:
        _print_status(db, [s.url for s in sources])
        return
    logging.basicConfig(level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s",
                        datefmt="%Y-%m-%dT%H:%M:%S")
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))   # one line per poll, not per request
    logging.getLogger("polemos.watch").info(
        "watching %d source(s) from %s into %s%s", len(sources), feeds, resolve_url(db),
        " (one round)" if once else f", every {every}")
    rnd = Watcher(sources, db, opts).run(once=once)
    if once and rnd.failed:
        raise PolemosError(errors.WATCH_SOURCES_FAILED.format(failed=len(rnd.failed), total=len(rnd.results)))


def _print_status(db: str | None, urls: list[str]) -> None:
    with open_store(db) as store:
        table = StateTable(store)   # type: ignore[arg-type]  # every backend is a SqlStore
        states = [table.get(u) for u in urls]
    for st in states:
        when = st.next_poll.isoformat(" ", "seconds") if st.next_poll else "now"
        polled = st.last_poll.isoformat(" ", "seconds") if st.last_poll else "never"
        print(f"{st.url}\tlast poll {polled}\tHTTP {st.last_status or '-'}\tfailures {st.failures}"
              f"\tnext poll {when}\tarticles {st.articles}" + (f"\terror: {st.last_error}" if st.last_error else ""))
