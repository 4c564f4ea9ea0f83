"""The map's points as JSON text written by DuckDB, for the API's `format=points` answer.

Turning 10,000 rows into 70,000 Python values, rounding 20,000 coordinates in Python and
serialising them cost three times the SQL (docs/benchmarks.md). DuckDB writes each point's
`[id, lat, lon, type, date, killed, precision]` itself, with lat/lon rounded to five decimals.
Its `round(x, 5)` and its JSON text of a double are Python's `round` and pydantic-core's text
(tests/test_store_points_json.py compares them), except at a tie: Python rounds the exact binary
value half to even, DuckDB half away from zero. So a row with a coordinate within 1e-6 of a tie
(in units of the fifth decimal) or not finite comes back as its raw values, marked, and is
written by the reference code (`point_row`). The one text difference, DuckDB's `\\u001F` for
pydantic's `\\u001f`, is mended by rewriting the few rows with a `\\u` escape."""
from __future__ import annotations

import json
from typing import Any

from pydantic_core import to_json

from polemos.store.base import EventFilter, Point
from polemos.store.sql_conn import SqlDb
from polemos.store.sql_query import point_rows

DECIMALS = 5


def point_row(p: Point) -> list[Any]:
    """The API's row of a point (the reference): coordinates rounded to DECIMALS."""
    i, la, lo, t, d, k, prec = p
    return [i, round(la, DECIMALS), round(lo, DECIMALS), t, d if d is None else str(d), k, prec]


def _off_tie(col: str) -> str:
    scaled = f"abs({col}) * {10 ** DECIMALS}"
    return f"abs({scaled} - floor({scaled}) - 0.5) >= 1e-6"     # false for NaN and infinities too


RAW = "\x00"      # marks a raw row (JSON text never holds a raw NUL)
_SELECT = (f"SELECT CASE WHEN {_off_tie('lat')} AND {_off_tie('lon')} THEN json_array(id, round(lat, {DECIMALS}),"
           f" round(lon, {DECIMALS}), type, CAST(date AS TEXT), killed, precision)::VARCHAR"
           " ELSE chr(0) || json_array(id, lat, lon, type, CAST(date AS TEXT), killed, precision)::VARCHAR END"
           " FROM events")


def points_json(db: SqlDb, flt: EventFilter) -> list[str] | None:
    """The JSON text of each point event_points(flt) answers, as `point_row` of it serialised by
    pydantic-core; None when this backend does not write them (then use event_points)."""
    if db.backend != "duckdb":
        return None
    out = [r[0] for r in point_rows(db, flt, _SELECT)]
    joined = "".join(out)            # one scan in C for the rare rows to mend
    if RAW in joined or "\\u" in joined:
        out = [_mend(t) for t in out]
    return out


def _mend(text: str) -> str:
    if text.startswith(RAW):        # a tie or a non-finite coordinate: the reference rounds it
        i, la, lo, t, d, k, prec = json.loads(text[1:])
        return to_json(point_row((i, la, lo, t, d, k, prec))).decode()
    if "\\u" in text:               # not a tie: DuckDB's rounded doubles are Python's, re-written
        return to_json(json.loads(text)).decode()
    return text
