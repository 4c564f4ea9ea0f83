"""The events as people decided them: the machine's coding with every review in force applied.

For each event someone reviewed: find its machine row (by id; when re-ingestion gave it another
id, by the article and evidence sentences it had), rebuild it from its mentions when people moved,
split or merged them, set the fields people edited, and flag it when the machine's coding changed
since the last decision.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from polemos.merge.cluster import combine, member_order
from polemos.models import Event
from polemos.review.db import Member, ReviewDB
from polemos.review.state import MentionRef, Review, fingerprint, fold
from polemos.store.base import StoredEvent


@dataclass
class Reviewed:
    review: Review
    machine_id: str | None = None
    machine: StoredEvent | None = None           # the machine's record, as stored
    machine_members: list[Member] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    event: StoredEvent | None = None             # what people decided (None: no mention left)

    @property
    def hidden(self) -> bool:
        """Not listed: rejected, merged into another, or emptied by moves."""
        return self.event is None or bool(self.review.rejected) or bool(self.review.merged_into)


@dataclass
class Overlay:
    reviews: dict[str, Reviewed] = field(default_factory=dict)
    covered: set[str] = field(default_factory=set)          # machine ids the overlay speaks for
    mention_event: dict[str, str] = field(default_factory=dict)   # mention id -> event id now

    def visible(self) -> list[Reviewed]:
        return [r for r in self.reviews.values() if not r.hidden]


def anchors_of(members: list[Member]) -> list[list[str]]:
    return [list(t) for t in sorted({(a.id, m.evidence.text) for _, m, a in members})]


def _find_moved(db: ReviewDB, reviews: dict[str, Review], present: set[str]) -> dict[str, str]:
    """Machine ids for reviewed events whose id is gone (their article was re-ingested with other
    text): the current event holding most of the (article, evidence) pairs it had."""
    lost = [r for r in reviews.values() if r.event_id not in present and not r.born_of and r.anchors]
    if not lost:
        return {}
    now = db.mentions_of_articles([a[0] for r in lost for a in r.anchors])
    out: dict[str, str] = {}
    for r in lost:
        want = {(a[0], a[1]) for a in r.anchors}
        votes = Counter(eid for eid, aid, (_, m, _) in now if (aid, m.evidence.text) in want)
        for eid, _ in votes.most_common():
            if eid not in reviews and eid not in out.values():
                out[r.event_id] = eid
                break
    return out


def _resolver(db: ReviewDB, reviews: dict[str, Review]) -> dict[Any, Member]:
    """Mention references -> the stored mention: by id, else by article and evidence sentence."""
    refs = [ref for r in reviews.values() for ref in (*r.added, *r.removed)]
    if not refs:
        return {}
    out: dict[Any, Member] = {}
    for _, aid, mem in db.mentions_of_articles([ref[1] for ref in refs]):
        out[mem[0]] = mem
        out.setdefault((aid, mem[1].evidence.text), mem)
    return out


def _lookup(found: dict[Any, Member], ref: MentionRef) -> Member | None:
    return found.get(ref[0]) or found.get((ref[1], ref[2]))


def _effective(rv: Reviewed, all_rv: dict[str, Reviewed], found: dict[Any, Member], seen: set[str]) -> list[Member]:
    if rv.review.event_id in seen:       # a merge cycle: each event once
        return []
    seen.add(rv.review.event_id)
    r = rv.review
    gone: set[Any] = {m[0] for ref in r.removed if (m := _lookup(found, ref)) is not None}
    gone |= {(ref[1], ref[2]) for ref in r.removed}
    ms = list(rv.machine_members)
    have = {t[0] for t in ms}
    for ref in r.added:
        t = _lookup(found, ref)
        if t is not None and t[0] not in have:
            ms.append(t)
            have.add(t[0])
    for other in r.absorbed:
        if other in all_rv:
            ms += [t for t in _effective(all_rv[other], all_rv, found, seen) if t[0] not in have]
    ms = [t for t in ms if t[0] not in gone and (t[2].id, t[1].evidence.text) not in gone]
    return sorted(ms, key=member_order)


def _build(rv: Reviewed) -> StoredEvent | None:
    r = rv.review
    if r.membership_changed:
        if not rv.members:
            return None
        ev = combine(r.event_id, rv.members, part_of=rv.machine.part_of if rv.machine else None)
        if rv.machine is not None:
            ev.parts = list(rv.machine.parts)
    elif rv.machine is not None:
        ev = rv.machine.model_copy(deep=True)
    else:
        return None
    if r.edits:
        ev = StoredEvent.model_validate({**ev.model_dump(), **r.edits})
    ev.id = r.event_id
    ev.mentions = [m for _, m, _ in rv.members]
    now = fingerprint(rv.machine, anchors_of(rv.machine_members)) if rv.machine is not None else None
    ev = ev.model_copy(update={
        "coded_by": r.coded_by, "reviewed_at": r.reviewed_at, "reviewed_by": r.reviewed_by,
        "version": r.version, "review_status": r.status, "rejected": r.rejected, "merged_into": r.merged_into,
        "needs_rereview": bool(r.machine and now and r.machine != now)})
    return ev


def _rows_for(db: ReviewDB, event_ids: list[str] | None) -> list[dict[str, Any]]:
    """The log rows of these events and of every event merged into them (all rows: None)."""
    if event_ids is None:
        return db.log()
    want, rows = set(event_ids), []
    todo = sorted(want)
    while todo:
        got = db.log(todo)
        rows += got
        todo = sorted({r["detail"]["other"] for r in got if r["op"] == "merge"} - want)
        want |= set(todo)
    return sorted(rows, key=lambda r: r["id"])


def load(db: ReviewDB, event_ids: list[str] | None = None) -> Overlay:
    """Every reviewed event as people left it (or only these events and those merged into them:
    what one operation needs, so a bulk fix does not rebuild every reviewed event per event)."""
    reviews = fold(_rows_for(db, event_ids))
    if not reviews:
        return Overlay()
    present = set(db.machine_events(list(reviews)).keys())
    moved = _find_moved(db, reviews, present)
    ids = {eid: (eid if eid in present else moved.get(eid)) for eid in reviews}
    machine = db.machine_events([m for m in ids.values() if m])
    members = db.members([m for m in ids.values() if m])
    found = _resolver(db, reviews)
    out = Overlay()
    for eid, r in reviews.items():
        mid = ids[eid]
        out.reviews[eid] = Reviewed(r, mid, machine.get(mid) if mid else None,
                                    sorted(members.get(mid, []), key=member_order) if mid else [])
        if mid:
            out.covered.add(mid)
    for rv in out.reviews.values():
        rv.members = _effective(rv, out.reviews, found, set())
    for rv in out.reviews.values():
        rv.event = _build(rv)
        if rv.review.merged_into:      # its mentions are listed under the event that took them
            continue
        for mid_, _, _ in rv.members:
            out.mention_event[mid_] = rv.review.event_id
    return out


def mentions_of(rv: Reviewed) -> list[Event]:
    return [m for _, m, _ in rv.members]
