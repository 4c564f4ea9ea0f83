"""The extraction data files load and are consistent (a linguist edits them, a test guards them)."""
from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

from polemos.extract.acled import crosswalk
from polemos.extract.actors import default_coder
from polemos.extract.triggers import load_data


def _csv(name: str) -> list[dict]:
    return list(csv.DictReader(resources.files("polemos.data").joinpath(name).read_text("utf-8").splitlines()))


def test_countries_have_unique_iso3_codes_and_names() -> None:
    rows = _csv("countries.csv")
    assert len(rows) > 240
    assert len({r["iso3"] for r in rows}) == len(rows)
    assert all(len(r["iso3"]) == 3 and r["names"] for r in rows)


def test_office_holders_have_known_countries_and_ordered_dates() -> None:
    isos = {r["iso3"] for r in _csv("countries.csv")}
    sectors = set(load_data("ontology.yaml")["sectors"])
    for r in _csv("office_holders.csv"):
        assert not r["country"] or r["country"] in isos, r
        assert r["sector"] in sectors, r
        start = dt.date.fromisoformat(r["start"])
        assert not r["end"] or start < dt.date.fromisoformat(r["end"]), r


def test_actor_dictionary_sectors_are_known() -> None:
    data = load_data("actors.yaml")
    sectors = set(load_data("ontology.yaml")["sectors"])
    isos = {r["iso3"] for r in _csv("countries.csv")}
    assert set(data["agent_nouns"]) <= sectors
    assert set(data["modifier_sectors"].values()) <= sectors
    for org in data["organisations"]:
        assert org["sector"] in sectors and (org.get("country") is None or org["country"] in isos), org
    assert default_coder().country_name("SYR") == "Syria"


def test_acled_crosswalk_outputs_are_acled_names_and_types_are_plover() -> None:
    cw = crosswalk()    # raises on a misspelt ACLED name
    types = set(load_data("ontology.yaml")["types"])
    for rule in cw["rules"]:
        assert set(rule["types"]) <= types, rule

