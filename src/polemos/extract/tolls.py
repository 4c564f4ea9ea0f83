"""Tolls as events: the sentence filter's casualty and number patterns, a headline's bare toll
("7 bodies found") read as an attack, and whether a verb states a toll ("Twin blasts kill 73
people"). Used by grouping (groups.py), the Event writer and the sentence filter; kept apart from
count ownership (event_counts.py) so that grouping does not import the steps that run after it."""
from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.casualty_terms import casualty_terms, casualty_verb_kind, number_rules
from polemos.extract.counts import count_spans, extract_counts
from polemos.extract.quantities import writes_number
from polemos.extract.triggers import Trigger, TriggerEntry


@functools.lru_cache(maxsize=1)
def casualty_re() -> re.Pattern:
    """The casualty words of casualty_terms.yaml (killed/injured nouns and adjectives, toll nouns)."""
    t = casualty_terms()
    words = set(datafiles.words("word_sets", "toll_signal_nouns"))
    for kind in ("killed", "injured"):
        words |= set(t[kind]["nouns"]) | set(t[kind]["adjectives"]) | set(t["toll"]["kinds"][kind])
    words |= set(t["losses"]["forms"])      # "Regime forces lost 12 soldiers" after the fighting's sentence
    forms = words | {w + "s" for w in words} | {w[:-1] + "ies" for w in words if w.endswith("y")}
    alt = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def number_re() -> re.Pattern:
    words = [w for w in number_rules()["units"] if len(w) > 2 and w != "both"]
    alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\d|\b(?:{alt})\b", re.IGNORECASE)


# The entry of a headline that states a toll with no event word ("7 bodies found", "3 dead, 5 hurt").
_TOLL = TriggerEntry(index=-2, type="ASSAULT", mode=None, objects=None, casualty=True, only_conditional=False)


def toll_trigger(doc: Doc) -> list[Trigger]:
    """A headline's stated toll as its event word: the head of the killed (else injured) count's
    words, unless the headline names a non-violent cause ("3 dead in road crash") or a toll."""
    terms = casualty_terms()
    if any(t.lemma_.lower() in terms["not_violence"] or t.lemma_.lower() in terms["toll"]["nouns"] for t in doc):
        return []                        # nor a running tally ("Syria death toll tops 136,000")
    counts = count_spans(doc)
    for kind in ("killed", "injured"):
        c = counts.get(kind)
        if c is None or not writes_number(c.count.text):
            continue
        toks = list(doc[c.start:c.end])
        if not toks:
            continue
        ids = {t.i for t in toks}
        tok = next((t for t in toks if t.head.i not in ids or t.head == t), toks[0])
        return [Trigger(tok, tok.i, tok.i + 1, _TOLL, "ASSAULT", None)]
    return []


def casualty_verb(doc: Doc) -> bool:
    """A verb of killing or wounding in the sentence: it states the toll and its event (the noun
    rules for tolls stated without one would only add a second event). A participle describing
    a noun ("bodies of three men executed") states none."""
    return any(t.pos_ == "VERB" and t.dep_ != "acl" and casualty_verb_kind(t) in ("killed", "injured") for t in doc)


def habitual(verb: Token) -> bool:
    """The clause says its verb happens habitually: "kill 300 children a year", "every month",
    "usually"."""
    terms = casualty_terms()
    near = [t for c in verb.children for t in [c, *c.children]]
    return any(t.lower_ in terms["habitual"] for t in near) or any(
        t.lemma_.lower() in terms["habitual_units"] and any(d.lower_ == "a" for d in t.children) for t in near)


def states_toll(verb: Token) -> bool:
    """"Twin blasts kill 73 people": a present-tense verb with a stated number of victims is the
    news style of one event, not a state of affairs ("so many civilians die" states no number)."""
    if habitual(verb):
        return False              # "landmines kill 5,000 people a year": a habit, not an event
    counts = extract_counts(verb.doc, verb)
    return any(writes_number(c.text) for k, c in counts.items() if k in ("killed", "injured"))
