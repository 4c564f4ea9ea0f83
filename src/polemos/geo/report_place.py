"""How short reports (wire items, ACLED-style notes) place an event relative to a named place, and
the precision a coder writes for it:

- "ambushed on the road 20 km east of Palmyra", "an attack 8 km north of Damboa", "the outskirts of
  X", "5 miles from X": the event lies near X (precision `near`), and X is where the report puts it;
- but "Sarmin, east of Idlib city", "Tarmiyah district north of Baghdad": the phrase says where the
  place named before it lies; the event is there, and the reference point only locates it;
- "Manbij district", "Mangu LGA", "the countryside of Jisr al-Shughur", "the Bandiagara cercle": a
  division named after its town; the event lies somewhere in it (precision `admin2`, at the town's
  point when the index reads the name as the town).
Word lists: data/geo/function_words.yaml (reference_words, district_words, place_heads).
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from polemos.geo.lexicon import geo_words
from polemos.models import PlacePrecision

_REF_WORDS = geo_words("reference_words")
_DISTRICT = geo_words("district_words")
_PLACE_HEADS = geo_words("place_heads")
# the word before "of"/"from" (and "the town of") that ends the text before a name
_REFERENCE = re.compile(r"\b([A-Za-z]+(?:-[A-Za-z]+)?)\s+(?:of|from)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$")
# a distance written before a direction, with its conversion and adverbs: "about 200 kilometers (125
# miles)", "some 20 km", "also just"
_DISTANCE = re.compile(r"(?:\s*\b(?:about|some|around|roughly|nearly|almost|just|only|approximately|barely|also|"
                       r"a\s+few|located|situated|lying)\b|\s*\d[\d.,]*\s*(?:-\s*)?(?:km|kms|kilometers|kilometres|miles?)\b"
                       r"|\s*\(\s*[\d.,]+\s*(?:km|kms|kilometers|kilometres|miles?)\s*\))+\s*$", re.I)
_WORDS = re.compile(r"[A-Za-z][\w'’-]*")
_WORD_AFTER = re.compile(r"\s+([A-Za-z][\w-]*)")
_DIVISION_OF = re.compile(r"\b(?:countryside|district)\s+of\s+(?:the\s+)?$", re.I)
_SPAN = 60


def is_reference_word(word: str) -> bool:
    """"north", "km", "outskirts": a word that, before "of"/"from", makes the next name a
    reference point."""
    return word.lower() in _REF_WORDS


def reference_before(text: str, start: int) -> bool:
    """A reference phrase ("10 km north of", "the outskirts of", "5 miles from") ends right
    before the name at `start`."""
    m = _REFERENCE.search(text, max(0, start - _SPAN), start)
    return m is not None and m.group(1).lower() in _REF_WORDS


def reference_role(text: str, start: int) -> str | None:
    """What a reference phrase right before the name at `start` says: "event" when the event itself
    lies near the name ("ambushed 20 km east of Palmyra", "in a town north of Baghdad"),
    "container" when it locates a place named just before ("Taji, just north of Baghdad", "Tarmiyah
    district north of Baghdad", "Yathrib, 75 kilometres (50 miles) north of Baghdad"), "opening" at
    the start of a sentence ("East of Baquba, in Balad Ruz, ..."), None when there is none."""
    m = _REFERENCE.search(text, max(0, start - _SPAN), start)
    if m is None or m.group(1).lower() not in _REF_WORDS:
        return None
    head = text[max(0, m.start() - _SPAN):m.start()]
    head = _DISTANCE.sub("", head, count=1).rstrip()
    if not head:
        return "opening"
    if head.endswith(","):
        return "container"
    words = _WORDS.findall(head)
    if not words:
        return "opening"
    last = words[-1]
    named = any(ch.isupper() for ch in last)
    if named or last.lower() in _PLACE_HEADS and len(words) > 1 and any(ch.isupper() for ch in words[-2]):
        return "container"
    return "event"


def event_reference(text: str, start: int) -> bool:
    """The name at `start` is a reference point the event itself lies near."""
    return reference_role(text, start) == "event"


def division_named(text: str, start: int, end: int) -> bool:
    """The name at [start, end) names a division after its town: "Manbij district", "Mangu LGA",
    "the Jisr al-Shughur countryside", "the countryside of Maarat al-Numan"."""
    m = _WORD_AFTER.match(text, end)
    if m is not None and m.group(1).lower() in _DISTRICT:
        return True
    return _DIVISION_OF.search(text, max(0, start - 30), start) is not None


def report_precision(precision: PlacePrecision | None, near_prep: bool, text: str, start: int,
                     end: int) -> PlacePrecision | None:
    """The precision a coder writes for an event placed at a town's reading of a name: `near` for a
    reference point or a "near" preposition, `admin2` for a division named after the town."""
    if precision != "place" or not text:
        return precision
    if division_named(text, start, end):
        return "admin2"
    if near_prep or reference_before(text, start):
        return "near"
    return precision


def participle_head(trigger: Token) -> Token | None:
    """The verb a participle clause hangs from ("stormed Dan Sadau ..., kidnapping dozens": stormed);
    the report names the place once, for the whole clause chain. None for other triggers."""
    head = trigger.head
    if trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and head.i != trigger.i and head.pos_ in ("VERB", "AUX"):
        return head
    return None
