"""`polemos extract` as a user runs it: the installed command in a subprocess, real files."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from polemos.models import Event

POLEMOS = str(Path(sys.executable).parent / "polemos")
EN = ("Artillery shells struck a crowded market in the city of Kharkiv on Sunday, killing eleven civilians "
      "and wounding over a dozen people, the regional governor said. Police detained two men on Monday.")
FR = ("Des obus d'artillerie ont frappé un marché bondé de la ville dimanche, tuant onze civils et blessant "
      "plus d'une douzaine de personnes, a déclaré le gouverneur régional. Les secouristes fouillaient encore "
      "les décombres lundi.")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([POLEMOS, "extract", *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def needs_pipeline():
    pytest.importorskip("polemos.extract.pipeline", reason="the extraction pipeline is not in this build yet")


@pytest.mark.parametrize("name, content, message", [
    ("missing.txt", None, "E001 {p}: no such file"),
    ("empty.txt", b"", "E002 {p}: file is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E003 {p}: not a text file (binary content)"),
    ("latin1.txt", "café au lait".encode("latin-1"), "E004 {p}: not UTF-8 text (byte 3 cannot be decoded)"),
    ("bad.jsonl", b'{"id": "x", "text": "unterminated\n', "E005 {p}:1: malformed JSON (Unterminated string starting at)"),
    ("notext.jsonl", b'{"id": "x", "title": "t"}\n', "E006 {p}:1: record has no 'text'"),
])
def test_a_bad_single_input_is_one_line_and_exit_2(tmp_path, name, content, message):
    p = tmp_path / name
    if content is not None:
        p.write_bytes(content)
    r = run(str(p), "--published", "2024-03-12")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"polemos: {message.format(p=p)}"]
    assert r.stdout == ""


@pytest.mark.parametrize("args, message", [
    (["--published", "last Tuesday"], "polemos: E008 --published 'last Tuesday': not a date (use YYYY-MM-DD)"),
    (["--published", "2020-02-31"], "polemos: E008 --published '2020-02-31': not a date (use YYYY-MM-DD)"),
    (["--format", "xml"], "polemos: E054 --format 'xml': expected one of table, jsonl, acled-csv"),
])
def test_bad_options_are_one_line_and_exit_2(tmp_path, args, message):
    p = tmp_path / "a.txt"
    p.write_text(EN, encoding="utf-8")
    r = run(str(p), *args)
    assert r.returncode == 2 and r.stderr.splitlines() == [message]


def test_all_inputs_bad_exit_2_with_a_summary(tmp_path):
    r = run(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1] == "polemos: E018 no article could be read from 2 input(s) (see the errors above)"


def test_jsonl_output_is_events_with_evidence_in_the_original(tmp_path):
    needs_pipeline()
    p = tmp_path / "a.txt"
    original = f"Market shelled in Kharkiv\n\nMarket shelled in Kharkiv\n\nAdvertisement\n\n{EN}\n"
    p.write_text(original, encoding="utf-8")
    r = run(str(p), "--published", "2024-03-12", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    events = [Event.model_validate_json(line) for line in r.stdout.splitlines()]
    assert events, "a shelling that killed eleven civilians is an event"
    for e in events:
        assert original[e.evidence.start:e.evidence.end] == e.evidence.text
    killed = [e for e in events if e.killed is not None]
    assert killed and killed[0].killed.best == 11 and killed[0].date == "2024-03-10"


def test_batch_with_a_bad_record_reports_it_and_goes_on(tmp_path):
    needs_pipeline()
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "good-1", "text": EN, "published": "2024-03-12"}),
        "{oops",
        json.dumps({"id": "good-2", "text": "Police arrested 40 protesters in Nairobi on Tuesday.",
                    "published": "2024-06-26"}),
    ]) + "\n", encoding="utf-8")
    r = run(str(p), "--format", "jsonl")
    assert r.returncode == 0
    err = r.stderr.splitlines()
    assert f"polemos: E005 {p}:2: malformed JSON (Expecting property name enclosed in double quotes)" in err
    assert err[-1] == "polemos: 1 input(s) or record(s) skipped (listed above); 2 article(s) read"
    docs = {json.loads(line)["document_id"] for line in r.stdout.splitlines()}
    assert docs <= {"good-1", "good-2"} and "good-1" in docs


def test_table_output_and_the_missing_date_warning_once(tmp_path):
    needs_pipeline()
    for n in (1, 2):
        (tmp_path / f"a{n}.txt").write_text(EN + f" Story {n}.", encoding="utf-8")
    r = run(str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("no publication date known") == 1
    for col in ("type / mode", "status", "actors", "date", "place", "counts", "evidence"):
        assert col in r.stdout
    assert "ASSAULT" in r.stdout


def test_reference_article_evidence_points_into_the_text_as_given(shared):
    needs_pipeline()
    art = shared / "fixtures/idlib-talks-2020-02-10/article.txt"
    r = run(str(art), "--published", "2020-02-10", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    original = art.read_text(encoding="utf-8")
    events = [Event.model_validate_json(line) for line in r.stdout.splitlines()]
    assert len(events) >= 8
    for e in events:
        assert original[e.evidence.start:e.evidence.end] == e.evidence.text
    toll = [e for e in events if e.killed is not None and e.killed.best == 26]
    assert toll and toll[0].date == "2020-02-09"


def test_demo_runs_on_the_samples_and_says_what_next(tmp_path):
    needs_pipeline()
    r = subprocess.run([sys.executable, "-m", "polemos.demo"], capture_output=True, text=True, timeout=300,
                       cwd=tmp_path, env={**__import__("os").environ, "POLEMOS_DB": str(tmp_path / "demo.duckdb")})
    assert r.returncode == 0, r.stderr
    assert "Try next" in r.stdout and "polemos extract" in r.stdout
    assert "ASSAULT" in r.stdout and "COERCE" in r.stdout
    assert "mention(s)" in r.stdout                       # merged records, as `polemos extract` prints
    if (tmp_path / "demo.duckdb").exists():               # the store stage is installed
        assert "Stored in" in r.stdout
        # the samples tell no event twice across articles: what it shows is what it stored
        shown = re.search(r"(\d+) articles, (\d+) events", r.stdout).group(2)
        assert f"the store holds {shown} events" in r.stdout


def test_usage_errors_are_a_message_not_a_traceback():
    r = run("--bogus")
    assert r.returncode == 2 and "No such option: --bogus" in r.stderr and "Traceback" not in r.stderr
    r = run()
    assert r.returncode == 2 and "Missing argument" in r.stderr
