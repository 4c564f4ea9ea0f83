"""Event words in another sense, read from their own words (data/senses.yaml): what a court
charges or acquits is alleged, not told ("acquitted of killing a protester"); a warning of one's
fears is a tip-off, not a threat; a threat faced or posed is a danger; "detained in hospital";
"conceded that ..." (an admission); "settled in the valleys"; "walked out of the restaurant";
"asked to point him out, he ..."; "is never ruled out". Each check reads only the word's own
children and at most a few heads, so it costs nothing per document."""
from __future__ import annotations

from spacy.tokens import Token

from polemos import datafiles

_S = datafiles.load_yaml("senses.yaml")
_LEGAL = frozenset(_S["legal_heads"])
_LEGAL_PREPS = frozenset(_S["legal_content_preps"])
_LEGAL_DEPS = frozenset(_S["legal_content_deps"])
_WARN = frozenset(_S["warn_verbs"])
_WARN_PREPS = frozenset(_S["warn_content_preps"])
_THREAT_CONTENT = frozenset(_S["threat_content_nouns"])
_INFORM = frozenset(_S["inform_verbs"])
_DANGER = frozenset(_S["danger_verbs"])
_HOSPITAL = frozenset(_S["hospital_nouns"])
_HOSPITAL_VERBS = frozenset(_S["hospital_verbs"])
_DISCHARGE = frozenset(_S["discharge_words"])
_ADMIT = frozenset(_S["admission_verbs"])
_DWELL = frozenset(_S["dwell_verbs"])
_DWELL_PREPS = frozenset(_S["dwell_preps"])
_MEETINGS = frozenset(_S["walkout_meeting_nouns"])
_ASK = frozenset(_S["question_verbs"])
_NEG = frozenset(_S["negations"])
_CLAUSES = ("ccomp", "xcomp")
_PLACE_ENTS = frozenset(_S["place_entities"])
_OWN_CLAUSE = frozenset(_S["own_clause_deps"])
_DEFINITE = frozenset(_S["definite_determiners"])
_ALLEGED_TYPES = frozenset(_S["alleged_types"])
_KILLING = frozenset(_S["killing_verbs"])
_RECOGNIZE = frozenset(_S["recognition_verbs"])
_ABSTRACT = frozenset(_S["abstract_objects"])
_SITES = frozenset(_S["visited_places"])
_VICTIM_NOUNS = frozenset(_S["victim_nouns"])
_NOUN_MODIFIERS = frozenset(_S["noun_modifier_deps"])
_OWN_FRAME_ENTS = frozenset(_S["own_frame_entities"])
_MOVE_VERBS = frozenset(_S["offensive_move_verbs"])
_OUT_OF = frozenset(_S["offensive_out_of"])
_LATER_DEATH_VERBS = frozenset(_S["later_death_verbs"])
_WOUNDS = frozenset(_S["wound_nouns"])
_WEAPON_WOUNDS = frozenset(_S["weapon_wound_words"])
_OFFSET_PREPS = frozenset(_S["offset_preps"])
_TIME_UNITS = frozenset(_S["time_units"])
_SPAN_VERBS = frozenset(_S["span_verbs"])
_SPAN_MARKS = frozenset(_S["span_marks"])
_ROLE_NOUNS = frozenset(_S["role_nouns"])
_ROLE_PREPS = frozenset(_S["role_preps"])
_ROLE_DIRECT = frozenset(_S["role_direct_preps"])
_ROLE_TARGET_PREPS = frozenset(_S["role_target_preps"])
_DEPLOY = frozenset(_S["deploy_verbs"])
_DEPLOYED_ABSTRACT = frozenset(_S["deployed_abstracts"])
_THREAT_VERBS = frozenset(_S["content_threat_verbs"])
_CONTENT_VERBS = _THREAT_VERBS | frozenset(_S["content_request_verbs"])
_THREAT_OWN = frozenset({"THREATEN"})
_CONTENT_MODALS = frozenset(_S["content_modals"])
_CONTENT_OWN = frozenset(_S["content_own_types"])
_NEG_SUBJECTS = frozenset(_S["negative_subjects"])
_WOUNDED_PEOPLE = frozenset(_S["wounded_people"])


