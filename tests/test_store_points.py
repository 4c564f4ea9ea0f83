"""The dashboard's store calls at scale, on both backends (a real DuckDB file, a real PostgreSQL
server): the map's points straight from the columns (`event_points`) and the public bulk insert
of prebuilt events (`add_events_bulk`)."""
from __future__ import annotations

import datetime as dt

import pytest

from polemos.errors import InputError
from polemos.merge.measure import DEFAULT_CORPUS, load_corpus
from polemos.models import Actor, Article, Count, Event, Evidence, Place
from polemos.store import EventFilter, Store, StoredEvent, open_store

FILTERS = [
    {}, {"country": "SYR"}, {"type": "assault"}, {"since": dt.date(2020, 2, 9)}, {"until": dt.date(2020, 2, 9)},
    {"actor": "USA"}, {"bbox": (36.7, 36.1, 36.9, 36.3)}, {"status": "planned"}, {"text": "killed"},
    {"top_level": True}, {"country": "SYR", "type": "ASSAULT", "since": dt.date(2020, 2, 1)},
    {"limit": 3}, {"limit": 3, "offset": 3}, {"offset": 2},
]


@pytest.fixture
def corpus():
    return load_corpus(DEFAULT_CORPUS)


def test_event_points_are_the_located_events_in_query_order(store_url, corpus):
    pairs, _ = corpus
    with open_store(store_url) as s:
        s.add_articles(pairs)
        allev = s.query_events(EventFilter())
        assert any(e.location is None or e.location.lat is None for e in allev)   # some are not on the map
        doc = pairs[0][0].id
        for kw in [*FILTERS, {"document_id": doc}, {"acled_event_type": allev[0].acled_event_type}]:
            flt = EventFilter(**kw)
            got = s.event_points(flt)
            # the SQL projection answers exactly what the events themselves say
            assert got == Store.event_points(s, flt), kw
            located = [e for e in s.query_events(flt.model_copy(update={"limit": None, "offset": 0}))
                       if e.location and e.location.lat is not None]
            end = None if flt.limit is None else flt.offset + flt.limit
            assert [p[0] for p in got] == [e.id for e in located[flt.offset:end]], kw
        pts = {p[0]: p for p in s.event_points(EventFilter())}
        for e in allev:
            if e.id in pts:
                i, lat, lon, typ, date, killed, precision = pts[e.id]
                assert (lat, lon, typ, precision) == (e.location.lat, e.location.lon, e.type, e.location.precision)
                assert killed == (e.killed.best if e.killed else None) and date == e.date[:10]
        # paging through points skips and repeats nothing
        pages = [s.event_points(EventFilter(limit=4, offset=o)) for o in range(0, len(pts) + 4, 4)]
        assert [p[0] for page in pages for p in page] == list(pts)


def synthetic(n: int, start: int = 0) -> list[Event]:
    out: list[Event] = []
    for i in range(start, start + n):
        s = f"Gunmen killed {i % 7} villagers in Town{i}."
        ev = dict(id=f"ev_bulk{i:05d}", document_id=f"bulk-doc-{i // 3}", type="ASSAULT" if i % 2 else "PROTEST",
                  date=(dt.date(2021, 1, 1) + dt.timedelta(days=i)).isoformat(), date_precision="day",
                  actor1=Actor(text="gunmen" if i % 2 else "students", country="NGA", sector="REB"),
                  location=Place(name=f"Town{i}", country="NGA", lat=10.0 + i / 100, lon=8.0, precision="place")
                  if i % 4 else None,
                  killed=Count(best=i % 7) if i % 2 else None, evidence=Evidence(text=s, start=0, end=len(s)))
        out.append(StoredEvent(**ev, sources=["Wire"], document_ids=[ev["document_id"]]) if i % 3 else Event(**ev))
    return out


