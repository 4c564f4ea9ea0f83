"""GET /zones, /zones/{id}, /zones/{id}/violations: ceasefire zones and the violations inside
them (issue 14). Reads follow the keys rule of every read (open unless configured)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from polemos import errors
from polemos.api.filters import BadParam
from polemos.api.schemas import ErrorBody
from polemos.api.security import require_read_key
from polemos.zones import Violation, Zone, find_violations, find_zone, list_zones
from polemos.zones.report import summary

router = APIRouter(tags=["zones"], dependencies=[Depends(require_read_key)])
ZONE_ID = r"^[a-z0-9][a-z0-9-]{0,79}$"
_DATE = dict(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", json_schema_extra={"format": "date"})
_ERRORS: dict[int | str, dict[str, Any]] = {401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                                            404: {"model": ErrorBody}, 422: {"model": ErrorBody}}


class ZoneList(BaseModel):
    zones: list[Zone]


class WeekRow(BaseModel):
    week: str
    events: int
    killed: int
    displaced: int
    uncertain: int = Field(description="violations whose location is uncertain (not counted in events)")


class ActorRow(BaseModel):
    actor: str
    events: int
    killed: int
    displaced: int


class ViolationPage(BaseModel):
    zone: Zone
    total: int
    inside: int
    uncertain: int
    by_week: list[WeekRow]
    by_actor: list[ActorRow]
    violations: list[Violation]


def _date(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadParam(name, value, errors.API_NOT_DATE) from None


def _zone(request: Request, zone_id: str) -> Zone:
    store = request.app.state.store
    zone = store(find_zone, store.store, zone_id)
    if zone is None:
        raise HTTPException(404, errors.API_NOT_FOUND.format(kind="zone", id=zone_id))
    return zone


@router.get("/zones", response_model=ZoneList, responses=_ERRORS)
def get_zones(request: Request) -> ZoneList:
    """Every stored zone with its polygon (GeoJSON), period and prohibited types."""
    store = request.app.state.store
    return ZoneList(zones=store(list_zones, store.store))


@router.get("/zones/{zone_id}", response_model=Zone, responses=_ERRORS)
def get_zone_by_id(request: Request, zone_id: Annotated[str, PathParam(pattern=ZONE_ID)]) -> Zone:
    return _zone(request, zone_id)


@router.get("/zones/{zone_id}/violations", response_model=ViolationPage, responses=_ERRORS)
def get_violations(
    request: Request,
    zone_id: Annotated[str, PathParam(pattern=ZONE_ID)],
    since: Annotated[str | None, Query(description="first day, YYYY-MM-DD", **_DATE)] = None,
    until: Annotated[str | None, Query(description="last day, YYYY-MM-DD", **_DATE)] = None,
) -> ViolationPage:
    """Prohibited events inside the zone in its period (and in since..until), with their
    evidence; events placed only at a coarser level are listed as "location uncertain"."""
    start, end = _date("since", since), _date("until", until)
    if start and end and start > end:
        raise BadParam("since", since, errors.API_SINCE_AFTER_UNTIL.format(until=until))
    zone = _zone(request, zone_id)
    store = request.app.state.store
    found = store(find_violations, store.store, zone, start, end)
    s = summary(found)
    uncertain = sum(1 for v in found if v.certainty == "location uncertain")
    return ViolationPage(zone=zone, total=len(found), inside=len(found) - uncertain, uncertain=uncertain,
                         by_week=[WeekRow(**r) for r in s["by_week"]], by_actor=[ActorRow(**r) for r in s["by_actor"]],
                         violations=found)
