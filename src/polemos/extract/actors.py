"""Who acted and on whom: noun phrases from the dependency tree, coded {text, name, country, sector}.

Coding reads only data files: countries.csv (names, demonyms, capitals), office_holders.csv
(people with the dates they held office), actors.yaml (sector nouns, organisations, armed groups,
document context rules). `ActorCoder.code(head)` codes the phrase a token heads (finding which
phrase plays which role is `roles.py`).
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from polemos import datafiles
from polemos.extract.actor_phrases import modifier_over_head, spelled_acronyms
from polemos.extract.triggers import QUANTITY_HEADS, load_data
from polemos.models import Actor
from polemos.trie_regex import alternation

# Children that belong to a noun phrase's name ("the visiting Russian delegation").
_NP_DEPS = datafiles.words("grammar", "noun_phrase_deps")
_PRONOUNS = datafiles.words("function_words", "pronouns")
_DATE_WORDS = datafiles.words("function_words", "date_words")
# what a name says of an actor: (name, country, sector, person, explicit country, found via)
_Named = tuple[str | None, str | None, str | None, bool, bool, str | None]


def _read_text(name: str) -> str:
    return datafiles.read_text(name)


def is_date_word(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in _DATE_WORDS


@dataclass
class Holder:
    name: str
    country: str | None
    sector: str
    role: str
    start: dt.date | None
    end: dt.date | None


@dataclass
class Coded:
    """A coded actor plus what the coder used, to explain and to merge."""

    actor: Actor
    head: Token | None = None
    person: bool = False
    explicit_country: bool = False        # the words themselves name the country


def _name_word(head: Token) -> bool:
    """True when the head noun is part of a name ("the White Helmets", "Security Council")."""
    return head.pos_ == "PROPN" or head.text[:1].isupper()


@functools.lru_cache(maxsize=4096)
def _word_re(word: str) -> re.Pattern[str]:
    """`word` as a whole word (compiled once, not per search)."""
    return re.compile(rf"\b{re.escape(word)}\b")


def _alt(words: list[str]) -> str:
    return alternation(words)      # (speed) the longest-first alternation, as a trie


class ActorCoder:
    """Actor dictionaries, loaded once."""

    def __init__(self) -> None:
        data = load_data("actors.yaml")
        self.name_of: dict[str, str] = {}
        self._country_words: dict[str, str] = {}      # any name/demonym -> ISO-3
        self._countries_seen: dict[str, tuple[tuple[int, str], ...]] = {}   # countries_in, by text
        self._names: dict[str, str] = {}              # country names only
        self._capitals: dict[str, str] = {}
        for row in csv.DictReader(_read_text("countries.csv").splitlines()):
            iso = row["iso3"]
            names = [n for n in row["names"].split("|") if n]
            self.name_of[iso] = names[0]
            for n in names:
                self._names[n] = iso
                self._country_words[n] = iso
            for d in row["demonyms"].split("|"):
                if d:
                    self._country_words[d] = iso
                    self._country_words[d + "s"] = iso        # "the Syrians", "Russians"
            if row["capital"]:
                self._capitals[row["capital"]] = iso
        self._country_re = re.compile(rf"(?<![\w.])({_alt(list(self._country_words))})(?![\w])")
        self._capital_re = re.compile(rf"(?<![\w.])({_alt(list(self._capitals))})(?![\w])")
        self._name_re = re.compile(rf"(?<![\w.])({_alt(list(self._names) + list(self._capitals))})(?![\w])")
        self.holders: dict[str, list[Holder]] = {}
        for row in csv.DictReader(_read_text("office_holders.csv").splitlines()):
            h = Holder(row["name"], row["country"] or None, row["sector"], row["role"],
                       dt.date.fromisoformat(row["start"]) if row["start"] else None,
                       dt.date.fromisoformat(row["end"]) if row["end"] else None)
            for n in [row["name"]] + [a for a in row["aliases"].split("|") if a]:
                self.holders.setdefault(n, []).append(h)
        self._holder_re = re.compile(rf"(?<![\w])({_alt(list(self.holders))})(?![\w])")
        self.orgs: dict[str, dict] = {}
        for o in data["organisations"]:
            for n in o["names"]:
                self.orgs[n] = o
        # listed organisations with no country: international ("NATO", "Islamic State")
        self.international = {o["name"] for o in data["organisations"] if o.get("name") and not o.get("country")}
        self._add_armed_groups()
        self._org_re = re.compile(rf"(?<![\w])({_alt(list(self.orgs))})(?![\w])")
        self.agent_nouns: dict[str, str] = {}
        for sector, words in data["agent_nouns"].items():
            for w in words or []:
                self.agent_nouns.setdefault(str(w).lower(), sector)
        listed = [str(w).lower() for words in data["agent_nouns"].values() for w in words or []]
        self.ambiguous_nouns = {w for w in listed if listed.count(w) > 1}     # "officer": police or army
        self.modifier_sectors: dict[str, str] = data["modifier_sectors"]
        self.context_rules = {r["lemma"]: r for r in data["context_rules"]}
        self.state_force_types = set(data["state_force_types"])
        self.default_victim_sector = data["default_victim_sector"]
        self.default_target_sectors: dict[str, str] = data["default_target_sectors"]
        self.generic_heads = set(data["generic_heads"])
        self.place_nouns = set(data["place_nouns"])
        self.armed_group_words = [w.lower() for w in data["armed_group_name_words"]]
        self.sponsor_words = set(data["sponsor_words"])
        self.unit_nouns = set(data["unit_nouns"])
        self.member_force_sectors = set(data["member_force_sectors"])
        self.local_sectors = set(data["local_sectors"])
        self.facility_nouns = set(data["facility_nouns"])
        self.origin_nouns = set(data["origin_nouns"])

    def _add_armed_groups(self) -> None:
        """Armed non-state groups from PETRARCH2's dictionary (armed_groups.csv): REB, with their
        country; transnational ones have none; a group known only by region takes the country of
        the events it fights in (filled like any armed actor's). actors.yaml's entries win."""
        lines = [ln for ln in _read_text("armed_groups.csv").splitlines() if not ln.startswith("#")]
        for row in csv.DictReader(lines):
            iso = row["country"]
            o = {"name": row["name"], "country": iso if iso and iso != "international" else None, "sector": "REB"}
            for n in [row["name"]] + [a for a in row["aliases"].split("|") if a]:
                self.orgs.setdefault(n, o)
            if iso == "international":
                self.international.add(row["name"])

    @functools.cached_property
    def proper_names(self) -> tuple[re.Pattern[str], dict[str, str]]:
        """Known names in lower case (for text written in capitals only) and their spelling."""
        proper: dict[str, str] = {}
        for n in list(self._country_words) + list(self._capitals) + list(self.orgs) + list(self.holders):
            if len(n) >= 4 and not n.isupper():
                proper.setdefault(n.lower(), n)
        pat = re.compile(rf"(?<![\w])({_alt(list(proper))})(?![\w])")
        return pat, proper

    @functools.cached_property
    def member_force_re(self) -> re.Pattern[str]:
        """Names of organisations whose forces are national ones ("NATO", "ISAF")."""
        names = [n for n, o in self.orgs.items() if o.get("sector") in self.member_force_sectors
                 and not o.get("country")]
        return re.compile(rf"(?<![\w])({_alt(names)})(?![\w])")

    # ------------------------------------------------------------ countries in plain text
    def countries_in(self, text: str) -> list[tuple[int, str]]:
        """(offset, ISO-3) of country names, demonyms and capitals in a text, in order."""
        found = self._countries_seen.get(text)     # (speed) every sentence is read two or three times
        if found is None:
            if len(self._countries_seen) > 20_000:
                self._countries_seen.clear()
            out = [(m.start(), self._country_words[m.group(1)]) for m in self._country_re.finditer(text)]
            out += [(m.start(), self._capitals[m.group(1)]) for m in self._capital_re.finditer(text)]
            found = self._countries_seen[text] = tuple(sorted(out))
        return list(found)

    def countries_named(self, text: str) -> list[str]:
        """ISO-3 of the countries a text names by name or capital (not by demonym), in order; the
        longest name wins ("Northern Ireland", not "Ireland")."""
        return [self._names.get(m.group(1)) or self._capitals[m.group(1)] for m in self._name_re.finditer(text)]

    def country_name(self, iso: str | None) -> str | None:
        return self.name_of.get(iso) if iso else None

    def holder(self, name: str, when: dt.date | None) -> Holder | None:
        """The office holder of that name in office on `when` (the latest one without a date)."""
        cands = self.holders.get(name, [])
        if not cands:
            return None
        if when is not None:
            for h in cands:
                if (h.start is None or h.start <= when) and (h.end is None or when < h.end):
                    return h
            return None     # known name, but not in office then: do not guess
        return cands[0]

    # ------------------------------------------------------------ phrases
    def np_tokens(self, head: Token) -> list[Token]:
        """The head and the words that name it (modifiers, possessives, "of" phrases), without
        relative clauses, coordination, or other prepositional phrases."""
        out = [head]
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ in _NP_DEPS or (c.dep_ == "prep" and t == head and (
                        c.lower_ == "of" or (c.lower_ == "from" and head.lemma_.lower() in self.agent_nouns))) or (
                        c.dep_ == "prep" and c.lower_ in ("of", "from") and self._origin_appos(t, head)):
                    # "X, a student from Kazakhstan", "X, a citizen of Chad": where the person is from
                    # "members of parliament", "delegations from Armenia and Azerbaijan"
                    if c.dep_ == "appos" and t != head:
                        continue
                    out.append(c)
                    stack.append(c)
                elif c.dep_ == "pobj" and t.dep_ == "prep":
                    out.append(c)
                    stack.append(c)
                elif c.dep_ == "conj" and (t.dep_ in ("amod", "compound") and t.head == head or
                                           t.dep_ == "pobj" and t.head.lower_ == "from"):
                    out.append(c)          # "Turkish and Russian delegations"
                    stack.append(c)
        return sorted(set(out), key=lambda t: t.i)

    def _origin_appos(self, t: Token, head: Token) -> bool:
        return t.dep_ == "appos" and t.head == head and t.lemma_.lower() in self.origin_nouns

    def code(self, head: Token, when: dt.date | None, event_type: str | None = None) -> list[Coded]:
        """Coded actors a noun phrase names; several when it coordinates countries ("Turkey and
        Russia", "Turkish and Russian delegations"). Empty when it names nobody we can code."""
        # "thousands of protesters", "dozens of civilians": the people, not the number
        if head.lemma_.lower() in QUANTITY_HEADS or head.pos_ == "NUM":
            inner = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"]
            if inner:
                head = inner[0]
        heads = [head] + [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON")]
        out: list[Coded] = []
        for h in heads:
            out.extend(self._code_one(h, when, event_type))
        return [c for c in out if c.actor.country or c.actor.sector]

    def _code_one(self, head: Token, when: dt.date | None, event_type: str | None) -> list[Coded]:
        spelled = spelled_acronyms(head.doc).get(head.text) if head.text.isupper() else None
        if spelled is not None and spelled.i < head.i and head.text not in self.orgs:
            head = spelled         # "the APC" after "the All Progressives Congress (APC)"
        toks = self.np_tokens(head)
        doc = head.doc
        span = doc[toks[0].i: toks[-1].i + 1]
        name, country, sector, person, explicit, via = self._named(head, span, when)
        # countries by name, demonym or capital (the capital speaks for the government)
        countries: list[str] = []
        for _, iso in self.countries_in(" ".join(t.text for t in toks if not is_date_word(t)
                                                 and not self._sponsor(t))):
            if iso not in countries:
                countries.append(iso)
        if country is None and countries:
            country, explicit = countries[0], True
        elif via == "org" and countries and country not in countries:
            # "the Pakistani Taliban", "the Afghan branch of X": a demonym on the name itself says
            # which country's (not a sponsor: "Iranian-backed Hezbollah")
            demonym = [iso for c in head.children if c.dep_ in ("amod", "compound") and not self._sponsor(c)
                       for _, iso in self.countries_in(c.text)]
            country = demonym[0] if demonym else country
        # sector from the head noun, then from its modifiers; a person or organisation named as
        # a modifier ("Assad's forces") gives the country, the head noun the sector
        head_low = self._head_word(head)
        if via == "holder" and head.pos_ == "NOUN" and head_low in self.agent_nouns and not _name_word(head):
            sector, person = self.agent_nouns[head_low], False
        if via == "org" and sector in self.member_force_sectors and head.pos_ == "NOUN":
            pairs = [f"{c.lemma_.lower()} {head_low}" for c in head.children if c.dep_ == "compound"]
            own = self.agent_nouns.get(head_low) or next((self.agent_nouns[p] for p in pairs if p in self.agent_nouns),
                                                         None)
            if own in ("MIL", "COP"):
                sector = own               # "NATO troops", "NATO service members" are soldiers
        owner = self._held_by_group(head) if head_low in self.unit_nouns else None
        if owner is not None:
            sector, name = "REB", name or owner
        if sector is None:
            sector = self._sector_from_words(head, head_low, span, toks)
        if sector is None:
            sector = self._bare_sector(head, head_low, country)
        if sector is None and head.ent_type_ == "PERSON":
            person = True
        if sector in ("GOV",) and event_type in self.state_force_types and not person:
            sector = "MIL"
        # context rules: words whose country only the story gives ("the regime", "civilians")
        rule = self.context_rules.get(head_low)
        if country is None and rule is not None:
            if not rule.get("only_if_bare") or len(toks) <= 2:
                sector = sector or rule["sector"]
                if rule["sector"] == "GOV" and event_type in self.state_force_types:
                    sector = "MIL"
        if head.pos_ == "PROPN" and any(self._origin_appos(c, head) for c in head.children):
            person = True          # "Azamat Serikov, a student from Kazakhstan" is a person, however tagged
        if (head.ent_type_ == "PERSON" or head.pos_ == "PROPN" and person) and via != "org":
            person = True          # (a listed organisation the tagger took for a person is none)
        actor_text = doc[min(t.i for t in toks): head.i + 1].text if toks else head.text
        if not name and country and sector == "GOV" and head.text in (self._names | self._capitals):
            name = self.country_name(country)
        result = [Coded(Actor(text=actor_text, name=name, country=country, sector=sector), head, person, explicit)]
        # "Turkish and Russian delegations": one actor per named country
        if len(countries) > 1 and not any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in head.children):
            for iso in countries[1:]:
                if iso != country:
                    result.append(Coded(Actor(text=actor_text, name=None, country=iso, sector=sector),
                                        head, person, True))
        return result

    def _named(self, head: Token, span: Span, when: dt.date | None) -> _Named:
        """Who a listed organisation, an office holder (chosen by date) or an armed group's proper
        name says the words are: (name, country, sector, person, explicit country, found via)."""
        name: str | None = None
        country: str | None = None
        sector: str | None = None
        person = False
        explicit = False
        # organisations and armed groups by name
        via = None
        m = self._org_re.search(span.text)
        if m:
            via = "org"
            o = self.orgs[m.group(1)]
            name, country, sector = o.get("name"), o.get("country"), o.get("sector")
            explicit = country is not None
        # office holders by name, chosen by date
        if sector is None:
            for m in self._holder_re.finditer(span.text):
                h = self.holder(m.group(1), when)
                if h is not None:
                    name, country, sector, person, explicit = h.name, h.country, h.sector, True, True
                    via = "holder"
                    break
        # a proper name of an armed group no dictionary lists ("Balochistan Liberation Army"), never
        # a person's title ("Brigade General X")
        if sector is None and head.pos_ == "PROPN" and head.ent_type_ != "PERSON":
            low = span.text.lower()
            if any(w in low and _word_re(w).search(low) for w in self.armed_group_words):
                name, sector, via = span.text.removeprefix("The ").removeprefix("the "), "REB", "org"
        return name, country, sector, person, explicit, via

    def _sponsor(self, tok: Token) -> bool:
        """"US" of "US-backed militias": the sponsor's country, not the actor's."""
        doc = tok.doc
        return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in self.sponsor_words

    def _held_by_group(self, head: Token) -> str | None:
        """The name of the non-state group owning a unit ("the IRA's Belfast brigade": IRA): a
        possessor that is a proper name and no country, capital or listed state body."""
        for c in head.children:
            if c.dep_ == "poss" and c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "NORP", "PERSON"):
                words = " ".join(t.text for t in c.subtree if t.dep_ not in ("case", "det"))
                if self.countries_in(words):
                    return None
                m = self._org_re.search(words)
                if m is None or self.orgs[m.group(1)].get("sector") in ("REB", "CRM"):
                    return self.orgs[m.group(1)].get("name") if m else words
                return None
        return None

    def _head_word(self, head: Token) -> str:
        head_low = head.lemma_.lower()
        if head_low not in self.agent_nouns and head.pos_ == "PROPN" and head.lower_.endswith("s") \
                and head.lower_[:-1] in self.agent_nouns:
            head_low = head.lower_[:-1]   # "Guerrillas attacked": a plural tagged as a name opening a sentence
        return head_low

    def _sector_from_words(self, head: Token, head_low: str, span: Span, toks: list[Token]) -> str | None:
        """The sector the head noun, a two-word noun or a modifier names."""
        low_lemmas = [t.lemma_.lower() for t in toks]
        bigrams = [f"{a} {b}" for a, b in zip(low_lemmas, low_lemmas[1:])]
        sector = next((self.agent_nouns[b] for b in bigrams if b in self.agent_nouns), None)
        if sector is None or (head_low in self.agent_nouns and head_low not in ("force", "forces")):
            sector = self.agent_nouns.get(head_low) or self.agent_nouns.get(head.lower_) or sector
        sector = modifier_over_head(head, sector, self.agent_nouns, self.modifier_sectors,
                                    self.ambiguous_nouns) or sector
        if head_low in self.generic_heads:
            # "rebel leaders", "opposition spokesman": the modifier says who they lead;
            # "a member of parliament": the body they belong to
            joined = "".join(t.text_with_ws for t in span if t != head).lower()
            for word, sec in self.modifier_sectors.items():
                if word in joined and _word_re(word).search(joined) and sec not in ("UAF",):
                    sector = sec
                    break
            else:
                # "a spokesman for the rebel forces": the body's own phrase says who it is
                of = [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                      for p in c.children if p.dep_ == "pobj"]
                if of and head_low not in ("supporter",) and of[0].lemma_.lower() in self.agent_nouns:
                    body = self.np_tokens(of[0])
                    sector = self._sector_from_words(of[0], self._head_word(of[0]),
                                                     head.doc[body[0].i: body[-1].i + 1], body) or sector
        if sector is None:
            joined = "".join(t.text_with_ws for t in span).lower().replace(" - ", "-").replace(" -", "-")
            for word, sec in self.modifier_sectors.items():
                if word in joined and _word_re(word).search(joined):   # (the substring test first: speed)
                    sector = sec
                    break
        if sector is None and head.pos_ == "PROPN":
            # "José, a bus driver": what the appositive says a named person is (not "X, leader
            # of Y": whom a leader leads is Y's sector, which the appositive alone does not give)
            sector = self._led_body(head) or next(
                (self.agent_nouns[t.lemma_.lower()] for t in toks if t.dep_ == "appos" and t.head == head
                 and t.lemma_.lower() in self.agent_nouns and t.lemma_.lower() not in self.generic_heads), None)
        if sector is None:
            for t in toks:
                # "Traders' associations", "farmers' unions": whose body it is
                if t != head and t.dep_ in ("compound", "amod", "poss") and t.lemma_.lower() in self.agent_nouns:
                    sector = self.agent_nouns[t.lemma_.lower()]
                    break
        return sector

    def _led_body(self, head: Token) -> str | None:
        """"Nigel Farage, leader of the Brexit Party", "X, head of the army": the sector of the
        body the appositive says the person leads or belongs to, when a noun of it names one."""
        for t in head.children:
            if t.dep_ == "appos" and (t.lemma_.lower() in self.generic_heads or t.lemma_.lower() in self.agent_nouns):
                body = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj"]
                if body and body[0].lemma_.lower() in self.agent_nouns:
                    return self.agent_nouns[body[0].lemma_.lower()]
        return None

    def _bare_sector(self, head: Token, head_low: str, country: str | None) -> str | None:
        """The sector of words no noun gives one: a place's people, a country's government."""
        if head_low in self.place_nouns:
            return "CVL"        # "a market", "the Saudi city of Jizan": the people there
        if country is not None:
            # "Turkey", "Ankara": a country named alone acts through its government; "Albanians",
            # "Iraqi Kurds": people
            if head.text in self._names or head.text in self._capitals or \
                    (head.ent_type_ == "GPE" and head.text not in self._country_words):
                return "GOV"
            if head.text in self._country_words or head.ent_type_ == "NORP" or head.tag_ == "NNPS":
                return "CVL"
        return None

    def is_pronoun(self, tok: Token) -> bool:
        return tok.lower_ in _PRONOUNS or tok.pos_ == "PRON"


@functools.lru_cache(maxsize=1)
def default_coder() -> ActorCoder:
    return ActorCoder()
