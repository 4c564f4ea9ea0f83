"""The events table's physical order (issue 17, docs/benchmarks.md "Read path at 1,000,000 events").

Every listing is ordered by (date, id). DuckDB keeps min/max statistics per row group (122,880
rows): when the rows are stored in that order, a page's top-N sort skips every row group past
the page's last date (its dynamic filter), a cursor page skips the ones before the cursor and the
map's date bound skips the rest. In an unordered table each page scans all 1,000,000 rows. News
arrives roughly in date order, so a store grown by ingest stays nearly ordered; a bulk load of
old events (or a synthetic store) does not, and `polemos db optimize` rewrites it in order.
PostgreSQL answers pages from its (date, id) index (migration 004); CLUSTER puts the heap in the
same order, so the rows of a page or of a bounding box sit in few pages."""
from __future__ import annotations

from polemos.store.sql_conn import SqlDb

ORDER = "date NULLS LAST, id"


def disorder(db: SqlDb) -> int:
    """How many events are stored right after an event listed after them (0: in listing order).
    PostgreSQL: the heap order is not exposed (ctid), so its planner statistic stands in: the
    (date) correlation below 0.9 counts as unordered (1), otherwise 0."""
    if db.backend == "postgres":
        got = db.rows("SELECT correlation FROM pg_stats WHERE tablename = 'events' AND attname = 'date'")
        return 0 if got and got[0][0] is not None and got[0][0] >= 0.9 else 1
    return int(db.rows(
        "SELECT count(*) FROM (SELECT date, id, lag(date) OVER w AS pd, lag(id) OVER w AS pid FROM events"
        " WINDOW w AS (ORDER BY rowid)) t WHERE pid IS NOT NULL AND (pd IS NULL AND date IS NOT NULL"
        " OR date < pd OR date = pd AND id < pid OR date IS NULL AND pd IS NULL AND id < pid)")[0][0])


def order_events(db: SqlDb) -> None:
    """Rewrite the events table in listing order, in one transaction (all or nothing): the same
    rows, columns, constraints and indexes, and the same answers to every query."""
    if db.backend == "postgres":
        db.execute("CLUSTER events USING events_date_id")     # (date, id): migration 004
        db.execute("ANALYZE events")
        return
    db.execute("BEGIN")
    try:
        db.execute(f"CREATE TEMP TABLE events_in_order AS SELECT * FROM events ORDER BY {ORDER}")
        db.execute("DELETE FROM events")
        db.execute("INSERT INTO events SELECT * FROM events_in_order")
        db.execute("DROP TABLE events_in_order")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("CHECKPOINT")      # the deleted row groups' space is reused at once