def other_sense(tok: Token, type_: str) -> bool:
    """True when the event word, read with its own words, states no event of `type_`."""
    lemma = tok.lemma_.lower()
    if _time_reference(tok):
        return True                                       # "three days after the bombing"
    content = threat_or_request_content(tok)
    if content is not None and type_ not in (_THREAT_OWN if content in _THREAT_VERBS else _CONTENT_OWN):
        return True                                       # "warned they would target bases" (the threat)
    if type_ == "ASSAULT" and _role_in_attack(tok):
        return True                                       # "claimed responsibility for the bombing"
    if type_ == "MOBILIZE" and lemma in _DEPLOY and tok.pos_ == "VERB":
        return any(c.dep_ in ("dobj", "obj", "nsubjpass") and (
            c.lemma_.lower() in _DEPLOYED_ABSTRACT or c.lower_ in _DEPLOYED_ABSTRACT)
            for c in tok.children)                        # "special means had been deployed"
    if type_ == "THREATEN":
        return _no_threat(tok, lemma)
    if type_ == "COERCE" and lemma in _HOSPITAL_VERBS:
        return _under(tok, "in", _HOSPITAL)               # "detained in hospital"
    if type_ == "CONCEDE":
        if any(c.lower_ in _DISCHARGE for c in tok.children):
            return True                                   # "allowed home after treatment"
        return lemma in _ADMIT and _clause_only(tok)      # "conceded that there is a shortage"
    if type_ == "AGREE" and lemma in _DWELL:
        return not _has_object(tok) and any(c.dep_ == "prep" and c.lower_ in _DWELL_PREPS for c in tok.children)
    if type_ == "PROTEST" and lemma == "walk":
        return _walk_out_of_a_place(tok)
    if type_ == "REQUEST" and lemma in _ASK:
        return _asked_aside(tok)
    if type_ == "ASSAULT" and lemma in _MOVE_VERBS and tok.pos_ == "VERB":
        # "pushing his bike" (but "pushed the militants out of the town" is an offensive)
        return _has_object(tok) and not any(c.dep_ == "prt" or _out_of_a_place(c) for c in tok.children)
    if type_ == "CONSULT" and lemma == "visit" and tok.pos_ == "VERB":
        return any(c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN" and c.lemma_.lower() in _SITES
                   for c in tok.children)                 # "had visited the site twice"
    if type_ == "ASSAULT" and _victims_of(tok):
        return True                                       # "a memorial for the victims of the massacre"
    if type_ == "SUPPORT" and lemma in _RECOGNIZE:
        return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in _ABSTRACT for c in tok.children)
    if type_ == "REJECT":
        if any(c.dep_ == "neg" or c.lower_ in _NEG and c.dep_ == "advmod" for c in tok.children):
            return True
    return type_ in _ALLEGED_TYPES and alleged(tok)


def alleged(tok: Token) -> bool:
    """The act a court or the police charge someone with, accuse, convict or acquit them of:
    "charged with plotting attacks", "accused of planning to bomb churches" (no attack of their
    own). A killing of victims the text names or counts happened ("charged with killing six
    priests"): only its author is alleged. A definite act ("charged with carrying out the
    assassination", "the attack, which killed three") happened - only its author is alleged - and
    is told."""
    if tok.pos_ == "VERB" and tok.lemma_.lower() in _KILLING and any(c.dep_ in ("dobj", "obj") for c in tok.children):
        return False          # "charged with killing six priests": the deaths happened
    if tok.lemma_.lower() in _LEGAL or (tok.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("relcl", "acl", "poss") or c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)):
        return False
    cur = tok
    for _ in range(7):
        if cur.dep_ not in _LEGAL_DEPS or cur.head == cur:
            return False
        prep = cur if cur.dep_ == "prep" else None
        cur = cur.head
        if prep is not None and prep.lower_ in _LEGAL_PREPS and (
                cur.lemma_.lower() in _LEGAL or cur.lower_ in _LEGAL):
            return True       # "convicted [for impeding the inquiry into the blast]"
    return False


