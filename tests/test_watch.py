"""`polemos watch` against real local HTTP servers (127.0.0.1, port 0) and a real store:
conditional GET, new/changed/unchanged entries, failures backed off without stopping the
others, bad input, SIGTERM, and kill -9 mid-poll followed by a restart."""
from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import subprocess
import sys
import time

import pytest

from polemos.errors import InputError
from polemos.ingest.readers import stable_id
from polemos.store import EventFilter, open_store
from polemos.watch import FetchOptions, Source, StateTable, Watcher, WatchOptions, read_sources
from polemos.watch.http import Fetcher, HostLimiter
from watchserver import FeedServer, Route, page_html, rss

PLACES = ["Atarib", "Saraqib", "Maarat al-Numan", "Ariha", "Jisr al-Shughur", "Sarmin", "Binnish", "Taftanaz"]
FAST = FetchOptions(timeout=0.5, max_bytes=200_000, host_interval=0.0)
T0 = dt.datetime(2026, 3, 1, 12, 0, 0)


def story(n: int, version: int = 1) -> list[str]:
    place = PLACES[n % len(PLACES)]
    killed = n + 2 + 10 * (version - 1)
    return [f"Government forces shelled the town of {place} in Idlib province on Sunday, killing {killed} "
            f"civilians, the Syrian Observatory for Human Rights said in report number {n}.",
            f"Residents of {place} said the bombardment began at dawn and lasted several hours."]


def serve_items(srv: FeedServer, feed: str, ns: list[int], versions: dict[int, int] | None = None,
                etag: str | None = None) -> None:
    """Publish the feed at `feed` with items ns, and each item's page."""
    versions = versions or {}
    items = []
    for n in ns:
        v = versions.get(n, 1)
        path = f"{feed}-a{n}"
        srv.routes[path] = Route(page_html(f"Shelling report {n}", story(n, v)))
        items.append({"guid": srv.url(path), "title": f"Shelling report {n}", "link": srv.url(path),
                      "description": f"Report {n}, version {v}", "pubDate": "Sun, 09 Feb 2020 10:00:00 GMT"})
    srv.routes[feed] = Route(rss(f"Feed {feed}", items), "application/rss+xml", etag=etag)


@pytest.fixture
def srv():
    s = FeedServer()
    yield s
    s.close()


def watcher(sources, db, clock=None, every=900.0):
    return Watcher(sources, db, WatchOptions(every=every, max_backoff=4 * 3600, fetch=FAST),
                   clock=clock or (lambda: T0))


# --- the sources file --------------------------------------------------------------------------
def test_feeds_file_and_opml(tmp_path):
    f = tmp_path / "feeds.txt"
    f.write_text("# my feeds\n\nhttps://a.example/rss   # Reuters\nhttp://b.example/page.html\n"
                 "https://a.example/rss\n")
    assert [s.url for s in read_sources(f)] == ["https://a.example/rss", "http://b.example/page.html"]
    o = tmp_path / "feeds.opml"
    o.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
                 '<outline text="News"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/>'
                 '<outline text="P" type="link" url="https://c.example/p"/></outline></body></opml>')
    got = read_sources(o)
    assert [(s.url, s.kind) for s in got] == [("https://a.example/rss", "feed"), ("https://c.example/p", "any")]
    for text, expect in [("https://ok.example/\nftp://x.example/feed\n", "feeds.txt:2: 'ftp://x.example/feed'"),
                         ("# only a comment\n\n", "no feed or page URL"),
                         ("", "no feed or page URL")]:
        f.write_text(text)
        with pytest.raises(InputError, match=expect):
            read_sources(f)
    o.write_text('<?xml version="1.0"?><opml><body><outline xmlUrl="https://a.example/rss"></body>')
    with pytest.raises(InputError, match="feeds.opml: not a readable OPML file"):
        read_sources(o)
    with pytest.raises(InputError, match="nope.txt: no such feeds file"):
        read_sources(tmp_path / "nope.txt")


def test_host_rate_limit(srv):
    srv.routes["/x"] = Route(b"ok", "text/plain")
    f = Fetcher(FetchOptions(timeout=2, host_interval=0.3))
    try:
        t = time.monotonic()
        for _ in range(3):
            assert f.get(srv.url("/x")).status == 200
        assert time.monotonic() - t >= 0.6          # two waits of 0.3 s between three requests
    finally:
        f.close()
    assert all("Polemos" in h["user-agent"] for h in srv.hits("/x"))
    lim = HostLimiter(0.5)
    t = time.monotonic()
    lim.wait("http://one.example/a")
    lim.wait("http://two.example/a")               # another host: no wait
    assert time.monotonic() - t < 0.2


