"""HTML pages, RSS/Atom feeds and URLs.

HTML: trafilatura finds the main text and the title; the publication date comes from the page's
metadata only (htmldate without its extensive content search, which guesses from any date in the
text). Feeds: feedparser; each entry becomes an article from its own content, and its linked page
is fetched only when the user gave the feed as a URL (a feed file stays offline).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from polemos import errors
from polemos.ingest.records import USER_AGENT, RecordError, decode_bytes, env_timeout, make_article, stable_id
from polemos.models import Article

if TYPE_CHECKING:
    import httpx  # noqa: PLC0415  (start-up cost: only for web inputs)

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def article_from_html(html: str, name: str, published: dt.date | None = None, *,
                      url: str | None = None, id: str | None = None) -> Article | RecordError:
    import trafilatura  # noqa: PLC0415  (start-up cost: only for web inputs)

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, date_extraction_params=_DATE_PARAMS)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        return RecordError(name, errors.HTML_NO_TEXT.format(path=name))
    date = _iso_date(getattr(doc, "date", None)) or published
    page_url = url or getattr(doc, "url", None)
    return make_article(text, name, id=id or stable_id(page_url or text), title=getattr(doc, "title", None),
                        published=date, url=page_url, source=getattr(doc, "sitename", None) or page_url or name)


def _iso_date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _html_to_text(fragment: str) -> str:
    """Feed summaries carry HTML; paragraphs and line breaks become newlines."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html  # noqa: PLC0415  (start-up cost: only for web inputs)

    fragment = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</h\d>", "\n\n", fragment)
    try:
        return lxml.html.fromstring(f"<div>{fragment}</div>").text_content().strip()
    except Exception:  # lxml raises several types on junk; the tags are dropped by regex then
        return re.sub(r"<[^>]+>", " ", fragment).strip()


def read_feed(content: str | bytes, name: str, published: dt.date | None = None, *,
              fetch_pages: bool = False, client: httpx.Client | None = None) -> Iterator[Article | RecordError]:
    import feedparser  # noqa: PLC0415  (start-up cost: only for web inputs)

    feed = feedparser.parse(content)
    if not feed.entries:
        reason = str(getattr(feed, "bozo_exception", "")) or "no entries"
        yield RecordError(name, errors.FEED_BAD.format(path=name, reason=reason.splitlines()[0][:120]))
        return
    for n, entry in enumerate(feed.entries, start=1):
        key = entry.get("id") or entry.get("link") or f"{name}#{n}"
        title = entry.get("title")
        link = entry.get("link")
        date = None
        for field in ("published_parsed", "updated_parsed"):
            if entry.get(field):
                date = dt.date(*entry[field][:3])
                break
        where = f"{name} entry {n}"
        art: Article | RecordError | None = None
        detail = ""
        if fetch_pages and link:
            page = _fetch(link, client)
            if isinstance(page, str):
                art = article_from_html(page, link, date or published, url=link, id=stable_id(key))
            else:
                detail = f" and its page could not be fetched ({page.message.split(': ', 1)[-1]})"
        if not isinstance(art, Article):
            body = ""
            if entry.get("content"):
                body = _html_to_text(entry["content"][0].get("value", ""))
            if not body and entry.get("summary"):
                body = _html_to_text(entry["summary"])
            if not body:
                yield RecordError(name, errors.FEED_ENTRY_NO_TEXT.format(path=name, entry=title or key, detail=detail))
                continue
            if title and not body.startswith(title):
                body = f"{title}\n\n{body}"
            art = make_article(body, where, id=stable_id(key), title=title, published=date or published,
                               url=link, source=feed.feed.get("title") or name)
        yield art


def _fetch(url: str, client: httpx.Client | None = None) -> str | RecordError:
    import httpx  # noqa: PLC0415  (start-up cost: only for web inputs)

    own = client is None
    client = client or httpx.Client(follow_redirects=True, timeout=env_timeout(), headers={"User-Agent": USER_AGENT})
    try:
        resp = client.get(url)
    except httpx.HTTPError as e:
        return RecordError(url, errors.URL_UNREACHABLE.format(url=url, reason=_reason(e)))
    finally:
        if own:
            client.close()
    if resp.status_code >= 400:
        return RecordError(url, errors.URL_UNREACHABLE.format(url=url, reason=f"HTTP {resp.status_code}"))
    body = (
        decode_bytes(resp.content, url)
        if not resp.encoding or resp.encoding.lower() in ("utf-8", "utf8")
        else resp.text
    )
    return body


def _reason(e: Exception) -> str:
    text = str(e).strip() or type(e).__name__
    return text.splitlines()[0][:160]


def read_url(url: str, published: dt.date | None = None) -> Iterator[Article | RecordError]:
    """A page (HTML) or a feed (RSS/Atom; then each entry's page is fetched too)."""
    import httpx  # noqa: PLC0415  (start-up cost: only for web inputs)

    with httpx.Client(follow_redirects=True, timeout=env_timeout(), headers={"User-Agent": USER_AGENT}) as client:
        try:
            resp = client.get(url)
        except httpx.HTTPError as e:
            yield RecordError(url, errors.URL_UNREACHABLE.format(url=url, reason=_reason(e)))
            return
        if resp.status_code >= 400:
            yield RecordError(url, errors.URL_UNREACHABLE.format(url=url, reason=f"HTTP {resp.status_code}"))
            return
        ctype = resp.headers.get("content-type", "").lower()
        head = resp.content[:2000].lstrip().lower()
        if (
            any(k in ctype for k in ("rss", "atom", "xml"))
            or head.startswith(b"<?xml")
            and (b"<rss" in head or b"<feed" in head)
            or head.startswith((b"<rss", b"<feed"))
        ):
            yield from read_feed(resp.content, url, published, fetch_pages=True, client=client)
            return
        text = resp.text if resp.encoding else decode_bytes(resp.content, url)
        if isinstance(text, RecordError):
            yield text
            return
        if "html" in ctype or text.lstrip()[:1] == "<":
            yield article_from_html(text, url, published, url=url)
        else:
            yield make_article(text, url, id=stable_id(url), published=published, url=url, source=url)


html_to_text = _html_to_text   # public name: polemos.watch reads feed entries exactly as read_feed does
