"""One benchmark phase in its own process (so peak memory is that phase's alone); prints one
JSON line {phase, articles, words, seconds, peak_rss_mb, ...}. Run by benchmarks.run.

    python -m benchmarks.phase spacy   CORPUS.jsonl
    python -m benchmarks.phase polemos CORPUS.jsonl
    python -m benchmarks.phase dask    SHARD_DIR --workers N
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # Linux: kB


def _articles(path: Path):
    from polemos.ingest import RecordError
    from polemos.ingest.readers import read_jsonl

    return [a for a in read_jsonl(path.read_text(encoding="utf-8"), str(path)) if not isinstance(a, RecordError)]


def run_spacy(path: Path) -> dict:
    """Bare spaCy: the full en_core_web_sm pipeline, exactly as shipped, over every text, batched."""
    from polemos.nlp import load_stock_nlp

    arts = _articles(path)
    nlp = load_stock_nlp()
    list(nlp.pipe([arts[0].text]))                       # warm-up, not timed
    t, c = time.perf_counter(), time.process_time()
    for _ in nlp.pipe((a.text for a in arts), batch_size=32):
        pass
    return {"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - c,
            "articles": len(arts), "words": sum(len(a.text.split()) for a in arts)}


def run_polemos(path: Path) -> dict:
    """Polemos end to end: cleaning, candidate filtering, parsing, coding, geocoding."""
    from polemos import extract_articles
    from polemos.batch.worker import warm_pipeline

    arts = _articles(path)
    warm_pipeline()                                      # model + gazetteer loaded, not timed
    t, c = time.perf_counter(), time.process_time()
    n_events = sum(len(evs) for _, evs in extract_articles(arts, batch_size=32))
    return {"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - c,
            "articles": len(arts), "events": n_events,
            "words": sum(len(a.text.split()) for a in arts)}


def run_dask(shard_dir: Path, workers: int) -> dict:
    """`polemos batch` on a local cluster of `workers` processes; the time from the first shard
    submitted to the last done (cluster start and per-worker warm-up are reported apart)."""
    from polemos.batch import dask_client, run_batch

    shards = sorted(str(p) for p in shard_dir.glob("*.jsonl"))
    t0 = time.perf_counter()
    with dask_client(workers) as client, tempfile.TemporaryDirectory() as out:
        from polemos.batch.worker import WarmPipeline

        client.register_plugin(WarmPipeline())           # warm every worker before the clock
        startup = time.perf_counter() - t0
        cpu0 = client.run(time.process_time)
        rep = run_batch(shards, out, client=client, progress=False, merge=False)
        cpu1 = client.run(time.process_time)
        worker_rss = list(client.run(peak_rss_mb).values())
    if rep.failures:
        raise SystemExit("dask phase failed: " + "; ".join(rep.failures[:3]))
    return {"seconds": rep.process_seconds, "articles": rep.articles, "words": rep.words,
            "cpu_seconds": sum(cpu1[w] - cpu0.get(w, 0.0) for w in cpu1),
            "events": rep.events, "workers": workers, "startup_seconds": startup,
            "worker_peak_rss_mb": max(worker_rss)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("phase", choices=["spacy", "polemos", "dask"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--workers", type=int, default=1)
    a = ap.parse_args(argv)
    if a.phase == "spacy":
        res = run_spacy(a.path)
    elif a.phase == "polemos":
        res = run_polemos(a.path)
    else:
        res = run_dask(a.path, a.workers)
    res.update(phase=a.phase, peak_rss_mb=peak_rss_mb())
    print(json.dumps(res), flush=True)


if __name__ == "__main__":
    sys.exit(main())
