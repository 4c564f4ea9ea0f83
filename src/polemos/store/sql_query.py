"""Reading the SQL store: filters as WHERE clauses over the filter columns, events from their JSON.

A page is found on the narrow columns first and only its rows' JSON is read: carrying the JSON
through DuckDB's sort of a whole table cost ten times the page itself (docs/benchmarks.md). On
DuckDB the sort itself is bounded first: the date of the page's last row (a top-N over one integer
column) limits the (date, id) sort to the rows up to that day, a few thousand of 1,000,000."""
from __future__ import annotations

import json
import weakref
from typing import Any

from polemos.models import Article, Event, StoredEvent
from polemos.store import cursor as cursors
from polemos.store import event_counts
from polemos.store.base import EventFilter, Point
from polemos.store.sql_conn import SqlDb
from polemos.store.sql_ingest import members_of

BOUND_FROM_ROWS = 50_000   # matching events (or all, when the counts cannot tell) before a page is bounded
# per store: (WHERE clause, parameters, [(day, events)]) of the last count_events that scanned the
# events, taken (once) by the listing read right after it (the API counts, then reads its page)
_DAYS: weakref.WeakKeyDictionary[Any, tuple[str, list[Any], list[tuple]]] = weakref.WeakKeyDictionary()
# per store: (WHERE clause, parameters, events) of the last count_events answered without a scan
# (the whole table, the per-day counts of 008): the listing's bound only asks whether the matching
# events are many, so a count from just before is as good as its own
_TOTAL: weakref.WeakKeyDictionary[Any, tuple[str, list[Any], int]] = weakref.WeakKeyDictionary()
# per store: the bound day a top-N found, by (clause, parameters, offset+limit, events counted).
# Any day is a correct bound when offset+limit matching rows are dated up to it; when not, the
# page comes back short, is read unbounded, and the remembered days are forgotten (`unbounded`)
_BOUNDS: weakref.WeakKeyDictionary[Any, dict[tuple, Any]] = weakref.WeakKeyDictionary()


def where(flt: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (empty when nothing filters) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, *vals: Any) -> None:
        clauses.append(clause)
        params.extend(vals)

    if flt.country:
        add("country = ?", flt.country.upper())
    if flt.type:
        add("type = ?", flt.type.upper())
    if flt.since:
        add("date_end >= ?", flt.since)
    if flt.until:
        add("date <= ?", flt.until)
    if flt.actor:
        add("actors LIKE ?", f"%{flt.actor.lower()}%")
    if flt.bbox:
        w, s, e, n = flt.bbox
        add("lon >= ? AND lon <= ? AND lat >= ? AND lat <= ?", w, e, s, n)
    if flt.status:
        add("status = ?", flt.status)
    if flt.text:
        add("evidence LIKE ?", f"%{flt.text.lower()}%")
    if flt.acled_event_type:
        add("acled_event_type = ?", flt.acled_event_type)
    if flt.document_id:
        add("id IN (SELECT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
            " WHERE m.article_id = ?)", flt.document_id)
    if flt.top_level:
        add("part_of IS NULL")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def page(flt: EventFilter) -> str:
    """The ORDER BY / LIMIT / OFFSET every event listing shares."""
    sql = " ORDER BY date NULLS LAST, id"
    if flt.limit is not None:
        sql += f" LIMIT {int(flt.limit)}"
    if flt.offset:
        sql += f" OFFSET {int(flt.offset)}"
    return sql


def paged_where(flt: EventFilter, backend: str = "duckdb") -> tuple[str, list[Any]]:
    """where() plus the keyset condition of flt.cursor (a listing's page; counts ignore the cursor)."""
    clause, params = where(flt)
    if flt.cursor:
        cond, vals = cursors.after_sql(flt.cursor, row_values=backend == "postgres")
        clause += (" AND " if clause else " WHERE ") + cond
        params = params + vals
    return clause, params


