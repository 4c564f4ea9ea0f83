"""Tolls of short battle reports (war-monitor and wire style): the project's own set,
tests/data/battle_report_tolls.jsonl, written before any rule was tuned on it. Each report lists
the tolls a careful coder records per event (ACLED/UCDP: the best estimate; "more than 20" is
written 20, "dozens" and "tens" 12). Records alternate dev / check halves.

Scores:
- `event_exact`: gold events with a toll that some predicted event (each used once) carries
  exactly, as the list writes it (`wikipedia.written_figure`);
- `report_exact`: reports with one toll-bearing event whose largest predicted toll is it (what a
  per-report fatalities column is scored on);
- `spurious`: predicted tolls that match no gold event (a campaign's toll given to an event, an
  injury read as a death);
- `bounds_exact`: of the matched events, those whose predicted low and high are the gold's (a
  stated figure is low = high = best; "at least 17" and "dozens" leave high open; "more than 20"
  is low 21), the count fields of docs/tolls.md.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from polemos.eval.common import Record, Run, best_count, data_file, ratio, run_extractor, score_dev_check, select
from polemos.eval.wikipedia import written_figure

SET = Path(__file__).resolve().parents[3] / "tests" / "data" / "battle_report_tolls.jsonl"


def load(path: Path = SET) -> list[Record]:
    out = []
    for line in data_file(path.parent, path.name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Record(id=d["id"], text=d["text"], gold=[e["killed"] for e in d["events"]],
                              meta={"half": d["half"], "bounds": [_bounds(e) for e in d["events"]]}))
    return out


def _bounds(e: dict) -> tuple[int | None, int | None]:
    """The gold (low, high): a stated figure is both; an event with a `low` has an open high."""
    return (e["low"], e.get("high")) if "low" in e else (e["killed"], e["killed"])


def predicted_bounds(preds: list[dict]) -> list[tuple[int, int | None, int | None]]:
    """(written figure, low, high) of each predicted event's killed count."""
    out = []
    for p, w in zip([p for p in preds if _has_toll(p)], predicted_tolls(preds)):
        out.append((w, p["killed"].get("low"), p["killed"].get("high")))
    return out


def _has_toll(p: dict) -> bool:
    k = p.get("killed")
    return isinstance(k, dict) and (k.get("best") if k.get("best") is not None else k.get("low")) is not None


def predicted_tolls(preds: list[dict]) -> list[int]:
    """Each predicted event's killed figure, as written ("more than 20" is 20)."""
    out = []
    for p in preds:
        k = p.get("killed")
        if isinstance(k, dict) and (k.get("best") if k.get("best") is not None else k.get("low")) is not None:
            w = written_figure(k)
            out.append(int(w["best"] if w.get("best") is not None else w["low"]))
    return out


def _score_half(recs: list[Record], preds: list[list[dict]]) -> tuple[Counter, list[dict]]:
    c: Counter[str] = Counter()
    wrong = []
    for r, ps in zip(recs, preds):
        got = predicted_tolls(ps)
        left = list(got)
        spans = predicted_bounds(ps)
        hit = 0
        for g, b in zip(r.gold, r.meta.get("bounds") or [(g, g) for g in r.gold]):
            if g in left:
                left.remove(g)
                hit += 1
                c["bounds_ok"] += any(w == g and (lo, hi) == b for w, lo, hi in spans)
        c["events"] += len(r.gold)
        c["event_ok"] += hit
        c["spurious"] += len(left)
        c["predicted"] += len(got)
        if len(r.gold) == 1:
            top = best_count([{"killed": {"best": v}} for v in got], "killed")
            c["reports"] += 1
            c["report_ok"] += top == r.gold[0]
        if hit < len(r.gold) or left:
            wrong.append({"id": r.id, "gold": r.gold, "pred": got, "text": r.text})
    return c, wrong


def score(run: Run) -> dict:
    return score_dev_check(run, _score_half, lambda c: {
        "event_exact": ratio(c["event_ok"], c["events"]), "events": c["events"],
        "report_exact": ratio(c["report_ok"], c["reports"]), "reports": c["reports"],
        "spurious": c["spurious"], "predicted_tolls": c["predicted"],
        "bounds_exact": ratio(c["bounds_ok"], c["event_ok"])})


def report_section(quick: int | None = None, progress: bool = True) -> tuple[list[str], str]:
    """EVALUATION.md's section on this set and its summary row (issue 12: fatalities exact)."""
    m = score(run_extractor(select(load(), limit=quick), progress=progress, desc="battle-tolls"))
    lines = ["## Battle-report tolls (the project's own set)", "",
             "56 short war-monitor and wire battle reports in the project's own words "
             "(`tests/data/battle_report_tolls.jsonl`), written before any toll rule was tuned on them; "
             "records alternate dev / check halves (the failures of both halves were read when the rules were "
             "chosen, so the check half is no held-out figure). Reproduce: `polemos eval battle-tolls --json`"
             + (f" (this run: --limit {quick})" if quick else "") + "; scores defined in "
             "`src/polemos/eval/battle_tolls.py`.", "",
             "| metric | all | dev half | check half |", "|---|---|---|---|"]
    for key in ("event_exact", "report_exact", "bounds_exact", "spurious"):
        lines.append(f"| {key} | " + " | ".join(str(m[h][key]) for h in ("all", "dev", "check")) + " |")
    row = (f"| battle-report tolls (own set) | killed exact per event (dev / check) | "
           f"{m['dev']['event_exact']} / {m['check']['event_exact']} | {m['all']['events']} events | 0.80 (issue 12) |")
    return lines + [""], row
