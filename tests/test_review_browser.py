"""Review in the dashboard, in real headless Chromium against `polemos serve` over a DuckDB store:
an editor confirms one event, edits the toll and place of another, rejects a third as a duplicate
and merges two; the history shows each change and undo restores the previous state; a reader key
cannot change anything."""
from __future__ import annotations

import httpx
import pytest

from apisupport import build_sample_store
from polemos.api.keys import KeyStore
from polemos.api.settings import default_keys_file
from test_dashboard_browser import ARGS, CHROMIUM, _serving, pytestmark  # noqa: F401  (same skip/marks)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = tmp_path_factory.mktemp("review") / "review.duckdb"
    build_sample_store(db).close()
    keys = KeyStore(default_keys_file(str(db)))
    _, editor = keys.create("ed", role="editor")
    _, reader = keys.create("rita", role="reader")
    with _serving(db) as base:
        ids = {e["document_ids"][0] + ":" + e["type"]: e["id"] for e in httpx.get(base + "/events").json()["events"]}
        yield base, ids, editor, reader


@pytest.fixture(scope="module")
def page(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        pg = b.new_context(viewport={"width": 1400, "height": 900}).new_page()
        pg.errors_seen = []
        pg.on("pageerror", lambda e: pg.errors_seen.append(str(e)))
        yield pg
        b.close()


def _use_key(page, key: str) -> None:
    page.fill("#review-key", key)
    page.dispatch_event("#review-key", "change")


def _status(page, start: str) -> None:
    page.wait_for_function(f"(document.querySelector('#rv-status')?.textContent || '').startsWith('{start}')")


def _open(page, base: str, eid: str) -> None:
    page.goto(f"{base}/?event={eid}")
    page.wait_for_selector("#rv-status >> text=version")
    page.wait_for_selector("#rv-history li")


def test_editor_reviews_reader_cannot(page, served):
    base, ids, editor, reader = served
    kyiv, atarib = ids["kyiv-protest:PROTEST"], ids["atarib-strike:ASSAULT"]
    bamako, consult, reject = ids["bamako-arrests:COERCE"], ids["ankara-talks:CONSULT"], ids["ankara-talks:REJECT"]
    page.goto(base + "/")
    _use_key(page, reader)
    page.click("#view-review")
    page.wait_for_selector("#rv-queue li")
    assert page.locator("#rv-queue li").count() == 5
    assert "killed" in page.inner_text(f"#rv-queue li[data-id='{atarib}']")      # why it needs a person

    # a reader key is refused: nothing changes
    page.click(f"#rv-queue li[data-id='{kyiv}']")
    page.wait_for_selector("#rv-confirm")
    page.click("#rv-confirm")
    page.wait_for_selector("#review-msg.error")
    assert "editor role" in page.inner_text("#review-msg")
    assert httpx.get(f"{base}/events/{kyiv}").json()["coded_by"] == "machine"

    _use_key(page, editor)
    page.click("#rv-confirm")
    _status(page, "confirmed")
    assert "by ed" in page.inner_text("#rv-status")

    # the toll and the place of the air strike: place picked from the gazetteer
    _open(page, base, atarib)
    page.click("#rv-edit-box summary")
    page.fill("#rv-killed", "20")
    page.fill("#rv-place", "Aleppo")
    page.wait_for_selector(".rv-place")
    page.locator(".rv-place").first.click()
    page.fill("#rv-reason", "monitor's final count")
    page.click("#rv-save")
    _status(page, "edited")
    fields = page.inner_text("#event-fields")
    assert "20" in fields and "Aleppo" in fields
    page.wait_for_selector("#rv-history li:has-text('edit killed')")
    history = page.inner_text("#rv-history")
    assert "ed · edit killed: 17 → 20 — monitor's final count" in history and "polemos · event_created" in history

    # reject a third as a duplicate of the first
    _open(page, base, bamako)
    page.select_option("#rv-kind", "duplicate")
    page.fill("#rv-other", kyiv)
    page.fill("#rv-reason", "same report")
    page.click("#rv-reject")
    _status(page, "rejected")
    assert f"duplicate of {kyiv}" in page.inner_text("#rv-status")

    # merge two events into one
    _open(page, base, consult)
    page.fill("#rv-other", reject)
    page.click("#rv-merge")
    page.wait_for_function("(document.querySelector('#event-fields')?.textContent || '').includes('2 mention(s)')")
    listed = {e["id"] for e in httpx.get(base + "/events").json()["events"]}
    assert consult in listed and reject not in listed and bamako not in listed

    # undo the edit from the history: the machine's toll and place come back
    _open(page, base, atarib)
    page.locator("#rv-history li", has_text="edit killed").locator(".rv-undo").click()
    _status(page, "not reviewed")
    fields = page.inner_text("#event-fields")
    assert "17" in fields and "Al Atarib" in fields
    page.wait_for_selector("#rv-history li.undone")
    assert page.locator("#rv-history li.undone").count() == 2               # the toll and the place

    # the filter bar narrows to reviewed events: the confirmed one and the merged one
    page.goto(base + "/?view=table&reviewed=true")
    page.wait_for_function("document.querySelectorAll('#table tbody tr.ev-row').length === 2")
    assert {page.locator("#table tbody tr.ev-row").nth(i).get_attribute("data-id") for i in range(2)} == {kyiv, consult}
    assert page.input_value("#f-reviewed") == "true"
    assert not page.errors_seen, page.errors_seen
