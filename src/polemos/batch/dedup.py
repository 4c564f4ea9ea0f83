"""Merging at scale: deduplicate event mentions across shards into events.

Mentions are shuffled on the cluster by (type, status, month of the event date) — the
`merge_group` the worker wrote (see output.merge_group) — so that mentions the store could merge
meet in one partition; each group is then merged with the store's own loop and rules
(`polemos.merge.merge_articles`), in the order the articles were read, as `polemos ingest`
would. Mentions of one event on either side of a month boundary stay apart here; loading into the store
(`--load-into`) has no such boundary.
"""
from __future__ import annotations

import datetime as dt
import logging

import fsspec
import pandas as pd
import pyarrow as pa
from fsspec.implementations.local import LocalFileSystem

from polemos.batch.output import EVENT_SCHEMA, event_date, event_row, write_atomic
from polemos.merge import ArticleInfo, mark_lead, merge_articles
from polemos.models import Event

log = logging.getLogger(__name__)

_MENTION_COLS = ["event_json", "shard", "seq", "mention_key", "source", "published", "merge_group",
                 "headline"]


def _str(x: object) -> str | None:
    return x if isinstance(x, str) and x else None   # pandas gives NA/NaN for missing values


def merge_mentions(rows: pd.DataFrame) -> list:
    """Merge one group of mention rows into StoredEvents with the store's own loop
    (polemos.merge.merge_articles): article by article in reading order, each mention keyed by
    its store key and marked a headline where the worker found one."""

    rows = rows.sort_values(["shard", "seq"], kind="stable")
    items = []
    for _, art_rows in rows.groupby([rows["shard"], rows["mention_key"].str.rsplit("#", n=2).str[0]],
                                                 sort=False):
        art_rows = art_rows.sort_values("seq")
        first = art_rows.iloc[0]
        published = dt.date.fromisoformat(first.published) if _str(first.published) else None
        marked = []
        for rec in art_rows.itertuples(index=False):
            m = Event.model_validate_json(rec.event_json)
            m = m.model_copy(update={"id": rec.mention_key})
            if rec.headline is not None and rec.headline is not pd.NA and bool(rec.headline):
                m = m.model_copy(update={"extra": {**m.extra, "headline": True}})
            marked.append(m)
        marked = mark_lead(marked)
        items.append((ArticleInfo(marked[0].document_id or "", _str(first.source), published), marked))
    return merge_articles(items)


def _merge_partition(df: pd.DataFrame, out: str, partition_info: dict | None = None) -> pd.DataFrame:
    """Merge every group in this partition and write the events, by event date, as
    events/event_date=D/part-<partition>.parquet. Returns the number written."""
    rows_by_date: dict[str, list[dict]] = {}
    for _, group in df.groupby("merge_group", sort=True):
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
        import polemos.merge  # noqa: F401, PLC0415  (runs on the Dask worker)
    except ImportError as e:
        log.warning("merging skipped: polemos.merge is not available (%s)", e)
        return None
    import dask.dataframe as dd  # noqa: PLC0415  (start-up cost: dask)

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
    written = df.shuffle(on="merge_group").map_partitions(_merge_partition, out, meta={"n": "int64"})
    return int(written["n"].sum().compute())
