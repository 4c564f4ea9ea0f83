"""Query parameters of GET /events and GET /stats -> a store EventFilter, validated up front so
that nothing odd (SQL fragments, LIKE wildcards, control characters, huge strings) reaches a query."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, get_args

from fastapi import Query, Request

from polemos import errors
from polemos.models import EventType, Status
from polemos.store.base import EventFilter

EVENT_TYPES: tuple[str, ...] = get_args(EventType)
STATUSES: tuple[str, ...] = get_args(Status)

# Names and phrases need letters, digits, spaces and ordinary punctuation (O'Brien, al-Nusra,
# "Hay'at Tahrir al-Sham", U.S.). Characters that only mean something to a query language
# (statement ends, LIKE wildcards, comments, operators) are refused; values are also bound as
# parameters by the store, so this is a second wall, and it keeps error messages clear.
_FREE_TEXT = re.compile(r"^[^\x00-\x1f\x7f;%\\*=<>{}|`$]*$")
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:@+~-]{0,199}$"


SEARCH_CHARS = errors.API_SEARCH_CHARS


class BadParam(ValueError):
    """A query parameter the user can fix: answered with 422 and one line naming it."""

    def __init__(self, name: str, value: object, reason: str) -> None:
        super().__init__(errors.API_BAD_PARAM.format(name=name, value=value, reason=reason))


def _free_text(name: str, value: str | None, max_chars: int) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > max_chars:
        raise BadParam(name, value[:40] + "...", errors.API_TOO_LONG.format(max=max_chars))
    if not _FREE_TEXT.match(value):
        raise BadParam(name, value, SEARCH_CHARS)
    return value.strip()


def _date(name: str, value: str | None) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadParam(name, value, errors.API_NOT_DATE) from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or not value.strip():
        return None
    parts = value.split(",")
    try:
        w, s, e, n = (float(p) for p in parts)
    except ValueError:
        raise BadParam("bbox", value, errors.API_BBOX_FORMAT) from None
    if not all(map(lambda x: x == x and abs(x) != float("inf"), (w, s, e, n))):
        raise BadParam("bbox", value, errors.API_BBOX_FORMAT)
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90):
        raise BadParam("bbox", value, errors.API_BBOX_RANGE)
    if s > n or w > e:
        raise BadParam("bbox", value, errors.API_BBOX_ORDER)
    return (w, s, e, n)


def build_filter(*, country: str | None, type: str | None, since: str | None, until: str | None,
                 actor: str | None, bbox: str | None, status: str | None, text: str | None,
                 acled_event_type: str | None, max_chars: int, document_id: str | None = None,
                 top_level: bool | None = None, reviewed: bool | None = None) -> EventFilter:
    if country is not None and country.strip():
        country = country.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", country):
            raise BadParam("country", country, errors.API_NOT_ISO3)
    else:
        country = None
    if type is not None and type.strip():
        type = type.strip().upper()
        if type not in EVENT_TYPES:
            raise BadParam("type", type, errors.API_NOT_TYPE.format(types=", ".join(EVENT_TYPES)))
    else:
        type = None
    if status is not None and status.strip():
        status = status.strip().lower()
        if status not in STATUSES:
            raise BadParam("status", status, "use one of " + ", ".join(STATUSES))
    else:
        status = None
    since_d, until_d = _date("since", since), _date("until", until)
    if since_d and until_d and since_d > until_d:
        raise BadParam("since", since, errors.API_SINCE_AFTER_UNTIL.format(until=until))
    return EventFilter(country=country, type=type, since=since_d, until=until_d,
                       actor=_free_text("actor", actor, max_chars), bbox=parse_bbox(bbox), status=status,
                       text=_free_text("text", text, max_chars),
                       acled_event_type=_free_text("acled_event_type", acled_event_type, max_chars),
                       document_id=document_id or None, top_level=top_level or None, reviewed=reviewed)


# FastAPI dependency: the same names as `polemos events`. Each parameter's own rule is in the
# OpenAPI schema (enum, pattern, length); rules across parameters (since <= until, bbox corners)
# are checked in build_filter.
FREE_TEXT_PATTERN = _FREE_TEXT.pattern
BBOX_PATTERN = r"^ *-?[0-9]+(\.[0-9]+)? *(, *-?[0-9]+(\.[0-9]+)? *){3}$"
_TEXT = dict(max_length=200, pattern=FREE_TEXT_PATTERN)
# A string rather than a date type: the date type would also take "0" (as a Unix time).
_DATE = dict(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", json_schema_extra={"format": "date"})


async def event_filter(   # async: parsing needs no worker thread (FastAPI runs plain functions in one)
    request: Request,
    country: Annotated[
        str | None, Query(description="ISO 3166 alpha-3 of the event's place (e.g. SYR)", pattern=r"^[A-Za-z]{3}$")
    ] = None,
    type: Annotated[EventType | None, Query(description="PLOVER event type")] = None,
    since: Annotated[str | None, Query(description="first day, YYYY-MM-DD", **_DATE)] = None,
    until: Annotated[str | None, Query(description="last day, YYYY-MM-DD", **_DATE)] = None,
    actor: Annotated[
        str | None, Query(description="substring of an actor's text or name, or an ISO-3 code", **_TEXT)
    ] = None,
    bbox: Annotated[str | None, Query(description="W,S,E,N in degrees", pattern=BBOX_PATTERN, max_length=200)] = None,
    status: Annotated[Status | None, Query(description="the event's status")] = None,
    text: Annotated[str | None, Query(description="substring of the evidence sentence", **_TEXT)] = None,
    acled_event_type: Annotated[str | None, Query(description="ACLED event type (crosswalk)", **_TEXT)] = None,
    document: Annotated[str | None, Query(description="events read from this article id", pattern=ID_PATTERN)] = None,
    top_level: Annotated[bool, Query(description="leave out local events that a reported total covers")] = False,
    reviewed: Annotated[bool | None, Query(description="true: events a person reviewed; false: unreviewed")] = None,
) -> EventFilter:
    return build_filter(
        country=country,
        type=type,
        since=since,
        until=until,
        actor=actor,
        bbox=bbox,
        status=status,
        text=text,
        acled_event_type=acled_event_type,
        document_id=document,
        top_level=top_level,
        reviewed=reviewed,
        max_chars=request.app.state.settings.max_filter_chars,
    )
