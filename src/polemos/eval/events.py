"""Event-level scoring against gold fixtures (the format of ../shared/fixtures/).

A port of the project's judging scorer (../shared/tools/score_events.py, ours): the matching
rules and the arithmetic are kept identical so `polemos eval events` reproduces its numbers;
tests/test_eval_events.py runs both on the same predictions and compares.

Matching: each gold event is paired with at most one predicted event of the same type whose
evidence overlaps the gold evidence (word containment >= 0.5) or, failing that, whose date and
location are compatible. Fields are scored on matched required events; required events missed
entirely count as failures of every field they carry. Precision counts predictions matched to
any gold event (required or optional) over all predictions.
"""
from __future__ import annotations

import math
import re
from typing import Any

Pred = dict[str, Any]
Gold = dict[str, Any]

WORD = re.compile(r"[a-z0-9]+")
FIELDS = ("actors", "date", "location", "status", "killed", "injured", "displaced", "mode")
# Fields a missed required event still counts against (status and mode are only scored on matches).
MISSED_FIELDS = ("actors", "date", "location", "killed", "injured", "displaced")


def words(s: str | None) -> set[str]:
    return set(WORD.findall((s or "").lower()))


def containment(gold_ev: str | None, pred_ev: str | None) -> float:
    """Share of the gold evidence's words that the predicted evidence contains."""
    g = words(gold_ev)
    if not g:
        return 0.0
    return len(g & words(pred_ev)) / len(g)


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance in kilometres."""
    r = 6371.0
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def pred_evidence(p: Pred) -> str:
    ev = p.get("evidence")
    if isinstance(ev, dict):
        return ev.get("text") or ""
    return ev or ""


def date_ok(g: Gold, p: Pred) -> bool | None:
    """None when the gold does not fix a date (not scored); a range accepts any overlap."""
    pd = p.get("date")
    if "date_range" in g and g["date_range"]:
        lo, hi = g["date_range"]
        if not pd:
            return False
        pe = p.get("date_end") or pd
        return lo <= pd <= hi or lo <= pe <= hi or (pd <= lo and pe >= hi)
    if g.get("date") is None:
        return None
    return pd == g["date"]


def loc_ok(g: Gold, p: Pred) -> bool | None:
    gl = g.get("location")
    if not gl:
        return None
    pl = p.get("location") or {}
    if not pl:
        return False
    if gl.get("country") and (pl.get("country") or "").upper() != gl["country"]:
        return False
    if "lat" in gl and gl.get("lat") is not None:
        if pl.get("lat") is None or pl.get("lon") is None:
            return False
        return km(gl["lat"], gl["lon"], pl["lat"], pl["lon"]) <= gl.get("tolerance_km", 50)
    return True


def actor_ok(ga: dict | None, pa: dict | None) -> bool | None:
    if ga is None:
        return None
    if not pa:
        return False
    for k in ("country", "sector"):
        if ga.get(k) and (pa.get(k) or "").upper() != ga[k]:
            return False
    return True


def actors_ok(g: Gold, p: Pred) -> bool | None:
    """Both gold actors must agree; `symmetric: true` also accepts the swapped order."""
    a1, a2 = g.get("actor1"), g.get("actor2")
    if a1 is None and a2 is None:
        return None
    straight = all(x is not False for x in (actor_ok(a1, p.get("actor1")), actor_ok(a2, p.get("actor2"))))
    if straight:
        return True
    if g.get("symmetric"):
        return all(x is not False for x in (actor_ok(a1, p.get("actor2")), actor_ok(a2, p.get("actor1"))))
    return False


def count_ok(gc: dict | None, pc: dict | None) -> bool | None:
    """`{best: n}` must be met exactly; `{low: n}` ("over n") by any n' >= n."""
    if gc is None:
        return None
    if not pc:
        return gc.get("best") == 0  # "no one was killed" is met by a count left out
    pb = pc.get("best", pc.get("low"))
    if pb is None:
        return False
    if "best" in gc:
        return pb == gc["best"]
    lo, hi = gc.get("low", 0), gc.get("high", float("inf"))
    return lo <= pb <= hi


def match(gevents: list[Gold], preds: list[Pred]) -> list[tuple[Gold, Pred]]:
    """Greedy one-to-one pairing: evidence-anchored matches first, then date/place-compatible."""
    used: set[int] = set()
    pairs: list[tuple[Gold, Pred]] = []
    for strict in (True, False):
        for g in gevents:
            if any(g is x for x, _ in pairs):
                continue
            best, best_s = None, 0.0
            for i, p in enumerate(preds):
                if i in used or (p.get("type") or "").upper() != g["type"]:
                    continue
                c = containment(g.get("evidence", ""), pred_evidence(p))
                if strict:
                    s = c if c >= 0.5 else 0
                else:
                    s = 0.1 + c if date_ok(g, p) is not False and loc_ok(g, p) is not False else 0
                if s > best_s:
                    best, best_s = i, s
            if best is not None:
                used.add(best)
                pairs.append((g, preds[best]))
    return pairs


