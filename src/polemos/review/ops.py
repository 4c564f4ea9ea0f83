"""What a reviewer does to events: confirm, reject, edit, merge, split, move a mention, undo.

Each operation is one transaction that appends rows to review_log (never touching the machine's
tables) after checking the version the reviewer saw: a stale version raises ReviewConflict, and
the unique (event_id, version) key stops two writers racing past the check.

    rv = Reviewer(store, key_name="alice")
    rv.confirm("ev_...", version=0)
    rv.edit("ev_...", {"killed": 12, "location": 170063}, reason="toll revised by OCHA")
"""
from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from polemos import errors
from polemos.errors import InputError, ReviewConflict
from polemos.review.db import ReviewDB
from polemos.review.fields import normalize
from polemos.review.state import REJECT_KINDS, fingerprint
from polemos.review.view import Overlay, Reviewed, anchors_of, load
from polemos.store.base import Store, StoredEvent


def _is_race(e: Exception) -> bool:
    text = f"{type(e).__name__} {e}".lower()
    return "unique" in text or "duplicate key" in text or "constraint" in text


class Reviewer:
    """Operations on one store in the name of one key (its name goes into every row)."""

    def __init__(self, store: Store, key_name: str) -> None:
        self.store = store
        self.db = ReviewDB(getattr(store, "inner", store))
        self.key_name = key_name
        self._in_batch = False

    # -- plumbing --------------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many operations in one transaction: all are stored or none (bulk fixes)."""
        with self.db.transaction():
            self._in_batch = True
            try:
                yield
            finally:
                self._in_batch = False
        self._forget()

    @contextmanager
    def _write(self, eid: str) -> Iterator[None]:
        if self._in_batch:
            yield
            return
        try:
            with self.db.transaction():
                yield
        except ReviewConflict:
            raise
        except Exception as e:
            if _is_race(e):     # another writer took this version between our check and insert
                now = self.db.version(eid)
                raise ReviewConflict(errors.REVIEW_CONFLICT.format(event_id=eid, given=now - 1, current=now),
                                     eid, now) from e
            raise
        finally:
            self._forget()

    def _forget(self) -> None:
        forget = getattr(self.store, "forget", None)
        if forget is not None:
            forget()

    def _overlay(self, *ids: str) -> Overlay:
        """The reviews of these events (all reviews when none is named), read fresh."""
        return load(self.db, list(ids) if ids else None)

    def _current(self, eid: str, version: int | None, live: bool = True) -> tuple[StoredEvent, Reviewed | None]:
        """The event as it stands (reviews applied), after the version check."""
        ov = self._overlay(eid)
        rv = ov.reviews.get(eid)
        if rv is not None and rv.event is not None:
            ev = rv.event
        else:
            got = self.db.machine_events([eid]).get(eid)
            if got is None or eid in ov.covered:
                raise InputError(errors.REVIEW_NO_EVENT.format(event_id=eid))
            ev = got
            ev.mentions = [m for _, m, _ in self.db.members([eid])[eid]]
        have = rv.review.version if rv else 0
        if version is not None and version != have:
            raise ReviewConflict(errors.REVIEW_CONFLICT.format(event_id=eid, given=version, current=have), eid, have)
        if live and rv is not None and (rv.review.merged_into or rv.review.rejected):
            status = "merged into " + str(rv.review.merged_into) if rv.review.merged_into else "rejected"
            raise InputError(errors.REVIEW_GONE.format(event_id=eid, status=status,
                                                       target=rv.review.merged_into or "another event"))
        return ev, rv

    def _members(self, eid: str, rv: Reviewed | None) -> list[Any]:
        if rv is not None:
            return rv.members
        return self.db.members([eid])[eid]

    def _put(self, eid: str, grp: str, op: str, detail: dict[str, Any], reason: str | None) -> None:
        ov = self._overlay(eid)
        rv = ov.reviews.get(eid)
        version = (rv.review.version if rv else 0) + 1
        machine_ev, machine_members = (rv.machine, rv.machine_members) if rv else (None, [])
        if rv is None:
            machine_ev = self.db.machine_events([eid]).get(eid)
            machine_members = self.db.members([eid])[eid] if machine_ev else []
        print_ = fingerprint(machine_ev, anchors_of(machine_members)) if machine_ev is not None else None
        members = self._members(eid, rv) if (rv or machine_ev) else []
        detail = {**detail, "anchors": anchors_of(members)} if members else detail
        self.db.append(eid, version, grp, op, detail, reason, self.key_name, print_)

    def _done(self, eid: str) -> StoredEvent:
        ev = self._overlay(eid).reviews[eid].event
        assert ev is not None
        return ev

    # -- operations ------------------------------------------------------------------------------
    def confirm(self, eid: str, version: int | None = None, reason: str | None = None) -> StoredEvent:
        with self._write(eid):
            self._current(eid, version, live=False)
            self._put(eid, uuid.uuid4().hex, "confirm", {}, reason)
            return self._done(eid)

    def reject(self, eid: str, kind: str, duplicate_of: str | None = None, reason: str | None = None,
               version: int | None = None) -> StoredEvent:
        if kind not in REJECT_KINDS:
            raise InputError(errors.REVIEW_BAD_KIND.format(kind=kind, kinds=", ".join(REJECT_KINDS)))
        if kind == "duplicate" and not duplicate_of:
            raise InputError(errors.REVIEW_DUPLICATE_OF)
        if duplicate_of == eid:
            raise InputError(errors.REVIEW_SAME_EVENT.format(op="reject as duplicate", event_id=eid))
        with self._write(eid):
            self._current(eid, version)
            if duplicate_of:
                self._current(duplicate_of, None)
            self._put(eid, uuid.uuid4().hex, "reject", {"kind": kind, "duplicate_of": duplicate_of}, reason)
            return self._done(eid)

    def edit(self, eid: str, fields: dict[str, Any], reason: str | None, version: int | None = None) -> StoredEvent:
        if not fields:
            raise InputError(errors.REVIEW_NO_FIELDS)
        if not reason or not reason.strip():
            raise InputError(errors.REVIEW_NEEDS_REASON.format(op="edit"))
        values = {k: normalize(k, v) for k, v in fields.items()}
        with self._write(eid):
            ev, _ = self._current(eid, version, live=False)
            dumped = ev.model_dump(mode="json")
            changes = {k: [dumped.get(k), v] for k, v in values.items()}
            StoredEvent.model_validate({**ev.model_dump(), **values})   # fails before anything is written
            self._put(eid, uuid.uuid4().hex, "edit", {"fields": changes}, reason.strip())
            return self._done(eid)

    def merge(self, keep: str, other: str, reason: str | None = None, version: int | None = None,
              other_version: int | None = None) -> StoredEvent:
        if keep == other:
            raise InputError(errors.REVIEW_SAME_EVENT.format(op="merge", event_id=keep))
        with self._write(keep):
            self._current(keep, version)
            self._current(other, other_version)
            grp = uuid.uuid4().hex
            self._put(keep, grp, "merge", {"other": other}, reason)
            self._put(other, grp, "merged", {"into": keep}, reason)
            return self._done(keep)

    def split(self, eid: str, mention_ids: list[str], reason: str | None = None,
              version: int | None = None) -> StoredEvent:
        """The named mentions become a new event; returns it."""
        with self._write(eid):
            ev, rv = self._current(eid, version)
            members = self._members(eid, rv)
            mine = {t[0]: t for t in members}
            for mid in mention_ids:
                if mid not in mine:
                    raise InputError(errors.REVIEW_NOT_MEMBER.format(mention_id=mid, event_id=eid))
            if not mention_ids or len(set(mention_ids)) >= len(members):
                raise InputError(errors.REVIEW_SPLIT_ALL.format(event_id=eid, n=len(members)))
            refs = [[mid, mine[mid][2].id, mine[mid][1].evidence.text] for mid in sorted(set(mention_ids))]
            new = "ev_" + hashlib.sha1(("split#" + eid + "#" + "#".join(r[0] for r in refs)).encode()).hexdigest()[:16]
            grp = uuid.uuid4().hex
            self._put(eid, grp, "split_out", {"mentions": refs, "to": new}, reason)
            self._put(new, grp, "split_in", {"mentions": refs, "from": eid}, reason)
            return self._done(new)

    def owner_of(self, mention_id: str) -> str:
        ov = self._overlay()
        if mention_id in ov.mention_event:
            return ov.mention_event[mention_id]
        got = self.db.rows("SELECT event_id FROM event_mentions WHERE mention_id = ?", [mention_id])
        if not got:
            raise InputError(errors.REVIEW_NO_MENTION.format(mention_id=mention_id))
        alias = {rv.machine_id: e for e, rv in ov.reviews.items() if rv.machine_id}
        return alias.get(got[0][0], got[0][0])

    def move(self, mention_id: str, to: str, reason: str | None = None, version: int | None = None) -> StoredEvent:
        """Moves one mention to another event; `version` is the target's. Returns the target."""
        with self._write(to):
            src = self.owner_of(mention_id)
            if src == to:
                raise InputError(errors.REVIEW_SAME_EVENT.format(op="move", event_id=to))
            _, rv_src = self._current(src, None)
            self._current(to, version)
            members = self._members(src, rv_src)
            t = next((m for m in members if m[0] == mention_id), None)
            if t is None:
                raise InputError(errors.REVIEW_NOT_MEMBER.format(mention_id=mention_id, event_id=src))
            if len(members) == 1:
                raise InputError(errors.REVIEW_MOVE_LAST.format(mention_id=mention_id, event_id=src))
            ref = [[mention_id, t[2].id, t[1].evidence.text]]
            grp = uuid.uuid4().hex
            self._put(src, grp, "move_out", {"mentions": ref, "to": to}, reason)
            self._put(to, grp, "move_in", {"mentions": ref, "from": src}, reason)
            return self._done(to)

    def undo(self, eid: str, change: int | None = None, reason: str | None = None,
             version: int | None = None) -> StoredEvent | None:
        """Cancels one change (the latest of this event in force, or the row id `change`) and
        every row of its operation (both sides of a merge, split or move)."""
        with self._write(eid):
            self._current(eid, version, live=False)
            rows = self.db.log([eid])
            undone = {r["detail"]["group"] for r in self.db.log() if r["op"] == "undo"}
            live = [r for r in rows if r["op"] != "undo" and r["grp"] not in undone]
            if change is not None:
                live = [r for r in live if r["id"] == change]
                if not live:
                    raise InputError(errors.REVIEW_UNDO_UNKNOWN.format(event_id=eid, change=change))
            if not live:
                raise InputError(errors.REVIEW_NOTHING_TO_UNDO.format(event_id=eid))
            target = live[-1]
            touched = sorted({r[0] for r in self.db.rows("SELECT event_id FROM review_log WHERE grp = ?",
                                                         [target["grp"]])})
            for e in touched:
                self._put(e, target["grp"] + ":undo", "undo", {"group": target["grp"], "change": target["id"],
                                                              "op": target["op"]}, reason)
            rv = self._overlay(eid).reviews.get(eid)
            return rv.event if rv else None
