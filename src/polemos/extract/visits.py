"""A verb of travel is a visit (PLOVER CONSULT) only when the text says where to: "the minister
flew to Ankara", "arrived in Cairo for talks". "Police arrived and cordoned off the scene", "a
patrol travelling through the village", "enthusiasts flew drones over military sites" and "they
will be flown in exercises" visit nobody."""
from __future__ import annotations

from spacy.tokens import Token

from polemos import datafiles

_GRAMMAR = datafiles.load_yaml("grammar.yaml")
_TRAVEL = frozenset(_GRAMMAR["visit_travel_verbs"])
_PREPS = frozenset(_GRAMMAR["visit_destination_preps"])
_PLACES = frozenset(_GRAMMAR["visit_destination_entities"])


def travel_without_destination(tok: Token, type_: str) -> bool:
    """A travel verb read as CONSULT with no destination (a place, or "for" a purpose) of its own."""
    if type_ != "CONSULT" or tok.pos_ != "VERB" or tok.lemma_.lower() not in _TRAVEL:
        return False
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
        return True           # "arrived for talks", "flew in for the funeral"
    return obj.ent_type_ in _PLACES or obj.pos_ == "PROPN"
