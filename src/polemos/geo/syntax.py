"""What spaCy's parse says of a span: its entity label, the preposition or verb that governs it."""
from __future__ import annotations

from polemos.geo.lexicon import geo_words, place_verbs

GOOD_NER = frozenset({"GPE", "LOC", "FAC"})


def ner_at(ents: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    best = None
    for s, e, label in ents:
        if s < end and start < e:
            if label in GOOD_NER:
                return label
            best = best or label
    return best


# the parse ties the name to a place preposition or to a verb that takes places
FIRM_SYNTAX = geo_words("firm_syntax")
_SYNTAX_PREPS = geo_words("syntax_preps")


def parsed_span(sent, start: int, end: int):
    """The tokens of [start, end) (text offsets) in the sentence's parse; None when the sentence
    was not parsed or the offsets fall outside it."""
    if sent.doc is None:
        return None
    return sent.doc.char_span(start - sent.start, end - sent.start, alignment_mode="expand")


def place_syntax(sent, start: int, end: int) -> str | None:
    """The locative preposition governing a span ("in"), or "dobj" when it is the object of a
    verb that takes places ("captured X"); None otherwise or when the sentence was not parsed."""
    span = parsed_span(sent, start, end)
    if span is None:
        return None
    root = span.root
    if root.pos_ != "PROPN":
        return None
    if root.dep_ == "pobj" and root.head.lower_ in _SYNTAX_PREPS:
        return root.head.lower_
    if root.dep_ == "dobj" and root.head.lemma_.lower() in place_verbs():
        return "dobj"
    if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in place_verbs():
        return "subjpass"      # "Jaffna was captured"
    return None




def modifies_noun(sent, start: int, end: int) -> bool:
    """Whether the name modifies a common noun ("the Abuja home", "a Kiev courthouse")."""
    span = parsed_span(sent, start, end)
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "nmod") and root.head.pos_ in ("NOUN", "ADV") and root.head.text.isalpha() \
        and root.head.text.islower()


def ner_exact(ents: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(s == start and e == end for s, e, _ in ents)


