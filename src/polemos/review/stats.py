"""What reviewers changed, and how the machine scores against their decisions.

`field_changes` and `type_confusion` feed `polemos stats --review` and the dashboard; `evaluate`
feeds `polemos eval review`: reviewed events are the project's best test set, coded by people
who read the articles.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from polemos.review.state import EDITABLE
from polemos.review.view import Overlay, Reviewed


def _value(ev: Any, name: str) -> Any:
    v = getattr(ev, name, None)
    if name == "location" and v is not None:
        return (v.geonameid, v.country, None if v.lat is None else round(v.lat, 2),
                None if v.lon is None else round(v.lon, 2))
    if name in ("killed", "injured", "displaced", "arrested"):
        return v.best if v is not None else None
    if name in ("actor1", "actor2") and v is not None:
        return ((v.name or v.text or "").lower(), v.country)
    return v


def _decided(ov: Overlay) -> list[Reviewed]:
    return [rv for rv in ov.reviews.values() if rv.review.decided and rv.machine is not None]


def field_changes(ov: Overlay) -> list[dict[str, Any]]:
    """Per field: of the events people kept (confirmed or edited), how many they changed."""
    kept = [rv for rv in _decided(ov) if not rv.hidden and rv.event is not None]
    out = []
    for name in EDITABLE:
        changed = sum(1 for rv in kept if _value(rv.machine, name) != _value(rv.event, name))
        out.append({"field": name, "reviewed": len(kept), "changed": changed,
                    "rate": round(changed / len(kept), 3) if kept else None})
    return out


def _outcome(rv: Reviewed) -> str:
    if rv.review.merged_into:
        return "MERGED"
    if rv.review.rejected:
        return "REJECTED:" + str(rv.review.rejected.get("kind"))
    return rv.event.type if rv.event is not None else "EMPTIED"


def type_confusion(ov: Overlay) -> list[dict[str, Any]]:
    """Rows (machine type, what people decided, events): the machine -> human confusion."""
    c = Counter((rv.machine.type, _outcome(rv)) for rv in _decided(ov))   # type: ignore[union-attr]
    return [{"machine": m, "human": h, "events": n} for (m, h), n in sorted(c.items())]


def evaluate(ov: Overlay) -> dict[str, Any]:
    """The machine scored against people's decisions on the events they reviewed."""
    done = _decided(ov)
    n = len(done)
    real = [rv for rv in done if not rv.review.rejected or rv.review.rejected.get("kind") == "duplicate"]
    kept = [rv for rv in done if not rv.hidden and rv.event is not None]
    fields = {}
    for name in EDITABLE:
        has = [rv for rv in kept if _value(rv.machine, name) is not None or _value(rv.event, name) is not None]
        ok = sum(1 for rv in has if _value(rv.machine, name) == _value(rv.event, name))
        fields[name] = {"events": len(has), "agree": ok, "accuracy": round(ok / len(has), 3) if has else None}
    dups = sum(1 for rv in done if rv.review.merged_into
               or (rv.review.rejected and rv.review.rejected.get("kind") == "duplicate"))
    return {
        "reviewed": n,
        "event_precision": round(len(real) / n, 3) if n else None,     # events that are real events
        "duplicate_rate": round(dups / n, 3) if n else None,
        "kept_unchanged": sum(1 for rv in kept if rv.review.coded_by == "reviewed"),
        "fields": fields,
        "type_confusion": type_confusion(ov),
    }
