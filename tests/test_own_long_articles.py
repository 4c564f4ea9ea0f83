"""The own long-article set (tests/data/own_long_articles, issue 12): news-style articles written
for Polemos and annotated before any Polemos output was seen. These tests check that the gold is
well formed in the fixtures format (so `polemos eval events` can score it) and that the scorer
reads it; they never compare Polemos output with the gold."""
from __future__ import annotations

import datetime as dt
import json
import math
import zipfile
from pathlib import Path

import pytest

from polemos.eval import fixtures

SET = Path(__file__).resolve().parent / "data" / "own_long_articles"
TYPES = set("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
            "SANCTION MOBILIZE COERCE ASSAULT".split())
SECTORS = set("GOV MIL REB CVL COP PTY OPP JUD LEG IGO NGO MED BUS REL CRM UAF".split())
STATUSES = {"occurred", "planned", "threatened", "denied", "hypothetical"}
MODES = {None, "aerial", "ground", "explosives", "suicide-attack", "firearms", "arrest"}
FOLDERS = sorted(p for p in SET.iterdir() if p.is_dir())


def _dates(e: dict) -> list[dt.date]:
    values = [e["date"]] if e.get("date") else (e.get("date_range") or [])
    return [dt.date.fromisoformat(v) for v in values]


def test_set_has_six_to_eight_long_articles() -> None:
    assert 6 <= len(FOLDERS) <= 8
    for f in FOLDERS:
        words = len((f / "article.txt").read_text(encoding="utf-8").split())
        assert 500 <= words <= 900, (f.name, words)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_gold_follows_the_fixtures_format(folder: Path) -> None:
    text = (folder / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert gold["document"] == meta["id"] == folder.name and gold["published"] == meta["published"]
    published = dt.date.fromisoformat(meta["published"])
    ids = [e["id"] for e in gold["events"]]
    assert len(ids) == len(set(ids)) and any(e["required"] for e in gold["events"])
    for e in gold["events"]:
        where = f"{folder.name} {e['id']}"
        assert e["evidence"] in text and len(e["evidence"]) <= 200, where
        assert e["type"] in TYPES and e["status"] in STATUSES and e.get("mode") in MODES, where
        for actor in (e["actor1"], e["actor2"]):
            if actor:
                assert actor.get("sector") in SECTORS | {None}, where
                assert actor["country"] is None or len(actor["country"]) == 3, where
        assert all(d <= published for d in _dates(e)), where  # no event after publication
        if e.get("date_range"):
            assert e["date_range"][0] <= e["date_range"][1], where


def test_coordinates_lie_in_the_stated_country(shared: Path) -> None:
    iso3 = {}
    for line in (shared / "gazetteer" / "countryInfo.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            f = line.split("\t")
            iso3[f[1]] = f[0]
    with zipfile.ZipFile(shared / "gazetteer" / "cities15000.zip") as z:
        rows = [ln.decode("utf-8").split("\t") for ln in z.open(z.namelist()[0])]
    cities = [(float(r[4]), float(r[5]), r[8]) for r in rows]
    for f in FOLDERS:
        for e in json.loads((f / "gold.json").read_text(encoding="utf-8"))["events"]:
            loc = e["location"]
            if not loc or loc.get("lat") is None:
                continue
            lat, lon = loc["lat"], loc["lon"]
            near = min(cities, key=lambda c: (c[0] - lat) ** 2 + ((c[1] - lon) * math.cos(math.radians(lat))) ** 2)
            assert iso3[loc["country"]] == near[2], (f.name, e["id"], near)


def test_eval_events_loads_the_set() -> None:
    records = fixtures.load(SET)
    assert [r.id for r in records] == [f.name for f in FOLDERS]
    assert all(r.published is not None for r in records)


def test_make_eval_reports_the_set_with_its_halves() -> None:
    from polemos.eval import report

    assert report.OWN_LONG_ARTICLES == SET
    lines, row = report.own_long_articles_section()
    text = "\n".join(lines)
    assert "## Long articles: our own set" in text and "polemos eval events tests/data/own_long_articles" in text
    assert "| recall |" in text and "even half | odd half" in text   # the halves table
    assert row.startswith("| long articles (own set) | event recall / precision |") and "65 events" in row
