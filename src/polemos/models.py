"""Typed values passed between pipeline stages. The JSON of `Event` is the output contract
(see ../shared/fixtures/README.md); extra fields are allowed, renaming one is a breaking change."""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
Status = Literal["occurred", "planned", "threatened", "denied", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year", "range", "unknown"]
# Place precision, modelled on UCDP's where_prec: the point is the place itself, a place near
# it, the centroid of a second- or first-level division, or the country's centroid.
PlacePrecision = Literal["place", "near", "admin2", "admin1", "country", "document"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Article(_Model):
    """One document as ingested: `text` is exactly what arrived (offsets refer to it)."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None


class Actor(_Model):
    text: str | None = None          # the words in the article
    name: str | None = None          # canonical name ("Russia", "Recep Tayyip Erdoğan")
    country: str | None = None       # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, REB, CVL, COP, PTY, OPP, JUD, LEG, IGO, NGO, MED, BUS, REL, CRM, UAF, UNK


class Count(_Model):
    low: int | None = None
    best: int | None = None
    high: int | None = None
    who: str | None = None  # who the victims were where stated ("civilians", "soldiers")
    text: str | None = None  # the words the count was read from


class Place(_Model):
    text: str | None = None  # the toponym as written
    name: str | None = None  # gazetteer name
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-3
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = None
    precision: PlacePrecision | None = None


class Evidence(_Model):
    text: str
    start: int  # offsets into Article.text as given (before cleaning)
    end: int


class Event(_Model):
    """One coded event as found in one sentence of one article (a mention, before merging)."""

    id: str
    document_id: str | None = None
    type: EventType
    mode: str | None = None
    status: Status = "occurred"
    actor1: Actor | None = None
    actor2: Actor | None = None
    date: str | None = None  # ISO date, start of the window
    date_end: str | None = None  # ISO date, end of the window when the date is a range
    date_precision: DatePrecision = "unknown"
    date_text: str | None = None
    location: Place | None = None
    killed: Count | None = None
    injured: Count | None = None
    displaced: Count | None = None
    arrested: Count | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    # ACLED coding beyond the type (extract/acled, docs/acled.md): ACLED's disorder type, actor
    # inter codes 1-8 and their interaction, civilian targeting, geo/time precision 1-3, and
    # whether this is the one event of its sentence ACLED would record
    disorder_type: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    acled_geo_precision: int | None = None
    acled_time_precision: int | None = None
    acled_main: bool | None = None
    reported_by: Actor | None = None
    trigger: str | None = None
    evidence: Evidence
    confidence: float = 0.5
    extra: dict = Field(default_factory=dict)

    def to_json(self) -> str:
        return self.model_dump_json(exclude={"extra"} if not self.extra else None)


class StoredEvent(Event):
    """A merged event: the Event fields (latest counts) plus its sources and mentions.

    `id` is stable ("ev_" + hash of the first mention's key); `evidence` is the first mention's.
    Counts are the latest revision (by article publication date, then the highest figure);
    `count_history` lists every figure reported, oldest first. Made by merging (merge/), kept by
    the store (store/); it lives here so that neither has to import the other for it."""

    n_mentions: int = 1
    n_sources: int = 1  # independent sources (distinct outlets; else articles)
    sources: list[str] = []
    document_ids: list[str] = []
    mentions: list[Event] = []  # filled by get_event()
    part_of: str | None = None  # id of a total this local event is part of
    parts: list[str] = []  # ids of local events a total covers
    count_history: list[dict[str, Any]] = []
    first_published: str | None = None  # earliest publication date of its articles (ISO)
    places: list[Place] = []  # every place its mentions name ("Atarib", "Sheikh Ali")
    # set by the review overlay (polemos.review): who has the last word on this record
    coded_by: str = "machine"  # machine | reviewed (confirmed as coded) | edited (changed by a person)
    reviewed_at: str | None = None
    reviewed_by: str | None = None  # the name of the key that made the last decision
    version: int = 0  # review version: send it back with a change (409 when stale)
    review_status: str | None = None  # confirmed | edited | rejected | merged (None: not reviewed)
    rejected: dict[str, Any] | None = None  # {"kind": not_event|duplicate|out_of_scope, "duplicate_of", "reason"}
    merged_into: str | None = None  # the event a person merged this one into
    needs_rereview: bool = False  # the machine's coding changed after the last review
