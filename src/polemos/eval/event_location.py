"""Scoring event-to-place linking on Halterman's event-location sentences
(../shared/evaldata/halterman_event_location/labeled_text.jsonl: `text` and `spans` with one VERB
span, the event trigger, and where the annotator found one a LOCATION span, the place where that
event happened).

For each sentence Polemos finds the toponyms, takes the gold verb as the trigger, and attaches a
place name (`polemos.geo.link.event_toponym`). On sentences with a location it is right when the
attached name overlaps the gold location span; on sentences without one it is right when it
attaches none of the sentence's names. `resolved` says how often the right name was also placed
on the map by the gazetteer.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from tqdm import tqdm

from polemos.eval.common import read_annotated_jsonl, select
from polemos.geo import link
from polemos.geo.api import get_geocoder
from polemos.nlp import parse_texts


def read_sentences(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, r, spans in read_annotated_jsonl(path, "spans"):
        verbs = [s for s in spans if s.get("label") == "VERB"]
        locs = [s for s in spans if s.get("label") == "LOCATION"]
        if len(verbs) != 1:
            continue
        out.append({"id": str(r.get("_id", n)), "text": r["text"], "verb": verbs[0], "locations": locs})
    return out


def score_file(path: Path, index_path: Path | None = None, limit: int | None = None,
               sample: int | None = None, progress: bool = False) -> dict[str, Any]:
    recs = select(read_sentences(path), limit=limit, sample=sample)
    geo = get_geocoder(str(index_path) if index_path else None)
    t0 = time.perf_counter()
    with_loc = right = resolved = without = none_right = 0
    examples: list[dict] = []
    bar = tqdm(total=len(recs), desc="event-location", file=sys.stderr, disable=not progress, leave=False)
    for k in range(0, len(recs), 64):
        chunk = recs[k:k + 64]
        for r, parsed in zip(chunk, parse_texts([r["text"] for r in chunk], lambda s: True)):
            v = r["verb"]
            sent = next((s for s in parsed.sentences if s.start <= v["start"] < s.end), None)
            chosen = None
            if sent is not None and sent.doc is not None:
                span = sent.doc.char_span(v["start"] - sent.start, v["end"] - sent.start, alignment_mode="expand")
                if span is not None:
                    tops = geo.toponyms(parsed)
                    chosen = link.event_toponym(sent, span.root, tops)
            if r["locations"]:
                with_loc += 1
                ok = chosen is not None and any(chosen.start < g["end"] and g["start"] < chosen.end
                                                for g in r["locations"])
                right += ok
                resolved += ok and chosen is not None and chosen.place is not None
                if not ok and len(examples) < 500:
                    examples.append({"text": r["text"][:200], "verb": v.get("text"),
                                     "gold": [g.get("text") for g in r["locations"]],
                                     "got": chosen.text if chosen else None})
            else:
                without += 1
                none_right += chosen is None
            bar.update(1)
    bar.close()
    return {
        "sentences": len(recs),
        "n": with_loc,
        "accuracy": round(right / with_loc, 4) if with_loc else None,
        "resolved": round(resolved / with_loc, 4) if with_loc else None,
        "no_location_n": without,
        "no_location_accuracy": round(none_right / without, 4) if without else None,
        "seconds": round(time.perf_counter() - t0, 1),
        "examples": {"wrong": examples},
    }
