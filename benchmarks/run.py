"""`make bench` / `python -m benchmarks.run [--quick]`: throughput of Polemos vs bare spaCy,
Dask scaling (1 vs 2 workers) and peak memory, on real news texts from ../shared/evaldata.

Each phase runs in its own process so peak memory (ru_maxrss) is that phase's own. The last
line is for scripts:  RATIO polemos_vs_spacy=X.XX dask2_vs_dask1=Y.YY peak_rss_mb=Z runon_vs_news=R
sentences_vs_news=S (the last two: benchmarks/hard_inputs.py, seconds per 100,000 characters)
(peak_rss_mb: the largest peak of any one Polemos process — the end-to-end run or a Dask worker).

Other modes:
    python -m benchmarks.run --samples [DIR]   per-article time and peak memory on the sample articles
    python -m benchmarks.run --profile         where Polemos spends its time (cProfile, top functions)
    python -m benchmarks.run --filter          what the sentence filter passes and what it costs in events
    python -m benchmarks.run --breakdown       CPU time of Polemos phase by phase (no profiler overhead)
Timings depend on what else the machine runs; ratios from one run on a shared machine are noisy.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import corpus

ROOT = Path(__file__).resolve().parents[1]
FULL_ARTICLES = 2000
QUICK_ARTICLES = 100   # a few hundred do not fit in a minute at ~9 articles per CPU second
SHARDS = 16


def _phase(*args: str) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.phase", *args]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"benchmark phase failed: {' '.join(args)}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _line(name: str, r: dict) -> str:
    s = r["seconds"]
    extra = f"  ({r['workers']} worker(s), per-worker peak RSS {r['worker_peak_rss_mb']:.0f} MB, " \
            f"cluster start + warm-up {r['startup_seconds']:.1f} s)" if "workers" in r else ""
    return (f"{name:<26} {r['articles']:>5} articles {s:>7.1f} s wall {r['cpu_seconds']:>7.1f} s CPU "
            f"{r['articles'] / s:>7.2f} articles/s {r['words'] / s:>7.0f} words/s "
            f"(per CPU second: {r['articles'] / r['cpu_seconds']:>6.2f} articles, {r['words'] / r['cpu_seconds']:>6.0f} words)"
            f"  peak RSS {r['peak_rss_mb']:>5.0f} MB{extra}")


def bench(n: int) -> None:
    records = corpus.build(n)
    words = corpus.words(records)
    print(f"corpus: {len(records)} articles, {words} words (texts of {len(corpus.base_records())} distinct "
          f"articles from ../shared/evaldata, repeated); {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at start", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        corpus.write_jsonl(records, path)
        shard_dir = Path(tmp) / "shards"
        corpus.write_shards(records, shard_dir, SHARDS)
        results = {}
        for name, args in [("bare spaCy nlp.pipe", ("spacy", str(path))),
                           ("Polemos end to end", ("polemos", str(path))),
                           ("polemos batch, 1 worker", ("dask", str(shard_dir), "--workers", "1")),
                           ("polemos batch, 2 workers", ("dask", str(shard_dir), "--workers", "2"))]:
            results[name] = r = _phase(*args)
            print(_line(name, r), flush=True)
    zr = subprocess.run([sys.executable, "-m", "benchmarks.zones_report"], cwd=ROOT, capture_output=True, text=True)
    print(zr.stdout.splitlines()[0] if zr.returncode == 0 else f"zones report failed: {zr.stderr[-300:]}", flush=True)
    _watch_poll(quick=n <= QUICK_ARTICLES)
    _store_speedup()
    sp, po = results["bare spaCy nlp.pipe"], results["Polemos end to end"]
    d1, d2 = results["polemos batch, 1 worker"], results["polemos batch, 2 workers"]
    # Polemos vs spaCy: both run in one process on one core, so CPU seconds measure the work
    # each does whatever else the machine runs; the wall-clock ratio is printed beside it.
    ratio = sp["cpu_seconds"] / po["cpu_seconds"]
    ratio_wall = sp["seconds"] / po["seconds"]
    # Dask scaling can only be seen in wall-clock time.
    scaling = d1["seconds"] / d2["seconds"]
    peak = max(po["peak_rss_mb"], d1["worker_peak_rss_mb"], d2["worker_peak_rss_mb"])
    print(f"Polemos / bare spaCy throughput: {ratio:.2f}x per CPU second, {ratio_wall:.2f}x wall clock "
          f"(target >= 1.5); 2 / 1 Dask workers: {scaling:.2f}x wall clock (target >= 1.7; the workers "
          f"used {d1['cpu_seconds']:.0f} and {d2['cpu_seconds']:.0f} CPU s); peak memory of one Polemos "
          f"process: {peak:.0f} MB (target <= 1536); load average {os.getloadavg()[0]:.1f} at end")
    hard = _hard_inputs(quick=n <= QUICK_ARTICLES)     # issue 18: three shapes of text
    print(f"RATIO polemos_vs_spacy={ratio:.2f} dask2_vs_dask1={scaling:.2f} peak_rss_mb={peak:.0f}{hard}")


def _hard_inputs(quick: bool) -> str:
    """Run benchmarks.hard_inputs in its own process; its ratios as " key=value" for the RATIO line."""
    cmd = [sys.executable, "-m", "benchmarks.hard_inputs", *(["--quick"] if quick else [])]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines or not lines[-1].startswith("HARD "):
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit("benchmark phase failed: hard inputs")
    print("\n".join(lines[:-1]), flush=True)
    return " " + lines[-1].removeprefix("HARD ")


def _watch_poll(quick: bool = False) -> None:
    """`polemos watch`: one poll of 100 local feeds x 20 new items (benchmarks/watch_poll.py);
    with --quick 10 feeds x 20 items."""
    args = ["--feeds", "10"] if quick else []
    proc = subprocess.run([sys.executable, "-m", "benchmarks.watch_poll", *args], cwd=ROOT, capture_output=True,
                          text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit("benchmark phase failed: watch_poll")
    print(proc.stdout.strip().splitlines()[0], flush=True)


def _store_speedup() -> None:
    """The store's reads, old SQL against new, as ratios (benchmarks/store_speedup.py, 20,000
    synthetic events cached in artifacts/; `python -m benchmarks.api_load --events 1000000` is the
    opt-in large run), and merging into that store (benchmarks/ingest_scale.py --compare, 30
    copies: article by article vs the bulk merge, `merge=` on the same line)."""
    line = []
    for mod, args in (("benchmarks.store_speedup", ["--events", "20000"]),
                      ("benchmarks.ingest_scale", ["--events", "20000", "--copies", "30", "--compare"])):
        proc = subprocess.run([sys.executable, "-m", mod, *args], cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-3000:])
            raise SystemExit(f"benchmark phase failed: {mod}")
        print("\n".join(ln for ln in proc.stdout.strip().splitlines() if not ln.startswith("RATIO")), flush=True)
        ratios = [ln for ln in proc.stdout.splitlines() if ln.startswith("RATIO")]
        if ratios:
            line.append(ratios[-1][len("RATIO "):])
    if line:
        print("store speed-ups (old/new): " + " ".join(line), flush=True)


def samples(folder: Path) -> None:
    """Per-article time on the sample articles (issue 2's figure), in this process."""
    import resource

    from polemos import extract_articles
    from polemos.batch.worker import warm_pipeline
    from polemos.ingest import RecordError, read_inputs

    files = sorted(str(p) for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "README")))
    arts = [a for a in read_inputs(files) if not isinstance(a, RecordError)]
    if not arts:
        raise SystemExit(f"{folder}: no sample articles found")
    t = time.perf_counter()
    warm_pipeline()
    print(f"pipeline load + warm-up: {time.perf_counter() - t:.1f} s")
    total = 0.0
    for art in arts:
        t = time.perf_counter()
        _, evs = next(extract_articles([art]))
        dt_ = time.perf_counter() - t
        total += dt_
        where = Path(str(art.source or "")).name
        print(f"  {where[:24]:<24} {art.id[:20]:<20} {len(art.text.split()):>6} words {len(evs):>4} events "
              f"{dt_ * 1000:>8.0f} ms")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"samples: {len(arts)} articles in {total:.2f} s = {len(arts) / total:.2f} articles/s; peak RSS {rss:.0f} MB")


