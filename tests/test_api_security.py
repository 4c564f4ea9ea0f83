"""Security of the HTTP API: keys for writes (and optionally reads), hostile filter values,
oversized requests, and ids that try to reach files."""
from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from apisupport import make_client
from polemos.cli import app as cli_app


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    client, store, key = make_client(tmp_path_factory.mktemp("sec"))
    yield client, store, key
    store.close()


INGEST = {"text": "Police arrested 5 protesters in Nairobi on Monday.", "published": "2024-05-06"}


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer pk_00000000_wrong"}, 403),
    ({"X-API-Key": "not-a-key"}, 403),
])
def test_writes_without_a_valid_key_are_refused_and_change_nothing(api, headers, status):
    client, store, _ = api
    before = store.summary()
    for path in ("/ingest", "/extract"):
        r = client.post(path, json=INGEST, headers=headers)
        assert r.status_code == status, r.text
        assert "key" in r.json()["error"]
    assert store.summary() == before


def test_key_cli_shows_the_key_once_stores_it_hashed_and_revocation_takes_effect(api, tmp_path):
    client, store, _ = api
    keys_file = client.app.state.keys.path
    runner = CliRunner()
    out = runner.invoke(cli_app, ["keys", "create", "--name", "analyst", "--keys-file", str(keys_file)])
    assert out.exit_code == 0, out.output
    key = out.stdout.strip().splitlines()[0]
    assert key.startswith("pk_")
    stored = keys_file.read_text()
    secret = key.split("_", 2)[2]
    assert secret not in stored and key not in stored          # only salted hashes are kept
    assert all(len(r["salt"]) == 32 and len(r["hash"]) == 64 for r in json.loads(stored))
    key_id = key.split("_")[1]
    listed = runner.invoke(cli_app, ["keys", "list", "--keys-file", str(keys_file)]).stdout
    assert key_id in listed and "analyst" in listed and secret not in listed
    # a GET that needs no key still works; a malformed POST with the key passes auth (422, not 401)
    assert client.post("/ingest", json={"nope": 1}, headers={"X-API-Key": key}).status_code == 422
    out = runner.invoke(cli_app, ["keys", "revoke", key_id, "--keys-file", str(keys_file)])
    assert out.exit_code == 0
    r = client.post("/ingest", json={"nope": 1}, headers={"X-API-Key": key})
    assert r.status_code == 403 and r.json()["error"] == "the API key is unknown or revoked"
    bad = runner.invoke(cli_app, ["keys", "revoke", "ffffffff", "--keys-file", str(keys_file)])
    assert bad.exit_code != 0


def test_reads_can_be_closed_behind_a_key(tmp_path):
    client, store, key = make_client(tmp_path, read_key_required=True)
    try:
        for path in ("/events", "/stats", "/events/ev_x", "/documents/atarib-strike"):
            assert client.get(path).status_code == 401
        assert client.get("/events", headers={"Authorization": f"Bearer {key}"}).json()["total"] == 5
    finally:
        store.close()


SQLISH = ["x' OR '1'='1", "'; DROP TABLE events; --", "1); DELETE FROM articles; --", "%", "a%b",
          "\\x00", "x\x00y", "* FROM events", "<script>", "x /* c */"]


@pytest.mark.parametrize("name", ["actor", "text", "country", "type", "status", "since", "until", "bbox",
                                  "acled_event_type", "document"])
@pytest.mark.parametrize("value", SQLISH)
def test_sql_like_filter_values_are_rejected_cleanly(api, name, value):
    client, store, _ = api
    r = client.get("/events", params={name: value})
    assert r.status_code == 422, (name, value, r.text)
    error = r.json()["error"]
    assert error.startswith(name) and "\n" not in error


def test_sql_words_in_a_search_are_plain_text_and_the_store_survives(api):
    client, store, _ = api
    before = store.summary()
    for value in ("Robert'); DROP", "union select id from articles", "O'Brien"):
        r = client.get("/events", params={"actor": value})
        assert r.status_code in (200, 422)
        if r.status_code == 200:
            assert r.json()["total"] == 0
    assert store.summary() == before and store.check() == []
    assert client.get("/events").json()["total"] == 5


