"""Deduplication check on the UCDP GED sample: does Polemos merge the reports of one real event
into one event, and keep different real events apart?

Each UCDP event cites one or more source headlines. Every distinct headline (text and source
date) is fed as an article of its own, dated by its source date, and all of them are merged in
publication order by the store's merge rules (`merge.memory.merge_articles`), as `polemos
ingest` of the whole set into an empty store would. Only violent mentions count (ASSAULT, the
kind of event UCDP records). A headline cited by several UCDP events belongs to each of them.

- `events_per_real_event`: over UCDP events with at least one violent mention, the mean number
  of merged events their mentions end up in (1.0 is perfect; higher means duplicates).
- `one_event_rate`: the share of UCDP events with mentions from two or more headlines whose
  mentions all end up in one merged event.
- `wrong_merge_pair_share`: of the pairs of mentions from different headlines that were merged
  into one event, the share whose headlines cite no UCDP event in common (0.0 is perfect).
"""
from __future__ import annotations

import csv
import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from tqdm import tqdm

from polemos.api_python import extract_articles
from polemos.eval import ucdp
from polemos.eval.common import Record, data_file, ratio
from polemos.merge.memory import article_info, keyed_mentions, merge_articles
from polemos.models import Article

FOLDER = ucdp.FOLDER
VIOLENT = frozenset({"ASSAULT"})


@dataclass
class Headline:
    article: Article
    records: set[str] = field(default_factory=set)   # UCDP event ids citing this headline


def headlines(records: Iterable[Record], dates: dict[str, list[str]]) -> list[Headline]:
    """Distinct (headline, source date) pairs, each an article, oldest first."""
    seen: dict[tuple[str, dt.date | None], Headline] = {}
    for r in records:
        for i, text in enumerate(r.parts or [r.text]):
            d = dates.get(r.id, [])
            try:
                pub = dt.date.fromisoformat(d[i].strip()) if i < len(d) else r.published
            except ValueError:
                pub = r.published
            key = (text, pub)
            if key not in seen:
                seen[key] = Headline(Article(id=f"h{len(seen):05d}", text=text, published=pub))
            seen[key].records.add(r.id)
    return sorted(seen.values(), key=lambda h: (h.article.published or dt.date.min, h.article.id))


def source_dates(dirpath: Path) -> dict[str, list[str]]:
    """UCDP event id -> the source date of each cited headline, in citation order."""
    with data_file(dirpath, "ucdpged_sample_1000.csv").open(encoding="utf-8", newline="") as f:
        return {f"ucdp-{d['id'].removesuffix('.0')}": (d.get("source_date") or "").split(";")
                for d in csv.DictReader(f)}


def score(heads: list[Headline], events_members: list[list[str]]) -> dict:
    """Metrics from the headlines and, per merged event, the article ids of its mentions."""
    recs_of = {h.article.id: h.records for h in heads}
    events_of_record: dict[str, set[int]] = defaultdict(set)
    heads_of_record: dict[str, set[str]] = defaultdict(set)
    pairs = wrong = 0
    for k, arts in enumerate(events_members):
        for a in arts:
            for r in recs_of[a]:
                events_of_record[r].add(k)
                heads_of_record[r].add(a)
        for a, b in combinations(sorted(set(arts)), 2):
            pairs += 1
            wrong += not (recs_of[a] & recs_of[b])
    covered = sorted(events_of_record)
    multi = [r for r in covered if len(heads_of_record[r]) > 1]
    return {
        "n_headlines": len(heads),
        "n_real_events_found": len(covered),
        "n_merged_events": len(events_members),
        "events_per_real_event": round(sum(len(events_of_record[r]) for r in covered) / len(covered), 3)
        if covered else None,
        "multi_headline_events": len(multi),
        "one_event_rate": ratio(sum(len(events_of_record[r]) == 1 for r in multi), len(multi)),
        "merged_pairs": pairs,
        "wrong_merge_pair_share": ratio(wrong, pairs),
    }


def run(dirpath: Path, limit: int | None = None, progress: bool = True) -> dict:
    """Extract every headline, merge them all, and score the merge (see the module doc)."""
    t0 = time.perf_counter()
    records = ucdp.load(dirpath)
    if limit is not None:
        records = records[:limit]
    heads = headlines(records, source_dates(dirpath))
    items = []
    stream = extract_articles(h.article for h in heads)
    for article, mentions in tqdm(stream, total=len(heads), desc="dedup", leave=False, disable=not progress):
        violent = [m for m in mentions if m.type in VIOLENT]
        items.append((article_info(article), keyed_mentions(article, violent)))
    events = merge_articles(items, with_mentions=True)
    members = [[m.document_id or "" for m in ev.mentions] for ev in events]
    out = score(heads, members)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out
