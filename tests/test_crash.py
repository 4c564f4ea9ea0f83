"""kill -9 at random points while ingesting: after every kill the store is consistent, and a
re-run ends with exactly the events a clean run gives (nothing lost, nothing doubled)."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from polemos.merge.measure import DEFAULT_CORPUS, load_corpus
from polemos.store import EventFilter, open_store

COPIES = 15   # the rewrites corpus shifted in time: 90 articles, 270 mentions
KILLS = 3


def shifted_corpus(path: Path) -> Path:
    """The merge corpus repeated with every date moved by 40 days per copy (new events each copy)."""
    pairs, _ = load_corpus(DEFAULT_CORPUS)
    with path.open("w") as f:
        for k in range(COPIES):
            shift = dt.timedelta(days=40 * k)
            for art, ms in pairs:
                a = art.model_copy(update={"id": f"{art.id}-c{k}", "published": art.published + shift})
                out = []
                for m in ms:
                    upd = {"document_id": a.id}
                    for fld in ("date", "date_end"):
                        if getattr(m, fld):
                            upd[fld] = (dt.date.fromisoformat(getattr(m, fld)) + shift).isoformat()
                    out.append(m.model_copy(update=upd).model_dump(mode="json"))
                f.write(json.dumps({"article": a.model_dump(mode="json"), "mentions": out}) + "\n")
    return path


def snapshot(url: str) -> list[dict]:
    with open_store(url) as s:
        assert s.check() == []
        return [e.model_dump() for e in s.query_events(EventFilter())]


def kill_after_progress(cmd: list[str], delay: float) -> int:
    """Start `cmd`, wait for its first progress tick on stderr, wait `delay`, SIGKILL it."""
    child = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, start_new_session=True)
    seen = b""
    try:
        while b"article" not in seen:
            ch = child.stderr.read(1)
            if not ch:
                break
            seen = (seen + ch)[-64:]
        time.sleep(delay)
        os.killpg(child.pid, signal.SIGKILL)
    finally:
        rc = child.wait(timeout=60)
        child.stderr.close()
    return rc


@pytest.mark.slow
def test_kill9_during_load(store_url, tmp_path, request):
    corpus = shifted_corpus(tmp_path / "corpus.jsonl")
    load = [sys.executable, "-m", "polemos.store.load", str(corpus), "--progress", "--db"]
    pg = request.getfixturevalue("pg_server") if "://" in store_url else None
    stores = iter(range(100))

    def fresh_store() -> str:
        return pg.new_database() if pg else str(tmp_path / f"s{next(stores)}.duckdb")

    # the reference: one clean run into its own store
    clean_url = fresh_store()
    subprocess.run(load + [clean_url], check=True, capture_output=True, timeout=600)
    expected = snapshot(clean_url)
    # Kill at random points; a run that finished before its kill (a fast backend) tells us to kill
    # sooner, so the test does not depend on how fast loading is on this machine.
    rng = random.Random(4)
    killed, max_delay, url = 0, 1.5, store_url
    for _ in range(12):
        rc = kill_after_progress(load + [url], rng.uniform(0.0, max_delay))
        if rc != -signal.SIGKILL:
            assert rc == 0
            max_delay /= 2
            url = fresh_store()
            continue
        killed += 1
        with open_store(url) as s:   # consistent after every kill
            assert s.check() == []
            assert s.summary()["articles"] <= COPIES * 6
        if killed == KILLS:
            break
    assert killed >= 1, "no kill landed before the run finished"
    r = subprocess.run(load + [url], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert snapshot(url) == expected


def has_extractor() -> bool:
    try:
        import polemos.extract.pipeline  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(not has_extractor(), reason="the extraction pipeline (polemos.extract.pipeline) is not built yet")
def test_kill9_during_polemos_ingest(tmp_path):
    """One kill during a real `polemos ingest` (extraction and all)."""
    pairs, _ = load_corpus(DEFAULT_CORPUS)
    docs = tmp_path / "docs"
    docs.mkdir()
    for k in range(5):
        for art, _ in pairs:
            (docs / f"{art.id}-{k}.txt").write_text(art.text.replace("Idlib", "Idlib" + " " * k), encoding="utf-8")
    polemos = str(Path(sys.executable).with_name("polemos"))
    clean = str(tmp_path / "clean.duckdb")
    cmd = [polemos, "ingest", str(docs), "--published", "2020-02-10", "--progress", "--db"]
    subprocess.run(cmd + [clean], check=True, capture_output=True, timeout=900)
    for i, delay in enumerate((0.3, 0.1, 0.0)):      # sooner when extraction outran the kill
        crashed = str(tmp_path / f"crashed{i}.duckdb")
        if kill_after_progress(cmd + [crashed], delay) == -signal.SIGKILL:
            break
    else:
        pytest.fail("every ingest finished before its kill")
    with open_store(crashed) as s:
        assert s.check() == []
    subprocess.run(cmd + [crashed], check=True, capture_output=True, timeout=900)
    assert snapshot(crashed) == snapshot(clean)
