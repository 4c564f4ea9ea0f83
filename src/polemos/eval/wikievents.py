"""Adapter for WikiEvents (Li, Ji & Han 2021; KAIROS ontology), dev split: 20 long news articles
with event mentions (trigger, type) and argument roles. Scores event detection in full articles
and who/whom/where roles.

Quirks of the set, handled here:
- `text` is the sentences glued together with no separator ("...in SyriaThe desert..."): the
  adapter rebuilds the text from the sentence spans, one sentence per line, so that sentence
  splitting is not what is measured; offsets are recomputed accordingly;
- no publication date: none is given;
- KAIROS types map to PLOVER through `kairos_plover` (eval_sets.yaml); types without a PLOVER
  counterpart (Movement, Transaction, Disaster, trials, statements) are not scored, and only
  predictions of a PLOVER type that the map can produce are judged;
- one attack is typically annotated as several mentions in one sentence (Attack + Die + Injure):
  the unit scored is (sentence, PLOVER type), so "killed ... wounded ... bombing" in one sentence
  is one ASSAULT unit, as Polemos codes it;
- arguments are head words ("general", "people"); a role is filled when half its content words
  occur in the predicted field (actor1/actor2 text or name, location text or name) of an event of
  the same unit. Roles map to fields through `kairos_roles`.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from polemos.eval.common import Record, Run, crosswalk, data_file, names_match, ratio

FOLDER = "wikievents_kairos"


def kairos_to_plover(event_type: str) -> str | None:
    cw = crosswalk("eval_sets.yaml")["kairos_plover"]
    parts = event_type.split(".")
    for k in (event_type, ".".join(parts[:2]), parts[0]):
        if k in cw:
            return cw[k]
    return None


def load(dirpath: Path, name: str = "dev.jsonl") -> list[Record]:
    roles = crosswalk("eval_sets.yaml")["kairos_roles"]
    out = []
    for line in data_file(dirpath, name).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        pieces, starts, pos = [], [], 0
        for _, s in d["sentences"]:  # the sentence strings; token offsets assume a separator `text` lacks
            starts.append(pos)
            pieces.append(s)
            pos += len(s) + 1
        units: dict[tuple[int, str], dict] = {}
        for e in d["event_mentions"]:
            t = kairos_to_plover(e["event_type"])
            if not t:
                continue
            u = units.setdefault((e["trigger"]["sent_idx"], t), {"sent": e["trigger"]["sent_idx"], "type": t,
                                                                 "triggers": [], "args": []})
            u["triggers"].append(e["trigger"]["text"])
            for a in e["arguments"]:
                if a["role"] in roles:
                    u["args"].append({"role": a["role"], "field": roles[a["role"]], "text": a["text"]})
        out.append(Record(id=d["doc_id"], text="\n".join(pieces),
                          gold={"units": list(units.values()), "sent_starts": starts}))
    return out


def _sent(starts: list[int], offset: int) -> int:
    i = 0
    for j, s in enumerate(starts):
        if s <= offset:
            i = j
    return i


def score(run: Run) -> dict:
    scorable = set(crosswalk("eval_sets.yaml")["kairos_plover"].values())
    c: Counter[str] = Counter()
    role_c: Counter[tuple[str, str]] = Counter()
    ex: dict[str, list] = {"missed": [], "spurious": [], "role": []}
    for r, preds in zip(run.records, run.preds):
        g = r.gold
        lines = r.text.split("\n")
        by_unit: dict[tuple[int, str], list[dict]] = {}
        for p in preds:
            if p.get("type") in scorable:
                s = _sent(g["sent_starts"], (p.get("evidence") or {}).get("start") or 0)
                by_unit.setdefault((s, p["type"]), []).append(p)
        gold_keys = {(u["sent"], u["type"]) for u in g["units"]}
        c["gold"] += len(gold_keys)
        c["pred"] += len(by_unit)
        c["hit"] += len(gold_keys & set(by_unit))
        for k in sorted(set(by_unit) - gold_keys):
            ex["spurious"].append({"doc": r.id, "type": k[1], "sentence": lines[k[0]][:300]})
        for u in g["units"]:
            key = (u["sent"], u["type"])
            if key not in by_unit:
                ex["missed"].append({"doc": r.id, "type": u["type"], "triggers": u["triggers"],
                                     "sentence": lines[u["sent"]][:300]})
                continue
            ps = by_unit[key]
            for a in u["args"]:
                field = a["field"]
                texts = [x for p in ps for x in ((p.get(field) or {}).get("text"), (p.get(field) or {}).get("name"))]
                ok = names_match(a["text"], texts)
                role_c[(a["role"], "n")] += 1
                role_c[(a["role"], "ok")] += ok
                role_c[("all", "n")] += 1
                role_c[("all", "ok")] += ok
                if not ok:
                    ex["role"].append({"doc": r.id, "role": a["role"], "gold": a["text"],
                                       "pred": sorted({t for t in texts if t}), "sentence": lines[u["sent"]][:300]})
    rec, prec = ratio(c["hit"], c["gold"]), ratio(c["hit"], c["pred"])
    f1 = round(2 * rec * prec / (rec + prec), 4) if rec and prec else 0.0
    roles = sorted({k for k, _ in role_c if k != "all"})
    return {
        "n": len(run.records), "gold_units": c["gold"], "pred_units": c["pred"],
        "recall": rec, "precision": prec, "f1": f1,
        "role_acc": ratio(role_c[("all", "ok")], role_c[("all", "n")]), "roles_n": role_c[("all", "n")],
        "per_role": {k: {"n": role_c[(k, "n")], "acc": ratio(role_c[(k, "ok")], role_c[(k, "n")])} for k in roles},
        "examples": ex,
    }
