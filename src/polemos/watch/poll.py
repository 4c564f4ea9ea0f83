"""One poll of one source: conditional GET, then its new or changed entries (a feed) or itself
(a page) read as `polemos ingest` reads them, extracted and added to the store.

Order matters for crash safety: an entry is marked seen only after its article is committed,
and the feed's validators are saved (by the loop) only after every entry was handled, so a kill
at any point makes the next poll redo the unfinished part. The store's idempotence (same id and
content: "unchanged") makes the redone part harmless.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import feedparser

from polemos import errors
from polemos.ingest.readers import RecordError, make_article, stable_id
from polemos.ingest.records import NotEnglish
from polemos.ingest.web import article_from_html, html_to_text
from polemos.models import Article, Event
from polemos.store.base import Store
from polemos.watch.http import Fetched, Fetcher, FetchError, decode_html
from polemos.watch.sources import Source
from polemos.watch.state import SourceState, StateTable

log = logging.getLogger("polemos.watch")

Extract = Callable[[list[Article]], list[tuple[Article, list[Event]]]]


@dataclass
class PollResult:
    url: str
    ok: bool = True
    status: int | None = None
    kind: str | None = None
    counts: Counter[str] = field(default_factory=Counter)   # added, replaced, unchanged, failed
    error: str | None = None
    retry_after: float | None = None
    etag: str | None = None
    last_modified: str | None = None
    complete: bool = True          # every entry handled: the validators may be kept
    interrupted: bool = False


@dataclass
class PollContext:
    fetcher: Fetcher
    store: Store
    state: StateTable
    extract: Extract
    stop: threading.Event
    batch: int = 16


def poll_source(src: Source, st: SourceState, ctx: PollContext, now: dt.datetime) -> PollResult:
    res = PollResult(src.url)
    try:
        got = ctx.fetcher.get(src.url, st.etag, st.last_modified)
    except FetchError as e:
        return _failed(res, str(e))
    res.status, res.retry_after = got.status, got.retry_after
    if got.status == 304:
        res.kind, res.etag, res.last_modified = st.kind, st.etag, st.last_modified
        return res
    if got.status >= 400:
        return _failed(res, errors.URL_UNREACHABLE.format(url=src.url, reason=f"HTTP {got.status}"))
    res.etag, res.last_modified = got.etag, got.last_modified
    kind = classify(got)
    if kind == "feed":
        res.kind = "feed"
        _poll_feed(src, got, ctx, now, res)
    elif kind == "page" and src.kind != "feed":
        res.kind = "page"
        _poll_page(src, got, ctx, res)
    else:
        _failed(res, errors.WATCH_NOT_FEED.format(url=src.url, what=_what(got)) if src.kind == "feed"
                else errors.WATCH_NOT_FEED_OR_PAGE.format(url=src.url, what=_what(got)))
    return res


def _failed(res: PollResult, message: str) -> PollResult:
    res.ok, res.error, res.complete = False, message, False
    return res


def _what(got: Fetched) -> str:
    return f"Content-Type {got.content_type or 'none'}, {len(got.body)} bytes"


def classify(got: Fetched) -> str:
    """"feed", "page" or "junk", from the Content-Type and the first bytes."""
    head = got.body[:2000].lstrip().lower()
    ctype = got.content_type
    if "rss" in ctype or "atom" in ctype or any(t in head for t in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if "xml" in ctype and "html" not in ctype:
        return "feed"                    # announced as XML: a feed, or a broken one
    if "html" in ctype or head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "page"
    return "junk"


def _unread(got: Article | RecordError, res: PollResult) -> Article | RecordError:
    """An article in another language (issue 18): its notice logged and counted, and the article
    itself returned so that it is stored unread with its language, as `polemos ingest` does."""
    if isinstance(got, NotEnglish) and got.article is not None:
        log.info("%s", got.message)
        res.counts["not_english"] += 1
        return got.article
    return got


def _poll_page(src: Source, got: Fetched, ctx: PollContext, res: PollResult) -> None:
    art = _unread(article_from_html(decode_html(got.body, got.content_type), src.url, url=src.url), res)
    if isinstance(art, RecordError):
        _failed(res, art.message)
        return
    res.counts.update(_store(ctx, [art]))


def _poll_feed(src: Source, got: Fetched, ctx: PollContext, now: dt.datetime, res: PollResult) -> None:
    feed = feedparser.parse(got.body)
    if not feed.entries and (feed.get("bozo") or not feed.get("version")):
        reason = str(feed.get("bozo_exception") or "no RSS/Atom structure").splitlines()[0][:120]
        _failed(res, errors.FEED_BAD.format(path=src.url, reason=reason))
        return
    seen = ctx.state.seen(src.url)
    feed_title = feed.feed.get("title") or src.url
    pending: list[tuple[str, str, Article | None]] = []
    for n, entry in enumerate(feed.entries, start=1):
        key = entry.get("id") or entry.get("link") or f"{src.url}#{n}"
        fp = fingerprint(entry)
        if seen.get(key) == fp:
            res.counts["unchanged"] += 1
            continue
        if ctx.stop.is_set():
            res.interrupted, res.complete = True, False
            break
        try:
            got_art = entry_article(entry, key, feed_title, src.url, ctx.fetcher)
        except FetchError as e:
            log.warning("%s", e)
            res.counts["failed"] += 1
            res.complete = False           # its page is fetched again next poll
            continue
        got_art = _unread(got_art, res)
        if isinstance(got_art, RecordError):   # no text: nothing to retry
            log.info("%s", got_art.message)
            res.counts["skipped"] += 1
        pending.append((key, fp, got_art if isinstance(got_art, Article) else None))
        if len(pending) >= ctx.batch:
            _flush(src, pending, ctx, now, res)
    if pending and ctx.stop.is_set():      # abandoned: nothing of them is stored or marked
        res.interrupted, res.complete = True, False
    elif pending:
        _flush(src, pending, ctx, now, res)


def _flush(src: Source, pending: list[tuple[str, str, Article | None]], ctx: PollContext,
           now: dt.datetime, res: PollResult) -> None:
    res.counts.update(_store(ctx, [a for _, _, a in pending if a is not None]))
    ctx.state.mark_seen(src.url, [(key, fp, art.id if art else None) for key, fp, art in pending], now)
    pending.clear()


def _store(ctx: PollContext, arts: list[Article]) -> Counter[str]:
    """Add the articles (one transaction for the lot); the unchanged ones skip extraction."""
    done: Counter[str] = Counter()
    fresh = []
    for a in arts:
        if ctx.store.has_article(a):
            done["unchanged"] += 1
        else:
            fresh.append(a)
    read = [a for a in fresh if not _is_unread(a)]
    pairs = ctx.extract(read) if read else []
    pairs += [(a, []) for a in fresh if _is_unread(a)]   # another language: stored, not read
    if pairs:
        done.update(ctx.store.add_articles(pairs))
    return done


def _is_unread(a: Article) -> bool:
    return a.language is not None and a.language != "en"


def fingerprint(entry: Any) -> str:
    """What makes a feed entry 'changed': its title, link, text and dates."""
    get = dict.get                       # the raw keys, without feedparser's updated->published alias
    content = [c.get("value", "") for c in get(entry, "content") or []]
    payload = [get(entry, "title"), get(entry, "link"), get(entry, "summary"), content,
               get(entry, "updated"), get(entry, "published")]
    return hashlib.sha1(json.dumps(payload, ensure_ascii=False, default=str).encode()).hexdigest()


def entry_article(entry: Any, key: str, feed_title: str, name: str, fetcher: Fetcher) -> Article | RecordError:
    """The article of one feed entry as `polemos ingest URL` makes it (same id, same text): its
    linked page cleaned, else the entry's own text. Raises FetchError when the page cannot be had
    (the entry is retried next poll)."""
    title, link = entry.get("title"), entry.get("link")
    date = next((dt.date(*entry[f][:3]) for f in ("published_parsed", "updated_parsed") if entry.get(f)), None)
    if link:
        page = fetcher.get(link)
        if page.status >= 400:
            raise FetchError(errors.URL_UNREACHABLE.format(url=link, reason=f"HTTP {page.status}"))
        art = article_from_html(decode_html(page.body, page.content_type), link, date, url=link, id=stable_id(key))
        if isinstance(art, (Article, NotEnglish)):   # read, or named with its language (issue 18)
            return art
    body = _entry_text(entry)
    if not body:
        return RecordError(name, errors.FEED_ENTRY_NO_TEXT.format(path=name, entry=title or key, detail=""))
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return make_article(body, f"{name} entry", id=stable_id(key), title=title, published=date, url=link,
                        source=feed_title)


def _entry_text(entry: Any) -> str:
    """The entry's own text (its content, else its summary), as `polemos ingest` reads it."""
    if entry.get("content"):
        body = html_to_text(entry["content"][0].get("value", ""))
        if body:
            return body
    return html_to_text(entry["summary"]) if entry.get("summary") else ""
