"""`python -m benchmarks.geo_errors INDEX [--examples N]`: where the geoparser's resolution errors
come from, on TR-News and GeoWebNews (a diagnostic for docs/geo.md, never product data).

For each gold toponym with coordinates (gold spans given, as in the resolution view of
`polemos eval geoparse`) the error, if any, is put in one class:
- right_id_far: the right GeoNames entry, whose point in INDEX lies > 161 km from the gold point
  (listed by entity: countries and divisions placed by countrystatecity);
- gold_not_in_index: the gold entry is not in INDEX (or the gold has no id) and the choice is wrong;
- ranking: the gold entry is in INDEX but another was chosen (or none);
and, end to end, how many gold toponyms no found name overlaps.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from polemos.eval.geoparse import MISS_KM, read_corpus, resolve_gold_spans
from polemos.geo.resolve import haversine_km

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "evaldata" / "geoparsing_gritta_corpora"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("index")
    ap.add_argument("--examples", type=int, default=0, help="print N wrong toponyms per class")
    a = ap.parse_args()

    from polemos.geo.api import get_geocoder
    from polemos.nlp import parse_texts

    geo = get_geocoder(a.index)
    out = {}
    for corpus in ("TR-News", "GeoWebNews"):
        docs = read_corpus(CORPORA / f"{corpus}.jsonl")
        classes: Counter = Counter()
        far: Counter = Counter()
        examples: dict[str, list[str]] = {}
        n = not_found = 0
        for k in range(0, len(docs), 16):
            chunk = docs[k:k + 16]
            for d, parsed in zip(chunk, parse_texts([d["text"] for d in chunk], lambda s: True)):
                tops = geo.toponyms(parsed)
                resolved = resolve_gold_spans(geo, parsed, d["gold"])
                for g, (_, c) in zip(d["gold"], resolved):
                    n += 1
                    not_found += not any(t.start < g["end"] and g["start"] < t.end for t in tops)
                    km = MISS_KM if c is None else haversine_km(c.lat, c.lon, g["lat"], g["lon"])
                    if km <= 161:
                        continue
                    if c is not None and g["geonameid"] and c.geonameid == g["geonameid"]:
                        cls = "right_id_far"
                        far[f"{c.name} ({c.fcode}, {km:.0f} km)"] += 1
                    elif not g["geonameid"] or geo.gazetteer.get(g["geonameid"]) is None:
                        cls = "gold_not_in_index"
                    else:
                        cls = "ranking"
                    classes[cls] += 1
                    if len(examples.setdefault(cls, [])) < a.examples:
                        got = f"{c.name}/{c.fcode}/{c.cc}" if c else None
                        examples[cls].append(f"{g['text']!r} -> {got}, {km:.0f} km")
        out[corpus] = {"n": n, **{k: round(v / n, 4) for k, v in classes.items()},
                       "not_found_end_to_end": round(not_found / n, 4),
                       "right_id_far_by_entity": dict(far.most_common()),
                       **({"examples": examples} if a.examples else {})}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
