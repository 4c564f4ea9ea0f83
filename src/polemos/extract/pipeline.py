"""From articles to Event records: clean → parse candidate sentences → triggers → actors →
status → date, counts, place → ACLED crosswalk → Event. Finding (triggers, roles) is kept apart
from writing (Event records); every word list is data (see polemos/data/).

This module holds the orchestrating Extractor: it parses articles in batches and runs the
steps over each sentence in document order. The steps are its parts, one module each: groups.py
(event words into events), event_builder.py (a group into an Event), participants.py (actors
from the story and the sentence), story.py (what earlier sentences tell later ones), claims.py
(claims of responsibility) and event_counts.py (which event keeps each count; later tolls)."""
from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Iterator
from itertools import islice

from polemos.budget import ArticleBudget
from polemos.extract.actors import ActorCoder, default_coder
from polemos.extract.claims import Claims
from polemos.extract.event_builder import EventBuilder
from polemos.extract.event_counts import CountAttachment, _casualty_re, _number_re
from polemos.extract.groups import EventGrouping, EventGroup
from polemos.extract.participants import Participants
from polemos.extract.story import StoryContext, StoryState
from polemos.extract.triggers import TriggerLexicon, default_lexicon, load_data
from polemos.models import Article, Event

_END_PUNCT = tuple(".!?\"”’)'")


class Extractor(EventGrouping, EventBuilder, Participants, StoryContext, Claims, CountAttachment):
    """The extraction core, with lexicons, dictionaries and the NLP pipeline loaded once."""

    def __init__(self, lexicon: TriggerLexicon, coder: ActorCoder, ontology: dict, geocoder=None) -> None:
        self.lexicon = lexicon
        self.coder = coder
        self.ontology = ontology
        self.types = ontology["types"]
        self.mode_cues: dict[str, dict[str, list[str]]] = ontology["mode_cues"]
        self.aircraft_words: list[str] = ontology.get("aircraft_words", [])
        self.threat_types = set(ontology["threat_when_conditional"])
        self.intransitive = set(ontology["intransitive"])
        self.symmetric = set(ontology["symmetric"])
        self.reciprocal = set(ontology["reciprocal_triggers"])
        self.prepare_verbs = set(ontology["mobilize_when_prepared"])
        trig_data = load_data("triggers.yaml")
        self.target_preps = trig_data["target_preps"]
        self.place_target_preps = set(trig_data.get("place_target_preps", []))
        self.place_target_path = set(trig_data.get("place_target_path", []))
        self.place_target_skip = set(trig_data.get("place_target_skip", []))
        self.proposal_nouns = set(trig_data.get("proposal_nouns", []))
        self.proposal_author_preps = set(trig_data.get("proposal_author_preps", []))
        self.event_nouns = lexicon.noun_lemmas | lexicon.toll_nouns
        self.negated_as: dict[str, str] = ontology["negated_as"]
        self.threat_when_promised = set(ontology["threat_when_promised"])
        self.purpose_of: dict[str, set[str]] = {k: set(v) for k, v in ontology["purpose_of"].items()}
        self.threat_when_announced = set(ontology["threat_when_announced"])
        self.pledge_when_announced = set(ontology["pledge_when_announced"])
        self.count_owners: dict[str, dict[str, list]] = ontology.get("count_owners", {})
        self._geocoder = geocoder
        self._geo_failed = False

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "Extractor":
        return cls(default_lexicon(), default_coder(), load_data("ontology.yaml"))

    # ------------------------------------------------------------ the stream
    def extract_stream(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Article, list[Event]]]:
        """(article, events) for each article; sentences of a whole batch are parsed together."""
        from polemos.ingest import clean_text
        from polemos.nlp import parse_texts

        it = iter(articles)
        while True:
            chunk = list(islice(it, max(1, batch_size)))
            if not chunk:
                return
            cleans = [clean_text(a.text) for a in chunk]
            names, proper = self.coder.proper_names
            parsed = parse_texts([c.text for c in cleans], self._is_candidate, names=names, proper=proper,
                                 context=self.lexicon.with_context)
            for art, clean, p in zip(chunk, cleans, parsed):
                yield art, self.article_events(art, clean, p)

    def _is_candidate(self, sentence: str) -> bool:
        """The trigger filter, or a number with a casualty word: a toll told on its own ("The
        death toll rose to 14", "7 bodies found") may revise or state an attack."""
        return self.lexicon.is_candidate(sentence) or (
            _casualty_re().search(sentence) is not None and _number_re().search(sentence) is not None)

    def _geo(self):
        if self._geocoder is None and not self._geo_failed:
            try:
                from polemos.geo import get_geocoder

                self._geocoder = get_geocoder()
            except Exception as e:   # the gazetteer is optional for extraction: say so once
                self._geo_failed = True
                print(f"polemos: places not resolved ({e})", file=sys.stderr)
        return self._geocoder

    # ------------------------------------------------------------ one article
    def article_events(self, article: Article, clean, parsed) -> list[Event]:
        geo = self._geo()
        toponyms = geo.toponyms(parsed) if geo is not None else []
        state = StoryState(story_country=self._story_country(parsed, toponyms),
                          countries={iso for s in parsed.sentences for _, iso in self.coder.countries_in(s.text)})
        out: list[Event] = []
        budget = ArticleBudget(article.source or article.id, len(parsed.sentences), len(parsed.text))
        for i, sent in enumerate(parsed.sentences):
            if sent.doc is None:
                continue
            if budget.over(i, len(out)):    # hard inputs (issue 18): keep what was found, go on
                break
            headline = not sent.piece and not sent.text.rstrip().endswith(_END_PUNCT)
            stated: list[tuple[EventGroup, Event]] = []
            for group in self._groups(sent.doc, headline):
                ev = self._event(article, clean, parsed, sent, group, state, toponyms, headline)
                if ev is not None:
                    stated.append((group, ev))
                    out.append(ev)
                    state.events.append(({m.token.lemma_.lower() for m in group.members}, ev))
            self._own_counts(sent.doc, stated)
            if not stated:
                self._later_toll(sent.doc, state)
            self._claims(sent.doc, article, state, out)
            # people named here are who "he" and "the minister" refer to in later sentences
            self._remember_people(sent.doc, article, state)
        return out