# --- polls against a changing feed (DuckDB and PostgreSQL) -------------------------------------
def test_feed_changes_between_polls(srv, store_url, caplog):
    caplog.set_level(logging.INFO, logger="polemos.watch")
    serve_items(srv, "/feed", [1, 2, 3], etag='"v1"')
    serve_items(srv, "/other", [10])
    feeds = [Source(srv.url("/feed")), Source(srv.url("/other"))]
    now = [T0]
    def w():   # a new watcher each round: everything it knows comes from the store
        return watcher(feeds, store_url, clock=lambda: now[0])

    r1 = w().poll_round()
    assert [dict(r.counts) for r in r1.results] == [{"added": 3}, {"added": 1}]
    assert all("Polemos" in h["user-agent"] for h in srv.hits("/feed-a1"))
    with open_store(store_url) as s:
        assert s.summary()["articles"] == 4
        n_events = s.count_events(EventFilter())
        st = StateTable(s).get(srv.url("/feed"))
    assert n_events >= 1
    assert (st.etag, st.failures, st.last_status, st.articles) == ('"v1"', 0, 200, 3)
    assert st.next_poll == T0 + dt.timedelta(seconds=900)

    # unchanged feed: a conditional GET answered 304, no page fetched
    now[0] = T0 + dt.timedelta(minutes=15)
    pages_before = len(srv.hits("/feed-a1"))
    r2 = w().poll_round()
    assert r2.results[0].status == 304 and srv.hits("/feed")[-1]["if-none-match"] == '"v1"'
    assert len(srv.hits("/feed-a1")) == pages_before
    assert "not modified (304)" in caplog.text

    # a new item and a changed item: one added, one replaced, the untouched one not refetched
    serve_items(srv, "/feed", [1, 2, 3, 4], versions={2: 2}, etag='"v2"')
    now[0] = T0 + dt.timedelta(minutes=30)
    r3 = w().poll_round()
    assert dict(r3.results[0].counts) == {"added": 1, "replaced": 1, "unchanged": 2}
    assert len(srv.hits("/feed-a1")) == pages_before
    with open_store(store_url) as s:
        assert s.summary()["articles"] == 5
        assert "killing 14 civilians" in s.get_article(stable_id(srv.url("/feed-a2"))).text
        assert s.check() == []

    # the feed fails: logged, backed off; the other source is polled as usual
    srv.routes["/feed"] = Route(b"oops", "text/plain", status=500)
    now[0] = T0 + dt.timedelta(minutes=45)
    r4 = w().poll_round()
    assert [r.ok for r in r4.results] == [False, True]
    assert f"{srv.url('/feed')}: cannot fetch (HTTP 500)" in caplog.text
    with open_store(store_url) as s:
        st = StateTable(s).get(srv.url("/feed"))
        assert s.summary()["articles"] == 5
    assert (st.failures, st.last_status, st.etag) == (1, 500, None)
    assert st.next_poll == now[0] + dt.timedelta(seconds=2 * 900)
    assert "HTTP 500" in st.last_error

    # still backing off 15 min later (not polled); polled again once due, and recovered
    now[0] = T0 + dt.timedelta(minutes=60)
    hits = len(srv.hits("/feed"))
    r5 = w().poll_round()
    assert r5.skipped == 1 and len(srv.hits("/feed")) == hits
    serve_items(srv, "/feed", [1, 2, 3, 4], versions={2: 2}, etag='"v2"')
    now[0] = T0 + dt.timedelta(minutes=80)
    r6 = w().poll_round()
    assert dict(r6.results[0].counts) == {"unchanged": 4}     # known entries: no page refetched
    with open_store(store_url) as s:
        st = StateTable(s).get(srv.url("/feed"))
        assert s.summary()["articles"] == 5 and s.count_events(EventFilter()) >= n_events
    assert (st.failures, st.last_error, st.etag) == (0, None, '"v2"')


