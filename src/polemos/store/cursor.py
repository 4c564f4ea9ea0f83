"""Keyset pagination: a cursor names the last event of a page in the listing order (date with
undated events last, then id), so the next page starts right after it without counting the rows
before it (OFFSET reads and throws away every earlier row; a cursor page costs the same anywhere).

A cursor is opaque to users: base64url of `DATE|ID` (`|ID` for an undated event)."""
from __future__ import annotations

import base64
import binascii
import datetime as dt

from polemos import errors
from polemos.errors import InputError

Key = tuple[dt.date | None, str]


def encode(date: dt.date | str | None, event_id: str) -> str:
    """The cursor after the event with this window start and id."""
    d = date.isoformat() if isinstance(date, dt.date) else (date or "")
    return base64.urlsafe_b64encode(f"{d}|{event_id}".encode()).decode().rstrip("=")


def decode(cursor: str) -> Key:
    """(date or None, id) of a cursor; InputError naming it when it is not one."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        d, sep, event_id = raw.partition("|")
        if not sep or not event_id:
            raise ValueError(raw)
        return (dt.date.fromisoformat(d) if d else None, event_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InputError(errors.BAD_CURSOR.format(value=cursor)) from None


def after_sql(cursor: str, row_values: bool = False) -> tuple[str, list]:
    """The WHERE condition of the rows after the cursor, in `ORDER BY date NULLS LAST, id`.
    `row_values`: as a row comparison `(date, id) > (?, ?)`, which PostgreSQL answers from its
    (date, id) index (migration 004); DuckDB scans either form, the expanded one faster."""
    d, event_id = decode(cursor)
    if d is None:
        return "(date IS NULL AND id > ?)", [event_id]
    if row_values:
        return "((date, id) > (?, ?) OR date IS NULL)", [d, event_id]
    return "(date > ? OR (date = ? AND id > ?) OR date IS NULL)", [d, d, event_id]


def is_after(key: Key, cursor: str | None) -> bool:
    """True when an event with this (window start, id) comes after the cursor (Python twin of after_sql)."""
    if cursor is None:
        return True
    d, event_id = decode(cursor)
    mine = (key[0] is None, key[0] or dt.date.min, key[1])
    return mine > (d is None, d or dt.date.min, event_id)
