"""The ACLED `fatalities` column by ACLED's rule for vague and bounded figures (data/acled/fatalities.yaml):
the most conservative estimate, the figure a bound states, 10/12/100 for tens/dozens/hundreds; reports
that differ give their lowest figure, a later report revises an earlier one. The PLOVER counts keep
low/best/high. Read back with pandas, as an analyst would."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from polemos.api_python import extract
from polemos.models import Count, Event, Evidence, StoredEvent
from polemos.store.acled_csv import COLUMNS, acled_figure, write_acled_csv

POLEMOS = str(Path(sys.executable).with_name("polemos"))


@pytest.mark.parametrize("value,low,text,want", [
    (41, 41, "more than 40 villagers", 40),       # an exclusive bound: the figure stated, not 41
    (31, 31, "Over 30 soldiers", 30),
    (1201, 1201, "in excess of 1,200 people", 1200),
    (41, 41, "More than forty villagers", 40),    # the figure in words: the count's low bound less one
    (12, 12, "at least 12 soldiers", 12),
    (20, None, "Up to 20 people", 20),            # the only figure reported
    (10, 10, "between 10 and 15 people", 10),     # a range: its lower end
    (12, 12, "Dozens of people", 12),
    (100, 100, "Hundreds", 100),
    (None, None, "tens of fighters", 10),        # ACLED's figure even where the count reader has none
    (24, 24, "Two dozen people", 24),             # a figure, not a vague plural
    (7, 7, "seven police officers", 7),
])
def test_acled_figure_follows_the_codebook(value: int | None, low: int | None, text: str, want: int) -> None:
    assert acled_figure(value, low, text) == want


def test_extract_acled_csv_fatalities_read_back_with_pandas(tmp_path: Path) -> None:
    art = tmp_path / "notes.txt"
    art.write_text(
        "Gunmen killed more than 40 villagers in Maru, Zamfara, on 3 May 2023.\n\n"
        "An airstrike killed dozens of people at a market in Edaga Arbi, Tigray, on 4 May 2023.\n\n"
        "A roadside bomb killed at least 12 soldiers near Boni, Mali, on 5 May 2023.\n\n"
        "Between 10 and 15 people died in clashes between herders and farmers near Jos on 6 May 2023.\n")
    r = subprocess.run([POLEMOS, "extract", str(art), "--format", "acled-csv"], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(io.StringIO(r.stdout))
    assert tuple(df.columns) == COLUMNS
    by_note = {n.split(" ")[1] if n.startswith("A") else n.split(" ")[0]: f for n, f in zip(df["notes"], df["fatalities"])}
    assert by_note == {"Gunmen": 40, "airstrike": 12, "roadside": 12, "Between": 10}, df[["notes", "fatalities"]]
    # the PLOVER count keeps its own bounds: "more than 40" is at least 41
    ev = next(e for e in extract("Gunmen killed more than 40 villagers in Maru on 3 May 2023.") if e.killed)
    assert (ev.killed.low, ev.killed.best) == (41, 41)


def _stored(history: list[tuple[int, str, str]], killed: Count) -> StoredEvent:
    return StoredEvent(id="ev_x", type="ASSAULT", mode="firearms", killed=killed, acled_event_type="Battles",
                       acled_sub_event_type="Armed clash", acled_main=True, date="2023-05-03",
                       evidence=Evidence(text="Fighting killed people in Jos.", start=0, end=30),
                       count_history=[{"kind": "killed", "value": v, "text": t, "published": p,
                                       "mention": f"m{i}", "article": f"a{i}"} for i, (v, t, p) in enumerate(history)])


def test_merged_reports_lowest_of_the_latest() -> None:
    differ = _stored([(15, "15 people", "2023-05-04"), (8, "8 people", "2023-05-04")], Count(low=15, best=15))
    revised = _stored([(5, "five people", "2023-05-03"), (9, "nine people", "2023-05-05"),
                       (41, "more than 40 people", "2023-05-06")], Count(low=41, best=41))
    plain = Event(id="e1", type="ASSAULT", killed=Count(low=6, best=6, text="six people"),
                  acled_event_type="Battles", acled_sub_event_type="Armed clash", acled_main=True,
                  evidence=Evidence(text="Six people were killed in Jos.", start=0, end=30))
    buf = io.StringIO()
    assert write_acled_csv([differ, revised, plain], buf) == 3
    df = pd.read_csv(io.StringIO(buf.getvalue()))
    # reports that differ on the same day: the most conservative; a later report revises (and is read by the rule)
    assert list(df["fatalities"]) == [8, 40, 6]
    assert df["fatalities"].dtype.kind == "i"
