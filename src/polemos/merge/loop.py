"""The merge loop: one article's mentions joined to events. The only copy of it.

The in-memory path (memory.py: `polemos extract`, the batch engine) and the stores (store/sql_ingest.py,
DuckDB and PostgreSQL) both call `merge_article_mentions`; they differ only in where events and
their members come from. The memory path holds every event and its members; a store holds the
candidate events it prefetched and passes `load` to read the members of stored events when a
mention first joins one, and `note` to record each decision in its audit table.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from polemos.merge.candidates import candidate
from polemos.merge.cluster import (
    ArticleInfo,
    Member,
    combine,
    event_id_for,
    member_order,
    merge_matching_events,
    merge_order,
)
from polemos.merge.index import CandidateIndex
from polemos.models import Event, StoredEvent

MemberLoader = Callable[[list[str]], dict[str, list[Member]]]
"""Reads the members (key, mention, article) of stored events, oldest first, by event id."""


class Note(Protocol):
    """Records one merge decision (the store's audit): note("mention_merged", event_id, mention=key)."""

    def __call__(self, action: str, event_id: str | None = None, **detail: Any) -> None: ...


def _no_note(action: str, event_id: str | None = None, **detail: Any) -> None:
    """The in-memory path keeps no audit."""


@dataclass
class WorkingSet:
    """The events a merge looks at (`now`, by id) and the members of those it has touched or
    loaded (`members`; an absorbed event is left with an empty list)."""

    now: dict[str, StoredEvent] = field(default_factory=dict)
    members: dict[str, list[Member]] = field(default_factory=dict)


@dataclass
class Merged:
    """What merging one article did: each mention key with the event it joined (after any
    merging of events), the events founded, and the events absorbed by others {absorbed: kept}."""

    links: list[tuple[str, str]]
    created: list[str]
    absorbed: dict[str, str]


# An article's own events a mention is compared with: the latest this many of them. An article
# telling more events of one kind than this is a flattened table or a run-on list (issue 18), whose
# items are separate incidents; comparing each with all before it made merging quadratic.
OWN_EVENTS_SCANNED = 64


def _best_event(m: Event, ws: WorkingSet, info: ArticleInfo, index: CandidateIndex,
                stale: set[str]) -> str | None:
    """The candidate event the mention joins: the highest match score, ties to the smallest id.
    Only the events the index says `m` may join are scored (a superset, in id order: issue 18),
    less `stale`: this article's own events older than the latest OWN_EVENTS_SCANNED."""
    best: tuple[float, str] | None = None
    for eid in index.candidates(m, info.published, scored=True):
        if eid in stale or eid not in ws.now:
            continue
        score = index.score(m, eid, ws.now[eid], info.published)   # candidate, then match_score
        if score is not None and (best is None or score > best[0]):
            best = (score, eid)
    return best[1] if best else None


def _load_members(ws: WorkingSet, eid: str, mentions: Sequence[Event], info: ArticleInfo,
                  load: MemberLoader | None, loaded: list[bool], index: CandidateIndex) -> None:
    """Make sure `eid`'s members are known before a mention joins it. The first time, read the
    members of every unloaded event any of the article's mentions could join (one query), unless
    the loader reads a batch's at once (`loaded` starts True: store/sql_ingest_batch.py)."""
    if eid in ws.members or load is None:
        return
    if not loaded[0]:
        loaded[0] = True
        near = {e for mm in mentions for e in index.candidates(mm, info.published)}
        eligible = sorted(e for e in near if e in ws.now and e not in ws.members
                          and any(candidate(mm, ws.now[e], info.published) for mm in mentions))
        for e, ms in load(eligible).items():
            ws.members.setdefault(e, ms)
    if eid not in ws.members:
        ws.members.update(load([eid]))


def follow(absorbed: dict[str, str], eid: str) -> str:
    """The event an id ended in after events were merged."""
    while eid in absorbed:
        eid = absorbed[eid]
    return eid


def merge_article_mentions(mentions: Sequence[Event], info: ArticleInfo, ws: WorkingSet,
                           load: MemberLoader | None = None, note: Note = _no_note,
                           index: CandidateIndex | None = None, eager_members: bool = True) -> Merged:
    """Merge one article's keyed mentions (ids are mention keys, headlines marked: see
    memory.keyed_mentions) into the working set, which is updated in place. `index` indexes
    the events of `ws.now` and maybe others, which are left out (the bulk merge keeps one
    index for a batch: store/sql_ingest_batch.py); None: one is built from ws.now.
    `eager_members`: the first time a mention joins a stored event, load the members of every
    event the article may join in one call (False: only those joined; same result).

    Mentions go in merge_order (specific ones first, so a vague headline can join the event its
    own story's body reports); each joins the best-scoring candidate event or founds one named
    after its key; then events a revision made match are merged (merge_matching_events)."""
    links: list[tuple[str, str]] = []
    created: list[str] = []
    loaded = [not eager_members]
    stale: set[str] = set()            # this article's events older than its latest OWN_EVENTS_SCANNED
    if index is None:                  # issue 18: the events a mention may join, not all of them
        index = CandidateIndex(ws.now)
    for i in merge_order(list(mentions)):
        m = mentions[i]
        key = m.id
        eid_or_none = _best_event(m, ws, info, index, stale)
        if eid_or_none is None:
            eid = event_id_for(key)
            created.append(eid)
            if len(created) > OWN_EVENTS_SCANNED:
                stale.add(created[-OWN_EVENTS_SCANNED - 1])
            ws.members[eid] = [(key, m, info)]
            note("event_created", eid, mention=key)
        else:
            eid = eid_or_none
            _load_members(ws, eid, mentions, info, load, loaded, index)
            ws.members[eid] = sorted(ws.members[eid] + [(key, m, info)], key=member_order)
            note("mention_merged", eid, mention=key)
        ws.now[eid] = combine(eid, ws.members[eid])
        index.put(eid, ws.now[eid])
        links.append((key, eid))

    def load_into(need: list[str]) -> None:
        if load is not None:
            ws.members.update(load(need))

    absorbed = merge_matching_events(ws.now, ws.members, {eid for _, eid in links}, load_into, index)
    for drop, keep in sorted(absorbed.items()):
        note("events_merged", keep, absorbed=drop)
    return Merged([(key, follow(absorbed, eid)) for key, eid in links], created, absorbed)
