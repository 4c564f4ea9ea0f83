"""Merging at scale: deduplicate event mentions across shards into events.

Mentions are shuffled on the cluster by (country, month of the event date) so that every
mention that could describe the same event meets the others in one partition; each partition is
then merged with the store's own rules (`polemos.merge`: match_score, combine, link_totals), in
the order the articles were read, as `polemos ingest` would. Mentions of one event that fall on
either side of a month boundary, or of which only some name a country, stay apart here; loading
into the store (`--load-into`) applies the rules over everything stored.
"""
from __future__ import annotations

import datetime as dt
import logging

import fsspec
from fsspec.implementations.local import LocalFileSystem
import pandas as pd
import pyarrow as pa

from polemos.batch.output import EVENT_SCHEMA, NO_DATE, event_date, event_row, write_atomic
from polemos.models import Event

log = logging.getLogger(__name__)

_MENTION_COLS = ["event_json", "shard", "seq", "mention_key", "source", "published", "country",
                 "actor1_country", "date"]


def _str(x: object) -> str | None:
    return x if isinstance(x, str) and x else None   # pandas gives NA/NaN for missing values


def group_key(country: object, actor1_country: object, date: object) -> str:
    """Where a mention is sent in the shuffle: its country (else its first actor's) and month."""
    c = _str(country) or _str(actor1_country) or "unknown"
    d = _str(date)
    return f"{c}|{d[:7] if d else NO_DATE}"


def merge_mentions(rows: pd.DataFrame) -> list:
    """Merge one group of mention rows into StoredEvents the way the store's `add_article`
    does: mentions in reading order, each joining the best-scoring event or founding one (named
    by its store key); each event combined from its mentions oldest article first; then totals
    linked to their parts."""
    from polemos.merge import ArticleInfo, combine, link_totals, match_score
    from polemos.merge.cluster import event_id_for

    rows = rows.sort_values(["shard", "seq"], kind="stable")
    members: list[list[tuple[tuple, str, Event, ArticleInfo]]] = []
    merged: list = []
    for rec in rows.itertuples(index=False):
        key = rec.mention_key
        m = Event.model_validate_json(rec.event_json)
        m = m.model_copy(update={"id": key, "document_id": m.document_id})
        published = dt.date.fromisoformat(rec.published) if _str(rec.published) else None
        art = ArticleInfo(m.document_id or "", _str(rec.source), published)
        # the store orders an event's mentions by publication (unknown last), article, position
        order = (published is None, published or dt.date.min, art.id, int(key.rsplit("#", 1)[-1]))
        best, best_score = None, None
        for i, ev in enumerate(merged):
            score = match_score(m, ev, published)
            if score is not None and (best_score is None or score > best_score):
                best, best_score = i, score
        if best is None:
            members.append([(order, key, m, art)])
            merged.append(None)
            best = len(merged) - 1
        else:
            members[best].append((order, key, m, art))
        ms = sorted(members[best], key=lambda t: t[0])
        merged[best] = combine(event_id_for(members[best][0][1]), [(k, e, a) for _, k, e, a in ms])
    links = link_totals(sorted(merged, key=lambda e: e.id))
    for ev in merged:
        ev.part_of = links.get(ev.id)
        ev.parts = sorted(k for k, v in links.items() if v == ev.id)
    return merged


def _merge_partition(df: pd.DataFrame, out: str, partition_info: dict | None = None) -> pd.DataFrame:
    """Merge every group in this partition and write the events, by event date, as
    events/event_date=D/part-<partition>.parquet. Returns the number written."""
    rows_by_date: dict[str, list[dict]] = {}
    for _, group in df.groupby("key", sort=True):
        for ev in merge_mentions(group):
            row = event_row(ev, 0, "")
            del row["seq"], row["shard"]
            row.update(n_mentions=ev.n_mentions, n_sources=ev.n_sources, part_of=ev.part_of,
                       document_ids=list(ev.document_ids), event_json=ev.model_dump_json())
            rows_by_date.setdefault(event_date(ev), []).append(row)
    part = (partition_info or {}).get("number", 0)
    fs, root = fsspec.core.url_to_fs(out)
    n = 0
    for day, rows in rows_by_date.items():
        fs.makedirs(f"{root}/events/event_date={day}", exist_ok=True)
        write_atomic(fs, f"{root}/events/event_date={day}/part-{part:05d}.parquet",
                     pa.Table.from_pylist(rows, schema=EVENT_SCHEMA))
        n += len(rows)
    return pd.DataFrame({"n": [n]})


def merge_output(client, out: str) -> int | None:  # noqa: ANN001 (distributed.Client)
    """Rewrite `out/events/` from all mentions under `out/mentions/`; the number of events, or
    None when the merge rules are not available in this installation."""
    try:
        import polemos.merge  # noqa: F401
    except ImportError as e:
        log.warning("merging skipped: polemos.merge is not available (%s)", e)
        return None
    import dask.dataframe as dd

    fs, root = fsspec.core.url_to_fs(out)
    if fs.exists(f"{root}/events"):
        fs.rm(f"{root}/events", recursive=True)
    mention_files = fs.glob(f"{root}/mentions/*/part-*.parquet")
    if not mention_files:
        return 0
    local = isinstance(fs, LocalFileSystem)

    def url(p: str) -> str:
        return p if local else fs.unstrip_protocol(p)

    df = dd.read_parquet([url(p) for p in mention_files], columns=_MENTION_COLS)
    df["key"] = df.map_partitions(
        lambda d: pd.Series([group_key(c, a, t) for c, a, t in zip(d["country"], d["actor1_country"], d["date"])],
                            index=d.index, dtype="object"), meta=("key", "object"))
    written = df.shuffle(on="key").map_partitions(_merge_partition, out, meta={"n": "int64"})
    return int(written["n"].sum().compute())
