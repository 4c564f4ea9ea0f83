"""The Python API: the one core every front end (CLI, HTTP, Dask batch) calls.

    extract(text, published)        -> [Event]         every mention, as the extractor finds it
    extract_articles(articles)      -> (article, [Event]) pairs: mentions (the eval harness reads these)
    merge_article(article, mentions) -> [StoredEvent]   one article's events, mentions merged
    extract_events(articles)        -> (article, [StoredEvent]) pairs: what `polemos extract` prints

An event told in two sentences is two mentions and one event; `merge_article` merges them by the
store's own rules, so the events of one article equal what `polemos ingest` stores for it in an
empty store (merging across articles stays the store's job).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from polemos.models import Article, Event
from polemos.store.base import StoredEvent


def _as_date(published: str | dt.date | None) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published
    from polemos.extract.dates import parse_published

    return parse_published(published)


def extract(text: str, published: str | dt.date | None = None, *, document_id: str = "doc",
            title: str | None = None) -> list[Event]:
    """Events in one article's text, with dates resolved against `published`."""
    article = Article(id=document_id, text=text, title=title, published=_as_date(published))
    return next(extract_articles([article]))[1]


def extract_articles(articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Article, list[Event]]]:
    """Stream (article, events) pairs; the NLP pipeline is loaded once and fed in batches."""
    from polemos.extract.pipeline import Extractor

    yield from Extractor.default().extract_stream(articles, batch_size=batch_size)


def merge_article(article: Article, mentions: Sequence[Event]) -> list[StoredEvent]:
    """One article's mentions merged into its events, in reading order: each event carries
    `n_mentions` and its `mentions` (every sentence that tells it), ids and fields as
    `polemos ingest` stores them in an empty store."""
    from polemos.merge.memory import merge_article as merge

    return merge(article, mentions)


def extract_events(articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Article, list[StoredEvent]]]:
    """Stream (article, events) pairs with each article's mentions merged (merge_article)."""
    for article, mentions in extract_articles(articles, batch_size=batch_size):
        yield article, merge_article(article, mentions)
