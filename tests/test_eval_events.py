"""The event scorer (polemos.eval.events) on hand-made cases, and against the project's judging
scorer ../shared/tools/score_events.py on the same predictions."""
from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from polemos.eval import events


def ev(type_="ASSAULT", text="", **kw):
    return {"type": type_, "evidence": {"text": text, "start": 0, "end": len(text)}, **kw}


def gold(*evs):
    return {"document": "d", "events": list(evs)}


def test_evidence_match_and_counts():
    g = gold({"id": "E1", "required": True, "type": "ASSAULT", "evidence": "warplanes struck Atarib killing 17",
              "killed": {"best": 17}})
    r = events.score_doc(g, [ev(text="Russian warplanes struck Atarib on Sunday, killing 17", killed={"best": 17})])
    m = events.metrics(events.merge({"d": r}))
    assert (m["recall"], m["precision"], m["f1"], m["field_acc"]) == (1, 1, 1, 1)


def test_type_must_agree():
    g = gold({"id": "E1", "required": True, "type": "ASSAULT", "evidence": "warplanes struck Atarib"})
    m = events.metrics(events.merge({"d": events.score_doc(g, [ev("COERCE", "warplanes struck Atarib")])}))
    assert m["recall"] == 0 and m["precision"] == 0 and m["missed"] == ["d:E1"]


def test_symmetric_actors_accept_either_order():
    base = {"id": "E1", "required": True, "type": "CONSULT", "evidence": "talks in Ankara",
            "actor1": {"country": "TUR", "sector": "GOV"}, "actor2": {"country": "RUS", "sector": "GOV"}}
    swapped = ev("CONSULT", "talks in Ankara", actor1={"country": "RUS", "sector": "GOV"},
                 actor2={"country": "TUR", "sector": "GOV"})
    sym = events.score_doc(gold(dict(base, symmetric=True)), [swapped])
    directed = events.score_doc(gold(base), [swapped])
    assert sym["fields"]["actors"] == [1, 1]
    assert directed["fields"]["actors"] == [0, 1]


def test_actor_sector_left_out_of_gold_is_not_checked():
    g = {"actor1": {"country": "RUS", "sector": "GOV"}, "actor2": {"country": "JOR"}}
    assert events.actors_ok(g, {"actor1": {"country": "rus", "sector": "gov"}, "actor2": {"country": "JOR", "sector": "GOV"}})
    assert not events.actors_ok(g, {"actor1": {"country": "RUS", "sector": "MIL"}, "actor2": {"country": "JOR"}})
    assert not events.actors_ok(g, {"actor1": {"country": "RUS", "sector": "GOV"}})  # actor2 missing


@pytest.mark.parametrize("pred,ok", [
    ({"date": "2020-02-09"}, True),                               # inside
    ({"date": "2020-01-01", "date_end": "2020-02-08"}, True),     # range overlapping the start
    ({"date": "2020-01-01", "date_end": "2020-03-01"}, True),     # range covering the window
    ({"date": "2020-02-11"}, False),                              # after
    ({"date": None}, False),                                      # no date
])
def test_gold_date_range(pred, ok):
    assert events.date_ok({"date_range": ["2020-02-08", "2020-02-10"]}, pred) is ok


def test_gold_date_null_is_not_scored():
    g = gold({"id": "E1", "required": True, "type": "THREATEN", "date": None, "evidence": "would take measures"})
    r = events.score_doc(g, [ev("THREATEN", "Turkey would take measures", date="2020-02-10")])
    assert r["fields"]["date"] == [0, 0]
    assert events.date_ok({"date": None}, {"date": "2020-01-01"}) is None


def test_missing_gold_fields_are_not_scored_but_missed_events_count():
    g = gold({"id": "E1", "required": True, "type": "ASSAULT", "evidence": "shelled the town", "killed": {"best": 3}},
             {"id": "E2", "required": True, "type": "ASSAULT", "evidence": "an attack on troops killed five",
              "killed": {"best": 5}, "location": {"name": "Idlib", "country": "SYR"}})
    r = events.score_doc(g, [ev(text="forces shelled the town", killed={"best": 3})])
    assert r["fields"]["location"] == [0, 1]    # only E2 has a location, and E2 was missed
    assert r["fields"]["killed"] == [1, 2]
    assert r["fields"]["mode"] == [0, 0]


def test_optional_gold_events_neither_help_recall_nor_hurt_precision():
    g = gold({"id": "E1", "required": True, "type": "CONSULT", "evidence": "delegations met in Ankara"},
             {"id": "E2", "required": False, "type": "CONSULT", "evidence": "press conference with Cerar"})
    found_optional = events.score_doc(g, [ev("CONSULT", "delegations met in Ankara"),
                                         ev("CONSULT", "a press conference with Cerar")])
    m = events.metrics(events.merge({"d": found_optional}))
    assert m["recall"] == 1 and m["precision"] == 1
    only_required = events.metrics(events.merge({"d": events.score_doc(g, [ev("CONSULT", "delegations met in Ankara")])}))
    assert only_required["recall"] == 1 and only_required["precision"] == 1


def test_empty_predictions():
    g = gold({"id": "E1", "required": True, "type": "ASSAULT", "evidence": "x", "killed": {"best": 2}})
    m = events.metrics(events.merge({"d": events.score_doc(g, [])}))
    assert (m["recall"], m["precision"], m["f1"], m["field_acc"]) == (0, 0, 0, 0)
    assert m["fields"]["killed"] == {"correct": 0, "scored": 1, "acc": 0.0}


