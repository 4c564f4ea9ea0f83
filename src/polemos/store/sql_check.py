"""Aggregates and integrity of the SQL store: stats, sizes, and the consistency check."""
from __future__ import annotations

import json
from typing import Any

from polemos.merge.keys import content_hash
from polemos.models import Article
from polemos.store import event_counts
from polemos.store.base import EventFilter
from polemos.store.sql_conn import SqlDb
from polemos.store.sql_query import where
from polemos.store.sql_schema import latest_version, schema_version

PERIODS = {"week": "CAST(date_trunc('week', date) AS DATE)", "month": "CAST(date_trunc('month', date) AS DATE)",
           "day": "date", "none": "CAST(NULL AS DATE)"}

CHECKS = {
    "mentions not linked to an event":
        "SELECT count(*) FROM mentions m LEFT JOIN event_mentions em ON em.mention_id = m.id"
        " WHERE em.event_id IS NULL",
    "links to a missing mention":
        "SELECT count(*) FROM event_mentions em LEFT JOIN mentions m ON m.id = em.mention_id WHERE m.id IS NULL",
    "links to a missing event":
        "SELECT count(*) FROM event_mentions em LEFT JOIN events e ON e.id = em.event_id WHERE e.id IS NULL",
    "events without mentions":
        "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions em WHERE em.event_id = e.id)",
    "events whose n_mentions is wrong":
        "SELECT count(*) FROM events e WHERE n_mentions <>"
        " (SELECT count(*) FROM event_mentions em WHERE em.event_id = e.id)",
    "mentions of a missing article":
        "SELECT count(*) FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE a.id IS NULL",
    "parts of a missing total":
        "SELECT count(*) FROM events e WHERE part_of IS NOT NULL AND NOT EXISTS"
        " (SELECT 1 FROM events t WHERE t.id = e.part_of)",
    "articles of an unknown source":
        "SELECT count(*) FROM articles a LEFT JOIN sources s ON s.name = a.source WHERE s.name IS NULL",
    "pre-aggregated event counts out of date (migration 008)": event_counts.STALE,
    "actor search counts (actor_counts) out of date (migration 009)": event_counts.ACTOR_STALE,
}


def stats(db: SqlDb, flt: EventFilter, by: str = "week") -> list[dict[str, Any]]:
    period = PERIODS.get(by)
    if period is None:
        raise ValueError(f"stats by {by!r}: expected week, month, day or none")
    clause, params = where(flt)
    if event_counts.answers(flt):      # country/type/dates only: the pre-aggregated counts
        return event_counts.stats(db, flt, by, (clause, params))
    # The totals that have parts, read first (few, and found on one narrow column): without them
    # every event is counted, and the per-row subquery is left out of the scan.
    totals = [r[0] for r in db.rows("SELECT DISTINCT part_of FROM events WHERE part_of IS NOT NULL")]
    counted = "sum(CASE WHEN id = ANY(?) THEN 0 ELSE 1 END)" if totals else "count(*)"
    sql = (f"SELECT {period} AS p, type, country, {counted},"
           " sum(CASE WHEN part_of IS NULL THEN coalesce(killed, 0) ELSE 0 END)"
           f" FROM events{clause} GROUP BY 1, 2, 3 ORDER BY 1 NULLS LAST, 2, 3 NULLS LAST")
    params = ([totals] if totals else []) + params
    return [{"period": p.isoformat() if p else None, "type": t, "country": c, "events": int(n), "killed": int(k)}
            for p, t, c, n, k in db.rows(sql, params)]


def summary(db: SqlDb) -> dict[str, int]:
    out = {}
    for table in ("articles", "mentions", "events", "sources"):
        out[table] = int(db.rows(f"SELECT count(*) FROM {table}")[0][0])
    out["totals"] = int(db.rows("SELECT count(DISTINCT part_of) FROM events WHERE part_of IS NOT NULL")[0][0])
    return out


def article_languages(db: SqlDb) -> dict[str, int]:
    """Stored articles not in English (kept unread, issue 18), by language code ('und': unknown)."""
    rows = db.rows("SELECT coalesce(language, 'und'), count(*) FROM articles"
                   " WHERE language IS NULL OR language <> 'en' GROUP BY 1 ORDER BY 2 DESC, 1")
    return {str(lang): int(n) for lang, n in rows}


def check(db: SqlDb) -> list[str]:
    problems: list[str] = []
    for what, sql in CHECKS.items():
        n = int(db.rows(sql)[0][0])
        if n:
            problems.append(f"{n} {what}")
    for aid, h, data, text in db.rows("SELECT id, content_hash, data, text FROM articles"):
        a = Article(**{**json.loads(data), "text": text})
        if content_hash(a) != h:
            problems.append(f"article {aid}: content does not match its hash")
    v, known = schema_version(db), latest_version()
    if v != known:
        problems.append(f"schema version {v}, expected {known}")
    return problems
