"""The event builder: one group of event words becomes one Event record. It settles the type
and status (threats, offers, pledges, refusals, demands), codes the actors, who reported it,
the place, the date and the counts, picks the mode (weapon) and the ACLED type, and writes the
record with its evidence sentence and a confidence. It is separate from the pipeline, which
only runs the steps over an article in order."""
from __future__ import annotations

import datetime as dt
import hashlib
import sys
from typing import TYPE_CHECKING, cast

from spacy.tokens import Token

from polemos import datafiles
from polemos.extract.acled import acled_type
from polemos.extract.actors import Coded, roles
from polemos.extract.counts import CountSpan, count_spans
from polemos.extract.dates import DateResult, resolve_date, story_time
from polemos.extract.event_counts import CountAttachment
from polemos.extract.groups import SPEECH_TYPES, EventGroup
from polemos.extract.participants import Participants
from polemos.extract.resources import Resources
from polemos.extract.status import StatusResult, cues, reporter, status_of
from polemos.extract.story import StoryContext, StoryState
from polemos.extract.tolls import states_toll
from polemos.models import Actor, DatePrecision, Event, EventType, Evidence, Status

_MODE_CUE_DEPS = datafiles.word_list("grammar", "mode_cue_deps")
_OFFICIAL_SECTORS = datafiles.word_list("ontology", "official_sectors")
_SUBORDINATE_CLAUSE_DEPS = datafiles.word_list("grammar", "subordinate_clause_deps")
_TWO_PARTY_WORDS = datafiles.word_list("function_words", "two_party_words")
_VICTIM_SECTORS = datafiles.word_list("ontology", "victim_sectors")

if TYPE_CHECKING:
    from polemos.geo.api import Geocoder

_MODE_RANK = list(datafiles.word_list("ontology", "mode_rank"))
# GeoNames feature codes of capitals and seats of government: trusted even when the story never
# names their country ("in Tel Aviv").
_MAJOR_PLACES = datafiles.words("ontology", "major_place_codes")
_SPEAKER_PRONOUNS = {"it", "they", "we"}


