"""Pre-aggregated event counts (migration 008): events and killed per (first day, last day, type,
country), kept up to date on write, so /stats and a listing's total read a few thousand rows
instead of every event (docs/benchmarks.md: 1,000,000 events).

Write side: `sync(db)`, called once in every write transaction just before COMMIT, finds the
events the transaction wrote (their `updated_at` is the transaction's start: DuckDB and PostgreSQL
both fix current_timestamp for a transaction) and the ones it deleted (the counted copies left
over), takes their old contributions out of event_counts and puts the new ones in. It needs no
list from the writer, so any write path (merging, bulk loads) stays correct with one call.

Read side: the counts hold every event; totals and their parts (few) are corrected when read, the
same way stats always counted them: a total with parts is not an event of its own, and a part's
killed belongs to its total."""
from __future__ import annotations

import datetime as dt
from typing import Any

from polemos.store.base import EventFilter
from polemos.store.sql_conn import SqlDb

KEY = ("coalesce(CAST(day AS TEXT), '-') || '|' || coalesce(CAST(day_end AS TEXT), '-') || '|' || type"
       " || '|' || coalesce('c' || country, '-')")
COLS = "day, day_end, type, country"
WRITTEN = "SELECT id FROM events WHERE updated_at >= CAST(current_timestamp AS TIMESTAMP)"
UPSERT = (f"INSERT INTO event_counts (k, {COLS}, events, killed) SELECT {KEY}, {COLS}, {{sign}}count(*),"
          f" {{sign}}sum(killed) FROM {{source}} GROUP BY {COLS} ON CONFLICT (k) DO UPDATE SET"
          " events = event_counts.events + excluded.events, killed = event_counts.killed + excluded.killed")
# events per actor search text (migration 009): an actor search's total without a scan of every event
ACTOR_UPSERT = ("INSERT INTO actor_counts (actors, events) SELECT actors, {sign}count(*) FROM {source}"
                " WHERE actors IS NOT NULL GROUP BY actors ON CONFLICT (actors) DO UPDATE SET"
                " events = actor_counts.events + excluded.events")
ACTOR_STALE = ("SELECT count(*) FROM (SELECT actors, count(*) AS n FROM events WHERE actors IS NOT NULL"
               " GROUP BY actors) a FULL JOIN actor_counts b ON a.actors = b.actors"
               " WHERE a.n IS DISTINCT FROM b.events")
# the integrity check (sql_check): groups whose counts differ from a recount of the events
STALE = (f"SELECT count(*) FROM (SELECT {KEY} AS k, count(*) AS n, sum(killed) AS kd FROM (SELECT date AS day,"
         " date_end AS day_end, type, country, coalesce(killed, 0) AS killed FROM events) e"
         f" GROUP BY {COLS}) a FULL JOIN event_counts b ON a.k = b.k"
         " WHERE a.n IS DISTINCT FROM b.events OR a.kd IS DISTINCT FROM b.killed")
# the filters the counts can answer (every other field must be unset)
COUNTED_FIELDS = {"country", "type", "since", "until", "limit", "offset", "cursor"}
PERIODS = {"week": "CAST(date_trunc('week', day) AS DATE)", "month": "CAST(date_trunc('month', day) AS DATE)",
           "day": "day", "none": "CAST(NULL AS DATE)"}


def sync(db: SqlDb) -> None:
    """Bring event_counts up to date with the events this transaction wrote or deleted (call in
    the open transaction, before COMMIT)."""
    if not db.rows(WRITTEN + " LIMIT 1"):
        _take_back_deleted(db)
        return
    mine = f"(SELECT * FROM event_counted WHERE id IN ({WRITTEN})) c"
    db.execute(UPSERT.format(sign="-", source=mine))
    db.execute(ACTOR_UPSERT.format(sign="-", source=mine))
    db.execute(f"DELETE FROM event_counted WHERE id IN ({WRITTEN})")
    db.execute(f"INSERT INTO event_counted (id, {COLS}, killed, actors) SELECT id, date, date_end, type, country,"
               " coalesce(killed, 0), actors FROM events WHERE updated_at >= CAST(current_timestamp AS TIMESTAMP)")
    now = f"(SELECT {COLS}, killed, actors FROM event_counted WHERE id IN ({WRITTEN})) c"
    db.execute(UPSERT.format(sign="", source=now))
    db.execute(ACTOR_UPSERT.format(sign="", source=now))
    _take_back_deleted(db)
    db.execute("DELETE FROM event_counts WHERE events = 0")
    db.execute("DELETE FROM actor_counts WHERE events = 0")


