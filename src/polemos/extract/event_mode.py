"""Step "mode": how the event was done (weapon, arrest, curfew ...), from the event words, their
attacker and the clause that explains them, else from the story's attack they continue."""
from __future__ import annotations

from dataclasses import dataclass

from polemos import datafiles
from polemos.extract.actors import Coded
from polemos.extract.dates import DateResult
from polemos.extract.groups import EventGroup
from polemos.extract.resources import Resources
from polemos.extract.senses import offset_prep
from polemos.extract.story import StoryState, latest_attacker
from polemos.models import Actor, Event

_MODE_CUE_DEPS = datafiles.word_list("grammar", "mode_cue_deps")
_MODE_RANK = list(datafiles.word_list("ontology", "mode_rank"))
_AGENT_DEPS = ("nsubj", "agent")


@dataclass(frozen=True)
class Moded:
    """The mode, and actor1 when the mode came from the story's latest attack (its attacker)."""

    mode: str | None
    actor1: Actor | None


def mode_of(res: Resources, g: EventGroup, type_: str, a1: list[Coded] | None) -> str | None:
    """The mode the sentence states: the members' own modes (highest ranked), else the cue words
    of the event's type around them."""
    words: list[str] = []
    if a1 and a1[0].head is not None:
        words += [t.lemma_.lower() for t in res.coder.np_tokens(a1[0].head)]
    elif a1 and a1[0].actor.text:
        words += a1[0].actor.text.lower().split()
    modes = [m.mode for m in g.members if m.mode and m.type == type_]
    if modes:
        return _ranked(res, g, modes, words)
    cues = res.ontology.mode_cues.get(type_)
    if not cues:
        return None
    for m in g.members:
        for c in m.token.children:
            if c.dep_ in _MODE_CUE_DEPS and not offset_prep(c):     # not "three days after the bombing"
                # "killed when a powerful bomb went off": the weapon of the clause that explains it
                words += [t.lemma_.lower() for t in c.subtree]
        words.append(m.token.lemma_.lower())
    if g.anchor is not None and all(g.anchor != m.token for m in g.members):
        # "the attack was carried out with grenades": the weapon the light verb names
        words += [t.lemma_.lower() for c in g.anchor.children if c.dep_ == "prep" and c.lower_ == "with"
                  for t in c.subtree]
    text = " " + " ".join(words) + " "
    for mode, cue_words in cues.items():
        if any(f" {w} " in text for w in cue_words):
            return mode
    return None


def _ranked(res: Resources, g: EventGroup, modes: list[str], words: list[str]) -> str:
    """The highest-ranked of the members' modes; explosives dropped from aircraft are an air strike."""
    mode = sorted(modes, key=lambda x: _MODE_RANK.index(x) if x in _MODE_RANK else 99)[0]
    # the attacker as coded, or as written when it was not coded ("their planes")
    actor = " " + " ".join(words + [t.lemma_.lower() for m in g.members for c in m.token.children
                                    if c.dep_ in _AGENT_DEPS for t in c.subtree]) + " "
    if mode == "explosives" and any(f" {w} " in actor for w in res.ontology.aircraft_words):
        return "aerial"   # "their planes bombed a refugee camp": an air strike
    return mode


def mode_from_story(g: EventGroup, type_: str, mode: str | None, actor1: Actor | None, antecedent: Event | None,
                    named_attacker: bool, date: DateResult, state: StoryState) -> Moded:
    """An attack stated with no weapon takes the one of the attack it refers back to; victims told
    with no attack of their own ("A bomb exploded at a bank. Two people were injured.") are the
    victims of the story's latest attack (its weapon, its attacker), unless the sentence names who
    killed them or dates them another day."""
    if mode is None and type_ == "ASSAULT" and antecedent is not None and antecedent.type == type_ \
            and antecedent.mode:
        mode = antecedent.mode    # "the attack took place at 0200": the attack told before, with its weapon
    if type_ == "ASSAULT" and mode is None and all(m.entry.casualty for m in g.members) and not named_attacker:
        prev = next((ev for _, ev in reversed(state.events) if ev.type == "ASSAULT"), None)
        # (victims of another day are another attack's: "bombs have exploded in recent months
        # ... a banker was murdered on 25 August")
        other_day = date.date is not None and not date.inherited and prev is not None and \
            prev.date is not None and date.date.isoformat() != prev.date
        if prev is not None and prev.status == "occurred" and prev.mode is not None and not other_day:
            mode = prev.mode
            if actor1 is None:
                # the attacker of the story's latest attack that names one (a heading or a
                # casualty line in between names none), not past another day's attack
                source = latest_attacker(state, prev)
                actor1 = source.actor1.model_copy() if source is not None and source.actor1 else None
    return Moded(mode, actor1)