def bounded_where(db: SqlDb, flt: EventFilter, extra: str = "") -> tuple[str, list[Any]]:
    """paged_where(flt) (and `extra`), narrowed on DuckDB to the rows dated up to the page's last
    row. The page's rows in (date, id) order are the first offset+limit; all are dated on or
    before any day by which offset+limit matching rows are dated, so the narrowed sort gives the
    same page (a caller whose narrowed page comes back short reads it unbounded: `unbounded`).
    The day comes from the per-day counts count_events just took of the same filter, else from a
    top-N over the date column. No bound when the page reaches undated events or the end of the
    listing, nor for a cursor page (its condition already narrows the sort)."""
    clause, params = where(flt)
    last = _DAYS.pop(db, None)
    # `extra` (the map's "has coordinates") is implied by a bbox: then the counts are the same rows
    days = last[2] if last and last[:2] == (clause, params) and (not extra or flt.bbox) else None
    if extra:
        clause += (" AND " if clause else " WHERE ") + extra
    if flt.cursor:
        cond, vals = cursors.after_sql(flt.cursor, row_values=db.backend == "postgres")
        return clause + (" AND " if clause else " WHERE ") + cond, params + vals
    if db.backend != "duckdb" or flt.limit is None or flt.offset + int(flt.limit) <= 0:
        return clause, params
    k = flt.offset + int(flt.limit)
    # on few rows the sort is cheap and the bound's own scan is not (make bench's 20,000 events)
    total = _TOTAL.pop(db, None)
    if days is not None:
        rows = sum(n for _, n in days)
    elif total is not None and total[:2] == (clause, params) and (not clause or event_counts.answers(flt)):
        rows = total[2]
    else:
        rows = (event_counts.count(db, flt) if clause and event_counts.answers(flt)
                else int(db.rows("SELECT count(*) FROM events")[0][0]))     # DuckDB: from the table's metadata
    if rows < BOUND_FROM_ROWS:
        return clause, params
    if days is not None:
        bound = _day_of(days, k)
    else:
        bound = _top_day(db, clause, params, k, rows)
    if bound is None:
        return clause, params
    return clause + (" AND " if clause else " WHERE ") + "date <= ?", [*params, bound]


def _top_day(db: SqlDb, clause: str, params: list[Any], k: int, rows: int) -> Any:
    """The date of the k-th matching row (a top-N over the date column), remembered per store."""
    memo = _BOUNDS.setdefault(db, {})
    key = (clause, tuple(params), k, rows)
    if key not in memo:
        got = db.rows(f"SELECT date FROM events{clause} ORDER BY date NULLS LAST LIMIT 1 OFFSET {k - 1}", params)
        if len(memo) >= 256:
            memo.clear()
        memo[key] = got[0][0] if got else None
    return memo[key]


def _day_of(days: list[tuple], k: int) -> Any:
    """The first day by which k of these (day, events) are dated (None: not before the undated)."""
    seen = 0
    for day, n in sorted((d, n) for d, n in days if d is not None):
        seen += n
        if seen >= k:
            return day
    return None


def unbounded(db: SqlDb, rows: list[tuple], flt: EventFilter, bounded: str, plain: str) -> bool:
    """True when a page read with bounded_where's narrowing must be read again without it: it came
    back short (rows written since the per-day counts were taken or the bound day was found), so it
    may miss rows; the remembered bound days are then forgotten."""
    short = bounded != plain and flt.limit is not None and len(rows) < int(flt.limit)
    if short:
        _BOUNDS.pop(db, None)
    return short


def page_rows(db: SqlDb, flt: EventFilter) -> list[tuple]:
    """(data, part_of) of the page's events, in listing order."""
    return _page(db, flt)[0]


