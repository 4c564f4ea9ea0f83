"""An event's history: every change the machine made (the store's audit rows) and every change a
person made (review_log), oldest first, each with who, when, before, after and why."""
from __future__ import annotations

from typing import Any

from polemos.review.db import ReviewDB
from polemos.review.view import load


def _human(row: dict[str, Any], undone: dict[str, int]) -> list[dict[str, Any]]:
    d, op = row["detail"], row["op"]
    base = {"change": row["id"], "at": row["changed_at"], "by": row["key_name"], "source": "person",
            "op": op, "why": row.get("reason"), "version": row["version"],
            "undone_by": undone.get(row["grp"]) if op != "undo" else None}
    if op == "edit":
        return [{**base, "field": name, "before": ba[0], "after": ba[1]} for name, ba in d.get("fields", {}).items()]
    after: Any = {"confirm": "confirmed",
                  "reject": {"kind": d.get("kind"), "duplicate_of": d.get("duplicate_of")},
                  "merge": {"absorbed": d.get("other")}, "merged": {"into": d.get("into")},
                  "split_out": {"mentions": [m[0] for m in d.get("mentions", [])], "to": d.get("to")},
                  "split_in": {"mentions": [m[0] for m in d.get("mentions", [])], "from": d.get("from")},
                  "move_out": {"mention": [m[0] for m in d.get("mentions", [])], "to": d.get("to")},
                  "move_in": {"mention": [m[0] for m in d.get("mentions", [])], "from": d.get("from")},
                  "undo": {"undid": d.get("change"), "op": d.get("op")}}.get(op)
    return [{**base, "field": None, "before": None, "after": after}]


def _machine(row: dict[str, Any]) -> dict[str, Any]:
    d = row["detail"]
    before = after = None
    field = None
    if row["action"] == "count_revised":
        field, before, after = d.get("kind"), d.get("from"), d.get("to")
    elif row["action"] == "part_of_changed":
        field, before, after = "part_of", d.get("from"), d.get("to")
    else:
        after = {k: v for k, v in d.items()} or None
    return {"change": None, "at": row["at"], "by": "polemos", "source": "machine", "op": row["action"],
            "why": f"article {row['article_id']}" if row["article_id"] else None, "field": field,
            "before": before, "after": after, "version": None, "undone_by": None}


def history(db: ReviewDB, event_id: str) -> list[dict[str, Any]]:
    """Machine and human changes of one event (and of the machine record it stands on)."""
    ov = load(db)
    rv = ov.reviews.get(event_id)
    ids = [event_id] + ([rv.machine_id] if rv and rv.machine_id and rv.machine_id != event_id else [])
    rows = db.log()
    undone = {r["detail"]["group"]: r["id"] for r in rows if r["op"] == "undo"}
    human = [h for r in rows if r["event_id"] == event_id for h in _human(r, undone)]
    machine = [_machine(r) for r in db.machine_history(ids)]
    return sorted(machine + human, key=lambda h: (str(h["at"] or ""), h["source"] == "person", h["change"] or 0))
