"""HTTP API over a real store (DuckDB file and PostgreSQL server): filters, pagination, formats,
detail, documents, stats, extract and ingest."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from apisupport import make_client
from polemos.api import formats
from polemos.store.base import StoredEvent


@pytest.fixture(scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def api(request, tmp_path_factory):
    """The same API tests on both store backends."""
    db = request.getfixturevalue("pg_server").new_database() if request.param == "postgres" else None
    client, store, key = make_client(tmp_path_factory.mktemp("api"), db=db)
    yield client, store, key
    store.close()


def _events(client, **params):
    r = client.get("/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_events_lists_every_stored_event_with_total(api):
    client, store, _ = api
    page = _events(client)
    assert page["total"] == 5 == len(page["events"])
    assert {e["type"] for e in page["events"]} == {"ASSAULT", "CONSULT", "REJECT", "PROTEST", "COERCE"}
    assert all(e["evidence"]["text"] for e in page["events"])


@pytest.mark.parametrize("params, types", [
    ({"type": "ASSAULT"}, {"ASSAULT"}),
    ({"country": "syr"}, {"ASSAULT"}),
    ({"country": "TUR"}, {"CONSULT"}),
    ({"actor": "Russia"}, {"ASSAULT", "CONSULT"}),
    ({"actor": "MLI"}, {"COERCE"}),
    ({"text": "protested in Kyiv"}, {"PROTEST"}),
    ({"since": "2021-01-01"}, {"PROTEST", "COERCE"}),
    ({"until": "2020-02-09"}, {"ASSAULT"}),
    ({"since": "2020-02-10", "until": "2020-02-10"}, {"CONSULT", "REJECT"}),
    ({"bbox": "20,30,45,45"}, {"ASSAULT", "CONSULT"}),          # Syria and Turkey, not Kyiv
    ({"status": "occurred", "type": "PROTEST"}, {"PROTEST"}),
    ({"document": "ankara-talks"}, {"CONSULT", "REJECT"}),
    ({"type": "AID"}, set()),
])
def test_filters_select_the_matching_events(api, params, types):
    client, _, _ = api
    page = _events(client, **params)
    assert {e["type"] for e in page["events"]} == types
    assert page["total"] == len(types)


def test_pagination_covers_every_event_once_in_a_stable_order(api):
    client, _, _ = api
    seen, offset = [], 0
    while offset is not None:
        page = _events(client, limit=2, offset=offset)
        assert page["limit"] == 2 and len(page["events"]) <= 2
        seen += [e["id"] for e in page["events"]]
        offset = page["next_offset"]
    assert seen == [e["id"] for e in _events(client)["events"]]
    assert len(set(seen)) == 5
    assert _events(client, offset=50)["events"] == []


def test_geojson_by_format_and_by_accept_header(api):
    client, _, _ = api
    for r in (client.get("/events", params={"format": "geojson"}),
              client.get("/events", headers={"Accept": "application/geo+json"})):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/geo+json")
        fc = r.json()
        assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 5
        atarib = next(f for f in fc["features"] if f["properties"]["type"] == "ASSAULT")
        assert atarib["geometry"] == {"type": "Point", "coordinates": [36.825, 36.139]}   # lon, lat
        assert atarib["properties"]["killed"] == 17
        unlocated = next(f for f in fc["features"] if f["properties"]["type"] == "REJECT")
        assert unlocated["geometry"] is None


def test_csv_export_has_a_header_and_one_row_per_event(api):
    client, _, _ = api
    r = client.get("/events", params={"format": "csv", "country": "MLI"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 1
    assert rows[0]["type"] == "COERCE" and rows[0]["arrested"] == "12" and rows[0]["country"] == "MLI"
    assert rows[0]["evidence"] == "Security forces arrested 12 opposition activists in Bamako"
    r2 = client.get("/events", headers={"Accept": "text/csv"})
    assert r2.headers["content-type"].startswith("text/csv") and len(r2.text.splitlines()) == 6


def test_csv_cells_cannot_run_as_spreadsheet_formulas():
    ev = StoredEvent(id="e1", type="PROTEST", actor1={"text": "=HYPERLINK(\"http://x\")"},
                     evidence={"text": "@SUM(A1)", "start": 0, "end": 8})
    row = next(csv.DictReader(io.StringIO(formats.to_csv([ev]))))
    assert row["actor1"].startswith("'=") and row["evidence"] == "'@SUM(A1)"


def test_points_format_returns_only_located_events_compactly(api):
    client, _, _ = api
    r = client.get("/events", params={"format": "points"})
    body = r.json()
    assert body["total"] == 5 and body["returned"] == 4 and body["capped"] is False
    assert body["fields"][:4] == ["id", "lat", "lon", "type"]
    assert all(len(p) == len(body["fields"]) for p in body["points"])
    capped = client.get("/events", params={"format": "points", "limit": 2}).json()
    assert capped["capped"] is True and capped["returned"] == 2


def test_unknown_format_is_a_clear_422(api):
    client, _, _ = api
    r = client.get("/events", params={"format": "xml"})
    assert r.status_code == 422 and r.json()["error"].startswith("format 'xml'")


def test_event_detail_has_mentions_with_evidence(api):
    client, _, _ = api
    eid = _events(client, type="ASSAULT")["events"][0]["id"]
    ev = client.get(f"/events/{eid}").json()
    assert ev["id"] == eid and ev["location"]["country"] == "SYR"
    assert ev["killed"]["best"] == 17 and ev["document_ids"] == ["atarib-strike"]
    assert len(ev["mentions"]) == 1
    assert ev["mentions"][0]["evidence"]["text"] == "Russian warplanes struck the town of Atarib"
    r = client.get("/events/ev_does_not_exist")
    assert r.status_code == 404 and r.json() == {"error": "event 'ev_does_not_exist': not found", "code": "E023"}


def test_document_returns_text_and_evidence_spans_that_point_into_it(api):
    client, _, _ = api
    doc = client.get("/documents/ankara-talks").json()
    assert doc["title"] == "Talks in Ankara" and doc["published"] == "2020-02-10"
    assert len(doc["spans"]) == 2
    for s in doc["spans"]:
        assert doc["text"][s["start"]:s["end"]] == s["text"]
        assert s["event_id"].startswith("ev_")
    consult = _events(client, type="CONSULT")["events"][0]["id"]
    only = client.get("/documents/ankara-talks", params={"event": consult}).json()["spans"]
    assert [s["text"] for s in only] == ["Turkish and Russian delegations met in Ankara on Monday"]
    assert client.get("/documents/no-such-article").status_code == 404
    assert client.get("/documents/ankara-talks", params={"event": "ev_nope"}).status_code == 404


def test_stats_aggregate_events_and_fatalities_per_period(api):
    client, _, _ = api
    day = client.get("/stats", params={"by": "day"}).json()
    assert day["by"] == "day"
    assert sum(t["events"] for t in day["totals"]) == 5
    assert {t["period"]: t["killed"] for t in day["totals"]}["2020-02-09"] == 17
    week = client.get("/stats", params={"by": "week", "country": "SYR"}).json()
    assert [(t["period"], t["events"], t["killed"]) for t in week["totals"]] == [("2020-02-03", 1, 17)]
    assert all(dt.date.fromisoformat(t["period"]).weekday() == 0 for t in client.get("/stats").json()["totals"])
    assert client.get("/stats", params={"by": "year"}).status_code == 422


def test_health_and_openapi_schema(api):
    client, _, _ = api
    assert client.get("/health").json()["events"] == 5
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/events", "/events/{event_id}", "/documents/{document_id}", "/stats", "/extract", "/ingest"):
        assert p in paths


def test_dashboard_is_served_from_the_package_without_a_cdn(api):
    client, _, _ = api
    html = client.get("/").text
    assert 'src="static/app.js"' in html and "http" not in html.split("<body>")[1]
    js = client.get("/static/app.js")
    assert js.status_code == 200 and len(js.content) > 100_000       # Leaflet and outlines bundled
    assert "unpkg.com" not in js.text and "cdnjs" not in js.text


ARTICLE = ("Russian warplanes struck the village of Atarib in Syria on Sunday, killing 17 people, "
           "a monitoring group said. Turkey and Russia held talks in Ankara on Monday.")


def test_extract_returns_events_without_storing_them(api):
    client, store, key = api
    before = store.summary()
    r = client.post("/extract", json={"text": ARTICLE, "published": "2020-02-10"}, headers={"X-API-Key": key})
    assert r.status_code == 200, r.text
    events = r.json()["events"]
    assert events, "the extractor found nothing in a plain airstrike report"
    for e in events:
        ev = e["evidence"]
        assert ARTICLE[ev["start"]:ev["end"]] == ev["text"]
    assert store.summary() == before


def test_ingest_stores_the_article_and_its_events_once(api):
    client, store, key = api
    h = {"Authorization": f"Bearer {key}"}
    body = {"text": ARTICLE, "published": "2020-02-10", "id": "api-test-atarib", "title": "Atarib"}
    first = client.post("/ingest", json=body, headers=h)
    assert first.status_code == 200 and first.json()["result"] == "added"
    stored = client.get("/events", params={"document": "api-test-atarib"}).json()
    assert stored["total"] >= 1
    doc = client.get("/documents/api-test-atarib").json()
    assert doc["text"] == ARTICLE and doc["spans"]
    assert all(ARTICLE[s["start"]:s["end"]] == s["text"] for s in doc["spans"])
    again = client.post("/ingest", json=body, headers=h)
    assert again.json()["result"] == "unchanged"
    assert client.get("/events", params={"document": "api-test-atarib"}).json()["total"] == stored["total"]
    bad = client.post("/ingest", json={"text": "", "published": "yesterday"}, headers=h)
    assert bad.status_code == 422 and bad.json()["error"].startswith("text")


def test_top_level_is_accepted_as_a_filter(api):
    client, _, _ = api
    assert _events(client, top_level="true", document="ankara-talks")["total"] == 2   # no totals there
    assert client.get("/events", params={"top_level": "maybe"}).status_code == 422
