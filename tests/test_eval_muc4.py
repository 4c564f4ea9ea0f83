"""MUC-4 adapter: which incident type a story's events give (the crosswalk and the choice of the
story's incident), on hand-made events and hand-made documents in the set's own format."""
from __future__ import annotations

import json

from polemos.eval import muc4
from polemos.eval.common import Run


def ev(type_="ASSAULT", start=0, mode=None, trigger="attacked", **kw):
    return {"type": type_, "mode": mode, "trigger": trigger, "confidence": 0.5,
            "evidence": {"text": "", "start": start, "end": start + 1}, **kw}


def test_crosswalk_reads_mode_and_trigger_words():
    assert muc4.incident_type(ev(mode="explosives", trigger="exploded")) == "BOMBING"
    assert muc4.incident_type(ev(mode="abduct", trigger="held hostage")) == "KIDNAPPING"
    assert muc4.incident_type(ev(mode="firearms", trigger="opened fire")) == "ATTACK"   # fire is no arson
    # setting fire to trucks is coded COERCE (destroy) when no one is hurt: still MUC arson
    assert muc4.incident_type(ev("COERCE", mode="destroy", trigger="set fire")) == "ARSON"
    assert muc4.incident_type(ev("COERCE", mode="destroy", trigger="set the club on fire")) == "ARSON"
    assert muc4.incident_type(ev("COERCE", mode="destroy", trigger="demolished")) is None
    # MUC-4 codes aerial bombs, mortars and rockets as ATTACK: its BOMBING is a bomb set by hand
    assert muc4.incident_type(ev(mode="aerial", trigger="bombed")) == "ATTACK"
    assert muc4.incident_type(ev(mode="heavy-weapons", trigger="launched")) == "ATTACK"
    assert muc4.incident_type(ev("COERCE", mode="seize", trigger="seized")) is None       # weapons seizures
    assert muc4.incident_type(ev("PROTEST", mode="strike-gen", trigger="strike")) == "FORCED WORK STOPPAGE"
    assert muc4.incident_type(ev("ACCUSE", trigger="condemned / assassination")) is None


def test_violence_named_inside_another_event():
    assert muc4.mentioned_type(ev("ACCUSE", trigger="condemned / assassination")) == "ATTACK"
    assert muc4.mentioned_type(ev("ACCUSE", trigger="blamed / bomb attack")) == "BOMBING"
    assert muc4.mentioned_type(ev("THREATEN", trigger="threatened / kidnap")) == "KIDNAPPING"
    assert muc4.mentioned_type(ev("ACCUSE", trigger="accused / corruption")) is None
    assert muc4.mentioned_type(ev("CONSULT", trigger="discussed / attack")) is None     # not a listed type
    assert muc4.mentioned_type(ev("ASSAULT", trigger="attack")) is None                  # stated, not named


def test_story_incident_is_the_type_told_most():
    # a kidnapping told three times outweighs a bombing told once in the background
    evs = [ev(start=0, mode="explosives", trigger="bomb"), ev(start=10, mode="abduct", trigger="kidnapped"),
           ev(start=20, mode="abduct", trigger="kidnapping"), ev(start=30, trigger="attack")]
    assert muc4.story_incident(evs)[0] == "KIDNAPPING"
    evs = [ev(start=0, trigger="attack"), ev(start=10, trigger="killed"), ev(start=20, mode="explosives", trigger="blast")]
    assert muc4.story_incident(evs)[0] == "ATTACK"


def test_story_incident_ties_go_to_the_refined_type_then_the_first_mention():
    # "the attack" and "the bomb" told as often: a bombing is an attack with a bomb
    evs = [ev(start=0, trigger="attack"), ev(start=10, mode="explosives", trigger="exploded")]
    assert muc4.story_incident(evs)[0] == "BOMBING"
    evs = [ev(start=50, mode="explosives", trigger="exploded"), ev(start=10, mode="abduct", trigger="kidnapped")]
    assert muc4.story_incident(evs)[0] == "KIDNAPPING"
    # the order of the extractor's output does not matter
    assert muc4.story_incident(list(reversed(evs)))[0] == "KIDNAPPING"


