"""What ingest reads from and writes to the store, straight through SQL (article by article).

sql_ingest.add_article runs the merge over an `IngestView`: this one (`SqlView`) answers every
read with a query and runs every write at once; the bulk view (sql_ingest_batch.BatchView) answers
them from the events it prefetched for a whole batch and writes the batch at its end. The two give
the same store (tests/test_bulk_merge.py); the merge rules are the merge loop's (merge/loop.py).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from polemos.merge import dates as merge_dates
from polemos.merge import totals
from polemos.merge.candidates import SEARCH_DAYS, published_window
from polemos.merge.cluster import ArticleInfo, Member, member_order
from polemos.merge.index import CandidateIndex
from polemos.models import Event, StoredEvent
from polemos.store.sql_cache import decode_event, narrow_rows
from polemos.store.sql_conn import SqlDb, as_date, marks
from polemos.store.sql_rows import ARTICLE_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS

AuditRow = tuple[str, str | None, str | None, str | None]


class Stored(Protocol):
    """An event as stored (before the article), with its part_of column."""

    @property
    def ev(self) -> StoredEvent: ...

    @property
    def part_of(self) -> str | None: ...

    def tally(self) -> int | None: ...


@dataclass
class StoredRow:
    ev: StoredEvent
    part_of: str | None

    def tally(self) -> int | None:
        return totals.tally(self.ev)


class StoredJson:
    """A stored event's JSON and part_of, decoded when first read (sql_cache.decode_event)."""

    __slots__ = ("_ev", "_tally", "data", "eid", "part_of")

    def __init__(self, eid: str, data: str, part_of: str | None) -> None:
        self.eid, self.data, self.part_of = eid, data, part_of
        self._ev: StoredEvent | None = None
        self._tally: int | None | bool = False     # False: not computed yet

    def tally(self) -> int | None:
        """merge.totals.tally of the event, computed once (relinking asks it of every neighbour)."""
        if self._tally is False:
            self._tally = totals.tally(self.ev)
        return self._tally

    @property
    def ev(self) -> StoredEvent:
        if self._ev is None:
            self._ev = decode_event(self.eid, self.data)
        return self._ev

    def decoded(self) -> bool:
        return self._ev is not None

    def set_decoded(self, ev: StoredEvent) -> None:
        self._ev = ev


Neighbour = tuple[str, "Stored", str, str | None, dt.date, dt.date]    # id, event, type, country, window
Region = tuple[list[str], dt.date, dt.date]                # types, first and last day


def prefetch_region(mentions: Sequence[Event], published: dt.date | None) -> Region | None:
    """The types and days of the stored events that could be candidates for these mentions (a
    superset of what merge.candidates.candidate accepts): their windows (or the article's
    publication week) padded by SEARCH_DAYS. None: no mention has a window."""
    windows = [w for w in (merge_dates.window(m) or published_window(published) for m in mentions) if w]
    if not windows:
        return None
    pad = dt.timedelta(days=SEARCH_DAYS)
    return sorted({m.type for m in mentions}), min(w[0] for w in windows) - pad, max(w[1] for w in windows) + pad


REGION_SQL = "((date <= ? AND date_end >= ?) OR (date IS NULL AND published <= ? AND published >= ?))"


def in_region(date: dt.date | None, end: dt.date | None, published: dt.date | None, lo: dt.date, hi: dt.date) -> bool:
    """REGION_SQL in Python (dated events overlapping the days; undated ones published in them)."""
    if date is not None:
        return end is not None and date <= hi and end >= lo
    return published is not None and lo <= published <= hi


