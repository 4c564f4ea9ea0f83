"""`--load-into DB`: put a batch's articles and mentions into the store through the store
interface, exactly as `polemos ingest` does (store.load: the store merges each batch in bulk).

The driver does this alone (DuckDB allows one writing process per file). `add_article` is
idempotent, so loading everything in the manifest again after an interruption doubles nothing.
"""
from __future__ import annotations

import fsspec
import pyarrow.parquet as pq

from polemos.batch.manifest import read_manifest
from polemos.models import Article, Event
from polemos.store import open_store
from polemos.store.load import load


def shard_articles(out: str, shard_id: str) -> list[tuple[Article, list[Event]]]:
    """One shard's articles with their mentions, in reading order."""
    fs, root = fsspec.core.url_to_fs(out)
    with fs.open(f"{root}/articles/part-{shard_id}.parquet", "rb") as f:
        arts = pq.read_table(f).sort_by("seq").to_pylist()
    by_doc: dict[str, list[tuple[int, Event]]] = {}
    for p in fs.glob(f"{root}/mentions/*/part-{shard_id}.parquet"):
        with fs.open(p, "rb") as f:
            for r in pq.read_table(f, columns=["seq", "event_json"]).to_pylist():
                ev = Event.model_validate_json(r["event_json"])
                by_doc.setdefault(ev.document_id or "", []).append((r["seq"], ev))
    out_pairs = []
    for a in arts:
        art = Article.model_validate_json(a["article_json"])
        mentions = [ev for _, ev in sorted(by_doc.get(art.id, []), key=lambda t: t[0])]
        out_pairs.append((art, mentions))
    return out_pairs


def load_output(out: str, db: str, progress: bool | None = None) -> dict[str, int]:
    """Add every finished shard's articles to the store at `db` with the store's own loader
    (what `polemos ingest` uses); counts by outcome (added / unchanged / replaced)."""

    done = read_manifest(out)
    pairs = (pair for url in sorted(done) for pair in shard_articles(out, done[url]["shard_id"]))
    total = sum(int(done[u].get("articles", 0)) for u in done)
    store = open_store(db)
    try:
        return dict(load(store, pairs, progress=progress, total=total))
    finally:
        store.close()
