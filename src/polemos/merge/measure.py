"""Measuring merging: a naive one-event-per-mention store versus Polemos versus the real events.

    python -m polemos.merge.measure [CORPUS.yaml ...] [--db PATH]            # hand-coded mentions
    python -m polemos.merge.measure --extract [--reference DIR] [--wikievents DEV.jsonl]   # real extractor

A corpus (format: tests/data/merge/idlib_rewrites.yaml) holds articles with hand-coded mentions,
each labelled with the real-world event it reports. The mentions go through the real store
(`add_article`, a throwaway DuckDB file unless --db), and the resulting events are compared with
the labels: event counts, B-cubed precision/recall of the clustering (totals and their parts
count as separate events), and deaths as a naive sum, as Polemos' stats count them, and truly.

With --extract the same articles (plus, optionally, the reference article and the WikiEvents
Bloody Friday documents with their sentence labels, tests/data/merge/wikievents_bloody_friday.yaml)
go through the real extractor first; each extracted mention takes the label of the labelled span
it overlaps (same type when the label names one). Mentions with no label, or in a sentence that
reports no event, are extraction errors: counted, and left out of the B-cubed scores.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from polemos.models import Actor, Article, Count, Event, Evidence, Place

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "merge"
DEFAULT_CORPUS = DATA / "idlib_rewrites.yaml"
WIKI_LABELS = DATA / "wikievents_bloody_friday.yaml"
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})

Span = tuple[int, int, str | None, str]   # start, end, PLOVER type or None, real-event label


def load_corpus(path: str | Path) -> tuple[list[tuple[Article, list[Event]]], dict[str, str]]:
    """(article, mentions) pairs and {mention evidence key: real event label}."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    places, actors = doc.get("places", {}), doc.get("actors", {})
    pairs, labels = [], {}
    for a in doc["articles"]:
        text = a["text"]
        pub = a.get("published")
        art = Article(id=a["id"], text=text, title=a.get("title"), source=a.get("source"),
                      published=pub if isinstance(pub, dt.date) else (dt.date.fromisoformat(pub) if pub else None))
        ms = []
        for i, m in enumerate(a.get("mentions", [])):
            start = text.index(m["evidence"])
            ev = Event(
                id=f"m{i}", document_id=art.id, type=m["type"], mode=m.get("mode"),
                status=m.get("status", "occurred"),
                actor1=Actor(**actors[m["actor1"]]) if m.get("actor1") else None,
                actor2=Actor(**actors[m["actor2"]]) if m.get("actor2") else None,
                date=m.get("date"), date_end=m.get("date_end"), date_precision=m.get("date_precision", "unknown"),
                date_text=m.get("date_text"), location=Place(**places[m["place"]]) if m.get("place") else None,
                killed=Count(best=m["killed"]) if m.get("killed") is not None else None,
                evidence=Evidence(text=m["evidence"], start=start, end=start + len(m["evidence"])),
                confidence=0.9)
            ms.append(ev)
            labels[f"{art.id}|{m['evidence']}"] = m["real"]
        pairs.append((art, ms))
    return pairs, labels


def bcubed(clusters: dict[str, str], truth: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of item->cluster against item->label."""
    by_c: dict[str, set[str]] = {}
    by_t: dict[str, set[str]] = {}
    for item, c in clusters.items():
        by_c.setdefault(c, set()).add(item)
        by_t.setdefault(truth[item], set()).add(item)
    p = sum(len(by_c[clusters[i]] & by_t[truth[i]]) / len(by_c[clusters[i]]) for i in clusters) / len(clusters)
    r = sum(len(by_c[clusters[i]] & by_t[truth[i]]) / len(by_t[truth[i]]) for i in clusters) / len(clusters)
    return p, r


def measure(corpora: list[str | Path], db: str | None = None) -> dict[str, Any]:
    from polemos.store import open_store
    from polemos.store.base import EventFilter

    pairs, labels = [], {}
    for c in corpora:
        p, lab = load_corpus(c)
        pairs += p
        labels.update(lab)
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
        killed_polemos = sum(r["killed"] for r in store.stats(EventFilter(), by="none"))
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


def _find(text: str, snippet: str) -> tuple[int, int] | None:
    i = text.translate(_QUOTES).find(snippet.translate(_QUOTES))
    return None if i < 0 else (i, i + len(snippet))


def labelled_corpus(path: str | Path) -> list[tuple[Article, list[Span]]]:
    """The corpus articles with the labelled spans of their hand-coded mentions."""
    pairs, labels = load_corpus(path)
    return [(a, [(m.evidence.start, m.evidence.end, m.type, labels[f"{a.id}|{m.evidence.text}"]) for m in ms])
            for a, ms in pairs]


def labelled_reference(fixture: str | Path, corpus: str | Path) -> tuple[Article, list[Span]]:
    """The reference article, its gold events' evidence labelled via the corpus' reference_labels."""
    import json

    d = Path(fixture)
    meta = json.loads((d / "meta.json").read_text(encoding="utf-8"))
    gold = json.loads((d / "gold.json").read_text(encoding="utf-8"))
    mapping = yaml.safe_load(Path(corpus).read_text(encoding="utf-8")).get("reference_labels", {})
    text = (d / "article.txt").read_text(encoding="utf-8")
    art = Article(id=meta["id"], text=text, title=meta.get("title"), source="reference",
                  published=dt.date.fromisoformat(meta["published"]))
    spans = []
    for e in gold["events"]:
        at = _find(text, e["evidence"])
        if at:
            spans.append((*at, e["type"], mapping.get(e["id"], f"ref-{e['id']}")))
    return art, spans


def labelled_wikievents(dev_jsonl: str | Path, labels_path: str | Path = WIKI_LABELS) -> list[tuple[Article, list[Span]]]:
    import json

    lab = yaml.safe_load(Path(labels_path).read_text(encoding="utf-8"))
    docs = {}
    with open(dev_jsonl, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["doc_id"] in lab["documents"]:
                docs[r["doc_id"]] = r["text"]
    out = []
    for doc_id in lab["documents"]:
        text = docs[doc_id]
        spans = []
        for entry in lab["labels"][doc_id]:
            at = _find(text, entry["snippet"])
            if at is None:
                raise ValueError(f"{labels_path}: {doc_id}: snippet not found: {entry['snippet']!r}")
            spans.append((*at, entry.get("type"), entry["real"]))
        out.append((Article(id=doc_id, text=text, source=doc_id), spans))
    return out


def _label(m: Event, spans: list[Span]) -> str | None:
    """The label of the span the mention's evidence covers best (None: no labelled span).
    Best: the largest share of the labelled span covered, then the first labelled."""
    best: tuple[float, str] | None = None
    for start, end, typ, real in spans:
        if typ is not None and typ != m.type:
            continue
        ov = min(end, m.evidence.end) - max(start, m.evidence.start)
        if ov > 0 and (best is None or ov / (end - start) > best[0]):
            best = (ov / (end - start), real)
    return best[1] if best else None


def measure_extracted(sets: dict[str, list[tuple[Article, list[Span]]]], db: str | None = None) -> dict[str, dict]:
    """Per set: run the real extractor, store, and score the clustering against the labels."""
    from polemos import extract_articles
    from polemos.store import open_store

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
                    lab = _label(m, spans[art.id])
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
    import itertools

    from polemos.store import open_store

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
    ap = argparse.ArgumentParser(prog="python -m polemos.merge.measure", description=__doc__,
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
