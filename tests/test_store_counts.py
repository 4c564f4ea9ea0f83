"""Pre-aggregated event counts (issue 17, migration 008) on a real DuckDB file and a real PostgreSQL
server: stats and listing totals read from the counts answer exactly what the scan of every event
answered before, after merging (totals and their parts), replaced and retracted articles, bulk
loads, a failed batch, and the upgrade of a store made before the counts existed."""
from __future__ import annotations

import datetime as dt

import pytest

from polemos.merge.measure import DEFAULT_CORPUS, load_corpus
from polemos.models import Actor, Article, Count, Event, Evidence, Place
from polemos.store import EventFilter, event_counts, open_store, sql_query
from polemos.store.sql_check import PERIODS
from polemos.store.sql_query import where
from test_store_scale import FILTERS as PAGE_FILTERS
from test_store_scale import events as scale_events
from test_store_scale import one_query

ATARIB = Place(name="Atarib", country="SYR", admin1="13", lat=36.1389, lon=36.8297, precision="place")
FILTERS = [EventFilter(), EventFilter(country="syr"), EventFilter(type="ASSAULT"),
           EventFilter(since=dt.date(2020, 2, 9)), EventFilter(until=dt.date(2020, 2, 9)),
           EventFilter(country="SYR", type="ASSAULT", since=dt.date(2020, 2, 1), until=dt.date(2020, 3, 1)),
           EventFilter(country="NGA"), EventFilter(type="PROTEST", since=dt.date(2031, 1, 1))]


def old_stats(s, flt: EventFilter, by: str) -> list[dict]:
    """GET /stats as the store answered it before the counts: one scan of every event."""
    clause, params = where(flt)
    sql = (f"SELECT {PERIODS[by]} AS p, type, country,"
           " sum(CASE WHEN EXISTS (SELECT 1 FROM events t WHERE t.part_of = events.id) THEN 0 ELSE 1 END),"
           " sum(CASE WHEN part_of IS NULL THEN coalesce(killed, 0) ELSE 0 END)"
           f" FROM events{clause} GROUP BY 1, 2, 3 ORDER BY 1 NULLS LAST, 2, 3 NULLS LAST")
    return [{"period": p.isoformat() if p else None, "type": t, "country": c, "events": int(n), "killed": int(k)}
            for p, t, c, n, k in s.inner.rows(sql, params)]


def old_count(s, flt: EventFilter) -> int:
    clause, params = where(flt)
    return int(s.inner.rows(f"SELECT count(*) FROM events{clause}", params)[0][0])


ACTORS = ["russia", "RUS", "mil", "protesters", "|", "a", "zzz", "gunmen|"]


def same_answers(s) -> None:
    for actor in ACTORS:                      # the counts per actor text (migration 009)
        flt = EventFilter(actor=actor)
        assert event_counts.answers_actor(flt)
        assert s.count_events(flt) == old_count(s, flt), actor
    for flt in FILTERS:
        assert event_counts.answers(flt)
        assert s.count_events(flt) == old_count(s, flt), flt
        for by in ("week", "month", "day"):
            assert s.stats(flt, by) == old_stats(s, flt, by), (flt, by)
    assert s.check() == []


def strike(text: str, aid: str, published: str, killed: int | None, day: str = "2020-02-09") -> tuple:
    ev = Event(id="m", type="ASSAULT", actor1=Actor(name="Russia", country="RUS", sector="MIL"), date=day,
               date_precision="day", location=ATARIB, killed=Count(best=killed) if killed is not None else None,
               evidence=Evidence(text=text, start=0, end=len(text)))
    return Article(id=aid, text=text, source=aid.upper(), published=dt.date.fromisoformat(published)), [ev]


def bulk(n: int) -> list[Event]:
    out = []
    for i in range(n):
        s = f"Protesters marched in Town{i}."
        day = None if i % 7 == 3 else (dt.date(2020, 1, 20) + dt.timedelta(days=i)).isoformat()
        out.append(Event(id=f"ev_cnt{i:03d}", document_id=f"cnt-doc-{i}", type="PROTEST" if i % 2 else "ASSAULT",
                         date=day, date_precision="day" if day else "unknown", killed=Count(best=i % 3),
                         location=Place(name=f"Town{i}", country="NGA" if i % 3 else "SYR", precision="place")
                         if i % 4 else None, evidence=Evidence(text=s, start=0, end=len(s))))
    return out


