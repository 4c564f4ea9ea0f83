"""Shared helper for tests of the place the geocoder gives an event."""
from __future__ import annotations

from polemos.geo.api import Geocoder
from polemos.models import Place
from polemos.nlp import parse_texts


def event_place(geocoder: Geocoder, text: str, trigger: str) -> Place | None:
    """The place `geocoder` gives the event worded by `trigger` (its first token) in `text`."""
    parsed = parse_texts([text], lambda s: True)[0]
    sent = next(s for s in parsed.sentences if trigger in s.text)
    tok = next(t for t in sent.doc if t.text == trigger)
    return geocoder.event_place(parsed, sent, tok, geocoder.toponyms(parsed))
