"""Alerts (issue 14) against real local servers: a webhook receiver (http.server, failing once so
the retry shows) and an SMTP server (aiosmtpd). Each alert arrives once; merging the same event
again fires nothing; a toll revised upward fires anew. Escalation against a place's own baseline."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from aiosmtpd.controller import Controller
from typer.testing import CliRunner

from polemos import alerts
from polemos.cli import app
from polemos.errors import InputError
from polemos.store import open_store
from polemos.zones import add_zone, build_zone
from zonesupport import IDLIB, SAMPLE_ZONE, article, event

NOW = dt.datetime(2020, 2, 10, 18, 0, tzinfo=dt.timezone.utc)


class Receiver(BaseHTTPRequestHandler):
    bodies: list[dict] = []
    attempts = 0

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        type(self).attempts += 1
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if type(self).attempts == 1:           # the first delivery fails: the sender must retry
            self.send_response(500)
            self.end_headers()
            return
        type(self).bodies.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def servers():
    Receiver.bodies, Receiver.attempts = [], 0
    http = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    box = Mailbox()
    smtp = Controller(box, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    yield f"http://127.0.0.1:{http.server_address[1]}/hook", smtp.port, box
    smtp.stop()
    http.shutdown()
    http.server_close()


def _rules(tmp_path, hook: str, smtp_port: int) -> str:
    p = tmp_path / "rules.yaml"
    p.write_text(f"""
rules:
  - name: idlib-strikes
    filter: {{types: [ASSAULT], zones: [Idlib de-escalation zone], min_killed: 10}}
    trigger: {{kind: any, window: 7d}}
    channels:
      log: alerts.jsonl
      webhook: {{url: "{hook}", backoff_s: 0.05}}
      email: {{to: [analyst@example.org], host: 127.0.0.1, port: {smtp_port}}}
    dashboard: http://dash.example/
  - name: deadly
    filter: {{types: [ASSAULT], min_killed: 20}}
    channels: {{log: deadly.jsonl}}
""")
    return str(p)


def test_each_alert_arrives_once(tmp_path, servers):
    hook, smtp_port, box = servers
    with open_store(tmp_path / "a.duckdb") as store:
        add_zone(store, build_zone("Idlib de-escalation zone", SAMPLE_ZONE, "2018-09-17", prohibit="ASSAULT"))
        alerts.add_rules(store, alerts.load_rules(_rules(tmp_path, hook, smtp_port)), "rules.yaml")
        first = event("x", "ASSAULT", "2020-02-09", IDLIB, killed=17)
        store.add_article(*article("wire-1", "2020-02-09", first))
        got = alerts.evaluate(store, now=NOW)
        assert len(got) == 1 and got[0].deliveries == {"log": "sent", "webhook": "sent", "email": "sent"}
        assert alerts.evaluate(store, now=NOW) == []                       # nothing new
        assert store.add_article(*article("wire-1", "2020-02-09", first)) == "unchanged"
        assert alerts.evaluate(store, now=NOW) == []                       # merged again: no repeat
        store.add_article(*article("wire-2", "2020-02-10", event("x", "ASSAULT", "2020-02-09", IDLIB, killed=26)))
        assert store.summary()["events"] == 1                             # the same event, toll revised
        again = {a.rule: a for a in alerts.evaluate(store, now=NOW)}
        # a revised toll is new evidence; past the 20-killed threshold it fires the rule it did not before
        assert set(again) == {"idlib-strikes", "deadly"} and again["deadly"].events[0].killed == 26
        assert alerts.evaluate(store, now=NOW) == []
        assert {a.id for a in alerts.fired(store, rule="idlib-strikes")} == {again["idlib-strikes"].id, got[0].id}
    assert Receiver.attempts == 3                                         # one retry, then one each
    assert [b["events"][0]["killed"] for b in Receiver.bodies] == [17, 26]
    body = Receiver.bodies[0]
    assert body["rule"] == "idlib-strikes" and body["events"][0]["evidence"].startswith("Test report")
    assert body["events"][0]["link"].startswith("http://dash.example/?event=ev_")
    mails = [email.message_from_string(m, policy=email.policy.default) for m in box.messages]
    assert len(mails) == 2 and mails[0]["Subject"].startswith("[polemos] idlib-strikes: ASSAULT on 2020-02-09")
    assert "Test report x" in mails[1].get_content() and "26 killed" in mails[1].get_content()
    logged = (tmp_path / "alerts.jsonl").read_text().splitlines()
    assert [json.loads(x)["id"] for x in logged] == [got[0].id, again["idlib-strikes"].id]
    assert len((tmp_path / "deadly.jsonl").read_text().splitlines()) == 1



def test_escalation_against_the_place_baseline(store_url, tmp_path):
    hama = ("Hama", 35.1318, 36.7578, "Hama")
    evs = [event(f"base{i}", "ASSAULT", (NOW.date() - dt.timedelta(days=10 + 7 * i)).isoformat(), IDLIB)
           for i in range(8)]                                              # one a week before the window
    evs += [event(f"now{i}", "ASSAULT", (NOW.date() - dt.timedelta(days=i)).isoformat(), IDLIB) for i in range(5)]
    evs += [event("quiet", "ASSAULT", NOW.date().isoformat(), hama)]   # one event where nothing happened
    p = tmp_path / "rules.yaml"
    p.write_text("""
