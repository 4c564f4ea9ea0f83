"""The UCDP adapter's "headline writes a number in the window" subset is a rule on one headline:
a figure in a date or a label on another line does not make the toll readable (hand-made rows)."""
from __future__ import annotations

import csv

from polemos.eval import ucdp

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