def test_no_gold_no_predictions_gives_zeros_not_errors():
    m = events.metrics(events.merge({"d": events.score_doc(gold(), [])}))
    assert m["recall"] == 0 and m["f1"] == 0


@pytest.mark.parametrize("gc,pc,ok", [
    ({"best": 17}, {"best": 17}, True), ({"best": 17}, {"best": 12}, False),
    ({"low": 20}, {"low": 25}, True), ({"low": 20}, {"best": 19}, False),
    ({"best": 0}, None, True), ({"best": 3}, None, False), (None, {"best": 3}, None),
])
def test_counts(gc, pc, ok):
    assert events.count_ok(gc, pc) is ok


def test_location_tolerance_and_country():
    g = {"location": {"country": "SYR", "lat": 36.139, "lon": 36.825, "tolerance_km": 10}}
    assert events.loc_ok(g, {"location": {"country": "SYR", "lat": 36.14, "lon": 36.83}})
    assert not events.loc_ok(g, {"location": {"country": "SYR", "lat": 35.93, "lon": 36.63}})  # ~28 km
    assert not events.loc_ok(g, {"location": {"country": "TUR", "lat": 36.14, "lon": 36.83}})
    assert not events.loc_ok(g, {"location": None})


def test_each_prediction_matches_one_gold_event():
    g = gold({"id": "E1", "required": True, "type": "ASSAULT", "evidence": "airstrike on Atarib killed 17"},
             {"id": "E2", "required": True, "type": "ASSAULT", "evidence": "airstrike on Atarib killed 17 people"})
    r = events.score_doc(g, [ev(text="an airstrike on Atarib killed 17 people")])
    assert r["required_found"] == 1 and r["predicted_matched"] == 1


# --- against ../shared/tools/score_events.py -------------------------------------------------

def _perturbed_predictions(gold_doc: dict, rng: random.Random) -> list[dict]:
    """Predictions made from the gold events with the mistakes an extractor makes: events lost,
    types changed, counts off, actors swapped, dates moved, evidence cut, spurious events."""
    preds = []
    for g in gold_doc["events"]:
        if rng.random() < 0.2:
            continue
        p = {"id": g["id"], "type": g["type"] if rng.random() > 0.15 else "PROTEST",
             "status": g.get("status", "occurred") if rng.random() > 0.2 else "planned",
             "evidence": {"text": " ".join(g.get("evidence", "").split()[: rng.choice([1, 3, 50])]), "start": 0, "end": 1}}
        a1, a2 = g.get("actor1"), g.get("actor2")
        if rng.random() < 0.3:
            a1, a2 = a2, a1
        p["actor1"], p["actor2"] = a1, a2
        if g.get("date"):
            p["date"] = g["date"] if rng.random() > 0.3 else "2020-01-01"
        elif g.get("date_range"):
            p["date"] = g["date_range"][rng.choice([0, 1])]
        if g.get("location") and rng.random() > 0.3:
            p["location"] = dict(g["location"])
            if "lat" in p["location"] and rng.random() < 0.3:
                p["location"]["lat"] += 1.0
        for k in ("killed", "injured", "displaced"):
            if g.get(k):
                c = dict(g[k])
                if "best" in c and rng.random() < 0.3:
                    c["best"] += 1
                p[k] = c
        if g.get("mode") and rng.random() > 0.3:
            p["mode"] = g["mode"]
        preds.append(p)
    for _ in range(rng.randint(0, 3)):
        preds.append({"type": rng.choice(["ASSAULT", "CONSULT", "THREATEN"]), "evidence": {"text": "unrelated words here"},
                      "date": "2020-02-10"})
    rng.shuffle(preds)
    return preds


def _theirs(shared: Path, args: list[str]) -> dict:
    out = subprocess.run([sys.executable, str(shared / "tools" / "score_events.py"), *args, "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_same_numbers_as_score_events_py(shared: Path, tmp_path: Path):
    gold_docs = [json.loads(p.read_text()) for p in sorted((shared / "fixtures").glob("*/gold.json"))]
    assert gold_docs
    # a second hand-made document exercises several documents in one run (the --dir mode)
    extra = copy.deepcopy(gold_docs[0])
    extra["document"] = "copy-of-" + extra["document"]
    gold_docs.append(extra)
    gdir, pdir = tmp_path / "gold", tmp_path / "pred"
    gdir.mkdir()
    rng = random.Random(7)
    for trial in range(6):
        pdir.mkdir(exist_ok=True)
        results = {}
        for gd in gold_docs:
            (gdir / f"{gd['document']}.json").write_text(json.dumps(gd))
            preds = _perturbed_predictions(gd, rng) if trial else []
            (pdir / f"{gd['document']}.jsonl").write_text("".join(json.dumps(p) + "\n" for p in preds))
            results[gd["document"]] = events.score_doc(gd, preds)
        ours = events.metrics(events.merge(dict(sorted(results.items()))))
        theirs = _theirs(shared, ["--dir", str(gdir), str(pdir)])
        for k in ("recall", "precision", "f1", "field_acc"):
            assert ours[k] == pytest.approx(theirs[k]), (trial, k)
        one = gold_docs[0]["document"]
        single = _theirs(shared, [str(gdir / f"{one}.json"), str(pdir / f"{one}.jsonl")])
        mine = events.metrics(events.merge({one: results[one]}))
        assert {k: mine[k] for k in single} == pytest.approx(single)
