"""Attaching an event to the place it happened in.

The place is a toponym of the event's sentence that the dependency tree ties to the trigger,
preferably through a locative preposition ("struck ... in X", "near X", "into X province").
Toponyms that name an actor ("Turkey sent troops", "Turkish soldiers") are not places of the event.
With no such toponym, the story's main place is used with precision "document" — never a silent
country centroid.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Token

from polemos.models import Place
from polemos.nlp import ParsedText, Sentence

if TYPE_CHECKING:
    from polemos.geo.api import Toponym

_LOCATIVE = {"in": 2.0, "near": 2.0, "at": 1.5, "outside": 2.0, "into": 2.0, "across": 1.5,
             "around": 1.5, "inside": 2.0, "throughout": 1.5, "on": 0.8, "of": 0.6, "to": 1.0,
             "from": 0.3, "within": 1.5, "between": 1.0, "towards": 0.5, "toward": 0.5,
             "through": 1.0, "over": 0.8, "off": 1.5, "along": 1.5, "north": 1.5, "south": 1.5,
             "east": 1.5, "west": 1.5}
_NEAR = {"near", "outside", "around", "off", "north", "south", "east", "west", "northeast",
         "northwest", "southeast", "southwest", "close"}
_ACTOR_DEPS = {"nsubj", "nsubjpass", "agent", "poss", "compound", "amod", "npadvmod", "appos"}
_SPECIFIC = {"place": 1.5, "near": 1.5, "admin2": 1.0, "admin1": 0.6, "country": 0.0}


def _path(a: Token, b: Token) -> int:
    """Number of edges between two tokens of one parse tree (large when in different trees)."""
    anc_a = [a] + list(a.ancestors)
    anc_b = [b] + list(b.ancestors)
    pos_a = {t.i: k for k, t in enumerate(anc_a)}
    for k, t in enumerate(anc_b):
        if t.i in pos_a:
            return pos_a[t.i] + k
    return 99


def _attachment(root: Token) -> tuple[str | None, str]:
    """The preposition that governs a toponym (walking up through nouns) and its own relation."""
    tok = root
    for _ in range(4):
        head = tok.head
        if head is tok:
            break
        if head.dep_ == "prep" or head.pos_ == "ADP":
            return head.lower_, root.dep_
        if tok.dep_ in ("pobj", "compound", "conj", "appos", "amod", "nmod") or head.pos_ in ("NOUN", "PROPN"):
            tok = head
            continue
        break
    return None, root.dep_


def main_place(toponyms: list["Toponym"]) -> Place | None:
    """The story's main place: the most mentioned resolved name, sub-national places first when
    they are mentioned as often as their country."""
    counts: Counter = Counter()
    first: dict[int, Place] = {}
    for t in toponyms:
        p = t.place
        if p is None or p.geonameid is None or t.demonym or t.fallback:
            continue
        w = 1.0 + (0.5 if p.precision != "country" else 0.0)
        counts[p.geonameid] += w
        first.setdefault(p.geonameid, p)
    if not counts:
        return None
    gid = max(counts, key=lambda g: (counts[g], -list(first).index(g)))
    return first[gid]


def event_place(parsed: ParsedText, sentence: Sentence, trigger: Token,
                toponyms: list["Toponym"]) -> Place | None:
    in_sent = [t for t in toponyms if sentence.start <= t.start < sentence.end and t.place is not None]
    doc = sentence.doc
    best, best_s, best_prep = None, -1e9, None
    owners = {id(t.owner) for t in in_sent if t.owner is not None}
    for t in in_sent:
        if t.demonym or t.place.lat is None:
            continue
        score = _SPECIFIC.get(t.place.precision or "place", 0.0)
        if id(t) in owners:
            score -= 2.0     # "Idlib's X": X is where it happened, Idlib only contains it
        prep = None
        if doc is not None and trigger.doc is doc:
            span = doc.char_span(t.start - sentence.start, t.end - sentence.start, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            dist = _path(trigger, root)
            prep, dep = _attachment(root)
            score -= 0.4 * min(dist, 10)
            if prep in _LOCATIVE:
                score += _LOCATIVE[prep]
            elif prep is None and dep in _ACTOR_DEPS:
                score -= 3.0
            elif prep is None and dep in ("dobj", "pobj", "attr", "conj"):
                score += 0.5
            elif prep is not None:
                score -= 0.5    # "envoy for Syria", "aid to"
        if score > best_s:
            best, best_s, best_prep = t, score, prep
    if best is not None and best_s > -3.0:
        p = best.place.model_copy()
        if best_prep in _NEAR and p.precision == "place":
            p.precision = "near"
        return p
    doc_place = main_place(toponyms)
    if doc_place is None:
        return None
    p = doc_place.model_copy()
    p.text = None
    p.precision = "document"
    return p
