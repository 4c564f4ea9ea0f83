"""The store's listings at scale keep their answers (issue 17), on a real DuckDB file and a real
PostgreSQL server: the page read in two steps (narrow columns, then the page's JSON) returns what
the one-query listing returned, and keyset pages (`cursor`) walk the listing without skipping or
repeating, through the store, the review overlay, the HTTP API and the CLI."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from polemos.api import Settings, create_app
from polemos.cli import app as cli_app
from polemos.errors import InputError
from polemos.merge.dates import window
from polemos.merge.measure import DEFAULT_CORPUS, load_corpus
from polemos.models import Actor, Count, Event, Evidence, Place, StoredEvent
from polemos.review.ops import Reviewer
from polemos.store import EventFilter, cursor, open_store
from polemos.store.sql_query import where

FILTERS = [
    {}, {"country": "SYR"}, {"type": "ASSAULT"}, {"since": dt.date(2020, 2, 9)}, {"actor": "gunmen"},
    {"bbox": (7.0, 9.0, 9.0, 11.0)}, {"text": "killed"}, {"top_level": True},
]


def events(n: int) -> list[Event]:
    """Synthetic events, a tenth undated (listed last) and several on one day (ordered by id)."""
    out: list[Event] = []
    for i in range(n):
        s = f"Gunmen killed {i % 5} people in Town{i}."
        day = None if i % 10 == 3 else (dt.date(2020, 2, 1) + dt.timedelta(days=i // 4)).isoformat()
        out.append(Event(id=f"ev_scale{(i * 37) % n:04d}", document_id=f"scale-doc-{i}", type="ASSAULT" if i % 3 else
                         "PROTEST", date=day, date_precision="day" if day else "unknown",
                         actor1=Actor(text="gunmen", country="NGA"), killed=Count(best=i % 5),
                         location=Place(name=f"Town{i}", country="NGA", lat=10 + i / 1000, lon=8.0, precision="place")
                         if i % 5 else None, evidence=Evidence(text=s, start=0, end=len(s))))
    return out


@pytest.fixture
def filled(store_url):
    pairs, _ = load_corpus(DEFAULT_CORPUS)
    with open_store(store_url) as s:
        s.add_articles(pairs)
        s.add_events_bulk(events(120))
    return store_url


def one_query(s, flt: EventFilter) -> list[str]:
    """The listing as one SQL query (the code before issue 17)."""
    clause, params = where(flt)
    sql = f"SELECT id FROM events{clause} ORDER BY date NULLS LAST, id"
    if flt.limit is not None:
        sql += f" LIMIT {flt.limit}"
    if flt.offset:
        sql += f" OFFSET {flt.offset}"
    return [r[0] for r in s.inner.rows(sql, params)]


def next_cursor(e: StoredEvent) -> str:
    w = window(e)
    return cursor.encode(w[0] if w else None, e.id)


def walk(s, flt: EventFilter, size: int) -> list[str]:
    got: list[str] = []
    after = None
    while True:
        page = s.query_events(flt.model_copy(update={"limit": size, "cursor": after}))
        got += [e.id for e in page]
        if len(page) < size:
            return got
        after = next_cursor(page[-1])


def test_pages_answer_as_the_one_query_listing(filled):
    with open_store(filled) as s:
        n = s.count_events(EventFilter())
        assert n > 120
        for kw in FILTERS:
            for limit, offset in [(None, 0), (7, 0), (7, 14), (50, n - 20), (5, n + 3)]:
                flt = EventFilter(**kw, limit=limit, offset=offset)
                got = s.query_events(flt)
                assert [e.id for e in got] == one_query(s, flt), (kw, limit, offset)
        # the events read by rowid are the whole events, as get_event gives them
        for e in s.query_events(EventFilter(limit=30, offset=40)):
            full = s.get_event(e.id)
            assert e.model_dump(exclude={"mentions"}) == full.model_dump(exclude={"mentions"})


def test_cursor_pages_walk_the_listing(filled):
    with open_store(filled) as s:
        for kw in FILTERS:
            flt = EventFilter(**kw)
            everything = [e.id for e in s.query_events(flt)]
            for size in ((1, 7, 50) if not kw else (7, 50)):
                assert walk(s, flt, size) == everything, (kw, size)
            # offset counts after the cursor; points page by the same cursor
            first = s.query_events(flt.model_copy(update={"limit": 3}))
            if len(first) == 3:
                after = next_cursor(first[-1])
                rest = s.query_events(flt.model_copy(update={"cursor": after, "offset": 2, "limit": 4}))
                assert [e.id for e in rest] == everything[5:9], kw
                pts = s.event_points(flt.model_copy(update={"cursor": after}))
                located = [p[0] for p in s.event_points(flt)]
                assert [p[0] for p in pts] == [i for i in located if everything.index(i) >= 3], kw
        with pytest.raises(InputError, match="not a page cursor"):
            s.query_events(EventFilter(cursor="not-a-cursor"))


def test_cursor_pages_through_the_review_overlay(filled):
    with open_store(filled) as s:
        ids = [e.id for e in s.query_events(EventFilter())]
        rv = Reviewer(s, "alice")
        rv.reject(ids[2], "not_event", reason="test")
        rv.edit(ids[5], {"date": "2019-12-30"}, reason="the report's own date")    # moves to the front
        everything = [e.id for e in s.query_events(EventFilter())]
        assert ids[2] not in everything and everything[0] == ids[5]
        for size in (4, 25):
            assert walk(s, EventFilter(), size) == everything
            assert walk(s, EventFilter(country="SYR"), size) == [e.id for e in s.query_events(EventFilter(country="SYR"))]


def test_api_and_cli_page_by_cursor(filled, tmp_path):
    if "://" in filled:
        pytest.skip("the API and CLI read a DuckDB file here; the store calls are tested on both")
    with open_store(filled) as s:
        everything = [e.id for e in s.query_events(EventFilter())]
    runner = CliRunner()
    res = runner.invoke(cli_app, ["events", "--db", filled, "--limit", "5", "--format", "jsonl"])
    assert res.exit_code == 0
    line = [ln for ln in res.stderr.splitlines() if "--cursor" in ln][0]
    res2 = runner.invoke(cli_app, ["events", "--db", filled, "--limit", "5", "--format", "jsonl",
                                   "--cursor", line.split()[-1]])
    assert [json.loads(ln)["id"] for ln in res2.stdout.splitlines()] == everything[5:10]
    bad = runner.invoke(cli_app, ["events", "--db", filled, "--cursor", "Zm9v"])
    assert isinstance(bad.exception, InputError) and bad.exception.exit_code == 2
    assert "not a page cursor" in str(bad.exception)
    with TestClient(create_app(Settings(db=filled, keys_file=tmp_path / "k.json"))) as client:
        got, after = [], None
        while True:
            r = client.get("/events", params={"limit": 40, **({"cursor": after} if after else {})})
            assert r.status_code == 200
            body = r.json()
            got += [e["id"] for e in body["events"]]
            after = body["next_cursor"]
            if after is None:
                break
            assert body["next_offset"] is None or body["offset"] == 0
        assert got == everything
        bad = client.get("/events", params={"cursor": "Zm9v"})
        assert bad.status_code == 422 and "cursor" in bad.text


def test_merging_reads_the_same_events_and_members(tmp_path):
    """The narrow-then-wide reads and the decoded-event cache change no merge: the shifted merge
    corpus ingested with the cache emptied before every batch gives the same store as with it warm,
    and the members read by rowid are those of the one-query join."""
    from polemos.store import sql_cache
    from polemos.store.bench import shifted
    from polemos.store.sql_ingest import members_of

    pairs = shifted(4)
    stores = []
    for name, cold in (("cold", True), ("warm", False)):
        with open_store(tmp_path / f"{name}.duckdb") as s:
            s.add_events_bulk(events(60))
            for i in range(0, len(pairs), 8):
                if cold:
                    sql_cache.clear()
                s.add_articles(pairs[i:i + 8])
            assert s.check() == []
            stores.append({e.id: e.model_dump() for e in s.query_events(EventFilter())})
            eids = sorted(stores[-1])
            got = members_of(s.inner, eids)
            rows = s.inner.rows("SELECT em.event_id, m.id FROM event_mentions em JOIN mentions m"
                                " ON m.id = em.mention_id")
            want: dict[str, set[str]] = {}
            for eid, mid in rows:
                want.setdefault(eid, set()).add(mid)
            assert {e: {k for k, _, _ in ms} for e, ms in got.items()} == {e: want.get(e, set()) for e in eids}
    assert stores[0] == stores[1]
    assert len(stores[0]) > 60
