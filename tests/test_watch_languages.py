"""`polemos watch` and other languages (issue 18): a feed entry in Arabic is named with its
language in the log, counted, and stored unread with its language; an English one is read."""
from __future__ import annotations

import logging
from pathlib import Path

from polemos.store import open_store
from polemos.watch.http import FetchOptions
from polemos.watch.loop import Watcher, WatchOptions
from polemos.watch.sources import Source
from watchserver import FeedServer, Route, page_html, rss

AR = (Path(__file__).parent / "data/hard_inputs/ar.txt").read_text(encoding="utf-8")
EN = ("Government forces shelled the town of Saraqib in Idlib province on Sunday, killing 12 civilians, "
      "a monitoring group said.")


def test_an_arabic_entry_is_named_counted_and_stored_unread(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="polemos.watch")
    db = str(tmp_path / "w.duckdb")
    srv = FeedServer()
    try:
        srv.routes["/ar"] = Route(page_html("خبر", AR.split("\n\n")))
        srv.routes["/en"] = Route(page_html("Shelling", [EN]))
        items = [{"guid": srv.url(p), "title": t, "link": srv.url(p), "pubDate": "Sun, 09 Feb 2020 10:00:00 GMT"}
                 for p, t in (("/ar", "خبر"), ("/en", "Shelling"))]
        srv.routes["/feed"] = Route(rss("Feed", items), "application/rss+xml")
        rnd = Watcher([Source(srv.url("/feed"))], db, WatchOptions(fetch=FetchOptions(timeout=2.0, host_interval=0.0))
                      ).poll_round(once=True)
    finally:
        srv.close()
    assert rnd.results[0].counts["not_english"] == 1
    assert "Arabic; Polemos reads English only" in caplog.text
    with open_store(db) as s:
        assert s.summary()["articles"] == 2
        assert s.article_languages() == {"ar": 1}
        assert s.summary()["mentions"] >= 1          # the English entry was read
