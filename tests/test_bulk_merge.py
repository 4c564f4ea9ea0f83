"""The bulk merge of a batch (issue 17) gives the store the article-by-article merge gives: the
same events (every column), members, mentions, articles, sources and audit, on DuckDB and
PostgreSQL, for the merge corpus repeated close together in time (so articles of one batch
merge with each other, with events stored by earlier batches, revise counts and relink totals),
with changed and repeated articles inside a batch."""
from __future__ import annotations

import pytest

from polemos.models import Article, Event
from polemos.store import open_store, sql_cache
from polemos.store.bench import shifted
from polemos.store.sql_ingest import add_articles
from polemos.store.sql_rows import EVENT_COLUMNS

Pairs = list[tuple[Article, list[Event]]]


def corpus(copies: int, days: int, tag: str = "c") -> Pairs:
    """The merge corpus `copies` times, each copy's dates moved `days` later than the last."""
    return shifted(copies, days, tag)


def changed(pairs: Pairs) -> Pairs:
    """The same articles with another text (and a mention less): re-ingesting replaces them."""
    return [(a.model_copy(update={"text": a.text + " (updated)"}), ms[:-1] if len(ms) > 1 else ms) for a, ms in pairs]


def snapshot(store) -> dict:
    db = store.inner
    assert store.check() == []
    return {
        "events": db.rows(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY id"),
        "links": db.rows("SELECT mention_id, event_id FROM event_mentions ORDER BY mention_id"),
        "mentions": db.rows("SELECT id, article_id, seq, type, date, data FROM mentions ORDER BY id"),
        "articles": db.rows("SELECT id, content_hash, title, source, url, published, language, data"
                            " FROM articles ORDER BY id"),
        "sources": db.rows("SELECT name FROM sources ORDER BY name"),
        "audit": db.rows("SELECT action, article_id, event_id, detail FROM audit ORDER BY id"),
    }


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def new_store(request, tmp_path):
    """Makes empty stores on one backend: a DuckDB file each, or a fresh PostgreSQL database."""
    names = iter(range(100))
    if request.param == "duckdb":
        return lambda: str(tmp_path / f"s{next(names)}.duckdb")
    pg = request.getfixturevalue("pg_server")
    return pg.new_database


def background(pairs: Pairs) -> list[Event]:
    """Stored events beside the corpus's days: its mentions placed in another country, or
    nowhere (those are candidates for every mention; the others for none)."""
    out = []
    for a, ms in pairs:
        for i, m in enumerate(ms):
            if m.location is not None:
                moved = m.location.model_copy(update={"country": "LBN"})
                out.append(m.model_copy(update={"id": f"bg-{a.id}-{i}-lbn", "location": moved}))
            out.append(m.model_copy(update={"id": f"bg-{a.id}-{i}-nowhere", "location": None}))
    return out


def ingest_both(new_store, batches: list[Pairs], stored: tuple[Event, ...] | list[Event] = ()) -> tuple[dict, dict, list, list]:
    """The batches ingested article by article into one store and in bulk into another (both
    holding the `stored` events first)."""
    out = []
    for bulk in (False, True):
        sql_cache.clear()
        with open_store(new_store()) as s:
            if stored:
                s.add_events_bulk(stored)
            statuses = [add_articles(s.inner, s.inner.sources, b, bulk=bulk) for b in batches]
            out.append((snapshot(s), statuses))
    (a, sa), (b, sb) = out
    return a, b, sa, sb


def assert_same(a: dict, b: dict) -> None:
    for part in a:
        assert a[part] == b[part], part


def test_bulk_merge_equals_article_by_article(new_store):
    close = corpus(6, 2)                        # copies two days apart: they merge with each other
    batches = [close[:12], close[12:30], close[30:] + changed(close[3:8]) + close[:2], changed(close[20:23])]
    a, b, sa, sb = ingest_both(new_store, batches, background(close[6:18:3]))
    assert sa == sb
    assert {"added", "replaced", "unchanged"} <= {s for st in sa for s in st}
    assert_same(a, b)
    actions = {r[0] for r in a["audit"]}
    assert {"mention_merged", "event_created", "article_replaced"} <= actions
    assert len(a["events"]) > 10 and len(a["links"]) > len(a["events"])


def test_bulk_merge_of_one_batch_holding_an_article_twice(new_store):
    """An article changed inside the batch that first added it, then repeated unchanged."""
    far = corpus(3, 9, tag="f")
    again = changed(far[:4])
    a, b, sa, sb = ingest_both(new_store, [far + again + again[:2]])
    assert sa == sb
    assert_same(a, b)


def test_events_decoded_by_an_earlier_batch_are_read_again_once_rewritten(new_store):
    """The bulk merge keeps decoded events between batches (sql_cache.versioned). Another writer
    (here the article-by-article path, which does not use that cache) rewrites events a batch
    read; the next bulk batch must merge into the rewritten events, not the ones it decoded."""
    close = corpus(4, 1, tag="v")              # copies a day apart: every batch meets the others' events
    # the other writer replaces the first copy's articles (a mention less) and adds the third's
    first, second, other, last = close[:6], close[6:12], changed(close[:6]) + close[12:18], close[18:]
    out = []
    for bulk in (False, True):
        sql_cache.clear()
        with open_store(new_store()) as s:
            db = s.inner
            add_articles(db, db.sources, first, bulk=bulk)
            add_articles(db, db.sources, second, bulk=bulk)      # decodes (and keeps) first's events
            seen = dict(db.rows("SELECT id, data FROM events"))
            add_articles(db, db.sources, other, bulk=False)      # the other writer
            rewritten = {e for e, d in db.rows("SELECT id, data FROM events") if e in seen and seen[e] != d}
            add_articles(db, db.sources, last, bulk=bulk)
            out.append((snapshot(s), rewritten))
    (a, rewritten), (b, _) = out
    assert rewritten                           # the other writer did change events the cache held
    assert_same(a, b)


@pytest.mark.slow
def test_bulk_merge_equals_article_by_article_at_scale(tmp_path):
    """A few thousand articles (the corpus 400 times, copies a day apart) in batches of 500."""
    pairs = corpus(400, 1)
    batches = [pairs[i:i + 500] for i in range(0, len(pairs), 500)]
    names = iter(range(10))
    a, b, sa, sb = ingest_both(lambda: str(tmp_path / f"big{next(names)}.duckdb"), batches)
    assert sa == sb
    assert_same(a, b)
