"""The map's points as JSON text written by DuckDB, for the API's `format=points` answer.

Turning 10,000 rows into 70,000 Python values, rounding 20,000 coordinates in Python and
serialising them cost three times the SQL (docs/benchmarks.md). DuckDB writes each point's
`[id, lat, lon, type, date, killed, precision]` itself, with lat/lon rounded to five decimals.
Its `round(x, 5)` and its JSON text of a double are Python's `round` and pydantic-core's text
(tests/test_store_points_json.py compares them), except at a tie: Python rounds the exact binary
value half to even, DuckDB half away from zero. So a row whose coordinate lies within 1e-6 of a
tie (in units of the fifth decimal), is not finite, or whose text needs escaping (DuckDB writes
`\\u001F` where pydantic writes `\\u001f`) comes back as its raw values and is written by the
reference code (`point_row`) instead."""
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


def _near_tie(col: str) -> str:
    scaled = f"abs({col}) * {10 ** DECIMALS}"
    return f"abs({scaled} - floor({scaled}) - 0.5) < 1e-6"


_TEXT = "concat(id, type, precision)"
_SAFE = (f"isfinite(lat) AND isfinite(lon) AND NOT ({_near_tie('lat')}) AND NOT ({_near_tie('lon')})"
         f" AND length(to_json({_TEXT})) = length({_TEXT}) + 2")
_SELECT = (f"SELECT CASE WHEN {_SAFE} THEN json_array(id, round(lat, {DECIMALS}), round(lon, {DECIMALS}), type,"
           " CAST(date AS TEXT), killed, precision)::VARCHAR END,"
           f" CASE WHEN {_SAFE} THEN NULL ELSE json_array(id, lat, lon, type, CAST(date AS TEXT), killed,"
           " precision)::VARCHAR END FROM events")


def points_json(db: SqlDb, flt: EventFilter) -> list[str] | None:
    """The JSON text of each point event_points(flt) answers, as `point_row` of it serialised by
    pydantic-core; None when this backend does not write them (then use event_points)."""
    if db.backend != "duckdb":
        return None
    out = []
    for text, raw in point_rows(db, flt, _SELECT):
        if text is None:      # a tie, a non-finite value or escaped text: the reference writes it
            i, la, lo, t, d, k, prec = json.loads(raw)
            text = to_json(point_row((i, la, lo, t, d, k, prec))).decode()
        out.append(text)
    return out
