"""An attack named only as the scene of its victims: "At the Cavehill Road bomb, the victims were
two women and a schoolboy", "In the market attack, the dead included four children". The clause
tells who was hurt; the noun under "at"/"in" is the attack they were hurt in, so it states the
event (a bomb standing for its bombing)."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.triggers import Trigger, TriggerEntry

_GRAMMAR = datafiles.load_yaml("grammar.yaml")
_PREPS = frozenset(_GRAMMAR["scene_preps"])
_BOMBS = frozenset(w.split()[-1] for w in _GRAMMAR["scene_bomb_nouns"])
_VICTIM_WORDS = frozenset(_GRAMMAR["scene_victim_words"])
_BOMBING = TriggerEntry(index=-1, type="ASSAULT", mode="explosives", objects=None, casualty=False,
                        only_conditional=False)


def victims_scene(n: Token) -> bool:
    """The noun is the object of a locative "at"/"in" whose clause names the victims."""
    head = n.head
    if n.dep_ != "pobj" or head.lower_ not in _PREPS or head.dep_ != "prep":
        return False
    verb = head.head
    return any(c.dep_ in ("nsubj", "nsubjpass", "attr") and
               (c.lemma_.lower() in _VICTIM_WORDS or c.lower_ in _VICTIM_WORDS) for c in verb.children)


def bomb_scenes(doc: Doc, taken: set[int]) -> list[Trigger]:
    """A bomb named as the scene of its victims, as the event word of its bombing."""
    low = doc.text.lower()
    if not any(w in low for w in _BOMBS):
        return []             # (speed: most sentences name no bomb)
    return [Trigger(t, t.i, t.i + 1, _BOMBING, "ASSAULT", "explosives") for t in doc
            if t.i not in taken and t.pos_ == "NOUN" and t.lemma_.lower() in _BOMBS and victims_scene(t)]
