"""The manifest of finished shards (`_manifest.jsonl` in the output directory).

Only the driver appends to it, one line per shard, after the shard's files are in place; so a
shard listed here is complete, and a re-run skips it while its fingerprint is unchanged.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

import fsspec
from fsspec.implementations.local import LocalFileSystem

MANIFEST = "_manifest.jsonl"


@dataclass
class ShardResult:
    """What a worker reports back for one shard."""

    url: str
    shard_id: str
    fingerprint: str
    ok: bool = True
    error: str | None = None                  # the shard failed as a whole (unreadable)
    record_errors: list[str] = field(default_factory=list)
    not_english: list[str] = field(default_factory=list)    # issue 18: notices of records skipped as not English
    languages: dict[str, int] = field(default_factory=dict)  # ... and their count by language
    articles: int = 0
    words: int = 0
    events: int = 0
    seconds: float = 0.0
    worker: str | None = None


def read_manifest(out: str) -> dict[str, dict]:
    """Finished shards by URL (the last line for a URL wins)."""
    fs, root = fsspec.core.url_to_fs(out)
    path = f"{root}/{MANIFEST}"
    if not fs.exists(path):
        return {}
    done: dict[str, dict] = {}
    with fs.open(path, "r", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:   # a line cut short by a crash: that shard just re-runs
                continue
            done[rec["url"]] = rec
    return done


def append_manifest(out: str, result: ShardResult) -> None:
    fs, root = fsspec.core.url_to_fs(out)
    fs.makedirs(root, exist_ok=True)
    rec = asdict(result) | {"finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    line = json.dumps(rec, ensure_ascii=False) + "\n"
    path = f"{root}/{MANIFEST}"
    if isinstance(fs, LocalFileSystem):
        with open(path, "a", encoding="utf-8") as f:   # local append: one write, flushed
            f.write(line)
            f.flush()
        return
    # Object stores cannot append: rewrite the whole (small) manifest.
    old = fs.cat_file(path).decode("utf-8") if fs.exists(path) else ""
    with fs.open(path, "w", encoding="utf-8") as f:
        f.write(old + line)
