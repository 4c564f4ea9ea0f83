"""Writing batch output: event records as Parquet, partitioned by event date (hive style).

Layout under the output directory (any fsspec URL):

    mentions/event_date=2020-02-09/part-<shard>.parquet   events as `polemos extract` gives them
    mentions/event_date=unknown/part-<shard>.parquet      events whose date the text does not fix
    articles/part-<shard>.parquet                          the articles read (for --load-into)
    events/event_date=.../part-<n>.parquet                 deduplicated events (after merging)
    _manifest.jsonl                                        finished shards (re-runs skip them)

Every row keeps the full event JSON (`event_json`) next to flat columns analysts filter on, so a
reader gets exactly the records `polemos extract --format jsonl` prints.
"""
from __future__ import annotations

import uuid
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from polemos.merge import mark_headline
from polemos.merge.keys import content_hash, source_name
from polemos.models import Article, Event

NO_DATE = "unknown"   # partition of events with no date (hive's own null name is unreadable)

MENTION_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("document_id", pa.string()), ("type", pa.string()),
    ("mode", pa.string()), ("status", pa.string()), ("date", pa.string()), ("date_end", pa.string()),
    ("date_precision", pa.string()), ("country", pa.string()), ("place", pa.string()),
    ("lat", pa.float64()), ("lon", pa.float64()), ("geonameid", pa.int64()),
    ("actor1_name", pa.string()), ("actor1_country", pa.string()), ("actor1_sector", pa.string()),
    ("actor2_name", pa.string()), ("actor2_country", pa.string()), ("actor2_sector", pa.string()),
    ("killed", pa.int64()), ("injured", pa.int64()), ("displaced", pa.int64()), ("arrested", pa.int64()),
    ("acled_event_type", pa.string()), ("acled_sub_event_type", pa.string()),
    ("evidence", pa.string()), ("confidence", pa.float64()),
    ("seq", pa.int64()),            # position in the shard's output: restores `extract` order
    ("shard", pa.string()),
    # What merging needs, named as the store names it: the mention's key in the store
    # ("<article id>#<content hash>#<n>"), the article's outlet and publication date.
    ("mention_key", pa.string()), ("source", pa.string()), ("published", pa.string()),
    ("merge_group", pa.string()),   # where the cross-shard merge sends it (see merge_group())
    ("headline", pa.bool_()),       # the store's mark_headline: the evidence is the headline
    ("event_json", pa.string()),
])

# Merged events: the mention columns (without shard/seq) plus what merging adds.
EVENT_SCHEMA = pa.schema(
    [f for f in MENTION_SCHEMA if f.name not in ("seq", "shard", "mention_key", "source", "published",
                                                 "merge_group", "headline", "event_json")]
    + [pa.field("n_mentions", pa.int64()), pa.field("n_sources", pa.int64()),
       pa.field("part_of", pa.string()), pa.field("document_ids", pa.list_(pa.string())),
       pa.field("event_json", pa.string())])

ARTICLE_SCHEMA = pa.schema([
    ("id", pa.string()), ("title", pa.string()), ("published", pa.string()), ("url", pa.string()),
    ("source", pa.string()), ("seq", pa.int64()), ("shard", pa.string()), ("article_json", pa.string()),
])


def event_date(event: Event) -> str:
    return event.date[:10] if event.date else NO_DATE


def merge_group(event: Event, article: Article) -> str:
    """The shuffle key of the cross-shard merge: type, status and month. The store only ever
    merges mentions of the same type and status (its candidate filter, match_score, totals), so
    those split the work exactly; the month (of the event date, else of publication, which is
    what the store's candidate window starts from) splits it further at the cost of never
    merging across a month boundary. Country is no key: a mention without a place may join an
    event in any country."""
    day = event.date or (article.published.isoformat() if article.published else None)
    return f"{event.type}|{event.status}|{day[:7] if day else NO_DATE}"


