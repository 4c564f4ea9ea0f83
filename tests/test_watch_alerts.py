"""`polemos watch` evaluates the stored alert rules after a round that stored something new: the
alert arrives once, and polling the same feed again does not repeat it."""
from __future__ import annotations

import datetime as dt
import email.utils
import json

from polemos import alerts
from polemos.store import open_store
from polemos.watch.http import FetchOptions
from polemos.watch.loop import Watcher, WatchOptions
from polemos.watch.sources import Source
from watchserver import FeedServer, Route, page_html, rss

FAST = FetchOptions(timeout=2.0, max_bytes=200_000, host_interval=0.0)


def test_a_new_article_fires_its_alert_once(tmp_path):
    db = str(tmp_path / "w.duckdb")
    log = tmp_path / "alerts.jsonl"
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"""
rules:
  - name: deadly-shelling
    filter: {{types: [ASSAULT], min_killed: 5}}
    trigger: {{kind: any, window: 7d}}
    channels: {{log: "{log}"}}
""")
    with open_store(db) as store:
        alerts.add_rules(store, alerts.load_rules(str(rules)), str(rules))
    srv = FeedServer()
    try:
        now = dt.datetime.now(dt.timezone.utc)
        srv.routes["/a1"] = Route(page_html("Shelling", [
            "Government forces shelled the town of Saraqib in Idlib province today, killing 12 civilians, "
            "a monitoring group said."]))
        srv.routes["/feed"] = Route(rss("Feed", [{"guid": srv.url("/a1"), "title": "Shelling", "link": srv.url("/a1"),
                                                   "pubDate": email.utils.format_datetime(now)}]),
                                    "application/rss+xml")
        w = Watcher([Source(srv.url("/feed"))], db, WatchOptions(fetch=FAST))
        first = w.poll_round(once=True)
        assert dict(first.results[0].counts) == {"added": 1}
        sent = [json.loads(line) for line in log.read_text().splitlines()]
        assert len(sent) == 1 and sent[0]["rule"] == "deadly-shelling"
        assert [(e["place"], e["killed"]) for e in sent[0]["events"]] == [("Saraqib", 12)]
        # the same feed again: nothing new is stored, so no alert repeats
        Watcher([Source(srv.url("/feed"))], db, WatchOptions(fetch=FAST)).poll_round(once=True)
        assert len(log.read_text().splitlines()) == 1
    finally:
        srv.close()
