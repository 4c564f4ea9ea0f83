"""The extraction steps, registered by name. Each step reads one sentence (`SentenceContext`),
the story so far (read only) and what earlier steps made of the sentence (`SentenceWork`), and
yields what it found: new events (`Stated`), revisions of earlier events (revisions.py) and
actors to remember (`Remember`). The pipeline applies each as it is yielded, in one place.

The order is data: `DEFAULT_STEPS` names them, `Extractor(steps=...)` takes another list (a
step dropped is switched off), and `register_step` adds one (docs/architecture.md)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from polemos.extract.claims import Claims
from polemos.extract.context import Frame, Remember, SentenceContext, SentenceWork, Stated
from polemos.extract.date_frames import first_frame
from polemos.extract.event_builder import EventBuilder
from polemos.extract.event_counts import CountAttachment
from polemos.extract.groups import EventGrouping
from polemos.extract.participants import Participants
from polemos.extract.resources import Resources
from polemos.extract.retold import later_deaths_retold, retold_toll, victims_retold, wave_retold
from polemos.extract.revisions import Revision
from polemos.extract.story import StoryContext, StoryState

Change = Stated | Revision | Remember | Frame


@dataclass(frozen=True)
class Parts:
    """The rule sets the steps call, built once over the same Resources."""

    res: Resources
    grouping: EventGrouping
    story: StoryContext
    participants: Participants
    counts: CountAttachment
    claims: Claims
    writer: EventBuilder

    @classmethod
    def build(cls, res: Resources) -> "Parts":
        story = StoryContext(res)
        participants = Participants(res, story)
        counts = CountAttachment(res)
        return cls(res, EventGrouping(res), story, participants, counts, Claims(res, participants),
                   EventBuilder(res, participants, story, counts))


Step = Callable[[Parts, SentenceContext, StoryState, SentenceWork], Iterable[Change]]
STEPS: dict[str, Step] = {}


def register_step(name: str) -> Callable[[Step], Step]:
    """Register a step under a name, for `Extractor(steps=[...])`."""
    def add(fn: Step) -> Step:
        STEPS[name] = fn
        return fn
    return add


@register_step("events")
def events(parts: Parts, ctx: SentenceContext, state: StoryState, work: SentenceWork) -> Iterable[Change]:
    """Group the event words (groups.py) and write one Event per group (event_builder.py): type
    and status, participants, place, date, counts, mode, ACLED type. The story's new time frame
    and the actors to remember travel with the event (`Stated`) for the pipeline to apply."""
    groups = parts.grouping.groups(ctx.doc, ctx.headline)
    if victims_retold(groups, ctx.doc, state, parts.res.lexicon):
        yield from retold_toll(ctx.doc, state)   # the victims of an attack told before (retold.py)
        return
    if wave_retold(groups, ctx.doc, state) or later_deaths_retold(groups, state):
        return            # "the bombs began to explode", "a victim later died of his wounds" (retold.py)
    for group in groups:
        built = parts.writer.event(ctx, group, state)
        if built is not None:
            yield Stated(group, built.event, built.spans, built.story_date, tuple(built.remember))


@register_step("count_owners")
def count_owners(parts: Parts, ctx: SentenceContext, state: StoryState, work: SentenceWork) -> Iterable[Change]:
    """Each count of the sentence stays only on the event that governs its words."""
    yield from parts.counts.own_counts(ctx.doc, [(s.group, s.event, s.spans) for s in work.stated])


@register_step("later_toll")
def later_toll(parts: Parts, ctx: SentenceContext, state: StoryState, work: SentenceWork) -> Iterable[Change]:
    """A toll told in a sentence with no event revises the story's latest attack."""
    if not work.stated:
        yield from parts.counts.later_toll(ctx.doc, state)


@register_step("claims")
def claims(parts: Parts, ctx: SentenceContext, state: StoryState, work: SentenceWork) -> Iterable[Change]:
    """A claim of responsibility names the perpetrator of attacks told before."""
    yield from parts.claims.claims(ctx.doc, ctx.article, state, work.article_events)


@register_step("remember_people")
def remember_people(parts: Parts, ctx: SentenceContext, state: StoryState, work: SentenceWork) -> Iterable[Change]:
    """People named here are who "he" and "the minister" refer to in later sentences."""
    for memory in parts.story.people_named(ctx.doc, ctx.article):
        yield Remember(memory)


@register_step("story_frame")
def story_frame(parts: Parts, ctx: SentenceContext, state: StoryState, work: SentenceWork) -> Iterable[Change]:
    """The first day an article names, in a sentence with no event, is the story's time frame
    until an event gives another (date_frames.first_frame)."""
    if not work.stated and state.story_date is None:
        frame = first_frame(ctx.doc, ctx.article.published)
        if frame is not None:
            yield Frame(frame)


DEFAULT_STEPS: tuple[str, ...] = ("events", "count_owners", "later_toll", "claims", "remember_people",
                                  "story_frame")
