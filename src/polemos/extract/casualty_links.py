"""Tying a quantity to a count word through the dependency tree: the object or passive subject
of "kill", the subject of "die"/"flee", "17 dead", "the death toll rose to 26"."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Token

from polemos.extract.casualty_terms import (
    COUNT_MODIFIER_DEPS,
    DESCRIBING_DEPS,
    KINDS,
    SUBSET_PREPS,
    adj_kind,
    casualty_lexicon,
    casualty_terms,
    casualty_words,
    noun_kind,
    verb_kind,
)
from polemos.extract.quantities import Quantity, is_numberish


@dataclass
class CountLink:
    kind: str
    cue: Token
    revised: bool = False
    group: list[Quantity] = field(default_factory=list)
    at_least: bool = False           # "the dead included 4 children": 4 is a floor, not the toll


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _elliptical_passive(verb: Token) -> bool:
    """"12 were killed and 80 others wounded": a bare participle conjoined to a passive verb."""
    # also "leaving 2 dead and 48 others wounded"
    return verb.dep_ == "conj" and (_passive(verb.head) or verb.head.lemma_.lower() == "leave") \
        and not any(c.dep_ in ("aux",) for c in verb.children)


def has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "obj") for c in verb.children)


def _toll_link(q: Quantity) -> CountLink | None:
    """"the death toll has risen to 26", "the toll stands at 26", "a death toll of 26"."""
    terms = casualty_terms()["toll"]
    h = q.root
    verb: Token | None = None
    if h.dep_ == "pobj" and h.head.i in {t.i for t in q.tokens}:
        verb = h.head.head               # "the death toll was over 100"
    elif h.dep_ == "pobj" and h.head.lower_ in ("to", "at", "of"):
        prep = h.head
        if prep.head.lemma_.lower() in terms["nouns"] and prep.lower_ == "of":
            toll = prep.head
            kind = _toll_kind(toll, terms)
            return CountLink(kind, toll, False) if kind else None
        verb = prep.head
    elif h.dep_ in ("dobj", "attr") and h.head.pos_ in ("VERB", "AUX"):
        verb = h.head
    elif q.start > 0 and h.doc[q.start - 1].lower_ in ("to", "at") and h.doc[q.start - 1].dep_ == "prep":
        verb = h.doc[q.start - 1].head   # "rose to 141 a few days later", the number parsed into the time phrase
    if verb is None:
        return None
    tolls = [s for s in verb.children
             if s.dep_ in ("nsubj", "nsubjpass", "dobj") and s.lemma_.lower() in terms["nouns"]]
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in terms["nouns"]:
        tolls.append(verb.head)          # "killed 40 people, a toll that rose to 54"
    for s in tolls:
        # "the toll rose to 26", and "raising the death toll to 1,200"
        kind = _toll_kind(s, terms)
        if kind and not _running_toll(s, terms):
            return CountLink(kind, verb, verb.lemma_.lower() in terms["revision_verbs"])
    return None


def _running_toll(toll: Token, terms: dict) -> bool:
    """"the toll of the insurgency", "the toll of attacks this month": a war's or a period's toll."""
    toks = [t for t in toll.subtree if t.i != toll.i and t.dep_ != "relcl"
            and toll.i not in {a.i for a in t.ancestors if a.dep_ == "relcl"}]
    words = " ".join(t.lemma_.lower() for t in toks)
    running = [w for w in terms["running"] if f" {w} " in f" {words} "]
    if running == ["since"] and _since_today(toks, terms):
        return False                     # "the number killed since dawn": the battle's own toll
    return bool(running)


def _since_today(toks: list[Token], terms: dict) -> bool:
    """"since dawn", "since Thursday", "since the early hours": a toll of the last day or days."""
    same = set(terms["since_same_event"])
    return any(t.lower_ == "since" and any(x.lemma_.lower() in same for x in t.subtree) for t in toks)


def _toll_kind(toll: Token, terms: dict) -> str | None:
    words = {t.lemma_.lower() for t in toll.subtree} | {t.lower_ for t in toll.subtree}
    for kind, cues in terms["kinds"].items():
        if words & set(cues):
            return kind
    return "killed" if toll.lemma_.lower() == "toll" else None


def _linked(kind: str | None, cue: Token, at_least: bool = False) -> CountLink:
    """A link of a kind the caller has just found (its test makes `kind` a word, never None)."""
    return CountLink(cast(str, kind), cue, at_least=at_least)


class _Undecided:
    """No rule of one part of `link_quantity` applied: the next part decides."""


UNDECIDED = _Undecided()


def link_quantity(q: Quantity) -> CountLink | None:
    """The count word this quantity is tied to, or None. The parts are tried in order; the first
    that decides (a link, or None: no count) wins."""
    h = q.root
    lives = casualty_terms()["lives"]
    around = _by_the_words_around(q, h, lives)
    if not isinstance(around, _Undecided):
        return around
    # a mis-attached modifier noun: "55 Iraqi soldiers and tribal fighters" (soldiers as nmod)
    while h.dep_ in ("nmod", "compound") and h.head.pos_ in ("NOUN", "PROPN") and h.head.i > h.i:
        h = h.head
    if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in casualty_terms()["total_nouns"]:
        h = h.head.head                  # "a total of 27 people died"
    described = _by_description(q, h, lives)
    if not isinstance(described, _Undecided):
        return described
    head = h.head
    dep = h.dep_
    if dep == "pobj" and head.i in {t.i for t in q.tokens} and head.dep_ in ("prep", "advmod", "quantmod"):
        # "wounded over 300": the parser made the modifier a preposition of the verb
        head, dep = head.head, ("dobj" if not has_object(head.head) else head.dep_)
    if dep == "conj":
        return _by_conjunct(h)
    return _by_verb_role(q, h, head, dep) or _by_clause(h, head, dep, lives) or _surface_link(q)


def _by_the_words_around(q: Quantity, h: Token, lives: dict) -> CountLink | None | _Undecided:
    """A count word next to the figure or its noun: "18 dead in ...", "17 deaths", a toll,
    "claimed 7 lives", "the death of 2 people"; never a figure of things ("5 vehicles")."""
    doc = h.doc
    nxt = doc[q.end] if q.end < len(doc) else None
    if nxt is not None and nxt.head.i in {t.i for t in q.tokens} and nxt.dep_ in ("amod", "acl") and adj_kind(nxt):
        return _linked(adj_kind(nxt), nxt)   # "18 dead in Iraq attacks", the number hung on a later noun
    if q.noun is not None and q.noun.lemma_.lower() in casualty_words("not_people"):
        return None
    if h.dep_ == "quantmod" and q.noun is not None and q.end < len(doc) and doc[q.end].lower_ == "of" \
            and q.noun.dep_ in ("nsubj", "nsubjpass") and q.noun.head.pos_ == "VERB":
        # "1 of 4 children injured has died" (parsed as modifiers of "children"): the part is the
        # subject of the clause's verb; the participle on the group describes the 4
        verb = q.noun.head
        k = verb_kind(verb, "intransitive") if q.noun.dep_ == "nsubj" and not _passive(verb) \
            else verb_kind(verb, "transitive")
        return CountLink(k, verb) if k else None
    # A noun that is itself the count: "17 deaths", "20 arrests".
    if q.noun is not None:
        k = noun_kind(q.noun)
        verb = q.noun.head
        if k and q.noun.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB" \
                and verb_kind(verb, "transitive") not in (None, k):
            # "executed 5 detainees": what the verb did to them, not what they were before
            return CountLink(cast(str, verb_kind(verb, "transitive")), verb)
        if k:
            return CountLink(k, q.noun)
    toll = _toll_link(q)
    if toll:
        return toll
    # "claimed 7 lives", "claimed 7 civilians' lives"
    if q.noun is not None and q.noun.lemma_.lower() in lives["nouns"] and q.noun.head.lemma_.lower() in lives["verbs"]:
        return CountLink("killed", q.noun.head)
    if h.dep_ == "poss" and h.head.lemma_.lower() in lives["nouns"] and h.head.head.lemma_.lower() in lives["verbs"]:
        return CountLink("killed", h.head.head)
    # "claimed the lives of 7 civilians"
    if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in lives["nouns"] \
            and h.head.head.head.lemma_.lower() in lives["verbs"]:
        return CountLink("killed", h.head.head.head)
    # "the death of 2 people", "the wounding of 5 others", a headline's "Killing of 22 in ..."
    if h.dep_ == "pobj" and h.head.lower_ == "of" and (h.head.head.pos_ == "NOUN" or h.head.head.tag_ == "VBG"):
        k = noun_kind(h.head.head)
        if k:
            return CountLink(k, h.head.head)
    return UNDECIDED


def _by_description(q: Quantity, h: Token, lives: dict) -> CountLink | None | _Undecided:
    """What the words describing the counted noun say happened to them ("five civilians killed
    in ..."); a subset ("including five children") is no count of its own."""
    if h.lemma_.lower() in lives["nouns"] and h.head.lemma_.lower() in lives["verbs"]:
        return CountLink("killed", h.head)       # "claimed 7 civilians lives"
    # Subsets are not added: "12 people, including five children".
    if h.dep_ == "pobj" and h.head.lower_ in SUBSET_PREPS:
        return None
    # "17 dead", "12 people injured", "five civilians killed in ...". A word after the noun says
    # what happened to them; one before it only describes them ("four displaced persons killed").
    # In "scores of insurgents killed" the participle hangs on the counted noun, not on "scores".
    # ... but in "1 of 4 children injured has died" the participle describes the 4, not the 1
    partitive = q.noun is not None and q.noun.i > q.end and any(is_numberish(t) for t in h.doc[q.end:q.noun.i])
    own_noun = q.noun is not None and q.noun.i != h.i and not partitive
    kids = list(h.children) + (list(q.noun.children) if q.noun is not None and own_noun else [])
    # a headline's list "2 rebels, soldier killed in clashes": the participle on the last item
    kids += [x for c in h.children if c.dep_ == "appos" and c.i > h.i and c.pos_ == "NOUN"
             for x in c.children if x.dep_ == "acl" and x.tag_ == "VBN" and x.i > c.i]
    for c in sorted(kids, key=lambda c: (c.i < h.i, c.i)):
        if c.dep_ in DESCRIBING_DEPS and (adj_kind(c) or (c.pos_ == "VERB" and verb_kind(c, "transitive"))):
            # "five people killed" is passive; "five gunmen killed 12 villagers" is not
            if c.pos_ == "VERB" and (has_object(c) or c.tag_ != "VBN"):
                continue
            if c.dep_ == "relcl" and not any(x.dep_ == "nsubjpass" for x in c.children):
                continue
            return _linked(adj_kind(c) or verb_kind(c, "transitive"), c)
    return UNDECIDED


def _by_conjunct(h: Token) -> CountLink | None:
    """"... and another 29 were injured": a conjunct that is the subject of its own clause
    (otherwise the first conjunct's link counts it)."""
    doc = h.doc
    # skip a subset phrase: "and over 100 more including 35 children injured"
    skip = {x.i for c in h.children if c.dep_ == "prep" and c.lower_ in SUBSET_PREPS for x in c.subtree}
    for t in doc[h.i + 1:min(h.i + 4 + len(skip), len(doc))]:
        if t.i in skip and not (t.tag_ == "VBN" and t.dep_ == "acl"):
            continue             # the subset phrase, but not the participle hung on its noun
        if t.pos_ == "VERB":
            bare = t.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in t.children)
            k = verb_kind(t, "transitive") if _passive(t) or bare else verb_kind(t, "intransitive")
            return CountLink(k, t) if k else None
        if t.pos_ not in ("AUX", "ADV", "PART") and t.lower_ not in ("more", "others", "other"):
            break
    return None      # otherwise handled through the first conjunct