def profile(n: int) -> None:
    """Where Polemos end to end spends its time (cumulative, top 30 functions)."""
    import cProfile
    import pstats

    from polemos import extract_articles
    from polemos.batch.worker import warm_pipeline
    from polemos.ingest import RecordError
    from polemos.ingest.readers import read_jsonl

    text = "\n".join(json.dumps(r) for r in corpus.build(n))
    arts = [a for a in read_jsonl(text, "bench") if not isinstance(a, RecordError)]
    warm_pipeline()
    prof = cProfile.Profile()
    prof.enable()
    for _ in extract_articles(arts):
        pass
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(30)


def breakdown(n: int) -> None:
    """Where Polemos end to end spends its CPU time, phase by phase (in this process, without a
    profiler's overhead), and the attribute ruler as shipped against Polemos' lookup."""
    from polemos.batch.worker import warm_pipeline
    from polemos.extract.pipeline import Extractor
    from polemos.ingest import RecordError, clean_text
    from polemos.ingest.readers import read_jsonl
    from polemos.nlp import ParsedText, load_nlp, load_stock_nlp, parser_input, split_sentences

    text = "\n".join(json.dumps(r) for r in corpus.build(n))
    arts = [a for a in read_jsonl(text, "bench") if not isinstance(a, RecordError)]
    warm_pipeline()
    ex, nlp = Extractor.default(), load_nlp()
    names, proper = ex.coder.proper_names
    t: dict[str, float] = {}

    def clock(name: str, start: float) -> float:
        now = time.process_time()
        t[name] = t.get(name, 0.0) + now - start
        return now

    c = time.process_time()
    cleans = [clean_text(a.text) for a in arts]
    c = clock("cleaning", c)
    parsed = [ParsedText(text=x.text, sentences=split_sentences(x.text)) for x in cleans]
    c = clock("sentence splitting", c)
    todo = []
    for p in parsed:
        flags = ex.lexicon.with_context([s.text for s in p.sentences], [ex._is_candidate(s.text) for s in p.sentences])
        todo += [s for s, f in zip(p.sentences, flags) if f]
    c = clock("sentence filter", c)
    docs = list(nlp.pipe((parser_input(s.text, names, proper) for s in todo), batch_size=64))
    for s, d in zip(todo, docs):
        s.doc = d
    c = clock("parsing the candidates", c)
    for a, x, p in zip(arts, cleans, parsed):
        ex.article_events(a, x, p)
    clock("coding events (incl. places)", c)
    total = sum(t.values())
    words = sum(len(s.text.split()) for p in parsed for s in p.sentences)
    print(f"{len(arts)} articles, {words} words; {len(todo)} of {sum(len(p.sentences) for p in parsed)} sentences "
          f"parsed ({sum(len(s.text.split()) for s in todo) / words:.1%} of the words); {total:.2f} CPU s in all")
    for name, v in t.items():
        print(f"  {name:<30} {v:6.2f} s  {v / total:6.1%}")
    stock = load_stock_nlp().get_pipe("attribute_ruler")
    lookup = nlp.get_pipe("attribute_ruler")
    for label, ruler in (("attribute ruler as shipped", stock), ("attribute ruler by lookup", lookup)):
        c = time.process_time()
        for d in docs:
            ruler(d)
        print(f"  {label:<30} {time.process_time() - c:6.2f} s over the parsed sentences")


