"""Adapter for PETRARCH2's unit-test records (openeventdata/petrarch2, PETR.UnitTest.records.xml
converted to JSONL): 284 stylised sentences with expected CAMEO codes. Scores event type through
the documented CAMEO->PLOVER crosswalk (data/crosswalks/cameo_plover.yaml).

Quirks of the set, handled here:
- actors are fictional (Arnor, Gondor, Osgiliath...) with codes from PETRARCH's validation
  dictionaries: actors are not scored;
- `expected_events` is a list (a JSON string in some conversions: both are read);
- an entry {"noevents": "True"} means the sentence must give no event: those records measure
  specificity (share with no predicted event), not type accuracy;
- an entry {"error": ...} marks a record that tests PETRARCH's error handling: skipped;
- the validation dictionaries use made-up codes outside CAMEO's 20 roots (21x, 22x, 34x, 80x,
  90x, 91x) to test the verb machinery: they have no PLOVER meaning and are skipped, as are
  CAMEO 01 statements (no PLOVER event);
- many records share a sentence with small edits (typos like "Gxndor" are deliberate):
  each is one record, as in PETRARCH's own test run.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from polemos.eval.common import Record, Run, crosswalk, main_event, ratio, read_annotated_jsonl

FOLDER = "petrarch2_unittest_cameo"


def cameo_to_plover(code: str | None) -> str | None:
    """PLOVER type for a CAMEO code, or None when PLOVER codes no event (or the code is not CAMEO)."""
    code = (code or "").strip()
    if len(code) < 2 or not code[:2].isdigit():
        return None
    cw = crosswalk("cameo_plover.yaml")
    for k in range(len(code), 2, -1):
        if code[:k] in cw["codes"]:
            return cw["codes"][code[:k]]
    return cw["roots"].get(code[:2])


def _date(s: str | None) -> dt.date | None:
    try:
        return dt.datetime.strptime(s or "", "%Y%m%d").date()
    except ValueError:
        return None


def load(dirpath: Path) -> list[Record]:
    out = []
    for _, d, evs in read_annotated_jsonl(dirpath / "PETR_UnitTest_records.jsonl", "expected_events"):
        if any("error" in e for e in evs):
            continue
        kind = "noevent" if any("noevents" in e for e in evs) else "event"
        codes = [str(e.get("eventcode")) for e in evs if e.get("eventcode")]
        types = sorted({t for t in map(cameo_to_plover, codes) if t})
        if kind == "event" and not types:
            kind = "unscorable"
        out.append(Record(id=d["id"], text=d["text"], published=_date(d.get("date")),
                          gold={"kind": kind, "types": types, "codes": codes}))
    return out


def score(run: Run) -> dict:
    c: Counter[str] = Counter()
    ex: dict[str, list] = {"type": [], "no_event": [], "false_event": []}
    for r, preds in zip(run.records, run.preds):
        g = r.gold
        c[g["kind"]] += 1
        m = main_event(preds)
        if g["kind"] == "event":
            ok = m is not None and m.get("type") in g["types"]
            c["type_ok"] += ok
            c["type_any"] += any(p.get("type") in g["types"] for p in preds)
            if m is None:
                ex["no_event"].append({"id": r.id, "gold": g["types"], "codes": g["codes"], "text": r.text})
            elif not ok:
                ex["type"].append({"id": r.id, "gold": g["types"], "codes": g["codes"], "pred": m.get("type"),
                                   "trigger": m.get("trigger"), "text": r.text})
        elif g["kind"] == "noevent":
            c["silent"] += not preds
            if preds:
                ex["false_event"].append({"id": r.id, "pred": m.get("type") if m else None, "text": r.text})
    return {
        "n": len(run.records), "n_scored": c["event"], "n_noevent": c["noevent"], "n_unscorable": c["unscorable"],
        "type_acc": ratio(c["type_ok"], c["event"]),
        "type_any": ratio(c["type_any"], c["event"]),
        "noevent_specificity": ratio(c["silent"], c["noevent"]),
        "examples": ex,
    }
