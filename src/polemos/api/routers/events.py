"""GET /events (JSON page, GeoJSON, CSV, map points) and GET /events/{id}."""
from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request, Response
from pydantic_core import to_json

from polemos import errors
from polemos.api import formats
from polemos.api.filters import ID_PATTERN, BadParam, event_filter
from polemos.api.schemas import ErrorBody, EventPage, PointsPage
from polemos.api.security import require_read_key
from polemos.errors import InputError
from polemos.merge.dates import window
from polemos.store import cursor as cursors
from polemos.store.base import EventFilter, StoredEvent
from polemos.store.sql_points import point_row

router = APIRouter(tags=["events"], dependencies=[Depends(require_read_key)])
HARD_MAX_LIMIT = 10_000      # the schema's bound; POLEMOS_API_MAX_LIMIT may lower it
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody},
    403: {"model": ErrorBody},
    422: {"model": ErrorBody},
}


def _fast_points(store: Any, page: EventFilter, total: int, limit: int) -> Response:
    """The map's rows straight from the store's columns: no full event is built. A store that
    writes each point's JSON itself (DuckDB: store/sql_points.py) gives the text, spliced into
    the same answer (tests/test_store_points_json.py compares the bytes)."""
    own = getattr(store.store, "event_points_json", None)
    texts = (store(own, page) if own is not None else None) if page.offset < total else []
    # `total` also counts events without coordinates: a full page is the sign of a cap. PointsPage's
    # fields in its order, serialised by pydantic-core without validating 10,000 rows again.
    body: dict[str, Any] = {"total": total, "returned": 0, "capped": False, "fields": list(formats.POINT_FIELDS)}
    if texts is not None:
        body.update(returned=len(texts), capped=len(texts) >= limit, points=[])
        return Response(to_json(body)[:-3] + b"[" + ",".join(texts).encode() + b"]}", media_type="application/json")
    rows = store(store.store.event_points, page)
    # (a store answering six fields, without precision, is taken as it is)
    full = rows if all(len(r) == 7 for r in rows) else [(*r, None)[:7] for r in rows]
    body.update(returned=len(full), capped=len(rows) >= limit, points=[point_row(r) for r in full])
    return Response(to_json(body), media_type="application/json")


@router.get(
    "/events",
    response_model=EventPage | PointsPage,
    responses={
        **ERRORS,
        200: {
            "description": "a page of events; `format`/`Accept` choose JSON, GeoJSON, CSV or map points",
            "content": {"application/geo+json": {}, "text/csv": {}},
        },
    },
)
def list_events(
    request: Request,
    flt: Annotated[EventFilter, Depends(event_filter)],
    limit: Annotated[
        int | None,
        Query(
            ge=1, le=HARD_MAX_LIMIT, description="events per page (default 100; at most POLEMOS_API_MAX_LIMIT, 10,000)"
        ),
    ] = None,
    offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
    cursor: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z0-9_-]{1,400}$",
              description="the `next_cursor` of the previous page (offset counts after it)"),
    ] = None,
    format: Annotated[
        Literal["json", "geojson", "csv", "points"] | None,
        Query(
            description="overrides Accept; `points` is the map's compact "
            "[id, lat, lon, type, date, killed, precision] rows"
        ),
    ] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    settings = request.app.state.settings
    fmt = formats.negotiate(format, accept)
    if fmt is None:
        raise HTTPException(422, errors.API_BAD_FORMAT.format(value=format))
    if limit is None:
        limit = settings.max_limit if fmt == "points" else settings.default_limit
    if limit > settings.max_limit:
        raise BadParam("limit", limit, errors.API_LIMIT_MAX.format(max=settings.max_limit))
    if cursor is not None:
        try:
            cursors.decode(cursor)
        except InputError as e:
            raise BadParam("cursor", cursor, errors.API_BAD_CURSOR) from e
    store = request.app.state.store
    page = flt.model_copy(update={"limit": limit, "offset": offset, "cursor": cursor})
    total = store(store.store.count_events, flt)
    if fmt == "points" and getattr(store.store, "event_points", None) is not None:
        return _fast_points(store, page, total, limit)
    # one event more than the page tells whether a next page exists (for next_cursor)
    events = store(store.store.query_events, page.model_copy(update={"limit": limit + 1})) if offset < total else []
    more = len(events) > limit
    events = events[:limit]
    if fmt == "csv":
        return Response(
            formats.to_csv(events),
            media_type=formats.MEDIA["csv"],
            headers={"Content-Disposition": 'attachment; filename="polemos-events.csv"', "X-Total-Count": str(total)},
        )
    if fmt == "geojson":
        return Response(
            json.dumps(formats.to_geojson(events, total)),
            media_type=formats.MEDIA["geojson"],
            headers={"X-Total-Count": str(total)},
        )
    if fmt == "points":
        pts = formats.to_points(events)
        points = PointsPage(
            total=total, returned=len(pts), capped=offset + len(events) < total, fields=formats.POINT_FIELDS, points=pts
        )
        return Response(points.model_dump_json(), media_type="application/json")
    nxt = offset + len(events) if cursor is None and offset + len(events) < total else None
    last = events[-1] if more and events else None
    nxt_cursor = cursors.encode(_window_start(last), last.id) if last is not None else None
    answer = EventPage(total=total, limit=limit, offset=offset, next_offset=nxt, events=events,
                       next_cursor=nxt_cursor)
    return Response(answer.model_dump_json(), media_type="application/json", headers={"X-Total-Count": str(total)})


def _window_start(e: StoredEvent) -> str | None:
    w = window(e)
    return w[0].isoformat() if w else None


@router.get("/events/{event_id}", response_model=StoredEvent, responses={**ERRORS, 404: {"model": ErrorBody}})
def get_event(request: Request, event_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> Response:
    store = request.app.state.store
    event = store(store.store.get_event, event_id)
    if event is None:
        raise HTTPException(404, errors.API_NOT_FOUND.format(kind="event", id=event_id))
    return Response(event.model_dump_json(), media_type="application/json")
