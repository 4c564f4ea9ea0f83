"""GET /stats: counts and fatalities per day, week or month (and per type and country), aggregated in the
store so the dashboard's timeline never downloads events."""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from polemos.api.filters import event_filter
from polemos.api.schemas import ErrorBody, StatsOut
from polemos.api.security import require_read_key
from polemos.store.base import EventFilter

ROW_KEYS = ("period", "type", "country", "events", "killed")   # StatsRow's order
router = APIRouter(tags=["stats"], dependencies=[Depends(require_read_key)])


@router.get("/stats", response_model=StatsOut,
            responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 422: {"model": ErrorBody}})
def get_stats(
    request: Request,
    flt: Annotated[EventFilter, Depends(event_filter)],
    by: Annotated[Literal["day", "week", "month"], Query(description="period of the series")] = "week",
) -> Response:
    store = request.app.state.store
    raw = store(store.store.stats, flt, by)
    # Plain dicts written once: building a model per row and letting FastAPI validate the answer
    # again cost ten times the SQL for a weekly series of 100,000 events (docs/benchmarks.md).
    rows = [{**r, "period": None if r.get("period") is None else str(r["period"]),
             "events": int(r.get("events") or 0), "killed": int(r.get("killed") or 0)} for r in raw]
    totals: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        totals[r["period"]][0] += r["events"]
        totals[r["period"]][1] += r["killed"]
    series = [{"period": p, "events": v[0], "killed": v[1]}
              for p, v in sorted(totals.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))]
    body = {"by": by, "rows": [{k: r.get(k) for k in ROW_KEYS} | r for r in rows], "totals": series}
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), media_type="application/json")
