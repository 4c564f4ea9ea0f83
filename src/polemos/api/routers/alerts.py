"""GET /alerts (fired alerts), GET /alerts/rules; POST /alerts/check evaluates the rules now and
needs a write key (it records and sends alerts)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from polemos import alerts, errors
from polemos.api.filters import BadParam
from polemos.api.keys import KeyRecord
from polemos.api.schemas import ErrorBody
from polemos.api.security import require_read_key, require_write_key

router = APIRouter(tags=["alerts"])
_ERRORS: dict[int | str, dict[str, Any]] = {401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                                            422: {"model": ErrorBody}}
SINCE_PATTERN = r"^([0-9]{1,5}[mhdw]|[0-9]{4}-[0-9]{2}-[0-9]{2})$"
RULE_PATTERN = r"^[^\x00-\x1f;%\\*=<>{}|`$]{1,200}$"


class AlertList(BaseModel):
    total: int
    alerts: list[alerts.Alert]


class RuleList(BaseModel):
    rules: list[alerts.Rule]


def _since(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return alerts.since_time(value, dt.datetime.now(dt.timezone.utc))
    except ValueError:
        raise BadParam("since", value, errors.API_NOT_DATE) from None


@router.get("/alerts", response_model=AlertList, responses=_ERRORS, dependencies=[Depends(require_read_key)])
def get_alerts(
    request: Request,
    since: Annotated[str | None, Query(description="7d, 12h, 30m or YYYY-MM-DD", pattern=SINCE_PATTERN)] = None,
    rule: Annotated[str | None, Query(description="only this rule's alerts", pattern=RULE_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AlertList:
    """Alerts fired, newest first, each with its rule, events, evidence and dashboard link."""
    store = request.app.state.store
    got = store(alerts.fired, store.store, rule, _since(since), limit)
    return AlertList(total=len(got), alerts=got)


@router.get("/alerts/rules", response_model=RuleList, responses=_ERRORS, dependencies=[Depends(require_read_key)])
def get_rules(request: Request) -> RuleList:
    store = request.app.state.store
    return RuleList(rules=store(alerts.list_rules, store.store))


@router.post("/alerts/check", response_model=AlertList, responses=_ERRORS)
def post_check(request: Request, _key: Annotated[KeyRecord, Depends(require_write_key)]) -> AlertList:
    """Evaluate every rule now; the new alerts are recorded, sent on their channels and returned."""
    store = request.app.state.store
    got = store(alerts.evaluate, store.store)
    return AlertList(total=len(got), alerts=got)
