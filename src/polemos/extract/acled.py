"""The ACLED event type / sub-event type of a coded event, by the ordered rules of
data/acled_crosswalk.yaml (documented in docs/extraction.md)."""
from __future__ import annotations

import functools

from polemos.extract.triggers import load_data
from polemos.models import Actor


@functools.lru_cache(maxsize=1)
def crosswalk() -> dict:
    data = load_data("acled_crosswalk.yaml")
    valid = {(t, s) for t, subs in data["event_types"].items() for s in subs}
    for r in data["rules"]:
        if r["out"] is not None and tuple(r["out"]) not in valid:
            raise ValueError(f"acled_crosswalk.yaml: {r['out']} is not an ACLED event/sub-event type")
    return data


def _sector_ok(allowed: list[str] | None, actor: Actor | None) -> bool:
    if allowed is None:
        return True
    sector = actor.sector if actor is not None else None
    return (sector or "none") in allowed


def acled_type(type_: str, mode: str | None, status: str, actor1: Actor | None, actor2: Actor | None,
               triggers: list[str]) -> tuple[str | None, str | None]:
    """(event type, sub-event type) as ACLED spells them, or (None, None) when ACLED does not
    record this kind of event."""
    lemmas = {t.lower() for t in triggers}
    for r in crosswalk()["rules"]:
        if r.get("type") and r["type"] != type_:
            continue
        if r.get("modes") is not None and mode not in r["modes"]:
            continue
        if r.get("status") is not None and status not in r["status"]:
            continue
        if r.get("triggers") is not None and not (lemmas & set(r["triggers"])):
            continue
        if not _sector_ok(r.get("actor1_sectors"), actor1) or not _sector_ok(r.get("actor2_sectors"), actor2):
            continue
        return (r["out"][0], r["out"][1]) if r["out"] else (None, None)
    return None, None
