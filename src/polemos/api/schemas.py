"""Request and response bodies of the HTTP API (they make the OpenAPI schema)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from polemos.errors import code_of
from polemos.models import Article, Event, StoredEvent


class ErrorBody(BaseModel):
    error: str = Field(description="one line naming the input and what is wrong")
    code: str | None = Field(None, description="the message's stable code (docs/errors.md), e.g. E051")


def error_body(msg: object) -> dict[str, Any]:
    """The JSON of an error answer: the message, and its code when it has one."""
    code = code_of(msg)
    return {"error": str(msg), **({"code": code} if code else {})}


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    next_offset: int | None = None
    events: list[StoredEvent]
    next_cursor: str | None = Field(None, description="pass as `cursor` for the next page (keyset: fast at any depth)")


class PointsPage(BaseModel):
    total: int = Field(description="events matching the filters (with or without coordinates)")
    returned: int
    capped: bool = Field(description="true when more events match than were returned")
    fields: list[str]
    points: list[list[Any]]


class Span(BaseModel):
    start: int
    end: int
    text: str
    event_id: str | None = None
    mention_id: str | None = None
    type: str | None = None


class DocumentOut(BaseModel):
    id: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    text: str
    spans: list[Span]


class StatsRow(BaseModel):
    model_config = ConfigDict(extra="allow")
    period: str | None = None
    type: str | None = None
    country: str | None = None
    events: int = 0
    killed: int = 0


class StatsTotal(BaseModel):
    period: str | None = None
    events: int = 0
    killed: int = 0


class StatsOut(BaseModel):
    by: str
    rows: list[StatsRow]
    totals: list[StatsTotal] = Field(description="rows summed over type and country, one per period")


class _TextIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # 200,000 characters (a long article is 30,000) stay under the 2 MB body limit even when every
    # character arrives JSON-escaped, so an over-long text gets a clear 422 rather than a 413.
    text: str = Field(min_length=1, max_length=200_000, description="the article text, as it arrived")
    published: dt.date | None = Field(None, description="publication date; relative dates resolve against it")
    title: str | None = Field(None, max_length=2000)


class ExtractIn(_TextIn):
    mentions: bool = Field(False, description="also return every mention (each sentence telling an "
                           "event), unmerged, as `polemos extract --mentions` prints them")


class ExtractOut(BaseModel):
    events: list[StoredEvent] = Field(description="one record per event the text tells, its mentions merged "
                                      "as `polemos ingest` would store them (n_mentions, mentions)")
    n_mentions: int = Field(description="how many mentions the events were merged from")
    mentions: list[Event] | None = Field(None, description="every mention, unmerged (only when asked: mentions)")
    language: str | None = Field(default=None, description="the language found (ISO 639-1)")
    notice: str | None = Field(default=None, description="why the text was not read (a language Polemos does not read)")


class IngestIn(_TextIn):
    id: str | None = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:@+~-]{0,199}$",
                           description="article id; by default a hash of the text")
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=20)

    def article(self, default_id: str) -> Article:
        return Article(id=self.id or default_id, text=self.text, title=self.title, published=self.published,
                       url=self.url, source=self.source, language=self.language)


class IngestOut(BaseModel):
    document_id: str
    result: str = Field(description="added, unchanged or replaced")
    events: list[Event]
    language: str | None = Field(default=None, description="the language found (ISO 639-1)")
    notice: str | None = Field(None, description="why the text was stored unread (a language Polemos does not read)")


class Health(BaseModel):
    status: str
    version: str
    db: str
    events: int
    max_limit: int = Field(description="the most events one request may ask for (limit)")
