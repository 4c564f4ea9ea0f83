"""`polemos batch` on a real local Dask cluster (2 worker processes, shared by the module):
same events as `polemos extract`, the same store as `polemos ingest`, a killed worker's shard
retried, bad inputs listed while the rest is processed, an unreachable scheduler refused.

The articles are short and written for these tests (illustrative, not real news)."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from polemos.batch import dask_client, run_batch
from polemos.batch.manifest import read_manifest

pytestmark = pytest.mark.slow

POLEMOS = str(Path(sys.executable).with_name("polemos"))

ARTICLES = [
    {"id": "b1", "published": "2021-03-08", "source": "Wire A",
     "text": "Government airstrikes killed 12 civilians in the town of Maarat al-Numan on Sunday, "
             "according to the Syrian Observatory for Human Rights.\n\nThe strikes hit a market."},
    {"id": "b2", "published": "2021-03-09", "source": "Wire B",
     "text": "Police arrested 40 protesters in Minsk on Monday after thousands marched against the "
             "government. Officers beat several demonstrators."},
    {"id": "b3", "published": "2021-03-09", "source": "Wire C",
     "text": "A suicide bomber blew himself up at a checkpoint in Kabul on Tuesday, killing 7 soldiers "
             "and wounding 15 others. No group claimed the attack."},
    {"id": "b4", "published": "2021-03-10", "source": "Wire A",
     "text": "The foreign ministers of Turkey and Russia met in Ankara on Wednesday to discuss a "
             "ceasefire in Idlib. They agreed to hold further talks."},
    {"id": "b5", "published": "2021-03-10", "source": "Wire D",
     "text": "Rebels shelled the city of Aleppo, killing three people, the state news agency said. "
             "The army said it would respond."},
    {"id": "b6", "source": "Wire E",
     "text": "Protesters gathered outside parliament in Nairobi to demand lower food prices."},
]


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _shards(folder: Path) -> list[str]:
    """Two JSON Lines shards and one Parquet shard over ARTICLES."""
    folder.mkdir(parents=True, exist_ok=True)
    a = _jsonl(folder / "part-a.jsonl", ARTICLES[:2])
    b = _jsonl(folder / "part-b.jsonl", ARTICLES[2:4])
    c = folder / "part-c.parquet"
    pq.write_table(pa.Table.from_pylist([dict(r, published=r.get("published")) for r in ARTICLES[4:]]), c)
    return [str(a), str(b), str(c)]


def _mentions(out: Path) -> list[dict]:
    part = ds.partitioning(pa.schema([("event_date", pa.string())]), flavor="hive")
    table = ds.dataset(out / "mentions", format="parquet", partitioning=part).to_table()
    return table.to_pylist()


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([POLEMOS, *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=2) as c:
        yield c


def test_batch_gives_the_events_extract_gives(client, tmp_path):
    shards = _shards(tmp_path / "in")
    out = tmp_path / "out"
    r = _cli("batch", *shards, "--out", str(out), "--scheduler", client.scheduler.address, "--no-progress")
    assert r.returncode == 0, r.stderr
    assert "3 shard(s) processed" in r.stdout

    ex = _cli("extract", str(_jsonl(tmp_path / "all.jsonl", ARTICLES)), "--format", "jsonl", "--mentions")
    assert ex.returncode == 0, ex.stderr
    expected = sorted((json.loads(line) for line in ex.stdout.splitlines() if line.strip()),
                      key=lambda e: e["id"])
    rows = _mentions(out)
    got = sorted((json.loads(row["event_json"]) for row in rows), key=lambda e: e["id"])
    assert expected, "the extractor found no event in the test articles"
    assert got == expected
    # partitioned by event date; events whose date the text does not fix in their own partition
    for row in rows:
        ev = json.loads(row["event_json"])
        assert row["event_date"] == (ev["date"][:10] if ev["date"] else "unknown")
        assert row["type"] == ev["type"] and row["document_id"] == ev["document_id"]
    assert {m["url"] for m in read_manifest(str(out)).values()} == {str(Path(s).resolve()) for s in shards}

    # re-running skips every finished shard and leaves the events as they were
    again = _cli("batch", *shards, "--out", str(out), "--scheduler", client.scheduler.address, "--no-progress")
    assert again.returncode == 0, again.stderr
    assert "0 shard(s) processed, 3 already done" in again.stdout
    assert sorted(r["event_json"] for r in _mentions(out)) == sorted(r["event_json"] for r in rows)


def test_merged_output_and_load_equal_what_ingest_stores(client, tmp_path):
    from polemos.store import open_store
    from polemos.store.base import EventFilter

    shards = _shards(tmp_path / "in")
    # the same story from a second outlet: merging must make one event of the two mentions
    extra = _jsonl(tmp_path / "in" / "part-d.jsonl", [dict(ARTICLES[2], id="b3-copy", source="Wire F")])
    shards.append(str(extra))
    out, db_batch, db_ingest = tmp_path / "out", tmp_path / "batch.duckdb", tmp_path / "ingest.duckdb"
    rep = run_batch(shards, str(out), client=client, load_into=str(db_batch), progress=False)
    assert rep.ok and rep.processed == 4
    # the same articles in the same order (ingest reads no Parquet: that shard as JSON Lines)
    ing = _cli("ingest", shards[0], shards[1], str(_jsonl(tmp_path / "c.jsonl", ARTICLES[4:])), shards[3],
               "--db", str(db_ingest), "--no-progress")
    assert ing.returncode == 0, ing.stderr

    def events(db: Path) -> dict[str, tuple]:
        with open_store(str(db), read_only=True) as st:
            return {e.id: (e.type, e.date, e.n_mentions, tuple(sorted(e.document_ids)))
                    for e in st.query_events(EventFilter())}

    stored = events(db_ingest)
    assert events(db_batch) == stored
    part = ds.partitioning(pa.schema([("event_date", pa.string())]), flavor="hive")
    merged = ds.dataset(out / "events", format="parquet", partitioning=part).to_table().to_pylist()
    assert rep.merged_events == len(merged) < rep.events
    assert {r["event_id"]: (r["type"], json.loads(r["event_json"])["date"], r["n_mentions"],
                            tuple(sorted(r["document_ids"]))) for r in merged} == stored


def _dead(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


def test_killed_worker_shard_is_retried(client, tmp_path):
    """The shard is a named pipe: the task blocks reading it, we kill that worker with SIGKILL,
    and only then feed the pipe, so the shard can only finish if Dask ran it again elsewhere."""
    fifo = tmp_path / "slow.jsonl"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    done: dict = {}
    runner = threading.Thread(target=lambda: done.setdefault(
        "report", run_batch([str(fifo)], str(out), client=client, progress=False, merge=False)), daemon=True)
    runner.start()
    pids = client.run(os.getpid)
    busy = None
    deadline = time.monotonic() + 120
    while busy is None and time.monotonic() < deadline:
        for addr, keys in client.processing().items():
            if any("slow" in str(k) for k in keys):
                busy = addr
        time.sleep(0.1)
    assert busy is not None, "the shard never started"
    time.sleep(1.0)                      # let the task open the pipe and block on it
    os.kill(pids[busy], signal.SIGKILL)
    while not _dead(pids[busy]):         # its end of the pipe must be closed before we feed it
        time.sleep(0.05)

    def feed() -> None:                  # blocks until the retried task opens the pipe
        with open(fifo, "w", encoding="utf-8") as f:
            f.write("".join(json.dumps(r) + "\n" for r in ARTICLES[:2]))
    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    feeder.join(timeout=120)
    runner.join(timeout=120)
    assert not feeder.is_alive() and not runner.is_alive(), "the shard was not retried"
    rep = done["report"]
    assert rep.failures == [] and rep.processed == 1 and rep.articles == 2
    (entry,) = read_manifest(str(out)).values()
    assert not entry["worker"].endswith(f":{pids[busy]}")
    # the cluster is whole again for the other tests (the nanny restarted the worker)
    client.wait_for_workers(2, timeout=120)


def test_bad_inputs_are_listed_and_the_rest_is_processed(client, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(folder / "good.jsonl", ARTICLES[:1])
    _jsonl(folder / "notext.jsonl", [{"id": "x1", "title": "no body"}, ARTICLES[2]])
    (folder / "latin1.jsonl").write_bytes(json.dumps({"id": "x2", "text": "caf\u00e9 bombing"}, ensure_ascii=False).encode("latin-1"))
    (folder / "broken.parquet").write_bytes(b"PAR1 this is not parquet")
    out = tmp_path / "out"
    r = _cli("batch", str(folder / "*.jsonl"), str(folder / "broken.parquet"), str(folder / "missing.jsonl"),
             "--out", str(out), "--scheduler", client.scheduler.address, "--no-progress", "--no-merge")
    assert r.returncode == 2
    err = r.stderr.strip().splitlines()
    assert any("latin1.jsonl: not UTF-8 text" in line for line in err)
    assert any("broken.parquet: cannot be read" in line for line in err)
    assert any("missing.jsonl: no such file" in line for line in err)
    assert any("notext.jsonl:1: record has no 'text'" in line for line in err)
    assert err[-1].startswith("polemos: E036 3 input(s) or shard(s) and 1 record(s) failed")
    # the good shards, and the good record of the partly bad one, were processed
    done = read_manifest(str(out))
    assert {Path(u).name for u in done} == {"good.jsonl", "notext.jsonl"}
    assert {json.loads(m["event_json"])["document_id"] for m in _mentions(out)} <= {"b1", "b3"}
    assert sum(e["articles"] for e in done.values()) == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    shard = _jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    address = f"tcp://127.0.0.1:{_free_port()}"
    r = _cli("batch", str(shard), "--out", str(tmp_path / "out"), "--scheduler", address, timeout=120)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines()[-1].startswith(f"polemos: E030 --scheduler {address}: cannot reach a Dask scheduler")
    assert not (tmp_path / "out").exists()


def test_workers_and_scheduler_exclude_each_other(tmp_path):
    shard = _jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    r = _cli("batch", str(shard), "--out", str(tmp_path / "o"), "--workers", "2", "--scheduler", "tcp://x:1")
    assert r.returncode == 2 and "exclude each other" in r.stderr


def test_inputs_expand_from_urls_globs_directories_and_compressed_shards(tmp_path):
    """No cluster needed: which shards an input names, and reading a compressed one."""
    import gzip

    from polemos.batch.shards import expand_inputs, read_shard

    folder = tmp_path / "news"
    (folder / "day2").mkdir(parents=True)
    _jsonl(folder / "a.jsonl", ARTICLES[:1])
    with gzip.open(folder / "day2" / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps(ARTICLES[1]) + "\n")
    (folder / "notes.txt").write_text("not a shard", encoding="utf-8")

    shards, problems = expand_inputs([str(folder)])          # a directory: every shard under it
    assert sorted(Path(s.url).name for s in shards) == ["a.jsonl", "b.jsonl.gz"] and not problems
    shards, problems = expand_inputs([f"file://{folder}/*.jsonl", str(folder / "notes.txt"), str(folder / "none*.jsonl")])
    assert [s.url for s in shards] == [f"file://{folder}/a.jsonl"]
    assert [p.message for p in problems] == [
        f"{folder}/notes.txt: not a shard of articles (use .jsonl[.gz], .ndjson or .parquet)",
        f"{folder}/none*.jsonl: no such file, or the pattern matches no file"]
    (gz,) = [s for s in expand_inputs([str(folder / "day2")])[0]]
    (art,) = list(read_shard(gz))
    assert art.id == "b2" and art.text == ARTICLES[1]["text"] and str(art.published) == "2021-03-09"


def test_cross_shard_merge_runs_the_store_loop(tmp_path):
    """No cluster and no extractor: the hand-coded mentions of the store's merge corpus (six
    outlets retelling the reference story: revisions, totals over parts, headlines), split over
    three shards, merged group by group as the cluster does, give the store's events exactly."""
    import pandas as pd

    from polemos.batch.dedup import merge_mentions
    from polemos.batch.output import write_shard_output
    from polemos.merge.measure import DEFAULT_CORPUS, load_corpus
    from polemos.store import open_store
    from polemos.store.base import EventFilter

    pairs, _ = load_corpus(DEFAULT_CORPUS)
    assert len(pairs) >= 4
    out = tmp_path / "out"
    thirds = [pairs[i::3] for i in range(3)]
    for k, part in enumerate(thirds):
        write_shard_output(str(out), f"s{k}", [a for a, _ in part], [ms for _, ms in part])
    rows = pd.concat([pd.read_parquet(p) for p in sorted((out / "mentions").glob("*/*.parquet"))])
    merged = [ev for _, group in rows.groupby("merge_group") for ev in merge_mentions(group)]

    with open_store(str(tmp_path / "store.duckdb")) as store:
        for part in thirds:                  # the store reads the shards in the same order
            for art, ms in part:
                store.add_article(art, ms)
        stored = store.query_events(EventFilter())

    def key(e) -> tuple:
        return (e.id, e.type, e.date, e.n_mentions, e.part_of, tuple(sorted(e.document_ids)),
                e.killed.best if e.killed else None)

    assert len(stored) < sum(len(ms) for _, ms in pairs)        # merging did something
    got, want = sorted(map(key, merged)), sorted(map(key, stored))
    assert got == want


def test_nothing_to_run_is_one_clear_error(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    r = _cli("batch", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o"))
    assert r.returncode == 2
    assert r.stderr.strip() == f"polemos: E027 {tmp_path}/missing.jsonl: no such file, or the pattern matches no file"
    r = _cli("batch", str(_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])), "--out", str(tmp_path / "file"))
    assert r.returncode == 2 and r.stderr.strip() == f"polemos: E034 --out {tmp_path}/file: exists and is not a directory"
    assert not (tmp_path / "o").exists()
