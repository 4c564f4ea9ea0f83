"""Polemos: news articles in, coded conflict and political events out.

    >>> import polemos
    >>> events = polemos.extract("Russian warplanes struck Atarib on Sunday, killing 17.",
    ...                          published="2020-02-10")
"""
from __future__ import annotations

__version__ = "0.1.0"

from polemos.api_python import extract, extract_articles, extract_events, merge_article  # noqa: E402
from polemos.models import Actor, Article, Count, Event, Evidence, Place  # noqa: E402

__all__ = ["extract", "extract_articles", "extract_events", "merge_article", "Article", "Event", "Actor", "Count", "Place", "Evidence"]
