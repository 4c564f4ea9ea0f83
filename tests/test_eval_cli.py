"""`polemos eval ...` as a user runs it: real extractor, real files, real score_events.py."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def polemos(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from polemos.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=600)


def test_eval_events_on_the_shared_fixtures_matches_score_events_py(shared: Path, tmp_path: Path):
    preds = tmp_path / "preds"
    r = polemos("eval", "events", str(shared / "fixtures"), "--json", "--quiet", "--save-preds", str(preds))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1                      # one JSON object
    m = json.loads(lines[0])
    for k in ("recall", "precision", "f1", "field_acc"):
        assert 0.0 <= m[k] <= 1.0
    assert m["required"] >= 1 and "fields" in m
    golds = tmp_path / "gold"
    golds.mkdir()
    for g in (shared / "fixtures").glob("*/gold.json"):
        shutil.copy(g, golds / f"{json.loads(g.read_text())['document']}.json")
    theirs = subprocess.run([sys.executable, str(shared / "tools" / "score_events.py"), "--dir", str(golds), str(preds),
                             "--json"], capture_output=True, text=True, check=True)
    t = json.loads(theirs.stdout)
    assert {k: m[k] for k in t} == pytest.approx(t)


def test_eval_events_text_output(shared: Path):
    r = polemos("eval", "events", str(shared / "fixtures" / "idlib-talks-2020-02-10"), "--quiet")
    assert r.returncode == 0, r.stderr
    assert "SCORE recall=" in r.stdout and "required events found:" in r.stdout


def test_eval_set_sample_is_deterministic_json(shared: Path):
    a = polemos("eval", "plover", "--sample", "4", "--json", "--quiet", "--data", str(shared / "evaldata"))
    b = polemos("eval", "plover", "--sample", "4", "--json", "--quiet", "--data", str(shared / "evaldata"))
    assert a.returncode == 0, a.stderr
    ma, mb = json.loads(a.stdout), json.loads(b.stdout)
    ma.pop("seconds"), mb.pop("seconds")
    assert ma == mb and ma["n"] == 4 and "type_acc" in ma


@pytest.mark.parametrize("setup,args,needle", [
    (None, ["eval", "events", "{tmp}/nowhere"], "no such file"),
    ("empty", ["eval", "events", "{tmp}/d"], "no article folders"),
    ("badgold", ["eval", "events", "{tmp}/d"], "malformed gold file"),
    (None, ["eval", "events", "{tmp}", "--limit", "0"], "--limit 0"),
    (None, ["eval", "ucdp", "--data", "{tmp}/nowhere"], "evaluation data not found"),
])
def test_bad_input_gives_one_clear_line_and_exit_2(tmp_path: Path, setup, args, needle):
    d = tmp_path / "d"
    d.mkdir()
    if setup == "badgold":
        (d / "a").mkdir()
        (d / "a" / "article.txt").write_text("Text.")
        (d / "a" / "gold.json").write_text("{not json")
    r = polemos(*[a.format(tmp=tmp_path) for a in args])
    assert r.returncode == 2, (r.stdout, r.stderr)
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and needle in err[0] and err[0].startswith("polemos: ")
