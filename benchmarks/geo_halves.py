"""`python -m benchmarks.geo_halves [--index FILE] [--errors even|odd] [--cache DIR]`: the geoparser
scored on the even- and odd-numbered documents of TR-News and GeoWebNews separately (document
index in the order `polemos.eval.geoparse.read_corpus` returns them). Ranking rules are developed
on the even half only; the odd half checks that a rule does not fit the even one.

Prints, per corpus and half, resolution and end-to-end accuracy at 161 km; with --errors, the
ranking errors of that half (gold entry in the index, another chosen) as text lines.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from polemos.eval.geo_ranker import cached_parses
from polemos.eval.geoparse import MISS_KM, read_corpus, resolve_gold_spans
from polemos.geo.resolve import haversine_km

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "evaldata" / "geoparsing_gritta_corpora"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", default=None)
    ap.add_argument("--errors", choices=("even", "odd"), default=None)
    ap.add_argument("--dump", type=Path, default=None, help="write one line per gold toponym: right or not")
    ap.add_argument("--cache", type=Path, default=None,
                    help="keep the spaCy parses here (a dev aid: delete it when the parser changes)")
    a = ap.parse_args()

    from polemos.geo.api import get_geocoder

    geo = get_geocoder(a.index)
    out: dict[str, dict] = {}
    dump = []
    for corpus in ("TR-News", "GeoWebNews"):
        docs = read_corpus(CORPORA / f"{corpus}.jsonl")
        parsed_all = cached_parses(CORPORA / f"{corpus}.jsonl", docs, a.cache)
        tally = {h: [0, 0, 0] for h in ("even", "odd")}     # n, resolution ok, end-to-end ok
        for idx, (d, parsed) in enumerate(zip(docs, parsed_all)):
            half = "even" if idx % 2 == 0 else "odd"
            tops = geo.toponyms(parsed)
            resolved = resolve_gold_spans(geo, parsed, d["gold"])
            for g, (_, c) in zip(d["gold"], resolved):
                t = tally[half]
                t[0] += 1
                km = MISS_KM if c is None else haversine_km(c.lat, c.lon, g["lat"], g["lon"])
                t[1] += km <= 161
                placed = [x.place for x in tops if x.start < g["end"] and g["start"] < x.end
                          and x.place is not None and x.place.lat is not None]
                e2e = bool(placed) and haversine_km(placed[0].lat, placed[0].lon, g["lat"], g["lon"]) <= 161
                t[2] += e2e
                dump.append(f"{corpus}#{idx} {g['start']} {g['text']!r} res={int(km <= 161)} e2e={int(e2e)}"
                            f" got={c.name if c else None}/{placed[0].name if placed else None}")
                if a.errors == half and km > 161 and g["geonameid"] and (c is None or c.geonameid != g["geonameid"]):
                    gold = geo.gazetteer.get(g["geonameid"])
                    if gold is None:
                        continue
                    got = f"{c.name}/{c.fcode}/{c.cc}/{c.population}" if c else None
                    s = max(0, g["start"] - 60)
                    ctx = d["text"][s:g["end"] + 40].replace("\n", " ")
                    print(f"{corpus}#{idx} {g['text']!r} -> {got} | gold {gold.name}/{gold.fcode}/"
                          f"{gold.cc}/{gold.population} | {ctx}")
        out[corpus] = {h: {"n": t[0], "resolution": round(t[1] / t[0], 4), "end_to_end": round(t[2] / t[0], 4)}
                       for h, t in tally.items()}
    if a.dump:
        a.dump.write_text("\n".join(dump) + "\n")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
