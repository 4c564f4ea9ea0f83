"""The Python API: the one core every front end (CLI, HTTP, Dask batch) calls.

    extract(text, published)        -> [Event]         every mention, as the extractor finds it
    extract_articles(articles)      -> (article, [Event]) pairs: mentions (the eval harness reads these)
    merge_article(article, mentions) -> [StoredEvent]   one article's events, mentions merged
    extract_events(articles)        -> (article, [StoredEvent]) pairs: what `polemos extract` prints
    ingest(articles, store)         -> IngestSummary   extract and store (what `polemos ingest`, POST /ingest
                                                       and the demo do)

An event told in two sentences is two mentions and one event; `merge_article` merges them by the
store's own rules, so the events of one article equal what `polemos ingest` stores for it in an
empty store (merging across articles stays the store's job).
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from polemos.ingest.language import LanguageTally
from polemos.ingest.records import NotEnglish
from polemos.merge.memory import merge_article as merge
from polemos.models import Article, Event, StoredEvent
from polemos.store import open_store
from polemos.store.base import Store
from polemos.store.load import load

Extractor = Callable[[Iterable[Article]], Iterator[tuple[Article, list[Event]]]]


def _as_date(published: str | dt.date | None) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published
    from polemos.extract.dates import parse_published  # noqa: PLC0415  (start-up cost: the extractor's modules)

    return parse_published(published)


def extract(text: str, published: str | dt.date | None = None, *, document_id: str = "doc",
            title: str | None = None) -> list[Event]:
    """Events in one article's text, with dates resolved against `published`."""
    article = Article(id=document_id, text=text, title=title, published=_as_date(published))
    return next(extract_articles([article]))[1]


def extract_articles(articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Article, list[Event]]]:
    """Stream (article, events) pairs; the NLP pipeline is loaded once and fed in batches."""
    from polemos.extract.pipeline import Extractor  # noqa: PLC0415  (start-up cost: spaCy)

    yield from Extractor.default().extract_stream(articles, batch_size=batch_size)


def merge_article(article: Article, mentions: Sequence[Event]) -> list[StoredEvent]:
    """One article's mentions merged into its events, in reading order: each event carries
    `n_mentions` and its `mentions` (every sentence that tells it), ids and fields as
    `polemos ingest` stores them in an empty store."""
    return merge(article, mentions)


def extract_events(articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Article, list[StoredEvent]]]:
    """Stream (article, events) pairs with each article's mentions merged (merge_article)."""
    for article, mentions in extract_articles(articles, batch_size=batch_size):
        yield article, merge_article(article, mentions)


@dataclass
class IngestedArticle:
    """One article `ingest` was given: its id, what the store did ("added", "replaced" or
    "unchanged") and, when asked for (`keep_mentions`), the mentions extracted from it."""

    id: str
    status: str
    mentions: list[Event] | None = None
    notice: str | None = None        # a NotEnglish article, stored unread: the notice naming its language
    language: str | None = None


@dataclass
class IngestSummary:
    """What `ingest` did, and the store's size afterwards."""

    articles: list[IngestedArticle] = field(default_factory=list)
    store_articles: int = 0
    store_mentions: int = 0
    store_events: int = 0
    languages: LanguageTally = field(default_factory=LanguageTally)   # read / skipped as not English

    @property
    def read(self) -> list[IngestedArticle]:
        """The articles read (not those stored unread as not English)."""
        return [a for a in self.articles if a.notice is None]

    def count(self, status: str) -> int:
        """How many articles read were "added", "replaced" or "unchanged"."""
        return sum(a.status == status for a in self.read)


def ingest(articles: Iterable[Article | NotEnglish], store: Store | str | Path | None = None, *,
           skip_stored: bool = True, keep_mentions: bool = False, progress: bool | None = False,
           extractor: Extractor | None = None) -> IngestSummary:
    """Extract events from articles and store them (merged into the store's events), the one way
    every front end ingests: `polemos ingest`, POST /ingest and the demo.

    `store` is an open Store or a location (path or postgresql:// URL; None: $POLEMOS_DB or
    ./polemos.duckdb), opened and closed here. Articles the store already holds unchanged are
    not extracted again (`skip_stored`); when no article is new the NLP pipeline is not even
    loaded. Articles are merged and written 256 per transaction (store.load.BATCH; a crash loses
    at most the open batch).
    `extractor` replaces extract_articles (the HTTP API passes one that takes its lock).
    A `NotEnglish` item (what the readers and `ingest.readers.vet` return for another language,
    issue 18) is stored unread, with its language and no events, and counted in `languages`."""
    if store is None or isinstance(store, (str, Path)):
        with open_store(store) as opened:
            return ingest(articles, opened, skip_stored=skip_stored, keep_mentions=keep_mentions,
                          progress=progress, extractor=extractor)
    summary = IngestSummary()

    def fresh() -> Iterator[Article]:   # articles the store does not hold yet (or holds in another version)
        for a in articles:
            if isinstance(a, NotEnglish):
                _unread(a, store, summary, skip_stored)
            elif skip_stored and store.has_article(a):
                summary.articles.append(IngestedArticle(a.id, "unchanged"))
            else:
                yield a

    def stored(a: Article, mentions: list[Event], status: str) -> None:
        summary.articles.append(IngestedArticle(a.id, status, mentions if keep_mentions else None))

    todo = fresh()
    first = next(todo, None)   # nothing new: do not even load the NLP pipeline
    if first is not None:
        load(store, (extractor or extract_articles)(itertools.chain([first], todo)), progress=progress,
             on_stored=stored)
    summary.languages.read = len(summary.read)
    size = store.summary()
    summary.store_articles, summary.store_mentions, summary.store_events = \
        size["articles"], size["mentions"], size["events"]
    return summary


def _unread(item: NotEnglish, store: Store, summary: IngestSummary, skip_stored: bool) -> None:
    """A non-English article: counted, and stored with its language and no events (issue 18)."""
    if item.verdict is not None:
        summary.languages.add(item.verdict)
    a = item.article
    if a is None:
        return
    status = "unchanged" if skip_stored and store.has_article(a) else store.add_article(a, [])
    summary.articles.append(IngestedArticle(a.id, status, [], notice=item.message, language=a.language))