def field_checks(g: Gold, p: Pred) -> dict[str, bool | None]:
    return {
        "actors": actors_ok(g, p),
        "date": date_ok(g, p),
        "location": loc_ok(g, p),
        "status": (p.get("status") or "occurred") == g.get("status", "occurred"),
        "killed": count_ok(g.get("killed"), p.get("killed")),
        "injured": count_ok(g.get("injured"), p.get("injured")),
        "displaced": count_ok(g.get("displaced"), p.get("displaced")),
        "mode": None if not g.get("mode") else (p.get("mode") or "").lower() == g["mode"],
    }


def score_doc(gold: dict, preds: list[Pred]) -> dict:
    """Counts for one gold document: required/found, predicted/matched, per-field [right, scored]."""
    gevents = gold["events"]
    pairs = match(gevents, preds)
    req = [g for g in gevents if g.get("required")]
    matched_req = [(g, p) for g, p in pairs if g.get("required")]
    fields: dict[str, list[int]] = {k: [0, 0] for k in FIELDS}
    failures: list[dict] = []
    for g, p in matched_req:
        for k, v in field_checks(g, p).items():
            if v is None:
                continue
            fields[k][1] += 1
            fields[k][0] += int(bool(v))
            if not v:
                failures.append({"gold": g.get("id"), "field": k, "evidence": g.get("evidence", "")})
    for g in req:
        if any(g is x for x, _ in matched_req):
            continue
        present = {"actors": g.get("actor1") or g.get("actor2"), "date": g.get("date") or g.get("date_range"),
                   "location": g.get("location"), "killed": g.get("killed"), "injured": g.get("injured"),
                   "displaced": g.get("displaced")}
        for k in MISSED_FIELDS:
            if present[k]:
                fields[k][1] += 1
    return {
        "required": len(req),
        "required_found": len(matched_req),
        "predicted": len(preds),
        "predicted_matched": len(pairs),
        "fields": fields,
        "missed": [g["id"] for g in req if not any(g is x for x, _ in matched_req)],
        "missed_events": [{"id": g["id"], "type": g["type"], "evidence": g.get("evidence", "")}
                          for g in req if not any(g is x for x, _ in matched_req)],
        "field_failures": failures,
        "unmatched_predictions": [{"type": p.get("type"), "evidence": pred_evidence(p)}
                                  for p in preds if not any(p is y for _, y in pairs)],
    }


def merge(results: dict[str, dict]) -> dict:
    """Sum per-document counts (document order as given)."""
    tot: dict[str, Any] = {"required": 0, "required_found": 0, "predicted": 0, "predicted_matched": 0,
                           "fields": {}, "missed": []}
    for doc, r in results.items():
        for k in ("required", "required_found", "predicted", "predicted_matched"):
            tot[k] += r[k]
        for f, (a, b) in r["fields"].items():
            x = tot["fields"].setdefault(f, [0, 0])
            x[0] += a
            x[1] += b
        tot["missed"] += [f"{doc}:{m}" for m in r["missed"]]
    return tot


def metrics(tot: dict) -> dict[str, Any]:
    """recall, precision, f1, field_acc (pooled over fields) and per-field accuracy."""
    rec = tot["required_found"] / tot["required"] if tot["required"] else 0
    prec = tot["predicted_matched"] / tot["predicted"] if tot["predicted"] else 0
    f1 = 2 * rec * prec / (rec + prec) if rec + prec else 0
    right = sum(a for a, b in tot["fields"].values() if b)
    scored = sum(b for a, b in tot["fields"].values() if b)
    return {
        "recall": rec, "precision": prec, "f1": f1,
        "field_acc": right / scored if scored else 0,
        "fields": {f: {"correct": a, "scored": b, "acc": a / b} for f, (a, b) in tot["fields"].items() if b},
        "required": tot["required"], "required_found": tot["required_found"],
        "predicted": tot["predicted"], "predicted_matched": tot["predicted_matched"],
        "missed": tot["missed"],
    }


def text_report(m: dict) -> str:
    """The same human-readable summary score_events.py prints."""
    cells = [f"{f} {v['correct']}/{v['scored']}" for f, v in m["fields"].items()]
    return "\n".join(
        [
            f"required events found: {m['required_found']}/{m['required']} (recall {m['recall']:.2f})",
            f"predictions matched to gold: {m['predicted_matched']}/{m['predicted']} (precision {m['precision']:.2f})",
            f"event F1 {m['f1']:.2f}",
            "fields on required events: " + ", ".join(cells),
            f"missed: {', '.join(m['missed']) or 'none'}",
            f"SCORE recall={m['recall']:.2f} precision={m['precision']:.2f} f1={m['f1']:.2f} "
            f"field_acc={m['field_acc']:.2f}",
        ]
    )
