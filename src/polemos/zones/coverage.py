"""Which countries and first-level divisions a zone polygon covers, measured on the gazetteer's
populated places: a division is covered when (nearly) all its places lie inside, partly covered
when some do. An event placed only at a division's level is then inside or "location uncertain"."""
from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from polemos.errors import PolemosError
from polemos.geo.api import resolve_index_path
from polemos.geo.gazetteer import Gazetteer
from polemos.zones.geojson import to_shape

COVERED_SHARE = 0.9   # a division with 90% of its places inside counts as wholly inside


def polygon_coverage(geometry: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """(ISO-3 countries, admin1 covered, admin1 partly covered); admin1 as "SYR/Idlib".
    Empty lists when no gazetteer is available (events at division level are then uncertain)."""
    try:
        gaz = Gazetteer(resolve_index_path())
    except (PolemosError, OSError):
        return [], [], []
    geom = to_shape(geometry)
    w, s, e, n = geom.bounds
    got = gaz.db.execute("SELECT cc, admin1, lat, lon FROM places WHERE fclass = 'P' AND lat BETWEEN ? AND ?"
                         " AND lon BETWEEN ? AND ?", (s, n, w, e)).fetchall()
    if not got:
        return [], [], []
    lats = np.array([r[2] for r in got])
    lons = np.array([r[3] for r in got])
    inside = shapely.contains_xy(geom, lons, lats)
    counts: dict[tuple[str, str], int] = {}
    for (cc, a1, _, _), hit in zip(got, inside):
        if hit:
            counts[(cc, a1 or "")] = counts.get((cc, a1 or ""), 0) + 1
    countries: set[str] = set()
    covered: list[str] = []
    partial: list[str] = []
    for (cc, a1), k in sorted(counts.items()):
        iso3 = gaz.iso3(cc)
        if iso3:
            countries.add(iso3)
        name = gaz.admin1_name(cc, a1) if a1 else None
        if not (iso3 and name):
            continue
        total = gaz.db.execute("SELECT count(*) FROM places WHERE fclass = 'P' AND cc = ? AND admin1 = ?",
                               (cc, a1)).fetchone()[0]
        (covered if k >= COVERED_SHARE * total else partial).append(f"{iso3}/{name}")
    return sorted(countries), covered, partial


def admin_unit_names(codes: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(ISO-3 countries, units covered, admin1 partly covered) of GeoNames admin codes: SY.07 is
    covered as "SYR/Idlib"; SY.07.3381 as "SYR/Idlib/Harim", its division then partly covered."""
    try:
        gaz = Gazetteer(resolve_index_path())
    except (PolemosError, OSError):
        return [], [], []
    countries: set[str] = set()
    covered: list[str] = []
    partial: list[str] = []
    for code in codes:
        parts = code.split(".")
        iso3 = gaz.iso3(parts[0])
        a1 = gaz.admin1_name(parts[0], parts[1]) if len(parts) > 1 else None
        if not (iso3 and a1):
            continue
        countries.add(iso3)
        if len(parts) == 2:
            covered.append(f"{iso3}/{a1}")
            continue
        a2 = gaz.admin2_name(parts[0], parts[1], parts[2])
        if a2:
            covered.append(f"{iso3}/{a1}/{a2}")
            partial.append(f"{iso3}/{a1}")
    return sorted(countries), covered, partial