def test_bulk_events_are_stored_as_given_and_consistent(store_url):
    given = synthetic(40)
    with open_store(store_url) as s:
        assert s.add_events_bulk(given) == 40
        assert s.check() == []
        assert s.summary()["events"] == 40 and s.summary()["mentions"] == 40
        got = {e.id: e for e in s.query_events(EventFilter())}
        for e in given:
            stored = got[e.id]
            for field in ("type", "date", "actor1", "location", "killed", "evidence"):
                assert getattr(stored, field) == getattr(e, field), (e.id, field)
        # the filters, the map and the stats see them like ingested events
        assert {e.id for e in s.query_events(EventFilter(type="assault", actor="gunmen"))} == {
            e.id for e in given if e.type == "ASSAULT"}
        assert s.count_events(EventFilter(text="town7.")) == 1
        assert len(s.event_points(EventFilter())) == sum(1 for e in given if e.location)
        assert sum(r["events"] for r in s.stats(EventFilter(), by="month")) == 40
        assert {e.id for e in s.query_events(EventFilter(document_id="bulk-doc-2"))} == {
            "ev_bulk00006", "ev_bulk00007", "ev_bulk00008"}
        # each mention's evidence is found in its article, as for ingested ones
        ev = s.get_event("ev_bulk00007")
        [m] = ev.mentions
        art = s.get_article("bulk-doc-2")
        assert art.text[m.evidence.start:m.evidence.end] == m.evidence.text == ev.evidence.text
    with open_store(store_url, read_only=True) as s:   # committed
        assert s.summary()["events"] == 40


def test_bulk_duplicate_adds_nothing(store_url):
    with open_store(store_url) as s:
        s.add_events_bulk(synthetic(5))
        assert s.add_events_bulk([]) == 0
        before = (s.summary(), [e.model_dump() for e in s.query_events(EventFilter())])
        for batch in (synthetic(3, start=10) + synthetic(1, start=2),      # one already stored
                      synthetic(2, start=20) + synthetic(1, start=20)):    # one given twice
            with pytest.raises(InputError) as exc:
                s.add_events_bulk(batch)
            msg = str(exc.value)
            assert "\n" not in msg and ("ev_bulk00002" in msg or "ev_bulk00020" in msg) and "already stored" in msg
            assert (s.summary(), [e.model_dump() for e in s.query_events(EventFilter())]) == before
        assert s.check() == []


def test_bulk_mention_of_a_stored_article_keeps_its_offsets(store_url):
    text = "Protesters marched in Kano on Monday. Police fired tear gas."
    art = Article(id="kano-1", text=text, source="Daily", published=dt.date(2021, 3, 2))
    ev_text = "Police fired tear gas"
    start = text.index(ev_text)
    ev = Event(id="ev_kano_police", document_id="kano-1", type="COERCE", date="2021-03-01", date_precision="day",
               actor1=Actor(text="Police", country="NGA", sector="GOV"),
               evidence=Evidence(text=ev_text, start=start, end=start + len(ev_text)))
    with open_store(store_url) as s:
        s.add_article(art, [])
        s.add_events_bulk([ev])
        assert s.get_article("kano-1").text == text           # the stored article is not touched
        [m] = s.article_mentions("kano-1")
        assert (m.evidence.start, m.evidence.end) == (start, start + len(ev_text))
        assert m.extra["event_id"] == "ev_kano_police" and s.check() == []


def test_an_ingested_story_merges_into_a_bulk_event(store_url):
    """Bulk events are ordinary events afterwards: a later article about one joins it."""
    text = "Gunmen killed 5 villagers in Town5 on Wednesday."
    bulk = synthetic(8)
    target = next(e for e in bulk if e.id == "ev_bulk00005")
    mention = target.model_copy(update={"id": "m", "document_id": None, "killed": Count(best=6),
                                        "evidence": Evidence(text=text, start=0, end=len(text))})
    mention = Event.model_validate(mention.model_dump(include=set(Event.model_fields)))
    with open_store(store_url) as s:
        s.add_events_bulk(bulk)
        art = Article(id="later", text=text, source="Daily", published=dt.date(2021, 1, 7))
        assert s.add_article(art, [mention]) == "added"
        ev = s.get_event("ev_bulk00005")
        assert ev.n_mentions == 2 and ev.killed.best == 6 and s.summary()["events"] == 8
        assert s.check() == []