class IngestView(Protocol):
    """The store as one article's ingest sees it (inside the open transaction)."""

    def stored_hash(self, article_id: str) -> str | None: ...
    def remove_article(self, article_id: str) -> list[str]: ...
    def insert_article(self, row: tuple, source: str) -> None: ...
    def prefetch(self, mentions: Sequence[Event], published: dt.date | None) -> Mapping[str, Stored]: ...
    def working(self, before: Mapping[str, Stored | None]) -> dict[str, StoredEvent]: ...
    def index(self) -> CandidateIndex | None: ...
    def members_of(self, eids: list[str]) -> dict[str, list[Member]]: ...
    def event(self, eid: str) -> Stored | None: ...
    def insert_mentions(self, rows: list[tuple], links: list[tuple[str, str]]) -> None: ...
    def move_links(self, drop: str, keep: str) -> None: ...
    def replace_events(self, delete: list[str], gone: list[str], rows: list[tuple],
                       members: dict[str, list[Member]]) -> None: ...
    def neighbourhood(self, types: list[str], hi: dt.date, lo: dt.date,
                      countries: set[str] | None = None) -> list[Neighbour]: ...
    def set_part_of(self, eid: str, part_of: str | None) -> None: ...
    def insert_audit(self, rows: list[AuditRow]) -> None: ...


class SqlView:
    """Every read a query, every write a statement, as the article is merged."""

    def __init__(self, db: SqlDb, add_source: Callable[[SqlDb, str], None]) -> None:
        self.db = db
        self.add_source = add_source    # SourceCache.add

    def stored_hash(self, article_id: str) -> str | None:
        row = self.db.rows("SELECT content_hash FROM articles WHERE id = ?", [article_id])
        return row[0][0] if row else None

    def remove_article(self, article_id: str) -> list[str]:
        """Delete a stored article and its mentions; returns the events its mentions belonged to."""
        db = self.db
        affected = [r[0] for r in db.rows(
            "SELECT DISTINCT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
            " WHERE m.article_id = ? ORDER BY 1", [article_id])]
        db.execute("DELETE FROM event_mentions WHERE mention_id IN (SELECT id FROM mentions WHERE article_id = ?)",
                   [article_id])
        db.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        return affected

    def insert_article(self, row: tuple, source: str) -> None:
        self.db.execute(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({marks(len(ARTICLE_COLUMNS))})",
                        list(row))
        self.add_source(self.db, source)

    def prefetch(self, mentions: Sequence[Event], published: dt.date | None) -> Mapping[str, Stored]:
        return prefetch(self.db, mentions, published)

    def working(self, before: Mapping[str, Stored | None]) -> dict[str, StoredEvent]:
        """The merge loop's ws.now: the prefetched events."""
        return {eid: s.ev for eid, s in before.items() if s is not None}

    def index(self) -> CandidateIndex | None:
        """None: the loop indexes ws.now itself."""
        return None

    def members_of(self, eids: list[str]) -> dict[str, list[Member]]:
        return members_of(self.db, eids)

    def event(self, eid: str) -> Stored | None:
        got = self.db.rows("SELECT data, part_of FROM events WHERE id = ?", [eid])
        return StoredRow(StoredEvent.model_validate_json(got[0][0]), got[0][1]) if got else None

    def insert_mentions(self, rows: list[tuple], links: list[tuple[str, str]]) -> None:
        self.db.insert_many("mentions", MENTION_COLUMNS, rows)
        self.db.insert_many("event_mentions", ("mention_id", "event_id"), links)

    def move_links(self, drop: str, keep: str) -> None:
        self.db.execute("UPDATE event_mentions SET event_id = ? WHERE event_id = ?", [keep, drop])

    def replace_events(self, delete: list[str], gone: list[str], rows: list[tuple],
                       members: dict[str, list[Member]]) -> None:
        """Delete `delete` (stored events rewritten or emptied), unlink the parts of `gone`
        (emptied), insert `rows`."""
        for i in range(0, len(delete), 200):
            chunk = delete[i:i + 200]
            self.db.execute(f"DELETE FROM events WHERE id IN ({marks(len(chunk))})", chunk)
        if gone:
            self.db.execute(f"UPDATE events SET part_of = NULL WHERE part_of IN ({marks(len(gone))})", gone)
        self.db.insert_many("events", EVENT_COLUMNS, rows)

    def neighbourhood(self, types: list[str], hi: dt.date, lo: dt.date,
                      countries: set[str] | None = None) -> list[Neighbour]:
        """Dated events of these types overlapping [lo, hi], by id (those in `countries` at
        least: the caller filters)."""
        rows = narrow_rows(self.db, "events", "id, data, part_of, type, country, date, date_end",
                           f" WHERE type IN ({marks(len(types))}) AND date <= ? AND date_end >= ?", [*types, hi, lo])
        return [(eid, StoredJson(eid, data, part_of), typ, country, as_date(start), as_date(end))  # type: ignore[misc]
                for eid, data, part_of, typ, country, start, end in sorted(rows)]

    def set_part_of(self, eid: str, part_of: str | None) -> None:
        self.db.execute("UPDATE events SET part_of = ? WHERE id = ?", [part_of, eid])

    def insert_audit(self, rows: list[AuditRow]) -> None:
        self.db.insert_many("audit", ("action", "article_id", "event_id", "detail"), rows)


