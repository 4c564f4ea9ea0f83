"""The dashboard's zone layer, zone page and alerts panel in real headless Chromium, served by
`polemos serve` over a DuckDB store of the sample articles with the sample zone and one fired
alert. Screenshots go to the test's tmp dir."""
from __future__ import annotations

import datetime as dt

import pytest

from apisupport import build_sample_store
from polemos import alerts
from polemos.zones import add_zone, build_zone
from test_dashboard_browser import ARGS, CHROMIUM, _serving, pytestmark  # noqa: F401  (same skip/marks)
from zonesupport import SAMPLE_ZONE


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("zones-dash")
    db = tmp / "dash.duckdb"
    rules = tmp / "rules.yaml"
    rules.write_text("- name: strikes-in-zone\n  filter: {types: [ASSAULT], zones: [Idlib de-escalation zone]}\n"
                     "  trigger: {kind: any, window: 30d}\n")
    store = build_sample_store(db)
    add_zone(store, build_zone("Idlib de-escalation zone", SAMPLE_ZONE, "2018-09-17", prohibit="ASSAULT,COERCE"))
    alerts.add_rules(store, alerts.load_rules(rules), str(rules))
    assert len(alerts.evaluate(store, now=dt.datetime(2020, 2, 12, tzinfo=dt.timezone.utc))) == 1
    store.close()
    with _serving(db) as base:
        yield base


def test_zone_layer_zone_page_and_alerts_panel(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = b.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "/")
        page.wait_for_selector("path.zone-shape")                      # the zone drawn on the map
        page.wait_for_selector(".ev-marker")
        shape = page.locator("path.zone-shape").first
        box = shape.bounding_box()
        assert box is not None
        # the southern part of the zone, away from the marker of the strike on Atarib
        page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.85)
        try:
            page.wait_for_selector("#zone-panel:not([hidden]) #zone-violations li", timeout=10_000)
        except Exception:
            page.screenshot(path=str(tmp_path / "failed.png"))
            raise AssertionError(f"{page.inner_text('body')[-800:]!r} {errors} {tmp_path}") from None
        assert page.inner_text("#zone-title") == "Idlib de-escalation zone"
        assert page.inner_text("#zone-totals").startswith("1 violations inside, 0 with location uncertain; 17 killed")
        item = page.inner_text("#zone-violations li")
        assert "2020-02-09 ASSAULT (aerial)" in item and "Russian warplanes struck the town of Atarib" in item
        assert "CONSULT" not in page.inner_text("#zone-panel")          # the Ankara talks are not violations
        assert page.locator("#zone-weeks rect.zw-bar").count() == 1    # violations by week
        assert "RUS MIL" in page.inner_text(".zone-table")              # by actor (country, sector)
        assert "zone=idlib-de-escalation-zone" in page.url
        page.screenshot(path=str(tmp_path / "dashboard-zone.png"))
        page.locator("#zone-violations a.ev-link").first.click()        # the violation's event and article
        page.wait_for_selector("#event-panel:not([hidden]) mark.evidence.current")

        page.click("#view-alerts")
        page.wait_for_selector("#alerts-panel:not([hidden]) .alert-item")
        text = page.inner_text("#alerts-panel")
        assert "strikes-in-zone" in text and "Russian warplanes struck the town of Atarib" in text
        page.screenshot(path=str(tmp_path / "dashboard-alerts.png"))

        page.goto(server + "/?zone=idlib-de-escalation-zone")           # the zone page from its URL alone
        page.wait_for_selector("#zone-panel:not([hidden]) #zone-violations li")
        page.goto(server + "/?zone=nowhere")
        page.wait_for_selector("#zone-panel .error")
        assert "not found" in page.inner_text("#zone-panel")
        assert not errors, errors
        b.close()
    assert (tmp_path / "dashboard-zone.png").stat().st_size > 10_000
