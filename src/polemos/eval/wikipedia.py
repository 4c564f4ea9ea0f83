"""Adapter for the Wikipedia terrorist-incident list 2016-2022 (324 incidents; CSV converted from
a capstone project's scrape of Wikipedia's "List of terrorist incidents in <year>").
Scores killed (exact), injured (exact) and the perpetrator.

Quirks of the set, handled here:
- only the year is known (no publication date): articles are given no publication date;
- the description is Wikipedia prose, and some descriptions never state the toll the Dead /
  Injured columns hold (the columns come from the list's table): every figure is reported on all
  incidents and on the subset whose description writes the gold number (digits or word), which
  is what an extractor can be asked to find;
- a 0 in Dead/Injured is met by a prediction that gives no count (the fixtures' convention);
- the toll of several mentions is their largest figure (`common.best_count`), not their sum;
- the lists count victims: a perpetrator's death is written apart ("22 (+1)") and the scraped Dead
  column keeps only the victims ("2 civilians killed ... the attacker was shot dead by police" is
  Dead 2). A predicted count whose victims are all perpetrators (the last word of each group in
  `Count.who` is one of `wikipedia_perpetrator_nouns` in eval_sets.yaml) is left out of the toll;
  a count that mixes victims and attackers ("26 people ... along with the 4 attackers") stays;
- the list writes the figure the text gives: "more than 500 wounded" is Injured 500, where
  Polemos' best for an exclusive floor is the smallest number above it (501, numbers.yaml
  `lower_excl`, as the fixtures' gold has it). A count whose words open with such a modifier is
  compared by its written figure (best - 1); every other count by its best;
- Perpetrator names vary in form ("Islamic State", "Islamic State of Iraq and the Levant (ISIL)");
  'Unknown'/empty perpetrators are not scored; a perpetrator matches when half its content words,
  or its acronym, occur in the text or canonical name of a predicted attacker (actor1 of an
  ASSAULT/COERCE event). Most descriptions never name the list's perpetrator ("A gunman killed
  3 people" for a named attacker), so `perpetrator_acc_stated` scores the records whose
  description holds every content word of it.
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from polemos.eval.common import (
    Record,
    Run,
    best_count,
    content_words,
    crosswalk,
    data_file,
    names_match,
    number_in_text,
    ratio,
)

FOLDER = "wikipedia_terror_incidents_2016_2022"
VIOLENT = ("ASSAULT", "COERCE")


def load(dirpath: Path) -> list[Record]:
    out = []
    with data_file(dirpath, "wikipedia_terror_incidents_2016_2022.csv").open(encoding="utf-8", newline="") as f:
        for d in csv.DictReader(f):
            perp = (d.get("Perpetrator") or "").strip()
            gold = {"killed": int(d["Dead"]) if d["Dead"].strip().isdigit() else None,
                    "injured": int(d["Injured"]) if d["Injured"].strip().isdigit() else None,
                    "perpetrator": None if perp.lower() in ("", "unknown", "unknown perpetrators") else perp,
                    "country": d.get("Country"), "category": d.get("Category"), "year": d.get("Year")}
            out.append(Record(id=f"wiki-{d['row_id']}", text=d["Description"].strip(), gold=gold))
    return out


def perpetrators_only(who: str | None) -> bool:
    """True when every victim group of a count's `who` ("attacker", "attackers and other attacker")
    names perpetrators: the list's Dead/Injured columns leave them out."""
    nouns = set(crosswalk("eval_sets.yaml")["wikipedia_perpetrator_nouns"])
    groups = [g.split() for g in (who or "").lower().split(" and ") if g.strip()]
    return bool(groups) and all(g[-1] in nouns or g[-1].removesuffix("s") in nouns for g in groups)


def written_figure(count: dict) -> dict:
    """The count as the list would write it: "more than 500" (best 501) is 500."""
    from polemos.extract.counts import number_rules  # noqa: PLC0415  (start-up cost: the extractor)

    text = (count.get("text") or "").lower()
    excl = [m for m, kind in number_rules()["modifiers"].items() if kind == "lower_excl"]
    if count.get("best") is not None and any(text.startswith(m + " ") for m in excl):
        return {**count, "best": count["best"] - 1}
    return count


