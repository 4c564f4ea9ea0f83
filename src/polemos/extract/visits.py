"""Verbs in a sense that is not their event's. A verb of travel is a visit (PLOVER CONSULT)
only when the text says where to: "the minister flew to Ankara", "arrived in Cairo for talks".
"Police arrived and cordoned off the scene", "a patrol travelling through the village",
"enthusiasts flew drones over military sites" and "they will be flown in exercises" visit nobody.
Asking a question and pleading guilty or not guilty request nothing (`not_a_request`). An event
word in the content of "prospect", "hope", "willingness", "ways" is only imagined (`imagined`)."""
from __future__ import annotations

from spacy.tokens import Token

from polemos import datafiles

_GRAMMAR = datafiles.load_yaml("grammar.yaml")
_TRAVEL = frozenset(_GRAMMAR["visit_travel_verbs"])
_PREPS = frozenset(_GRAMMAR["visit_destination_preps"])
_PLACES = frozenset(_GRAMMAR["visit_destination_entities"])
_DURATIONS = frozenset(_GRAMMAR["visit_not_destination_entities"])
_DURATION_NOUNS = frozenset(_GRAMMAR["visit_duration_nouns"])
_IMAGINED_NOUNS = frozenset(_GRAMMAR["imagined_event_nouns"])
_EMBEDDED_CLAUSE_DEPS = frozenset(_GRAMMAR["visit_embedded_clause_deps"])
_IMAGINED_DEPS = frozenset(_GRAMMAR["imagined_content_deps"])
_QUESTION_VERBS = frozenset(_GRAMMAR["question_verbs"])
_CONTENT_PREPS = frozenset(_GRAMMAR["request_content_preps"])
_QUESTION_MARKS = frozenset(_GRAMMAR["question_marks"])
_PLEA_WORDS = frozenset(_GRAMMAR["plea_words"])
_RETURN_WORDS = frozenset(datafiles.load_yaml("senses.yaml")["return_words"])


def travel_without_destination(tok: Token, type_: str) -> bool:
    """A travel verb read as CONSULT with no destination (a place, or "for" a purpose) of its own."""
    if type_ != "CONSULT" or tok.pos_ != "VERB" or tok.lemma_.lower() not in _TRAVEL:
        return False
    if any(c.dep_ in ("advmod", "prt") and c.lower_ in _RETURN_WORDS for c in tok.children):
        return True           # "flew back to Belfast", "returned home": going home visits nobody
    heads = [tok, *(c for c in tok.children if c.dep_ in ("advmod", "prt"))]     # "flew back to Belfast"
    for h in heads:
        for p in h.children:
            if p.dep_ == "prep" and p.lower_ in _PREPS and any(_destination(o, p.lower_) for o in p.children):
                return False
    return True


def _destination(obj: Token, prep: str) -> bool:
    if obj.dep_ != "pobj":
        return False
    if prep == "for":
        # "arrived for talks", not "flew for hours"
        return obj.ent_type_ not in _DURATIONS and obj.lemma_.lower() not in _DURATION_NOUNS
    return obj.ent_type_ in _PLACES or obj.pos_ == "PROPN"


def not_a_request(tok: Token, type_: str) -> bool:
    """"Asked the agent if there was any evidence", "Mendeloff asked.", "pleaded not guilty": a
    question or a plea, not a request (a request asks someone to act or for something)."""
    if type_ != "REQUEST" or tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma == "plead":
        return any(c.lower_ in _PLEA_WORDS or c.lemma_.lower() in _PLEA_WORDS for c in tok.subtree if c.i > tok.i)
    if lemma not in _QUESTION_VERBS:
        return False
    for c in tok.children:
        if c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS):
            return False      # "asked them to leave", "asked for help"
        if c.dep_ == "ccomp" and not any(m.lower_ in _QUESTION_MARKS or m.tag_ in ("WDT", "WP", "WRB")
                                         for m in c.children):
            return False      # "asked that the talks resume"
    return True


def imagined(tok: Token) -> bool:
    """The event word is in the content of a noun of possibility, hope or manner ("the prospect
    of militants launching attacks", "no willingness to back down", "ways to bring down a drone")."""
    cur = tok
    for _ in range(5):
        if cur.dep_ not in _IMAGINED_DEPS or cur.head == cur:
            return False
        cur = cur.head
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in _IMAGINED_NOUNS:
            return True
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in _EMBEDDED_CLAUSE_DEPS:
            return False      # a clause of its own: "... said, adding that the risk remained"
    return False