def test_named_violence_counts_only_when_none_is_stated():
    named = ev("ACCUSE", start=0, trigger="condemned / bomb attack")
    assert muc4.story_incident([named, ev("CONSULT", start=5, trigger="met")]) == ("BOMBING", [named])
    stated = ev(start=9, mode="abduct", trigger="kidnapped")
    assert muc4.story_incident([named, stated]) == ("KIDNAPPING", [stated])
    assert muc4.story_incident([ev("CONSULT", trigger="met")]) == (None, [])


def test_score_uses_the_story_incident(tmp_path):
    t = {"MESSAGE: TEMPLATE": "1", "INCIDENT: DATE": "30 DEC 89", "INCIDENT: LOCATION": "PERU: LIMA (CITY)",
         "INCIDENT: TYPE": "BOMBING"}
    docs = [{"doc_id": "DEV-1", "text": "LIMA, 30 DEC 89 -- [TEXT] A BOMB WENT OFF.", "templates": [t]},
            {"doc_id": "DEV-2", "text": "LIMA, 30 DEC 89 -- [TEXT] THE CABINET CONDEMNED THE ATTACK.",
             "templates": json.dumps([dict(t, **{"INCIDENT: TYPE": "ATTACK"})])},
            {"doc_id": "DEV-3", "text": "LIMA, 30 DEC 89 -- [TEXT] TALKS WERE HELD.", "templates": []}]
    (tmp_path / "muc4_dev.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    recs = muc4.load(tmp_path)
    preds = [[ev(start=0, trigger="attack"), ev(start=40, mode="explosives", trigger="bomb went off"),
              ev(start=60, mode="explosives", trigger="blast")],
             [ev("ACCUSE", start=0, trigger="condemned / attack")],
             [ev("CONSULT", trigger="talks")]]
    m = muc4.score(Run(records=recs, preds=preds))
    assert m["incident_type_acc"] == 1.0
    assert m["detection_recall"] == 1.0 and m["detection_precision"] == 1.0
    # a miss is shown with how often each type was told
    preds[0] = [ev(start=0, trigger="attack"), ev(start=9, trigger="killed"), ev(start=40, mode="explosives", trigger="blast")]
    m = muc4.score(Run(records=recs, preds=preds))
    assert m["incident_type_acc"] == 0.5
    assert m["examples"]["type"][0]["told"] == {"ATTACK": 2, "BOMBING": 1}


def test_perpetrator_named_in_the_plural(tmp_path):
    # the keys name "TERRORIST" where the story says "terrorists"
    t = {"MESSAGE: TEMPLATE": "1", "INCIDENT: TYPE": "ATTACK", "PERP: INDIVIDUAL ID": '"TERRORIST"',
         "PERP: ORGANIZATION ID": '"ARMED FORCES"'}
    docs = [{"doc_id": "DEV-1", "text": "LIMA, 30 DEC 89 -- [TEXT] TERRORISTS ATTACKED A BANK.", "templates": [t]},
            {"doc_id": "DEV-2", "text": "LIMA, 30 DEC 89 -- [TEXT] SOLDIERS ATTACKED A BANK.", "templates": [t]},
            {"doc_id": "DEV-3", "text": "LIMA, 30 DEC 89 -- [TEXT] STUDENTS ATTACKED A BANK.", "templates": [t]}]
    (tmp_path / "muc4_dev.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    recs = muc4.load(tmp_path)
    preds = [[ev(actor1={"text": "terrorists"})], [ev(actor1={"text": "the armed force"})],
             [ev(actor1={"text": "students"})]]
    m = muc4.score(Run(records=recs, preds=preds))
    assert m["perpetrator_n"] == 3 and m["perpetrator_acc"] == round(2 / 3, 4)
