"""Step "assign participants": who acted (actor1), against whom (actor2) and who reported it,
from the grammatical roles of the event words, the story so far and the speaker. Countries the
sentence leaves open are filled in later (`fill_countries`), once the event's place is known."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.actors import Coded
from polemos.extract.event_type import Settled
from polemos.extract.groups import SPEECH_TYPES, EventGroup
from polemos.extract.participants import Participants
from polemos.extract.resources import Resources
from polemos.extract.roles import between_sides, fight_side, roles
from polemos.extract.status import reporter
from polemos.extract.story import StoryContext, StoryState, latest_attacker
from polemos.extract.triggers import Trigger
from polemos.models import Actor, Count, Event, Place

_OFFICIAL_SECTORS = datafiles.word_list("ontology", "official_sectors")
_TWO_PARTY_WORDS = datafiles.word_list("function_words", "two_party_words")
_VICTIM_SECTORS = datafiles.word_list("ontology", "victim_sectors")
_SPEAKER_PRONOUNS = {"it", "they", "we"}
_POSSESSIVES = (["its"], ["their"], ["our"])
_CONDITION_MARKS = ("if", "unless")
# Places the text puts in the story's country before the story outweighs a gazetteer guess
# (a headline naming one place says too little)
_STORY_SUPPORT = 3.0
_HIT_DEPS = ("dobj", "nsubjpass", "nsubj")
_JUDICIAL_WORDS = datafiles.words("actors", "judicial_words")
_ACCUSED_SUBJECT_VERBS = datafiles.words("actors", "accused_subject_verbs")
_ARREST_SECTOR = datafiles.load_yaml("actors.yaml")["arrest_sector"]
_REPORTING_ARRESTERS = datafiles.words("actors", "reporting_arresters")
_FIGHT_NOUNS = datafiles.words("actors", "fight_nouns")
_DEFAULT_ACTOR_SECTORS: dict[str, str] = datafiles.load_yaml("actors.yaml")["default_actor_sectors"]


@dataclass(frozen=True)
class Roles:
    """The tokens in each role of the event words: actors, targets, victims."""

    actor1: list[Token]
    actor2: list[Token]
    victims: list[Token]


@dataclass(frozen=True)
class Sides:
    """The event's participants. `type` may change here (a joint exercise is cooperation);
    `coded` are every actor coded, for the story to remember; `antecedent` is the earlier event
    the words refer back to ("the strikes")."""

    type: str
    actor1: Actor | None
    actor2: Actor | None
    reported_by: Actor | None
    first: list[Coded] | None         # actor1 as coded (its head word names the attacker's weapon)
    coded: list[Coded]
    named_attacker: bool              # the sentence itself names who acted
    antecedent: Event | None


def role_tokens(res: Resources, g: EventGroup, settled: Settled) -> Roles:
    """Each member's roles; a demand's actor is its target; a one-sided event has no target."""
    root, anchor = g.root, g.anchor
    r1: list[Token] = []
    r2: list[Token] = []
    victims: list[Token] = []
    for m in g.members:
        a = anchor if (m is root and root.is_noun and anchor is not None) else m.token
        rr = roles(a, m.token, m.type, res.event_nouns, res.targets.target_preps)
        (victims if m.entry.casualty else r2).extend(rr.actor2)
        if judicial(m) and a.lemma_.lower() in _ACCUSED_SUBJECT_VERBS:
            r2[:0] = rr.actor1     # "X pleaded not guilty to charges", "X is on trial": X is accused
        else:
            r1.extend(rr.actor1)
    if settled.obligation:
        r2, r1 = r1, []       # the one who must act is the target of the demand
    if one_sided(res, g, settled.type) and not r1 and r2:
        r1, r2 = r2, []       # "troops were deployed to Goma": the ones deployed act
    if settled.type != "ASSAULT":
        victims = []          # "threatened to shell towns where 100 were killed": the towns are the target
    sides = next((s for m in g.members if m.is_noun for s in [between_sides(m.token)] if len(s) > 1), None)
    if sides is not None:
        # "a man was killed in a battle between troops and terrorists": the sides fought; the
        # man is a casualty of it, not a party
        r1, r2, victims = sides[:1], sides[1:], []
    if not r1 and settled.type == "ASSAULT":
        # "Tamerlan died after a gunfight with police": the police are the other side
        r1 = next((s for m in g.members for s in [fight_side(m.token, _FIGHT_NOUNS)] if s), [])
    return Roles(r1, r2, victims)


def judicial(m: Trigger) -> bool:
    """The event words name a judicial act ("charges of", "on trial", "found guilty", "sentencing")."""
    return any(t.lower_ in _JUDICIAL_WORDS for t in m.token.doc[m.start:m.end]) or m.token.lower_ in _JUDICIAL_WORDS


def agentless_agent(g: EventGroup, type_: str, actor1: Actor | None, actor2: Actor | None,
                    reported_by: Actor | None, country: str | None, story: str | None,
                    people: str | None) -> Actor | None:
    """Who did a judicial act or an arrest the text tells without naming the doer: the courts
    (JUD) of the event's country for a charge, trial or conviction; for an arrest, the forces of
    the one who reports it ("..., a police spokesman said"), else the police (COP) of the country.
    An accused person of no known country is of the event's place, like its civilians."""
    arrest = type_ == "COERCE" and any(m.mode == "arrest" for m in g.members)
    court = type_ in ("ACCUSE", "SANCTION") and any(judicial(m) for m in g.members)
    if not (arrest or court):
        if actor1 is None and people and type_ in _DEFAULT_ACTOR_SECTORS:
            return Actor(text=None, country=people, sector=_DEFAULT_ACTOR_SECTORS[type_])   # "rallies took place"
        return actor1
    if actor2 is not None and actor2.country is None and actor2.name is None:
        actor2.country = people     # "Ahmed Musa, a local imam, was detained in Kano": of the place
    if actor2 is not None and actor2.country == country and story and story != country:
        country = story    # "a citizen of Chad was charged": a court of the story's country, not Chad's
    if actor1 is not None and actor1.country is None and actor1.sector in ("JUD", "COP") and country:
        actor1.country = country        # "a judge ordered him held": a judge where the case is
    if actor1 is not None or not country:
        return actor1
    if arrest and reported_by is not None and reported_by.sector in _REPORTING_ARRESTERS:
        return reported_by.model_copy(update={"country": reported_by.country or country})
    return Actor(text=None, country=country, sector=_ARREST_SECTOR if arrest else "JUD")


