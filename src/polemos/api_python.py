"""The Python API: the one core every front end (CLI, HTTP, Dask batch) calls."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from polemos.models import Article, Event


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
