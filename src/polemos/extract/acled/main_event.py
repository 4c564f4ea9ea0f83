"""The event ACLED would record for each sentence of a report, and the ACLED coding of all of an
article's events (the pipeline's ACLED step)."""
from __future__ import annotations

from collections.abc import Iterable

from polemos.extract.acled.coder import apply_coding, code_acled, crosswalk
from polemos.extract.acled.cues import background_mention
from polemos.models import Event


def mark_main_events(events: Iterable[Event]) -> list[Event]:
    """Set `acled_main` on each event: ACLED records one event per incident, so of the events
    told in one sentence (same evidence span) that have an ACLED type, the one whose sub-event
    type comes first in `main_event_precedence` is main (ties: the earlier trigger, as found);
    the others are folded into it (a protest met by tear gas is one "Protest with intervention",
    not a protest and a dispersal). An event named as the setting of another ("a curfew imposed amid
    protests") ranks after it. Events with no ACLED type get acled_main = None."""
    evs = list(events)
    order = {s: i for i, s in enumerate(crosswalk()["main_event_precedence"])}

    def rank(ev: Event) -> tuple[bool, int]:
        # an event named as the setting of another ("a curfew amid protests") comes after it
        return background_mention(ev.trigger, ev.evidence.text or ""), order[ev.acled_sub_event_type or ""]

    best: dict[tuple[str | None, int, int], Event] = {}
    for ev in evs:
        ev.acled_main = None
        if ev.acled_sub_event_type is None:
            continue
        key = (ev.document_id, ev.evidence.start, ev.evidence.end)
        cur = best.get(key)
        if cur is None or rank(ev) < rank(cur):
            best[key] = ev
    chosen = {id(e) for e in best.values()}
    for ev in evs:
        if ev.acled_sub_event_type is not None:
            ev.acled_main = id(ev) in chosen
    return evs


def code_article_events(events: list[Event], article_text: str) -> list[Event]:
    """Code every event of one article by its sentence (the evidence) and the article, then mark
    the main event of each sentence. Returns the same list (events changed in place)."""
    for ev in events:
        apply_coding(ev, code_acled(ev, ev.evidence.text, article_text))
    return mark_main_events(events)


def precedence_rank(sub_event_type: str | None) -> int:
    """Place of a sub-event type in `main_event_precedence` (lower first; no type last)."""
    order = crosswalk()["main_event_precedence"]
    return order.index(sub_event_type) if sub_event_type in order else len(order)


def report_main_sub_event(events: list[dict]) -> str | None:
    """The sub-event type ACLED would record for a short report of one incident (events as JSON):
    of the sentences' main events, the one first by precedence (ties: the earlier in the text)."""
    mains = [e for e in events if e.get("acled_main") and e.get("acled_sub_event_type")]
    if not mains:
        return None
    best = min(mains, key=lambda e: (precedence_rank(e["acled_sub_event_type"]),
                                     (e.get("evidence") or {}).get("start") or 0))
    return best["acled_sub_event_type"]
