"""The labelled corpora merging is measured on (the measuring itself: polemos.eval.merge_measure).

    python -m polemos.eval.merge_measure [CORPUS.yaml ...] [--db PATH]            # hand-coded mentions
    python -m polemos.eval.merge_measure --extract [--reference DIR] [--wikievents DEV.jsonl]   # real extractor

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

import datetime as dt
import json
from pathlib import Path

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


def labelled_wikievents(
    dev_jsonl: str | Path, labels_path: str | Path = WIKI_LABELS
) -> list[tuple[Article, list[Span]]]:

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


def label_of(m: Event, spans: list[Span]) -> str | None:
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