# --- a bad source fails alone ------------------------------------------------------------------
def test_bad_sources_fail_alone(srv, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="polemos.watch")
    serve_items(srv, "/good", [1, 2])
    srv.routes["/slow"] = Route(rss("slow", []), "application/rss+xml", delay=1.5)
    srv.routes["/broken"] = Route(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Br', "application/rss+xml")
    srv.routes["/junk"] = Route(bytes(range(256)) * 10, "application/octet-stream")
    srv.routes["/huge"] = Route(content_type="application/rss+xml", stream_bytes=50_000_000)
    srv.routes["/big"] = Route(b"<rss>" + b" " * 300_000 + b"</rss>", "application/rss+xml")
    srv.routes["/notfeed"] = Route(page_html("A page", ["Just a page."]))
    srv.routes["/busy"] = Route(b"busy", "text/plain", status=503, headers={"Retry-After": "7200"})
    sources = [Source(srv.url(p)) for p in ("/slow", "/broken", "/junk", "/huge", "/big", "/missing", "/busy",
                                            "/good")]
    sources.append(Source(srv.url("/notfeed"), kind="feed"))        # from OPML: must be a feed
    db = str(tmp_path / "w.duckdb")
    rnd = watcher(sources, db).poll_round()
    ok = {r.url.rsplit("/", 1)[1]: r.ok for r in rnd.results}
    assert ok == {"slow": False, "broken": False, "junk": False, "huge": False, "big": False,
                  "missing": False, "busy": False, "good": True, "notfeed": False}
    assert srv.streamed < 10_000_000                  # the huge answer was cut off, not read whole
    for needle in [f"{srv.url('/slow')}: cannot fetch (timed out after 0.5 s)",
                   f"{srv.url('/broken')}: not a readable RSS/Atom feed",
                   f"{srv.url('/junk')}: neither an RSS/Atom feed nor an HTML page (Content-Type application/octet",
                   f"{srv.url('/huge')}: answer refused: more than 200000 bytes",
                   f"{srv.url('/big')}: answer refused: 300011 bytes",
                   f"{srv.url('/missing')}: cannot fetch (HTTP 404)",
                   f"{srv.url('/notfeed')}: not an RSS/Atom feed (Content-Type text/html"]:
        assert needle in caplog.text
    with open_store(db) as s:
        assert s.summary()["articles"] == 2
        states = {st.url.rsplit("/", 1)[1]: st for st in StateTable(s).all()}
    assert states["good"].failures == 0
    assert all(states[k].failures == 1 and states[k].next_poll > T0 for k in ok if k != "good")
    assert states["slow"].next_poll == T0 + dt.timedelta(seconds=2 * 900)      # backoff: every x 2^1
    assert states["busy"].next_poll == T0 + dt.timedelta(seconds=7200)         # the server's Retry-After


# --- the command: exit codes, bad input, signals, kill -9 --------------------------------------
POLEMOS = [sys.executable, "-c", "from polemos.cli import main; main()"]


def polemos_cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """`polemos ARGS` in this process (the extractor is loaded once for the file): (exit code,
    stdout, stderr + log)."""
    from polemos.cli import main

    monkeypatch.setattr(sys, "argv", ["polemos", *args])
    try:
        main()
        rc = 0
    except SystemExit as e:
        rc = int(e.code or 0)
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_bad_input_touches_nothing(tmp_path, srv, monkeypatch, capsys, caplog):
    caplog.set_level(logging.INFO, logger="polemos.watch")
    db = tmp_path / "w.duckdb"
    bad = tmp_path / "feeds.txt"
    bad.write_text(f"{srv.url('/good')}\nnot a url\n")
    for args, msg in [([str(tmp_path / "none.txt")], "none.txt: no such feeds file"),
                      ([str(tmp_path)], "not a file"),
                      ([str(bad)], "feeds.txt:2: 'not a url' is not an http(s) URL"),
                      ([str(bad), "--every", "soon"], "--every 'soon': not a duration")]:
        rc, _, err = polemos_cli(monkeypatch, capsys, "watch", *args, "--db", str(db), "--once")
        assert rc == 2 and msg in err, err
        assert not db.exists()
    # an unreachable feed and junk: the round ends, exit 1, both named in the log
    closed = FeedServer()
    closed.close()
    srv.routes["/page"] = Route(b"\x00\x01junk", "application/octet-stream")
    bad.write_text(f"{closed.url('/feed')}\n{srv.url('/page')}\n")
    rc, _, err = polemos_cli(monkeypatch, capsys, "watch", str(bad), "--db", str(db), "--once", "--timeout", "1s")
    assert rc == 1 and "polemos: E102 2 of 2 source(s) failed" in err, err
    assert f"{closed.url('/feed')}: cannot fetch" in caplog.text and f"{srv.url('/page')}: neither" in caplog.text
    with open_store(db) as s:
        assert s.summary()["articles"] == 0
    rc, out, _ = polemos_cli(monkeypatch, capsys, "watch", str(bad), "--db", str(db), "--status")
    assert rc == 0 and out.count("failures 1") == 2, out


def run_until_round_then_sigterm(cmd: list[str]) -> tuple[int, str]:
    """Start the watch loop, wait for its first round to end, send SIGTERM; (exit code, log)."""
    child = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        for line in child.stderr:
            lines.append(line)
            if "round done" in line:
                break
        child.send_signal(signal.SIGTERM)
        rc = child.wait(timeout=30)
        lines += child.stderr.readlines()
    finally:
        if child.poll() is None:
            child.kill()
        child.stderr.close()
    return rc, "".join(lines)


@pytest.mark.slow   # three runs of the command, each loading the NLP pipeline
def test_kill9_mid_poll_restart_and_sigterm(tmp_path, srv):
    """kill -9 in the middle of a poll, then a restart: the store ends exactly as a clean run
    leaves it (no article lost, none doubled). The clean run is the loop stopped by SIGTERM."""
    n = 24
    serve_items(srv, "/feed", list(range(n)), etag='"k"')
    for i in range(n):
        srv.routes[f"/feed-a{i}"].delay = 0.02
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(srv.url("/feed") + "\n")
    cmd = POLEMOS + ["watch", str(feeds), "--host-interval", "0", "--db"]
    killed = str(tmp_path / "killed.duckdb")
    child = subprocess.Popen(cmd + [killed, "--once"], stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60   # past the first batch of 16 (committed), inside the second
        while len([p for p, _ in srv.requests if p.startswith("/feed-a")]) < 19 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.killpg(child.pid, signal.SIGKILL)
    finally:
        rc = child.wait(timeout=30)
    assert rc == -signal.SIGKILL
    with open_store(killed) as s:
        assert s.check() == []
        assert s.summary()["articles"] < n and StateTable(s).get(srv.url("/feed")).etag is None
    r = subprocess.run(cmd + [killed, "--once"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr

    clean = str(tmp_path / "clean.duckdb")
    rc, log = run_until_round_then_sigterm(cmd + [clean, "--every", "1h"])
    assert rc == 0, log
    assert f"{n} new, 0 replaced, 0 unchanged, 0 failed" in log and "SIGTERM received" in log
    with open_store(killed) as a, open_store(clean) as b:
        assert a.check() == [] and b.check() == []
        assert a.summary() == b.summary() and a.summary()["articles"] == n
        ev = [e.model_dump() for e in a.query_events(EventFilter())]
        assert ev == [e.model_dump() for e in b.query_events(EventFilter())]


HOLDER = """
import sys, time, duckdb
print("ready", flush=True)
sys.stdin.readline()
while True:
    try:
        con = duckdb.connect(sys.argv[1])
        break
    except duckdb.Error:
        time.sleep(0.05)
print("held", flush=True)
sys.stdin.readline()
con.close()
"""


def test_locked_store_is_retried(srv, tmp_path, caplog):
    """After the first round, a DuckDB file held by another process is logged and retried."""
    import threading

    caplog.set_level(logging.INFO, logger="polemos.watch")
    serve_items(srv, "/feed", [1])
    db = str(tmp_path / "w.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, db], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    w = Watcher([Source(srv.url("/feed"))], db, WatchOptions(every=1.0, fetch=FAST))
    t = threading.Thread(target=w.run)

    def wait_for(text: str, count: int = 1) -> None:
        deadline = time.monotonic() + 30
        while caplog.text.count(text) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert caplog.text.count(text) >= count, caplog.text

    try:
        assert holder.stdout.readline().strip() == "ready"
        t.start()
        wait_for("round done")
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "held"
        wait_for("locked by another process; wait for it to finish or use another --db; trying again in 1 s")
        holder.stdin.write("release\n")
        holder.stdin.flush()
        holder.wait(timeout=10)
        wait_for("round done", 2)
    finally:
        w.stop.set()
        t.join(timeout=30)
        holder.kill()
    assert not t.is_alive()
    with open_store(db) as s:
        assert s.summary()["articles"] == 1
