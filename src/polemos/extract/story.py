"""Story context: what earlier sentences tell later ones. The country the story is about, the
people named so far (who "he" and "the minister" are), the events told so far (what "the
airstrikes" refers to) and the story's time frame, kept in a `StoryState` that the Extractor
carries through an article in document order. It is separate because these are facts about the
whole text, not about the sentence being coded."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.actor_phrases import spelled_acronyms
from polemos.extract.actors import Coded
from polemos.extract.anaphora import AnaphorWords, Candidate, anaphor_kind, compatible, latest
from polemos.extract.resources import Resources
from polemos.models import Actor, Article, Event

_ACTOR_ENTITIES = datafiles.word_list("grammar", "actor_entities")

if TYPE_CHECKING:
    from polemos.extract.dates import DateResult
    from polemos.extract.groups import EventGroup

_LOCATIVE = datafiles.words("function_words", "locatives")
# A wire dateline ("BOSTON —", "KABUL, Afghanistan (Reuters) -") left between the headline and the
# first sentence: where the story was filed, most often where it happened.
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+)*)(?:,[^\n\u2014\u2013]{0,40}?)?"
                       r"\s*(?:\([^)\n]{0,30}\)\s*)?[\u2014\u2013-]{1,2}\s*$")
_DATELINE_WEIGHT = 3.0      # more than one locative mention (2), less than two
_ANAPHORIC_DETS = datafiles.words("function_words", "demonstratives")
# "Khairullozhon Matanov, 23, faces ...": a sentence opening with a full name and an age
_NAME_AGE = re.compile(r"\s*([A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+){1,3}), \d{1,3},")


Memory = tuple[set[str], Coded]     # the words that recall an actor, and the actor


@dataclass
class StoryState:
    """What earlier sentences told us: actors (for "the minister", "he") and events (for "the
    airstrikes"), and the country the story is about."""

    story_country: str | None = None
    story_support: float = 0.0       # how much the text says so (story_country's score)
    countries: set[str] = field(default_factory=set)     # every country the text names
    memory: list[Memory] = field(default_factory=list)
    events: list[tuple[set[str], Event]] = field(default_factory=list)
    story_date: "DateResult | None" = None                  # the story's time frame so far (dates.story_time)
    member_forces: dict[str, str] = field(default_factory=dict)   # "NATO" -> the one country its troops are of
    origins: dict[str, str] = field(default_factory=dict)    # a person the lede described by country -> ISO-3


class StoryContext:
    """Reads and recalls the story's context."""

    def __init__(self, res: Resources) -> None:
        self.res = res
        self.anaphors = AnaphorWords.load()
        self.last_support = 0.0

    def story_country(self, parsed, toponyms) -> str | None:
        """The country the story's events happen in: places named after "in"/"near" or as
        possessors ("Syria's Idlib province") count most; resolved place names count too."""
        score: defaultdict[str, float] = defaultdict(float)   # weights are fractions
        for sent in parsed.sentences:
            for _, iso in self.res.coder.countries_in(sent.text):
                score[iso] += 0.1
            if sent.doc is None:
                continue
            for tok in sent.doc:
                if tok.dep_ == "poss" and tok.head.pos_ in ("NOUN", "PROPN") and tok.text in self.res.coder._names:
                    score[self.res.coder._names[tok.text]] += 2
                if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE:
                    for iso in self._named_in(tok):
                        score[iso] += 2
        for iso in self._dateline_countries(parsed, toponyms):
            score[iso] += _DATELINE_WEIGHT
        named = set(score)
        for t in toponyms:
            if t.place is not None and t.place.country and not getattr(t, "demonym", False):
                # a place in a country the text never names is likely a namesake elsewhere
                score[t.place.country] += 1 if (t.place.country in named or not named) else 0.05
        # the first country with the top score (Counter.most_common(1) picks the same one)
        best = max(score, key=score.__getitem__) if score else None
        self.last_support = score[best] if best is not None else 0.0     # (read once by the pipeline)
        return best

    def member_forces(self, parsed) -> dict[str, str]:
        """The one country the story gives the troops of a multinational force ("six NATO service
        members were killed ... Six American NATO service members"): name -> ISO-3, only where
        every such mention gives the same country."""
        coder = self.res.coder
        found: defaultdict[str, set[str]] = defaultdict(set)
        for sent in parsed.sentences:
            if sent.doc is None or coder.member_force_re.search(sent.text) is None:
                continue      # (speed) only sentences naming such a force are read
            demonyms = {iso for _, iso in coder.countries_in(sent.text)} - set(coder.countries_named(sent.text))
            if len(demonyms) != 1:
                continue      # "two British and one Danish NATO soldiers": no one country
            for tok in sent.doc:
                if tok.pos_ != "NOUN" or not any(c.dep_ in ("amod", "compound", "nmod") for c in tok.children):
                    continue
                for c in coder.code(tok, None):
                    name, iso = c.actor.name, c.actor.country
                    if name and iso and name in coder.international and c.actor.sector in ("MIL", "COP") \
                            and iso in demonyms:
                        found[name].add(iso)
        return {name: next(iter(isos)) for name, isos in found.items() if len(isos) == 1}

    def lede_origins(self, parsed) -> dict[str, str]:
        """"A citizen of Kyrgyzstan on Wednesday pleaded not guilty ... Khairullozhon Matanov, 23,
        faces ...": the person a lede describes only by country, named with an age at the start
        of one of the next two sentences, is of that country (the wire convention of a lede
        followed by the name). Name (and surname) -> ISO-3."""
        sents = parsed.sentences
        for i, sent in enumerate(sents[:3]):
            iso = self._described(sent.doc) if sent.doc is not None else None
            if iso is None:
                continue
            for nxt in sents[i + 1: i + 3]:
                m = _NAME_AGE.match(nxt.text)
                if m is not None:
                    name = m.group(1)
                    return {name: iso, name.split()[-1]: iso}
            return {}
        return {}

    def _described(self, doc: Doc) -> str | None:
        """The country of an indefinite person subject ("A citizen of Chad", "A Nigerian man")."""
        for tok in doc:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and tok.lemma_.lower() in \
                    self.res.coder.origin_nouns and any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                                        for c in tok.children):
                coded = self.res.coder.code(tok, None)
                if coded and coded[0].explicit_country and coded[0].actor.sector in ("CVL", None):
                    return coded[0].actor.country
        return None

    def _dateline_countries(self, parsed, toponyms) -> list[str]:
        """The country of the wire dateline before one of the first sentences, if any: by a
        country or capital it names, else by a place of the same name the text names elsewhere."""
        prev_end = 0
        for sent in parsed.sentences[:3]:
            m = _DATELINE.match(parsed.text[prev_end:sent.start])
            prev_end = sent.end
            if m is None:
                continue
            words = m.group(1).title()
            named = self.res.coder.countries_named(words)
            if named:
                return named[:1]
            same = [t.place.country for t in toponyms if t.place is not None and t.place.country
                    and not getattr(t, "demonym", False) and t.text.lower() == words.lower()]
            return same[:1]
        return []

    def people_named(self, doc: Doc, article: Article) -> Iterator[Memory]:
        """The people and groups a sentence names, as memories for later sentences. A person the
        coder cannot code is remembered too, so that "he" later means them and no one older."""
        heads = [e.root for e in doc.ents if e.label_ in _ACTOR_ENTITIES]
        # people named by a common noun ("the attacker", "a man"), subjects last: "he" in the next
        # sentence means the latest subject before any object (memory is searched latest first)
        nouns = self.anaphors.person_nouns_in(doc)
        for h in sorted(heads + nouns, key=lambda t: (t.dep_ in ("nsubj", "nsubjpass"), t.i)):
            if h.ent_type_ == "" and h in nouns:
                # (speed) coded only if "he" recalls it (`coded_person`)
                yield {h.lower_, h.lemma_.lower()}, Coded(Actor(text=h.text), h, person=True)
                continue
            for c in self._coded(h, article.published):
                m = self.memory_of(c)
                if m is not None:
                    yield m

    def coded_person(self, c: Coded, when: dt.date | None) -> Coded:
        """A person remembered by a common noun ("the attacker"), coded when recalled."""
        if c.actor.country or c.actor.sector or c.head is None or not self.anaphors.names_a_person(c.head):
            return c
        coded = [x for x in self.res.coder.code(c.head, when) if x.actor.country or x.actor.sector]
        if not coded:
            return c
        coded[0].person = True
        return coded[0]

    def _coded(self, h: Token, when: dt.date | None) -> list[Coded]:
        """The actor a head word names; a person the coder cannot code, as a person of no code."""
        coded = [c for c in self.res.coder.code(h, when) if c.actor.country or c.actor.sector]
        if self.anaphors.names_a_person(h):
            for c in coded:
                c.person = True
        if not coded and (h.ent_type_ == "PERSON" or self.anaphors.names_a_person(h)):
            coded = [Coded(Actor(text=h.text), h, person=True)]
        return coded

    def memory_of(self, c: Coded) -> Memory | None:
        """What recalls this actor later: the words of its noun phrase."""
        if c.head is None:
            return None
        # "the All Progressives Congress (APC)": a later "the APC" recalls it (`named_before`)
        toks = self.res.coder.np_tokens(c.head)
        doc = c.head.doc
        names = toks + [a for a in c.head.children if a.dep_ == "appos"]
        spelled = {f"({acr})" for acr, name in spelled_acronyms(doc).items()
                   if name in toks or name.head == c.head and name.dep_ == "appos"} \
            if any(t.i + 1 < len(doc) and doc[t.i + 1].text == "(" for t in names) else set()
        return {t.lemma_.lower() for t in toks} | {c.head.lower_} | spelled, c

    def remember(self, state: StoryState, c: Coded) -> None:
        m = self.memory_of(c)
        if m is not None:
            state.memory.append(m)

    def is_anaphor(self, tok: Token) -> bool:
        """"the militants", "the group", "they", "it", "he": words that refer back (anaphora.py)."""
        return anaphor_kind(tok, self.anaphors) is not None

    def recall(self, state: StoryState, tok: Token, when: dt.date | None = None) -> Coded | None:
        """Who "he", "they", "the group", "the militants", "the minister" is: the latest
        compatible actor, earlier in the sentence first, then in the story."""
        kind = anaphor_kind(tok, self.anaphors)
        if kind is None:
            low = tok.lemma_.lower()       # titles: "the minister", "the spokesman"
            for words, c in reversed(state.memory):
                if low in words and c.actor.country and c.head != tok:
                    return c
            return None
        test = compatible(kind, self.anaphors)
        found = latest(self._in_sentence(tok, when), test)
        if found is None:
            found = latest(((self._candidate(c), c) for _, c in reversed(state.memory) if c.head != tok), test)
        return self.coded_person(found, when) if isinstance(found, Coded) else None

    def named_before(self, state: StoryState, tok: Token, coded: list[Coded]) -> Coded | None:
        """A group the story already coded by its name ("the IRA's Belfast brigade" made the IRA
        an armed group): a later bare "the IRA", or "an IRA leader", is that group. None when the
        words name nobody the story coded, or the coder knows them by itself."""
        if coded and (coded[0].actor.name is not None or coded[0].actor.country is not None or coded[0].person):
            return None
        if tok.text.isupper() and len(tok.text) > 1:
            for words, c in reversed(state.memory):
                if f"({tok.text})" in words and not c.person and c.actor.sector:
                    return Coded(c.actor.model_copy(), tok, False, c.explicit_country)
        names = [tok] if tok.pos_ == "PROPN" else []
        names += [c for c in tok.children if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"]
        for n in names:
            text = " ".join(t.text for t in n.subtree if t.dep_ not in ("det", "case")) if n is tok else n.text
            for _, c in reversed(state.memory):
                if c.actor.name == text and not c.person and c.actor.sector:
                    actor = c.actor.model_copy()
                    actor.text = " ".join(t.text for t in self.res.coder.np_tokens(tok))
                    return Coded(actor, tok, False, c.explicit_country)
        return None

    def origin_before(self, state: StoryState, tok: Token, coded: list[Coded]) -> None:
        """A person the lede described by country only (`lede_origins`) is of that country."""
        if state.origins and coded and coded[0].actor.country is None and tok.text in state.origins:
            coded[0].actor.country = state.origins[tok.text]

    def titled_before(self, state: StoryState, tok: Token, coded: list[Coded]) -> None:
        """"a Russian major general was killed ... Major General X died": a named person of no
        country whose title the story has already given to someone of a country (the same
        sector) is that country's. Fills the country in place."""
        if not coded or coded[0].actor.country or tok.pos_ != "PROPN":
            return
        titles = [c.lemma_.lower() for c in tok.children if c.dep_ == "compound" and c.pos_ in ("PROPN", "NOUN")
                  and c.lemma_.lower() in self.res.coder.agent_nouns]
        if not titles:
            return
        for words, c in reversed(state.memory):
            if titles[-1] in words and c.explicit_country and c.actor.sector == coded[0].actor.sector \
                    and c.head is not None and c.head.pos_ == "NOUN":
                coded[0].actor.country = c.actor.country
                return

    def _candidate(self, c: Coded) -> Candidate:
        """A country named as an actor ("Afghanistan") or a place is no group "they" refers to."""
        a = c.actor
        place = a.name is not None and a.name == self.res.coder.country_name(a.country) or (
            a.name is None and c.head is not None and c.head.ent_type_ in ("GPE", "LOC", "FAC"))
        return Candidate(a.name, a.sector, c.person, a.country, place)

    def _in_sentence(self, tok: Token, when: dt.date | None) -> Iterator[tuple[Candidate, Coded]]:
        """Actors named earlier in the token's sentence: subjects first, then entities, latest first."""
        sent = tok.sent
        heads = {e.root.i: e.root for e in sent.ents if e.end <= tok.i and e.label_ in self.anaphors.sentence_entities}
        heads.update({t.i: t for t in sent if t.i < tok.i and t.dep_ in ("nsubj", "nsubjpass")
                      and t.pos_ in ("NOUN", "PROPN")})
        # subjects first ("X, which works across France, said it ..." is X), then the latest mention
        for i in sorted(heads, key=lambda i: (heads[i].dep_ in ("nsubj", "nsubjpass"), i), reverse=True):
            h = heads[i]
            if h in tok.subtree or self.is_anaphor(h):
                continue
            for c in self._coded(h, when):
                yield self._candidate(c), c

    def antecedent(self, g: EventGroup, state: StoryState) -> Event | None:
        """The earlier event "the airstrikes" (a definite event noun with no actor of its own) refers
        to: the latest one named by the same word, else the latest of that type ("the attack" after
        "jihadists killed 15 soldiers")."""
        nouns = [m.token for m in g.members if m.is_noun]
        # "The strikes hit a market": the subject names the earlier event
        nouns += [c for c in g.root.token.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
        # "The worst explosion was at the bus station, where six were killed": the event the
        # clause is told of is the subject of the sentence it hangs from
        told: list[Token] = []
        if g.root.token.dep_ == "relcl":
            top = g.root.token.head
            while top.head != top:
                top = top.head
            if top.lemma_ == "be":
                told = [c for c in top.children if c.dep_ == "nsubj" and c.lemma_.lower() in self.res.event_nouns]
        nouns += told
        for n in nouns:
            if not any(c.lower_ in _ANAPHORIC_DETS for c in n.children):
                continue
            lemma = n.lemma_.lower()
            for lemmas, ev in reversed(state.events):
                if any(x.endswith(lemma) for x in lemmas) and ev.type == g.root.type and ev.actor1 is not None:
                    return ev     # "the strikes" after "airstrikes"
            if n.i in {m.token.i for m in g.members} or n in told:
                for _, ev in reversed(state.events):
                    if ev.type == g.root.type:
                        return ev
        return None

    def sentence_country(self, doc: Doc) -> str | None:
        """A country the sentence places events in ("in Syria's Idlib province", "in Yemen")."""
        for tok in doc:
            if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE:
                for iso in self._named_in(tok):
                    return iso
        return None

    def _named_in(self, tok: Token) -> list[str]:
        """Countries a locative phrase names by name or capital, longest names first ("Belfast,
        Northern Ireland" is the United Kingdom, not Ireland)."""
        coder = self.res.coder
        sub = list(tok.subtree)
        if not any(t.text in coder._names or t.text in coder._capitals for t in sub):
            return []        # (speed) the phrase names no country: no need to read it whole
        return coder.countries_named(tok.doc[sub[0].i: sub[-1].i + 1].text)


def latest_attacker(state: StoryState, prev: Event) -> Event | None:
    """The latest event of prev's type told so far that names its actor, from `prev` back, not
    past another day's (a heading or a casualty line in between names none)."""
    for _, ev in reversed(state.events):
        if ev.type != prev.type:
            continue
        if ev.date is not None and prev.date is not None and ev.date != prev.date:
            return None
        if ev.actor1 is not None:
            return ev
    return None
