"""Seconds per 100,000 characters for three shapes of text (issue 18), in one process, CPU time:

    ordinary news      the benchmark corpus (real articles from ../shared/evaldata)
    400 sentences      one article of 400 separate incident sentences
    3,000-clause run-on one article that is a single sentence of 3,000 incident clauses (a
                       flattened table), about 150,000 characters

`extract` is the extractor (every mention: what `polemos extract --mentions`, `ingest` and the
batch workers run); `extract + merge` adds merging one article's mentions into events (what
`polemos extract` prints). The target: the run-on's extract figure within 3x of ordinary news.

    python -m benchmarks.hard_inputs [--quick]      (make bench runs it; --quick: fewer news
                                                     articles, no merge figure for the run-on)
    python -m benchmarks.hard_inputs --sentences    evaluation sentences that would be cut (none)
The last line is for scripts:  HARD runon_vs_news=X.XX sentences_vs_news=Y.YY
"""
from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Iterable, Iterator

from benchmarks import corpus
from polemos import extract_articles, extract_events
from polemos.batch.worker import warm_pipeline
from polemos.models import Article

ACTORS = ["Troops", "Militants", "Police", "Gunmen", "Soldiers"]
DEEDS = ["shelled the village", "attacked a checkpoint", "raided the market", "bombed a school", "stormed the camp"]
QUICK_NEWS = 60


def clause(i: int) -> str:
    """The i-th incident: actors, deeds and tolls vary, so nothing can be answered from a cache."""
    return f"{ACTORS[i % 5]} {DEEDS[(i // 5) % 5]} and killed {i % 47 + 2} civilians"


def incident_sentences(n: int) -> str:
    return " ".join(clause(i) + "." for i in range(n))


def run_on(n: int) -> str:
    return ", ".join(clause(i) for i in range(n)) + "."


def _cpu(fn: Callable[[Iterable[Article]], Iterator], arts: list[Article]) -> tuple[float, int]:
    t = time.process_time()
    n = sum(len(evs) for _, evs in fn(arts))
    return time.process_time() - t, n


def measure(quick: bool = False) -> dict[str, float]:
    base = corpus.base_records()
    news = [Article(id=r["id"], text=r["text"]) for r in (base[:QUICK_NEWS] if quick else base)]
    shapes = {"ordinary news": news,
              "400 sentences": [Article(id="sentences-400", text=incident_sentences(400))],
              "3,000-clause run-on": [Article(id="run-on-3000", text=run_on(3000))]}
    warm_pipeline()
    _cpu(extract_articles, news)     # untimed: caches (lemmas, attributes, places) in their steady state
    per100k: dict[str, float] = {}
    for name, arts in shapes.items():
        chars = sum(len(a.text) for a in arts)
        s, n = _cpu(extract_articles, arts)
        per100k[name] = s / chars * 1e5
        line = (f"{name:<20} {len(arts):>4} article(s) {chars:>8} chars {n:>5} mentions  "
                f"extract {per100k[name]:6.2f} s/100k chars")
        if quick and name.endswith("run-on"):
            line += "  (extract + merge: not run with --quick)"
        else:
            sm, ne = _cpu(extract_events, arts)
            line += f"  extract + merge {sm / chars * 1e5:6.2f} s/100k chars ({ne} events)"
        print(line, flush=True)
    return per100k


def eval_sentences() -> None:
    """How many sentences of the evaluation sets and the benchmark corpus Polemos cuts (none is
    expected: the cut is for scraped tables, not news), and their longest sentence."""
    from polemos.eval import fixtures
    from polemos.eval.common import evaldata_dir
    from polemos.eval.sets import SETS
    from polemos.ingest import clean_text
    from polemos.nlp import split_sentences
    from polemos.nlp_split import LONG_RUN, max_sentence_chars

    ev = evaldata_dir()
    texts = [t for s in SETS.values() for r in s.load(ev) for t in (r.parts or [r.text])]
    texts += [r.text for r in fixtures.load(corpus.SHARED / "fixtures")]
    texts += [r["text"] for r in corpus.base_records()]
    n = cut = runs = longest = 0
    for t in texts:
        c = clean_text(t).text
        runs += re.search(r"\S{%d,}" % LONG_RUN, c) is not None
        for sent in split_sentences(c):
            n, cut, longest = n + 1, cut + sent.piece, max(longest, len(sent.text))
    print(f"{len(texts)} texts, {n} sentences: {cut} cut into pieces (over {max_sentence_chars()} characters), "
          f"longest {longest} characters; {runs} texts with a run of {LONG_RUN}+ characters without a space")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.hard_inputs", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--sentences", action="store_true",
                    help="count the evaluation and benchmark sentences that would be cut (expected: none)")
    a = ap.parse_args(argv)
    if a.sentences:
        eval_sentences()
        return
    r = measure(a.quick)
    news = r["ordinary news"]
    runon, sents = r["3,000-clause run-on"] / news, r["400 sentences"] / news
    print(f"run-on / ordinary news: {runon:.2f}x (target <= 3); 400 sentences / ordinary news: {sents:.2f}x")
    print(f"HARD runon_vs_news={runon:.2f} sentences_vs_news={sents:.2f}")


if __name__ == "__main__":
    main()