def test_counts_answer_as_the_scan_through_merges_and_rewrites(store_url):
    pairs, _ = load_corpus(DEFAULT_CORPUS)
    with open_store(store_url) as s:
        for art, ms in pairs:                       # merging: totals linked to their parts
            s.add_article(art, ms)
        assert any(e.parts for e in s.query_events(EventFilter()))
        same_answers(s)
        s.add_events_bulk(bulk(40))
        same_answers(s)
        s.add_article(*strike("Russian jets killed 15 people in Atarib.", "x1", "2020-02-10", 15))
        s.add_article(*strike("Russian jets killed 17 people in Atarib.", "x1", "2020-02-10", 17, "2020-03-02"))
        same_answers(s)                             # replaced: the event moved to another day
        s.add_article(Article(id="x1", text="Retracted.", source="X1"), [])
        same_answers(s)                             # retracted: the event is gone
        with pytest.raises(AttributeError):         # a failed batch leaves the counts as they were
            s.add_articles([strike("Russian jets killed 3 people in Atarib.", "x2", "2020-02-11", 3),
                            (Article(id="x3", text="t", source="X3"), ["not a mention"])])
        same_answers(s)


def test_store_made_before_the_counts_is_upgraded_with_them(store_url):
    with open_store(store_url) as s:
        s.add_events_bulk(bulk(30))
        s.inner.execute("DROP TABLE actor_counts")
        s.inner.execute("DROP TABLE event_counts")
        s.inner.execute("DROP TABLE event_counted")
        if "://" in store_url:
            s.inner.execute("DROP INDEX IF EXISTS events_updated_at")
            s.inner.execute("DROP INDEX IF EXISTS events_lon_lat")
        s.inner.execute("DELETE FROM schema_version WHERE version >= 8")
    with open_store(store_url) as s:               # migrations 008 and 009 count the stored events
        assert s.schema_version() >= 8
        same_answers(s)


def test_stale_counts_are_reported_by_check(store_url):
    with open_store(store_url) as s:
        s.add_events_bulk(bulk(10))
        s.inner.execute("UPDATE event_counts SET events = events + 1 WHERE type = 'PROTEST'")
        assert any("event counts out of date" in p for p in s.check())
        assert not any("actor_counts" in p for p in s.check())
        s.inner.execute("DELETE FROM actor_counts WHERE actors = (SELECT min(actors) FROM actor_counts)")
        assert any("actor search counts (actor_counts) out of date" in p for p in s.check())


def test_other_filters_still_scan_the_events(store_url):
    with open_store(store_url) as s:
        s.add_events_bulk(bulk(30))
        for flt in (EventFilter(actor="protesters", country="NGA"), EventFilter(bbox=(0, 0, 10, 10)),
                    EventFilter(top_level=True)):
            assert not event_counts.answers(flt) and not event_counts.answers_actor(flt)
            assert s.count_events(flt) == old_count(s, flt)
            assert s.stats(flt, "week") == old_stats(s, flt, "week")


@pytest.mark.parametrize("bound_from", [0, 10**9])
def test_bounded_pages_and_points_answer_as_one_query(tmp_path, monkeypatch, bound_from):
    """DuckDB bounds a large page's sort by the date of its last row; forced on (0) and off, the
    pages and map points equal the one-query listing, ties on a day and undated events included."""
    monkeypatch.setattr(sql_query, "BOUND_FROM_ROWS", bound_from)
    with open_store(tmp_path / "b.duckdb") as s:
        s.add_events_bulk(scale_events(120))
        for f in PAGE_FILTERS:
            for limit, offset in ((1, 0), (7, 3), (50, 0), (50, 60), (200, 0)):
                flt = EventFilter(**f, limit=limit, offset=offset)
                assert [e.id for e in s.query_events(flt)] == one_query(s, flt), (f, limit, offset)
                clause, params = where(flt)
                clause += (" AND " if clause else " WHERE ") + "lat IS NOT NULL AND lon IS NOT NULL"
                old = [r[0] for r in s.inner.rows(f"SELECT id FROM events{clause} ORDER BY date NULLS LAST, id"
                                                  f" LIMIT {limit} OFFSET {offset}", params)]
                assert [p[0] for p in s.event_points(flt)] == old, (f, limit, offset)
