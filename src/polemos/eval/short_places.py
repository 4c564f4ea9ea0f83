"""Places of short battle and incident reports (wire and ACLED-note style): the project's own set,
tests/data/short_report_places.jsonl, 61 reports from Syria, Iraq, Yemen, Nigeria and Mali written
before Polemos was run on them. Each names the place a coder records (a GeoNames entry of
../shared/gazetteer: its id, point and country) and the precision a coder writes:
- `place`: the village or town itself ("shelled Kansafra and Al-Bara": the first-named);
- `near`: close to it ("10 km north of X", "the outskirts of X", "near X");
- `admin2`: somewhere in a district ("the countryside of X": X's district; "Manbij district");
  the gold point is the district's capital, as the shared tables hold no district points.
Records alternate dev / check halves (dev = 1st, 3rd, ...).

Scores, per half, on the report's event (the ACLED main event, else the first event with a place):
- `within`: its point lies within the gold precision's distance of the gold point (place 25 km,
  near 50 km, admin2 100 km, admin1 250 km: UCDP's where_prec tolerances) in the gold country —
  the held-out check "place within the report's stated precision";
- `precision_exact`: within, and Polemos writes the gold precision;
- `no_place`: reports whose events have no place (or no event at all).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from polemos.eval.common import Record, Run, data_file, ratio, run_extractor, score_dev_check, select
from polemos.eval.events import km

SET = Path(__file__).resolve().parents[3] / "tests" / "data" / "short_report_places.jsonl"
TOLERANCE_KM = {"place": 25, "near": 50, "admin2": 100, "admin1": 250}


def load(path: Path = SET) -> list[Record]:
    out = []
    for line in data_file(path.parent, path.name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Record(id=d["id"], text=d["text"], gold=d["place"], meta={"half": d["half"]}))
    return out


def report_place(preds: list[dict]) -> dict | None:
    """The place of the report's event: the ACLED main event's, else the first placed event's."""
    placed = [p for p in preds if p.get("location")]
    main = [p for p in placed if p.get("acled_main")]
    return (main or placed or [{}])[0].get("location")


def place_within(gold: dict, loc: dict | None) -> bool:
    """The predicted point lies within the gold precision's distance, in the gold country."""
    if not loc or loc.get("lat") is None or (loc.get("country") or "").upper() != gold["country"]:
        return False
    return km(gold["lat"], gold["lon"], loc["lat"], loc["lon"]) <= TOLERANCE_KM[gold["precision"]]


def _score_half(recs: list[Record], preds: list[list[dict]]) -> tuple[Counter, list[dict]]:
    c: Counter[str] = Counter()
    wrong = []
    for r, ps in zip(recs, preds):
        loc = report_place(ps)
        ok = place_within(r.gold, loc)
        c["n"] += 1
        c["within"] += ok
        c["precision_exact"] += ok and (loc or {}).get("precision") == r.gold["precision"]
        c["no_place"] += loc is None
        if not ok or (loc or {}).get("precision") != r.gold["precision"]:
            wrong.append({"id": r.id, "gold": f"{r.gold['name']} ({r.gold['precision']})",
                          "pred": loc and f"{loc.get('name')} {loc.get('country')} ({loc.get('precision')})",
                          "text": r.text})
    return c, wrong


def score(run: Run) -> dict:
    return score_dev_check(run, _score_half, lambda c: {
        "within": ratio(c["within"], c["n"]), "precision_exact": ratio(c["precision_exact"], c["n"]),
        "no_place": c["no_place"], "n": c["n"]})


def report_section(quick: int | None = None, progress: bool = True) -> tuple[list[str], str]:
    """EVALUATION.md's section on this set and its summary row (issue 12: place within precision)."""
    m = score(run_extractor(select(load(), limit=quick), progress=progress, desc="short-places"))
    lines = ["## Places of short reports (the project's own set)", "",
             "61 short battle and incident reports from Syria, Iraq, Yemen, Nigeria and Mali in the project's "
             "own words (`tests/data/short_report_places.jsonl`), each with the GeoNames place and the precision "
             "a coder records, written before Polemos was run on them; records alternate dev / check halves. "
             "Reproduce: `polemos eval short-places --json`" + (f" (this run: --limit {quick})" if quick else "")
             + " (default index; `POLEMOS_GAZETTEER=FILE` for a built one); scores defined in "
             "`src/polemos/eval/short_places.py`.", "",
             "| metric | all | dev half | check half |", "|---|---|---|---|"]
    for key in ("within", "precision_exact", "no_place"):
        lines.append(f"| {key} | " + " | ".join(str(m[h][key]) for h in ("all", "dev", "check")) + " |")
    row = (f"| short-report places (own set) | place within stated precision (dev / check) | "
           f"{m['dev']['within']} / {m['check']['within']} | {m['all']['n']} reports | 0.75 (issue 12) |")
    return lines + [""], row
