"""Measuring merging: a naive one-event-per-mention store versus Polemos versus the real events.

    python -m polemos.eval.merge_measure [CORPUS.yaml ...] [--db PATH]            # hand-coded mentions
    python -m polemos.eval.merge_measure --extract [--reference DIR] [--wikievents DEV.jsonl]   # real extractor

The corpora and their labels: polemos.merge.measure (format: tests/data/merge/idlib_rewrites.yaml).
The mentions go through the real store (`add_article`, a throwaway DuckDB file unless --db), and
the resulting events are compared with the labels: event counts, B-cubed precision/recall of the
clustering (totals and their parts count as separate events), and deaths as a naive sum, as
Polemos' stats count them, and truly. With --extract the articles go through the real extractor
first; mentions with no label are extraction errors: counted, and left out of the B-cubed scores.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from polemos.api_python import extract_articles
from polemos.merge.measure import (
    DEFAULT_CORPUS,
    Span,
    bcubed,
    label_of,
    labelled_corpus,
    labelled_reference,
    labelled_wikievents,
    load_corpus,
)
from polemos.models import Article, Event
from polemos.store import open_store
from polemos.store.base import EventFilter


def measure(corpora: list[str | Path], db: str | None = None) -> dict[str, Any]:

    pairs: list[tuple[Article, list[Event]]] = []
    labels: dict[str, str] = {}
    for c in corpora:
        corpus_pairs, corpus_labels = load_corpus(c)
        pairs += corpus_pairs
        labels.update(corpus_labels)
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = str(Path(tmp.name) / "measure.duckdb")
    with open_store(db) as store:
        for art, ms in pairs:
            store.add_article(art, ms)
        clusters: dict[str, str] = {}
        for art, _ in pairs:
            for m in store.article_mentions(art.id):
                clusters[f"{art.id}|{m.evidence.text}"] = m.extra["event_id"]
        summary = store.summary()
        killed_polemos = sum(row["killed"] for row in store.stats(EventFilter(), by="none"))
        totals = summary["totals"]
        top_level = store.count_events(EventFilter(top_level=True))
    if tmp is not None:
        tmp.cleanup()
    p, r = bcubed(clusters, labels)
    # true deaths: for each real event the highest figure reported, minus events that are parts
    # of a reported total (labels starting "strike-" other than the total are its parts here)
    real_killed: dict[str, int] = {}
    for art, ms in pairs:
        for m in ms:
            lab = labels[f"{art.id}|{m.evidence.text}"]
            if m.killed is not None and m.killed.best is not None:
                real_killed[lab] = max(real_killed.get(lab, 0), m.killed.best)
    return {
        "articles": len(pairs), "mentions_naive_events": sum(len(ms) for _, ms in pairs),
        "polemos_events": summary["events"], "polemos_top_level_events": top_level,
        "totals_linked": totals, "real_events": len(set(labels.values())),
        "bcubed_precision": round(p, 3), "bcubed_recall": round(r, 3),
        "killed_naive_sum": sum(m.killed.best for _, ms in pairs for m in ms if m.killed and m.killed.best),
        "killed_polemos": killed_polemos,
        "real_events_by_label": dict(sorted(Counter(labels.values()).items())),
        "real_killed_by_event": real_killed,
    }


def measure_extracted(sets: dict[str, list[tuple[Article, list[Span]]]], db: str | None = None) -> dict[str, dict]:
    """Per set: run the real extractor, store, and score the clustering against the labels."""

    results = {}
    for name, items in sets.items():
        spans = {a.id: sp for a, sp in items}
        tmp = tempfile.TemporaryDirectory()
        path = db or str(Path(tmp.name) / "measure.duckdb")
        with open_store(path) as store:
            for art, mentions in extract_articles([a for a, _ in items]):
                store.add_article(art, mentions)
            clusters, truth, spurious, n = {}, {}, 0, 0
            for art, _ in items:
                for m in store.article_mentions(art.id):
                    n += 1
                    lab = label_of(m, spans[art.id])
                    if lab is None or lab == "none":
                        spurious += 1
                        continue
                    clusters[m.id], truth[m.id] = m.extra["event_id"], lab
            n_events = store.summary()["events"]
        tmp.cleanup()
        p, r = bcubed(clusters, truth) if clusters else (0.0, 0.0)
        results[name] = {
            "articles": len(items), "mentions_naive_events": n, "polemos_events": n_events,
            "labelled_mentions": len(clusters), "unlabelled_or_spurious_mentions": spurious,
            "real_events_found": len(set(truth.values())),
            "polemos_events_of_labelled": len(set(clusters.values())),
            "bcubed_precision": round(p, 3), "bcubed_recall": round(r, 3),
        }
    return results


def measure_orders(corpus: str | Path, step: int = 7) -> dict[str, int]:
    """Load the corpus in every `step`-th permutation of its articles: how many orders give the
    right number of events, and how many give an event mixing two real events."""

    pairs, labels = load_corpus(corpus)
    n_real = len(set(labels.values()))
    out = {"orders": 0, "right_event_count": 0, "with_mixed_event": 0, "with_split_event": 0}
    for perm in list(itertools.permutations(range(len(pairs))))[::step]:
        with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "o.duckdb")) as store:
            for i in perm:
                store.add_article(*pairs[i])
            by_event: dict[str, set[str]] = {}
            by_label: dict[str, set[str]] = {}
            for art, _ in pairs:
                for m in store.article_mentions(art.id):
                    lab = labels[f"{art.id}|{m.evidence.text}"]
                    by_event.setdefault(m.extra["event_id"], set()).add(lab)
                    by_label.setdefault(lab, set()).add(m.extra["event_id"])
            out["orders"] += 1
            out["right_event_count"] += store.summary()["events"] == n_real
            out["with_mixed_event"] += any(len(v) > 1 for v in by_event.values())
            out["with_split_event"] += any(len(v) > 1 for v in by_label.values())
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m polemos.eval.merge_measure", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="*", help=f"corpus YAML files (default {DEFAULT_CORPUS.name})")
    ap.add_argument("--db", default=None, help="keep the resulting store here")
    ap.add_argument("--extract", action="store_true", help="run the real extractor on the articles")
    ap.add_argument("--reference", default=None, help="with --extract: a fixture dir (article.txt, gold.json)")
    ap.add_argument("--wikievents", default=None, help="with --extract: WikiEvents dev.jsonl")
    ap.add_argument("--orders", action="store_true", help="load the first corpus in 1/7 of all article orders")
    args = ap.parse_args(argv)
    corpora = args.corpus or [DEFAULT_CORPUS]
    if args.orders:
        for k, v in measure_orders(corpora[0]).items():
            print(f"{k:28} {v}")
        return 0
    if args.extract:
        items = [x for c in corpora for x in labelled_corpus(c)]
        sets = {"rewrites": items}
        if args.reference:
            sets["rewrites+reference"] = items + [labelled_reference(args.reference, corpora[0])]
        if args.wikievents:
            sets["wikievents-bloody-friday"] = labelled_wikievents(args.wikievents)
        for name, res in measure_extracted(sets, args.db).items():
            print(f"== {name}")
            for k, v in res.items():
                print(f"{k:32} {v}")
        return 0
    for c in corpora:
        if not Path(c).is_file():
            print(f"polemos: {c}: no such file", file=sys.stderr)
            return 2
    res = measure(corpora, args.db)
    for k, v in res.items():
        print(f"{k:28} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