def _take_back_deleted(db: SqlDb) -> None:
    """Counted copies of events no longer stored: every stored event has its copy now, so equal
    row counts mean none (a cheap check; the anti-join runs only after a deletion)."""
    n_events, n_counted = db.rows("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_counted)")[0]
    if n_events == n_counted:
        return
    gone = "SELECT id FROM event_counted c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = c.id)"
    db.execute(UPSERT.format(sign="-", source=f"(SELECT * FROM event_counted WHERE id IN ({gone})) c"))
    db.execute(ACTOR_UPSERT.format(sign="-", source=f"(SELECT * FROM event_counted WHERE id IN ({gone})) c"))
    db.execute(f"DELETE FROM event_counted WHERE id IN ({gone})")
    db.execute("DELETE FROM event_counts WHERE events = 0")
    db.execute("DELETE FROM actor_counts WHERE events = 0")


def answers(flt: EventFilter) -> bool:
    """True when the counts can answer this filter (country, type, since, until only)."""
    return all(not v or name in COUNTED_FIELDS for name, v in flt)


def answers_actor(flt: EventFilter) -> bool:
    """True when actor_counts can answer this filter's total (an actor search and nothing else)."""
    return bool(flt.actor) and all(not v or name in ("actor", "limit", "offset", "cursor") for name, v in flt)


def count_actor(db: SqlDb, flt: EventFilter) -> int:
    """count_events of a filter that `answers_actor` accepts: the events of every matching text
    (the same LIKE as sql_query.where, over the distinct texts)."""
    got = db.rows("SELECT coalesce(sum(events), 0) FROM actor_counts WHERE actors LIKE ?",
                  [f"%{(flt.actor or '').lower()}%"])
    return int(got[0][0])


def where(flt: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause over event_counts of a filter that `answers` accepts (same meaning as
    sql_query.where on events: since is on the window's end, until on its start)."""
    clauses, params = [], []
    for cond, val in (("country = ?", flt.country and flt.country.upper()), ("type = ?", flt.type and flt.type.upper()),
                      ("day_end >= ?", flt.since), ("day <= ?", flt.until)):
        if val:
            clauses.append(cond)
            params.append(val)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def count(db: SqlDb, flt: EventFilter) -> int:
    """count_events of a filter that `answers` accepts."""
    clause, params = where(flt)
    return int(db.rows(f"SELECT coalesce(sum(events), 0) FROM event_counts{clause}", params)[0][0])


def _period(d: dt.date | None, by: str) -> dt.date | None:
    if d is None or by == "none":
        return None
    if by == "week":
        return d - dt.timedelta(days=d.weekday())
    return d.replace(day=1) if by == "month" else d


def stats(db: SqlDb, flt: EventFilter, by: str, events_where: tuple[str, list[Any]]) -> list[dict[str, Any]]:
    """sql_check.stats of a filter that `answers` accepts, from the counts; `events_where` is the
    same filter on the events table (for the totals and parts corrected here)."""
    clause, params = where(flt)
    # sums cast to BIGINT: DuckDB's HUGEINT sums cost more to hand to Python than the query itself
    rows = db.rows(f"SELECT {PERIODS[by]} AS p, type, country, CAST(sum(events) AS BIGINT),"
                   f" CAST(sum(killed) AS BIGINT) FROM event_counts{clause}"
                   " GROUP BY 1, 2, 3 ORDER BY 1 NULLS LAST, 2, 3 NULLS LAST", params)
    totals = [r[0] for r in db.rows("SELECT DISTINCT part_of FROM events WHERE part_of IS NOT NULL")]
    if not totals:
        return [{"period": p.isoformat() if p else None, "type": t, "country": c, "events": int(n), "killed": int(k)}
                for p, t, c, n, k in rows]
    out = {(p, t, c): [int(n), int(k)] for p, t, c, n, k in rows}
    ev_clause, ev_params = events_where
    and_ = " AND " if ev_clause else " WHERE "
    linked = db.rows(f"SELECT id, date, type, country, coalesce(killed, 0), part_of FROM events{ev_clause}"
                     f"{and_}(part_of IS NOT NULL OR id = ANY(?))", [*ev_params, totals])
    is_total = set(totals)
    for eid, d, t, c, killed, part_of in linked:
        row = out.setdefault((_period(d, by), t, c), [0, 0])
        row[0] -= eid in is_total
        row[1] -= killed if part_of is not None else 0
    return [{"period": p.isoformat() if p else None, "type": t, "country": c, "events": n, "killed": k}
            for (p, t, c), (n, k) in out.items()]