- name: escalation
  filter: {types: [ASSAULT]}
  trigger: {kind: escalation, window: 7d, baseline_weeks: 8, factor: 2, minimum: 3}
- name: busy
  filter: {countries: [SYR]}
  trigger: {kind: count, window: 7d, threshold: 5}
- name: quiet-escalation
  filter: {types: [ASSAULT], admin_units: [Hama]}
  trigger: {kind: escalation, window: 7d, minimum: 1}
""")
    with open_store(store_url) as store:
        store.add_events_bulk(evs)
        alerts.add_rules(store, alerts.load_rules(p), str(p))
        got = {a.rule: a for a in alerts.evaluate(store, now=NOW, send=False)}
        assert alerts.evaluate(store, now=NOW, send=False) == []
    esc = got["escalation"]
    assert esc.place == "SYR/Idlib" and esc.measure["count"] == 5 and esc.measure["baseline_per_window"] == 1.0
    assert got["busy"].place == "SYR/Idlib" and len(got["busy"].events) == 5
    assert got["quiet-escalation"].place == "SYR/Hama"    # with minimum 1, one event in a quiet place counts
    assert set(got) == {"escalation", "busy", "quiet-escalation"}


def test_unknown_rule_field_is_one_clear_error_and_stores_nothing(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("- name: a\n  filter: {types: [ASSAULT]}\n")
    bad.write_text("- name: ok\n- name: typo\n  filter: {types: [ASSAULT], min_kiled: 5}\n")
    with pytest.raises(InputError) as e:
        alerts.load_rules(bad)
    assert str(e.value).startswith(f"{bad}: rule 'typo': unknown field 'filter.min_kiled'")
    assert "min_killed" in str(e.value)
    db = str(tmp_path / "r.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["alerts", "add", str(good), "--db", db]).exit_code == 0
    r = runner.invoke(app, ["alerts", "add", str(bad), "--db", db])
    assert isinstance(r.exception, InputError) and "typo" in str(r.exception)
    with open_store(db, read_only=True) as store:
        assert [x.name for x in alerts.list_rules(store)] == ["a"]
    nozone = tmp_path / "nozone.yaml"
    nozone.write_text("- name: z\n  filter: {zones: [Nowhere]}\n")
    with open_store(db) as store, pytest.raises(InputError, match="zone 'Nowhere' is not stored"):
        alerts.add_rules(store, alerts.load_rules(nozone), str(nozone))


def test_api_zones_and_alerts_follow_the_keys_rule(tmp_path):
    from apisupport import make_client

    client, store, key = make_client(tmp_path)
    try:
        add_zone(store, build_zone("Idlib de-escalation zone", SAMPLE_ZONE, "2018-09-17", prohibit="ASSAULT"))
        rules = tmp_path / "r.yaml"
        rules.write_text("- name: strikes\n  filter: {zones: [idlib-de-escalation-zone]}\n  trigger: {window: 3650d}\n")
        alerts.add_rules(store, alerts.load_rules(rules), str(rules))
        zones = client.get("/zones").json()["zones"]
        assert [z["id"] for z in zones] == ["idlib-de-escalation-zone"] and zones[0]["geometry"]["type"] == "Polygon"
        page = client.get("/zones/idlib-de-escalation-zone/violations", params={"since": "2020-01-01"}).json()
        assert page["inside"] == 1 and page["violations"][0]["place"] == "Al Atarib"    # the sample Atarib strike
        assert page["by_week"] == [{"week": "2020-02-03", "events": 1, "killed": 17, "displaced": 0, "uncertain": 0}]
        assert client.get("/zones/nowhere/violations").status_code == 404
        backwards = {"since": "2021-01-01", "until": "2020-01-01"}
        assert client.get("/zones/idlib-de-escalation-zone/violations", params=backwards).status_code == 422
        assert client.post("/alerts/check").status_code == 401                      # writes need a key
        fired = client.post("/alerts/check", headers={"X-API-Key": key}).json()
        assert fired["total"] == 1 and fired["alerts"][0]["events"][0]["killed"] == 17
        assert client.get("/alerts", params={"since": "1d"}).json()["total"] == 1
        assert client.get("/alerts", params={"rule": "other"}).json()["total"] == 0
        assert client.get("/alerts", params={"since": "soon"}).status_code == 422
    finally:
        store.close()


def test_a_failing_channel_is_reported_and_the_others_still_send(tmp_path):
    dead = f"http://127.0.0.1:{_free_port()}/nobody-listens"
    p = tmp_path / "rules.yaml"
    p.write_text("- name: r\n  channels:\n    log: out.jsonl\n"
                 f"    webhook: {{url: \"{dead}\", tries: 2, backoff_s: 0}}\n")
    with open_store(tmp_path / "f.duckdb") as store:
        store.add_events_bulk([event("ev_one", "ASSAULT", "2020-02-09", IDLIB, killed=3)])
        alerts.add_rules(store, alerts.load_rules(p), str(p))
        (got,) = alerts.evaluate(store, now=NOW)
        assert got.deliveries["log"] == "sent"
        assert got.deliveries["webhook"].startswith(f"rule 'r': webhook {dead} failed after 2 tries (ConnectError)")
        assert alerts.fired(store)[0].deliveries == got.deliveries      # kept with the alert
        assert alerts.evaluate(store, now=NOW) == []                     # recorded: not sent again
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 1
