"""`polemos batch`: code a large corpus on a Dask cluster (local by default)."""
from __future__ import annotations

import sys

import typer

from polemos import errors
from polemos.cli import app
from polemos.errors import InputError, shown


@app.command()
def batch(
    inputs: list[str] = typer.Argument(
        ...,
        help="JSON Lines (.jsonl[.gz]) or Parquet shards: paths, globs, directories or fsspec URLs (s3://, gs://, ...)",
    ),
    out: str = typer.Option(..., "--out", help="Output directory or URL (Parquet by event date, manifest)"),
    workers: int = typer.Option(None, "--workers", help="Worker processes of a local cluster (default: CPUs)"),
    scheduler: str = typer.Option(None, "--scheduler", help="Use an existing Dask cluster: tcp://HOST:PORT"),
    load_into: str = typer.Option(
        None, "--load-into", help="Also store the results: a DuckDB path or postgresql:// URL"
    ),
    batch_size: int = typer.Option(32, "--batch-size", help="Sentences per spaCy batch"),
    merge: bool = typer.Option(True, "--merge/--no-merge", help="Deduplicate events across shards into OUT/events"),
    progress: bool = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)"),
) -> None:
    """Extract events from sharded articles with Dask; re-running skips finished shards."""
    from polemos.batch import run_batch  # noqa: PLC0415  (start-up cost: dask)

    r = run_batch(
        inputs,
        out,
        workers=workers,
        scheduler=scheduler,
        load_into=load_into,
        batch_size=batch_size,
        progress=progress,
        merge=merge,
    )
    rate = r.articles / r.process_seconds if r.process_seconds > 0 else 0.0
    print(
        f"{r.processed} shard(s) processed, {r.skipped} already done (skipped), on {r.workers} worker(s): "
        f"{r.articles} articles, {r.events} event mentions in {r.seconds:.1f} s ({rate:.1f} articles/s)"
    )
    print(f"  mentions by event date: {out.rstrip('/')}/mentions/event_date=*/")
    if r.merged_events is not None:
        print(f"  {r.merged_events} events after merging across shards: {out.rstrip('/')}/events/")
    if r.loaded is not None:
        print(
            "  loaded into " + load_into + ": " + ", ".join(f"{n} {k}" for k, n in sorted(r.loaded.items()))
            if r.loaded
            else "  nothing to load"
        )
    for msg in r.not_english + r.failures + r.record_errors:
        print(f"polemos: {shown(msg)}", file=sys.stderr)
    r.languages.read = r.articles
    if r.languages.summary():    # issue 18
        print(f"  {r.languages.summary()}")
    if r.failures or r.record_errors:
        raise InputError(errors.BATCH_FAILED.format(failed=len(r.failures), records=len(r.record_errors), out=out))
