"""Step "date": when the event happened, and where the story's time frame moves to with it.
The new story date is a value the pipeline applies (with the event), never written here."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Token

from polemos.extract.date_frames import (
    dates_another_noun,
    dates_the_noun_only,
    frame_after,
    month_in_frame,
    offset_date,
    said_on,
)
from polemos.extract.dates import DateResult, resolve_date
from polemos.extract.story import StoryState
from polemos.models import Event


@dataclass(frozen=True)
class Dated:
    """The event's date, and the story's time frame after it (dates.story_time)."""

    date: DateResult
    story_date: DateResult | None


def date_of(trigger: Token, published: dt.date | None, state: StoryState, antecedent: Event | None) -> Dated:
    """The date the sentence gives the event (read against the story's time frame so far); an
    event referring back to an earlier one ("The strikes hit a market") with no date of its own
    has that one's."""
    dr = resolve_date(trigger.doc, trigger, published, previous=state.story_date)
    if (dr.date is None or dr.inherited) and antecedent is not None and antecedent.date:
        dr = DateResult(date=dt.date.fromisoformat(antecedent.date),
                        date_end=dt.date.fromisoformat(antecedent.date_end) if antecedent.date_end else None,
                        precision=antecedent.date_precision, text=antecedent.date_text)
    dr = offset_date(trigger, dr, state) or month_in_frame(dr, published, state) or dr
    frame = state.story_date
    if frame is not None and frame.date is not None and dr.date is not None and frame.date <= dr.date \
            and said_on(trigger, dr):
        # "..., police said on Sunday": the day of the saying; the event keeps the story's time frame
        # (with no frame told yet, the day of the report is the best date there is)
        return Dated(DateResult(frame.date, frame.date_end, frame.precision, None, inherited=True), frame)
    if dates_another_noun(trigger, dr):
        frame = state.story_date          # the date is another event's: this one is in the story's frame
        dr = DateResult(frame.date, frame.date_end, frame.precision, None, inherited=True) if frame else DateResult()
        return Dated(dr, state.story_date)
    if dates_the_noun_only(trigger, dr):
        return Dated(dr, state.story_date)   # "the April 15, 2013, attack": background (date_frames.py)
    # the story's time frame moves with each dated event, in document order
    return Dated(dr, frame_after(state.story_date, dr, published))
