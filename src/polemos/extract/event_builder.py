"""The "events" step's writer: one group of event words becomes one Event, through the steps in
order — settle type and status (event_type.py) → assign participants (event_sides.py) → place
(event_place.py) → date (event_date.py) → counts (event_counts.py) → mode (event_mode.py) →
write the record (`write_event`, the only place an Event is constructed). Each step returns a
value; nothing here writes the StoryState: the story date and the actors to remember go back to
the pipeline inside `Built`."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import cast

from spacy.tokens import Token

from polemos import datafiles
from polemos.extract.acled import acled_type
from polemos.extract.context import SentenceContext
from polemos.extract.counts import CountSpan
from polemos.extract.dates import DateResult
from polemos.extract.event_counts import CountAttachment
from polemos.extract.event_date import date_of
from polemos.extract.event_mode import mode_from_story, mode_of
from polemos.extract.event_place import event_country, place_of
from polemos.extract.event_sides import agentless_agent, assign, default_target, fill_countries, people_country, seat_of
from polemos.extract.event_type import Settled, settle
from polemos.extract.groups import EventGroup
from polemos.extract.participants import Participants
from polemos.extract.resources import Resources
from polemos.extract.status import cues
from polemos.extract.story import Memory, StoryContext, StoryState
from polemos.models import Actor, DatePrecision, Event, EventType, Evidence, Place, Status

_SUBORDINATE_CLAUSE_DEPS = datafiles.word_list("grammar", "subordinate_clause_deps")
_SPEECH_COMPLEMENT_DEPS = ("ccomp", "parataxis")


@dataclass(frozen=True, eq=False)
class Built:
    """One event written, with what the pipeline applies along with it: its counts' token spans
    (for count ownership), the story's time frame after it, the actors to remember."""

    event: Event
    spans: dict[str, CountSpan]
    story_date: DateResult | None
    remember: list[Memory]


@dataclass(frozen=True)
class Draft:
    """Everything the record is written from (the output of the steps before `write_event`)."""

    settled: Settled
    actor1: Actor | None
    actor2: Actor | None
    reported_by: Actor | None
    place: Place | None
    date: DateResult
    spans: dict[str, CountSpan]
    mode: str | None


class EventBuilder:
    """Runs the event steps over one group of event words."""

    def __init__(self, res: Resources, participants: Participants, story: StoryContext,
                 counts: CountAttachment) -> None:
        self.res = res
        self.participants = participants
        self.story = story
        self.counts = counts

    def event(self, ctx: SentenceContext, g: EventGroup, state: StoryState) -> Built | None:
        """The group's Event, or None when its words state no event."""
        settled = settle(self.res, g, ctx.headline)
        if settled is None or g.anchor is None:
            return None
        published, trig = ctx.article.published, g.root.token
        sides = assign(self.res, self.participants, self.story, g, settled, state, published)
        type_ = sides.type
        place = place_of(ctx.geo, ctx.article.id, ctx.parsed, ctx.sentence, trig, ctx.toponyms)
        dated = date_of(trig, published, state, sides.antecedent)
        spans = self.counts.event_spans(ctx.doc, g, type_)
        ev_country = event_country(self.story, ctx.doc, place, state)
        ev_country = people_country(ev_country, place, state)     # (the people's; the place keeps its own)
        fill_countries(self.participants, sides.actor1, sides.actor2, ev_country, state)
        actor1 = agentless_agent(g, type_, sides.actor1, sides.actor2, sides.reported_by,
                                 seat_of(place, state) or ev_country, state.story_country, ev_country)
        counts = {kind: c.count for kind, c in spans.items()}
        actor2 = default_target(self.res, self.participants, g, type_, sides.actor2, ev_country, counts, ctx.doc,
                                place)
        mode = mode_of(self.res, g, type_, sides.first)
        if type_ == "AGREE" and settled.status == "occurred" \
                and g.anchor.lemma_.lower() in self.res.ontology.signing_verbs:
            mode = "sign"         # "signed an accord": AGREE, mode sign (data/ontology.yaml)
        ante = sides.antecedent
        if ante is None and mode is None and type_ == "ASSAULT":
            ante = self.story.antecedent(g, state)
        moded = mode_from_story(g, type_, mode, actor1, ante, sides.named_attacker, dated.date, state)
        draft = Draft(Settled(type_, settled.status, settled.obligation, settled.cues), moded.actor1, actor2,
                      sides.reported_by, place, dated.date, spans, moded.mode)
        remember = [m for c in sides.coded if c.actor.country or c.actor.name
                    for m in [self.story.memory_of(c)] if m is not None]
        return Built(write_event(ctx, g, draft), spans, dated.story_date, remember)


def write_event(ctx: SentenceContext, g: EventGroup, d: Draft) -> Event:
    """The record: id, evidence offsets in the article as given, ACLED type, confidence."""
    clean, sent, article = ctx.clean, ctx.sentence, ctx.article
    trig, anchor = g.root.token, g.anchor if g.anchor is not None else g.root.token
    type_, status = d.settled.type, d.settled.status
    counts = {kind: c.count for kind, c in d.spans.items()}
    acled = acled_type(type_, d.mode, status, d.actor1, d.actor2, [m.token.lemma_.lower() for m in g.members])
    o_start = clean.to_original(sent.start)
    o_end = clean.to_original(sent.end - 1) + 1
    trig_off = clean.to_original(sent.start + trig.idx)
    eid = hashlib.sha1(f"{article.id}|{o_start}|{o_end}|{type_}|{trig_off}".encode()).hexdigest()[:16]
    conf = 0.4 + 0.2 * (d.actor1 is not None) + 0.1 * (d.actor2 is not None) + 0.1 * (anchor.pos_ in ("VERB", "AUX")) \
        + 0.1 * (d.date.date is not None) - 0.1 * clause_depth(anchor)
    dr = d.date
    return Event(
        # the lexicon and status rules give only these values (models.EventType, Status, DatePrecision)
        id=eid, document_id=article.id, type=cast(EventType, type_), mode=d.mode, status=cast(Status, status),
        actor1=d.actor1, actor2=d.actor2,
        date=dr.date.isoformat() if dr.date else None,
        date_end=dr.date_end.isoformat() if dr.date_end else None,
        date_precision=cast(DatePrecision, dr.precision or "unknown"), date_text=dr.text, location=d.place,
        killed=counts.get("killed"), injured=counts.get("injured"),
        displaced=counts.get("displaced"), arrested=counts.get("arrested"),
        acled_event_type=acled[0], acled_sub_event_type=acled[1], reported_by=d.reported_by,
        trigger=" / ".join(m.text for m in g.members),
        evidence=Evidence(text=article.text[o_start:o_end], start=o_start, end=o_end),
        confidence=round(min(conf, 0.95), 2),
    )


def clause_depth(tok: Token) -> int:
    """How many clauses down from the main one the event is stated (the complement of a verb of
    saying does not count): main events are more certain than those in purpose or relative clauses."""
    speech = cues()["speech_verbs"]
    depth, t = 0, tok
    for _ in range(10):
        if t.head == t:
            break
        if t.dep_ in _SUBORDINATE_CLAUSE_DEPS or \
                (t.dep_ in _SPEECH_COMPLEMENT_DEPS and t.head.lemma_.lower() not in speech):
            depth += 1
        t = t.head
    return min(depth, 4)
