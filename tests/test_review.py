"""Analysts' review on both backends (a real DuckDB file, a real PostgreSQL server): decisions are
stored apart from the machine's coding, survive re-ingestion and re-extraction, conflict on stale
versions, keep an append-only trail, and can be undone."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from apisupport import sample_articles
from polemos.errors import InputError, ReviewConflict
from polemos.models import Article, Event
from polemos.review.db import ReviewDB
from polemos.review.history import history
from polemos.review.ops import Reviewer
from polemos.review.queue import review_queue
from polemos.store import EventFilter, open_store


def _ids(store) -> dict[str, str]:
    """Sample document id -> the id of the event read from it (first mention)."""
    out = {}
    for e in store.query_events(EventFilter()):
        out.setdefault(e.document_ids[0], e.id)
    return out


def _load(store) -> None:
    for art, ms in sample_articles():
        store.add_article(art, ms)


def _revised(art: Article, ms: list[Event]) -> tuple[Article, list[Event]]:
    """The same story updated by its outlet: a new toll (the article's text changes, so the store
    replaces its mentions and gives them new keys)."""
    text = art.text.replace("killing 17 civilians", "killing 21 civilians")
    m = ms[0]
    start = text.index(m.evidence.text)
    moved = m.evidence.model_copy(update={"start": start, "end": start + len(m.evidence.text)})
    m2 = m.model_copy(update={"killed": m.killed.model_copy(update={"best": 21, "low": 21, "high": 21}),
                              "evidence": moved})
    return art.model_copy(update={"text": text}), [m2]


def test_decisions_survive_reingest_and_reextraction(store_url):
    with open_store(store_url) as s:
        _load(s)
        ids = _ids(s)
        rv = Reviewer(s, "alice")
        rv.confirm(ids["kyiv-protest"])
        rv.edit(ids["atarib-strike"], {"killed": 20, "location": "36.14,36.83"}, reason="monitor's later count")
        rv.reject(ids["bamako-arrests"], "out_of_scope", reason="not political violence")
        ankara = [e.id for e in s.query_events(EventFilter(document_id="ankara-talks"))]
        assert len(ankara) == 2
        rv.merge(ankara[0], ankara[1], reason="one meeting")
        before = {e.id: e for e in s.query_events(EventFilter())}

    # the same articles again, and extraction run again over them (a newer Polemos would do the
    # same: the mentions are re-derived from the stored article text)
    with open_store(store_url) as s:
        _load(s)
        for art, ms in sample_articles():
            s.add_article(art, ms)
        after = {e.id: e for e in s.query_events(EventFilter())}
        assert after.keys() == before.keys()
        assert ids["bamako-arrests"] not in after                 # rejected stays rejected
        assert ankara[1] not in after and after[ankara[0]].n_mentions == 2
        atarib = after[ids["atarib-strike"]]
        assert atarib.killed.best == 20 and atarib.coded_by == "edited" and atarib.reviewed_by == "alice"
        assert after[ids["kyiv-protest"]].coded_by == "reviewed"
        assert s.get_event(ids["bamako-arrests"]).review_status == "rejected"

        # the outlet revises its story: the machine's record changes under the human decision
        art, ms = next(p for p in sample_articles() if p[0].id == "atarib-strike")
        assert s.add_article(*_revised(art, ms)) == "replaced"
        ev = s.get_event(ids["atarib-strike"])
        assert ev is not None and ev.killed.best == 20           # the person's figure still wins
        assert ev.needs_rereview                                  # ... but the event asks for a look
        assert ids["atarib-strike"] in {e.id for e in s.query_events(EventFilter(reviewed=True))}
        assert s.count_events(EventFilter()) == len(before)
        assert s.count_events(EventFilter(reviewed=True)) == 3
        assert s.count_events(EventFilter(country="MLI")) == 0
        # another outlet reports the same strike with another toll: the machine merges it in
        other_text = "Russian warplanes struck the town of Atarib on Sunday; 25 civilians were killed."
        other = Article(id="atarib-other", text=other_text, source="Other Desk", published=dt.date(2020, 2, 11))
        ev_text = "Russian warplanes struck the town of Atarib on Sunday"
        m = ms[0].model_copy(update={
            "killed": ms[0].killed.model_copy(update={"best": 25, "low": 25, "high": 25}),
            "evidence": ms[0].evidence.model_copy(update={"text": ev_text, "start": 0, "end": len(ev_text)})})
        s.add_article(other, [m])
        ev = s.get_event(ids["atarib-strike"])
        assert ev.n_mentions == 2 and ev.killed.best == 20 and ev.needs_rereview
        assert s.count_events(EventFilter()) == len(before)
        q = review_queue(s, EventFilter())
        assert q[0]["event"].id == ids["atarib-strike"] and "changed after review" in q[0]["reasons"][0]
        assert ids["kyiv-protest"] not in {i["event"].id for i in q}     # settled, unchanged: not asked again


def test_stale_version_conflicts_and_nothing_is_lost(store_url):
    with open_store(store_url) as s:
        _load(s)
        eid = _ids(s)["atarib-strike"]
        a, b = Reviewer(s, "alice"), Reviewer(s, "bob")
        seen = s.get_event(eid).version
        a.edit(eid, {"killed": 18}, reason="count", version=seen)
        with pytest.raises(ReviewConflict) as e:
            b.edit(eid, {"killed": 25}, reason="other count", version=seen)
        assert e.value.current == seen + 1
        assert s.get_event(eid).killed.best == 18
        b.edit(eid, {"killed": 25}, reason="other count", version=e.value.current)
        ev = s.get_event(eid)
        assert ev.killed.best == 25 and ev.version == seen + 2


def test_history_undo_split_move(store_url):
    with open_store(store_url) as s:
        _load(s)
        ids = _ids(s)
        rv = Reviewer(s, "alice")
        eid = ids["atarib-strike"]
        machine_toll = s.get_event(eid).killed.best
        rv.edit(eid, {"killed": 30, "type": "coerce"}, reason="typo check")
        assert s.get_event(eid).type == "COERCE"
        h = history(ReviewDB(s.inner), eid)
        assert [x["op"] for x in h if x["source"] == "machine"][0] == "event_created"
        edits = {x["field"]: (x["before"], x["after"]) for x in h if x["op"] == "edit"}
        assert edits["type"] == ("ASSAULT", "COERCE") and edits["killed"][1]["best"] == 30
        assert all(x["by"] == "alice" and x["why"] == "typo check" for x in h if x["op"] == "edit")
        back = rv.undo(eid)
        assert back.killed.best == machine_toll and back.type == "ASSAULT" and back.coded_by == "machine"
        assert [x["undone_by"] for x in history(ReviewDB(s.inner), eid) if x["op"] == "edit"][0] is not None

        ankara = [e.id for e in s.query_events(EventFilter(document_id="ankara-talks"))]
        rv.merge(ankara[0], ankara[1])
        merged = s.get_event(ankara[0])
        new = rv.split(ankara[0], [merged.mentions[1].id] if len(merged.mentions) > 1 else [])
        assert new.n_mentions == 1 and s.get_event(ankara[0]).n_mentions == 1
        rv.undo(new.id)                                  # the split undone: one event again
        assert s.get_event(ankara[0]).n_mentions == 2 and s.get_event(new.id) is None
        mention = new.mentions[0].id
        kyiv = ids["kyiv-protest"]
        rv.move(mention, kyiv, reason="belongs to the protest")
        assert s.get_event(kyiv).n_mentions == 2 and s.get_event(ankara[0]).n_mentions == 1
        spans = {m.id: m.extra["event_id"] for m in s.article_mentions("ankara-talks")}
        assert spans[mention] == kyiv and set(spans.values()) == {kyiv, ankara[0]}
        with pytest.raises(InputError, match="last mention"):
            rv.move(s.get_event(ids["bamako-arrests"]).mentions[0].id, kyiv)
        # the trail is append-only: undo added rows, it removed none
        db = ReviewDB(s.inner)
        n = db.rows("SELECT count(*) FROM review_log")[0][0]
        assert n >= 9
        if db.backend == "postgres":    # the server itself refuses to rewrite the trail
            db.exec("UPDATE review_log SET key_name = 'mallory'")
            db.exec("DELETE FROM review_log")
            assert db.rows("SELECT count(*) FROM review_log WHERE key_name = 'alice'")[0][0] == n


def test_bad_input_is_refused_and_writes_nothing(tmp_path):
    with open_store(tmp_path / "r.duckdb") as s:
        _load(s)
        eid = _ids(s)["atarib-strike"]
        rv = Reviewer(s, "alice")
        for call, msg in [
            (lambda: rv.edit(eid, {"killed": "many"}, reason="x"), "whole number"),
            (lambda: rv.edit(eid, {"colour": "red"}, reason="x"), "not a field"),
            (lambda: rv.edit(eid, {"killed": 3}, reason=""), "reason"),
            (lambda: rv.reject(eid, "boring"), "expected one of"),
            (lambda: rv.reject(eid, "duplicate"), "--of"),
            (lambda: rv.confirm("ev_nope"), "no such event"),
            (lambda: rv.edit(eid, {"location": "99999999999"}, reason="x"), "gazetteer"),
            (lambda: rv.edit(eid, {"date": "2020-13-40"}, reason="x"), "YYYY-MM-DD"),
        ]:
            with pytest.raises(InputError, match=msg):
                call()
        assert ReviewDB(s.inner).rows("SELECT count(*) FROM review_log")[0][0] == 0
        assert dt.date.today()  # the store is still usable
        assert s.get_event(eid).coded_by == "machine"


def _cli(*args: str):
    """In process (a subprocess per call costs seconds); `polemos` turns an InputError into exit 2."""
    from typer.testing import CliRunner

    from polemos.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_bulk_fix_history_stats_and_eval(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    with open_store(db) as s:
        _load(s)
        wire = sorted(e.id for e in s.query_events(EventFilter()) if "Example Wire" in e.sources)
        kyiv = _ids(s)["kyiv-protest"]
    # "every event from this outlet in February 2020 is a duplicate" — in one transaction
    r = _cli("review", "reject", "--db", db, "--source", "Example Wire", "--since", "2020-02-01",
             "--until", "2020-02-29", "--as", "duplicate", "--of", kyiv, "--reason", "syndicated copy", "--by", "desk")
    assert r.exit_code == 0, r.output
    assert "3 event(s) rejected by desk" in r.output and len(wire) == 3
    with open_store(db) as s:
        assert s.count_events(EventFilter()) == 2
        assert {s.get_event(i).rejected["duplicate_of"] for i in wire} == {kyiv}
    bad = _cli("review", "edit", kyiv, "killed=lots", "--reason", "x", "--db", db)
    assert isinstance(bad.exception, InputError) and "killed='lots'" in str(bad.exception)
    assert "whole number" in str(bad.exception) and bad.exception.exit_code == 2
    r = _cli("review", "edit", kyiv, "type=coerce", "location=170063", "--reason", "police dispersal", "--db", db,
             "--by", "desk")
    assert r.exit_code == 0, r.output
    h = _cli("review", "history", kyiv, "--db", db)
    assert "desk" in h.stdout and "edit type: \"PROTEST\" -> \"COERCE\"  because: police dispersal" in h.stdout
    ev = _cli("eval", "review", "--db", db, "--json")
    m = json.loads(ev.stdout)
    assert m["reviewed"] == 4 and m["event_precision"] == 1.0 and m["duplicate_rate"] == 0.75
    assert m["fields"]["type"] == {"events": 1, "agree": 0, "accuracy": 0.0}
    st = _cli("stats", "--review", "--db", db)
    assert "PROTEST    -> COERCE" in st.stdout and "location" in st.stdout


def test_two_editors_at_once_one_wins_one_conflicts(store_url):
    """Two connections (two API servers, two analysts) send a change based on the same version at
    the same moment: one is stored, the other is told the current version; nothing half-written."""
    import threading

    with open_store(store_url) as s:
        _load(s)
        eid = _ids(s)["atarib-strike"]
    if not store_url.startswith("postgresql"):
        pytest.skip("one DuckDB file has one writing process; the API serialises its threads")
    stores = [open_store(store_url), open_store(store_url)]
    gate = threading.Barrier(2)
    out: dict[str, object] = {}

    def edit(i: int, toll: int) -> None:
        gate.wait()
        try:
            out[f"ok{i}"] = Reviewer(stores[i], f"editor{i}").edit(eid, {"killed": toll}, reason="race", version=0)
        except ReviewConflict as e:
            out[f"conflict{i}"] = e

    threads = [threading.Thread(target=edit, args=(i, 30 + i)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for st in stores:
        st.close()
    assert sorted(k[:-1] for k in out) == ["conflict", "ok"], out
    conflict = next(v for k, v in out.items() if k.startswith("conflict"))
    winner = next(v for k, v in out.items() if k.startswith("ok"))
    assert conflict.current == 1
    with open_store(store_url) as s:
        ev = s.get_event(eid)
        assert ev.version == 1 and ev.killed.best == winner.killed.best
        assert ReviewDB(s.inner).rows("SELECT count(*) FROM review_log")[0][0] == 1


FILTERS = [EventFilter(country="SYR"), EventFilter(type="CONSULT"), EventFilter(since=dt.date(2020, 2, 10)),
           EventFilter(until=dt.date(2020, 2, 9)), EventFilter(actor="rus"), EventFilter(bbox=(30, 30, 40, 40)),
           EventFilter(status="occurred"), EventFilter(text="protested"), EventFilter(document_id="ankara-talks"),
           EventFilter(top_level=True), EventFilter(acled_event_type="Protests")]


def test_python_filter_agrees_with_the_store(tmp_path):
    """Reviewed events are filtered in Python (review/match.py): it must mean what the SQL means."""
    from polemos.review.match import matches

    with open_store(tmp_path / "f.duckdb") as s:
        _load(s)
        every = [s.get_event(e.id) for e in s.query_events(EventFilter())]
        for flt in FILTERS:
            sql = {e.id for e in s.inner.query_events(flt)}
            assert sql == {e.id for e in every if matches(e, flt, e.mentions)}, flt
