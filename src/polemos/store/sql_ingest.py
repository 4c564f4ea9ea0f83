"""Idempotent ingest in one transaction: store articles and their mentions, merge them into events
with the merge loop (merge/loop.py) and write what changed, with an audit row per decision.

`add_article` merges one article over an ingest view (sql_ingest_view.IngestView) that supplies
the loop's inputs: the candidate events, the members of stored events when a mention first joins
one, and takes the writes. `add_articles` runs a batch through the bulk view
(sql_ingest_batch.BatchView: one candidate query for the batch, the writes at its end);
`bulk=False` runs it article by article straight through SQL (SqlView), the reference the bulk
path is tested against (tests/test_bulk_merge.py).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from polemos.merge.candidates import SEARCH_DAYS
from polemos.merge.cluster import ArticleInfo, combine, merge_order
from polemos.merge.keys import content_hash, source_name
from polemos.merge.loop import Note, WorkingSet, follow, merge_article_mentions
from polemos.merge.memory import keyed_mentions
from polemos.merge.totals import link_totals
from polemos.models import Article, Event, StoredEvent
from polemos.store import event_counts
from polemos.store.sql_conn import SqlDb, as_date
from polemos.store.sql_ingest_batch import BatchView
from polemos.store.sql_ingest_view import AuditRow, IngestView, SqlView, Stored, members_of
from polemos.store.sql_rows import event_row

__all__ = ["SourceCache", "add_article", "add_articles", "members_of"]

Before = dict[str, Stored | None]   # stored events (with part_of); None: new


@dataclass
class SourceCache:
    """Outlets known to be in the sources table (committed) and inserted in the open transaction."""

    known: set[str] = field(default_factory=set)
    pending: set[str] = field(default_factory=set)

    def add(self, db: SqlDb, src: str) -> None:
        if src not in self.known and src not in self.pending:
            db.execute("INSERT INTO sources (name) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM sources WHERE name = ?)",
                       [src, src])
            self.pending.add(src)


def add_articles(db: SqlDb, sources: SourceCache, pairs: list[tuple[Article, list[Event]]],
                 bulk: bool = True) -> list[str]:
    """Several articles in ONE transaction (faster: one commit); statuses in order.
    All or nothing: a crash or an error leaves none of them stored."""
    db.execute("BEGIN")
    try:
        db.lock_writers()
        if bulk:
            view = BatchView(db, sources.add)
            view.begin(pairs)
            statuses = [add_article(view, a, ms) for a, ms in pairs]
            view.flush()
        else:
            direct = SqlView(db, sources.add)
            statuses = [add_article(direct, a, ms) for a, ms in pairs]
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


def add_article(v: IngestView, article: Article, mentions: list[Event]) -> str:
    """One article inside the open transaction: "added", "unchanged" or "replaced"."""
    h = content_hash(article)
    stored = v.stored_hash(article.id)
    if stored == h:
        return "unchanged"
    status = "replaced" if stored is not None else "added"
    audit: list[AuditRow] = []

    def note(action: str, event_id: str | None = None, **detail: Any) -> None:
        audit.append((action, article.id, event_id, json.dumps(detail) if detail else None))

    affected = v.remove_article(article.id) if stored is not None else []
    src = source_name(article)
    meta = article.model_dump(mode="json", exclude={"text"})
    v.insert_article((article.id, h, article.title, article.text, src, article.url, article.published,
                      article.language, json.dumps(meta, ensure_ascii=False)), src)
    note("article_" + status, mentions=len(mentions), hash=h[:16])
    info = ArticleInfo(article.id, src, article.published)
    keyed = keyed_mentions(article, mentions)
    # The working set: events as stored before this article (`before`, with part_of) and as they
    # become (ws.now), with their members; merging happens in memory, writing at the end.
    before: Before = v.prefetch(keyed, info.published)   # type: ignore[assignment]
    ws = WorkingSet(now=v.working(before))
    index = v.index()      # the bulk view's: members come from the batch's one read, no eager load
    merged = merge_article_mentions(keyed, info, ws, load=v.members_of, note=note, index=index,
                                    eager_members=index is None)
    for eid in merged.created:
        before[eid] = None
    for eid in affected:   # events that lost this article's old mentions
        if eid not in ws.members:
            ws.members.update(v.members_of([eid]))
            if eid not in before:
                before[eid] = v.event(eid)
    v.insert_mentions([(keyed[i].id, article.id, i, keyed[i].type, as_date(keyed[i].date), keyed[i].model_dump_json())
                       for i in merge_order(keyed)], merged.links)
    changed = {eid for _, eid in merged.links} | set(affected) | set(merged.absorbed) | set(merged.absorbed.values())
    audit += _write_events(v, article.id, ws, before, changed, merged.absorbed, note)
    v.insert_audit(audit)
    return status


def _write_events(v: IngestView, article_id: str, ws: WorkingSet, before: Before, changed: set[str],
                  absorbed: dict[str, str], note: Note) -> list[AuditRow]:
    """Rewrite the changed events from their members (deleting emptied ones), note revised
    counts, and relink totals around them; returns the audit rows of the relinking."""
    for drop, keep in sorted(absorbed.items()):
        if before.get(drop) is not None:   # its stored mentions now belong to the kept event
            v.move_links(drop, follow(absorbed, keep))
    members = {eid: ms for eid, ms in ws.members.items() if eid in changed}
    gone = sorted(eid for eid, ms in members.items() if not ms and before.get(eid) is not None)
    rows = []
    for eid in sorted(members):
        ms = members[eid]
        if not ms:
            continue
        old = before.get(eid)
        ev = combine(eid, ms, part_of=old.part_of if old else None)
        rows.append(event_row(ev, [m for _, m, _ in ms]))
        if old is not None:
            _note_revisions(old.ev, ev, note)
    for eid in gone:
        note("event_deleted", eid)
    v.replace_events(sorted(eid for eid in members if before.get(eid) is not None), gone, rows, ws.members)
    spots = [(r[1], r[5], r[3], r[4]) for r in rows if r[3] is not None]   # type, country, window
    return relink_totals(v, spots, article_id)


def _note_revisions(old: StoredEvent, new: StoredEvent, note: Note) -> None:
    for kind in ("killed", "injured", "displaced", "arrested"):
        a, b = getattr(old, kind), getattr(new, kind)
        va, vb = (a.best if a else None), (b.best if b else None)
        if va != vb:
            note("count_revised", new.id, kind=kind, **{"from": va, "to": vb})


def relink_totals(v: IngestView, spots: list[tuple[str, str | None, dt.date, dt.date]],
                  article_id: str) -> list[AuditRow]:
    """Recompute total/part links among the touched events (their type, country and window
    in `spots`) and their neighbours (same type, overlapping window, same country); returns
    the audit rows of the links changed."""
    if not spots:
        return []
    pad = dt.timedelta(days=SEARCH_DAYS)
    types = sorted({r[0] for r in spots})
    hood: dict[str, tuple[Stored, str | None]] = {}
    countries = None if any(not r[1] for r in spots) else {r[1] for r in spots if r[1]}
    padded = [(t, c, s - pad, e + pad) for t, c, s, e in spots]
    for eid, stored, typ, country, start, end in v.neighbourhood(
            types, max(r[3] for r in spots) + pad, min(r[2] for r in spots) - pad, countries):
        if any(typ == t and start <= e and end >= s and (not c or country == c) for t, c, s, e in padded):
            hood[eid] = (stored, stored.part_of)
    # link_totals looks only at events with a place and a figure, and links none unless one of
    # them lies above level 0 (a total is coarser than its parts): most neighbourhoods (issue 17)
    tallies = {eid: stored.tally() for eid, (stored, _) in hood.items()}
    links = link_totals([hood[eid][0].ev for eid in sorted(hood) if tallies[eid] is not None]) \
        if any(tallies.values()) else {}
    notes: list[AuditRow] = []
    for eid, (_, part_of) in sorted(hood.items()):
        new = links.get(eid)
        if new != part_of:
            v.set_part_of(eid, new)
            notes.append(("part_of_changed", article_id, eid, json.dumps({"from": part_of, "to": new})))
    return notes