@pytest.mark.parametrize("params", [
    {"actor": "a" * 201}, {"text": "b" * 5000}, {"country": "X" * 300}, {"limit": 10_001},
    {"limit": 0}, {"offset": -1}, {"offset": 10**12}, {"limit": "many"}, {"bbox": "1e999,0,1,1"},
    {"bbox": "nan,0,1,1"}, {"bbox": "0,0,200,1"}, {"since": "2020-13-45"}, {"format": "x" * 50},
])
def test_oversized_and_malformed_parameters_give_one_line_422(api, params):
    client, _, _ = api
    r = client.get("/events", params=params)
    assert r.status_code == 422, r.text
    name = next(iter(params))
    assert r.json()["error"].startswith(name), r.json()


def test_oversized_bodies_are_refused_before_being_read(api):
    client, store, key = api
    before = store.summary()
    h = {"X-API-Key": key, "Content-Type": "application/json"}
    limit = client.app.state.settings.max_body_bytes
    big = json.dumps({"text": "x" * (limit + 10)})
    r = client.post("/ingest", content=big, headers=h)
    assert r.status_code == 413 and "limit" in r.json()["error"]

    def chunks():                       # no Content-Length: counted as it streams
        for _ in range(limit // 65536 + 2):
            yield b" " * 65536
    r = client.post("/extract", content=chunks(), headers=h)
    assert r.status_code == 413
    assert store.summary() == before


@pytest.mark.parametrize("path", [
    "/documents/..%2F..%2F..%2Fetc%2Fpasswd", "/documents/%2Fetc%2Fpasswd", "/documents/..",
    "/documents/~root", "/documents/api.duckdb", "/documents/keys.json", "/documents/.%2Fkeys.json",
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/..%2F..%2F..%2Fsettings.py",
    "/..%2Fapp.py", "/events/..%2F..%2Fetc%2Fpasswd",
])
def test_ids_and_paths_cannot_read_files(api, path):
    client, _, _ = api
    r = client.get(path)
    # (the client may normalise "/documents/.." to "/": then the answer is the dashboard page)
    assert r.status_code in (404, 422) or r.text.startswith("<!doctype html>"), (path, r.status_code)
    assert "root:" not in r.text and "import" not in r.text and "salt" not in r.text


def test_a_request_past_the_time_limit_gets_a_503_on_time(tmp_path, shared):
    client, store, key = make_client(tmp_path, timeout_s=0.2)
    try:
        # long enough that no machine extracts it inside the limit (the answer must not depend on
        # speed): 30 copies, each line numbered so that cleaning does not drop the repeats
        article = (shared / "fixtures" / "idlib-talks-2020-02-10" / "article.txt").read_text()
        text = "\n".join(f"({i}) {line}" for i in range(30) for line in article.splitlines() if line.strip())
        t0 = time.monotonic()
        r = client.post("/extract", json={"text": text, "published": "2020-02-10"}, headers={"X-API-Key": key})
        elapsed = time.monotonic() - t0
        assert r.status_code == 503 and "POLEMOS_API_TIMEOUT" in r.json()["error"]
        assert elapsed < 5, f"the answer took {elapsed:.1f} s"
    finally:
        store.close()


@pytest.mark.parametrize("query, error", [
    ("country=xx", "country 'xx': not an ISO 3166 alpha-3 code (e.g. SYR)"),
    ("since=2020/01/01", "since '2020/01/01': not a date (use YYYY-MM-DD)"),
    ("since=2021-01-01&until=2020-01-01", "since '2021-01-01': is after until (2020-01-01)"),
    ("bbox=10,0,5,1", "bbox '10,0,5,1': west must not exceed east and south must not exceed north"),
    ("limit=20000", "limit '20000': Input should be less than or equal to 10000"),
])
def test_error_messages_name_the_input_and_say_what_is_wrong(api, query, error):
    client, _, _ = api
    assert client.get("/events?" + query).json() == {"error": error, "code": "E019"}   # docs/errors.md


def test_malformed_and_forged_keys_are_refused(tmp_path):
    from polemos.api.keys import KeyStore

    keys = KeyStore(tmp_path / "k.json")
    rec, key = keys.create("x")
    assert keys.verify(key).id == rec.id
    _, kid, secret = key.split("_", 2)
    for bad in ("", "pk_", "pk__", f"pk_{kid}_", f"pk_{kid}", f"pk_{kid}_{secret}x", f"xx_{kid}_{secret}",
                f"pk_{kid}_{secret[:-1]}", f"pk_ffffffff_{secret}", key.upper()):
        assert keys.verify(bad) is None, bad
    keys.revoke(kid)
    assert keys.verify(key) is None
    assert (tmp_path / "k.json").stat().st_mode & 0o077 == 0          # readable by its owner only
