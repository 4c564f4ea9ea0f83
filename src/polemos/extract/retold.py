"""Sentences of a long article that tell no new event (issue 12): a section heading inside the
body ("Car bombs", "Calls for calm": a line with no closing punctuation after the prose began),
and a sentence that only describes the victims of an attack told before ("Of the 130 injured, 77
were women", "The wounded included a police chief", "There were eight women and four men
injured"). News writing gives the attack first and its victims after; such a sentence is the
same event told again, so it founds none (a toll in it may still revise the attack: later_toll)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.counts import extract_counts
from polemos.extract.groups import EventGroup
from polemos.extract.revisions import CountRevision
from polemos.extract.senses import later_death
from polemos.extract.story import StoryState
from polemos.extract.triggers import TriggerLexicon
from polemos.models import Event

_GRAMMAR = datafiles.load_yaml("grammar.yaml")
# Entities that give a sentence its own time or place: a victims' sentence with one may be another event.
_OWN_FRAME_ENTS = frozenset(_GRAMMAR["retold_own_frame_entities"])
_OWN_PLACE_ENTS = frozenset(_GRAMMAR["retold_own_place_entities"])
# How a casualty word names people rather than states the act: "the injured", "members killed".
_NOMINAL_DEPS = frozenset(_GRAMMAR["retold_nominal_deps"])
_ATTACKERS = frozenset(_GRAMMAR["retold_attacker_nouns"])
_HEADING_MAX_WORDS = 10
_SENSES = datafiles.load_yaml("senses.yaml")
_WAVE_VERBS = frozenset(_SENSES["wave_verbs"])
_WAVE_DETS = frozenset(_SENSES["wave_determiners"])
_WAVE_EACH = frozenset(_SENSES["wave_distributive"])
_WAVE_PRONOUNS = frozenset(_SENSES["wave_pronouns"])
_WAVE_OWN = frozenset(_SENSES["wave_own_entities"])
_WAVE_SPECIFIC = frozenset(_SENSES["wave_specific_deps"])


def is_heading(text: str, prose_seen: bool) -> bool:
    """A section heading: a short line without closing punctuation once the article's prose has
    begun (the first line is the headline, which tells the story's event; a run of such lines
    before any prose is a list of headlines, each its own story). A "See also" list of short lines
    is headings too."""
    lines = [ln.split() for ln in text.split("\n") if ln.strip()]
    # (a list of links or headings the sentencizer joined: every line of it short)
    return prose_seen and bool(lines) and all(len(words) <= _HEADING_MAX_WORDS for words in lines)


def victims_retold(groups: Sequence[EventGroup], doc: Doc, state: StoryState, lexicon: TriggerLexicon) -> bool:
    """Whether the sentence's only event words describe the victims of an attack told before:
    every event word is a casualty word used of people (not a verb with its own attacker), the
    sentence names no attack, date or place of its own, and the story already holds an attack."""
    if not groups or not any(ev.type == "ASSAULT" and ev.status == "occurred" for _, ev in state.events):
        return False
    members = [m for g in groups for m in g.members]
    if not all(m.entry.casualty and m.type == "ASSAULT" for m in members):
        return False
    if any(_own_frame(t) or t.lemma_.lower() in _ATTACKERS for t in doc):
        return False          # "Two days later, five were killed in Herat", "20 insurgents were killed"
    if not all(_names_victims(m.token) for m in members):
        return False
    # an attack word of its own, even one only mentioned ("the worst explosion was at ..., where six
    # were killed"), makes the sentence tell an attack (last: the matcher runs again)
    return all(t.entry.casualty for t in lexicon.find(doc))


def retold_toll(doc: Doc, state: StoryState) -> Iterator[CountRevision]:
    """"A bomb exploded at a bank. Two people were injured, police said.": the victims told after
    the attack are its toll, where the attack has no figure of that kind yet."""
    prev = next((ev for _, ev in reversed(state.events) if ev.type == "ASSAULT" and ev.status == "occurred"
                 and not _attackers_dead(ev)), None)
    if prev is None:
        return
    for kind, c in extract_counts(doc).items():
        if kind in ("killed", "injured") and c.best is not None and getattr(prev, kind) is None:
            yield CountRevision(prev, kind, c, "victims told after")


def _attackers_dead(ev: Event) -> bool:
    """The event's dead are its attackers ("6 gunmen were killed"): not the attack the victims were hurt in."""
    who = (ev.killed.who or "") if ev.killed is not None else ""
    return any(w.lower().rstrip("s") in _ATTACKERS or w.lower() in _ATTACKERS for w in who.split())


