"""The events table stored in listing order (issue 17, `polemos db optimize`) on a real DuckDB file
and a real PostgreSQL server: the rewrite changes no answer (pages, cursor pages, map points,
totals, stats, single events, the HTTP bodies byte for byte), leaves a consistent store, and a
DuckDB store is in order afterwards (the layout its zone maps prune on)."""
from __future__ import annotations

import datetime as dt
import random

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from polemos.api import Settings, create_app
from polemos.cli import app as cli_app
from polemos.merge.measure import DEFAULT_CORPUS, load_corpus
from polemos.store import EventFilter, open_store, sql_query
from polemos.store.bench_points import iter_synthetic_events
from test_store_scale import FILTERS, one_query, walk
from test_store_scale import events as scale_events

PATHS = ["/events", "/events?limit=7&offset=14", "/events?country=SYR&type=ASSAULT", "/events?actor=rebels",
         "/events?format=points&bbox=30,30,45,40", "/events?format=points&limit=50", "/stats?by=week",
         "/events?since=2022-06-01&until=2022-09-01&limit=20", "/events?format=geojson&limit=5"]


def fill(url: str) -> None:
    """Merged articles (totals with parts), undated events and events in random date order."""
    pairs, _ = load_corpus(DEFAULT_CORPUS)
    evs = list(iter_synthetic_events(400, seed=3))
    random.Random(5).shuffle(evs)
    with open_store(url) as s:
        s.add_articles(pairs)
        s.add_events_bulk(scale_events(120))
        s.add_events_bulk(evs[:200])
        s.add_events_bulk(evs[200:])


def answers(s) -> dict:
    out: dict = {}
    n = s.count_events(EventFilter())
    for kw in [*FILTERS, {"actor": "rebels"}, {"since": dt.date(2022, 6, 1)}]:
        flt = EventFilter(**kw)
        out[f"count {kw}"] = s.count_events(flt)
        for limit, offset in [(None, 0), (7, 0), (7, 14), (50, n - 20)]:
            page = s.query_events(flt.model_copy(update={"limit": limit, "offset": offset}))
            out[f"page {kw} {limit} {offset}"] = [e.model_dump(exclude={"mentions"}) for e in page]
        out[f"points {kw}"] = s.event_points(flt.model_copy(update={"limit": 60}))
        if kw in ({}, {"country": "SYR"}, {"actor": "rebels"}):
            out[f"walk {kw}"] = walk(s, flt, 97)
    out["stats"] = s.stats(EventFilter(), "week")
    ids = [e.id for e in s.query_events(EventFilter(limit=5, offset=30))]
    out["events"] = [s.get_event(i).model_dump() for i in ids]
    return out


def test_ordering_the_events_changes_no_answer(store_url, monkeypatch):
    monkeypatch.setattr(sql_query, "BOUND_FROM_ROWS", 0)      # DuckDB pages bounded by date, as at 1,000,000
    fill(store_url)
    with open_store(store_url) as s:
        if s.backend == "duckdb":
            assert s.disorder() > 100
        before = answers(s)
        s.order_events()
        assert s.disorder() == 0
        assert s.check() == []
        after = answers(s)
    assert after.keys() == before.keys()
    for k in before:
        assert after[k] == before[k], k


def test_http_answers_and_cli_after_optimize(tmp_path):
    db = str(tmp_path / "p.duckdb")
    fill(db)

    def bodies() -> list[bytes]:
        with open_store(db, read_only=True) as s:
            client = TestClient(create_app(Settings(), store=s))
            got = [client.get(p) for p in PATHS]
        assert all(r.status_code == 200 for r in got)
        return [r.content for r in got]

    before = bodies()
    res = CliRunner().invoke(cli_app, ["db", "optimize", "--db", db])
    assert res.exit_code == 0, res.output
    assert "0 now" in res.stdout and " 0 out of order before" not in res.stdout
    assert bodies() == before
    again = CliRunner().invoke(cli_app, ["db", "optimize", "--db", db])
    assert again.exit_code == 0 and "(0 out of order before, 0 now)" in again.stdout


def test_a_page_bounded_by_stale_day_counts_is_read_again(tmp_path, monkeypatch):
    """The day a page ends on comes from the per-day counts of the count taken just before; counts
    that no longer hold (rows written in between) give a short narrowed page, read again whole."""
    monkeypatch.setattr(sql_query, "BOUND_FROM_ROWS", 0)
    db = str(tmp_path / "p.duckdb")
    fill(db)
    with open_store(db) as s:
        inner = s.inner
        for kw in ({"text": "reported"}, {"bbox": (30.0, 30.0, 45.0, 40.0)}):
            flt = EventFilter(**kw, limit=40, offset=5)
            want = one_query(s, flt)
            assert s.count_events(flt) > 45 and inner in sql_query._DAYS       # the counts wait for the page
            assert [e.id for e in s.query_events(flt)] == want and inner not in sql_query._DAYS
            clause, params = sql_query.where(flt)
            first_day = min(d for d, in inner.rows(f"SELECT date FROM events{clause}", params))
            sql_query._DAYS[inner] = (clause, params, [(first_day, 1000)])      # as if rows went since
            assert [e.id for e in s.query_events(flt)] == want
            sql_query._DAYS[inner] = (clause, params, [(first_day, 1000)])
            pts = [p[0] for p in s.event_points(flt.model_copy(update={"offset": 0}))]
            assert pts == [p[0] for p in s.event_points(flt.model_copy(update={"offset": 0}))] and len(pts) == 40


def test_a_remembered_bound_day_that_no_longer_holds_is_read_again_and_forgotten(tmp_path, monkeypatch):
    """A page's bound day found by a top-N is remembered per (filter, page end, count); a day too
    early for the rows now stored (events rewritten since) gives a short page, read again whole,
    and the remembered days are dropped."""
    monkeypatch.setattr(sql_query, "BOUND_FROM_ROWS", 0)
    db = str(tmp_path / "b.duckdb")
    fill(db)
    with open_store(db) as s:
        inner = s.inner
        for kw in ({}, {"actor": "rebels"}, {"type": "ASSAULT"}):
            flt = EventFilter(**kw, limit=30, offset=10)
            want = one_query(s, flt)
            s.count_events(flt)
            assert [e.id for e in s.query_events(flt)] == want
            memo = sql_query._BOUNDS[inner]
            key = next(k for k in memo if k[2] == 40)
            assert memo[key] is not None                                   # the day is remembered
            s.count_events(flt)
            assert [e.id for e in s.query_events(flt)] == want             # and used
            first_day = min(d for d, in inner.rows("SELECT date FROM events WHERE date IS NOT NULL"))
            memo[key] = first_day                                          # as if rows moved since
            s.count_events(flt)
            assert [e.id for e in s.query_events(flt)] == want and inner not in sql_query._BOUNDS
