"""GET /stats: counts and fatalities per day, week or month (and per type and country), aggregated in the
store so the dashboard's timeline never downloads events."""
from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from polemos.api.filters import event_filter
from polemos.api.schemas import ErrorBody, StatsOut, StatsRow, StatsTotal
from polemos.api.security import require_read_key
from polemos.store.base import EventFilter

router = APIRouter(tags=["stats"], dependencies=[Depends(require_read_key)])


@router.get("/stats", response_model=StatsOut,
            responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 422: {"model": ErrorBody}})
def get_stats(
    request: Request,
    flt: Annotated[EventFilter, Depends(event_filter)],
    by: Annotated[Literal["day", "week", "month"], Query(description="period of the series")] = "week",
) -> StatsOut:
    store = request.app.state.store
    raw = store(store.store.stats, flt, by)
    rows = [StatsRow(**{**r, "period": None if r.get("period") is None else str(r["period"]),
                        "events": int(r.get("events") or 0), "killed": int(r.get("killed") or 0)}) for r in raw]
    totals: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        totals[r.period][0] += r.events
        totals[r.period][1] += r.killed
    series = [StatsTotal(period=p, events=v[0], killed=v[1])
              for p, v in sorted(totals.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))]
    return StatsOut(by=by, rows=rows, totals=series)