def _own_frame(t: Token) -> bool:
    """A time or place of the sentence's own (an age, "a 10-year-old girl", is no time)."""
    if t.ent_type_ in _OWN_FRAME_ENTS:
        return not any(w.lower_.endswith("old") for w in doc_ent(t))
    return t.ent_type_ in _OWN_PLACE_ENTS and t.dep_ == "pobj"


def doc_ent(t: Token) -> list[Token]:
    """The tokens of the entity `t` is in."""
    return next((list(e) for e in t.doc.ents if e.start <= t.i < e.end), [t])


def _names_victims(tok: Token) -> bool:
    """"the injured", "13 injured", "members killed were", "injuries": the word names or
    qualifies the victims; "were wounded" with no agent is the attack's toll told again."""
    if any(c.dep_ == "agent" for c in tok.children):
        return False          # "were killed by gunmen": an attacker of its own
    if tok.pos_ in ("NOUN", "PROPN", "ADJ") or (tok.dep_ in _NOMINAL_DEPS and tok.tag_ in ("VBN", "JJ")):
        return True
    if tok.tag_ == "VBN" and any(c.dep_ in ("auxpass", "aux") for c in tok.children):
        return not any(c.dep_ in ("dobj", "obj") for c in tok.children)
    return False


def later_deaths_retold(groups: Sequence[EventGroup], state: StoryState) -> bool:
    """Whether the sentence only tells later deaths from wounds ("A thirteenth victim died in 1977
    of injuries suffered during the attack", "Five of the wounded died overnight") once the story
    holds an attack: they are its toll."""
    if not groups or not any(ev.type == "ASSAULT" and ev.status == "occurred" for _, ev in state.events):
        return False
    members = [m for g in groups for m in g.members]
    # (the other words name the attack or its wounded: "of injuries suffered in the attack", "five of the wounded")
    return all(m.type == "ASSAULT" and (later_death(m.token) or (m.is_noun or m.token.tag_ in ("VBN", "JJ"))
                                        and m.token.dep_ == "pobj")
               for m in members) and any(later_death(m.token) for m in members)


def wave_retold(groups: Sequence[EventGroup], doc: Doc, state: StoryState) -> bool:
    """Whether the sentence only tells again the bombs of an attack told before: each event word
    is an explosion verb whose subject is definite ("the bombs", "each bomb") or a pronoun
    ("they"), or such an attack noun, and the sentence has no place, date, number or attacker of
    its own ("The bombs began to explode before 3pm", "Then they exploded at one a minute")."""
    if not groups or not any(ev.type == "ASSAULT" and ev.status == "occurred" for _, ev in state.events):
        return False
    members = [m for g in groups for m in g.members]
    if not all(m.type == "ASSAULT" and not m.entry.casualty and _definite_bombs(m.token) for m in members):
        return False
    return not any(t.ent_type_ in _WAVE_OWN or t.dep_ == "agent" for t in doc)


def _definite_bombs(tok: Token) -> bool:
    subj = _wave_subject(tok)
    if subj is None:
        return False
    if subj.lower_ in _WAVE_PRONOUNS:
        return True
    dets = {c.lower_ for c in subj.children if c.dep_ in ("det", "predet")}
    return bool(dets & _WAVE_DETS) and (subj.tag_ in ("NNS", "NNPS") or bool(dets & _WAVE_EACH)) and not any(
        c.dep_ in _WAVE_SPECIFIC for c in subj.children)


def _wave_subject(tok: Token) -> Token | None:
    """The attack noun itself, or the subject of an explosion verb ("the bombs began to explode")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return tok
    if tok.lemma_.lower() not in _WAVE_VERBS:
        return None
    verb = tok.head if tok.dep_ == "xcomp" else tok
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
