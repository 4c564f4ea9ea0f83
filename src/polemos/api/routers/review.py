"""Review over HTTP: the queue, confirm / reject / edit / merge / split / move / undo, an event's
history, the audit trail, review statistics, keys (admin). Writes need an editor key and send the
version they saw; a stale version is answered 409 with the current one (docs/review.md)."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from polemos import errors
from polemos.api.filters import FREE_TEXT_PATTERN, ID_PATTERN, event_filter
from polemos.api.keys import KeyRecord
from polemos.api.schemas import ErrorBody
from polemos.api.security import require_read_key, require_role
from polemos.errors import ReviewConflict
from polemos.review.db import ReviewDB
from polemos.review.fields import search_places
from polemos.review.history import history
from polemos.review.ops import Reviewer
from polemos.review.queue import review_queue
from polemos.review.state import EDITABLE
from polemos.review.stats import evaluate, field_changes, type_confusion
from polemos.review.view import load
from polemos.store.base import EventFilter, StoredEvent
from polemos.zones import queue_boost

router = APIRouter(tags=["review"])
EventId = Annotated[str, Path(pattern=ID_PATTERN, description="an event id (ev_...)")]
class Conflict(BaseModel):
    error: str
    event_id: str
    current_version: int
    event: StoredEvent | None = None


Answers = dict[int | str, dict[str, Any]]
READ: Answers = {401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 422: {"model": ErrorBody}}
BODY: Answers = {400: {"model": ErrorBody, "description": "the body is not JSON"}, 413: {"model": ErrorBody},
                 503: {"model": ErrorBody, "description": "the request ran out of time"}}
WRITE: Answers = {**READ, **BODY, 409: {"model": Conflict, "description": "the event changed since `version`"}}
Reason = Annotated[str | None, Field(max_length=500, description="why (shown in the history)")]
Version = Annotated[int | None, Field(ge=0, le=1_000_000_000, description="the event's `version` you saw; "
                                                                          "a stale one is answered 409")]
MentionId = Annotated[str, Field(min_length=1, max_length=300)]


def _machine(store: Any) -> Any:
    """The machine's store under the review overlay (the review tables live beside its own)."""
    return getattr(store, "inner", store)


def editor(request: Request) -> KeyRecord:
    return require_role(request, "editor")


def admin(request: Request) -> KeyRecord:
    return require_role(request, "admin")


class ConfirmIn(BaseModel):
    version: Version = None
    reason: Reason = None


class RejectIn(ConfirmIn):
    kind: Literal["not_event", "duplicate", "out_of_scope"] = Field(description="why it is not kept")
    duplicate_of: Annotated[str | None, Field(pattern=ID_PATTERN)] = None


class EditIn(BaseModel):
    fields: dict[Literal[EDITABLE], Any] = Field(  # type: ignore[valid-type]
        min_length=1, max_length=len(EDITABLE),
        description="field -> value: counts as numbers, location as a GeoNames id, \"lat,lon\" or a place object, "
                    "actors as text or {name, country, sector}, date as YYYY-MM-DD; null clears")
    reason: Annotated[str, Field(min_length=1, max_length=500)]
    version: Version = None


class MergeIn(ConfirmIn):
    other: Annotated[str, Field(pattern=ID_PATTERN, description="the event merged into this one")]
    other_version: Version = None


class SplitIn(ConfirmIn):
    mentions: Annotated[list[MentionId], Field(min_length=1, max_length=1000)]


class MoveIn(ConfirmIn):
    mention: MentionId


class UndoIn(ConfirmIn):
    change: Annotated[int | None, Field(ge=1, le=10**15, description="a change id from the history; "
                                                                     "default: the latest in force")] = None


class QueueItem(BaseModel):
    event: StoredEvent
    score: float
    reasons: list[str]


class KeyIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9 ._@-]+$")]
    role: Literal["reader", "editor", "admin"] = "editor"


class KeyOut(BaseModel):
    id: str
    name: str
    role: str
    created: str
    revoked: str | None = None
    key: str | None = Field(None, description="the full key: shown only in the answer that creates it")


def _write(request: Request, key: KeyRecord, op: Callable[[Reviewer], StoredEvent | None]) -> Response:
    store = request.app.state.store
    try:
        ev = store(lambda: op(Reviewer(store.store, key.name)))
    except ReviewConflict as e:
        now = store(store.store.get_event, e.event_id) if e.event_id else None
        body = Conflict(error=str(e), event_id=e.event_id, current_version=e.current, event=now)
        return JSONResponse(json.loads(body.model_dump_json()), status_code=409)
    if ev is None:
        return Response(status_code=204)
    return Response(ev.model_dump_json(), media_type="application/json")


WRITE_ROUTE: dict[str, Any] = dict(response_model=StoredEvent,
                                   responses={**WRITE, 204: {"description": "nothing left"}})
Editor = Annotated[KeyRecord, Depends(editor)]


@router.post("/events/{event_id}/confirm", **WRITE_ROUTE)
def confirm(request: Request, event_id: EventId, body: ConfirmIn, key: Editor) -> Response:
    return _write(request, key, lambda r: r.confirm(event_id, body.version, body.reason))


@router.post("/events/{event_id}/reject", **WRITE_ROUTE)
def reject(request: Request, event_id: EventId, body: RejectIn, key: Editor) -> Response:
    return _write(request, key, lambda r: r.reject(event_id, body.kind, body.duplicate_of, body.reason, body.version))


@router.patch("/events/{event_id}", **WRITE_ROUTE)
def edit(request: Request, event_id: EventId, body: EditIn, key: Editor) -> Response:
    return _write(request, key, lambda r: r.edit(event_id, dict(body.fields), body.reason, body.version))


