"""Measuring merging: a naive one-event-per-mention store versus Polemos versus the real events.

    python -m polemos.merge.measure [CORPUS.yaml ...] [--db PATH]

A corpus (format: tests/data/merge/idlib_rewrites.yaml) holds articles with hand-coded mentions,
each labelled with the real-world event it reports. The mentions go through the real store
(`add_article`, a throwaway DuckDB file unless --db), and the resulting events are compared with
the labels: event counts, B-cubed precision/recall of the clustering (totals and their parts
count as separate events), and deaths as a naive sum, as Polemos' stats count them, and truly.
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

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "tests" / "data" / "merge" / "idlib_rewrites.yaml"


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m polemos.merge.measure", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="*", help=f"corpus YAML files (default {DEFAULT_CORPUS.name})")
    ap.add_argument("--db", default=None, help="keep the resulting store here")
    args = ap.parse_args(argv)
    corpora = args.corpus or [DEFAULT_CORPUS]
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
