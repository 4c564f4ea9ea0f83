"""Zones (issue 14): GeoJSON checks, violations inside/outside/uncertain, report formats, the
reference article end to end, bad input leaving the store untouched; DuckDB and PostgreSQL."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polemos.cli import app, main
from polemos.errors import InputError
from polemos.review.queue import review_queue
from polemos.store import EventFilter, open_store
from polemos.zones import add_zone, build_zone, find_violations, get_zone, list_zones, queue_boost
from polemos.zones.report import render
from zonesupport import ALEPPO, ATARIB, DAMASCUS, IDLIB, JISR, SAMPLE_ZONE, event


def _events():
    return [
        event("ev_idlib", "ASSAULT", "2020-02-09", IDLIB, killed=26),
        event("ev_atarib", "ASSAULT", "2020-02-09", ATARIB, killed=17),
        event("ev_jisr", "COERCE", "2020-03-01", JISR, actor=("the regime", None, "SYR")),
        event("ev_damascus", "ASSAULT", "2020-02-09", DAMASCUS, killed=3),            # outside
        event("ev_aleppo", "ASSAULT", "2020-02-09", ALEPPO, killed=4),                # the city is outside
        event("ev_before", "ASSAULT", "2018-06-01", IDLIB, killed=5),                 # before the period
        event("ev_talks", "CONSULT", "2020-02-10", IDLIB),                            # not prohibited
        event("ev_planned", "ASSAULT", "2020-02-11", IDLIB, status="planned"),        # did not occur
        event("ev_country", "ASSAULT", "2020-02-12", None, precision="country", killed=2),
        event("ev_adm_idlib", "ASSAULT", "2020-02-13", ("Idlib", 35.86, 36.57, "Idlib"), precision="admin1"),
        event("ev_adm_aleppo", "ASSAULT", "2020-02-14", ("Aleppo", 36.2, 37.13, "Aleppo"), precision="admin1"),
        event("ev_noactor", "ASSAULT", "2020-02-15", IDLIB, actor=None),
    ]


def test_violations_inside_outside_and_uncertain(store_url):
    with open_store(store_url) as store:
        store.add_events_bulk(_events())
        zone = build_zone("Idlib de-escalation zone", SAMPLE_ZONE, "2018-09-17", prohibit="ASSAULT,COERCE")
        assert add_zone(store, zone) == "added"
        found = {v.event_id: v for v in find_violations(store, get_zone(store, "idlib de-escalation zone"))}
    inside = {k for k, v in found.items() if v.certainty == "inside"}
    uncertain = {k for k, v in found.items() if v.certainty == "location uncertain"}
    assert inside == {"ev_idlib", "ev_atarib", "ev_jisr", "ev_adm_idlib", "ev_noactor"}
    # a country centroid and a division the zone covers only in part: listed, not counted in
    assert uncertain == {"ev_country", "ev_adm_aleppo"}
    assert "country level" in found["ev_country"].reason
    assert found["ev_idlib"].killed == 26 and found["ev_idlib"].evidence.startswith("Test report ev_idlib")


def test_parties_and_period_bound_the_violations(tmp_path):
    with open_store(tmp_path / "z.duckdb") as store:
        store.add_events_bulk(_events())
        zone = build_zone("Russia bound", SAMPLE_ZONE, "2020-02-01", "2020-02-28", prohibit="ASSAULT,COERCE",
                          parties="Russia")
        add_zone(store, zone)
        found = {v.event_id: v.certainty for v in find_violations(store, zone)}
        since = {v.event_id for v in find_violations(store, zone, since=__import__("datetime").date(2020, 2, 10))}
    assert "ev_jisr" not in found                      # the regime is not a bound party; and after --until
    assert found["ev_noactor"] == "party uncertain"   # no actor named: listed, flagged
    assert found["ev_idlib"] == "inside"
    assert "ev_idlib" not in since and "ev_noactor" in since


def test_report_formats(tmp_path):
    with open_store(tmp_path / "z.duckdb") as store:
        store.add_events_bulk(_events())
        zone = build_zone("Idlib", SAMPLE_ZONE, "2018-09-17", prohibit="ASSAULT")
        found = find_violations(store, zone)
    gj = json.loads(render(zone, found, "geojson"))
    assert gj["features"][0]["geometry"]["type"] == "Polygon"
    assert {f["id"] for f in gj["features"][1:]} == {v.event_id for v in found}
    rows = list(csv.DictReader(io.StringIO(render(zone, found, "csv"))))
    assert {r["event_id"] for r in rows} == {v.event_id for v in found}
    lines = [json.loads(x) for x in render(zone, found, "jsonl").splitlines()]
    assert len(lines) == len(found)
    table = render(zone, found, "table")
    assert "location uncertain" in table and "Al Atarib" in table


def test_admin_unit_zone(tmp_path):
    from polemos.geo.api import resolve_index_path
    from polemos.geo.gazetteer import Gazetteer

    codes = [k for k, v in Gazetteer(resolve_index_path()).admin1_names.items() if v == "Idlib" and k.startswith("SY.")]
    with open_store(tmp_path / "z.duckdb") as store:
        store.add_events_bulk(_events())
        zone = build_zone("Idlib province", None, "2018-09-17", prohibit="ASSAULT,COERCE", admin=codes)
        found = {v.event_id: v.certainty for v in find_violations(store, zone)}
    assert found["ev_idlib"] == "inside" and found["ev_jisr"] == "inside" and found["ev_adm_idlib"] == "inside"
    assert "ev_atarib" not in found and "ev_damascus" not in found
    assert found["ev_country"] == "location uncertain"


def _write(tmp: Path, name: str, coords: list) -> Path:
    p = tmp / name
    p.write_text(json.dumps({"type": "Feature", "properties": {},
                             "geometry": {"type": "Polygon", "coordinates": [coords]}}))
    return p


def test_bad_geojson_and_periods_name_the_input(tmp_path):
    unclosed = _write(tmp_path, "unclosed.geojson", [[36, 35], [37, 35], [37, 36], [36, 36]])
    bowtie = _write(tmp_path, "bowtie.geojson", [[36, 35], [37, 36], [37, 35], [36, 36], [36, 35]])
    notjson = tmp_path / "broken.geojson"
    notjson.write_text('{"type": "Feature", ')
    with pytest.raises(InputError, match=r"unclosed.geojson: the feature: ring 0 is not closed"):
        build_zone("z", unclosed, "2020-01-01", prohibit="ASSAULT")
    with pytest.raises(InputError, match=r"bowtie.geojson: .*invalid polygon \(Self-intersection"):
        build_zone("z", bowtie, "2020-01-01", prohibit="ASSAULT")
    with pytest.raises(InputError, match=r"broken.geojson: not GeoJSON"):
        build_zone("z", notjson, "2020-01-01", prohibit="ASSAULT")
    with pytest.raises(InputError, match=r"zone 'z': no validity period"):
        build_zone("z", SAMPLE_ZONE, None, prohibit="ASSAULT")
    with pytest.raises(InputError, match=r"'KILL' is not a PLOVER event type"):
        build_zone("z", SAMPLE_ZONE, "2020-01-01", prohibit="KILL")


def test_cli_bad_input_exits_nonzero_and_touches_nothing(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "z.duckdb")
    with open_store(db) as store:
        add_zone(store, build_zone("Kept", SAMPLE_ZONE, "2018-09-17", prohibit="ASSAULT"))
        with pytest.raises(InputError, match="zone 'Kept' already exists"):
            add_zone(store, build_zone("Kept", SAMPLE_ZONE, "2019-01-01", prohibit="COERCE"))
    bowtie = _write(tmp_path, "bowtie.geojson", [[36, 35], [37, 36], [37, 35], [36, 36], [36, 35]])
    monkeypatch.setattr(sys, "argv", ["polemos", "zones", "add", str(bowtie), "--name", "Bad", "--from", "2020-01-01",
                                      "--prohibit", "ASSAULT", "--db", db])
    with pytest.raises(SystemExit) as done:
        main()                                   # the command's entry point, as the shell runs it
    err = capsys.readouterr().err
    assert done.value.code == 2, err
    assert "bowtie.geojson" in err and "Self-intersection" in err
    assert len(err.strip().splitlines()) == 1
    with open_store(db, read_only=True) as store:
        zones = list_zones(store)
    assert [(z.name, z.prohibit) for z in zones] == [("Kept", ["ASSAULT"])]


def test_reference_article_violations(shared, tmp_path):
    """The reference article: the airstrikes of 9 February, the attack of 3 February and the
    advance are violations inside the sample zone; the talks, the visit and the agreement not."""
    fixture = shared / "fixtures/idlib-talks-2020-02-10/article.txt"
    if not fixture.is_file():
        pytest.skip(f"{fixture} is absent")
    db = str(tmp_path / "ref.duckdb")
    runner = CliRunner()   # in this process: the language model loads once for the whole test session
    r = runner.invoke(app, ["ingest", str(fixture), "--published", "2020-02-10", "--db", db, "--no-progress"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["zones", "add", str(SAMPLE_ZONE), "--name", "Idlib de-escalation zone",
                            "--from", "2018-09-17", "--prohibit", "ASSAULT,COERCE", "--db", db])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["zones", "report", "Idlib de-escalation zone", "--from", "2020-01-01",
                            "--format", "jsonl", "--db", db])
    assert r.exit_code == 0, r.output
    got = [json.loads(x) for x in r.stdout.splitlines()]
    inside = [v for v in got if v["certainty"] == "inside"]
    strikes = [v for v in inside if v["date"] == "2020-02-09" and v["type"] == "ASSAULT"]
    assert any(v["killed"] == 26 for v in strikes), got
    # the villages the article names for the strikes of 9 February reach the report
    assert any("Atarib" in " ".join([v["place"] or "", *v["places"], v["evidence"]]) for v in strikes)
    assert any(v["date"] == "2020-02-03" and v["killed"] == 8 for v in inside), got
    assert any(v["displaced"] == 600000 for v in inside), got
    assert all(v["type"] in ("ASSAULT", "COERCE") for v in got)
    said = " ".join(v["evidence"] for v in got)
    assert "delegation" not in said and "agreed" not in said and "visit" not in said


def test_a_district_zone_leaves_its_province_level_events_uncertain():
    import datetime as dt

    from polemos.zones import Zone
    from polemos.zones.violations import zone_certainty

    zone = Zone(id="harim", name="Harim district", valid_from=dt.date(2018, 9, 17), prohibit=["ASSAULT"],
                admin_units=["SY.12.1"], countries=["SYR"], admin1_covered=["SYR/Idlib/Harim"],
                admin1_partial=["SYR/Idlib"])
    in_district = event("a", "ASSAULT", "2020-02-09", IDLIB)
    in_district.location.admin2 = "Harim"
    other_district = event("b", "ASSAULT", "2020-02-09", IDLIB)
    province = event("c", "ASSAULT", "2020-02-09", ("Idlib", 35.86, 36.57, "Idlib"), precision="admin1")
    country = event("d", "ASSAULT", "2020-02-09", None, precision="country")
    got = [zone_certainty(zone, e) for e in (in_district, other_district, province, country)]
    assert got == ["inside", None, "location uncertain", "location uncertain"]


def test_review_queue_puts_violations_in_a_watched_zone_first(tmp_path):
    with open_store(tmp_path / "q.duckdb") as store:
        # the same strike, once inside the zone and once in Damascus (outside it)
        store.add_events_bulk([event("ev_in", "ASSAULT", "2020-02-09", JISR, killed=3),
                               event("ev_out", "ASSAULT", "2020-02-09", DAMASCUS, killed=3)])
        plain = review_queue(store, EventFilter())
        assert {i["event"].id for i in plain} == {"ev_in", "ev_out"}
        assert plain[0]["score"] == plain[1]["score"]
        add_zone(store, build_zone("Idlib de-escalation zone", SAMPLE_ZONE, "2018-09-17", prohibit="ASSAULT"))
        ranked = review_queue(store, EventFilter(), boost=queue_boost(store))
    assert [i["event"].id for i in ranked] == ["ev_in", "ev_out"]
    assert "in watched zone: Idlib de-escalation zone" in ranked[0]["reasons"]
    assert not any("zone" in r for r in ranked[1]["reasons"])
