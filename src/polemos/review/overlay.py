"""A store whose events are what people decided: the machine's store, read through the review log.

`open_store` wraps every store in `ReviewedStore`, so the CLI, the API, the dashboard and the
exports all read the same thing: rejected events and events merged into others are left out,
edited fields win over the machine's, and each event says who coded it (`coded_by`). Writes
(ingest, bulk loads) go to the machine's store untouched; a review never changes its tables.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from polemos.models import Article, Event
from polemos.review.db import ReviewDB
from polemos.review.match import matches, order_key, window_start
from polemos.review.view import Overlay, Reviewed, load, mentions_of
from polemos.store.base import EventFilter, Point, Store, StoredEvent
from polemos.store.cursor import is_after


def _period(d: dt.date | None, by: str) -> str | None:
    if d is None or by == "none":
        return None
    if by == "week":
        d = d - dt.timedelta(days=d.weekday())
    elif by == "month":
        d = d.replace(day=1)
    return d.isoformat()


def _wanted(rv: Reviewed, flt: EventFilter) -> bool:
    if rv.hidden or rv.event is None:
        return False
    if flt.reviewed is not None and (rv.review.decided != flt.reviewed):
        return False
    return matches(rv.event, flt, mentions_of(rv))


class ReviewedStore(Store):
    """Delegates to the machine's store; reads apply the review overlay."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.url = inner.url
        self.review_db = ReviewDB(inner)
        self._cache: tuple[Any, Overlay] | None = None

    def __getattr__(self, name: str) -> Any:      # backend specifics (conn, backend, _rows...)
        return getattr(self.inner, name)

    def schema_version(self) -> int:
        return self.inner.schema_version()

    def overlay(self) -> Overlay:
        """The reviews in force, rebuilt when the review log or the machine's store changed."""
        # the review log alone first: without reviews the audit's position is not needed (every
        # read asks this, twice for a page: the second subquery was half its cost at 1,000,000 events)
        last = self.review_db.rows("SELECT max(id) FROM review_log")[0][0]
        if last is None:
            return Overlay()
        key = (last, self.review_db.rows("SELECT max(id) FROM audit")[0][0])
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, load(self.review_db))
        return self._cache[1]

    def forget(self) -> None:
        self._cache = None

    # -- writes go to the machine's store --------------------------------------------------------
    def add_article(self, article: Article, mentions: list[Event]) -> str:
        return self.inner.add_article(article, mentions)

    def add_articles(self, pairs: list[tuple[Article, list[Event]]]) -> list[str]:
        return self.inner.add_articles(pairs)

    def add_events_bulk(self, events: Iterable[StoredEvent | Event]) -> int:
        return self.inner.add_events_bulk(events)

    def has_article(self, article: Article) -> bool:
        return self.inner.has_article(article)

    def get_article(self, article_id: str) -> Article | None:
        return self.inner.get_article(article_id)

    def summary(self) -> dict[str, int]:
        return self.inner.summary()

    def article_languages(self) -> dict[str, int]:
        return self.inner.article_languages()

    def check(self) -> list[str]:
        return self.inner.check()

    def close(self) -> None:
        self.inner.close()

    # -- reads through the overlay ---------------------------------------------------------------
    def _ours(self, ov: Overlay, flt: EventFilter) -> list[StoredEvent]:
        return sorted((rv.event for rv in ov.reviews.values() if _wanted(rv, flt) and rv.event is not None),
                      key=order_key)

    def query_events(self, flt: EventFilter) -> list[StoredEvent]:
        ov = self.overlay()
        if not ov.reviews and flt.reviewed is None:
            return self.inner.query_events(flt)
        ours = [e for e in self._ours(ov, flt) if is_after((window_start(e), e.id), flt.cursor)]
        machine: list[StoredEvent] = []
        if flt.reviewed is not True:
            need = None if flt.limit is None else flt.offset + flt.limit + len(ov.covered)
            machine = [e for e in self.inner.query_events(flt.model_copy(update={"limit": need, "offset": 0}))
                       if e.id not in ov.covered]
        rows = sorted(machine + ours, key=order_key)
        end = None if flt.limit is None else flt.offset + flt.limit
        return rows[flt.offset:end]

    def count_events(self, flt: EventFilter) -> int:
        ov = self.overlay()
        if not ov.reviews and flt.reviewed is None:
            return self.inner.count_events(flt)
        ours = len(self._ours(ov, flt))
        if flt.reviewed is True:
            return ours
        return self.inner.count_events(flt) - len(self._machine_matching(ov, flt)) + ours

    def _machine_matching(self, ov: Overlay, flt: EventFilter) -> list[StoredEvent]:
        """The machine's versions of reviewed events that the SQL filter counts."""
        plain = flt.model_copy(update={"reviewed": None})
        return [rv.machine for rv in ov.reviews.values() if rv.machine is not None
                and matches(rv.machine, plain, [m for _, m, _ in rv.machine_members])]

    def event_points(self, flt: EventFilter) -> list[Point]:
        ov = self.overlay()
        if not ov.reviews and flt.reviewed is None:
            return self.inner.event_points(flt)
        ours: list[Point] = [(e.id, loc.lat, loc.lon, e.type, _iso(window_start(e)),
                              e.killed.best if e.killed else None, loc.precision)
                             for e in self._ours(ov, flt) if is_after((window_start(e), e.id), flt.cursor)
                             if (loc := e.location) is not None and loc.lat is not None and loc.lon is not None]
        machine: list[Point] = []
        if flt.reviewed is not True:
            need = None if flt.limit is None else flt.offset + flt.limit + len(ov.covered)
            machine = [p for p in self.inner.event_points(flt.model_copy(update={"limit": need, "offset": 0}))
                       if p[0] not in ov.covered]
        rows = sorted(machine + ours, key=lambda p: (p[4] is None, p[4] or "", p[0]))
        end = None if flt.limit is None else flt.offset + flt.limit
        return rows[flt.offset:end]

    def event_points_json(self, flt: EventFilter) -> list[str] | None:
        # the machine's own text only when no review changes the answer (else event_points)
        if flt.reviewed is not None or self.overlay().reviews:
            return None
        return self.inner.event_points_json(flt)

    def get_event(self, event_id: str) -> StoredEvent | None:
        ov = self.overlay()
        rv = ov.reviews.get(event_id)
        if rv is not None:
            return rv.event
        if event_id in ov.covered:      # a machine id that now goes by the reviewed event's id
            rv = next(r for r in ov.reviews.values() if r.machine_id == event_id)
            return rv.event
        return self.inner.get_event(event_id)

    def article_mentions(self, article_id: str) -> list[Event]:
        out = self.inner.article_mentions(article_id)
        ov = self.overlay()
        alias = {rv.machine_id: eid for eid, rv in ov.reviews.items() if rv.machine_id}
        for m in out:
            was = m.extra.get("event_id")
            eid = ov.mention_event.get(m.id) or (alias.get(str(was), was) if was else was)
            m.extra = {**m.extra, "event_id": eid}
        return out

    def stats(self, flt: EventFilter, by: str = "week") -> list[dict[str, Any]]:
        ov = self.overlay()
        if not ov.reviews and flt.reviewed is None:
            return self.inner.stats(flt, by)
        base = self.inner.stats(flt, by) if flt.reviewed is not True else []
        rows = {(r["period"], r["type"], r["country"]): dict(r) for r in base}
        sign_events = [(-1, e) for e in self._machine_matching(ov, flt)] if flt.reviewed is not True else []
        sign_events += [(1, e) for e in self._ours(ov, flt)]
        for sign, e in sign_events:
            k = (_period(window_start(e), by), e.type, e.location.country if e.location else None)
            row = rows.setdefault(k, {"period": k[0], "type": k[1], "country": k[2], "events": 0, "killed": 0})
            row["events"] += sign * (0 if e.parts else 1)
            row["killed"] += sign * ((e.killed.best or 0) if e.killed and e.part_of is None else 0)
        out = [r for r in rows.values() if r["events"] > 0 or r["killed"] > 0]
        return sorted(out, key=lambda r: (r["period"] is None, r["period"] or "", r["type"],
                                          r["country"] is None, r["country"] or ""))


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
