"""`python -m benchmarks.geo_bench [--gazetteer DIR] [--articles N]`: the geoparser's costs.

Prints one JSON object:
- build: seconds and size of the index built from the shared GeoNames files (cities500 + admin1 +
  admin2 + countryInfo), and of the default index from package data;
- resolve: toponyms found and resolved per second on real news texts (TR-News articles), counting
  only the geo stage (the spaCy parse is done first and timed apart).
Timings depend on what else the machine runs.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gazetteer", type=Path, default=SHARED / "gazetteer")
    ap.add_argument("--corpus", type=Path,
                    default=SHARED / "evaldata" / "geoparsing_gritta_corpora" / "TR-News.jsonl")
    ap.add_argument("--articles", type=int, default=118)
    args = ap.parse_args()

    from polemos.geo.api import Geocoder
    from polemos.geo.build import build_default_index, build_index
    from polemos.nlp import parse_texts

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = [args.gazetteer / f for f in ("cities500.zip", "admin1CodesASCII.txt", "admin2Codes.txt",
                                              "countryInfo.txt")]
        shared_idx = Path(tmp) / "shared.sqlite"
        s = build_index(files, shared_idx)
        out["build_shared"] = {"seconds": s["seconds"], "mb": round(s["bytes"] / 1e6, 1), "places": s["places"],
                               "input_mb": round(sum(f.stat().st_size for f in files) / 1e6, 1)}
        d = build_default_index(Path(tmp) / "default.sqlite")
        out["build_default"] = {"seconds": d["seconds"], "mb": round(d["bytes"] / 1e6, 1), "places": d["places"]}

        texts = [json.loads(line)["text"] for line in args.corpus.read_text(encoding="utf-8").splitlines()
                 if line.strip()][: args.articles]
        t0 = time.perf_counter()
        parsed = parse_texts(texts, lambda s: True)
        parse_s = time.perf_counter() - t0
        geo = Geocoder(shared_idx)
        geo.toponyms(parsed[0])           # warm the connection
        t0 = time.perf_counter()
        n = sum(len(geo.toponyms(p)) for p in parsed)
        geo_s = time.perf_counter() - t0
        out["resolve"] = {"articles": len(texts), "toponyms": n, "geo_seconds": round(geo_s, 2),
                          "toponyms_per_second": round(n / geo_s, 1), "spacy_parse_seconds": round(parse_s, 1)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
