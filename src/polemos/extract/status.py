"""Whether an event happened, is planned, was threatened, denied or only hypothetical, and who
reported it. Cues (modal and future auxiliaries, plan verbs, conditions, negation, verbs of
saying, "according to") live in data/status.yaml; the tree says what they apply to."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from polemos import datafiles
from polemos.extract.triggers import load_data

_ANNOUNCING_VERBS = datafiles.words("function_words", "announcing_verbs")


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, set[str]]:
    return {k: set(v) for k, v in load_data("status.yaml").items()}


@dataclass
class StatusResult:
    status: str = "occurred"
    conditional: bool = False      # the event is the consequence of a condition ("would ... if")
    in_condition: bool = False     # the event is the condition itself ("if talks fail")
    unreal: bool = False           # infinitive under "possible", "ready" ... : no event stated
    offer: bool = False            # infinitive under "ready", "willing": an offer (AGREE)
    obligation: bool = False       # "must", "should": a demand on the subject (REQUEST)
    announced: bool = False        # future or "would" in what someone said: an announcement
    speculated: bool = False       # "might"/"could" under a condition, nobody warning: a possibility


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a word sits in (a noun's governing verb)."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return t
        if t.head == t:
            return t
        t = t.head
    return t


def _aux(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]


def _chain(verb: Token, limit: int = 6) -> list[Token]:
    """The verb and the verbs governing it, up to the sentence root."""
    out = [verb]
    t = verb
    while t.head != t and len(out) < limit:
        t = t.head
        out.append(t)
    return out


def status_of(trigger: Token, anchor: Token) -> StatusResult:
    c = cues()
    res = StatusResult()
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else _clause_verb(anchor)
    auxes = [a.lower_ for a in _aux(verb)]
    if verb.dep_ == "xcomp":
        # "would not hesitate to launch", "will try to meet": tense and mood sit on the verb above
        auxes += [a.lower_ for a in _aux(verb.head) if a.dep_ != "neg"]
    # negation on the event word, its verb, or "no" before the noun
    negated = any(a.dep_ == "neg" for a in _aux(verb)) or any(ch.dep_ == "neg" for ch in trigger.children)
    if trigger.pos_ in ("NOUN", "PROPN") and any(ch.lower_ in ("no", "never") and ch.dep_ == "det"
                                                 for ch in trigger.children):
        negated = True
    # the verbs above: conditions, plans, denials, failures
    chain = _chain(verb)
    in_condition = False
    for v in chain:
        marks = {m.lower_ for m in v.children if m.dep_ == "mark"}
        if marks & c["condition_marks"] and v.dep_ in ("advcl", "ccomp", "ROOT"):
            in_condition = True
            break
    # "declined to say how many troops would be deployed", "asked whether talks would resume":
    # an indirect question states nothing
    if verb.dep_ in ("ccomp", "xcomp") and verb.i > 0:
        first = min(verb.subtree, key=lambda t: t.i)
        if first.tag_ in ("WRB", "WDT", "WP", "WP$") or first.lower_ in ("whether",) or \
                (first.lower_ == "if" and verb.dep_ == "ccomp"):
            in_condition = True
    res.in_condition = in_condition
    future = bool(set(auxes) & c["future_aux"]) or "going" in auxes and "to" in auxes
    planned_by = any(v.lemma_.lower() in c["plan_verbs"] and v != verb for v in chain[1:3]) and verb.dep_ == "xcomp"
    # "his sentencing is scheduled for May 3": an event noun as the subject of a verb of scheduling
    planned_by = planned_by or (trigger is not verb and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head == verb
                                and verb.lemma_.lower() in c["schedule_verbs"])
    modal = [a for a in auxes if a in c["modals"]]
    conditional = any(
        any(m.lower_ in c["condition_marks"] for g in ch.children if g.dep_ == "mark" for m in [g])
        for ch in verb.children if ch.dep_ == "advcl")
    if not conditional:
        # the condition may hang on a verb above ("stressed that Turkey would take measures if ...")
        conditional = any(ch.dep_ == "advcl"
                          and any(g.lower_ in c["condition_marks"] for g in ch.children if g.dep_ == "mark")
                          for ch in verb.head.children) and verb.dep_ == "conj"
    res.conditional = conditional and bool(modal or future)
    # "if the shutdown fails, traders might block the highway": a possibility, not a warning,
    # unless a verb of threat or warning carries it ("warned they could strike if ...")
    passive = any(a.dep_ == "auxpass" for a in _aux(verb))
    hedge = c["possibility_modals"] if passive else c["hedge_modals"]
    res.speculated = res.conditional and not future and bool(modal) and set(modal) <= hedge \
        and not any(v.lemma_.lower() in c["threat_speech_verbs"] for v in chain[1:4])
    denied_by = any(v.lemma_.lower() in c["deny_verbs"] for v in chain[1:3])
    failed = any(v.lemma_.lower() in c["fail_verbs"] for v in chain[1:3]) and verb.dep_ == "xcomp"
    unreal = verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.lemma_.lower() in c["unreal_adjectives"]
    res.unreal = unreal
    res.offer = unreal and verb.head.lemma_.lower() in c["offer_adjectives"]
    res.obligation = bool(set(auxes) & c["obligation_modals"])
    if negated or denied_by or failed:
        res.status = "denied"
    elif in_condition or unreal:
        res.status = "hypothetical"
    elif res.conditional:
        res.status = "hypothetical"
    elif future or planned_by:
        res.status = "planned"
    elif modal:
        near_future = any(t.lower_ in c["future_time"] for t in verb.subtree)
        # "said it would boycott": in reported speech "would" is the future seen from the past
        reported_would = modal == ["would"] and _under_speech(verb)
        res.status = "planned" if near_future or reported_would else "hypothetical"
    res.announced = res.status == "planned" and _under_speech(verb)
    return res


def _under_speech(verb: Token) -> bool:
    """The clause is what someone said ("X said (that) it would ...", "..., X announced")."""
    c = cues()
    t = verb
    for _ in range(3):
        if t.dep_ in ("ccomp", "xcomp", "conj") and t.head.lemma_.lower() in c["speech_verbs"] | _ANNOUNCING_VERBS:
            return True
        if any(ch.dep_ in ("parataxis", "advcl") and ch.lemma_.lower() in c["speech_verbs"] and ch.i > verb.i
               for ch in t.children):
            return True
        if t.head == t:
            break
        t = t.head
    return False


def reporter(trigger: Token) -> Token | None:
    """The word for whoever reports the event: "according to X", "X said (that) ...", "..., X said"."""
    c = cues()
    sent = trigger.sent if trigger.doc.has_annotation("SENT_START") else trigger.doc[:]
    for t in sent:
        if t.lower_ in c["attribution_preps"]:
            prep = t
            if t.lower_ == "according":
                prep = next((ch for ch in t.children if ch.lower_ == "to"), t)
            objs = ([p for p in prep.children if p.dep_ == "pobj"]
                    or [p for p in t.children if p.dep_ in ("pobj", "dobj")])
            if objs:
                return objs[0]
    # verbs of saying above the event, or beside it (parataxis: "..., the minister said")
    t = trigger
    for _ in range(8):
        if t.lemma_.lower() in c["speech_verbs"] and t.pos_ == "VERB" and t != trigger:
            s = next((ch for ch in t.children if ch.dep_ in ("nsubj",)), None)
            if s is not None:
                return s
        for ch in t.children:
            if (ch.dep_ in ("parataxis", "advcl", "conj") and ch.lemma_.lower() in c["speech_verbs"]
                    and ch.i > trigger.i):
                s = next((g for g in ch.children if g.dep_ == "nsubj"), None)
                if s is not None:
                    return s
        if t.head == t:
            break
        t = t.head
    return None
