"""The one interface every store backend implements and every front end (CLI, HTTP, batch) uses.

The store stage owns this module; the API/dashboard and batch stages code against it. Keep names
stable; add methods rather than changing signatures.
"""
from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import Any

from pydantic import BaseModel

from polemos.models import Article, Event


class EventFilter(BaseModel):
    """Filters compose (AND). Same names on the CLI (`polemos events --country ...`) and the API."""

    country: str | None = None           # ISO-3 of the event's place
    type: str | None = None              # PLOVER type
    since: dt.date | None = None
    until: dt.date | None = None
    actor: str | None = None             # substring of an actor's text or name, or an ISO-3 code
    bbox: tuple[float, float, float, float] | None = None   # W, S, E, N
    status: str | None = None
    text: str | None = None              # substring of the evidence
    acled_event_type: str | None = None
    limit: int | None = None
    offset: int = 0


class StoredEvent(Event):
    """A merged event: the Event fields (latest counts) plus its sources and mentions."""

    n_mentions: int = 1
    n_sources: int = 1                   # independent sources (distinct outlets/articles)
    sources: list[str] = []
    document_ids: list[str] = []
    mentions: list[Event] = []           # filled by get_event()
    part_of: str | None = None           # id of a total this local event is part of
    parts: list[str] = []                # ids of local events a total covers


class Store(ABC):
    @abstractmethod
    def add_article(self, article: Article, mentions: list[Event]) -> str:
        """Store one article and its mentions and merge them into events, in one transaction.
        Idempotent: the same article again changes nothing; a changed article replaces its mentions.
        Returns "added", "unchanged" or "replaced"."""

    @abstractmethod
    def query_events(self, flt: EventFilter) -> list[StoredEvent]: ...

    @abstractmethod
    def count_events(self, flt: EventFilter) -> int: ...

    @abstractmethod
    def get_event(self, event_id: str) -> StoredEvent | None: ...

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def stats(self, flt: EventFilter, by: str = "week") -> list[dict[str, Any]]:
        """Rows {period, type, country, events, killed} aggregated on the server."""

    @abstractmethod
    def close(self) -> None: ...