def prefetch(db: SqlDb, mentions: Sequence[Event], published: dt.date | None) -> dict[str, StoredRow]:
    """Every stored event that could be a candidate for one of these mentions (prefetch_region),
    in one query."""
    region = prefetch_region(mentions, published)
    if region is None:
        return {}
    types, lo, hi = region
    rows = narrow_rows(db, "events", "id, data, part_of",
                       f" WHERE type IN ({marks(len(types))}) AND {REGION_SQL}", [*types, hi, lo, hi, lo])
    return {eid: StoredRow(decode_event(eid, data), part_of) for eid, data, part_of in sorted(rows)}


def members_of(db: SqlDb, eids: list[str]) -> dict[str, list[Member]]:
    """The members (key, mention, article) of several events, oldest first (member_order; sorted
    in Python: SQL text order depends on the server's collation), one query per 200 events."""
    out: dict[str, list[Member]] = {e: [] for e in eids}
    for i in range(0, len(eids), 200):
        chunk = eids[i : i + 200]
        for eid, mid, data, aid, src, pub in member_rows(db, chunk):
            out[eid].append((mid, Event.model_validate_json(data), ArticleInfo(aid, src, as_date(pub))))
    return {e: sorted(ms, key=member_order) for e, ms in out.items()}


def member_rows(db: SqlDb, chunk: list[str]) -> list[tuple]:
    """(event id, mention key, mention JSON, article id, source, published) of these events'
    members. DuckDB finds the mentions by their keys first and reads only their JSON by rowid
    (joining on the JSON-carrying table cost most of a merge into a large store)."""
    where = f" WHERE em.event_id IN ({marks(len(chunk))})"
    if db.backend != "duckdb":
        return db.rows("SELECT em.event_id, m.id, m.data, a.id, a.source, a.published FROM event_mentions em"
                       " JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id" + where,
                       chunk)
    keys = db.rows("SELECT em.event_id, m.rowid FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
                   + where, chunk)
    if not keys:
        return []
    found = {r: rest for r, *rest in db.rows(
        "SELECT m.rowid, m.id, m.data, a.id, a.source, a.published FROM mentions m"
        " JOIN articles a ON a.id = m.article_id WHERE m.rowid = ANY(?)", [[k[1] for k in keys]])}
    return [(eid, *found[r]) for eid, r in keys if r in found]


MEMBER_CHUNK = 500    # events per query of the chunked (PostgreSQL) path


def many_member_rows(db: SqlDb, ids: list[str]) -> list[tuple]:
    """sql_ingest_view.member_rows for many events at once. DuckDB: the links of the events, the
    mentions' rowids by key, then the JSON of those rows only (each a scan joined with the
    list, not one probe per id; joining the mentions on the links cost 0.8 s per 500 events at
    1,000,000 events)."""
    if db.backend != "duckdb":
        return [r for i in range(0, len(ids), MEMBER_CHUNK) for r in member_rows(db, ids[i:i + MEMBER_CHUNK])]
    if not ids:
        return []
    links = db.rows("SELECT event_id, mention_id FROM event_mentions WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                    [ids])
    if not links:
        return []
    rowids = db.rows("SELECT id, rowid FROM mentions WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                     [[m for _, m in links]])
    found = {mid: rest for mid, *rest in db.rows(
        "SELECT m.id, m.data, a.id, a.source, a.published FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE m.rowid = ANY(?)", [[r for _, r in rowids]])}
    return [(eid, mid, *found[mid]) for eid, mid in links if mid in found]
