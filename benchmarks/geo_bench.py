"""`python -m benchmarks.geo_bench [--gazetteer DIR] [--articles N] [--no-villages]`: the geoparser's costs.

Prints one JSON object:
- build: seconds and size of the index built from the shared GeoNames files (cities500 + admin1 +
  admin2 + countryInfo + the two point tables), of the same plus the 18 village files
  (conflict-villages/*.zip), and of the default index from package data;
- resolve: toponyms found and resolved per second on real news texts (TR-News articles) with each
  index, counting only the geo stage (the spaCy parse is done first and timed apart).
Timings depend on what else the machine runs.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from polemos.geo.api import Geocoder
from polemos.geo.build import build_default_index, build_index
from polemos.nlp import parse_texts

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_FILES = ("cities500.zip", "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt",
                "countries_geonames_points.csv", "admin_points_geonames_owm.tsv")


def _built(stats: dict, files: list[Path]) -> dict:
    return {"seconds": stats["seconds"], "mb": round(stats["bytes"] / 1e6, 1), "places": stats["places"],
            "input_mb": round(sum(f.stat().st_size for f in files) / 1e6, 1)}


def _rate(index: Path, parsed: list) -> dict:
    geo = Geocoder(index)
    geo.toponyms(parsed[0])           # warm the connection
    t0 = time.perf_counter()
    n = sum(len(geo.toponyms(p)) for p in parsed)
    s = time.perf_counter() - t0
    return {"toponyms": n, "geo_seconds": round(s, 2), "toponyms_per_second": round(n / s, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gazetteer", type=Path, default=SHARED / "gazetteer")
    ap.add_argument("--corpus", type=Path,
                    default=SHARED / "evaldata" / "geoparsing_gritta_corpora" / "TR-News.jsonl")
    ap.add_argument("--articles", type=int, default=118)
    ap.add_argument("--no-villages", action="store_true", help="skip the index with the 18 village files")
    args = ap.parse_args()

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        indexes = {}
        files = [args.gazetteer / f for f in SHARED_FILES]
        indexes["shared"] = Path(tmp) / "shared.sqlite"
        out["build_shared"] = _built(build_index(files, indexes["shared"]), files)
        if not args.no_villages:
            vfiles = files + sorted((args.gazetteer / "conflict-villages").glob("*.zip"))
            indexes["villages"] = Path(tmp) / "villages.sqlite"
            out["build_villages"] = _built(build_index(vfiles, indexes["villages"]), vfiles)
        indexes["default"] = Path(tmp) / "default.sqlite"
        out["build_default"] = _built(build_default_index(indexes["default"]), [])
        texts = [json.loads(line)["text"] for line in args.corpus.read_text(encoding="utf-8").splitlines()
                 if line.strip()][: args.articles]
        t0 = time.perf_counter()
        parsed = parse_texts(texts, lambda s: True)
        out["spacy_parse_seconds"] = round(time.perf_counter() - t0, 1)
        out["articles"] = len(texts)
        for name, idx in indexes.items():
            out[f"resolve_{name}"] = _rate(idx, parsed)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
