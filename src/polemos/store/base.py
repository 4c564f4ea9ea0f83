"""The one interface every store backend implements and every front end (CLI, HTTP, batch) uses.

The store stage owns this module; the API/dashboard and batch stages code against it. Keep names
stable; add methods rather than changing signatures.

    from polemos.store import open_store
    from polemos.store.base import EventFilter
    with open_store("polemos.duckdb") as store:          # or "postgresql://user@host/db"
        store.add_article(article, mentions)             # one transaction; "added"|"unchanged"|"replaced"
        store.add_articles([(article, mentions), ...])   # one transaction for the lot (bulk loads)
        store.query_events(EventFilter(country="SYR", type="ASSAULT", limit=50))
        store.count_events(EventFilter(country="SYR"))
        store.get_event("ev_...")                        # StoredEvent with .mentions filled
        store.get_article("doc-id"); store.article_mentions("doc-id")
        store.stats(EventFilter(), by="week")            # [{period, type, country, events, killed}]
        store.event_points(EventFilter(bbox=(30, 30, 45, 40), limit=10_000))   # the map's rows
        store.add_events_bulk(events)                    # prebuilt/synthetic events, no merging

Concurrency: DuckDB allows one writing process per file (a second one gets StoreError "locked");
open with read_only=True to read beside a writer that has closed. PostgreSQL serialises writers
with an advisory lock, so many processes (Dask workers) may call add_article at once.
"""
from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from polemos.merge.dates import window
from polemos.models import Article, Event, StoredEvent

__all__ = ["EventFilter", "Point", "Store", "StoredEvent"]   # StoredEvent: from polemos.models


Point = tuple[str, float, float, str, str | None, int | None, str | None]
"""One map point: (id, lat, lon, type, date ISO, killed, place precision)."""


def _window_start(e: Event) -> str | None:
    w = window(e)
    return w[0].isoformat() if w else None


class EventFilter(BaseModel):
    """Filters compose (AND). Same names on the CLI (`polemos events --country ...`) and the API."""

    country: str | None = None           # ISO-3 of the event's place
    type: str | None = None              # PLOVER type
    since: dt.date | None = None         # event window ends on/after this day
    until: dt.date | None = None         # event window starts on/before this day
    actor: str | None = None             # substring of an actor's text or name, or an ISO-3 code
    bbox: tuple[float, float, float, float] | None = None   # W, S, E, N
    status: str | None = None
    text: str | None = None              # substring of the evidence
    acled_event_type: str | None = None
    document_id: str | None = None       # events with a mention read from this article
    top_level: bool | None = None        # True: leave out local events that a total covers
    reviewed: bool | None = None         # True: only events a person reviewed; False: only unreviewed
    limit: int | None = None
    offset: int = 0
    cursor: str | None = None            # keyset page: rows after this one (store.cursor; offset counts after it)


class Store(ABC):
    """Open with `polemos.store.open_store`; usable as a context manager (closes on exit)."""

    url: str = ""

    @abstractmethod
    def add_article(self, article: Article, mentions: list[Event]) -> str:
        """Store one article and its mentions and merge them into events, in one transaction.
        Idempotent: the same article again changes nothing; a changed article replaces its mentions.
        Returns "added", "unchanged" or "replaced"."""

    def add_articles(self, pairs: list[tuple[Article, list[Event]]]) -> list[str]:
        """Several articles in one transaction (one commit: faster); all or nothing."""
        return [self.add_article(a, ms) for a, ms in pairs]

    @abstractmethod
    def has_article(self, article: Article) -> bool:
        """True when this exact article (same id and content) is stored: callers skip extraction."""

    @abstractmethod
    def query_events(self, flt: EventFilter) -> list[StoredEvent]:
        """Events matching the filter, ordered by date then id (mentions not filled)."""

    @abstractmethod
    def count_events(self, flt: EventFilter) -> int: ...

    @abstractmethod
    def get_event(self, event_id: str) -> StoredEvent | None:
        """One event with its mentions (each an Event with evidence offsets into its article)."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def article_mentions(self, article_id: str) -> list[Event]:
        """Every mention read from one article (evidence offsets refer to Article.text);
        each mention's `extra["event_id"]` names the event it was merged into."""

    @abstractmethod
    def stats(self, flt: EventFilter, by: str = "week") -> list[dict[str, Any]]:
        """Rows {period, type, country, events, killed} aggregated on the server.
        `by` is "week", "month", "day" or "none". Totals are not double counted: `events` counts
        events that are not totals of others, `killed` sums events that are not part of a total."""

    @abstractmethod
    def summary(self) -> dict[str, int]:
        """{articles, mentions, events, sources}: sizes of the store."""

    def article_languages(self) -> dict[str, int]:
        """{language code: articles} of the stored articles not in English (issue 18: kept unread)."""
        return {}

    @abstractmethod
    def check(self) -> list[str]:
        """Integrity problems (empty list = consistent)."""

    def event_points(self, flt: EventFilter) -> list[Point]:
        """The map's rows (id, lat, lon, type, date ISO, killed, place precision) of the LOCATED
        events matching the filter, in query_events' order; limit/offset count located events only,
        so paging through points skips and repeats nothing. Backends answer from the columns
        (no event JSON is parsed); this fallback builds the events."""
        located: list[Point] = []
        for e in self.query_events(flt.model_copy(update={"limit": None, "offset": 0})):
            loc = e.location
            if loc is not None and loc.lat is not None and loc.lon is not None:
                located.append((e.id, loc.lat, loc.lon, e.type, _window_start(e),
                                e.killed.best if e.killed else None, loc.precision))
        end = None if flt.limit is None else flt.offset + flt.limit
        return located[flt.offset:end]

    def event_points_json(self, flt: EventFilter) -> list[str] | None:
        """event_points(flt) as the API writes each point: the JSON text of [id, lat, lon, type,
        date, killed, precision] with lat/lon rounded to 5 decimals; None when this store does not
        write them itself (the caller then rounds and serialises event_points)."""
        return None

    def add_events_bulk(self, events: Iterable[StoredEvent | Event]) -> int:
        """Store prebuilt events as they are (synthetic stores, imports), without merging them with
        each other or with stored events, in one transaction; returns how many were added.
        Each event keeps its mentions (`StoredEvent.mentions`, else the event itself is its one
        mention); a mention's article that is not stored is made from the mentions' evidence
        sentences, so `check()` stays clean. An id already stored (or given twice) raises
        InputError and adds nothing."""
        raise NotImplementedError(f"{type(self).__name__} has no bulk insert")

    def schema_version(self) -> int:
        """The version of the store's schema (`polemos db migrate` reports it)."""
        raise NotImplementedError(f"{type(self).__name__} has no schema version")

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
