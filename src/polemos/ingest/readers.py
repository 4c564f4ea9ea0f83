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
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from polemos import errors
from polemos.errors import InputError
from polemos.ingest.published import parse_published
from polemos.ingest.records import (
    USER_AGENT,
    NotEnglish,
    RecordError,
    decode_bytes,
    env_timeout,
    headline,
    make_article,
    stable_id,
    vet,
)
from polemos.ingest.web import article_from_html, read_feed, read_url
from polemos.models import Article

# importable from here as before
__all__ = ["USER_AGENT", "NotEnglish", "RecordError", "decode_bytes", "env_timeout", "headline", "make_article",
           "read_inputs", "read_file", "read_jsonl", "read_json_array", "sniff_kind", "stable_id", "vet"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}          # also gzipped: .jsonl.gz
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
# What a directory scan picks up (.md is left out: READMEs sit beside articles); a file named
# on the command line is read whatever its suffix.
ARTICLE_SUFFIXES = {".txt", ".text", ".json"} | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES


def read_inputs(inputs: Iterable[str], published: dt.date | None = None) -> Iterator[Article | RecordError]:
    """Articles from every input in order; a bad input or record becomes a RecordError."""
    for name in inputs:
        if name.startswith(("http://", "https://")):
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
        yield article_from_html(text, name, published, id=file_id)
    elif kind == "feed":
        yield from read_feed(text, name, published, fetch_pages=False)
    else:
        yield from _from_text(text, name, published, title=None, id=file_id)


def _from_text(text: str, name: str, published: dt.date | None, title: str | None,
               id: str | None = None) -> Iterator[Article | RecordError]:
    if not text.strip():
        yield RecordError(name, errors.FILE_EMPTY.format(path=name))
        return
    yield make_article(text, name, id=id, published=published, title=title or headline(text), source=name)


def _record_date(value: object, name: str, line: int) -> dt.date | None | RecordError:
    if value in (None, ""):
        return None
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