class EventBuilder:
    """Turns a group of event words into an Event."""

    def __init__(self, res: Resources, participants: Participants, story: StoryContext, counts: CountAttachment) -> None:
        self.res = res
        self.participants = participants
        self.story = story
        self.counts = counts

    def _settle_type(self, g: EventGroup, st: StatusResult, headline: bool) -> tuple[str, bool] | None:
        """The event's type and status once mood and context are read (PLOVER's coding of threats,
        offers, pledges, refusals and demands); None when the words state no event. Updates
        `st.status`; returns (type, is_a_demand_stated_with_must)."""
        root, anchor = g.root, g.anchor
        if anchor is None:        # groups() yields only groups with the verb that states them
            return None
        type_ = root.type
        only_conditional = root.entry.only_conditional
        if st.conditional and (type_ in self.res.ontology.threat_when_conditional or only_conditional):
            type_, st.status = "THREATEN", "occurred"
        elif st.conditional and not root.is_noun and type_ in self.res.ontology.pledge_when_announced | {"CONSULT"}:
            type_, st.status = "AGREE", "occurred"       # "they would meet him if ...": a conditional offer
        elif only_conditional:
            return None
        if st.in_condition:
            return None           # "if talks fail": the condition states no event
        if st.offer:
            # "ready to withdraw": an offer; "prepared to impose martial law": a threat
            type_ = "THREATEN" if type_ in self.res.ontology.threat_when_promised else "AGREE"
            st.status = "occurred"
        elif st.unreal:
            return None           # "it is not possible to talk"
        if st.announced and type_ in self.res.ontology.threat_when_announced:
            type_, st.status = "THREATEN", "occurred"    # "said it would boycott the talks"
        elif st.announced and type_ in self.res.ontology.pledge_when_announced:
            type_, st.status = "AGREE", "occurred"       # "said it will release the prisoners"
        if type_ in self.res.ontology.investigation_purpose_of and any(
                m.type == "ACCUSE" and m.mode == "investigate" for m in g.members[1:]):
            type_ = "ACCUSE"      # "sent experts to investigate the killings": an investigation
        if type_ == "AGREE" and st.status == "occurred" and anchor.lemma_.lower() in self.res.ontology.support_when_signed:
            type_ = "SUPPORT"     # "signed an agreement" (PLOVER: agreeing, or promising to sign, is AGREE)
        if st.status == "denied" and type_ in self.res.ontology.negated_as and anchor.pos_ in ("VERB", "AUX"):
            type_, st.status = self.res.ontology.negated_as[type_], "occurred"   # "will not accept": a rejection
        if type_ == "AGREE" and any(m.type in self.res.ontology.threat_when_promised and m.token.dep_ in ("xcomp", "advcl")
                                    and m.token.head == root.token for m in g.members[1:]):
            type_ = "THREATEN"    # "vowed to fight on": a promise of force is a threat
        if type_ == "ASSAULT" and anchor.dep_ == "xcomp" and (anchor.head.lemma_.lower() in self.res.ontology.mobilize_when_prepared or (
                anchor.head.dep_ == "xcomp" and self.res.lexicon.is_light(anchor.head)
                and anchor.head.head.lemma_.lower() in self.res.ontology.mobilize_when_prepared)):
            type_, st.status = "MOBILIZE", "occurred"    # "the army prepared to resume shelling"
        obligation = st.obligation and st.status not in ("denied",)
        if obligation:
            type_, st.status = "REQUEST", "occurred"     # "Y must withdraw", said by X
        if st.status == "hypothetical" and (root.is_noun or not verbs_finite(anchor)):
            return None           # only "X could strike" (a finite verb with a modal) is kept as hypothetical
        if (not headline and not self.res.ontology.types[type_]["verbal"] and anchor.pos_ in ("VERB", "AUX")
                and _generic_present(anchor) and not states_toll(anchor)):
            return None           # "so many civilians die": a state of affairs, not an event
        return type_, obligation

    def event(self, article, clean, parsed, sent, g: EventGroup, state: StoryState, toponyms, headline: bool,
              geo: Geocoder | None = None) -> tuple[Event, dict[str, CountSpan]] | None:
        """The group's Event and the token spans of its counts (for count ownership)."""
        root, anchor = g.root, g.anchor
        if anchor is None:        # groups() yields only groups with the verb that states them
            return None
        trig_tok = root.token
        type_ = root.type
        st = status_of(trig_tok, anchor)
        settled = self._settle_type(g, st, headline)
        if settled is None:
            return None
        type_, obligation = settled
        published = article.published
        # -------- actors
        r1: list[Token] = []
        r2: list[Token] = []
        victims: list[Token] = []
        for m in g.members:
            a = anchor if (m is root and root.is_noun) else m.token
            rr = roles(a, m.token, m.type, self.res.event_nouns, self.res.targets.target_preps)
            (victims if m.entry.casualty else r2).extend(rr.actor2)
            r1.extend(rr.actor1)
        if obligation:
            r2, r1 = r1, []       # the one who must act is the target of the demand
        # one-sided events have no target, except yielding something to someone ("released 3 hostages")
        one_sided = type_ in self.res.ontology.intransitive and root.mode not in self.res.ontology.transitive_modes
        if one_sided and not r1 and r2:
            r1, r2 = r2, []       # "troops were deployed to Goma": the ones deployed act
        a1 = self.participants.code_first(r1, state, published, type_)
        if a1 is None:
            for m in g.members:
                if m.is_noun:
                    cs = [c for c in self.res.coder.code(m.token, published, type_)
                          if c.explicit_country or self.participants.named_by_modifier(m.token)]
                    if cs:
                        for c in cs:      # "a Russian missile strike": Russia's forces; "government airstrikes"
                            c.actor.sector = c.actor.sector or (
                                "MIL" if type_ in self.res.coder.state_force_types else "GOV")
                        a1 = cs
                        break
        if type_ == "MOBILIZE" and root.mode == "exercise" and (
                len({c.actor.country for c in a1 or []} - {None}) > 1 or
                any(c.dep_ == "prep" and c.lower_ == "with" for t in (anchor, trig_tok) for c in t.children)):
            type_ = "COOPERATE"   # "French and Egyptian warships launched war games": a joint exercise
        named_attacker = a1 is not None   # the sentence itself names who acted
        antecedent = self.story.antecedent(g, state) if a1 is None else None
        if antecedent is not None and antecedent.actor1 is not None:
            a1 = [Coded(antecedent.actor1.model_copy(), None, False, True)]
        if type_ != "ASSAULT":
            victims = []          # "threatened to shell towns where 100 were killed": the towns are the target
        a2 = self.participants.code_first(victims, state, published, type_, victim=True) or \
            (None if one_sided else self.participants.code_first(r2, state, published, type_, target=True))
        sides = {c.actor.country for c in a1 or []}
        if a1 and len(a1) > 1 and (type_ in self.res.ontology.symmetric or trig_tok.lemma_.lower() in self.res.ontology.reciprocal_triggers) and \
                (a2 is None or (len(sides) > 1 and a2[0].actor.country not in sides)):
            a2 = [a1[1]]          # "Armenia and Azerbaijan resumed talks in Tbilisi": the two sides
        if a2 is None and type_ in SPEECH_TYPES:
            # "demanded that Hamas renounce ...", "offered to hand over to Britain": the one the
            # statement is about is named in what was said
            a2 = self.participants.content_target(anchor, a1, state, published)
        if a2 is None and type_ in SPEECH_TYPES:
            # "condemned the Israeli strike": the target is whoever did what is condemned
            for m in g.members[1:]:
                if m.is_noun:
                    cs = [c for c in self.res.coder.code(m.token, published, None) if c.explicit_country]
                    if cs:
                        for c in cs:
                            c.actor.sector = c.actor.sector or "GOV"   # "the Israeli strike": Israel
                        a2 = cs
                        break
        if a2 is None or (a2 and a2[0].head is not None and a2[0].head.lemma_.lower() in self.res.targets.proposal_nouns):
            a2 = self.participants.proposal_author(g, state, published) or a2
        if a2 is None and type_ == "CONSULT":
            a2 = self.participants.with_partner(trig_tok, state, published, type_)
        if a2 is None and type_ == "THREATEN" and st.conditional:
            # "Turkey would take measures if the regime continues": the threat is aimed at the
            # subject of the condition
            cond = [s for v in (anchor, anchor.head) for c in v.children if c.dep_ == "advcl"
                    and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark")
                    for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
            a2 = self.participants.code_first(cond, state, published, None, target=True)
        # -------- attribution
        rep_tok = reporter(trig_tok)
        rep = self.participants.code_tok(rep_tok, state, published, None) if rep_tok is not None else None
        if rep and a1 and any(rep[0].head == c.head for c in a1):
            rep = None
        actor1 = a1[0].actor if a1 else None
        actor2 = a2[0].actor if a2 else None
        reported_by = rep[0].actor if rep else None
        if actor1 is None and reported_by is not None and (
                type_ in SPEECH_TYPES or any(t.lower_ in _SPEAKER_PRONOUNS for t in r1[:1])):
            actor1 = reported_by  # "the air force said it shot down 14 drones": the speaker acted
        if reported_by is not None and reported_by.country:
            for act in (actor1, actor2):
                # "the ministry said its forces captured": the speaker's forces
                if act is not None and act is not reported_by and \
                        (act.text or "").lower().split()[:1] in (["its"], ["their"], ["our"]):
                    act.country = reported_by.country
        if (actor1 is None and actor2 is not None and reported_by is not None and type_ in self.res.ontology.symmetric
                and reported_by.sector == "GOV" and reported_by.country and reported_by.country != actor2.country):
            actor1 = reported_by  # "no consensus with the Russian delegation at the talks, the (Turkish) minister said"
        # -------- place, date, counts
        place = None
        if geo is not None:
            try:
                place = geo.event_place(parsed, sent, trig_tok, toponyms)
            except Exception as e:   # a geocoder bug must not lose the event
                print(f"polemos: {article.id}: place not resolved ({e})", file=sys.stderr)
        dr = resolve_date(sent.doc, trig_tok, published, previous=state.story_date)
        if (dr.date is None or dr.inherited) and antecedent is not None and antecedent.date:
            # "The strikes hit a market": the date of the strikes told before
            dr = DateResult(date=dt.date.fromisoformat(antecedent.date),
                            date_end=dt.date.fromisoformat(antecedent.date_end) if antecedent.date_end else None,
                            precision=antecedent.date_precision, text=antecedent.date_text)
        # the story's time frame moves with each dated event, in document order
        state.story_date = story_time(state.story_date, dr, published)
        # separate figures are chosen by nearness to the event's own casualty verb where it has one
        # ("opened fire ..., killing at least 25 ..., all 4 attackers were killed": the 25)
        spans = count_spans(sent.doc, next((m.token for m in g.members if m.entry.casualty
                                                and m.token.pos_ == "VERB"), anchor)) \
            if self.counts.may_own_counts(type_) else {}   # (speed) _own_counts would drop them all
        counts = {kind: c.count for kind, c in spans.items()}
        # the event's country: one the sentence names as its place, else the gazetteer's (trusted when
        # the story names that country, or none at all), else the story's
        place_country = place.country if place is not None and place.country else None
        if place is not None and place_country and state.countries and place_country not in state.countries and \
                (place.feature_code or "") not in _MAJOR_PLACES:
            place_country = None  # a village abroad sharing the name of one in the story
        ev_country = self.story.sentence_country(sent.doc) or place_country or state.story_country
        others = {act.country for act in (actor1, actor2) if act is not None and act.country}
        for act in (actor1, actor2):
            if act is not None and ev_country and "ethnic" in (act.text or "").lower().split():
                act.country = ev_country    # "ethnic Albanians in Serbia" live in Serbia
            if act is None or act.country is not None:
                continue
            if act.sector in _VICTIM_SECTORS or (act is actor2 and act.sector in ("MIL", "COP")):
                act.country = ev_country     # people (and the forces) of the place the event happened in
            elif self.participants.context_word(act):
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
        if type_ == "ASSAULT" and actor2 is None and (counts.get("killed") or counts.get("injured")
                                                       or any(m.entry.casualty for m in g.members)
                                                       or any(t.lemma_.lower() in self.res.lexicon.toll_nouns for t in sent.doc)):
            actor2 = Actor(text=None, country=ev_country, sector=self.res.coder.default_victim_sector)
        if actor2 is None and type_ not in self.res.targets.place_target_skip:
            actor2 = self.participants.place_target(anchor, g, place)
        mode = self._mode(g, type_, a1)
        if type_ == "SUPPORT" and root.type == "AGREE":
            mode = "sign"         # an agreement signed (see _settle_type)
        if mode is None and type_ == "ASSAULT":
            # "the attack took place at 0200": the attack told before, with its weapon
            ante = antecedent or self.story.antecedent(g, state)
            if ante is not None and ante.type == type_ and ante.mode:
                mode = ante.mode
        if type_ == "ASSAULT" and mode is None and all(m.entry.casualty for m in g.members) and not named_attacker:
            # "A bomb exploded at a bank. Two people were injured.": victims told with no attack
            # of their own are the victims of the story's latest attack (its weapon, its attacker);
            # not when the sentence names who killed them ("the army murdered six priests")
            prev = next((ev for _, ev in reversed(state.events) if ev.type == "ASSAULT"), None)
            # (victims of another day are another attack's: "bombs have exploded in recent months
            # ... a banker was murdered on 25 August")
            other_day = dr.date is not None and not dr.inherited and prev is not None and \
                prev.date is not None and dr.date.isoformat() != prev.date
            if prev is not None and prev.status == "occurred" and prev.mode is not None and not other_day:
                mode = prev.mode
                if actor1 is None and prev.actor1 is not None:
                    actor1 = prev.actor1.model_copy()
        acled = acled_type(type_, mode, st.status, actor1, actor2, [m.token.lemma_.lower() for m in g.members])
        # -------- the record
        o_start = clean.to_original(sent.start)
        o_end = clean.to_original(sent.end - 1) + 1
        trig_off = clean.to_original(sent.start + trig_tok.idx)
        eid = hashlib.sha1(f"{article.id}|{o_start}|{o_end}|{type_}|{trig_off}".encode()).hexdigest()[:16]
        conf = 0.4 + 0.2 * (actor1 is not None) + 0.1 * (actor2 is not None) + 0.1 * (anchor.pos_ in ("VERB", "AUX")) \
            + 0.1 * (dr.date is not None) - 0.1 * _clause_depth(anchor)
        ev = Event(
            # the lexicon and status rules give only these values (models.EventType, Status, DatePrecision)
            id=eid, document_id=article.id, type=cast(EventType, type_), mode=mode, status=cast(Status, st.status),
            actor1=actor1, actor2=actor2,
            date=dr.date.isoformat() if dr.date else None,
            date_end=dr.date_end.isoformat() if dr.date_end else None,
            date_precision=cast(DatePrecision, dr.precision or "unknown"), date_text=dr.text, location=place,
            killed=counts.get("killed"), injured=counts.get("injured"),
            displaced=counts.get("displaced"), arrested=counts.get("arrested"),
            acled_event_type=acled[0], acled_sub_event_type=acled[1], reported_by=reported_by,
            trigger=" / ".join(m.text for m in g.members),
            evidence=Evidence(text=article.text[o_start:o_end], start=o_start, end=o_end),
            confidence=round(min(conf, 0.95), 2),
        )
        for c in (a1 or []) + (a2 or []) + (rep or []):
            if c.actor.country:
                self.story.remember(state, c)
        return ev, spans

    def _mode(self, g: EventGroup, type_: str, a1: list[Coded] | None) -> str | None:
        words: list[str] = []
        if a1 and a1[0].head is not None:
            words += [t.lemma_.lower() for t in self.res.coder.np_tokens(a1[0].head)]
        elif a1 and a1[0].actor.text:
            words += a1[0].actor.text.lower().split()
        modes = [m.mode for m in g.members if m.mode and m.type == type_]
        if modes:
            mode = sorted(modes, key=lambda x: _MODE_RANK.index(x) if x in _MODE_RANK else 99)[0]
            # the attacker as coded, or as written when it was not coded ("their planes")
            actor = " " + " ".join(words + [t.lemma_.lower() for m in g.members for c in m.token.children
                                            if c.dep_ in ("nsubj", "agent") for t in c.subtree]) + " "
            if mode == "explosives" and any(f" {w} " in actor for w in self.res.ontology.aircraft_words):
                return "aerial"   # "their planes bombed a refugee camp": an air strike
            return mode
        cues = self.res.ontology.mode_cues.get(type_)
        if not cues:
            return None
        for m in g.members:
            for c in m.token.children:
                if c.dep_ in _MODE_CUE_DEPS:
                    # "killed when a powerful bomb went off": the weapon of the clause that explains it
                    words += [t.lemma_.lower() for t in c.subtree]
            words.append(m.token.lemma_.lower())
        if g.anchor is not None and all(g.anchor != m.token for m in g.members):
            # "the attack was carried out with grenades": the weapon the light verb names
            words += [t.lemma_.lower() for c in g.anchor.children if c.dep_ == "prep" and c.lower_ == "with"
                      for t in c.subtree]
        text = " " + " ".join(words) + " "
        for mode, cue_words in cues.items():
            if any(f" {w} " in text for w in cue_words):
                return mode
        return None


def _pair(text: str | None) -> bool:
    """"the two sides", "both delegations": two parties, not one country's officials."""
    low = (text or "").lower().split()
    return bool(low) and any(w in _TWO_PARTY_WORDS for w in low)


def _clause_depth(tok: Token) -> int:
    """How many clauses down from the main one the event is stated (the complement of a verb of
    saying does not count): main events are more certain than those in purpose or relative clauses."""
    speech = cues()["speech_verbs"]
    depth, t = 0, tok
    for _ in range(10):
        if t.head == t:
            break
        if t.dep_ in _SUBORDINATE_CLAUSE_DEPS or \
                (t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() not in speech):
            depth += 1
        t = t.head
    return min(depth, 4)


def verbs_finite(tok: Token) -> bool:
    """A finite verb with a modal ("could attack"), not an infinitive or a participle."""
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children)


def _generic_present(verb: Token) -> bool:
    """Simple present tense with no auxiliary of time: "civilians die", "acts are prohibited"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return True
    if verb.tag_ == "VBN" and auxes and all(a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" for a in auxes):
        return True
    return False
