"""Readers per source kind (placeholder: plain text only; the ingest stage fills this in)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from polemos.models import Article


@dataclass
class RecordError:
    """One bad input or record: reported, skipped, and the rest goes on."""

    source: str
    message: str


def read_inputs(inputs: Iterable[str], published: dt.date | None = None) -> Iterator[Article | RecordError]:
    for name in inputs:
        p = Path(name)
        yield Article(id=p.stem, text=p.read_text(encoding="utf-8"), published=published, source=str(p))
