"""Prebuilt events stored as they are (synthetic stores, imports): no merging, one transaction."""
from __future__ import annotations

import json
from collections import Counter

from polemos import errors
from polemos.errors import InputError
from polemos.merge.keys import content_hash
from polemos.models import Article, StoredEvent
from polemos.store import event_counts
from polemos.store.sql_conn import SqlDb, marks
from polemos.store.sql_ingest import SourceCache
from polemos.store.sql_rows import ARTICLE_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, bulk_rows


def _stored_duplicate(db: SqlDb, ids: list[str]) -> str | None:
    """The first of these event ids already stored, if any."""
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        got = db.rows(f"SELECT id FROM events WHERE id IN ({marks(len(chunk))}) ORDER BY id LIMIT 1", chunk)
        if got:
            return got[0][0]
    return None


def _stored_articles(db: SqlDb, aids: list[str]) -> set[str]:
    stored: set[str] = set()
    for i in range(0, len(aids), 500):
        chunk = aids[i:i + 500]
        stored |= {r[0] for r in db.rows(f"SELECT id FROM articles WHERE id IN ({marks(len(chunk))})", chunk)}
    return stored


def add_events_bulk(db: SqlDb, sources: SourceCache, evs: list[StoredEvent]) -> int:
    """Prebuilt events stored as they are, in one transaction (see Store.add_events_bulk)."""
    if not evs:
        return 0
    ids = [e.id for e in evs]
    dup = next((i for i, c in Counter(ids).items() if c > 1), None)
    event_rows, mention_rows, links, texts, meta = bulk_rows(evs)
    db.execute("BEGIN")
    try:
        db.lock_writers()
        dup = dup or _stored_duplicate(db, ids)
        if dup is not None:
            raise InputError(errors.STORE_BULK_DUPLICATE.format(db=db.url, event_id=dup))
        aids = sorted(texts)
        stored = _stored_articles(db, aids)
        articles = []
        for aid in aids:
            if aid in stored:
                continue
            src, published = meta[aid]
            a = Article(id=aid, text="\n".join(texts[aid]), source=src, published=published, title="prebuilt events")
            articles.append((aid, content_hash(a), a.title, a.text, src, None, published, None,
                             json.dumps(a.model_dump(mode="json", exclude={"text"}), ensure_ascii=False)))
        # a mention of a stored article keeps its own offsets into that article's text
        rows = [(*r[:5], (r[5] if r[1] in stored else r[6]).model_dump_json()) for r in mention_rows]
        new_sources = sorted({a[4] for a in articles} - sources.known)
        for src in new_sources:
            db.execute("INSERT INTO sources (name) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM sources WHERE name = ?)",
                       [src, src])
        db.insert_bulk("articles", ARTICLE_COLUMNS, articles)
        db.insert_bulk("mentions", MENTION_COLUMNS, rows)
        db.insert_bulk("event_mentions", ("mention_id", "event_id"), links)
        db.insert_bulk("events", EVENT_COLUMNS, event_rows)
        db.execute("INSERT INTO audit (action, article_id, event_id, detail) VALUES (?, ?, ?, ?)",
                   ["events_bulk_added", None, None, json.dumps({"events": len(evs), "articles": len(articles)})])
        event_counts.sync(db)   # pre-aggregated counts (store/event_counts.py, migration 008)
        db.execute("COMMIT")
        sources.known |= set(new_sources)
        return len(evs)
    except BaseException:
        db.execute("ROLLBACK")
        raise
