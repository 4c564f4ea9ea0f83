"""`polemos eval dedup`: headlines of one UCDP event should merge into one event; headlines of
different events should not. The metrics are checked on hand-made merges, then end to end."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from polemos.eval.common import Record
from polemos.eval.dedup import headlines, score


def _records() -> list[Record]:
    # event A cites two headlines, event B one, and B's headline is also cited by C
    return [Record(id="A", text="", published=dt.date(2020, 1, 2), gold={},
                   parts=["Bomb kills 5 in Kabul", "Kabul blast toll rises to 7"]),
            Record(id="B", text="", published=dt.date(2020, 1, 3), gold={}, parts=["Clashes in Herat kill 3"]),
            Record(id="C", text="", published=dt.date(2020, 1, 3), gold={}, parts=["Clashes in Herat kill 3"])]


def test_a_headline_cited_twice_is_one_article_of_both_events():
    heads = headlines(_records(), {"A": ["2020-01-02", "2020-01-04"]})
    assert len(heads) == 3
    herat = next(h for h in heads if "Herat" in h.article.text)
    assert herat.records == {"B", "C"}
    assert [h.article.published for h in heads] == sorted(h.article.published for h in heads)
    assert next(h for h in heads if "toll" in h.article.text).article.published == dt.date(2020, 1, 4)


def test_perfect_merge_scores_one_event_per_real_event_and_no_wrong_pairs():
    heads = headlines(_records(), {})
    ids = {h.article.text: h.article.id for h in heads}
    m = score(heads, [[ids["Bomb kills 5 in Kabul"], ids["Kabul blast toll rises to 7"]],
                      [ids["Clashes in Herat kill 3"]]])
    assert m["events_per_real_event"] == 1.0
    assert m["one_event_rate"] == 1.0 and m["wrong_merge_pair_share"] == 0.0


def test_split_and_wrong_merges_are_counted():
    heads = headlines(_records(), {})
    ids = {h.article.text: h.article.id for h in heads}
    # the Kabul headlines end up apart, and one of them is merged with Herat's
    m = score(heads, [[ids["Bomb kills 5 in Kabul"], ids["Clashes in Herat kill 3"]],
                      [ids["Kabul blast toll rises to 7"]]])
    assert m["events_per_real_event"] == round((2 + 1 + 1) / 3, 3)
    assert m["one_event_rate"] == 0.0
    assert m["merged_pairs"] == 1 and m["wrong_merge_pair_share"] == 1.0


def test_eval_dedup_cli_on_the_ucdp_sample(shared: Path):
    r = subprocess.run([sys.executable, "-c", "from polemos.cli import main; main()", "eval", "dedup",
                        "--limit", "60", "--json", "--quiet"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    m = json.loads(r.stdout)
    assert m["n_headlines"] >= 60 and m["n_real_events_found"] > 0
    assert m["events_per_real_event"] >= 1.0
    assert m["wrong_merge_pair_share"] is None or 0.0 <= m["wrong_merge_pair_share"] <= 1.0
