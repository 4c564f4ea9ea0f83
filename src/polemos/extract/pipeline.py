"""From articles to Event records. The Extractor cleans and parses articles in batches, then runs
the named steps (steps.py) over each parsed sentence in document order and applies what they
yield in one place (`_apply`): new events, revisions of earlier ones, actors to remember. Steps
read `Resources` (lexicon, actor coder, ontology: loaded once) and never write the StoryState."""
from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from polemos import errors
from polemos.budget import ArticleBudget
from polemos.errors import InputError
from polemos.extract import revisions
from polemos.extract.acled import code_article_events
from polemos.extract.context import Frame, Remember, SentenceContext, SentenceWork, Stated
from polemos.extract.date_frames import text_frame
from polemos.extract.resources import Resources
from polemos.extract.retold import is_heading
from polemos.extract.scenes import bomb_scenes
from polemos.extract.steps import DEFAULT_STEPS, STEPS, Change, Parts
from polemos.extract.story import StoryState
from polemos.extract.tolls import casualty_re, number_re
from polemos.ingest.clean import CleanText, clean_text
from polemos.models import Article, Event
from polemos.nlp import ParsedText, Sentence, parse_texts

if TYPE_CHECKING:      # annotations only: geo sits above extract in the layers
    from polemos.geo.api import Geocoder

_END_PUNCT = tuple(".!?\"”’)'")
_OTHER_YIELDS = frozenset({"claim", "obligation"})    # gate keys of steps other than the trigger words
# a day a sentence may name (a DATE entity that sets the story's time frame: date_frames.first_frame)
_DAY_CUE = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|"
                      r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
                      r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", re.IGNORECASE)


