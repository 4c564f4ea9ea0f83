"""Whether two events' actors can be the same parties (missing details never conflict)."""
from __future__ import annotations

from polemos.models import Actor, Event

# Types where "A met B" and "B met A" are one event.
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}


def _norm(s: str | None) -> str | None:
    return s.strip().lower() if s else None


_WEAK_SECTORS = {None, "CVL", "UNK"}   # "civilians of country X" says little about which event


def same_actor(a: Actor | None, b: Actor | None) -> float | None:
    """How surely two actors are the same party: 1 (same name, or same country and sector),
    0.5 (same country only, or civilians), 0 (cannot tell); None when they are different parties."""
    if a is None or b is None:
        return 0.0
    na, nb = _norm(a.name), _norm(b.name)
    if a.country and b.country:
        if a.country != b.country:
            # two named or organised parties of different countries differ; a bare "17 people"
            # or "civilians" with a country guessed from context is no evidence either way
            strong = (a.sector not in _WEAK_SECTORS or a.name) and (b.sector not in _WEAK_SECTORS or b.name)
            return None if strong else 0.0
        if (na and na == nb) or (a.sector == b.sector and a.sector not in _WEAK_SECTORS):
            # a target the words never name (a protest's government, text None) is no evidence
            # which event it is
            return 0.0 if _inferred(a) or _inferred(b) else 1.0
        return 0.5
    if na and nb:
        return 1.0 if na == nb else None
    return 0.0


def _inferred(a: Actor) -> bool:
    """An actor the extractor supplied by default rule, not read from words."""
    return not a.text and not a.name and a.sector not in _WEAK_SECTORS


def _pair(a1: Actor | None, a2: Actor | None, b1: Actor | None, b2: Actor | None) -> float | None:
    s1, s2 = same_actor(a1, b1), same_actor(a2, b2)
    if s1 is None or s2 is None:
        return None
    return s1 + s2


def agreement(a: Event, b: Event) -> float | None:
    """How much the actors agree (0-2: a slot counts 1 when surely the same party, 0.5 when
    only the country matches), or None when they conflict."""
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
