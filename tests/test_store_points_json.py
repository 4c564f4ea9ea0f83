"""The map's points written by DuckDB (store/sql_points.py) are byte for byte the answer the
reference code writes (Python's round(x, 5), pydantic-core's JSON): on a real DuckDB file, with
coordinates at and next to rounding ties, tiny and extreme values, ids that need escaping,
undated events, through paging and a cursor; and a review makes the API fall back to it."""
from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from fastapi.testclient import TestClient
from pydantic_core import to_json

from apisupport import make_client
from polemos.api import Settings, create_app
from polemos.models import Count, Event, Evidence, Place
from polemos.store import EventFilter, open_store, sql_points


def _coords() -> list[float]:
    rnd = random.Random(5)
    xs = [25.328125, -103.765625, 30.015625, 0.000015, -0.000025, 12.345675, 0.0, -0.0, 0.00001, 0.00005,
          -0.00003, 90.0, -90.0, 180.0, -180.0, 179.99999, 1e-9, 36.5, 36.139]
    for _ in range(150):                         # halfway between two fifth decimals, and its neighbours
        x = (rnd.randint(-8_000_000, 8_000_000) + 0.5) / 1e5
        xs += [x, math.nextafter(x, math.inf), math.nextafter(x, -math.inf)]
    xs += [rnd.uniform(-80, 80) for _ in range(400)] + [rnd.uniform(-1e-3, 1e-3) for _ in range(100)]
    return xs


def _events() -> list[Event]:
    xs = _coords()
    ids = ["ev_plain", "ev_ctl\x1fx", "ev_\"quoted\"", "ev_back\\slash", "ev_é_ü", "ev_tab\tx", "ev_\\u0041"]
    out = []
    for i, x in enumerate(xs):
        lat = max(-90.0, min(90.0, x)) if i % 2 else xs[(i * 7) % len(xs)] / 2
        text = f"Shelling hit village {i}."
        out.append(Event(
            id=f"{ids[i % len(ids)]}{i:04d}", type="ASSAULT" if i % 3 else "PROTEST",
            date=None if i % 11 == 0 else (dt.date(2022, 1, 1) + dt.timedelta(days=i % 40)).isoformat(),
            date_precision="day", evidence=Evidence(text=text, start=0, end=len(text)),
            killed=Count(best=i % 5) if i % 2 else None,
            location=Place(name=f"v{i}", lat=lat, lon=max(-180.0, min(180.0, x)), country="SYR",
                           precision=None if i % 5 == 0 else "place")))
    return out


PATHS = ["/events?format=points", "/events?format=points&limit=37&offset=101",
         "/events?format=points&bbox=-1,-1,1,1", "/events?format=points&type=ASSAULT&limit=500",
         "/events?format=points&offset=100000", "/events?format=points&since=2022-01-20&limit=50"]


@pytest.fixture(scope="module")
def points_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("pts") / "pts.duckdb"
    with open_store(path) as s:
        s.add_events_bulk(_events())
    store = open_store(path)
    yield store
    store.close()


def test_duckdb_points_are_the_reference_bytes(points_store, monkeypatch):
    client = TestClient(create_app(Settings(), store=points_store))
    cur = client.get("/events?limit=200").json()["next_cursor"]
    paths = [*PATHS, f"/events?format=points&cursor={cur}&limit=300"]
    fast = [client.get(p) for p in paths]
    # the rows DuckDB could not write itself were there to be mended
    texts = points_store.event_points_json(EventFilter())
    assert len(texts) == len(points_store.event_points(EventFilter())) > 900
    raw = [r[0] for r in points_store.inner.rows(sql_points._SELECT + " WHERE lat IS NOT NULL")]
    assert sum(r.startswith(sql_points.RAW) for r in raw) > 100 and any("\\u001F" in r for r in raw)
    monkeypatch.setattr(type(points_store.inner), "event_points_json", lambda self, flt: None)   # the reference
    for p, got in zip(paths, fast):
        ref = client.get(p)
        assert got.status_code == ref.status_code == 200 and got.content == ref.content, p
    assert fast[0].json()["returned"] == len(texts)


def test_rounding_and_text_match_python_row_by_row(points_store):
    pts = points_store.event_points(EventFilter())
    texts = points_store.event_points_json(EventFilter())
    assert texts == [to_json(sql_points.point_row(p)).decode() for p in pts]
    ties = [p for p in pts if p[1] == 25.328125 or p[2] == 25.328125]
    assert ties and all(sql_points.point_row(p)[1:3].count(25.32812) for p in ties)   # half to even, as Python


def test_a_review_makes_the_answer_the_overlays(tmp_path):
    client, store, key = make_client(tmp_path)
    try:
        ev = client.get("/events", params={"country": "SYR", "limit": 1}).json()["events"][0]
        before = client.get("/events?format=points").json()
        assert store.event_points_json(EventFilter()) is not None
        r = client.patch(f"/events/{ev['id']}", json={"fields": {"killed": 99}, "reason": "check"},
                         headers={"X-API-Key": key})
        assert r.status_code == 200
        assert store.event_points_json(EventFilter()) is None       # the overlay answers, not the columns
        after = client.get("/events?format=points").json()
        row = {p[0]: p for p in after["points"]}[ev["id"]]
        assert row[5] == 99 and len(after["points"]) == len(before["points"])
    finally:
        store.close()
