"""Step "place": where the event happened (the geocoder, when there is one) and the country it
happened in, which later fills in the countries the actors' words leave open."""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.story import StoryContext, StoryState
from polemos.models import Place
from polemos.nlp import ParsedText, Sentence

if TYPE_CHECKING:      # annotations only: geo sits above extract in the layers
    from polemos.geo.api import Geocoder

# GeoNames feature codes of capitals and seats of government: trusted even when the story never
# names their country ("in Tel Aviv").
_MAJOR_PLACES = datafiles.words("ontology", "major_place_codes")


def place_of(geo: Geocoder | None, article_id: str, parsed: ParsedText, sent: Sentence, trigger: Token,
             toponyms: list[Any]) -> Place | None:
    """The event's place, or None (no geocoder; nothing placed; a geocoder error, said on stderr)."""
    if geo is None:
        return None
    try:
        return geo.event_place(parsed, sent, trigger, toponyms)
    except Exception as e:   # a geocoder bug must not lose the event
        print(f"polemos: {article_id}: place not resolved ({e})", file=sys.stderr)
        return None


def event_country(story: StoryContext, doc: Doc, place: Place | None, state: StoryState) -> str | None:
    """One the sentence names as its place, else the gazetteer's (trusted when the story names
    that country, or names none and is about it), else the story's."""
    place_country = place.country if place is not None and place.country else None
    if place is not None and place_country and place_country not in state.countries and \
            (state.countries or (state.story_country and place_country != state.story_country)) and \
            (place.feature_code or "") not in _MAJOR_PLACES:
        place_country = None  # a street or village abroad sharing the name of one in the story
    return story.sentence_country(doc) or place_country or state.story_country