def _by_verb_role(q: Quantity, h: Token, head: Token, dep: str) -> CountLink | None:
    """The figure as object or subject of a casualty verb: "killed 12", "12 were killed", "30
    wounded" after "12 were killed and", "forced 20,000 people to flee", "left 30 dead"."""
    if dep in ("dobj", "obj", "nsubjpass") and head.pos_ == "VERB":
        # "forced 20,000 people to flee", "3,000 families were forced to flee": the object of a
        # verb of causing is the subject of the casualty verb it governs
        for c in head.children:
            if c.dep_ == "xcomp" and c.i > h.i and c.pos_ == "VERB":
                k = verb_kind(c, "intransitive")
                if k:
                    return CountLink(k, c)
    if dep == "attr" and head.lemma_.lower() == "be":
        k = _dead_subject(head)
        if k:
            return CountLink(k, head)            # "those killed were 3 soldiers and a civilian"
    if dep in ("dobj", "obj"):
        k = verb_kind(head, "transitive")
        if k:
            return CountLink(k, head)
        if is_loss(q, head):
            return CountLink("killed", head)     # "the rebels lost 6 fighters"
        # "left 30 dead", "left 5 people wounded"
        if head.lemma_.lower() == "leave":
            for c in head.children:
                if c.i > h.i and adj_kind(c):
                    return _linked(adj_kind(c), c)
            for c in h.children:
                if adj_kind(c):
                    return _linked(adj_kind(c), c)
    if dep in ("nsubjpass",):
        k = verb_kind(head, "transitive")
        if k:
            return CountLink(k, head)
    if dep in ("nsubj",):
        k = verb_kind(head, "intransitive")
        if k:
            return CountLink(k, head)
        # "30 wounded" in "12 were killed and 30 wounded": a bare number as subject of an
        # object-less participle is its victims, not its agent.
        k = verb_kind(head, "transitive")
        if k and not has_object(head) and (q.noun is None or _passive(head) or _elliptical_passive(head)
                                            or _further_group(q, head) or headline_participle(head)):
            return CountLink(k, head)
        k = adj_kind(head)
        if k:
            return CountLink(k, head)
    if dep == "nsubjpass":
        # "three officers were shot and injured": the shared subject of a conjoined participle
        for c in head.children:
            if c.dep_ == "conj" and c.tag_ == "VBN" and not any(x.dep_.startswith("nsubj") for x in c.children):
                k = verb_kind(c, "transitive")
                if k:
                    return CountLink(k, c)
    return None