def _page(db: SqlDb, flt: EventFilter) -> tuple[list[tuple], dict[str, list[str]] | None]:
    """page_rows(flt) and, when read with them (DuckDB), the parts of those events (else None)."""
    clause, params = paged_where(flt, db.backend)
    if db.backend != "duckdb" or flt.limit is None:
        if db.backend == "postgres" and flt.cursor and flt.limit is not None:
            return _pg_after(db, flt), None
        # PostgreSQL walks its (date, id) index and stops at the page (migration 004)
        return db.rows(f"SELECT data, part_of FROM events{clause}" + page(flt), params), None
    bounded, bparams = bounded_where(db, flt)
    keys = db.rows(f"SELECT rowid, id FROM events{bounded}" + page(flt), bparams)
    if unbounded(db, keys, flt, bounded, clause):
        keys = db.rows(f"SELECT rowid, id FROM events{clause}" + page(flt), params)
    if not keys:
        return [], None
    # the rows by rowid and their parts in one statement (one query fewer per page)
    found: dict[Any, tuple] = {}
    covered: dict[str, list[str]] = {}
    for r, i, data, part_of, is_part in db.rows(
            "SELECT rowid, id, data, part_of, false FROM events WHERE rowid = ANY(?) UNION ALL"
            " SELECT NULL, id, NULL, part_of, true FROM events WHERE part_of = ANY(?)",
            [[k[0] for k in keys], [k[1] for k in keys]]):
        if is_part:
            covered.setdefault(part_of, []).append(i)
        else:
            found[r] = (i, data, part_of)
    out = []
    for r, i in keys:
        hit = found.get(r)
        if hit is None or hit[0] != i:      # rows moved between the two reads: read in one go
            return db.rows(f"SELECT data, part_of FROM events{clause}" + page(flt), params), None
        out.append(hit[1:])
    return out, {total: sorted(ids) for total, ids in covered.items()}


def _pg_after(db: SqlDb, flt: EventFilter) -> list[tuple]:
    """A cursor page on PostgreSQL: the dated rows after the cursor and the undated ones, each a
    range of the (date, id) index (an OR of the two would make it scan from the start)."""
    d, event_id = cursors.decode(flt.cursor or "")
    clause, params = where(flt)
    if d is None:      # already among the undated: one index range
        clause, params = paged_where(flt, db.backend)
        return db.rows(f"SELECT data, part_of FROM events{clause}" + page(flt), params)
    n = flt.offset + int(flt.limit or 0)
    and_ = " AND " if clause else " WHERE "
    dated = f"SELECT data, part_of, date, id FROM events{clause}{and_}(date, id) > (?, ?) ORDER BY date, id LIMIT {n}"
    undated = f"SELECT data, part_of, date, id FROM events{clause}{and_}date IS NULL ORDER BY id LIMIT {n}"
    return db.rows(f"SELECT data, part_of FROM (({dated}) UNION ALL ({undated})) u"
                   f" ORDER BY date NULLS LAST, id LIMIT {int(flt.limit or 0)} OFFSET {int(flt.offset)}",
                   [*params, d, event_id, *params])


def parts(db: SqlDb, ids: list[str]) -> dict[str, list[str]]:
    """The local events each of these totals covers."""
    out: dict[str, list[str]] = {}
    # one list parameter: DuckDB plans `IN (?, ?, ...)` of a page's 101 ids slower than it runs it
    for i in range(0, len(ids), 5000):
        for pid, total in db.rows("SELECT id, part_of FROM events WHERE part_of = ANY(?) ORDER BY id",
                                  [ids[i:i + 5000]]):
            out.setdefault(total, []).append(pid)
    return out


def query_events(db: SqlDb, flt: EventFilter) -> list[StoredEvent]:
    events = []
    rows, found = _page(db, flt)
    for data, part_of in rows:
        ev = StoredEvent.model_validate_json(data)
        ev.part_of = part_of
        events.append(ev)
    if found is None:
        found = parts(db, [e.id for e in events])
    for e in events:
        e.parts = found.get(e.id, [])
    return events


