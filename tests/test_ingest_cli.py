"""`polemos ingest / events / stats / show / db check` as a user runs them: real processes, a
real DuckDB file (and PostgreSQL for one round trip), exports read back with pandas/pyarrow."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from polemos.merge.measure import DEFAULT_CORPUS, load_corpus

POLEMOS = str(Path(sys.executable).with_name("polemos"))


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([POLEMOS, *args], capture_output=True, text=True, timeout=600, env=env)


def has_extractor() -> bool:
    try:
        import polemos.extract.pipeline  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def pairs_file(tmp_path_factory) -> Path:
    pairs, _ = load_corpus(DEFAULT_CORPUS)
    p = tmp_path_factory.mktemp("pairs") / "pairs.jsonl"
    with p.open("w") as f:
        for a, ms in pairs:
            f.write(json.dumps({"article": a.model_dump(mode="json"),
                                "mentions": [m.model_dump(mode="json") for m in ms]}) + "\n")
    return p


def loaded(db: str, pairs_file: Path) -> str:
    r = subprocess.run([sys.executable, "-m", "polemos.store.load", str(pairs_file), "--db", db],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return db


@pytest.fixture
def db(tmp_path, pairs_file) -> str:
    return loaded(str(tmp_path / "events.duckdb"), pairs_file)


def sha(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_events_exports(db, tmp_path):
    import pandas as pd
    import pyarrow.parquet as pq

    r = run("events", "--db", db, "--country", "SYR", "--type", "ASSAULT", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    evs = [json.loads(line) for line in r.stdout.splitlines()]
    assert {e["killed"]["best"] for e in evs} == {8, 9, 17, 26}
    out = tmp_path / "e.parquet"
    assert run("events", "--db", db, "--format", "parquet", "--out", str(out)).returncode == 0
    df = pd.read_parquet(out)
    assert len(df) == 9 and df["killed"].dropna().astype(int).sum() == 8 + 9 + 17 + 26
    assert pq.read_table(out).schema.field("lat").type == "double"
    import polars as pl  # analysts read it with polars too (R arrow reads the same file format)

    pdf = pl.read_parquet(out)
    assert pdf.height == 9 and int(pdf["killed"].drop_nulls().sum()) == 8 + 9 + 17 + 26
    gj = json.loads(run("events", "--db", db, "--format", "geojson").stdout)
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 9
    pt = next(f for f in gj["features"] if f["properties"]["place"] == "Atarib")
    assert pt["geometry"] == {"type": "Point", "coordinates": [36.8297, 36.1389]}
    csv = run("events", "--db", db, "--format", "csv", "--since", "2020-02-10").stdout.splitlines()
    assert csv[0].startswith("id,type,mode,status,date") and len(csv) == 1 + 4   # Feb. 10 talks, Jeffrey x2, Ibbin (Feb. 9-10)
    plover = [json.loads(x) for x in run("events", "--db", db, "--format", "plover", "--actor", "jeffrey").stdout.splitlines()]
    assert {p["context"] for p in plover} == {"planned", "occurred"} and all(p["event"] == "CONSULT" for p in plover)
    table = run("events", "--db", db, "--type", "ASSAULT", "--top-level")
    assert table.returncode == 0 and "2 events" in table.stdout


def test_stats_show_check(db):
    r = run("stats", "--db", db, "--by", "week")
    assert r.returncode == 0 and "9 events (1 totals over local events)" in r.stdout
    assert "34" in r.stdout   # deaths not double counted
    total = json.loads(run("events", "--db", db, "--format", "jsonl", "--type", "ASSAULT", "--country", "SYR",
                           "--top-level", "--text", "toll").stdout.splitlines()[0])
    show = run("show", total["id"], "--db", db)
    assert show.returncode == 0
    assert "The death toll from Russian air raids on Idlib province on Feb. 9 has risen to 26" in show.stdout
    assert "parts:" in show.stdout and "sources: 3" in show.stdout
    assert run("db", "check", "--db", db).returncode == 0


@pytest.mark.parametrize("args, message", [
    (["events", "--format", "xml"], "--format 'xml': expected one of"),
    (["events", "--bbox", "36,37,35"], "--bbox '36,37,35': expected W,S,E,N"),
    (["events", "--since", "last week"], "--since 'last week': not a date"),
    (["events", "--format", "parquet"], "--format parquet writes a binary file: give --out FILE"),
    (["show", "ev_0000"], "ev_0000: no such event in"),
    (["events", "--type", "BOMBING"], "--type 'BOMBING': expected one of AGREE"),
    (["events", "--status", "maybe"], "--status 'maybe': expected one of occurred"),
])
def test_bad_options_one_clear_line(db, args, message):
    before = sha(db)
    r = run(*args, "--db", db)
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0 and message in r.stderr, r.stderr
    assert sha(db) == before


def test_bad_stores_exit_3_untouched(db, tmp_path):
    import duckdb

    c = duckdb.connect(db)
    c.execute("INSERT INTO schema_version (version) VALUES (99)")
    c.close()
    before = sha(db)
    for args in (["events"], ["stats"], ["ingest", str(tmp_path)], ["db", "check"]):
        r = run(*args, "--db", db)
        assert r.returncode == 3 and "schema version 99, newer" in r.stderr, (args, r.stderr)
    assert sha(db) == before
    notdb = tmp_path / "notes.txt"
    notdb.write_text("not a database\n")
    r = run("events", "--db", str(notdb))
    assert r.returncode == 3 and "cannot open the store" in r.stderr
    env = {"POLEMOS_DB": str(notdb), "PATH": "/usr/bin:/bin"}
    r = run("stats", env=env)
    assert r.returncode == 3 and str(notdb) in r.stderr


def test_locked_store(db, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
                               " print('open', flush=True); time.sleep(60)", db], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        art = tmp_path / "a.txt"
        art.write_text("Russian warplanes struck Atarib on Sunday, killing 17 people.\n")
        r = run("ingest", str(art), "--db", db)
        assert r.returncode == 3 and "locked by another process" in r.stderr
    finally:
        holder.kill()
        holder.wait()


def test_unreachable_url_and_malformed_feed_leave_store_untouched(db, tmp_path):
    feed = tmp_path / "bad.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</title>'
                    "<link>http://127.0.0.1:1/a</lin")
    before = sha(db)
    for src in ("http://127.0.0.1:1/story", str(feed)):
        r = run("ingest", src, "--db", db)
        assert r.returncode == 2 and "could not be read" in r.stderr, r.stderr
        assert sha(db) == before
    fresh = tmp_path / "new.duckdb"
    r = run("ingest", "http://127.0.0.1:1/story", "--db", str(fresh))
    assert r.returncode == 2 and not fresh.exists()


@pytest.mark.postgres
def test_cli_on_postgres(pg_server, pairs_file):
    url = loaded(pg_server.new_database(), pairs_file)
    r = run("events", "--db", url, "--type", "ASSAULT", "--format", "jsonl")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 4
    assert run("db", "check", "--db", url).returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(not has_extractor(), reason="the extraction pipeline (polemos.extract.pipeline) is not built yet")
def test_real_ingest_idempotent_and_replacing(tmp_path):
    """Articles with an id (JSON Lines records, URLs, files by their path) are replaced when their
    text changes."""
    art = tmp_path / "idlib.jsonl"
    rec = {"id": "wire-1", "published": "2020-02-10", "source": "Wire",
           "text": "Russian warplanes struck the village of Atarib in Idlib province on Sunday, killing 17 people, "
                   "a war monitor said."}
    art.write_text(json.dumps(rec) + "\n")
    db = str(tmp_path / "s.duckdb")
    r1 = run("ingest", str(art), "--db", db)
    assert r1.returncode == 0 and "1 added" in r1.stdout, r1.stderr
    first = run("events", "--db", db, "--format", "jsonl").stdout
    assert first.strip(), "the extractor found no event in the story"
    r2 = run("ingest", str(art), "--db", db)
    assert r2.returncode == 0 and "1 unchanged" in r2.stdout
    assert run("events", "--db", db, "--format", "jsonl").stdout == first
    rec["text"] += " Turkish troops shelled Syrian army positions near Saraqib on Monday."
    art.write_text(json.dumps(rec) + "\n")
    r3 = run("ingest", str(art), "--db", db)
    assert r3.returncode == 0 and "1 replaced" in r3.stdout and "in 1 articles" in r3.stdout
    assert run("db", "check", "--db", db).returncode == 0
    # an edited plain-text file replaces its earlier version too
    txt = tmp_path / "story.txt"
    txt.write_text(rec["text"])
    assert "1 added" in run("ingest", str(txt), "--db", db, "--published", "2020-02-10").stdout
    txt.write_text(rec["text"] + " Aid convoys reached Idlib on Tuesday.")
    r4 = run("ingest", str(txt), "--db", db, "--published", "2020-02-10")
    assert r4.returncode == 0 and "1 replaced" in r4.stdout, r4.stdout
    assert "in 2 articles" in r4.stdout
