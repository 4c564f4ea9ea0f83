"""Actor chains across an article: who "the group", "the militants", "they", "it" and "he" are.

A rule module, not a trained resolver: an anaphor refers to the most recent compatible actor the
story named before it (earlier in the same sentence first, then the story's memory, latest first).
Compatibility is by kind: "the militants" needs a named armed group (sector REB/CRM/UAF),
"the group" any named organisation, "they" an organisation or people acting together, "it" an
organisation or state body, "he"/"she" a person. Persons the coder cannot code are remembered
too, so "he" never skips past the latest person named to an older official (the head of state
quoted three paragraphs up is not the gunman). Word lists: data/anaphora.yaml.

spaCy-native coreference (coreferee, spacy-experimental's coref) needs models from a hub or
pins old spaCy versions, so it is not used (docs/actor-chains.md).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.attrs import LEMMA
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from polemos import datafiles

_FILE = "anaphora"


def _w(key: str) -> frozenset[str]:
    return datafiles.words(_FILE, key)


@dataclass(frozen=True)
class AnaphorWords:
    """The word lists, loaded once."""

    determiners: frozenset[str]
    neutral: frozenset[str]
    armed: frozenset[str]
    armed_sectors: frozenset[str]
    organisation: frozenset[str]
    plural_pronouns: frozenset[str]
    org_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    plural_sectors: frozenset[str]
    org_sectors: frozenset[str]
    sentence_entities: frozenset[str]
    person_nouns: frozenset[str]
    person_deps: frozenset[str]
    thing_verbs: frozenset[str]

    @classmethod
    def load(cls) -> "AnaphorWords":
        return cls(_w("determiners"), _w("neutral_modifiers"), _w("armed_descriptions"), _w("armed_sectors"),
                   _w("organisation_descriptions"), _w("plural_pronouns"), _w("organisation_pronouns"),
                   _w("person_pronouns"), _w("plural_sectors"), _w("organisation_sectors"),
                   _w("sentence_entities"), _w("person_nouns"), _w("person_deps"),
                   _w("thing_verbs"))

    def names_a_person(self, tok: Token) -> bool:
        """A singular common noun naming one person ("the attacker", "a man")."""
        return tok.tag_ == "NN" and tok.lemma_.lower() in self.person_nouns

    def person_nouns_in(self, doc: Doc) -> list[Token]:
        """Subjects and objects naming one person by a common noun. (speed: compares the
        tokens' integer ids; every parsed sentence is read)"""
        lemmas = _ids(self.person_nouns, doc.vocab.strings)
        hits = [i for i, v in enumerate(doc.to_array([LEMMA]).tolist()) if v in lemmas]
        return [t for t in (doc[i] for i in hits) if t.tag_ == "NN" and t.dep_ in self.person_deps]


def _ids(words: frozenset[str], strings: StringStore) -> frozenset[int]:
    """The integer ids spaCy gives these strings (the same in every vocabulary: cached once)."""
    ids = _ID_CACHE.get(words)
    if ids is None:
        ids = _ID_CACHE[words] = frozenset(strings.add(w) for w in words)
    return ids


_ID_CACHE: dict[frozenset[str], frozenset[int]] = {}


class Candidate:
    """What a candidate antecedent offers the test: its actor's name, sector and whether it is a person."""

    def __init__(self, name: str | None, sector: str | None, person: bool, country: str | None,
                 place: bool) -> None:
        self.name, self.sector, self.person, self.country = name, sector, person, country
        self.place = place        # a country or city named as an actor ("Afghanistan"): only "it"


Test = Callable[[Candidate], bool]


def anaphor_kind(tok: Token, words: AnaphorWords) -> str | None:
    """"person", "plural", "organisation", "armed" or "group" when the token refers back; None
    when it names an actor of its own."""
    low = tok.lower_
    if low in words.plural_pronouns | words.org_pronouns and _subject_of_thing_verb(tok, words):
        return None       # "the bombs ... they exploded": things, not actors
    if low in words.person_pronouns:
        return "person"
    if low in words.plural_pronouns:
        return "plural"
    if low in words.org_pronouns:
        return "organisation"
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = tok.lemma_.lower()
    if lemma not in words.armed and low not in words.armed and lemma not in words.organisation:
        return None
    kids = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ in words.determiners for c in kids):
        return None
    for c in kids:
        if c.dep_ in ("det", "punct"):
            continue
        if c.dep_ == "amod" and c.lower_ in words.neutral:
            continue
        return None       # "the Syrian rebels", "the group of protesters", "the IRA's gunmen": named here
    return "armed" if (lemma in words.armed or low in words.armed) else "group"


def _subject_of_thing_verb(tok: Token, words: AnaphorWords) -> bool:
    """"they exploded", "it went off": a pronoun subject of a verb things do, with no object."""
    v = tok.head
    if tok.dep_ != "nsubj" or v.lemma_.lower() not in words.thing_verbs:
        return False
    # "it killed 15 people" is most often the bombing; a group saying "it killed" is the speaker
    # (event_sides), so only "they" with an object stays an actor
    return tok.lower_ in words.org_pronouns or not any(c.dep_ in ("dobj", "obj") for c in v.children)


def compatible(kind: str, words: AnaphorWords) -> Test:
    """The test an antecedent must pass for an anaphor of this kind."""
    if kind == "person":
        return lambda c: c.person
    if kind == "armed":
        return lambda c: not c.person and not c.place and c.name is not None and c.sector in words.armed_sectors
    if kind == "group":
        return lambda c: not c.person and not c.place and c.name is not None
    if kind == "plural":
        return lambda c: not c.person and not c.place and c.sector in words.plural_sectors
    return lambda c: not c.person and c.sector in words.org_sectors


def latest(cands: Iterable[tuple[Candidate, object]], test: Test) -> object | None:
    """The first candidate (given latest first) that passes. A person the coder could not code
    still passes for "he": the caller then codes no one rather than an older person."""
    for cand, item in cands:
        if test(cand):
            return item
    return None
