"""Whether two events' actors can be the same parties (missing details never conflict)."""
from __future__ import annotations

from polemos.models import Actor, Event

# Types where "A met B" and "B met A" are one event.
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}


def _norm(s: str | None) -> str | None:
    return s.strip().lower() if s else None


def same_actor(a: Actor | None, b: Actor | None) -> bool | None:
    """True: same party; False: different parties; None: cannot tell."""
    if a is None or b is None:
        return None
    if a.country and b.country:
        if a.country != b.country:
            return False
        return True
    na, nb = _norm(a.name), _norm(b.name)
    if na and nb:
        return na == nb
    return None


def _pair(a1: Actor | None, a2: Actor | None, b1: Actor | None, b2: Actor | None) -> int | None:
    s1, s2 = same_actor(a1, b1), same_actor(a2, b2)
    if s1 is False or s2 is False:
        return None
    return int(bool(s1)) + int(bool(s2))


def agreement(a: Event, b: Event) -> int | None:
    """Number of actor slots that agree (0-2), or None when the actors conflict."""
    best = _pair(a.actor1, a.actor2, b.actor1, b.actor2)
    if a.type in SYMMETRIC:
        swapped = _pair(a.actor1, a.actor2, b.actor2, b.actor1)
        if swapped is not None and (best is None or swapped > best):
            best = swapped
    return best


def search_text(e: Event) -> str:
    """Lower-case text of both actors (text, name, ISO-3, sector) for substring filters."""
    parts: list[str] = []
    for a in (e.actor1, e.actor2):
        if a is not None:
            parts += [p for p in (a.text, a.name, a.country, a.sector) if p]
    return "|" + "|".join(parts).lower() + "|"
