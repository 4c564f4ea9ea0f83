"""What every reader makes: an Article after the size and language checks, or a RecordError naming the
input and what is wrong; and the helpers readers of files and of the web share."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
from dataclasses import dataclass
from typing import Any

from polemos import errors
from polemos.ingest.language import LanguageVerdict, language_verdict
from polemos.ingest.limits import size_problem
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


@dataclass
class NotEnglish(RecordError):
    """An article Polemos does not read (issue 18): reported, counted and storable with its
    language (`article.language`) so a later multilingual Polemos can return to it."""

    verdict: LanguageVerdict | None = None
    article: Article | None = None


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
                 source: str | None = None, **extra: Any) -> Article | RecordError:
    """An Article after the size and language checks (a text over the size limit is a RecordError,
    a non-English one a NotEnglish, each naming `name`)."""
    article = Article(id=id or stable_id(text), text=text, title=title, published=published, url=url,
                      source=source, **extra)
    return vet(article, name) or article


def vet(article: Article, name: str) -> RecordError | None:
    """None when Polemos reads `article` (its `language` is then set), else why not: a RecordError
    for a text over the size limit, a NotEnglish (the article with its language) for another
    language. Every front end (readers, HTTP API, watch) asks this one function."""
    too_big = size_problem(article.text, name)
    if too_big is not None:
        return RecordError(name, too_big)
    verdict = language_verdict(article.text)
    article.language = verdict.code or ("en" if verdict.english else None)
    if not verdict.english:
        return NotEnglish(name, verdict.notice(name), verdict=verdict, article=article)
    return None


def env_timeout() -> float:
    try:
        return float(os.environ.get("POLEMOS_FETCH_TIMEOUT", TIMEOUT_S))
    except ValueError:
        return TIMEOUT_S
