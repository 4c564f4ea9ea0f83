"""The values the steps pass along: what one sentence is read with (`SentenceContext`), an event
the writer step made (`Stated`), and what the sentence has produced so far (`SentenceWork`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from polemos.extract.counts import CountSpan
from polemos.extract.dates import DateResult
from polemos.extract.groups import EventGroup
from polemos.extract.story import Memory
from polemos.ingest.clean import CleanText
from polemos.models import Article, Event
from polemos.nlp import ParsedText, Sentence

if TYPE_CHECKING:      # annotations only: geo sits above extract in the layers
    from polemos.geo.api import Geocoder


@dataclass(frozen=True)
class SentenceContext:
    """One parsed sentence of an article, with what the article gives every sentence."""

    article: Article
    clean: CleanText              # the cleaned text (offsets back to article.text)
    parsed: ParsedText
    sentence: Sentence
    doc: Doc
    headline: bool                # no closing punctuation: a headline's grammar
    toponyms: list[Any]           # the article's toponyms (geo), for placing events
    geo: "Geocoder | None"


@dataclass(frozen=True, eq=False)
class Stated:
    """An event the writer step made from one group of event words, with its counts' spans, the
    story's time frame after it and the actors it names for later sentences to refer back to."""

    group: EventGroup
    event: Event
    spans: dict[str, CountSpan]
    story_date: DateResult | None = None
    remember: tuple[Memory, ...] = ()


@dataclass(frozen=True)
class Remember:
    """An actor a later sentence may refer back to ("he", "the minister")."""

    memory: Memory


@dataclass(frozen=True)
class Frame:
    """The story's time frame set by a sentence that tells no event ("... those on Friday, 21 July
    1972, a day that became known as Bloody Friday."), before any event was dated."""

    date: DateResult


@dataclass
class SentenceWork:
    """What the steps have produced for the current sentence, and the article's events so far."""

    stated: list[Stated] = field(default_factory=list)
    article_events: list[Event] = field(default_factory=list)