def seat_of(place: Place | None, state: StoryState) -> str | None:
    """Where a court or the police act: the event's own place, else the place of the latest event
    told ("... was found guilty in Boston. His sentencing is set for May"), else the story's."""
    if place is not None and place.country and place.precision != "document":
        return place.country
    return next((ev.location.country for _, ev in reversed(state.events) if ev.location is not None
                 and ev.location.country and ev.location.precision != "document"), state.story_country)


def one_sided(res: Resources, g: EventGroup, type_: str) -> bool:
    """One-sided events have no target, except yielding something to someone ("released 3 hostages")."""
    return type_ in res.ontology.intransitive and g.root.mode not in res.ontology.transitive_modes


def assign(res: Resources, people: Participants, story: StoryContext, g: EventGroup, settled: Settled,
           state: StoryState, published: dt.date | None) -> Sides:
    """The step: actor1, actor2 and the reporter of one event."""
    type_ = settled.type
    rt = role_tokens(res, g, settled)
    a1 = people.code_first(rt.actor1, state, published, type_)
    if a1 is None:
        a1 = _named_by_noun(res, people, g, published, type_)
    type_ = _joint_exercise(g, type_, a1)
    named = a1 is not None
    antecedent = story.antecedent(g, state) if a1 is None else None
    # "the worst explosion": the attacker of the attacks it refers back to, found or claimed before
    source = antecedent if antecedent is None or antecedent.actor1 is not None else latest_attacker(state, antecedent)
    if source is not None and source.actor1 is not None:
        a1 = [Coded(source.actor1.model_copy(), None, False, True)]
    a2 = _second(res, people, g, settled, type_, a1, rt, state, published)
    rep_tok = reporter(g.root.token)
    rep = people.code_tok(rep_tok, state, published, None) if rep_tok is not None else None
    if rep and a1 and any(rep[0].head == c.head for c in a1):
        rep = None
    actor1, actor2 = _attributed(res, type_, a1[0].actor if a1 else None, a2[0].actor if a2 else None,
                                 rep[0].actor if rep else None, rt.actor1)
    return Sides(type_, actor1, actor2, rep[0].actor if rep else None, a1, (a1 or []) + (a2 or []) + (rep or []),
                 named_attacker=named, antecedent=antecedent)


def _named_by_noun(res: Resources, people: Participants, g: EventGroup, published: dt.date | None,
                   type_: str) -> list[Coded] | None:
    """"a Russian missile strike": Russia's forces; "government airstrikes": the government's."""
    for m in g.members:
        if m.is_noun:
            cs = [c for c in res.coder.code(m.token, published, type_)
                  if c.explicit_country or people.named_by_modifier(m.token)]
            if cs:
                for c in cs:
                    c.actor.sector = c.actor.sector or ("MIL" if type_ in res.coder.state_force_types else "GOV")
                return cs
    return None