def _no_threat(tok: Token, lemma: str) -> bool:
    """A warning of fears about someone, a tip-off; a threat faced, posed or countered."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return tok.dep_ in ("dobj", "obj", "nsubjpass") and tok.head.lemma_.lower() in _DANGER
    if any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in _NEG_SUBJECTS or any(
            d.dep_ == "det" and d.lower_ == "no" for d in c.children)) for c in tok.children):
        return True                                       # "Nobody warned us", "no one threatened them"
    if lemma not in _WARN or any(c.dep_ in _CLAUSES for c in tok.children):
        return False                                      # "warned (that) it would strike again"
    if any(c.dep_ in ("advcl", "conj") and c.lemma_.lower() in _INFORM for c in tok.children):
        return True                                       # "warned police, alerting them to ..."
    heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj"))]   # "warned [the police of ...]"
    contents = [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in _WARN_PREPS
                for o in p.children if o.dep_ in ("pobj", "pcomp")]
    return bool(contents) and not any(o.lemma_.lower() in _THREAT_CONTENT or o.pos_ == "VERB" for o in contents)


def _under(tok: Token, prep: str, nouns: frozenset[str]) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == prep and any(
        o.dep_ == "pobj" and o.lemma_.lower() in nouns for o in c.children) for c in tok.children)


def _has_object(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in tok.children)


def _clause_only(tok: Token) -> bool:
    return any(c.dep_ == "ccomp" for c in tok.children) and not _has_object(tok)


def _walk_out_of_a_place(tok: Token) -> bool:
    """"walked out of the restaurant": "of" + a place, not a meeting, a session or talks."""
    outs = [c for c in tok.children if c.lower_ == "out"]
    ofs = [g for h in [tok, *outs] for g in h.children if g.dep_ == "prep" and g.lower_ == "of"]
    return any(o.dep_ == "pobj" and o.lemma_.lower() not in _MEETINGS for p in ofs for o in p.children)


def _asked_aside(tok: Token) -> bool:
    """"Asked to point him out, the witness gestured", "When asked about it, he said": a
    participle with no subject of its own, telling the circumstance of an answer."""
    return tok.tag_ == "VBN" and tok.dep_ == "advcl" and not any(
        c.dep_ in _OWN_CLAUSE for c in tok.children)


def shared_subject_same_act(tok: Token) -> bool:
    """A verb joined to another of its type with no subject, object place or place of its own
    tells the same act ("the bomb was placed at the gate and exploded at noon"); "shelled Idlib
    and bombed Aleppo" names a second place, so a second event."""
    if tok.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    return not any(d.ent_type_ in _PLACE_ENTS or d.pos_ == "PROPN" and d.dep_ in ("dobj", "obj", "pobj")
                   for c in tok.children if c.dep_ in ("dobj", "obj", "prep") for d in c.subtree)


def later_death(tok: Token) -> bool:
    """"died of his wounds", "succumbed to his injuries": a death from wounds (not from "gunshot
    wounds", which names the attack); "five of the wounded died", "a fourth victim died": a death
    of the wounded. The retold check (retold.py) makes it the toll of an attack told before."""
    return tok.lemma_.lower() in _LATER_DEATH_VERBS and (_of_wounds(tok) or _wounded_died(tok))


def _wounded_died(tok: Token) -> bool:
    """The subject of the death is one of the wounded: "Five of the wounded", "one of the injured",
    "a fourth victim", "two more victims"."""
    for subj in (c for c in tok.children if c.dep_ == "nsubj"):
        if subj.lemma_.lower() in _WOUNDED_PEOPLE or subj.lower_ in _WOUNDED_PEOPLE:
            return True
        if any(p.dep_ == "prep" and p.lower_ == "of" and any(
                o.dep_ == "pobj" and (o.lower_ in _WOUNDED_PEOPLE or o.lemma_.lower() in _WOUNDED_PEOPLE)
                for o in p.children) for p in subj.children):
            return True
    return False


def threat_or_request_content(tok: Token) -> str | None:
    """The word lies in what a threat or a request says will or should be done: under the clause
    (ccomp with a future or conditional modal, or an infinitive xcomp) of warn, vow, threaten, urge,
    call on, ask ... ("warned that anyone who blocked roads would be arrested", "urged the council
    to impose an arms embargo and ban fuel sales"). The clause's own verb stays: it is the act that
    makes a vow a threat ("vowed to fight on"), and the grouping joins it to the threat or request.
    "Warned that gunmen had killed five" tells a past act: kept.
    Returns the lemma of the threat or request verb (None when the word is no such content)."""
    cur = tok
    for _ in range(8):
        head = cur.head
        if head.i == cur.i or _told_as_fact(cur):
            return None
        lemma = head.lemma_.lower()
        if cur.dep_ in _CLAUSES and lemma in _CONTENT_VERBS and head.pos_ == "VERB":
            if cur.i == tok.i:
                return None       # the clause's own verb is the threat's or vow's act ("vowed to fight on")
            future = cur.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ in _CONTENT_MODALS for c in cur.children)
            return lemma if future else None
        cur = head
    return None