def _dead_subject(be: Token) -> str | None:
    """"Those killed were ...", "the dead were ...": a copula whose subject names the casualties
    makes its complement their figure."""
    for s in be.children:
        if s.dep_ != "nsubj":
            continue
        if s.pos_ in ("ADJ", "NOUN") and adj_kind(s) and any(c.dep_ == "det" for c in s.children):
            return adj_kind(s)                   # "the dead", "the wounded"
        if s.lower_ in ("those", "people") or s.lemma_.lower() == "victim":
            for c in s.children:
                if c.dep_ in ("acl", "amod") and (adj_kind(c) or verb_kind(c, "transitive")):
                    return adj_kind(c) or verb_kind(c, "transitive")
    return None


def either_kind(cue: Token) -> bool:
    """"killed or wounded 20 soldiers", "dozens were killed or injured": the figure counts both
    kinds together, so it is the figure of neither."""
    verbs = [cue, *[c for c in cue.children if c.dep_ == "conj"]]
    if cue.dep_ == "conj":
        verbs.append(cue.head)
    kinds = {verb_kind(v, "transitive") or adj_kind(v) for v in verbs} - {None}
    ors = any(c.dep_ == "cc" and c.lower_ == "or" for v in verbs for c in v.children)
    return ors and {"killed", "injured"} <= kinds