class Extractor:
    """The extraction core: Resources loaded once, the steps to run, the geocoder (optional)."""

    def __init__(self, resources: Resources, geocoder: Geocoder | None = None,
                 steps: Sequence[str] = DEFAULT_STEPS) -> None:
        unknown = [s for s in steps if s not in STEPS]
        if unknown:
            raise InputError(errors.EXTRACT_UNKNOWN_STEP.format(steps=", ".join(unknown), known=", ".join(STEPS)))
        self.res = resources
        self.lexicon = resources.lexicon
        self.coder = resources.coder
        self.parts = Parts.build(resources)
        self.steps = tuple(steps)
        self._geocoder = geocoder
        self._geo_failed = False

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "Extractor":
        return cls(Resources.default())

    # ------------------------------------------------------------ the stream
    def extract_stream(self, articles: Iterable[Article],
                       batch_size: int = 32) -> Iterator[tuple[Article, list[Event]]]:
        """(article, events) for each article; sentences of a whole batch are parsed together."""
        it = iter(articles)
        while True:
            chunk = list(islice(it, max(1, batch_size)))
            if not chunk:
                return
            cleans = [clean_text(a.text) for a in chunk]
            names, proper = self.coder.proper_names
            parsed = parse_texts([c.text for c in cleans], self._is_candidate, names=names, proper=proper,
                                 context=self.lexicon.with_context, keep=self.may_yield)
            for art, clean, p in zip(chunk, cleans, parsed):
                yield art, self.article_events(art, clean, p)

    def _is_candidate(self, sentence: str) -> bool:
        """The trigger filter, or a number with a casualty word: a toll told on its own ("The
        death toll rose to 14", "7 bodies found") may revise or state an attack."""
        return self.lexicon.is_candidate(sentence) or (
            casualty_re().search(sentence) is not None and number_re().search(sentence) is not None)

    def may_yield(self, sentences: list[Sentence]) -> list[bool]:
        """Which of an article's candidates, parsed without entities, can yield an event or a
        revision, and so need the entity recogniser (nlp.parse_texts); with the sentences those
        refer back to (`with_context`: here anyone named, as "he" is whoever was named). A
        candidate whose tags and tree hold no event word (`TriggerLexicon.find`: without
        entities it finds no fewer) yields none. Kept whatever
        their words: headlines (a stated toll is their event), sentences with a casualty word
        (tolls revise earlier attacks), a claim of responsibility or a demand by "must" (the
        gate's "claim" and "obligation"), a bomb named as the scene of its victims, and a day
        named (it may set the story's time frame, read from its date entity)."""
        flags = [s.doc is not None and self._may_yield(s, s.doc) for s in sentences]
        texts = [s.text for s in sentences]
        named = self.lexicon.with_context(texts, flags, any_name=True)   # "he" may be anyone named
        return [f and s.doc is not None for s, f in zip(sentences, named)]

    def _may_yield(self, sent: Sentence, doc: Doc) -> bool:
        if not sent.piece and not sent.text.rstrip().endswith(_END_PUNCT):
            return True
        if casualty_re().search(sent.text) is not None or _DAY_CUE.search(sent.text) is not None:
            return True
        if not self.lexicon.candidate_keys(sent.text).isdisjoint(_OTHER_YIELDS):
            return True
        return bool(self.lexicon.find(doc)) or bool(bomb_scenes(doc, set()))

    def _geo(self) -> Geocoder | None:
        if self._geocoder is None and not self._geo_failed:
            try:
                # imported here: geo is a higher layer, and the gazetteer is optional for extraction
                from polemos.geo import get_geocoder  # noqa: PLC0415

                self._geocoder = get_geocoder()
            except Exception as e:   # say so once
                self._geo_failed = True
                print(f"polemos: places not resolved ({e})", file=sys.stderr)
        return self._geocoder

    # ------------------------------------------------------------ one article
    def article_events(self, article: Article, clean: CleanText, parsed: ParsedText) -> list[Event]:
        geo = self._geo()
        toponyms = geo.toponyms(parsed) if geo is not None else []
        state = StoryState(story_country=self.parts.story.story_country(parsed, toponyms),
                           countries={iso for s in parsed.sentences for _, iso in self.coder.countries_in(s.text)},
                           story_support=self.parts.story.last_support,
                           member_forces=self.parts.story.member_forces(parsed),
                           origins=self.parts.story.lede_origins(parsed))
        work = SentenceWork()
        steps = [STEPS[name] for name in self.steps]
        budget = ArticleBudget(article.source or article.id, len(parsed.sentences), len(parsed.text))
        prose_seen = False                  # a line without closing punctuation after prose is a heading
        for i, sent in enumerate(parsed.sentences):
            headline = not sent.piece and not sent.text.rstrip().endswith(_END_PUNCT)
            heading, prose_seen = headline and is_heading(sent.text, prose_seen), prose_seen or not headline
            if sent.doc is None or heading:
                if sent.doc is None and not heading and state.story_date is None:
                    state.story_date = text_frame(sent.text, article.published)   # (date_frames.py)
                continue
            if budget.over(i, len(work.article_events)):   # hard inputs (issue 18): keep what was found
                break
            ctx = SentenceContext(article, clean, parsed, sent, sent.doc, headline, toponyms, geo)
            work.stated = []
            for step in steps:
                for change in step(self.parts, ctx, state, work):
                    _apply(change, state, work)
        return code_article_events(work.article_events, article.text)   # ACLED coding by each event's sentence


def _apply(change: Change, state: StoryState, work: SentenceWork) -> None:
    """The one place the article's events and the story state change, as each step yields."""
    if isinstance(change, Stated):
        work.stated.append(change)
        work.article_events.append(change.event)
        if change.story_date is not None:     # (the story's time frame only moves forward)
            state.story_date = change.story_date
        state.memory.extend(change.remember)
        state.events.append(({m.token.lemma_.lower() for m in change.group.members}, change.event))
    elif isinstance(change, Remember):
        state.memory.append(change.memory)
    elif isinstance(change, Frame):
        state.story_date = change.date
    else:
        revisions.apply(change)
