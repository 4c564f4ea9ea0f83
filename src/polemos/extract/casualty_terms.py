"""The casualty words of data/casualty_terms.yaml and the number words of data/numbers.yaml
(loaded once), and which kind of count (killed, injured, displaced, arrested) a word states."""
from __future__ import annotations

import functools
import re

from spacy.tokens import Token

from polemos import datafiles

AGE_PHRASES = datafiles.word_list("function_words", "age_phrases")
_CASUALTY_TERM_PARTS = datafiles.word_list("grammar", "casualty_term_parts")
COUNT_MODIFIER_DEPS = datafiles.word_list("grammar", "count_modifier_deps")
DESCRIBING_DEPS = datafiles.word_list("grammar", "describing_deps")
NOT_NUMBER_WORDS = datafiles.word_list("function_words", "not_number_words")
NOUN_TEXT_SKIP_DEPS = datafiles.word_list("grammar", "noun_text_skip_deps")
NUMBER_MULTIPLIERS = datafiles.word_list("function_words", "number_multipliers")
POSSESSIVE_DETERMINERS = datafiles.words("function_words", "possessive_determiners")
QUANTITY_MODIFIER_DEPS = datafiles.word_list("grammar", "quantity_modifier_deps")
QUANTITY_POS = datafiles.word_list("grammar", "quantity_pos")
VICTIM_TEXT_SKIP_DEPS = datafiles.word_list("grammar", "victim_text_skip_deps")

KINDS = datafiles.word_list("ontology", "count_kinds")
# Entity types of numbers that are never counts of people.
NOT_COUNT_ENTS = datafiles.words("grammar", "not_count_entities")
SUBSET_PREPS = {"including", "excluding"}   # "12 people, including 5 children"
RANGE_WORDS = datafiles.words("function_words", "range_words")
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")


def _load(name: str) -> dict:
    return datafiles.load_yaml(name)


@functools.lru_cache(maxsize=1)
def number_rules() -> dict:
    return _load("numbers.yaml")


@functools.lru_cache(maxsize=1)
def casualty_terms() -> dict:
    return _load("casualty_terms.yaml")


@functools.lru_cache(maxsize=None)
def casualty_words(name: str) -> frozenset[str]:
    """A word list of casualty_terms.yaml as a set (not_people, person_nouns)."""
    return frozenset(casualty_terms()[name])


# ---------------------------------------------------------------- numbers


@functools.lru_cache(maxsize=1)
def casualty_lexicon() -> dict[str, dict[str, set[str]]]:
    terms = casualty_terms()
    return {k: {part: set(terms[k][part]) for part in _CASUALTY_TERM_PARTS}
            for k in KINDS}


def _to_death(tok: Token) -> bool:
    """"shot to death", "stabbed to death", "beaten to death"."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "death" for g in c.children)
               for c in tok.children)


def verb_kind(tok: Token, part: str) -> str | None:
    lex = casualty_lexicon()
    lemma = tok.lemma_.lower()
    if part == "transitive" and tok.pos_ == "VERB" and (_to_death(tok) or any(
            c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally") for c in tok.children)):
        return "killed"                  # "stabbed to death", "fatally shot"
    phrasal = lemma + " " + " ".join(c.lower_ for c in tok.children if c.dep_ in ("prt", "oprd", "acomp"))
    for k in KINDS:
        if lemma in lex[k][part] or phrasal.strip() in lex[k][part]:
            return k
    return None


def casualty_verb_kind(tok: Token) -> str | None:
    """The kind of count a verb states ("killed", "died", "wounded"), if any."""
    return verb_kind(tok, "transitive") or verb_kind(tok, "intransitive")


def adj_kind(tok: Token) -> str | None:
    if tok.pos_ not in ("ADJ", "NOUN") and tok.tag_ != "VBN" and not (tok.tag_ == "NNP" and tok.is_title):
        return None                      # "killed" in "gunmen killed 12" is not "12 killed"; "Dead" in a headline is
    for k in KINDS:
        if tok.lower_ in casualty_lexicon()[k]["adjectives"]:
            return k
    return None


def noun_kind(tok: Token) -> str | None:
    for k in KINDS:
        if tok.lemma_.lower() in casualty_lexicon()[k]["nouns"] or tok.lower_ in casualty_lexicon()[k]["nouns"]:
            return k
    return None