def _joint_exercise(g: EventGroup, type_: str, a1: list[Coded] | None) -> str:
    """"French and Egyptian warships launched war games": a joint exercise is cooperation."""
    anchor, trig = g.anchor, g.root.token
    if type_ == "MOBILIZE" and g.root.mode == "exercise" and (
            len({c.actor.country for c in a1 or []} - {None}) > 1 or
            any(c.dep_ == "prep" and c.lower_ == "with" for t in (anchor, trig) if t is not None for c in t.children)):
        return "COOPERATE"
    return type_


def _second(res: Resources, people: Participants, g: EventGroup, settled: Settled, type_: str,
            a1: list[Coded] | None, rt: Roles, state: StoryState, published: dt.date | None) -> list[Coded] | None:
    """The target: the victims, the object, the other side of a symmetric event, what a statement
    is about, the author of a proposal, a partner of talks, the subject of a threat's condition."""
    trig, anchor = g.root.token, g.anchor
    assert anchor is not None          # settle() refused groups without one
    a2 = _institution_hit(res, people, rt, state, published) if type_ == "ASSAULT" else None
    a2 = a2 or people.code_first(rt.victims, state, published, type_, victim=True) or (
        None if one_sided(res, g, settled.type) else people.code_first(rt.actor2, state, published, type_, target=True))
    sides = {c.actor.country for c in a1 or []}
    symmetric = type_ in res.ontology.symmetric or trig.lemma_.lower() in res.ontology.reciprocal_triggers
    if a1 and len(a1) > 1 and symmetric and (a2 is None or (len(sides) > 1 and a2[0].actor.country not in sides)):
        a2 = [a1[1]]          # "Armenia and Azerbaijan resumed talks in Tbilisi": the two sides
    if a2 is None and type_ in SPEECH_TYPES:
        # "demanded that Hamas renounce ...", "offered to hand over to Britain": the one the
        # statement is about is named in what was said
        a2 = people.content_target(anchor, a1, state, published)
    if a2 is None and type_ in SPEECH_TYPES:
        a2 = _condemned(res, g, published)
    if a2 is None or (a2 and a2[0].head is not None and a2[0].head.lemma_.lower() in res.targets.proposal_nouns):
        a2 = people.proposal_author(g, state, published) or a2
    if a2 is None and type_ == "CONSULT":
        a2 = people.with_partner(trig, state, published, type_)
    if rt.actor2 and _named_person(rt.actor2[0]) and type_ in ("ACCUSE", "SANCTION", "COERCE") and \
            any(judicial(m) or m.mode == "arrest" for m in g.members):
        # "McVeigh is on trial in Denver": a person the dictionaries do not know is still the accused
        t = rt.actor2[0]
        name = t.doc[res.coder.np_tokens(t)[0].i: t.i + 1].text
        a2 = people.code_tok(t, state, published, None) or [Coded(Actor(text=name, country=state.origins.get(t.text)),
                                                                  t, True, False)]
    if a2 is None and type_ == "THREATEN" and settled.cues.conditional:
        # "Turkey would take measures if the regime continues": the threat is aimed at the
        # subject of the condition
        cond = [s for v in (anchor, anchor.head) for c in v.children if c.dep_ == "advcl"
                and any(m.lower_ in _CONDITION_MARKS for m in c.children if m.dep_ == "mark")
                for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        a2 = people.code_first(cond, state, published, None, target=True)
    return a2


def _named_person(t: Token) -> bool:
    """A proper name that is no place ("McVeigh", however tagged), or a person."""
    return t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and (t.ent_type_ in ("", "ORG") or t.dep_ != "pobj"))


def _institution_hit(res: Resources, people: Participants, rt: Roles, state: StoryState,
                     published: dt.date | None) -> list[Coded] | None:
    """"an army post was hit, killing 12 people": the target is what was attacked when its words
    name an institution (an army post, a police station, a federal building), not the casualties
    (PLOVER codes the target by what the text says was attacked)."""
    for t in rt.actor2 + rt.victims:
        # what was hit, not where ("6 militants killed in an attack at a military camp")
        if t.lemma_.lower() in res.coder.facility_nouns and t.dep_ in _HIT_DEPS:
            cs = people.code_tok(t, state, published, None)
            if cs and cs[0].actor.sector not in (None, res.coder.default_victim_sector):
                return cs
    return None


def _condemned(res: Resources, g: EventGroup, published: dt.date | None) -> list[Coded] | None:
    """"condemned the Israeli strike": the target is whoever did what is condemned (Israel)."""
    for m in g.members[1:]:
        if m.is_noun:
            cs = [c for c in res.coder.code(m.token, published, None) if c.explicit_country]
            if cs:
                for c in cs:
                    c.actor.sector = c.actor.sector or "GOV"
                return cs
    return None


