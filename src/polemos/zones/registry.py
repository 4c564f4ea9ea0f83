"""Building a zone from user input (validated in full before anything is stored) and keeping
zones in the store."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, get_args

from polemos import errors
from polemos.errors import InputError
from polemos.models import EventType
from polemos.store.base import Store
from polemos.zones import tables
from polemos.zones.coverage import admin_unit_names, polygon_coverage
from polemos.zones.geojson import read_geojson
from polemos.zones.model import Zone, slug

PLOVER_TYPES = tuple(get_args(EventType))
_ADMIN_CODE = re.compile(r"^[A-Z]{2}(\.[0-9A-Za-z]{1,20}){1,2}$")


def _date(name: str, opt: str, value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(errors.ZONE_BAD_DATE.format(name=name, opt=opt, value=value)) from None


def _split(values: list[str] | str | None) -> list[str]:
    items = [values] if isinstance(values, str) else list(values or [])
    return [v.strip() for item in items for v in item.split(",") if v.strip()]


def build_zone(name: str, path: str | Path | None = None, valid_from: str | dt.date | None = None,
               valid_until: str | dt.date | None = None, prohibit: list[str] | str | None = None,
               parties: list[str] | str | None = None, admin: list[str] | str | None = None) -> Zone:
    """A checked Zone (raises InputError naming the input and the fault)."""
    start = _date(name, "--from", valid_from)
    end = _date(name, "--until", valid_until)
    if start is None:
        raise InputError(errors.ZONE_NO_PERIOD.format(name=name))
    if end is not None and end < start:
        raise InputError(errors.ZONE_PERIOD_ORDER.format(name=name, start=start, end=end))
    types = [t.upper() for t in _split(prohibit)]
    if not types:
        raise InputError(errors.ZONE_NO_PROHIBIT.format(name=name))
    for t in types:
        if t not in PLOVER_TYPES:
            raise InputError(errors.ZONE_BAD_TYPE.format(name=name, value=t, types=", ".join(PLOVER_TYPES)))
    codes = _split(admin)
    for c in codes:
        if not _ADMIN_CODE.match(c):
            raise InputError(errors.ZONE_BAD_ADMIN.format(name=name, value=c))
    if path is None and not codes:
        raise InputError(errors.ZONE_NO_AREA.format(name=name))
    geometry: dict[str, Any] | None = None
    props: dict[str, Any] = {}
    countries: list[str] = []
    covered: list[str] = []
    partial: list[str] = []
    if path is not None:
        geometry, props = read_geojson(path)
        countries, covered, partial = polygon_coverage(geometry)
    if codes:
        more, units, parents = admin_unit_names(codes)
        countries = sorted(set(countries) | set(more))
        covered = sorted(set(covered) | set(units))
        partial = sorted(set(partial) | set(parents))
    declared = props.get("countries")
    if isinstance(declared, list) and declared:
        countries = sorted({str(c).upper() for c in declared} | set(countries))
    desc = props.get("description")
    return Zone(id=slug(name), name=name, valid_from=start, valid_until=end, prohibit=types,
                parties=_split(parties), geometry=geometry, admin_units=codes, countries=countries,
                admin1_covered=covered, admin1_partial=[a for a in partial if a not in covered],
                description=str(desc) if desc else None, source=str(path) if path else None)


def add_zone(store: Store, zone: Zone, replace: bool = False) -> str:
    """Store a zone (one transaction); "added" or "replaced". An existing name without
    `replace` raises InputError and changes nothing."""
    with tables.transaction(store):
        found = tables.rows(store, "SELECT id FROM zones WHERE id = ?", [zone.id])
        if found and not replace:
            raise InputError(errors.ZONE_EXISTS.format(name=zone.name, db=store.url))
        if found:
            tables.execute(store, "DELETE FROM zones WHERE id = ?", [zone.id])
        tables.execute(store, "INSERT INTO zones (id, name, data) VALUES (?, ?, ?)",
                       [zone.id, zone.name, zone.model_dump_json()])
    return "replaced" if found else "added"


def list_zones(store: Store) -> list[Zone]:
    return [Zone.model_validate_json(d) for (d,) in tables.rows(store, "SELECT data FROM zones ORDER BY name")]


def get_zone(store: Store, name_or_id: str) -> Zone:
    """The zone by id or name (case-insensitive); InputError when there is none."""
    key = name_or_id.strip()
    got = tables.rows(store, "SELECT data FROM zones WHERE id = ? OR lower(name) = ?", [slug(key), key.lower()])
    if not got:
        raise InputError(errors.ZONE_NOT_FOUND.format(name=name_or_id, db=store.url))
    return Zone.model_validate_json(got[0][0])


def find_zone(store: Store, zone_id: str) -> Zone | None:
    got = tables.rows(store, "SELECT data FROM zones WHERE id = ?", [zone_id])
    return Zone.model_validate_json(got[0][0]) if got else None
