"""Idempotent ingest in one transaction: store articles and their mentions, merge them into events
with the merge loop (merge/loop.py) and write what changed, with an audit row per decision.

The store supplies the loop's inputs: the candidate events (one prefetch query), the members of
stored events when a mention first joins one (`members_of`), and the audit (`note`).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from polemos.merge import dates as merge_dates
from polemos.merge.candidates import SEARCH_DAYS, published_window
from polemos.merge.cluster import ArticleInfo, Member, combine, member_order, merge_order
from polemos.merge.keys import content_hash, source_name
from polemos.merge.loop import WorkingSet, follow, merge_article_mentions
from polemos.merge.memory import keyed_mentions
from polemos.merge.totals import link_totals
from polemos.models import Article, Event, StoredEvent
from polemos.store import event_counts
from polemos.store.sql_cache import decode_event, narrow_rows
from polemos.store.sql_conn import SqlDb, as_date, marks
from polemos.store.sql_rows import ARTICLE_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, event_row

AuditRow = tuple[str, str | None, str | None, str | None]
Before = dict[str, tuple[StoredEvent, str | None] | None]   # stored events (with part_of); None: new


@dataclass
class SourceCache:
    """Outlets known to be in the sources table (committed) and inserted in the open transaction."""

    known: set[str] = field(default_factory=set)
    pending: set[str] = field(default_factory=set)

    def add(self, db: SqlDb, src: str) -> None:
        if src not in self.known:
            db.execute("INSERT INTO sources (name) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM sources WHERE name = ?)",
                       [src, src])
            self.pending.add(src)


def add_articles(db: SqlDb, sources: SourceCache, pairs: list[tuple[Article, list[Event]]]) -> list[str]:
    """Several articles in ONE transaction (faster: one commit); statuses in order.
    All or nothing: a crash or an error leaves none of them stored."""
    db.execute("BEGIN")
    try:
        db.lock_writers()
        statuses = [add_article(db, sources, a, ms) for a, ms in pairs]
        if all(st == "unchanged" for st in statuses):
            db.execute("ROLLBACK")
        else:
            event_counts.sync(db)   # pre-aggregated counts (store/event_counts.py, migration 008)
            db.execute("COMMIT")
            sources.known |= sources.pending
        sources.pending = set()
        return statuses
    except BaseException:
        sources.pending = set()
        db.execute("ROLLBACK")
        raise


def add_article(db: SqlDb, sources: SourceCache, article: Article, mentions: list[Event]) -> str:
    """One article inside the open transaction: "added", "unchanged" or "replaced"."""
    h = content_hash(article)
    row = db.rows("SELECT content_hash FROM articles WHERE id = ?", [article.id])
    if row and row[0][0] == h:
        return "unchanged"
    status = "replaced" if row else "added"
    audit: list[AuditRow] = []

    def note(action: str, event_id: str | None = None, **detail: Any) -> None:
        audit.append((action, article.id, event_id, json.dumps(detail) if detail else None))

    affected = _remove_article(db, article.id) if row else []
    src = source_name(article)
    meta = article.model_dump(mode="json", exclude={"text"})
    db.execute(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({marks(len(ARTICLE_COLUMNS))})",
               [article.id, h, article.title, article.text, src, article.url, article.published,
                article.language, json.dumps(meta, ensure_ascii=False)])
    sources.add(db, src)
    note("article_" + status, mentions=len(mentions), hash=h[:16])
    info = ArticleInfo(article.id, src, article.published)
    keyed = keyed_mentions(article, mentions)
    # The working set: events as stored before this article (`before`, with part_of) and as they
    # become (ws.now), with their members; merging happens in memory, writing at the end.
    before: Before = dict(prefetch(db, keyed, info.published))
    ws = WorkingSet(now={eid: ev for eid, (ev, _) in before.items()})   # type: ignore[misc]
    merged = merge_article_mentions(keyed, info, ws, load=lambda eids: members_of(db, eids), note=note)
    for eid in merged.created:
        before[eid] = None
    for eid in affected:   # events that lost this article's old mentions
        if eid not in ws.members:
            ws.members.update(members_of(db, [eid]))
            if eid not in before:
                got = db.rows("SELECT data, part_of FROM events WHERE id = ?", [eid])
                before[eid] = (StoredEvent.model_validate_json(got[0][0]), got[0][1]) if got else None
    db.insert_many("mentions", MENTION_COLUMNS, [(keyed[i].id, article.id, i, keyed[i].type, as_date(keyed[i].date),
                                                  keyed[i].model_dump_json()) for i in merge_order(keyed)])
    db.insert_many("event_mentions", ("mention_id", "event_id"), merged.links)
    changed = {eid for _, eid in merged.links} | set(affected) | set(merged.absorbed) | set(merged.absorbed.values())
    audit += _write_events(db, article.id, ws, before, changed, merged.absorbed, note)
    db.insert_many("audit", ("action", "article_id", "event_id", "detail"), audit)
    return status


def _remove_article(db: SqlDb, article_id: str) -> list[str]:
    """Delete a stored article and its mentions; returns the events its mentions belonged to."""
    affected = [r[0] for r in db.rows(
        "SELECT DISTINCT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
        " WHERE m.article_id = ? ORDER BY 1", [article_id])]
    db.execute("DELETE FROM event_mentions WHERE mention_id IN (SELECT id FROM mentions WHERE article_id = ?)",
               [article_id])
    db.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM articles WHERE id = ?", [article_id])
    return affected


def _write_events(db: SqlDb, article_id: str, ws: WorkingSet, before: Before, changed: set[str],
                  absorbed: dict[str, str], note: Any) -> list[AuditRow]:
    """Rewrite the changed events from their members (deleting emptied ones), note revised
    counts, and relink totals around them; returns the audit rows of the relinking."""
    for drop, keep in sorted(absorbed.items()):
        if before.get(drop) is not None:   # its stored mentions now belong to the kept event
            db.execute("UPDATE event_mentions SET event_id = ? WHERE event_id = ?", [follow(absorbed, keep), drop])
    members = {eid: ms for eid, ms in ws.members.items() if eid in changed}
    gone = sorted(eid for eid, ms in members.items() if not ms and before.get(eid) is not None)
    rows = []
    for eid in sorted(members):
        ms = members[eid]
        if not ms:
            continue
        old = before.get(eid)
        ev = combine(eid, ms, part_of=old[1] if old else None)
        rows.append(event_row(ev, [m for _, m, _ in ms]))
        if old is not None:
            _note_revisions(old[0], ev, note)
    rewrite = sorted(eid for eid in members if before.get(eid) is not None)
    for i in range(0, len(rewrite), 200):
        chunk = rewrite[i:i + 200]
        db.execute(f"DELETE FROM events WHERE id IN ({marks(len(chunk))})", chunk)
    if gone:
        db.execute(f"UPDATE events SET part_of = NULL WHERE part_of IN ({marks(len(gone))})", gone)
        for eid in gone:
            note("event_deleted", eid)
    db.insert_many("events", EVENT_COLUMNS, rows)
    spots = [(r[1], r[5], r[3], r[4]) for r in rows if r[3] is not None]   # type, country, window
    return relink_totals(db, spots, article_id)


def _note_revisions(old: StoredEvent, new: StoredEvent, note: Any) -> None:
    for kind in ("killed", "injured", "displaced", "arrested"):
        a, b = getattr(old, kind), getattr(new, kind)
        va, vb = (a.best if a else None), (b.best if b else None)
        if va != vb:
            note("count_revised", new.id, kind=kind, **{"from": va, "to": vb})


def prefetch(db: SqlDb, mentions: Sequence[Event],
             published: dt.date | None) -> dict[str, tuple[StoredEvent, str | None]]:
    """Every stored event that could be a candidate for one of these mentions (a superset of
    what merge.candidates.candidate accepts), in one query."""
    windows = [w for w in (merge_dates.window(m) or published_window(published) for m in mentions) if w]
    if not windows:
        return {}
    types = sorted({m.type for m in mentions})
    pad = dt.timedelta(days=SEARCH_DAYS)
    hi, lo = max(w[1] for w in windows) + pad, min(w[0] for w in windows) - pad
    # undated events: only those reported around then can match (see match_score)
    rows = narrow_rows(
        db, "events", "id, data, part_of",
        f" WHERE type IN ({marks(len(types))}) AND ((date <= ? AND date_end >= ?)"
        " OR (date IS NULL AND published <= ? AND published >= ?))",
        [*types, hi, lo, hi, lo],
    )
    return {eid: (decode_event(eid, data), part_of) for eid, data, part_of in sorted(rows)}


def members_of(db: SqlDb, eids: list[str]) -> dict[str, list[Member]]:
    """The members (key, mention, article) of several events, oldest first (member_order; sorted
    in Python: SQL text order depends on the server's collation), one query per 200 events."""
    out: dict[str, list[Member]] = {e: [] for e in eids}
    for i in range(0, len(eids), 200):
        chunk = eids[i : i + 200]
        for eid, mid, data, aid, src, pub in _member_rows(db, chunk):
            out[eid].append((mid, Event.model_validate_json(data), ArticleInfo(aid, src, as_date(pub))))
    return {e: sorted(ms, key=member_order) for e, ms in out.items()}


def _member_rows(db: SqlDb, chunk: list[str]) -> list[tuple]:
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


def relink_totals(db: SqlDb, spots: list[tuple[str, str | None, dt.date, dt.date]], article_id: str) -> list[AuditRow]:
    """Recompute total/part links among the touched events (their type, country and window
    in `spots`) and their neighbours (same type, overlapping window, same country); returns
    the audit rows of the links changed."""
    if not spots:
        return []
    pad = dt.timedelta(days=SEARCH_DAYS)
    types = sorted({r[0] for r in spots})
    rows = narrow_rows(
        db, "events", "id, data, part_of, type, country, date, date_end",
        f" WHERE type IN ({marks(len(types))}) AND date <= ? AND date_end >= ?",
        [*types, max(r[3] for r in spots) + pad, min(r[2] for r in spots) - pad],
    )
    hood: dict[str, tuple[StoredEvent, str | None]] = {}
    for eid, data, part_of, typ, country, start, end in sorted(rows):
        if any(typ == t and start <= e + pad and end >= s - pad and (not c or country == c) for t, c, s, e in spots):
            hood[eid] = (decode_event(eid, data), part_of)
    links = link_totals([e for e, _ in sorted(hood.values(), key=lambda x: x[0].id)])
    notes: list[AuditRow] = []
    for eid, (_, part_of) in sorted(hood.items()):
        new = links.get(eid)
        if new != part_of:
            db.execute("UPDATE events SET part_of = ? WHERE id = ?", [new, eid])
            notes.append(("part_of_changed", article_id, eid, json.dumps({"from": part_of, "to": new})))
    return notes
