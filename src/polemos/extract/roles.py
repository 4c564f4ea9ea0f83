"""Who did it and to whom, from the dependency tree: `roles(anchor, trigger, ...)` finds the tokens
heading actor1 (the doer), actor2 (the one done to) and the victims of an event word. Coding those
phrases into actors is `actors.ActorCoder`'s job."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeGuard

from spacy.tokens import Token

from polemos import datafiles
from polemos.extract.actors import is_date_word
from polemos.extract.triggers import object_heads

_HEADLINE_PASSIVE_DEPS = datafiles.word_list("grammar", "headline_passive_deps")
_SUBJECT_SHARING_DEPS = datafiles.word_list("grammar", "subject_sharing_deps")
_VICTIM_SUBJECT_VERBS = datafiles.words("grammar", "victim_subject_verbs")
_CAUSATIVE_VERBS = datafiles.words("actors", "causative_verbs")
_PATIENT_NOUNS = datafiles.words("actors", "patient_nouns")


@dataclass
class Roles:
    actor1: list[Token] = field(default_factory=list)
    actor2: list[Token] = field(default_factory=list)
    victims: list[Token] = field(default_factory=list)


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited through coordination and control ("X met and agreed",
    "X agreed to withdraw")."""
    seen = 0
    v = verb
    via_participle = False
    while v is not None and seen < 4:
        for c in v.children:
            if c.dep_ == "nsubjpass" and v != verb and via_participle:
                # "the building was hit by a bomb, killing 9": the one hit did not kill; the
                # agent did (a weapon or event noun is no actor: `usable` drops it)
                return _agent(v)
            if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and v != verb):
                if c.tag_ in ("WDT", "WP") and v.dep_ == "relcl":
                    h = v.head
                    if c.lower_ == "who" and h.ent_type_ in ("GPE", "LOC", "FAC") and h.dep_ == "pobj" \
                            and h.head.head.pos_ in ("NOUN", "PROPN"):
                        return h.head.head   # "the governor of Lagos State, who visited": the governor
                    return h          # "the junta, which seized power": the junta
                return c          # "the president is expected to sign": the president signs
        if v.dep_ in ("relcl", "acl") and v.head.dep_ == "dobj" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            v = v.head.head   # "traders called a strike to protest": who called it protests
            seen += 1
            continue
        if v.dep_ in _SUBJECT_SHARING_DEPS and v.head != v:
            if v.dep_ == "advcl" and not any(c.dep_ == "mark" or c.dep_ == "aux" and c.lower_ == "to"
                                             for c in v.children) and v.tag_ != "VBG":
                return None     # (but "they shut the markets to protest": who shut them protests)
            via_participle = via_participle or (v.dep_ == "advcl" and v.tag_ == "VBG")
            v = v.head
            seen += 1
            continue
        return None
    return None


def _headline_passive(verb: Token) -> bool:
    """"Two soldiers gunned down in Farah", "Officer shot dead at checkpoint": a headline's
    passive without its auxiliary. A past participle with a subject and no auxiliary, or "shot
    dead" with no object: the subject suffered it ("Gunmen shot dead two police" has an object)."""
    kids = list(verb.children)
    if not any(c.dep_ == "nsubj" for c in kids) or any(c.dep_ in _HEADLINE_PASSIVE_DEPS for c in kids):
        return False
    return verb.tag_ == "VBN" or any(c.dep_ == "oprd" and c.lower_ == "dead" for c in kids)


def _ordered_done(verb: Token) -> bool:
    """"ordered the activist detained": a participle clause (no auxiliary) under a verb of ordering,
    whose subject is the one it is done to."""
    return verb.dep_ in ("ccomp", "xcomp") and verb.tag_ in ("VBN", "VBD") and \
        verb.head.lemma_.lower() in _CAUSATIVE_VERBS and any(c.dep_ == "nsubj" for c in verb.children) and \
        not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)


def _when_doer(verb: Token) -> Token | None:
    """"12 officers were injured when protesters threw stones at them": who did what hurt them,
    the subject of a "when" clause whose verb acts on something (not "when the roof collapsed")."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.pos_ == "VERB" and any(
                m.dep_ == "advmod" and m.lower_ == "when" for m in c.children) \
                and any(o.dep_ in ("dobj", "prep") for o in c.children):
            return next((s for s in c.children if s.dep_ == "nsubj"), None)
    return None


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _pobj(tok: Token, preps: set[str]) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def between_sides(trigger: Token) -> list[Token]:
    """"a battle between troops and terrorists", "clashes between police and protesters": the two
    sides (first, then the ones coordinated with it); empty when the noun names no pair."""
    between = _pobj(trigger, {"between"})
    if not between:
        return []
    return [between[0]] + [c for c in between[0].children if c.dep_ == "conj"]


def fight_side(verb: Token, fight_nouns: frozenset[str]) -> list[Token]:
    """"died in a gunfight with police", "killed in clashes with troops": the other side of the
    fight the verb's phrase names (empty when it names none)."""
    fights = [verb] if verb.lemma_.lower() in fight_nouns else []
    fights += [p for c in verb.children if c.dep_ == "prep" for p in c.children
               if p.dep_ == "pobj" and p.lemma_.lower() in fight_nouns]
    return [w for f in fights for w in _pobj(f, {"with"})][:1]