POINT_SELECT = "SELECT id, lat, lon, type, CAST(date AS TEXT), killed, precision FROM events"
HAS_POINT = "lat IS NOT NULL AND lon IS NOT NULL"


def point_rows(db: SqlDb, flt: EventFilter, select: str = POINT_SELECT) -> list[tuple]:
    """DuckDB: `select` (FROM events) over the located events matching flt, in listing order and
    paged, the sort bounded as a page's (bounded_where) and read again unbounded when short."""
    clause, params = bounded_where(db, flt, HAS_POINT)
    got = db.rows(select + clause + page(flt), params)
    plain, pparams = where(flt)      # the same clause without the day bound, in bounded_where's order
    plain += (" AND " if plain else " WHERE ") + HAS_POINT
    if flt.cursor:
        cond, vals = cursors.after_sql(flt.cursor)
        plain, pparams = plain + " AND " + cond, pparams + vals
    return db.rows(select + plain + page(flt), pparams) if unbounded(db, got, flt, clause, plain) else got


def event_points(db: SqlDb, flt: EventFilter) -> list[Point]:
    """The map's rows straight from the filter columns (no JSON parsed); see Store.event_points."""
    if db.backend == "duckdb":     # its date as text is ISO whatever the settings: rows as they come
        return point_rows(db, flt)
    clause, params = bounded_where(db, flt, HAS_POINT)
    rows = db.rows(f"SELECT id, lat, lon, type, date, killed, precision FROM events{clause}" + page(flt), params)
    return [(i, float(la), float(lo), t, d.isoformat() if d is not None else None,
             None if k is None else int(k), p) for i, la, lo, t, d, k, p in rows]


def count_events(db: SqlDb, flt: EventFilter) -> int:
    clause, params = where(flt)
    # country/type/dates only: the pre-aggregated counts (DuckDB counts a whole table from its metadata)
    if event_counts.answers(flt) and (clause or db.backend != "duckdb"):
        n = event_counts.count(db, flt)
        _TOTAL[db] = (clause, params, n)
        return n
    if event_counts.answers_actor(flt):      # an actor search alone: the counts per actor text (009)
        return event_counts.count_actor(db, flt)
    if clause and db.backend == "duckdb":
        # per day, for the same price as the count: the listing that follows knows where its page
        # ends without a top-N of its own (bounded_where)
        days = db.rows(f"SELECT date, count(*) FROM events{clause} GROUP BY date", params)
        _DAYS[db] = (clause, params, days)
        return sum(int(n) for _, n in days)
    n = int(db.rows(f"SELECT count(*) FROM events{clause}", params)[0][0])
    if not clause and db.backend == "duckdb":
        _TOTAL[db] = (clause, params, n)
    return n


def get_event(db: SqlDb, event_id: str) -> StoredEvent | None:
    rows = db.rows("SELECT data, part_of FROM events WHERE id = ?", [event_id])
    if not rows:
        return None
    ev = StoredEvent.model_validate_json(rows[0][0])
    ev.part_of = rows[0][1]
    ev.parts = parts(db, [event_id]).get(event_id, [])
    ev.mentions = [m for _, m, _ in members_of(db, [event_id])[event_id]]
    return ev


def get_article(db: SqlDb, article_id: str) -> Article | None:
    rows = db.rows("SELECT data, text FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    return Article(**{**json.loads(rows[0][0]), "text": rows[0][1]})


def article_mentions(db: SqlDb, article_id: str) -> list[Event]:
    rows = db.rows("SELECT m.data, em.event_id FROM mentions m LEFT JOIN event_mentions em"
                   " ON em.mention_id = m.id WHERE m.article_id = ? ORDER BY m.seq", [article_id])
    out = []
    for data, eid in rows:
        m = Event.model_validate_json(data)
        m.extra = {**m.extra, "event_id": eid}
        out.append(m)
    return out
