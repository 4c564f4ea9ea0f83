"""Step "settle type and status": what a group of event words states once mood and context are
read (PLOVER's coding of threats, offers, pledges, refusals and demands), or nothing at all."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from polemos.extract.groups import EventGroup
from polemos.extract.resources import Resources
from polemos.extract.status import StatusResult, cues, status_of
from polemos.extract.tolls import habitual, states_toll
from polemos.extract.triggers import load_data

_CLAUSE_COMPLEMENTS = ("xcomp", "advcl")
_PROMISED_ACTS = _CLAUSE_COMPLEMENTS + ("ccomp",)     # "vowed that the army would retake the town"


@dataclass(frozen=True)
class Settled:
    """The event's type and status; `obligation`: a demand stated with "must" (the one who must
    act is its target); `cues`: what the status rules read (a condition, an offer ...)."""

    type: str
    status: str
    obligation: bool
    cues: StatusResult


def settle(res: Resources, g: EventGroup, headline: bool) -> Settled | None:
    """The group's type and status; None when the words state no event."""
    root, anchor = g.root, g.anchor
    if anchor is None:        # groups() yields only groups with the verb that states them
        return None
    st = status_of(root.token, anchor)
    moved = _by_mood(res, g, anchor, st)
    if moved is None:
        return None
    type_, status = _by_context(res, g, anchor, *moved)
    obligation = st.obligation and status not in ("denied",)
    if obligation:
        type_, status = "REQUEST", "occurred"     # "Y must withdraw", said by X
    if status == "hypothetical" and (root.is_noun or not verbs_finite(anchor)):
        return None           # only "X could strike" (a finite verb with a modal) is kept as hypothetical
    if (not headline and not res.ontology.types[type_]["verbal"] and anchor.pos_ in ("VERB", "AUX")
            and status != "planned"       # "talks are scheduled for Monday" is one event, planned
            and generic_present(anchor) and not states_toll(anchor) and not narrated_present(anchor, type_)):
        return None           # "so many civilians die": a state of affairs, not an event
    return Settled(type_, status, obligation, st)


def _by_mood(res: Resources, g: EventGroup, anchor: Token, st: StatusResult) -> tuple[str, str] | None:
    """Conditions, offers and announcements: "would strike if" is a threat, "ready to withdraw"
    an offer, "if talks fail" no event at all."""
    root, onto = g.root, res.ontology
    type_, status = root.type, st.status
    only_conditional = root.entry.only_conditional
    if st.speculated and not only_conditional:
        return None           # "if the talks collapse, thousands could be forced from their homes"
    if st.conditional and (type_ in onto.threat_when_conditional or only_conditional):
        type_, status = "THREATEN", "occurred"
    elif st.conditional and not root.is_noun and type_ in onto.pledge_when_announced | {"CONSULT"}:
        type_, status = "AGREE", "occurred"       # "they would meet him if ...": a conditional offer
    elif only_conditional:
        return None
    if st.in_condition:
        return None           # "if talks fail": the condition states no event
    if st.offer:
        # "ready to withdraw": an offer; "prepared to impose martial law": a threat
        type_ = "THREATEN" if type_ in onto.threat_when_promised else "AGREE"
        status = "occurred"
    elif st.unreal:
        return None           # "it is not possible to talk"
    if st.announced and type_ in onto.threat_when_announced:
        type_, status = "THREATEN", "occurred"    # "said it would boycott the talks"
    elif st.announced and type_ in onto.pledge_when_announced:
        type_, status = "AGREE", "occurred"       # "said it will release the prisoners"
    return type_, status


def _by_context(res: Resources, g: EventGroup, anchor: Token, type_: str, status: str) -> tuple[str, str]:
    """The words around the event: an investigation, a signing, a refusal, a vow of force, a
    preparation to attack."""
    root, onto = g.root, res.ontology
    if type_ in onto.investigation_purpose_of and any(
            m.type == "ACCUSE" and m.mode == "investigate" for m in g.members[1:]):
        type_ = "ACCUSE"      # "sent experts to investigate the killings": an investigation
    if status == "denied" and type_ in onto.negated_as and anchor.pos_ in ("VERB", "AUX"):
        type_, status = onto.negated_as[type_], "occurred"   # "will not accept": a rejection
    if type_ == "AGREE" and any(m.type in onto.threat_when_promised and m.token.dep_ in _PROMISED_ACTS
                                and m.token.head == root.token for m in g.members[1:]):
        type_ = "THREATEN"    # "vowed to fight on", "vowed that troops would retake": a promise of force
    if type_ == "ASSAULT" and anchor.dep_ == "xcomp" and _prepared(res, anchor.head):
        type_, status = "MOBILIZE", "occurred"    # "the army prepared to resume shelling"
    if type_ == "REQUEST" and status == "occurred" and any(m.type == "PROTEST" for m in g.members[1:]):
        # PLOVER (MOBILIZE): "mobilizing supporters to demonstrate" is PROTEST: "called for three
        # days of protests", "urged workers to strike on Monday" - a protest planned
        type_, status = "PROTEST", "planned"
    return type_, status


def _prepared(res: Resources, head: Token) -> bool:
    """"prepared to ...", "made preparations to ...": a verb of getting ready (or a light verb
    with one)."""
    prepare = res.ontology.mobilize_when_prepared
    return head.lemma_.lower() in prepare or (
        head.dep_ == "xcomp" and res.lexicon.is_light(head) and head.head.lemma_.lower() in prepare)


def verbs_finite(tok: Token) -> bool:
    """A finite verb with a modal ("could attack"), not an infinitive or a participle."""
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children)


def narrated_present(verb: Token, type_: str) -> bool:
    """The present of one told incident, not a state of affairs: force on someone specific ("an
    officer shoves a woman", "police fire two canisters at the crowd"); the types and determiners
    are in data/status.yaml."""
    c = cues()
    if type_ not in c["narrated_present_types"] or habitual(verb):
        return False              # "shells kill 300 children a year": a habit
    for ch in verb.children:
        if ch.dep_ in ("dobj", "obj", "nsubjpass") and (
                ch.pos_ == "PROPN" or ch.lower_ in c["specific_pronouns"] or any(
                    d.dep_ in ("det", "nummod", "poss") and d.lower_ not in c["unspecific_determiners"]
                    for d in ch.children)):
            return True
        # a named, definite or counted actor ("JNIM establishes a base", "Misseriya militia clashes with", "the
        # army retakes Kitshanga", "one officer shoves him"): one incident told, as in event notes and headlines
        if ch.dep_ == "nsubj" and (ch.pos_ == "PROPN" or any(
                (d.dep_ == "compound" and d.pos_ == "PROPN") or (d.dep_ == "det" and d.lower_ in ("the", "a", "an"))
                or d.dep_ == "nummod" for d in ch.children)):
            return True
    return False


def generic_present(verb: Token) -> bool:
    """Simple present tense with no auxiliary of time: "civilians die", "acts are prohibited"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return verb.lower_ not in _irregular_past()   # the small model tags unknown "retook" VBP
    return verb.tag_ == "VBN" and bool(auxes) and all(a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" for a in auxes)


@functools.lru_cache(maxsize=1)
def _irregular_past() -> frozenset[str]:
    """Irregular past forms (triggers.yaml `irregular`: "retook" -> retake), not a present "-s" form."""
    irr = load_data("triggers.yaml").get("irregular") or {}
    return frozenset(str(f).lower() for f, lem in irr.items() if str(f) != str(lem) and not str(f).endswith("s"))
