"""Dask batch processing: the same pipeline mapped over shards of articles on a cluster.

    from polemos.batch import run_batch
    report = run_batch(["news/*.jsonl.gz"], "out/", workers=2)          # a local cluster
    report = run_batch(["s3://bucket/news/"], "s3://bucket/events/", scheduler="tcp://host:8786")

Modules: shards (inputs → shards, reading records), worker (pipeline loaded once per worker,
one shard → output files), output (Parquet layout), manifest (finished shards), dedup (merging
across shards), load (into the store), driver (the cluster and the run).
"""
from __future__ import annotations

from polemos.batch.driver import BatchReport, dask_client, run_batch

__all__ = ["BatchReport", "dask_client", "run_batch"]
