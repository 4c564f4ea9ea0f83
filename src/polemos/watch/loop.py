"""The watch loop: poll every due source, record its state in the store, sleep, repeat.

Schedule (all in the store, so a restart resumes it):
- a poll that got an answer (200 or 304) sets next_poll = now + every and failures = 0;
- a failed poll (no answer, HTTP >= 400, not a feed, junk, too large) adds one failure and sets
  next_poll = now + min(every * 2**failures, max_backoff), or later when the server sent
  Retry-After;
- `--once` polls every source except those still backing off after a failure, then exits.
The store is opened for each round and closed while the loop sleeps, so other commands (and a
DuckDB reader) can use it between rounds. SIGINT/SIGTERM stop the loop after the current article
batch (an unfinished batch is abandoned whole: each batch is one transaction).
"""
from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType

from polemos import alerts
from polemos.api_python import extract_articles
from polemos.errors import PolemosError, StoreError
from polemos.models import Article, Event
from polemos.store import Store, open_store
from polemos.watch.http import Fetcher, FetchOptions
from polemos.watch.poll import Extract, PollContext, PollResult, poll_source
from polemos.watch.sources import Source
from polemos.watch.state import SourceState, StateTable

log = logging.getLogger("polemos.watch")


@dataclass
class WatchOptions:
    every: float = 900.0                 # seconds between polls of a source
    max_backoff: float = 6 * 3600.0      # the longest wait after failures
    fetch: FetchOptions = field(default_factory=FetchOptions)
    batch: int = 16                      # articles per store transaction


