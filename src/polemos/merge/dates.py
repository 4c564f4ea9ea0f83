"""How two event dates relate, using each date's window (a day, a range, a week, a month)."""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

from polemos.models import Event

Relation = Literal["same", "overlap", "adjacent", "far", "unknown"]


def _parse(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def window(e: Event) -> tuple[dt.date, dt.date] | None:
    """The days the event may have happened on, from its date, end and precision."""
    start = _parse(e.date)
    if start is None:
        return None
    end = _parse(e.date_end)
    if end is None or end < start:
        if e.date_precision == "week":
            end = start + dt.timedelta(days=6)
        elif e.date_precision == "month":
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        elif e.date_precision == "year":
            end = start.replace(month=12, day=31)
        else:
            end = start
    return start, end


def relation(a: Event, b: Event) -> Relation:
    wa, wb = window(a), window(b)
    if wa is None or wb is None:
        return "unknown"
    if wa == wb and wa[0] == wa[1]:
        return "same"
    if wa[0] <= wb[1] and wb[0] <= wa[1]:
        return "overlap"
    gap = (wb[0] - wa[1]).days if wa[1] < wb[0] else (wa[0] - wb[1]).days
    return "adjacent" if gap <= 1 else "far"
