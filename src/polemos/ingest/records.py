"""What every reader makes: an Article after the language check, or a RecordError naming the
input and what is wrong; and the helpers readers of files and of the web share."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
from dataclasses import dataclass

from polemos import errors
from polemos.ingest.language import detect_language
from polemos.models import Article

USER_AGENT = "Polemos/0.1 (+https://github.com/polemos; news event coder)"
TIMEOUT_S = 20.0


@dataclass
class RecordError:
    """One bad input or record: reported, skipped, and the rest goes on."""

    source: str
    message: str

    def __str__(self) -> str:
        return self.message


def stable_id(*parts: str) -> str:
    """A short id that is the same every run for the same key (URL, entry id, or text)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def decode_bytes(data: bytes, name: str) -> str | RecordError:
    if data[:2] == b"\x1f\x8b":           # gzip: "articles.jsonl.gz"
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            return RecordError(name, f"{name}: cannot be read (corrupt gzip: {e})")
    if not data.strip():
        return RecordError(name, errors.FILE_EMPTY.format(path=name))
    if b"\x00" in data[:8192]:
        return RecordError(name, errors.FILE_BINARY.format(path=name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return RecordError(name, errors.FILE_NOT_UTF8.format(path=name, pos=e.start))


def headline(text: str) -> str | None:
    """The first line of a plain-text article when it reads as a headline: short, not a sentence
    ending in a full stop, and followed by more text."""
    lines = [ln.strip() for ln in text.strip().splitlines()]
    if len(lines) < 2 or not lines[0]:
        return None
    first = lines[0]
    if len(first) > 200 or first.endswith((".", "!", "?", ":", ";", ",", '"', "\u201d")):
        return None
    return first


def make_article(text: str, name: str, *, id: str | None = None, title: str | None = None,
                 published: dt.date | None = None, url: str | None = None,
                 source: str | None = None, **extra: object) -> Article | RecordError:
    """An Article after the language check (a non-English text is a RecordError naming `name`)."""
    lang = detect_language(text)
    if lang is not None and lang != "en":
        return RecordError(name, errors.NOT_ENGLISH.format(path=name, lang=lang))
    return Article(id=id or stable_id(text), text=text, title=title, published=published, url=url,
                   source=source, language=lang or "en", **extra)


def env_timeout() -> float:
    try:
        return float(os.environ.get("POLEMOS_FETCH_TIMEOUT", TIMEOUT_S))
    except ValueError:
        return TIMEOUT_S
