"""GET /health: is the server up, which store does it serve, how many events."""
from __future__ import annotations

from fastapi import APIRouter, Request

from polemos.api.schemas import Health
from polemos.store.base import EventFilter
from polemos.version import __version__

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(request: Request) -> Health:
    store = request.app.state.store
    n = store(store.store.count_events, EventFilter())
    # The backend kind only: a server URL may carry a password.
    db = "postgresql" if "://" in request.app.state.settings.db else "duckdb"
    return Health(status="ok", version=__version__, db=db, events=n,
                  max_limit=request.app.state.settings.max_limit)
