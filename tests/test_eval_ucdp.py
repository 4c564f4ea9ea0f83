"""The UCDP adapter's "headline writes a number in the window" subset is a rule on one headline:
a figure in a date or a label on another line does not make the toll readable (hand-made rows)."""
from __future__ import annotations

import csv

import pytest

from polemos.eval import ucdp
from polemos.eval.common import run_extractor

COLS = ["id", "source_headline", "source_date", "side_a", "side_b", "best", "low", "high", "country", "latitude",
        "longitude", "where_prec", "where_coordinates", "date_start", "date_end", "type_of_violence"]


def _row(n: int, headline: str, low: int, high: int) -> dict:
    return {"id": f"{n}.0", "source_headline": headline, "source_date": "2016-03-02", "side_a": "Government of Syria",
            "side_b": "Civilians", "best": str(low), "low": str(low), "high": str(high), "country": "Syria",
            "latitude": "35.9", "longitude": "36.6", "where_prec": "1", "where_coordinates": "Idlib town",
            "date_start": "2016-03-01", "date_end": "2016-03-01", "type_of_violence": "3.0"}


def test_the_window_number_must_be_written_by_a_casualty_headline(tmp_path):
    rows = [
        _row(1, "Report 2016-03-01;40 killed in air raids on Idlib", 2, 3),      # "03" is a date: no
        _row(2, "Shelling of Idlib;3 civilians killed in Idlib shelling", 3, 3),  # yes, on its own line
        _row(3, "Air raid kills three in Idlib;Idlib: 12 dead after a week of raids", 3, 4),   # yes
    ]
    with (tmp_path / "ucdpged_sample_1000.csv").open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLS)
        w.writeheader()
        w.writerows(rows)
    recs = ucdp.load(tmp_path)
    assert [r.gold["states_number"] for r in recs] == [True, True, True]
    assert [r.gold["headline_agrees"] for r in recs] == [False, True, True]


@pytest.mark.parametrize("headline, tolls", [
    ("Air raid kills three in Idlib", {3}),
    ("Twelve members of a patrol were killed near the border", {12}),   # a long subject, no comma between
    ("Shelling killing at least 14 civilians", {14}),
    ("Death toll from the market bombing rises to 31", {31}),
    ("10+ dead in clashes", {10}),
    ("22 killed, 40 hurt as blast rips through bus depot", {22}),
    ("Villagers flee after 5 days of raids; one found dead", {1}),       # "5 days" is no toll
    ("Two men executed at 10 AM in the square", {2}),                    # the hour is no toll
    ("Rebel killed in ambush after May 1 truce", set()),                 # a date is no toll
    ("UPDATE 2-Gunmen storm hotel", set()),
    ("VDC 2014-07-21", set()),
])
def test_toll_figures_are_figures_by_a_casualty_word(headline, tolls):
    assert ucdp.toll_figures(headline) == tolls


def test_each_headline_is_read_as_its_own_article_and_scored_on_its_own(tmp_path):
    """Two sources for one event: the first writes UCDP's toll, the second a larger total over
    days. The target reads the first on its own (a hit); the record's one figure, the largest,
    misses — both rows are reported."""
    rows = [_row(1, "Gunmen kill 4 villagers in raid on Idlib farm;Raids over the week have killed 19 in Idlib", 4, 4)]
    with (tmp_path / "ucdpged_sample_1000.csv").open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLS)
        w.writeheader()
        w.writerows(rows)
    recs = ucdp.load(tmp_path)
    assert recs[0].parts == ["Gunmen kill 4 villagers in raid on Idlib farm", "Raids over the week have killed 19 in Idlib"]
    assert recs[0].gold["toll_headlines"] == [0]
    run = run_extractor(recs, progress=False)
    assert sorted({p["part"] for p in run.preds[0]}) == [0, 1]     # events of both sources, each tagged
    m = ucdp.score(run)
    assert (m["headline_n"], m["deaths_in_range_headline"]) == (1, 1.0)
    assert (m["agrees_n"], m["deaths_in_range_agrees"]) == (1, 0.0)


def test_a_predicted_window_meeting_the_gold_window_counts():
    g = {"date_start": "2014-08-24", "date_end": "2014-08-24"}
    assert ucdp._dates_meet({"date": "2014-08-01", "date_end": "2014-08-31"}, g)      # "in August"
    assert ucdp._dates_meet({"date": "2014-08-24"}, g)
    assert not ucdp._dates_meet({"date": "2014-08-23"}, g)
    assert not ucdp._dates_meet({"date": None}, g)
