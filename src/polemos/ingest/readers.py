"""Readers per source kind: plain text, HTML, JSON Lines, RSS/Atom feeds, URLs, directories, globs.

    for item in read_inputs(["a.txt", "feeds/*.xml", "https://..."], published=date):
        RecordError -> one bad input or record (reported, skipped); Article -> one article

Every problem is one RecordError whose message names the input (and line) and what is wrong,
worded in polemos.errors; the caller decides the exit status. Nothing here touches the network
unless the user gave a URL. A record's own publication date (JSON Lines field, page metadata,
feed entry date) wins; `published` fills in where the input has none.
"""
from __future__ import annotations

import datetime as dt
import glob
import gzip
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from polemos import errors
from polemos.ingest.language import LanguageVerdict, language_verdict
from polemos.ingest.limits import size_problem
from polemos.models import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}          # also gzipped: .jsonl.gz
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
# What a directory scan picks up (.md is left out: READMEs sit beside articles); a file named
# on the command line is read whatever its suffix.
ARTICLE_SUFFIXES = {".txt", ".text", ".json"} | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
_USER_AGENT = "Polemos/0.1 (+https://github.com/polemos; news event coder)"
_TIMEOUT_S = 20.0


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


def read_inputs(inputs: Iterable[str], published: dt.date | None = None) -> Iterator[Article | RecordError]:
    """Articles from every input in order; a bad input or record becomes a RecordError."""
    for name in inputs:
        if name.startswith(("http://", "https://")):
            from polemos.ingest.web import read_url

            yield from read_url(name, published)
        elif name == "-":
            yield from _from_text(sys.stdin.read(), "<stdin>", published, title=None)
        elif Path(name).is_dir():
            files = sorted(p for p in Path(name).rglob("*") if p.is_file() and _article_file(p))
            if not files:
                yield RecordError(name, errors.DIR_NO_ARTICLES.format(path=name))
            for p in files:
                yield from read_file(p, published)
        elif any(c in name for c in "*?[") and not Path(name).exists():
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield RecordError(name, errors.INPUT_NO_MATCH.format(pattern=name))
            for m in matches:
                if Path(m).is_file():
                    yield from read_file(Path(m), published)
        else:
            yield from read_file(Path(name), published)


def _article_file(p: Path) -> bool:
    suffix = p.suffix.lower()
    if suffix == ".gz":                  # "batch.jsonl.gz", not "dump.tar.gz"
        suffix = Path(p.stem).suffix.lower()
    return suffix in ARTICLE_SUFFIXES


def _decode(path: Path) -> str | RecordError:
    """The file's text, or the one reason it cannot be an article."""
    name = str(path)
    if not path.exists():
        return RecordError(name, errors.FILE_MISSING.format(path=name))
    try:
        data = path.read_bytes()
    except OSError as e:
        return RecordError(name, f"{name}: cannot be read ({e.strerror or e})")
    return decode_bytes(data, name)


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


def sniff_kind(path: Path, text: str) -> str:
    """text, html, jsonl or feed: by suffix, else by the first characters."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        suffix = Path(path.stem).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    head = text.lstrip()[:2000].lower()
    if head.startswith("<"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "feed"
        if "<html" in head or "<!doctype html" in head or "<body" in head or "<p>" in head:
            return "html"
    if suffix == ".json" and head.startswith("["):
        return "json"
    if suffix == ".json" or (head.startswith("{") and head.split("\n", 1)[0].rstrip().endswith("}")):
        return "jsonl"
    return "text"


def read_file(path: Path, published: dt.date | None = None) -> Iterator[Article | RecordError]:
    text = _decode(path)
    if isinstance(text, RecordError):
        yield text
        return
    kind = sniff_kind(path, text)
    name = str(path)
    # A file is one article wherever its content goes: its id comes from its path, so an edited
    # file replaces its earlier version in the store instead of sitting beside it.
    file_id = stable_id("file", str(path.resolve()))
    if kind == "jsonl":
        yield from read_jsonl(text, name, published)
    elif kind == "json":
        yield from read_json_array(text, name, published)
    elif kind == "html":
        from polemos.ingest.web import article_from_html

        yield article_from_html(text, name, published, id=file_id)
    elif kind == "feed":
        from polemos.ingest.web import read_feed

        yield from read_feed(text, name, published, fetch_pages=False)
    else:
        yield from _from_text(text, name, published, title=None, id=file_id)


def _from_text(text: str, name: str, published: dt.date | None, title: str | None,
               id: str | None = None) -> Iterator[Article | RecordError]:
    if not text.strip():
        yield RecordError(name, errors.FILE_EMPTY.format(path=name))
        return
    yield make_article(text, name, id=id, published=published, title=title or headline(text), source=name)


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


def _record_date(value: object, name: str, line: int) -> dt.date | None | RecordError:
    if value in (None, ""):
        return None
    from polemos.extract.dates import parse_published
    from polemos.errors import InputError

    try:
        return parse_published(str(value))
    except InputError:
        return RecordError(f"{name}:{line}", errors.JSONL_BAD_PUBLISHED.format(path=name, line=line, value=value))


def read_json_array(text: str, name: str, published: dt.date | None = None) -> Iterator[Article | RecordError]:
    """A .json file holding a list of records (as JSON Lines records); "line" is the position."""
    try:
        recs = json.loads(text)
    except json.JSONDecodeError as e:
        yield RecordError(name, errors.JSONL_BAD_LINE.format(path=name, line=e.lineno, reason=e.msg))
        return
    for n, rec in enumerate(recs if isinstance(recs, list) else [recs], start=1):
        yield from _record(rec, name, n, published)


def read_jsonl(text: str, name: str, published: dt.date | None = None) -> Iterator[Article | RecordError]:
    """One article per line {"id","title","text","published","url","source"}; bad lines are
    reported with their number and skipped."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield RecordError(f"{name}:{n}", errors.JSONL_BAD_LINE.format(path=name, line=n, reason=e.msg))
            continue
        yield from _record(rec, name, n, published)


def _record(rec: object, name: str, n: int, published: dt.date | None) -> Iterator[Article | RecordError]:
    """One record (line n) -> an Article, or the one reason it is not one."""
    where = f"{name}:{n}"
    if not isinstance(rec, dict):
        yield RecordError(where, errors.JSONL_NOT_OBJECT.format(path=name, line=n))
        return
    body = rec.get("text")
    if not isinstance(body, str) or not body.strip():
        yield RecordError(where, errors.JSONL_NO_TEXT.format(path=name, line=n))
        return
    date = _record_date(rec.get("published"), name, n)
    if isinstance(date, RecordError):
        yield date
        return
    rid = rec.get("id")
    title = rec.get("title")
    yield make_article(body, where, id=str(rid) if rid not in (None, "") else None,
                       title=str(title) if title else None, published=date or published,
                       url=rec.get("url") or None, source=rec.get("source") or name)


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def env_timeout() -> float:
    try:
        return float(os.environ.get("POLEMOS_FETCH_TIMEOUT", _TIMEOUT_S))
    except ValueError:
        return _TIMEOUT_S