def filter_report(n: int) -> None:
    """What the sentence filter passes on the corpus, and what it costs: the events found when only
    candidate sentences are parsed against those found when every sentence is parsed."""
    from polemos import extract_articles
    from polemos.extract.pipeline import Extractor
    from polemos.ingest import RecordError, clean_text
    from polemos.ingest.readers import read_jsonl
    from polemos.nlp import split_sentences

    text = "\n".join(json.dumps(r) for r in corpus.build(n))
    arts = [a for a in read_jsonl(text, "bench") if not isinstance(a, RecordError)]
    ex = Extractor.default()
    n_sent = n_pass = n_words = n_pass_words = 0
    for a in arts:
        sents = [s.text for s in split_sentences(clean_text(a.text).text)]
        flags = ex.lexicon.with_context(sents, [ex._is_candidate(s) for s in sents])
        n_sent += len(sents)
        n_pass += sum(flags)
        n_words += sum(len(s.split()) for s in sents)
        n_pass_words += sum(len(s.split()) for s, f in zip(sents, flags) if f)

    def events() -> set[tuple]:
        return {(a.id, e.type, e.trigger, e.evidence.start) for a, evs in extract_articles(arts) for e in evs}

    filtered = events()
    only = ex._is_candidate
    ex._is_candidate = lambda sentence: True        # every sentence parsed, for comparison only
    try:
        everything = events()
    finally:
        ex._is_candidate = only
    kept = len(filtered & everything)
    print(f"{len(arts)} articles: the filter passes {n_pass} of {n_sent} sentences ({n_pass / n_sent:.1%}), "
          f"{n_pass_words} of {n_words} words ({n_pass_words / n_words:.1%})")
    print(f"events parsing every sentence: {len(everything)}; with the filter: {len(filtered)}, of which "
          f"{kept} also found parsing everything (recall {kept / max(len(everything), 1):.3f}), "
          f"{len(filtered) - kept} found only with the filter")
    for e in sorted(everything - filtered)[:20]:
        print(f"  missed: {e}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_ARTICLES} articles instead of {FULL_ARTICLES}")
    ap.add_argument("--articles", type=int, help="corpus size (overrides --quick)")
    ap.add_argument("--samples", nargs="?", const=str(ROOT / "samples"), metavar="DIR",
                    help="per-article speed on the sample articles (default: samples/)")
    ap.add_argument("--profile", action="store_true", help="profile Polemos end to end instead")
    ap.add_argument("--breakdown", action="store_true", help="CPU time of Polemos phase by phase")
    ap.add_argument("--filter", action="store_true",
                    help="what the sentence filter passes and the events it costs against parsing every sentence")
    a = ap.parse_args(argv)
    n = a.articles or (QUICK_ARTICLES if a.quick else FULL_ARTICLES)
    if a.samples:
        samples(Path(a.samples))
    elif a.profile:
        profile(n)
    elif a.breakdown:
        breakdown(n)
    elif a.filter:
        filter_report(a.articles or len(corpus.base_records()))
    else:
        bench(n)


if __name__ == "__main__":
    main()