def _by_clause(h: Token, head: Token, dep: str, lives: dict) -> CountLink | None:
    """The clause states it: "dozens reported killed", "17 people are dead", "12 soldiers lost
    their lives", "12 people sustained injuries", "the dead included four children"."""
    if dep in ("nsubj", "nsubjpass", "nummod") and head.pos_ in ("VERB", "AUX"):
        # "dozens reported killed", "20 feared dead", "three believed dead"
        for c in head.children:
            if c.dep_ in ("xcomp", "oprd", "ccomp") and c.i > h.i and (
                    adj_kind(c) or (c.tag_ == "VBN" and verb_kind(c, "transitive"))):
                return _linked(adj_kind(c) or verb_kind(c, "transitive"), c)
        # "17 people are dead"
        for c in head.children:
            if c.dep_ in ("acomp", "attr") and adj_kind(c):
                return _linked(adj_kind(c), c)
    if dep in COUNT_MODIFIER_DEPS and adj_kind(head):
        return _linked(adj_kind(head), head)
    if dep in ("nsubj",) and head.lemma_.lower() in lives["subject_verbs"] and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in lives["nouns"] for c in head.children):
        return CountLink("killed", head)         # "12 soldiers lost their lives"
    hurt = casualty_terms()["injury_phrases"]
    if dep in ("nsubj",) and head.lemma_.lower() in hurt["verbs"] and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in hurt["nouns"] for c in head.children):
        return CountLink("injured", head)        # "12 people sustained injuries"
    if dep in ("dobj", "obj") and head.lemma_.lower() in casualty_terms()["group_verbs"]:
        # "the dead included four children": a part of the toll, so a floor for it
        for s in head.children:
            if s.dep_ in ("nsubj", "nsubjpass") and (adj_kind(s) or noun_kind(s)):
                return _linked(adj_kind(s) or noun_kind(s), head, at_least=True)
    return None