@dataclass
class RoundResult:
    results: list[PollResult] = field(default_factory=list)
    skipped: int = 0                     # backing off: not polled this round

    @property
    def failed(self) -> list[PollResult]:
        return [r for r in self.results if not r.ok]

    def totals(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for r in self.results:
            out.update(r.counts)
        return out


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def default_extract(articles: list[Article]) -> list[tuple[Article, list[Event]]]:
    # the NLP pipeline is loaded on the first call only (a round with nothing new never loads it)
    return list(extract_articles(articles))


class Watcher:
    def __init__(self, sources: list[Source], db: str | None, opts: WatchOptions | None = None,
                 extract: Extract | None = None, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self.sources = sources
        self.db = db
        self.opts = opts or WatchOptions()
        self.extract = extract or default_extract
        self.clock = clock
        self.stop = threading.Event()

    def due(self, st: SourceState, now: dt.datetime, once: bool) -> bool:
        if st.next_poll is None or st.next_poll <= now:
            return True
        return once and st.failures == 0     # cron runs: only a failure's backoff holds a source back

    def poll_round(self, once: bool = False) -> RoundResult:
        """Poll every due source once; returns what each poll did."""
        out = RoundResult()
        fetcher = Fetcher(self.opts.fetch)
        try:
            with open_store(self.db) as store:
                table = StateTable(store)   # type: ignore[arg-type]  # every backend is a SqlStore
                ctx = PollContext(fetcher, store, table, self.extract, self.stop, self.opts.batch)
                for src in self.sources:
                    if self.stop.is_set():
                        break
                    st = table.get(src.url)
                    now = self.clock()
                    if not self.due(st, now, once):
                        if st.failures:          # (a source merely not due yet is not worth a line)
                            out.skipped += 1
                            log.info("%s: backing off after %d failure(s) until %s UTC; not polled", src.url,
                                     st.failures, st.next_poll.isoformat(" ", "seconds") if st.next_poll else "?")
                        continue
                    started = time.monotonic()
                    res = self._poll_one(src, st, ctx, now)
                    table.save(self.after(st, res, now))
                    out.results.append(res)
                    self._log(res, st, time.monotonic() - started)
                totals = out.totals()
                if totals["added"] or totals["replaced"]:
                    self._alerts(store)
        finally:
            fetcher.close()
        return out

    def _alerts(self, store: Store) -> None:
        """The stored alert rules, evaluated after a round that stored something new: each alert
        fires once per new evidence (alerts.evaluate keeps what it sent in the store)."""
        try:
            fired = alerts.evaluate(store)
        except PolemosError as e:   # a channel that fails (webhook down) must not stop the watch
            log.warning("alerts: %s", e)
            return
        for a in fired:
            log.info("alert %s: %s", a.rule, a.summary)

    def _poll_one(self, src: Source, st: SourceState, ctx: PollContext, now: dt.datetime) -> PollResult:
        try:
            return poll_source(src, st, ctx, now)
        except PolemosError:
            raise                           # the store failed: the whole run cannot go on
        except Exception as e:  # a reader tripping on junk must not stop the other sources
            log.exception("%s: unexpected error while polling", src.url)
            return PollResult(src.url, ok=False, error=f"{src.url}: {type(e).__name__}: {e}", complete=False)

    def after(self, st: SourceState, res: PollResult, now: dt.datetime) -> SourceState:
        """The source's state after a poll: validators, schedule, failures."""
        new = SourceState(**{**st.__dict__})
        new.last_poll, new.polls, new.last_status = now, st.polls + 1, res.status
        new.articles = st.articles + res.counts["added"] + res.counts["replaced"]
        if not res.ok:
            new.failures = st.failures + 1
            new.last_error = res.error
            wait = min(self.opts.every * 2 ** new.failures, self.opts.max_backoff)
            new.next_poll = now + dt.timedelta(seconds=max(wait, res.retry_after or 0.0))
            new.etag = new.last_modified = None
            return new
        new.kind = res.kind or st.kind
        new.failures, new.last_error, new.last_success = 0, None, now
        # validators only when every entry was handled; else the next poll must see the feed again
        new.etag, new.last_modified = (res.etag, res.last_modified) if res.complete else (None, None)
        new.next_poll = now if res.interrupted else now + dt.timedelta(seconds=self.opts.every)
        return new

    def _log(self, res: PollResult, before: SourceState, seconds: float) -> None:
        c = res.counts
        if not res.ok:
            wait = min(self.opts.every * 2 ** (before.failures + 1), self.opts.max_backoff)
            log.warning("%s: failed: %s; failure %d in a row, next poll in %s", res.url, res.error,
                        before.failures + 1, human(max(wait, res.retry_after or 0.0)))
            return
        what = "not modified (304)" if res.status == 304 else f"HTTP {res.status} {res.kind}"
        log.info("%s: %d new, %d replaced, %d unchanged, %d failed%s (%s, %.1f s)%s", res.url, c["added"],
                 c["replaced"], c["unchanged"], c["failed"], f", {c['skipped']} without text" if c["skipped"] else "",
                 what, seconds, "; interrupted" if res.interrupted else "")

    def run(self, once: bool = False) -> RoundResult:
        """Poll until stopped (SIGINT/SIGTERM), or one round with once=True; returns the last round."""
        restore = self._install_signals()
        try:
            rounds = 0
            while True:
                started = time.monotonic()
                try:
                    rnd = self.poll_round(once=once)
                except StoreError as e:
                    if once or not rounds:
                        raise                # a wrong --db fails at once, not after hours
                    # a DuckDB file another process holds (`polemos serve`, an ingest): try later
                    log.error("%s; trying again in %s", e, human(min(self.opts.every, 60.0)))
                    if self.stop.wait(min(self.opts.every, 60.0)):
                        return RoundResult()
                    continue
                rounds += 1
                t = rnd.totals()
                if rnd.results or rnd.skipped or once:
                    log.info("round done: %d source(s) polled (%d failed, %d backing off), %d new, %d replaced, "
                             "%d unchanged articles in %.1f s", len(rnd.results), len(rnd.failed), rnd.skipped,
                             t["added"], t["replaced"], t["unchanged"], time.monotonic() - started)
                if once or self.stop.is_set() or self.stop.wait(self.sleep_seconds()):
                    return rnd
        finally:
            restore()

    def sleep_seconds(self) -> float:
        """Until the next source is due (at least 1 s, at most one interval)."""
        try:
            with open_store(self.db) as store:
                states = {s.url: s for s in StateTable(store).all()}   # type: ignore[arg-type]
        except StoreError:
            return min(self.opts.every, 60.0)
        now = self.clock()
        due = [states[s.url].next_poll for s in self.sources if s.url in states]
        if len(due) < len(self.sources) or any(d is None for d in due):
            return 1.0
        first = min(d for d in due if d is not None)
        return min(max(1.0, (first - now).total_seconds()), self.opts.every)

    def _install_signals(self) -> Callable[[], None]:
        if threading.current_thread() is not threading.main_thread():
            return lambda: None
        old = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

        def handler(signum: int, frame: FrameType | None) -> None:
            if self.stop.is_set():           # asked twice: stop now (open transactions roll back)
                raise KeyboardInterrupt
            log.info("%s received: stopping after the current article batch", signal.Signals(signum).name)
            self.stop.set()

        for sig in old:
            signal.signal(sig, handler)

        def restore() -> None:
            for sig, h in old.items():
                signal.signal(sig, h)
        return restore


def human(seconds: float) -> str:
    """15 s, 30 min, 2 h 30 min: for log lines."""
    s = int(round(seconds))
    if s < 120:
        return f"{s} s"
    if s < 7200:
        return f"{s // 60} min"
    h, m = divmod(s // 60, 60)
    return f"{h} h {m} min" if m else f"{h} h"
