"""Totals over local events: "the death toll from Sunday's strikes in Idlib province has risen
to 26" covers "17 killed in Atarib" and "9 killed in Ibbin". The local events stay; the total
is linked as their parent so nothing is counted twice."""
from __future__ import annotations

from collections import defaultdict

from polemos.merge import actors, dates, places
from polemos.merge.cluster import COUNT_KINDS, best_count
from polemos.models import StoredEvent


def _kind(e: StoredEvent) -> tuple[str, int] | None:
    for k in COUNT_KINDS:
        v = best_count(getattr(e, k))
        if v is not None:
            return k, v
    return None


def tally(e: StoredEvent) -> int | None:
    """The level of `e`'s place (places.level) when it can be a total or a part (a place and a
    figure), else None: link_totals leaves such an event out, and links nothing where no event
    above level 0 has one (a total must be coarser than its parts)."""
    return places.level(e.location) if e.location is not None and _kind(e) is not None else None


def link_totals(events: list[StoredEvent]) -> dict[str, str]:
    """{local event id: total event id} for every local event a coarser, larger total covers.
    Deterministic: totals are tried coarsest and largest first, parts largest first."""
    links: dict[str, str] = {}
    kinds = {e.id: k for e in events if e.location is not None and (k := _kind(e)) is not None}
    counted = [e for e in events if e.id in kinds]
    level = {e.id: places.level(e.location) for e in counted}   # type: ignore[arg-type]
    # the possible parts of a total grouped by type, status and place level, each event's figures
    # read once: the loop below asks about every pair, so a neighbourhood of hundreds of events
    # made this the largest part of a merge into a large store (docs/benchmarks.md)
    group: dict[tuple[str, str, int], list[StoredEvent]] = defaultdict(list)
    for e in counted:
        group[(e.type, e.status, level[e.id])].append(e)
    figures: dict[str, dict[str, int | None]] = {}
    totals = sorted(counted, key=lambda e: (-level[e.id], -kinds[e.id][1], e.id))
    for t in totals:
        if level[t.id] == 0:
            break       # the rest are points: nothing lies below them
        if t.id in links:
            continue
        kind, total = kinds[t.id]
        cands = []
        # "contains" needs the total's place coarser (places.relation): parts of lower levels only
        # (their order does not matter: the candidates are sorted below)
        for f in (f for lv in range(level[t.id]) for f in group.get((t.type, t.status, lv), ())):
            if f.id in links:
                continue
            if f.id not in figures:
                figures[f.id] = {k: best_count(getattr(f, k)) for k in COUNT_KINDS}
            v = figures[f.id][kind]
            if v is None or v >= total:   # a part's figure is below the total's
                continue
            if places.relation(t.location, f.location) != "contains":
                continue
            if dates.relation(t, f) in ("far", "unknown") or actors.agreement(t, f) is None:
                continue
            cands.append((v, f.id))
        parts, s = [], 0
        for v, fid in sorted(cands, key=lambda x: (-x[0], x[1])):
            if s + v <= total:
                parts.append(fid)
                s += v
        for fid in parts:
            links[fid] = t.id
    return links
