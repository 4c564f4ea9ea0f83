"""Review over HTTP on a real store: roles on keys, optimistic concurrency (409), history, the
reviewed filter, coded_by in exports, admin key management, and the OpenAPI schema."""
from __future__ import annotations

import csv
import io

import pytest

from apisupport import make_client
from polemos.api.keys import KeyStore


@pytest.fixture
def api(tmp_path):
    client, store, editor = make_client(tmp_path)
    keys = KeyStore(tmp_path / "keys.json")
    _, reader = keys.create("rita", role="reader")
    _, admin = keys.create("ada", role="admin")
    yield client, {"editor": editor, "reader": reader, "admin": admin}
    store.close()


def _h(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def _first(client, **params) -> dict:
    return client.get("/events", params={"limit": 1, **params}).json()["events"][0]


def test_roles_and_409_conflict(api):
    client, k = api
    ev = _first(client, country="SYR")
    url = f"/events/{ev['id']}"
    assert client.patch(url, json={"fields": {"killed": 3}, "reason": "x"}).status_code == 401
    r = client.patch(url, json={"fields": {"killed": 3}, "reason": "x"}, headers=_h(k["reader"]))
    assert r.status_code == 403 and "editor role" in r.json()["error"]
    assert client.post("/extract", json={"text": "x"}, headers=_h(k["reader"])).status_code == 403

    # two editors saw version 0; the first wins, the second is told the current version
    first = client.patch(url, json={"fields": {"killed": 20}, "reason": "OCHA", "version": 0}, headers=_h(k["editor"]))
    assert first.status_code == 200 and first.json()["killed"]["best"] == 20 and first.json()["version"] == 1
    second = client.patch(url, json={"fields": {"killed": 25}, "reason": "wire", "version": 0}, headers=_h(k["admin"]))
    assert second.status_code == 409
    body = second.json()
    assert body["current_version"] == 1 and body["event"]["killed"]["best"] == 20 and "version 1" in body["error"]
    again = client.patch(url, json={"fields": {"killed": 25}, "reason": "wire", "version": 1}, headers=_h(k["admin"]))
    assert again.status_code == 200 and again.json()["reviewed_by"] == "ada"

    hist = client.get(f"{url}/history").json()
    edits = [h for h in hist if h["op"] == "edit"]
    assert [(h["by"], h["after"]["best"], h["why"]) for h in edits] == [("tests", 20, "OCHA"), ("ada", 25, "wire")]
    assert edits[1]["before"]["best"] == 20 and hist[0]["source"] == "machine"

    undone = client.post(f"{url}/undo", json={"version": 2}, headers=_h(k["editor"]))
    assert undone.status_code == 200 and undone.json()["killed"]["best"] == 20


def test_reject_merge_filters_and_exports(api):
    client, k = api
    ed = _h(k["editor"])
    ids = [e["id"] for e in client.get("/events").json()["events"]]
    total = len(ids)
    a, b, c = ids[0], ids[1], ids[2]
    r = client.post(f"/events/{a}/reject", json={"kind": "duplicate", "duplicate_of": b, "reason": "same"}, headers=ed)
    assert r.status_code == 200 and r.json()["review_status"] == "rejected"
    assert client.post(f"/events/{b}/merge", json={"other": c}, headers=ed).json()["n_mentions"] == 2
    assert client.post(f"/events/{b}/confirm", json={}, headers=ed).json()["coded_by"] == "edited"
    listed = client.get("/events").json()
    assert listed["total"] == total - 2 and {a, c}.isdisjoint(e["id"] for e in listed["events"])
    reviewed = client.get("/events", params={"reviewed": "true"}).json()
    assert [e["id"] for e in reviewed["events"]] == [b]
    assert client.get("/events", params={"reviewed": "false"}).json()["total"] == total - 3
    rows = list(csv.DictReader(io.StringIO(client.get("/events", params={"format": "csv"}).text)))
    coded = {r["id"]: (r["coded_by"], r["reviewed_by"]) for r in rows}
    assert coded[b] == ("edited", "tests") and {v[0] for i, v in coded.items() if i != b} == {"machine"}
    assert client.get(f"/events/{a}").json()["rejected"]["duplicate_of"] == b
    assert client.post(f"/events/{a}/confirm", json={"version": 0}, headers=ed).status_code == 409
    bad = client.post(f"/events/{b}/reject", json={"kind": "boring"}, headers=ed)
    assert bad.status_code == 422
    bad = client.patch(f"/events/{b}", json={"fields": {"killed": "many"}, "reason": "x"}, headers=ed)
    assert bad.status_code == 422 and "whole number" in bad.json()["error"]
    log = client.get("/review/log").json()
    assert [r["op"] for r in log] == ["reject", "merge", "merged", "confirm"] and log[0]["key_name"] == "tests"
    stats = client.get("/review/stats").json()
    assert {t["human"] for t in stats["types"]} >= {"MERGED", "REJECTED:duplicate"}
    q = client.get("/review/queue").json()
    assert q and {a, b, c}.isdisjoint(i["event"]["id"] for i in q) and q[0]["score"] >= q[-1]["score"]


def test_admin_manages_keys(api):
    client, k = api
    assert client.post("/keys", json={"name": "eve", "role": "editor"}, headers=_h(k["editor"])).status_code == 403
    made = client.post("/keys", json={"name": "eve", "role": "reader"}, headers=_h(k["admin"])).json()
    assert made["role"] == "reader" and made["key"].startswith("pk_")
    listed = client.get("/keys", headers=_h(k["admin"])).json()
    assert "key" not in listed[0] or listed[0]["key"] is None
    assert {x["name"]: x["role"] for x in listed}["eve"] == "reader"
    assert client.delete(f"/keys/{made['id']}", headers=_h(k["admin"])).json()["revoked"]
    assert client.get("/keys", headers=_h(made["key"])).status_code == 403


def test_openapi_covers_review(api):
    client, _ = api
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/events/{event_id}/confirm", "/events/{event_id}/reject", "/events/{event_id}/merge",
              "/events/{event_id}/split", "/events/{event_id}/move", "/events/{event_id}/undo",
              "/events/{event_id}/history", "/review/queue", "/review/stats", "/review/log", "/keys", "/gazetteer"):
        assert p in paths, p
    assert "patch" in paths["/events/{event_id}"] and "409" in paths["/events/{event_id}"]["patch"]["responses"]
