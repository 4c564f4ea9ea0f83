"""An EventFilter tested in Python on one event, with the meaning the store's SQL gives it, so
events a person changed are filtered by what they now say."""
from __future__ import annotations

import datetime as dt

from polemos.merge import actors as merge_actors
from polemos.merge import dates as merge_dates
from polemos.models import Event
from polemos.store.base import EventFilter, StoredEvent


def window_start(ev: Event) -> dt.date | None:
    w = merge_dates.window(ev)
    return w[0] if w else None


def order_key(ev: StoredEvent) -> tuple:
    """The store's listing order: date (undated last), then id."""
    d = window_start(ev)
    return (d is None, d or dt.date.min, ev.id)


def matches(ev: StoredEvent, flt: EventFilter, mentions: list[Event]) -> bool:
    """True when the store's filter columns, computed from this event, would pass `flt`."""
    loc = ev.location
    w = merge_dates.window(ev)
    tests = [
        (flt.country, lambda: loc is not None and loc.country == (flt.country or "").upper()),
        (flt.type, lambda: ev.type == (flt.type or "").upper()),
        (flt.since, lambda: w is not None and flt.since is not None and w[1] >= flt.since),
        (flt.until, lambda: w is not None and flt.until is not None and w[0] <= flt.until),
        (flt.actor, lambda: (flt.actor or "").lower() in merge_actors.search_text(ev)),
        (flt.bbox, lambda: _in_bbox(ev, flt.bbox)),
        (flt.status, lambda: ev.status == flt.status),
        (flt.text, lambda: (flt.text or "").lower() in "\n".join(m.evidence.text for m in mentions).lower()),
        (flt.acled_event_type, lambda: ev.acled_event_type == flt.acled_event_type),
        (flt.document_id, lambda: any(m.document_id == flt.document_id for m in mentions)),
        (flt.top_level, lambda: ev.part_of is None),
    ]
    return all(test() for given, test in tests if given)


def _in_bbox(ev: StoredEvent, bbox: tuple[float, float, float, float] | None) -> bool:
    loc = ev.location
    if bbox is None or loc is None or loc.lat is None or loc.lon is None:
        return False
    w, s, e, n = bbox
    return w <= loc.lon <= e and s <= loc.lat <= n
