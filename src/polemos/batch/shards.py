"""Input shards: expanding paths, globs and fsspec URLs into shards, and reading one shard's
articles (JSON Lines, optionally compressed, or Parquet) on a worker.

A shard is the unit of work, retry and resumption: one file. Bad records are reported and
skipped; a shard that cannot be read at all fails alone, the other shards go on.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import fsspec

from polemos import errors
from polemos.ingest import RecordError
from polemos.models import Article

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz",
                  ".jsonl.bz2", ".jsonl.xz", ".jsonl.zst")
PARQUET_SUFFIXES = (".parquet", ".pq")
# Record keys read into Article fields (the JSON Lines schema of `polemos extract`);
# `doc_id` and `date` are accepted because common corpora spell them so.
_ID_KEYS = ("id", "doc_id")
_DATE_KEYS = ("published", "date")


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
            problems.append(RecordError(given, errors.BATCH_INPUT_UNREADABLE.format(path=given, reason=_reason(e))))
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
                problems.append(RecordError(url, errors.BATCH_INPUT_UNREADABLE.format(path=url, reason=_reason(e))))
                continue
            shards.append(Shard(url=url, fingerprint=fingerprint, fmt=fmt))
    return shards, problems


def _has_protocol(given: str) -> bool:
    return "://" in given or given.startswith("file:")


def _reason(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def read_shard(shard: Shard) -> Iterator[Article | RecordError]:
    """Articles of one shard, in order. Raises OSError/ValueError when the shard itself cannot
    be read (the caller fails the shard); a bad record yields a RecordError and reading goes on."""
    if shard.fmt == "parquet":
        yield from _read_parquet(shard)
    else:
        yield from _read_jsonl(shard)


def _read_jsonl(shard: Shard) -> Iterator[Article | RecordError]:
    with fsspec.open(shard.url, "rb", compression="infer") as f:
        for lineno, raw in enumerate(f, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise ValueError(errors.FILE_NOT_UTF8.format(path=shard.url, pos=e.start)) from None
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                yield RecordError(shard.url, errors.JSONL_BAD_LINE.format(path=shard.url, line=lineno, reason=e.msg))
                continue
            yield record_to_article(rec, shard.url, lineno)


def _read_parquet(shard: Shard) -> Iterator[Article | RecordError]:
    import pyarrow.parquet as pq

    with fsspec.open(shard.url, "rb") as f:
        pf = pq.ParquetFile(f)
        row = 0
        for batch in pf.iter_batches(batch_size=1024):
            for rec in batch.to_pylist():
                row += 1
                yield record_to_article(rec, shard.url, row)


def record_to_article(rec: Any, source: str, line: int) -> Article | RecordError:
    """One JSON Lines / Parquet record as an Article: {"id","title","text","published","url","source"}."""
    if not isinstance(rec, dict):
        return RecordError(source, errors.JSONL_BAD_LINE.format(path=source, line=line, reason="not an object"))
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return RecordError(source, errors.JSONL_NO_TEXT.format(path=source, line=line))
    art_id = next((str(rec[k]) for k in _ID_KEYS if rec.get(k) not in (None, "")), None)
    published = None
    for k in _DATE_KEYS:
        value = rec.get(k)
        if value in (None, "", "null"):
            continue
        published = _as_date(value)
        if published is None:
            return RecordError(source, errors.BATCH_BAD_RECORD_DATE.format(path=source, line=line, value=value))
        break
    return Article(
        id=art_id or f"{source.rsplit('/', 1)[-1]}:{line}",
        text=text,
        title=rec.get("title") or None,
        published=published,
        url=rec.get("url") or None,
        source=rec.get("source") or None,
        language=rec.get("language") or None,
    )


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None