def event_row(event: Event, seq: int, shard_id: str, mention_key: str | None = None,
              source: str | None = None, published: str | None = None,
              group: str | None = None, headline: bool | None = None) -> dict[str, Any]:
    loc = event.location
    a1, a2 = event.actor1, event.actor2
    return {
        "event_id": event.id, "document_id": event.document_id, "type": event.type, "mode": event.mode,
        "status": event.status, "date": event.date, "date_end": event.date_end,
        "date_precision": event.date_precision,
        "country": loc.country if loc else None, "place": (loc.name or loc.text) if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "actor1_name": (a1.name or a1.text) if a1 else None, "actor1_country": a1.country if a1 else None,
        "actor1_sector": a1.sector if a1 else None,
        "actor2_name": (a2.name or a2.text) if a2 else None, "actor2_country": a2.country if a2 else None,
        "actor2_sector": a2.sector if a2 else None,
        "killed": event.killed.best if event.killed else None,
        "injured": event.injured.best if event.injured else None,
        "displaced": event.displaced.best if event.displaced else None,
        "arrested": event.arrested.best if event.arrested else None,
        "acled_event_type": event.acled_event_type, "acled_sub_event_type": event.acled_sub_event_type,
        "evidence": event.evidence.text, "confidence": event.confidence,
        "seq": seq, "shard": shard_id, "mention_key": mention_key, "source": source,
        "published": published, "merge_group": group, "headline": headline,
        "event_json": event.model_dump_json(),
    }


def article_row(article: Article, seq: int, shard_id: str) -> dict[str, Any]:
    return {
        "id": article.id, "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url, "source": article.source, "seq": seq, "shard": shard_id,
        "article_json": article.model_dump_json(),
    }


def write_atomic(fs: fsspec.AbstractFileSystem, path: str, table: pa.Table) -> None:
    """Write to a temporary name, then rename: a worker killed mid-write leaves no half file
    under the final name (a re-run removes stray temporaries with the shard's old output)."""
    tmp = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
    with fs.open(tmp, "wb") as f:
        pq.write_table(table, f, compression="zstd")
    fs.mv(tmp, path)


def remove_shard_output(out: str, shard_id: str) -> None:
    """Delete what an earlier (interrupted or outdated) run wrote for this shard."""
    fs, root = fsspec.core.url_to_fs(out)
    for pattern in (f"{root}/mentions/*/part-{shard_id}.parquet*", f"{root}/articles/part-{shard_id}.parquet*"):
        for p in fs.glob(pattern):
            fs.rm(p)


def write_shard_output(out: str, shard_id: str, articles: list[Article],
                       per_article: list[list[Event]]) -> int:
    """Write one shard's articles and their events (events grouped into date partitions).
    Returns the number of event rows written."""

    fs, root = fsspec.core.url_to_fs(out)
    by_date: dict[str, list[dict[str, Any]]] = {}
    n = 0
    for art, evs in zip(articles, per_article):
        h = content_hash(art)[:8]
        src = source_name(art)
        pub = art.published.isoformat() if art.published else None
        for i, ev in enumerate(evs):
            by_date.setdefault(event_date(ev), []).append(
                event_row(ev, n, shard_id, f"{art.id}#{h}#{i}", src, pub, merge_group(ev, art),
                          bool(mark_headline(ev, art).extra.get("headline"))))
            n += 1
    for day, rows in sorted(by_date.items()):
        fs.makedirs(f"{root}/mentions/event_date={day}", exist_ok=True)
        write_atomic(fs, f"{root}/mentions/event_date={day}/part-{shard_id}.parquet",
                      pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))
    fs.makedirs(f"{root}/articles", exist_ok=True)
    write_atomic(fs, f"{root}/articles/part-{shard_id}.parquet",
                  pa.Table.from_pylist([article_row(a, i, shard_id) for i, a in enumerate(articles)],
                                       schema=ARTICLE_SCHEMA))
    return n
