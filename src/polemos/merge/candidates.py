"""Which events a mention is compared with at all: the cheap filter in front of match_score,
shared by the store's transactional loop, the in-memory loop (merge/memory.py) and the batch
engine, so the three look at the same candidates."""
from __future__ import annotations

import datetime as dt

from polemos.merge import dates as merge_dates
from polemos.models import Event, StoredEvent

SEARCH_DAYS = 3   # candidate events are looked up this many days around a mention's window


def published_window(published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The days an undated mention may report: the week before its article's publication."""
    return (published - dt.timedelta(days=7), published) if published is not None else None


def candidate(m: Event, ev: StoredEvent, published: dt.date | None) -> bool:
    """Whether `ev` is looked at for mention `m` at all: same type and status, compatible
    country, and a date window near the mention's (or its article's publication); a mention
    with neither looks only at events of its own article."""
    if ev.type != m.type or ev.status != m.status:
        return False
    if m.location is not None and m.location.country and ev.location is not None and ev.location.country \
            and ev.location.country != m.location.country and not (
                "document" in (m.location.precision, ev.location.precision) and m.document_id in ev.document_ids):
        return False      # (a place only inherited from the article says nothing against its own story's)
    w = merge_dates.window(m) or published_window(published)
    if w is None:
        return m.document_id in ev.document_ids
    we = merge_dates.window(ev)
    pad = dt.timedelta(days=SEARCH_DAYS)
    return we is None or (we[0] <= w[1] + pad and we[1] >= w[0] - pad)
