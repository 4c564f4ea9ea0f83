"""Names merging gives things: an article's identity (content hash, outlet) and a mention's key.

A mention key is `<article id>#<tag>#<position>`: the tag is the first 8 hex digits of the
article's content hash (so a changed article gets new keys) or `bulk:<event id>` for prebuilt
events; the position is the mention's index in its article and orders an event's members.
"""
from __future__ import annotations

import hashlib
import json
from urllib.parse import urlparse

from polemos.models import Article


def content_hash(a: Article) -> str:
    """What makes an article 'the same article again': its text and metadata."""
    payload = json.dumps([a.text, a.title, a.published.isoformat() if a.published else None,
                          a.url, a.source], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def source_name(a: Article) -> str:
    """The outlet an article counts as for independent sources: its source, else its URL's host."""
    if a.source:
        return a.source
    if a.url:
        host = urlparse(a.url).hostname
        if host:
            return host.removeprefix("www.")
    return a.id


def mention_key(article_id: str, tag: str, position: int) -> str:
    """The key of the mention at `position` in an article (tag: content_tag or bulk_tag)."""
    return f"{article_id}#{tag}#{position}"


def content_tag(a: Article) -> str:
    """The tag of an article's mention keys: the first 8 hex digits of its content hash."""
    return content_hash(a)[:8]


def bulk_tag(event_id: str) -> str:
    """The tag of the mention keys of a prebuilt event stored by add_events_bulk."""
    return f"bulk:{event_id}"


def mention_position(key: str) -> int:
    """A mention key's position in its article (the number that ends it)."""
    return int(key.rsplit("#", 1)[-1])
