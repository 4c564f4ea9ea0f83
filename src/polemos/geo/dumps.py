"""Reading the files `polemos gazetteer build` takes: GeoNames dumps and the two point tables.

Every reader checks what it reads (columns, numbers, zip integrity) and raises one clear
InputError naming the file and line; the build then leaves the existing index as it was.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from polemos.errors import GAZ_BAD_LINE, GAZ_BAD_ZIP, GAZ_UNKNOWN_INPUT, InputError
from polemos.geo.builder import IndexBuilder
from polemos.geo.lexicon import geo_words

PLACES_RE = re.compile(r"^(cities\d+|allCountries|[A-Z]{2})\.(zip|txt)$")
ALT_RE = re.compile(r"^alternateNames(V2)?\.(zip|txt)$")
KINDS = {"admin1CodesASCII.txt": "admin1", "admin2Codes.txt": "admin2", "countryInfo.txt": "countries"}


def file_kind(path: Path) -> str:
    """What a build input is, from its name: places, altnames, admin1, admin2, countries,
    country_points (.csv) or admin_points (.tsv)."""
    if PLACES_RE.match(path.name):
        return "places"
    if ALT_RE.match(path.name):
        return "altnames"
    if path.name in KINDS:
        return KINDS[path.name]
    if path.suffix == ".csv":
        return "country_points"
    if path.suffix == ".tsv":
        return "admin_points"
    raise InputError(GAZ_UNKNOWN_INPUT.format(path=path))


def dump_lines(path: Path) -> Iterator[str]:
    """Text lines of a dump, from a .txt or from the matching .txt inside a .zip."""
    if path.suffix != ".zip":
        try:
            with open(path, encoding="utf-8") as f:
                yield from f
        except UnicodeDecodeError:
            raise InputError(GAZ_BAD_LINE.format(path=path, line="?", reason="not UTF-8")) from None
        return
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


def dump_rows(path: Path, ncols: tuple[int, ...], int_cols: tuple[int, ...] = (),
              float_cols: tuple[int, ...] = ()) -> Iterator[list[str]]:
    """Tab-separated rows with the expected number of columns; anything else is a clear error."""
    n = 0
    for n, line in enumerate(dump_lines(path), 1):
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


def load_countries(b: IndexBuilder, path: Path) -> None:
    for c in dump_rows(path, (19,), int_cols=(7, 16)):
        if c[16]:
            b.countries[c[0]] = (c[1], c[4], int(c[16]), int(c[7] or 0))


def load_admin(path: Path, table: dict[str, tuple[str, int]]) -> None:
    for c in dump_rows(path, (4,), int_cols=(3,)):
        table[c[0]] = (c[1], int(c[3]))


def load_places(b: IndexBuilder, path: Path) -> None:
    for i, c in enumerate(dump_rows(path, (19,), int_cols=(0, 14), float_cols=(4, 5))):
        b.add_place(int(c[0]), c[1], c[2], float(c[4]), float(c[5]), c[6], c[7], c[8], c[10],
                    c[11], int(c[14] or 0), c[3].split(",") if c[3] else ())
        if i % 100_000 == 0 and i:
            b.progress(f"{path.name}: {i:,} places")


def load_altnames(b: IndexBuilder, path: Path) -> None:
    b.flush()
    # alternate-name "languages" that are codes or links, not names
    skip = geo_words("altname_skip_languages")
    for c in dump_rows(path, (8, 10), int_cols=(0, 1)):
        gid = int(c[1])
        if gid in b.place_ids and c[2] not in skip and c[7 if len(c) > 7 else 0] != "1":
            b.add_names(gid, [c[3]], main=False)
        b.flush_if_full()