def roles(anchor: Token, trigger: Token, event_type: str, event_nouns: set[str],
          target_preps: dict[str, list[str]]) -> Roles:
    """Actor and target words of one event word. `anchor` is the verb that carries the event
    (the trigger itself, or the light verb of "carried out airstrikes"); `trigger` the event word."""
    r = Roles()
    preps = set(target_preps.get(event_type, [])) | set(target_preps.get("*", []))

    def usable(t: Token | None) -> TypeGuard[Token]:
        return t is not None and t.lemma_.lower() not in event_nouns and t.lemma_.lower() != "toll"

    if anchor.pos_ in ("VERB", "AUX") and anchor.dep_ == "acl" and anchor.tag_ == "VBN" and usable(anchor.head):
        r.actor2.append(anchor.head)   # "three soldiers killed in an attack": the soldiers suffered it
        ag = _agent(anchor)
        if usable(ag):
            r.actor1.append(ag)
        elif anchor.head.dep_ == "dobj" and anchor.head.head.lemma_.lower() in _CAUSATIVE_VERBS:
            s = _subject(anchor.head.head)     # "the court ordered the two men detained": the court
            if usable(s):
                r.actor1.append(s)
        return r
    if anchor.pos_ in ("VERB", "AUX") and _ordered_done(anchor):
        # "the judge ordered Matanov held": the judge acts; Matanov is held
        r.actor2.extend(c for c in anchor.children if c.dep_ == "nsubj" and usable(c))
        s = _subject(anchor.head)
        if usable(s):
            r.actor1.append(s)
        return r
    if anchor.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in anchor.children)
        if not passive and _headline_passive(anchor):
            r.actor2.extend(c for c in anchor.children if c.dep_ == "nsubj" and usable(c))
            ag = _agent(anchor)
            if usable(ag):
                r.actor1.append(ag)
            return r
        if passive:
            ag = _agent(anchor)
            if not usable(ag) and event_type == "ASSAULT":
                ag = _when_doer(anchor)
            if usable(ag):
                r.actor1.append(ag)
            for c in anchor.children:
                if c.dep_ == "nsubjpass" and usable(c):
                    r.actor2.append(c)
            r.actor2.extend(p for p in _pobj(anchor, preps) if usable(p))
        else:
            _active_roles(anchor, trigger, preps, usable, r)
    if trigger != anchor or trigger.pos_ in ("NOUN", "PROPN"):
        _own_roles(trigger, preps, usable, r)
    # "fighting between the army and rebels": one side each
    between = _pobj(trigger, {"between"})
    if between and not r.actor1:
        r.actor1.append(between[0])
        r.actor2[:0] = [c for c in between[0].children if c.dep_ == "conj"]
    return r


def _active_roles(anchor: Token, trigger: Token, preps: set[str],
                  usable: Callable[[Token | None], TypeGuard[Token]], r: Roles) -> None:
    """The subject and objects of an active verb, added to `r`."""
    s = _subject(anchor)
    if usable(s) and anchor.lemma_.lower() in _VICTIM_SUBJECT_VERBS:
        r.actor2.append(s)   # "at least 11 people died": the ones who died, not who killed
    elif usable(s):
        r.actor1.append(s)
    objs = object_heads(anchor)
    if anchor == trigger:
        # "gave Tanzania a grant": the receiver first, then the object
        for o in sorted(objs, key=lambda o: o.dep_ != "dative"):
            if usable(o) and not is_date_word(o):
                r.actor2.append(o)
    # "provide aid to refugees", "agreed to a plan with X"
    for holder in [anchor] + objs:
        for p in _pobj(holder, preps):
            if usable(p):
                r.actor2.append(p)
    if anchor.dep_ == "advcl" and anchor.tag_ == "VBG":
        # "the building was hit by a bomb, killing 9": what was hit suffered the attack too
        r.actor2.extend(c for c in anchor.head.children if c.dep_ == "nsubjpass" and usable(c))


def _own_roles(trigger: Token, preps: set[str], usable: Callable[[Token | None], TypeGuard[Token]],
               r: Roles) -> None:
    """The event noun's own words: "Russian airstrikes", "Sunday's attack by rebels", "an attack
    led by the regime", "talks with Russia"; added to `r` where the verb left a role empty."""
    own: list[Token] = []
    patient = trigger.lemma_.lower() in _PATIENT_NOUNS and not _pobj(trigger, {"of"})
    for c in trigger.children:
        if c.dep_ == "poss" and not is_date_word(c):
            if patient:
                r.actor2.append(c)   # "his arrest", "her trial": the one it is done to
                continue
            own.append(c)
    for p in _pobj(trigger, {"by"}):
        own.append(p)
    for c in trigger.children:
        if c.dep_ == "acl":
            a = _agent(c)
            if a is not None:
                own.append(a)
    if own and not r.actor1:
        r.actor1.extend(own[:1])
    if not r.actor2:
        for p in _pobj(trigger, preps | {"between"}):
            if usable(p):
                r.actor2.append(p)
                break
