"""An alert as sent on every channel and kept in the store."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class AlertEvent(BaseModel):
    id: str
    type: str
    mode: str | None = None
    date: str | None = None
    place: str | None = None
    country: str | None = None
    admin1: str | None = None
    killed: int | None = None
    displaced: int | None = None
    actor1: str | None = None
    evidence: str
    sources: list[str] = []
    link: str


class Alert(BaseModel):
    id: str
    rule: str
    fired_at: str                      # ISO timestamp (UTC)
    kind: str                          # the trigger: any, count, toll, escalation
    place: str                         # the place the trigger counted over ("SYR/Idlib", "all")
    summary: str
    measure: dict[str, Any] = {}       # the figures that fired it (window, count, killed, baseline)
    events: list[AlertEvent]
    link: str                          # the dashboard, filtered to the rule's place and window
    deliveries: dict[str, str] = {}    # channel -> "sent" or the error