@router.post("/events/{event_id}/merge", **WRITE_ROUTE)
def merge(request: Request, event_id: EventId, body: MergeIn, key: Editor) -> Response:
    return _write(request, key, lambda r: r.merge(event_id, body.other, body.reason, body.version, body.other_version))


@router.post("/events/{event_id}/split", **WRITE_ROUTE)
def split(request: Request, event_id: EventId, body: SplitIn, key: Editor) -> Response:
    return _write(request, key, lambda r: r.split(event_id, body.mentions, body.reason, body.version))


@router.post("/events/{event_id}/move", **WRITE_ROUTE)
def move(request: Request, event_id: EventId, body: MoveIn, key: Editor) -> Response:
    """Moves a mention (from whichever event holds it) into this event."""
    return _write(request, key, lambda r: r.move(body.mention, event_id, body.reason, body.version))


@router.post("/events/{event_id}/undo", **WRITE_ROUTE)
def undo(request: Request, event_id: EventId, body: UndoIn, key: Editor) -> Response:
    return _write(request, key, lambda r: r.undo(event_id, body.change, body.reason, body.version))


@router.get("/events/{event_id}/history", responses={**READ, 404: {"model": ErrorBody}},
            dependencies=[Depends(require_read_key)])
def event_history(request: Request, event_id: EventId) -> list[dict[str, Any]]:
    """Every change of the event, the machine's and people's: who, when, field, before, after, why."""
    store = request.app.state.store
    rows = store(lambda: history(ReviewDB(_machine(store.store)), event_id))
    if not rows and store(store.store.get_event, event_id) is None:
        raise HTTPException(404, errors.API_NOT_FOUND.format(kind="event", id=event_id))
    return rows


@router.get("/review/queue", response_model=list[QueueItem], responses=READ, dependencies=[Depends(require_read_key)])
def queue(request: Request, flt: Annotated[EventFilter, Depends(event_filter)],
          limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Response:
    """Events no person has decided yet (and reviewed ones the machine changed since), most in need first."""
    store = request.app.state.store
    items = store(lambda st: review_queue(st, flt, limit, boost=queue_boost(st)), store.store)
    out = [QueueItem(**i).model_dump(mode="json") for i in items]
    return Response(json.dumps(out), media_type="application/json")


@router.get("/review/stats", responses=READ, dependencies=[Depends(require_read_key)])
def review_stats(request: Request) -> dict[str, Any]:
    """How often people changed each field, and the machine -> human confusion of event types."""
    store = request.app.state.store
    ov = store(lambda: load(ReviewDB(_machine(store.store))))
    return {"fields": field_changes(ov), "types": type_confusion(ov)}


@router.get("/review/eval", responses=READ, dependencies=[Depends(require_read_key)])
def review_eval(request: Request) -> dict[str, Any]:
    """The machine scored against people's decisions (the reviewed events)."""
    store = request.app.state.store
    return evaluate(store(lambda: load(ReviewDB(_machine(store.store)))))


@router.get("/review/log", responses=READ, dependencies=[Depends(require_read_key)])
def review_log(request: Request,
               event: Annotated[str | None, Query(pattern=ID_PATTERN)] = None) -> list[dict[str, Any]]:
    """The audit trail of people's changes (append-only), oldest first."""
    store = request.app.state.store
    db = ReviewDB(_machine(store.store))
    return store(db.log, [event] if event else None)


def _key_out(r: KeyRecord, key: str | None = None) -> KeyOut:
    return KeyOut(id=r.id, name=r.name, role=r.role, created=r.created, revoked=r.revoked, key=key)


@router.get("/keys", response_model=list[KeyOut], responses=READ, tags=["keys"])
def list_keys(request: Request, _: Annotated[KeyRecord, Depends(admin)]) -> list[KeyOut]:
    return [_key_out(r) for r in request.app.state.keys.list()]


@router.post("/keys", response_model=KeyOut, responses={**READ, **BODY}, tags=["keys"])
def create_key(request: Request, body: KeyIn, _: Annotated[KeyRecord, Depends(admin)]) -> KeyOut:
    """A new key of a role (reader, editor, admin), shown once in this answer."""
    rec, key = request.app.state.keys.create(body.name, role=body.role)
    return _key_out(rec, key)


@router.delete("/keys/{key_id}", response_model=KeyOut, responses={**READ, 404: {"model": ErrorBody}}, tags=["keys"])
def revoke_key(request: Request, key_id: Annotated[str, Path(pattern=r"^[0-9a-f]{1,16}$")],
               _: Annotated[KeyRecord, Depends(admin)]) -> KeyOut:
    if key_id not in {r.id for r in request.app.state.keys.list()}:
        raise HTTPException(404, errors.API_NOT_FOUND.format(kind="key", id=key_id))
    return _key_out(request.app.state.keys.revoke(key_id))


class PlaceOut(BaseModel):
    geonameid: int
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float
    lon: float
    precision: str | None = None
    population: int = 0


@router.get("/gazetteer", response_model=list[PlaceOut], responses=READ, dependencies=[Depends(require_read_key)],
            tags=["review"])
def gazetteer(q: Annotated[str, Query(min_length=2, max_length=100, pattern=FREE_TEXT_PATTERN)],
              limit: Annotated[int, Query(ge=1, le=50)] = 10) -> list[PlaceOut]:
    """Places of this name in the GeoNames gazetteer, most populous first (the place picker)."""
    return [PlaceOut(**p) for p in search_places(q, limit)]