def _attributed(res: Resources, type_: str, actor1: Actor | None, actor2: Actor | None,
                reported_by: Actor | None, r1: list[Token]) -> tuple[Actor | None, Actor | None]:
    """The speaker as actor: "the air force said it shot down 14 drones"; its forces' country."""
    if actor1 is None and reported_by is not None and (
            type_ in SPEECH_TYPES or any(t.lower_ in _SPEAKER_PRONOUNS for t in r1[:1])):
        actor1 = reported_by  # "the air force said it shot down 14 drones": the speaker acted
    if reported_by is not None and reported_by.country:
        for act in (actor1, actor2):
            # "the ministry said its forces captured": the speaker's forces
            if act is not None and act is not reported_by and (act.text or "").lower().split()[:1] in _POSSESSIVES:
                act.country = reported_by.country
    if (actor1 is None and actor2 is not None and reported_by is not None and type_ in res.ontology.symmetric
            and reported_by.sector == "GOV" and reported_by.country and reported_by.country != actor2.country):
        actor1 = reported_by  # "no consensus with the Russian delegation at the talks, the (Turkish) minister said"
    return actor1, actor2


def people_country(ev_country: str | None, place: Place | None, state: StoryState) -> str | None:
    """The country of the people an event names without one (victims, local forces): the event's,
    unless that is only the gazetteer's guess in a story about another country: a document-level
    place, or a place in a text that names no country at all, when several of its places are in the
    story's country. A text naming only the attacker's country ("Russian warplanes
    bombed Idlib") keeps the place's country."""
    story = state.story_country
    if place is None or story is None or ev_country == story or ev_country is None:
        return ev_country
    if place.precision == "document" or (not state.countries and state.story_support >= _STORY_SUPPORT):
        return story
    return ev_country


def fill_countries(people: Participants, actor1: Actor | None, actor2: Actor | None, ev_country: str | None,
                   state: StoryState) -> None:
    """Countries the sentence leaves open, once the event's country is known: victims and local
    forces are of the place; "the regime" and officials are of the story's country, never the
    other side's. (Fills in actors made for this event only.)"""
    others = {act.country for act in (actor1, actor2) if act is not None and act.country}
    for act in (actor1, actor2):
        if act is not None and ev_country and "ethnic" in (act.text or "").lower().split():
            act.country = ev_country    # "ethnic Albanians in Serbia" live in Serbia
        if act is not None and act.country is None and act.name in state.member_forces and \
                act.sector in ("MIL", "COP"):
            act.country = state.member_forces[act.name]    # "NATO service members", later "American"
        if act is None or act.country is not None or act.name in people.res.coder.international:
            continue       # a listed organisation with no country is international ("NATO", "Islamic State")
        if act.sector in _VICTIM_SECTORS or (act is actor2 and act.sector in ("MIL", "COP")) or (
                act.sector in people.res.coder.local_sectors and act.name is None):
            act.country = ev_country     # people (and the forces) of the place the event happened in
        elif people.context_word(act):
            # "the regime", "the government": the story's state, never the other side's
            for iso in (ev_country, state.story_country):
                if iso and iso not in others:
                    act.country = iso
                    break
        elif act.sector in _OFFICIAL_SECTORS and state.story_country \
                and state.story_country not in others and not _pair(act.text):
            # "President Dos Santos", "the parliament", "the police": officials of the country
            # the story is about (never the other side's)
            act.country = state.story_country


def _pair(text: str | None) -> bool:
    """"the two sides", "both delegations": two parties, not one country's officials."""
    low = (text or "").lower().split()
    return bool(low) and any(w in _TWO_PARTY_WORDS for w in low)


def default_target(res: Resources, people: Participants, g: EventGroup, type_: str, actor2: Actor | None,
                   ev_country: str | None, counts: dict[str, Count], doc: Doc, place: Place | None) -> Actor | None:
    """A target the sentence does not name: the victims of an attack with casualties (civilians
    of the place), else the place itself when the event is aimed at it ("shelled Kharkiv")."""
    if type_ == "ASSAULT" and actor2 is None and (counts.get("killed") or counts.get("injured")
                                                   or any(m.entry.casualty for m in g.members)
                                                   or any(t.lemma_.lower() in res.lexicon.toll_nouns for t in doc)):
        actor2 = Actor(text=None, country=ev_country, sector=res.coder.default_victim_sector)
    if actor2 is None and type_ not in res.targets.place_target_skip and g.anchor is not None:
        actor2 = people.place_target(g.anchor, g, place)
    if actor2 is None and ev_country and type_ in res.coder.default_target_sectors:
        actor2 = Actor(text=None, country=ev_country, sector=res.coder.default_target_sectors[type_])
    return actor2
