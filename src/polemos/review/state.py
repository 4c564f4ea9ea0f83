"""The human decisions on one event, folded from the append-only review log.

A log row is one change to one event; rows of one operation (a merge touches two events) share a
group id. An `undo` row cancels every row of the group it names, so folding skips them: the trail
keeps everything, the state shows what is in force.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from polemos.models import Event

OPS = ("confirm", "reject", "edit", "merge", "merged", "split_out", "split_in", "move_out", "move_in", "undo")
REJECT_KINDS = ("not_event", "duplicate", "out_of_scope")
# The fields a reviewer may set; each overrides the machine's value for good.
EDITABLE = ("type", "mode", "status", "actor1", "actor2", "date", "date_end", "date_precision", "location",
            "killed", "injured", "displaced", "arrested", "acled_event_type", "acled_sub_event_type")
# A mention reference survives re-ingestion: its id, else its article and evidence sentence.
MentionRef = tuple[str, str, str]


@dataclass
class Review:
    event_id: str
    version: int = 0
    confirmed: bool = False
    rejected: dict[str, Any] | None = None
    edits: dict[str, Any] = field(default_factory=dict)
    merged_into: str | None = None
    absorbed: list[str] = field(default_factory=list)
    added: list[MentionRef] = field(default_factory=list)
    removed: list[MentionRef] = field(default_factory=list)
    born_of: str | None = None          # split from this event (no machine row of its own)
    reviewed_at: str | None = None
    reviewed_by: str | None = None
    machine: str | None = None          # fingerprint of the machine's coding at the last decision
    anchors: list[list[str]] = field(default_factory=list)   # (article id, evidence) at the last change

    @property
    def membership_changed(self) -> bool:
        return bool(self.absorbed or self.added or self.removed or self.born_of)

    @property
    def decided(self) -> bool:
        """Something a person decided is in force (an undone decision leaves the machine's word)."""
        return bool(self.confirmed or self.rejected or self.edits or self.merged_into or self.membership_changed)

    @property
    def coded_by(self) -> str:
        if self.edits or self.membership_changed:
            return "edited"
        return "reviewed" if self.decided else "machine"

    @property
    def status(self) -> str | None:
        if self.merged_into:
            return "merged"
        if self.rejected:
            return "rejected"
        if self.edits or self.membership_changed:
            return "edited"
        return "confirmed" if self.confirmed else None


def _ref(r: list[str]) -> MentionRef:
    return (r[0], r[1], r[2])


def _move(src: list[MentionRef], dst: list[MentionRef], ref: MentionRef) -> None:
    """A mention leaves `src`'s opposite: moving it back cancels the first move."""
    if ref in src:
        src.remove(ref)
    elif ref not in dst:
        dst.append(ref)


def _apply(r: Review, row: dict[str, Any]) -> None:
    op, d = row["op"], row["detail"]
    decision = op in ("confirm", "reject", "edit", "merge", "split_out", "split_in", "move_out", "move_in")
    if op == "confirm":
        r.confirmed, r.rejected = True, None
    elif op == "reject":
        r.rejected = {"kind": d.get("kind"), "duplicate_of": d.get("duplicate_of"), "reason": row.get("reason")}
    elif op == "edit":
        for name, (_, after) in d.get("fields", {}).items():
            r.edits[name] = after
    elif op == "merge":
        if d["other"] not in r.absorbed:
            r.absorbed.append(d["other"])
    elif op == "merged":
        r.merged_into = d["into"]
    elif op in ("split_out", "move_out"):
        for ref in d["mentions"]:
            _move(r.added, r.removed, _ref(ref))
    elif op in ("split_in", "move_in"):
        if op == "split_in":
            r.born_of = d["from"]
        for ref in d["mentions"]:
            _move(r.removed, r.added, _ref(ref))
    if decision:
        r.reviewed_at, r.reviewed_by = row["changed_at"], row["key_name"]
        if row.get("machine"):
            r.machine = row["machine"]
    if d.get("anchors"):
        r.anchors = d["anchors"]


def fold(rows: list[dict[str, Any]]) -> dict[str, Review]:
    """Each event's review from the log rows (oldest first)."""
    undone = {r["detail"]["group"] for r in rows if r["op"] == "undo"}
    out: dict[str, Review] = {}
    for row in rows:
        r = out.setdefault(row["event_id"], Review(row["event_id"]))
        r.version = max(r.version, int(row["version"]))
        if row["op"] == "undo" or row["grp"] in undone:
            continue
        _apply(r, row)
    return out


def fingerprint(ev: Event, anchors: list[list[str]]) -> str:
    """What a reviewer saw of the machine's coding: when it changes (a new mention, a revised
    toll, another place), the event needs another look."""
    def best(c: Any) -> Any:
        return c.best if c is not None else None

    loc = ev.location
    payload = [ev.type, ev.mode, ev.status, ev.actor1.model_dump() if ev.actor1 else None,
               ev.actor2.model_dump() if ev.actor2 else None, ev.date, ev.date_end,
               [loc.geonameid, loc.country, loc.lat, loc.lon] if loc else None,
               [best(ev.killed), best(ev.injured), best(ev.displaced), best(ev.arrested)], sorted(anchors)]
    return hashlib.sha256(json.dumps(payload, default=str, sort_keys=True).encode()).hexdigest()[:16]