def victim_counts(preds: list[dict], kind: str) -> list[dict]:
    """The predictions' counts of `kind` as the list writes them, without the counts whose victims
    are all perpetrators."""
    return [{**p, kind: written_figure(p[kind]) if isinstance(p.get(kind), dict) else p.get(kind)}
            for p in preds if not perpetrators_only((p.get(kind) or {}).get("who"))]


def score(run: Run) -> dict:
    c: Counter[str] = Counter()
    ex: dict[str, list] = {"killed_wrong": [], "killed_missing": [], "injured_wrong": [], "injured_missing": [],
                           "perpetrator": [], "no_event": []}
    for r, preds in zip(run.records, run.preds):
        g = r.gold
        if not any(p.get("type") in VIOLENT for p in preds):
            ex["no_event"].append({"id": r.id, "text": r.text})
        for k in ("killed", "injured"):
            if g[k] is None:
                continue
            p = best_count(victim_counts(preds, k), k)
            ok = p == g[k] or (p is None and g[k] == 0)
            stated = g[k] == 0 or number_in_text(g[k], r.text)
            raw = best_count(preds, k)   # the counts as read, without the list's two conventions
            c[f"{k}_stated_raw_ok"] += stated and (raw == g[k] or (raw is None and g[k] == 0))
            c[f"{k}_n"] += 1
            c[f"{k}_ok"] += ok
            c[f"{k}_stated_n"] += stated
            c[f"{k}_stated_ok"] += ok and stated
            if not ok:
                ex[f"{k}_wrong" if p is not None else f"{k}_missing"].append(
                    {"id": r.id, "gold": g[k], "pred": p, "stated": stated, "text": r.text})
        if g["perpetrator"]:
            names = [x for p in preds if p.get("type") in VIOLENT
                     for x in ((p.get("actor1") or {}).get("text"), (p.get("actor1") or {}).get("name"))]
            ok = names_match(g["perpetrator"], names)
            c["perp_n"] += 1
            c["perp_ok"] += ok
            # the description names them (most list entries name the group or person only in
            # the Perpetrator column: "A gunman killed 3 people" for a named attacker)
            words = content_words(g["perpetrator"])
            named = bool(words) and words <= content_words(r.text)
            c["perp_stated_n"] += named
            c["perp_stated_ok"] += ok and named
            if not ok and preds:
                ex["perpetrator"].append({"id": r.id, "gold": g["perpetrator"], "pred": sorted({n for n in names if n}),
                                          "text": r.text})
    return {
        "n": len(run.records),
        "killed_exact": ratio(c["killed_ok"], c["killed_n"]),
        "killed_n": c["killed_n"],
        "killed_exact_stated": ratio(c["killed_stated_ok"], c["killed_stated_n"]),
        "killed_stated_n": c["killed_stated_n"],
        "injured_exact": ratio(c["injured_ok"], c["injured_n"]),
        "injured_n": c["injured_n"],
        "injured_exact_stated": ratio(c["injured_stated_ok"], c["injured_stated_n"]),
        "injured_stated_n": c["injured_stated_n"],
        # the same without mapping perpetrators' deaths and "more than N" to the list's convention
        "killed_exact_stated_as_read": ratio(c["killed_stated_raw_ok"], c["killed_stated_n"]),
        "injured_exact_stated_as_read": ratio(c["injured_stated_raw_ok"], c["injured_stated_n"]),
        "perpetrator_acc": ratio(c["perp_ok"], c["perp_n"]),
        "perpetrator_n": c["perp_n"],
        "perpetrator_acc_stated": ratio(c["perp_stated_ok"], c["perp_stated_n"]),
        "perpetrator_stated_n": c["perp_stated_n"],
        "no_violent_event_rate": ratio(len(ex["no_event"]), len(run.records)),
        "examples": ex,
    }
