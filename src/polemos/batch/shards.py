"""Input shards: expanding paths, globs and fsspec URLs into shards, and reading one shard's
articles (JSON Lines, optionally compressed, or Parquet) on a worker.

A shard is the unit of work, retry and resumption: one file. Bad records are reported and
skipped; a shard that cannot be read at all fails alone, the other shards go on.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import fsspec
from fsspec.compression import compr
from fsspec.implementations.local import LocalFileSystem
from fsspec.utils import infer_compression

from polemos import errors
from polemos.ingest import RecordError
from polemos.ingest.readers import decode_bytes, read_jsonl
from polemos.models import Article

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz",
                  ".jsonl.bz2", ".jsonl.xz")
PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True)
class Shard:
    url: str              # as fsspec understands it ("data/a.jsonl", "s3://bucket/a.parquet")
    fingerprint: str      # changes when the file changes (size, mtime or ETag)
    fmt: str              # "jsonl" or "parquet"

    @property
    def id(self) -> str:
        """Stable, filesystem-safe name used for this shard's output files."""
        stem = self.url.rstrip("/").rsplit("/", 1)[-1].split(".", 1)[0][:40]
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem) or "shard"
        return f"{safe}-{hashlib.sha1(self.url.encode()).hexdigest()[:10]}"


def shard_format(url: str) -> str | None:
    low = url.lower()
    if low.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return None


def expand_inputs(inputs: list[str]) -> tuple[list[Shard], list[RecordError]]:
    """Shards for every path, glob, directory or URL given; inputs that match nothing or have
    an unknown format become errors (the rest still run)."""
    shards: list[Shard] = []
    problems: list[RecordError] = []
    seen: set[str] = set()
    for given in inputs:
        try:
            fs, path = fsspec.core.url_to_fs(given)
            if fs.isdir(path):
                paths = sorted(p for p in fs.find(path) if shard_format(p))
            elif any(ch in path for ch in "*?["):
                paths = sorted(fs.glob(path))
            else:
                paths = [path] if fs.exists(path) else []
        except Exception as e:  # bad URL scheme, missing credentials, unreachable store
            problems.append(
                RecordError(given, errors.BATCH_INPUT_UNREADABLE.format(path=given, reason=error_reason(e)))
            )
            continue
        if not paths:
            problems.append(RecordError(given, errors.BATCH_NO_MATCH.format(path=given)))
            continue
        for p in paths:
            url = fs.unstrip_protocol(p) if _has_protocol(given) else p
            fmt = shard_format(p)
            if fmt is None:
                problems.append(RecordError(url, errors.BATCH_BAD_FORMAT.format(path=url)))
                continue
            if url in seen:
                continue
            seen.add(url)
            try:
                fingerprint = str(fs.ukey(p))
            except Exception as e:
                problems.append(
                    RecordError(url, errors.BATCH_INPUT_UNREADABLE.format(path=url, reason=error_reason(e)))
                )
                continue
            shards.append(Shard(url=url, fingerprint=fingerprint, fmt=fmt))
    return shards, problems


def _has_protocol(given: str) -> bool:
    return "://" in given or given.startswith("file:")


def error_reason(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def read_shard(shard: Shard) -> Iterator[Article | RecordError]:
    """Articles of one shard, in order, read by the same code as `polemos extract`/`ingest`
    (so the same record gives the same Article). Raises ShardError when the shard itself cannot
    be read (the caller fails the shard); a bad record yields a RecordError and reading goes on.
    A shard is read whole into the worker's memory: keep shards to tens of megabytes."""

    if shard.fmt == "parquet":
        text = _parquet_as_jsonl(shard)
    else:
        decoded = decode_bytes(_read_bytes(shard.url), shard.url)
        if isinstance(decoded, RecordError):
            raise ShardError(decoded.message)
        text = decoded
    yield from read_jsonl(text, shard.url)


def _read_bytes(url: str) -> bytes:
    """The shard's bytes, decompressed by extension. Local files are read with plain `open`,
    which also reads named pipes and other unseekable files."""
    fs, path = fsspec.core.url_to_fs(url)
    if isinstance(fs, LocalFileSystem):
        with open(path, "rb") as f:
            data = f.read()
    else:
        with fs.open(path, "rb") as f:
            data = f.read()
    comp = infer_compression(path)
    if comp:
        with compr[comp](io.BytesIO(data), mode="rb") as f:
            data = f.read()
    return data


class ShardError(Exception):
    """A shard that cannot be read at all; the message names it and says why."""


def _parquet_as_jsonl(shard: Shard) -> str:
    """Parquet rows as JSON Lines (one row per line, row n = line n), so that records are
    validated exactly as JSON Lines records are."""
    import pyarrow.parquet as pq  # noqa: PLC0415  (start-up cost: pyarrow)

    lines = []
    with fsspec.open(shard.url, "rb") as f:
        try:
            table = pq.read_table(f)
        except Exception as e:  # not Parquet, truncated, corrupt footer
            raise ShardError(errors.BATCH_INPUT_UNREADABLE.format(path=shard.url, reason=error_reason(e))) from None
    for rec in table.to_pylist():
        lines.append(json.dumps(rec, ensure_ascii=False, default=_json_default))
    return "\n".join(lines)


def _json_default(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)