def _told_as_fact(tok: Token) -> bool:
    """A participle on a noun with its own time or agent tells that noun's past, whatever the
    sentence asks for: "urged the army to free two engineers abducted in May by gunmen"."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN":
        return False
    return any(c.dep_ == "agent" or c.ent_type_ in ("DATE", "TIME")
               or any(g.ent_type_ in ("DATE", "TIME") for g in c.children if c.dep_ == "prep")
               for c in tok.children)


def _role_in_attack(tok: Token) -> bool:
    """"responsibility for the bombing", "no role in the attack", "the group behind the attack": a
    bare definite attack noun named as what someone claims or denies a part in (told before). With
    words of its own ("the murder of a provincial governor") it tells the attack."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj":
        return False
    prep = tok.head
    tied = prep.lower_ in _ROLE_DIRECT or (prep.lower_ in _ROLE_PREPS and prep.head.lemma_.lower() in _ROLE_NOUNS)
    own = [c for c in tok.children if c.dep_ in _NOUN_MODIFIERS]
    return tied and any(c.lower_ in _DEFINITE for c in own) and not any(
        c.ent_type_ in _OWN_FRAME_ENTS or c.dep_ in ("poss", "nummod") for c in own) and not any(
        c.dep_ in ("relcl", "acl") or _describes(c) for c in tok.children)   # "the murder of a governor"


def _of_wounds(tok: Token) -> bool:
    """"died of his wounds", "died in 1977 of injuries suffered in the attack" (the parser may hang
    the "of" on the date): a later death from an attack told before is its toll, not an attack."""
    for p in tok.children:
        if p.dep_ != "prep":
            continue
        for q in [p, *(g for o in p.children if o.dep_ == "pobj" for g in o.children if g.dep_ == "prep")]:
            if q.lower_ in ("of", "from", "to") and any(
                    o.dep_ == "pobj" and o.lemma_.lower() in _WOUNDS and not any(
                        c.dep_ in ("compound", "amod") and c.lemma_.lower() in _WEAPON_WOUNDS for c in o.children)
                    for o in q.children):
                return True
    return False


def _time_reference(tok: Token) -> bool:
    """"three days after the bombing", "hours before the attack": an event told before, named to
    date another; it is no part of the event the clause tells."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "nsubj" and _span_start(tok.head):
        return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children)
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or not offset_prep(tok.head):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children)


def _span_start(verb: Token) -> bool:
    """"[12,000 have fled] since the offensive began in May": an aspectual verb in a clause that
    opens a span of time; its subject dates the span, it is not told here."""
    return verb.lemma_.lower() in _SPAN_VERBS and verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _SPAN_MARKS for c in verb.children)


def offset_prep(prep: Token) -> bool:
    """"[three days] after ...", "[hours] before ...": a preposition that dates by an offset."""
    return prep.lower_ in _OFFSET_PREPS and any(
        c.dep_ == "npadvmod" and c.lemma_.lower() in _TIME_UNITS for c in prep.children)


def _victims_of(tok: Token) -> bool:
    """"the victims of the massacre": a definite attack noun under "victims of", with no number on
    the victims and no date of its own ("the victims of the 2004 bombing" keeps its date)."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    victims = tok.head.head
    if victims.lemma_.lower() not in _VICTIM_NOUNS or any(c.dep_ == "nummod" for c in victims.children):
        return False
    own = [c for c in tok.children if c.dep_ in _NOUN_MODIFIERS]
    return any(c.lower_ in _DEFINITE for c in own) and not any(
        c.ent_type_ in _OWN_FRAME_ENTS or c.dep_ == "poss" for c in own)


def _out_of_a_place(prep: Token) -> bool:
    """"out of the last districts", "out of Makariv": a move that drives someone from a place."""
    if prep.dep_ != "prep" or prep.lower_ != "out":
        return False
    preps = [prep, *(c for c in prep.children if c.dep_ == "prep")]
    return any(o.dep_ == "pobj" and (o.lemma_.lower() in _OUT_OF or o.pos_ == "PROPN")
               for p in preps for o in p.children)


def _describes(prep: Token) -> bool:
    """A preposition that tells the attack noun's own target or place ("of a provincial governor",
    "on a checkpoint", "in Zabul"); "in a statement" (the claim's channel) tells nothing of it."""
    if prep.dep_ != "prep":
        return False
    if prep.lower_ in _ROLE_TARGET_PREPS:
        return True
    return any(o.dep_ == "pobj" and o.ent_type_ in _PLACE_ENTS for o in prep.children)