def headline_participle(verb: Token) -> bool:
    """"six Albanians killed", "Officer killed": a casualty verb with no object and no auxiliary
    (tagged as a past tense) is a headline's passive participle: its subject is the victim."""
    return verb.tag_ in ("VBD", "VBN") and not any(c.dep_ in ("aux", "auxpass", "agent") for c in verb.children) \
        and not any(c.dep_ == "conj" and has_object(c) for c in verb.children)


def _further_group(q: Quantity, verb: Token) -> bool:
    """"... and 48 other people wounded": a bare participle (no object, no auxiliary) after a
    conjunction whose subject is a further group of victims ("other", "more") is elliptical passive."""
    return verb.dep_ == "conj" and q.noun is not None and verb.tag_ in ("VBD", "VBN") \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and any(c.lower_ in ("other", "more", "another") for c in q.noun.children)


def _title_verb_kind(tok: Token) -> str | None:
    """A headline in title case tags "Kills", "Wounds" as proper nouns: read the verb from its form."""
    if not (tok.tag_ in ("NNP", "NNPS", "NNS") and tok.is_title):
        return None                      # ("Blast Kills 3": "Kills" may be tagged a plural noun)
    low = tok.lower_
    for form in (low, low[:-1] if low.endswith("s") else None, low[:-2] if low.endswith("es") else None):
        for k in KINDS:
            if form and form in casualty_lexicon()[k]["transitive"]:
                return k
    return None


def _surface_link(q: Quantity) -> CountLink | None:
    """Word-order fallbacks for parses that lose the number ("kills 35 and injures 27", where
    the parser makes "27" punctuation; "claimed 7 civilians lives" with "lives" read as a verb)."""
    doc = q.root.doc
    prev = doc[q.start - 1] if q.start > 0 else None
    lives = casualty_terms()["lives"]
    if prev is not None and prev.pos_ in ("VERB", "AUX") and not _passive(prev) and prev.tag_ != "VBN" \
            or prev is not None and prev.tag_ in ("NNP", "NNPS", "NNS") and prev.is_title:
        k = verb_kind(prev, "transitive") or _title_verb_kind(prev)
        if k and (q.noun is None or q.noun.lemma_.lower() not in casualty_words("not_people")):
            return CountLink(k, prev)            # "injures 27": an active casualty verb, then the number
    after = q.noun.i + 1 if q.noun is not None and q.noun.i >= q.end else q.end
    if after < len(doc) and doc[after].lower_ in ("lives", "life") and prev is not None \
            and prev.lemma_.lower() in lives["verbs"]:
        return CountLink("killed", prev)         # "claimed 7 civilians lives"
    return None


def separate_group(other: Quantity, kind: str, cue: Token | None = None) -> bool:
    """A conjunct that is not part of the same victim group: not people, a count of another kind
    ("84 deaths and 90 injuries"), or the subject of a clause of its own ("and another 29 were
    injured", which the parser sometimes hangs on the first group). The verb right after the
    last conjunct may be the one the groups share ("15 militants and 4 soldiers were killed")."""
    if other.noun is not None and other.noun.lemma_.lower() in casualty_words("not_people"):
        return True
    if other.noun is not None and noun_kind(other.noun) not in (None, kind):
        return True
    nxt = other.root.doc[other.root.i + 1] if other.root.i + 1 < len(other.root.doc) else None
    if nxt is None or (cue is not None and (nxt.i == cue.i or (nxt.pos_ == "AUX" and nxt.head.i == cue.i))):
        return False
    return nxt.pos_ == "AUX" or (nxt.pos_ == "VERB" and nxt.head.i != other.root.i)   # not "contractor working"




def is_loss(q: Quantity, verb: Token) -> bool:
    """"lost 6 fighters", "losing 5 of their own": a side's own dead, the object naming people."""
    losses = casualty_terms()["losses"]
    if verb.lemma_.lower() not in losses["verbs"] or q.noun is None:
        return False
    noun = q.noun.lemma_.lower()
    return noun in casualty_words("person_nouns") or noun in losses["nouns"] or q.noun.lower_ in losses["nouns"] \
        or any(t.lower_ == "own" for t in q.root.doc[q.end:q.end + 4])
