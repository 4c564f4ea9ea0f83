"""Revisions: what a step says about events already written (a count that belongs to another
event, a toll told later, a perpetrator named by a claim). Steps return them; the pipeline applies
them in one place (`apply`), so no step rewrites an Event another step made."""
from __future__ import annotations

from dataclasses import dataclass

from polemos.models import Actor, Count, Event


@dataclass(frozen=True, eq=False)
class CountRevision:
    """Set (or, with `count` None, drop) one count of an event; `source` is noted in its extra."""

    event: Event
    kind: str                       # killed / injured / displaced / arrested
    count: Count | None
    source: str | None = None       # "later toll": noted as extra[f"{kind}_from"]


@dataclass(frozen=True, eq=False)
class PerpetratorRevision:
    """Name the perpetrator (actor1) of an earlier event."""

    event: Event
    actor: Actor
    source: str                     # noted as extra["actor1_from"]


Revision = CountRevision | PerpetratorRevision


def apply(rev: Revision) -> None:
    """The one place an existing Event is changed."""
    if isinstance(rev, CountRevision):
        setattr(rev.event, rev.kind, rev.count)
        if rev.source is not None:
            rev.event.extra[f"{rev.kind}_from"] = rev.source
    else:
        rev.event.actor1 = rev.actor
        rev.event.extra["actor1_from"] = rev.source
