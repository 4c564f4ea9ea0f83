"""The review queue: events no person has decided yet (and reviewed events whose machine coding
changed since), most in need of a human first.

What needs a human, in the order a desk editor would say it: the machine changed an event people
had already settled; a toll (people die in it); low extraction confidence; an actor nobody has seen
in any other event (a new armed group, or a misread name); a single source; no date; a place only
known to the province or country.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import Any

from polemos.store.base import EventFilter, Store, StoredEvent

SCAN = 5000     # events looked at per queue request: the latest matching the filter (undated ones last)


def _actors(ev: StoredEvent) -> list[str]:
    return [(a.name or a.text or "").lower() for a in (ev.actor1, ev.actor2) if a and (a.name or a.text)]


def score(ev: StoredEvent, actor_seen: Counter) -> tuple[float, list[str]]:
    """How much this event needs a person, and why (the reasons shown beside it)."""
    s, why = 0.0, []
    if ev.needs_rereview:
        s += 10
        why.append("the machine's coding changed after review")
    killed = ev.killed.best if ev.killed and ev.killed.best else 0
    if killed:
        s += 1.5 * math.log1p(killed)
        why.append(f"{killed} killed")
    if ev.confidence < 0.6:
        s += 3 * (0.6 - ev.confidence) / 0.6 + 1
        why.append(f"low confidence ({ev.confidence:.2f})")
    new = [a for a in _actors(ev) if actor_seen[a] <= 1]
    if new:
        s += 1.5
        why.append("new actor: " + ", ".join(new))
    if ev.n_sources <= 1:
        s += 0.5
        why.append("one source")
    if not ev.date:
        s += 0.5
        why.append("no date")
    if ev.location is None or ev.location.precision in ("admin1", "country", "document", None):
        s += 0.5
        why.append("place not precise")
    return round(s, 3), why


Boost = Callable[[StoredEvent], tuple[float, str] | None]
"""An extra score term from a higher layer (the zones an event lies in): (points, reason) or None."""


def review_queue(store: Store, flt: EventFilter, limit: int = 50, boost: Boost | None = None) -> list[dict[str, Any]]:
    """[{event, score, reasons}] best first: unreviewed events, and reviewed ones flagged for re-review.
    `boost` adds a term the store layer cannot know (serve passes `zones.queue_boost(store)`)."""
    scan = flt.model_copy(update={"limit": None, "offset": 0, "reviewed": None})
    total = store.count_events(scan)
    evs = store.query_events(scan.model_copy(update={"limit": SCAN, "offset": max(0, total - SCAN)}))
    seen: Counter = Counter(a for e in evs for a in set(_actors(e)))
    todo = [e for e in evs if e.coded_by == "machine" or e.needs_rereview]
    def scored(e: StoredEvent) -> tuple[float, list[str]]:
        sc, why = score(e, seen)
        extra = boost(e) if boost else None
        return (round(sc + extra[0], 3), why + [extra[1]]) if extra else (sc, why)

    ranked = sorted(((scored(e), e) for e in todo), key=lambda t: (-t[0][0], t[1].id))
    return [{"event": e, "score": sc, "reasons": why} for (sc, why), e in ranked[:limit]]
