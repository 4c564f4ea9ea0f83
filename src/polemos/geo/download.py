"""Fetching GeoNames dump files for users who are online (then build.py builds the index).

Downloads resume: a file is written to NAME.part and continued with an HTTP Range request when
run again; it is renamed to NAME only when its size matches what the server announced. A failed
download never touches the index.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import httpx
from tqdm import tqdm

from polemos.errors import GAZ_BAD_CODE, GAZ_DOWNLOAD_FAILED, GAZ_DOWNLOAD_SIZE, InputError

DEFAULT_BASE_URL = "https://download.geonames.org/export/dump/"
ALWAYS = ("admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt")


def base_url() -> str:
    return os.environ.get("POLEMOS_GEONAMES_URL", DEFAULT_BASE_URL)


def files_for(codes: Iterable[str]) -> list[str]:
    """Dump file names for country codes ('SY'), 'all', or cities files ('cities500')."""
    out = []
    for code in codes:
        if code.lower() == "all":
            out.append("allCountries.zip")
        elif re.fullmatch(r"cities\d+", code):
            out.append(f"{code}.zip")
        elif re.fullmatch(r"[A-Za-z]{2}", code):
            out.append(f"{code.upper()}.zip")
        else:
            raise InputError(GAZ_BAD_CODE.format(value=code))
    return out + [f for f in ALWAYS if f not in out]


def fetch(url: str, dest: Path, progress: bool = True, timeout: float = 60.0) -> Path:
    """Download url to dest, resuming a previous partial download; checks the size."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        with httpx.stream("GET", url, headers=headers, timeout=timeout, follow_redirects=True) as r:
            expected: int | None
            if r.status_code == 416:       # the part file is already complete
                expected = have
            elif r.status_code not in (200, 206):
                raise InputError(GAZ_DOWNLOAD_FAILED.format(url=url, reason=f"HTTP {r.status_code}"))
            else:
                if r.status_code == 200:
                    have = 0               # the server ignored the range: start over
                length = r.headers.get("content-length")
                expected = have + int(length) if length is not None else None
                with open(part, "ab" if have else "wb") as f, tqdm(
                        total=expected, initial=have, unit="B", unit_scale=True, desc=dest.name,
                        disable=not progress, leave=False) as bar:
                    for chunk in r.iter_bytes(1 << 16):
                        f.write(chunk)
                        bar.update(len(chunk))
    except httpx.HTTPError as e:
        raise InputError(GAZ_DOWNLOAD_FAILED.format(url=url, reason=str(e) or type(e).__name__)) from None
    got = part.stat().st_size
    if expected is not None and got != expected:
        raise InputError(GAZ_DOWNLOAD_SIZE.format(url=url, got=got, expected=expected))
    os.replace(part, dest)
    return dest


def download(codes: Iterable[str], dest_dir: Path, url: str | None = None,
             progress: bool = True) -> list[Path]:
    url = (url or base_url()).rstrip("/") + "/"
    return [fetch(url + name, Path(dest_dir) / name, progress) for name in files_for(codes)]
