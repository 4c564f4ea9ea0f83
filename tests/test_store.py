"""The event store on both backends (a real DuckDB file, a real PostgreSQL server): idempotent
ingest, replacement, merging across stories, queries, stats, exports, integrity, bad stores."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from polemos.errors import StoreError
from polemos.merge.measure import DEFAULT_CORPUS, load_corpus
from polemos.models import Actor, Article, Count, Event, Evidence, Place
from polemos.store import EventFilter, open_store

ATARIB = Place(name="Atarib", country="SYR", admin1="13", lat=36.1389, lon=36.8297, precision="place")


def strike(article_text: str, evidence: str, killed: int | None, place: Place = ATARIB,
           date: str = "2020-02-09") -> Event:
    start = article_text.index(evidence)
    return Event(id="m", type="ASSAULT", mode="aerial", actor1=Actor(name="Russia", country="RUS", sector="MIL"),
                 actor2=Actor(country="SYR", sector="CVL"), date=date, date_precision="day", location=place,
                 killed=Count(best=killed) if killed is not None else None,
                 evidence=Evidence(text=evidence, start=start, end=start + len(evidence)))


def one(text: str, aid: str, source: str, published: str, killed: int | None) -> tuple[Article, list[Event]]:
    art = Article(id=aid, text=text, source=source, published=dt.date.fromisoformat(published))
    return art, [strike(text, text.rstrip("."), killed)]


@pytest.fixture
def corpus():
    return load_corpus(DEFAULT_CORPUS)


@pytest.fixture
def stocked(store_url, corpus):
    """An open store holding the whole merge corpus, added one article at a time as ingest does."""
    with open_store(store_url) as s:
        for art, ms in corpus[0]:
            s.add_article(art, ms)
        yield s


def test_same_article_twice_changes_nothing(store_url):
    art, ms = one("Russian jets killed 15 people in Atarib.", "a1", "Wire", "2020-02-09", 15)
    with open_store(store_url) as s:
        assert s.add_article(art, ms) == "added"
        before = (s.summary(), [e.model_dump() for e in s.query_events(EventFilter())])
        audit = s._rows("SELECT count(*) FROM audit")[0][0]
        assert s.add_article(art, ms) == "unchanged"
        assert s.has_article(art)
        assert (s.summary(), [e.model_dump() for e in s.query_events(EventFilter())]) == before
        assert s._rows("SELECT count(*) FROM audit")[0][0] == audit
    with open_store(store_url) as s:   # reopening: persisted, and the migration is not re-run
        assert s.summary()["events"] == 1 and s.add_article(art, ms) == "unchanged"


def test_changed_article_replaces_its_mentions(store_url):
    a1, m1 = one("Russian jets killed 15 people in Atarib.", "a1", "Wire", "2020-02-09", 15)
    a2, m2 = one("Russian jets killed 17 people in Atarib.", "a2", "Daily", "2020-02-10", 17)
    with open_store(store_url) as s:
        s.add_article(a1, m1)
        s.add_article(a2, m2)
        [ev] = s.query_events(EventFilter())
        assert ev.killed.best == 17 and ev.n_sources == 2 and ev.n_mentions == 2
        # the Daily corrects its story: no casualty figure any more
        a2b, m2b = one("Russian jets struck Atarib.", "a2", "Daily", "2020-02-10", None)
        assert s.add_article(a2b, m2b) == "replaced"
        [ev] = s.query_events(EventFilter())
        assert ev.killed.best == 15 and ev.n_mentions == 2
        assert [m.evidence.text for m in s.article_mentions("a2")] == ["Russian jets struck Atarib"]
        # and then drops the event altogether: the event keeps only the Wire's mention
        assert s.add_article(Article(id="a2", text="Nothing to report.", source="Daily"), []) == "replaced"
        [ev] = s.query_events(EventFilter())
        assert ev.n_mentions == 1 and ev.document_ids == ["a1"]
        assert s.check() == []


def test_event_gone_when_its_only_article_drops_it(store_url):
    a1, m1 = one("Russian jets killed 15 people in Atarib.", "a1", "Wire", "2020-02-09", 15)
    with open_store(store_url) as s:
        s.add_article(a1, m1)
        s.add_article(Article(id="a1", text="Retracted.", source="Wire"), [])
        assert s.count_events(EventFilter()) == 0 and s.check() == []


def test_count_revised_upward_keeps_history(store_url):
    a1, m1 = one("Russian jets killed 15 people in Atarib.", "a1", "Wire", "2020-02-09", 15)
    a2, m2 = one("Russian jets killed 17 people in Atarib.", "a2", "Daily", "2020-02-10", 17)
    a3, m3 = one("Russian jets killed 15 people in Atarib.", "a3", "Late", "2020-02-12", 15)  # stale repeat
    with open_store(store_url) as s:
        for a, m in ((a1, m1), (a2, m2), (a3, m3)):
            s.add_article(a, m)
        [ev] = s.query_events(EventFilter())
        assert ev.killed.best == 17
        assert [h["value"] for h in ev.count_history] == [15, 17, 15]
        assert ev.n_sources == 3 and ev.sources == ["Wire", "Daily", "Late"]
        actions = [r[0] for r in s._rows("SELECT action FROM audit ORDER BY id")]
        assert "count_revised" in actions


def test_stories_of_the_same_events_merge(stocked, corpus):
    _, labels = corpus
    s = stocked
    events = s.query_events(EventFilter())
    assert len(events) == len(set(labels.values()))
    # every event holds exactly the mentions of one real event
    for e in events:
        full = s.get_event(e.id)
        real = {labels[f"{m.document_id}|{m.evidence.text}"] for m in full.mentions}
        assert len(real) == 1, real
    # the total (26 in Idlib province) is linked to its local parts (17 in Atarib, 9 in Ibbin)
    [total] = [e for e in events if e.parts]
    assert total.killed.best == 26 and total.location.precision == "admin1"
    parts = sorted(s.get_event(p).killed.best for p in total.parts)
    assert parts == [9, 17]
    assert all(s.get_event(p).part_of == total.id for p in total.parts)
    # stats do not double count: 26 (strikes) + 8 (Feb. 3 attack); events counts local events
    rows = s.stats(EventFilter(type="ASSAULT"), by="none")
    assert sum(r["killed"] for r in rows) == 34
    assert sum(r["events"] for r in rows) == 3   # Atarib, Ibbin, Feb. 3 (the total is not an extra event)
    assert s.count_events(EventFilter(top_level=True, type="ASSAULT")) == 2
    talks = s.query_events(EventFilter(type="CONSULT", since=dt.date(2020, 2, 8), until=dt.date(2020, 2, 8)))
    assert len(talks) == 1 and talks[0].n_sources == 3
    assert s.check() == []


def test_filters_compose(stocked):
    s = stocked
    allev = s.query_events(EventFilter())

    def ids(**kw):
        got = s.query_events(EventFilter(**kw))
        assert s.count_events(EventFilter(**kw)) == len(got)
        return {e.id for e in got}

    syr = ids(country="SYR")
    assert syr == {e.id for e in allev if e.location and e.location.country == "SYR"}
    assert ids(country="syr", type="assault") == {e.id for e in allev if e.id in syr and e.type == "ASSAULT"}
    feb9 = ids(since=dt.date(2020, 2, 9), until=dt.date(2020, 2, 9))
    assert feb9 and all(e.date <= "2020-02-09" <= (e.date_end or e.date) for e in allev if e.id in feb9)
    assert ids(actor="USA") == {e.id for e in allev if "USA" in (e.actor1.country, getattr(e.actor2, "country", None))}
    assert ids(actor="jeffrey", status="planned") and len(ids(actor="jeffrey", status="planned")) == 1
    # bbox around Atarib/Ibbin (not Idlib city or the province centroid)
    assert {s.get_event(i).location.name for i in ids(bbox=(36.7, 36.1, 36.9, 36.3))} == {"Atarib", "Ibbin"}
    assert ids(text="contractor") == {e.id for e in allev if e.killed and e.killed.best == 8}
    assert ids(document_id="weekly-f-2020-02-14") == {
        m.extra["event_id"] for m in s.article_mentions("weekly-f-2020-02-14")}
    page1 = s.query_events(EventFilter(limit=3))
    page2 = s.query_events(EventFilter(limit=3, offset=3))
    assert [e.id for e in page1 + page2] == [e.id for e in allev[:6]]


def test_event_article_and_mentions_round_trip(stocked, corpus):
    pairs, _ = corpus
    s = stocked
    for art, _ in pairs:
        got = s.get_article(art.id)
        assert got.text == art.text and got.published == art.published and got.source == art.source
        for m in s.article_mentions(art.id):
            assert got.text[m.evidence.start:m.evidence.end] == m.evidence.text
            assert s.get_event(m.extra["event_id"]) is not None
    assert s.get_event("ev_nope") is None and s.get_article("nope") is None


def test_stats_by_week_and_month(stocked):
    s = stocked
    weeks = s.stats(EventFilter(), by="week")
    assert {r["period"] for r in weeks} == {"2020-02-03", "2020-02-10"}   # Mondays
    assert sum(r["events"] for r in weeks) == sum(r["events"] for r in s.stats(EventFilter(), by="month"))
    with pytest.raises(ValueError):
        s.stats(EventFilter(), by="fortnight")


def test_check_finds_damage(store_url, corpus):
    pairs, _ = corpus
    with open_store(store_url) as s:
        for art, ms in pairs[:2]:
            s.add_article(art, ms)
        assert s.check() == []
        mid = s._rows("SELECT mention_id FROM event_mentions ORDER BY mention_id")[0][0]
        s._exec("DELETE FROM event_mentions WHERE mention_id = ?", [mid])
        assert any("not linked" in p for p in s.check())


def test_newer_schema_is_refused_and_untouched(store_url):
    with open_store(store_url) as s:
        art, ms = one("Russian jets killed 15 people in Atarib.", "a1", "Wire", "2020-02-09", 15)
        s.add_article(art, ms)
        s._exec("INSERT INTO schema_version (version) VALUES (999)")
    fingerprint = _fingerprint(store_url)
    with pytest.raises(StoreError, match="schema version 999, newer"):
        open_store(store_url)
    with pytest.raises(StoreError, match="newer"):
        open_store(store_url, read_only=True)
    assert _fingerprint(store_url) == fingerprint


def _fingerprint(url: str) -> str:
    if "://" not in url:
        return hashlib.sha256(Path(url).read_bytes()).hexdigest()
    import psycopg

    with psycopg.connect(url) as c:
        return json.dumps([c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                           for t in ("articles", "mentions", "events", "audit", "schema_version")])


def test_not_a_store_file(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("shopping list\n")
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(bad)
    assert bad.read_text() == "shopping list\n"
    with pytest.raises(StoreError, match="no directory"):
        open_store(tmp_path / "missing" / "x.duckdb")
    with pytest.raises(StoreError, match="not a store location"):
        open_store("mysql://x/y")


def test_locked_duckdb_store(tmp_path):
    db = tmp_path / "busy.duckdb"
    open_store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
                               " print('open', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="locked by another process"):
            open_store(db)
    finally:
        holder.kill()
        holder.wait()


def test_unreachable_postgres():
    with pytest.raises(StoreError, match=r"postgresql://polemos:\*\*\*@127\.0\.0\.1:1/x: cannot open the store"):
        open_store("postgresql://polemos:secret@127.0.0.1:1/x")


@pytest.mark.postgres
def test_concurrent_writers_postgres(pg_server):
    """Several processes ingesting at once into PostgreSQL merge exactly as one would."""
    url = pg_server.new_database()
    open_store(url).close()
    code = ("import sys; from polemos.merge.measure import DEFAULT_CORPUS, load_corpus;"
            "from polemos.store import open_store; pairs, _ = load_corpus(DEFAULT_CORPUS); s = open_store(sys.argv[1]);"
            "[s.add_article(a, m) for a, m in pairs[int(sys.argv[2])::2]]; s.close()")
    procs = [subprocess.Popen([sys.executable, "-c", code, url, str(i)]) for i in (0, 1)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with open_store(url) as s:
        _, labels = load_corpus(DEFAULT_CORPUS)
        assert s.check() == []
        assert s.summary()["mentions"] == len(labels)
        # merging depends on arrival order only through which mention founds an event
        assert s.summary()["events"] == len(set(labels.values()))


def test_batch_is_all_or_nothing(store_url):
    a1, m1 = one("Russian jets killed 15 people in Atarib.", "a1", "Wire", "2020-02-09", 15)
    a2, _ = one("Russian jets killed 17 people in Atarib.", "a2", "Daily", "2020-02-10", 17)
    with open_store(store_url) as s:
        with pytest.raises(AttributeError):
            s.add_articles([(a1, m1), (a2, ["not a mention"])])   # fails half way through the batch
        assert s.summary()["articles"] == 0 and s.summary()["sources"] == 0
        assert s.add_articles([(a1, m1), (a1, m1)]) == ["added", "unchanged"]
        assert s.check() == [] and s.summary()["sources"] == 1


def test_older_store_is_migrated_and_keeps_its_data(store_url):
    """A store made by the first schema version is upgraded in place when opened."""
    from polemos.store.sql import _statements, latest_version, migrations

    v1 = dict(migrations("postgres" if "://" in store_url else "duckdb"))[1]
    if "://" in store_url:
        import psycopg

        with psycopg.connect(store_url, autocommit=True) as c:
            for stmt in _statements(v1):
                c.execute(stmt)
            c.execute("INSERT INTO schema_version (version) VALUES (1)")
            c.execute("INSERT INTO sources (name) VALUES ('Wire')")
    else:
        import duckdb

        c = duckdb.connect(store_url)
        for stmt in _statements(v1):
            c.execute(stmt)
        c.execute("INSERT INTO schema_version (version) VALUES (1)")
        c.execute("INSERT INTO sources (name) VALUES ('Wire')")
        c.close()
    assert latest_version() >= 2
    with open_store(store_url) as s:
        assert s.schema_version() == latest_version()
        assert s.summary()["sources"] == 1
        a1, m1 = one("Russian jets killed 15 people in Atarib.", "a1", "Wire", "2020-02-09", 15)
        assert s.add_article(a1, m1) == "added" and s.check() == []
        assert [r[0] for r in s._rows("SELECT version FROM schema_version ORDER BY version")] == \
            list(range(1, latest_version() + 1))


SHEIKH_ALI = Place(name="Sheikh Ali", country="SYR", admin1="13", lat=36.1206, lon=36.8075, precision="place")


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 0, 2), (2, 1, 0), (0, 2, 1)])
def test_revision_makes_two_events_one_whatever_the_order(tmp_path, order):
    """"15 killed in Atarib" and "17 killed in Sheikh Ali" (3 km away) are kept apart: different
    figures. A third story revises Atarib to 17: now they match, and become one event."""
    stories = [one("Russian jets killed 15 people in Atarib.", "a1", "Wire", "2020-02-09", 15),
               one("Russian jets killed 17 people in Sheikh Ali.", "a2", "Daily", "2020-02-10", 17),
               one("Russian jets killed 17 people in Atarib.", "a3", "Agency", "2020-02-10", 17)]
    stories[1][1][0].location = SHEIKH_ALI
    with open_store(tmp_path / "o.duckdb") as s:
        for i in order:
            s.add_article(*stories[i])
        [ev] = s.query_events(EventFilter())
        assert ev.killed.best == 17 and ev.n_mentions == 3 and ev.location.name == "Atarib"
        assert s.check() == []
        if order == (0, 1, 2):
            assert "events_merged" in {r[0] for r in s._rows("SELECT action FROM audit")}
