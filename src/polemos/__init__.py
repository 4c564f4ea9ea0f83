"""Polemos: news articles in, coded conflict and political events out.

    >>> import polemos
    >>> events = polemos.extract("Russian warplanes struck Atarib on Sunday, killing 17.",
    ...                          published="2020-02-10")
    >>> summary = polemos.ingest(articles, "polemos.duckdb")     # extract and store

`polemos.ingest` is the ingest function; the readers live in the subpackage of the same name
(`from polemos.ingest import read_inputs`), which is imported first so that the function's name
binding below is the one that stays (importing a submodule later does not rebind it).
"""
from __future__ import annotations

import polemos.ingest  # noqa: F401  (the subpackage first: see above)
from polemos.api_python import (
                                IngestedArticle,
                                IngestSummary,
                                extract,
                                extract_articles,
                                extract_events,
                                ingest,
                                merge_article,
)
from polemos.models import Actor, Article, Count, Event, Evidence, Place, StoredEvent
from polemos.version import __version__

__all__ = ["__version__", "extract", "extract_articles", "extract_events", "merge_article", "ingest", "IngestSummary",
           "IngestedArticle", "Article", "Event", "StoredEvent", "Actor", "Count", "Place", "Evidence"]
