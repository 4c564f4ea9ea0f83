"""The gazetteer index: one SQLite file holding GeoNames places and every name they go by.

Names are stored under their `name_key` (see normalize.py), so a lookup is one indexed equality
query: no server, no search engine. The file is opened read-only; builds write a new file and
swap it in (build.py), so a reader never sees a half-built index.
"""
from __future__ import annotations

import functools
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from polemos.errors import GAZ_INDEX_BAD, InputError
from polemos.geo.normalize import ending_variant, name_key

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places(
  geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, asciiname TEXT, lat REAL NOT NULL,
  lon REAL NOT NULL, fclass TEXT, fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT,
  population INTEGER DEFAULT 0);
CREATE TABLE names(key TEXT NOT NULL, geonameid INTEGER NOT NULL, main INTEGER NOT NULL,
  PRIMARY KEY(key, geonameid)) WITHOUT ROWID;
CREATE TABLE countries(iso2 TEXT PRIMARY KEY, iso3 TEXT, name TEXT, geonameid INTEGER,
  population INTEGER);
CREATE TABLE admin1(code TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
CREATE TABLE admin2(code TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
"""


@dataclass(frozen=True)
class Candidate:
    geonameid: int
    name: str
    lat: float
    lon: float
    fclass: str
    fcode: str
    cc: str
    admin1: str
    admin2: str
    population: int
    main: bool            # the key is the place's own name (not an alternate name)

    @property
    def is_country(self) -> bool:
        return self.fcode.startswith("PCL") or self.fcode in ("TERR",)

    @property
    def is_admin1(self) -> bool:
        return self.fcode == "ADM1"

    @property
    def is_admin2(self) -> bool:
        return self.fcode == "ADM2"


def default_cache_dir() -> Path:
    """Where the default index lives: $POLEMOS_CACHE_DIR, else the XDG cache directory."""
    env = os.environ.get("POLEMOS_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "polemos"


def user_index_path() -> Path:
    """Where `polemos gazetteer build|download` put the index built from GeoNames dumps."""
    return default_cache_dir() / "gazetteer.sqlite"


class Gazetteer:
    """Read access to a built index (thread-compatible: one connection per instance)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise InputError(GAZ_INDEX_BAD.format(path=self.path))
        try:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self.db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError:
            raise InputError(GAZ_INDEX_BAD.format(path=self.path)) from None
        if meta.get("schema") != SCHEMA_VERSION:
            raise InputError(GAZ_INDEX_BAD.format(path=self.path))
        self.meta = meta
        self.countries = {r[0]: (r[1], r[2], r[3]) for r in
                          self.db.execute("SELECT iso2, iso3, name, geonameid FROM countries")}
        self.admin1_names = dict(self.db.execute("SELECT code, name FROM admin1"))
        self.admin2_names = dict(self.db.execute("SELECT code, name FROM admin2"))
        self.admin1_ids = {gid: code for code, gid in
                           self.db.execute("SELECT code, geonameid FROM admin1")}
        self._lookup = functools.lru_cache(maxsize=100_000)(self._lookup_key)
        self._has = functools.lru_cache(maxsize=200_000)(self._has_key)

    def _lookup_key(self, key: str) -> tuple[Candidate, ...]:
        rows = self.db.execute(
            "SELECT p.geonameid, p.name, p.lat, p.lon, p.fclass, p.fcode, p.cc, p.admin1, "
            "p.admin2, p.population, n.main FROM names n JOIN places p USING (geonameid) "
            "WHERE n.key = ?", (key,)).fetchall()
        return tuple(Candidate(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", r[6] or "",
                               r[7] or "", r[8] or "", r[9] or 0, bool(r[10])) for r in rows)

    def _has_key(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every place that goes by this name (any transliteration variant); a name the index lacks
        goes by it with its last word's final "a" or "eh" written "ah" too ("Latamina", "Al Lataminah";
        "Shabwa", "Shabwah"; "Hasakeh")."""
        key = name_key(name)
        if not key:
            return ()
        found = self._lookup(key)
        alt = None if name.isupper() else ending_variant(key)     # ("NAFTA" is no spelling of a name)
        return found + self._lookup(alt) if alt else found

    def has_key(self, key: str) -> bool:
        return bool(key) and self._has(key)

    def get(self, geonameid: int) -> Candidate | None:
        r = self.db.execute("SELECT geonameid, name, lat, lon, fclass, fcode, cc, admin1, admin2, "
                            "population FROM places WHERE geonameid = ?", (geonameid,)).fetchone()
        if r is None:
            return None
        return Candidate(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", r[6] or "", r[7] or "",
                         r[8] or "", r[9] or 0, True)

    def iso3(self, cc: str) -> str | None:
        c = self.countries.get(cc)
        return c[0] if c else None

    def country_place(self, cc: str) -> Candidate | None:
        c = self.countries.get(cc)
        return self.get(c[2]) if c and c[2] else None

    def admin1_place(self, cc: str, admin1: str) -> Candidate | None:
        row = self.db.execute("SELECT geonameid FROM admin1 WHERE code = ?",
                              (f"{cc}.{admin1}",)).fetchone()
        return self.get(row[0]) if row and row[0] else None

    def admin2_place(self, cc: str, admin1: str, admin2: str) -> Candidate | None:
        row = self.db.execute("SELECT geonameid FROM admin2 WHERE code = ?",
                              (f"{cc}.{admin1}.{admin2}",)).fetchone()
        return self.get(row[0]) if row and row[0] else None

    def admin1_name(self, cc: str, admin1: str) -> str | None:
        return self.admin1_names.get(f"{cc}.{admin1}") if admin1 else None

    def admin2_name(self, cc: str, admin1: str, admin2: str) -> str | None:
        return self.admin2_names.get(f"{cc}.{admin1}.{admin2}") if admin2 else None
