"""Adapter for the PLOVER gold standard records (openeventdata/PLOVER, PLOVER_GSR_CAMEO.json):
322 CAMEO-manual sentences re-coded in PLOVER. Scores event type and source/target actors.

Quirks of the set, handled here:
- the first record is a DOCUMENT record (metadata), not a sentence: skipped;
- types use PLOVER 0.x names (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT): mapped to today's 16
  types through `plover_legacy` in data/crosswalks/cameo_plover.yaml;
- `source`/`target` are lists of actors, but `target` is sometimes '' (no target) and, in 9
  records, the string 'diplomatic' (a misplaced context value): both mean "no gold target";
- actor `code` is ISO-3 mostly, but a few are CAMEO/non-ISO codes (JAP, ITL, VTN -> mapped in
  eval_sets.yaml) or not countries at all (IGO, NGO, IMG, ISM): those give no gold country, and
  IGO/NGO give the sector instead;
- `sector` carries CAMEO extensions (CVLalb, REFKUR, '***'): the first three letters are read,
  aliased (CIV->CVL, JRN->MED, REF->CVL), and sectors outside Polemos' vocabulary are not scored;
- all dates are 2000-01-01 (placeholders): dates are not scored; `dead`/`injured` are strings.
A sentence is judged by its main event (`common.main_event`): PLOVER codes one event per
record, so several predicted events do not get several tries; `type_any` reports the lenient view.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from polemos.eval.common import Record, Run, crosswalk, data_file, is_iso3, iso2_to_iso3, main_event, ratio

FOLDER = "plover_gsr_cameo"
SECTORS = {"GOV", "MIL", "REB", "CVL", "COP", "PTY", "OPP", "JUD", "LEG", "IGO", "NGO", "MED", "BUS",
           "REL", "CRM", "UAF", "UNK"}


def _actors(value) -> list[dict]:
    if isinstance(value, str):  # '' or a stray context word: no actor
        try:
            value = json.loads(value) if value.strip().startswith("[") else []
        except json.JSONDecodeError:
            value = []
    return [a for a in (value or []) if isinstance(a, dict)]


def _gold_actor(actors: list[dict]) -> dict:
    """Gold countries and sectors of one side (any listed actor counts)."""
    cw = crosswalk("eval_sets.yaml")
    countries, sectors = set(), set()
    for a in actors:
        code = (a.get("code") or "").upper()
        code = cw["plover_country_codes"].get(code, code)
        if is_iso3(code):
            countries.add(code)
        elif code in ("IGO", "NGO"):
            sectors.add(code)
        sec = (a.get("sector") or "")[:3].upper()
        sec = cw["plover_sectors"].get(sec, sec)
        if sec in SECTORS:
            sectors.add(sec)
    return {"countries": sorted(countries), "sectors": sorted(sectors), "text": [a.get("actorText") for a in actors]}


def _int(v) -> int | None:
    try:
        return int(str(v).strip())
    except (TypeError, ValueError):
        return None


def load(dirpath: Path) -> list[Record]:
    legacy = crosswalk("cameo_plover.yaml")["plover_legacy"]
    data = json.loads(data_file(dirpath, "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    out = []
    for d in data:
        if d.get("event") in (None, "DOCUMENT") or not d.get("text"):
            continue
        loc = d.get("eventLoc") or {}
        gold = {
            "type": legacy.get(d["event"], d["event"]), "type_as_written": d["event"],
            "source": _gold_actor(_actors(d.get("source"))), "target": _gold_actor(_actors(d.get("target"))),
            "killed": _int(d.get("dead")), "injured": _int(d.get("injured")),
            "location_country": iso2_to_iso3(loc.get("country code")) if isinstance(loc, dict) else None,
        }
        out.append(Record(id=d["id"], text=d["text"], gold=gold))
    return out


def _score_actors(r: Record, m: dict | None, c: Counter[str], ex: dict[str, list]) -> None:
    """Source and target country and sector of the main event against the gold actors."""
    g = r.gold
    for side, key in (("source", "actor1"), ("target", "actor2")):
        ga, pa = g[side], ((m or {}).get(key) or {})
        if ga["countries"]:
            c[f"{side}_country_n"] += 1
            ok = (pa.get("country") or "").upper() in ga["countries"]
            c[f"{side}_country_ok"] += ok
            if not ok and m is not None:
                ex[f"{side}_country"].append(
                    {
                        "id": r.id,
                        "gold": ga["countries"],
                        "pred": pa.get("country"),
                        "gold_text": ga["text"],
                        "pred_text": pa.get("text"),
                        "text": r.text,
                    }
                )
        if ga["sectors"]:
            c[f"{side}_sector_n"] += 1
            ok = (pa.get("sector") or "").upper() in ga["sectors"]
            c[f"{side}_sector_ok"] += ok
            if not ok and m is not None:
                ex["sector"].append(
                    {
                        "id": r.id,
                        "side": side,
                        "gold": ga["sectors"],
                        "pred": pa.get("sector"),
                        "pred_text": pa.get("text"),
                        "text": r.text,
                    }
                )


def score(run: Run) -> dict:
    c: Counter[str] = Counter()
    confusion: Counter = Counter()
    ex: dict[str, list] = {"type": [], "no_event": [], "source_country": [], "target_country": [], "sector": []}
    for r, preds in zip(run.records, run.preds):
        g = r.gold
        m = main_event(preds)
        ptype = m.get("type") if m else None
        c["n"] += 1
        c["type_ok"] += ptype == g["type"]
        c["type_any"] += any(p.get("type") == g["type"] for p in preds)
        c["no_event"] += m is None
        confusion[(g["type"], ptype or "-")] += 1
        if m is None:
            ex["no_event"].append({"id": r.id, "gold": g["type"], "text": r.text})
        elif ptype != g["type"]:
            ex["type"].append(
                {"id": r.id, "gold": g["type"], "pred": ptype, "trigger": m.get("trigger"), "text": r.text}
            )
        _score_actors(r, m, c, ex)
        for k in ("killed", "injured"):
            if g[k] is not None:
                c[f"{k}_n"] += 1
                pc = (m or {}).get(k) or {}
                c[f"{k}_ok"] += pc.get("best", pc.get("low")) == g[k]
        if g["location_country"]:
            c["loc_n"] += 1
            c["loc_ok"] += any(((p.get("location") or {}).get("country") or "") == g["location_country"] for p in preds)
    per_type = {}
    for t in sorted({k[0] for k in confusion}):
        n = sum(v for k, v in confusion.items() if k[0] == t)
        per_type[t] = {"n": n, "acc": ratio(confusion[(t, t)], n)}
    return {
        "n": c["n"],
        "type_acc": ratio(c["type_ok"], c["n"]),
        "type_any": ratio(c["type_any"], c["n"]),
        "no_event_rate": ratio(c["no_event"], c["n"]),
        "source_country_acc": ratio(c["source_country_ok"], c["source_country_n"]),
        "source_country_n": c["source_country_n"],
        "target_country_acc": ratio(c["target_country_ok"], c["target_country_n"]),
        "target_country_n": c["target_country_n"],
        "source_sector_acc": ratio(c["source_sector_ok"], c["source_sector_n"]),
        "source_sector_n": c["source_sector_n"],
        "target_sector_acc": ratio(c["target_sector_ok"], c["target_sector_n"]),
        "target_sector_n": c["target_sector_n"],
        "killed_exact": ratio(c["killed_ok"], c["killed_n"]),
        "killed_n": c["killed_n"],
        "location_country_acc": ratio(c["loc_ok"], c["loc_n"]),
        "location_n": c["loc_n"],
        "per_type": per_type,
        "confusions": [{"gold": g, "pred": p, "count": v} for (g, p), v in confusion.most_common() if g != p][:12],
        "examples": ex,
    }
