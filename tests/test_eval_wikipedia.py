"""The Wikipedia incident-list adapter: the list counts victims, not perpetrators (hand-made rows
and predictions)."""
from __future__ import annotations

import csv

from polemos.eval import wikipedia
from polemos.eval.common import Run

COLS = ["row_id", "Year", "Category", "Country", "Perpetrator", "Injured", "Dead", "Description"]


def _load(tmp_path, rows):
    with (tmp_path / "wikipedia_terror_incidents_2016_2022.csv").open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLS)
        w.writeheader()
        w.writerows(rows)
    return wikipedia.load(tmp_path)


def _row(n, dead, injured, text):
    return {"row_id": str(n), "Year": "2019", "Category": "Assault", "Country": "France", "Perpetrator": "Unknown",
            "Injured": injured, "Dead": dead, "Description": text}


def _ev(**kw):
    return {"type": "ASSAULT", "confidence": 0.5, "evidence": {"text": "", "start": 0, "end": 1}, **kw}


def test_perpetrators_only():
    assert wikipedia.perpetrators_only("attacker") and wikipedia.perpetrators_only("Only attacker")
    assert wikipedia.perpetrators_only("attackers and other attacker") and wikipedia.perpetrators_only("gunmen")
    assert not wikipedia.perpetrators_only("civilians") and not wikipedia.perpetrators_only(None)
    assert not wikipedia.perpetrators_only("people and attackers")   # mixed: the toll stays as read


def test_a_perpetrators_death_is_not_the_incidents_toll(tmp_path):
    recs = _load(tmp_path, [
        _row(1, "2", "3", "A man stabbed 5 people, killing 2. The attacker was shot dead by police."),
        _row(2, "0", "4", "A man wounded 4 people with a knife. The attacker was killed by police."),
        _row(3, "1", "0", "A civilian was killed by a sniper."),
    ])
    preds = [
        [_ev(killed={"best": 2, "who": "people"}, injured={"best": 3}), _ev(killed={"best": 1, "who": "attacker"})],
        [_ev(injured={"best": 4, "who": "people"}), _ev(killed={"best": 1, "who": "attacker"})],
        [_ev(killed={"best": 1, "who": "civilian"})],
    ]
    m = wikipedia.score(Run(records=recs, preds=preds))
    assert m["killed_exact"] == 1.0 and m["injured_exact"] == 1.0
    assert m["killed_exact_stated_as_read"] < 1.0     # the same counts without the list's conventions


def test_more_than_n_is_compared_as_written(tmp_path):
    assert wikipedia.written_figure({"best": 501, "text": "more than 500"})["best"] == 500
    assert wikipedia.written_figure({"best": 13, "text": "over a dozen people"})["best"] == 12
    assert wikipedia.written_figure({"best": 40, "text": "at least 40 people"})["best"] == 40
    recs = _load(tmp_path, [_row(1, "30", "500", "A bomb killed 30 people and wounded more than 500.")])
    preds = [[_ev(killed={"best": 30, "text": "30 people"}, injured={"best": 501, "low": 501, "text": "more than 500"})]]
    m = wikipedia.score(Run(records=recs, preds=preds))
    assert m["killed_exact"] == 1.0 and m["injured_exact"] == 1.0
