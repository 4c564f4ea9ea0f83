"""Which events a mention can possibly join, by index instead of a scan (issue 18).

Merging compared every mention of an article with every event so far: the square of the events
of one article (3,000 incidents of a flattened table took 45 s to merge). Two conditions of
`candidate`/`match_score` are exact and cheap to index: the type and status must be equal, and a
mention with no place of its own that gives a figure (killed 3) never joins an event with another
figure for the same count (only a revision at the same place may change a figure; a headline is
read apart). The index returns a superset of the events that can match, in id order, so the merge
loop gives the same result as scanning them all.
"""
from __future__ import annotations

from collections import defaultdict

from polemos.merge.cluster import COUNT_KINDS
from polemos.models import Count, Event, StoredEvent


def figure(c: Count | None) -> int | None:
    """The figure merging compares (as cluster.counts_conflict reads it): best, else low, else high."""
    if c is None:
        return None
    return c.best if c.best is not None else (c.low if c.low is not None else c.high)


class CandidateIndex:
    """Events by (type, status) and by each count's figure; built per article from `now`."""

    def __init__(self, now: dict[str, StoredEvent]) -> None:
        self._kind: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._figure: dict[tuple[str, int | None], set[str]] = defaultdict(set)
        self._keys: dict[str, tuple[tuple[str, str], list[tuple[str, int | None]]]] = {}
        for eid, ev in now.items():
            self.put(eid, ev)

    def put(self, eid: str, ev: StoredEvent) -> None:
        """Index `ev` under `eid` (replacing what `eid` was indexed under before)."""
        old = self._keys.pop(eid, None)
        if old is not None:
            self._kind[old[0]].discard(eid)
            for key in old[1]:
                self._figure[key].discard(eid)
        kind = (ev.type, ev.status)
        figures = [(k, figure(getattr(ev, k))) for k in COUNT_KINDS]
        self._kind[kind].add(eid)
        for key in figures:
            self._figure[key].add(eid)
        self._keys[eid] = (kind, figures)

    def candidates(self, m: Event) -> list[str]:
        """Ids of the events `m` may join (a superset of those match_score accepts), sorted."""
        ids = self._kind.get((m.type, m.status), set())
        if not m.extra.get("headline") and m.location is None:
            for k in COUNT_KINDS:
                v = figure(getattr(m, k))
                if v is not None and ids:
                    ids = (ids & self._figure.get((k, None), set())) | (ids & self._figure.get((k, v), set()))
        return sorted(ids)
