"""Which events a mention can possibly join, by index instead of a scan (issues 18 and 17).

Merging compared every mention of an article with every event so far: the square of the events
of one article (3,000 incidents of a flattened table took 45 s to merge), and every event of a
type within weeks of a large store's article (issue 17). Conditions of `candidate`/`match_score`
that are exact and cheap to index:
- the type and status must be equal;
- the dates: `candidate` looks only at events whose window comes within SEARCH_DAYS of the
  mention's (or its article's publication week); events match each other (match_score, used by
  merge_matching_events) only when their windows overlap or lie a day apart (dates.relation);
  an undated event is always looked at;
- the country: `candidate` drops an event whose country differs from the mention's;
- a mention with no place of its own that gives a figure (killed 3) never joins an event with
  another figure for the same count (only a revision at the same place may change a figure; a
  headline is read apart).
The index returns a superset of the events that can match, in id order, so the merge loop gives
the same result as scanning them all. Events may be indexed from their stored columns
(`put_columns`: no figures known, so never left out by a figure).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from polemos.merge import dates as merge_dates
from polemos.merge.candidates import SEARCH_DAYS, candidate, published_window
from polemos.merge.cluster import COUNT_KINDS, match_score
from polemos.models import Count, Event, Place, StoredEvent

BLOCK_DAYS = 2       # events are filed under the 2-day blocks their window meets ...
WIDE_BLOCKS = 16     # ... unless it meets more than this many: then under "wide", always looked at
Kind = tuple[str, str]


def figure(c: Count | None) -> int | None:
    """The figure merging compares (as cluster.counts_conflict reads it): best, else low, else high."""
    if c is None:
        return None
    return c.best if c.best is not None else (c.low if c.low is not None else c.high)


def _blocks(lo: dt.date, hi: dt.date) -> range:
    return range(lo.toordinal() // BLOCK_DAYS, hi.toordinal() // BLOCK_DAYS + 1)


class CandidateIndex:
    """Events by (type, status), by date block, country and each count's figure."""

    def __init__(self, now: dict[str, StoredEvent] | None = None) -> None:
        self._kind: dict[Kind, set[str]] = defaultdict(set)
        self._figure: dict[tuple[str, int | None], set[str]] = defaultdict(set)
        self._nofig: set[str] = set()                               # indexed from columns
        self._days: dict[tuple[Kind, int | str], set[str]] = defaultdict(set)   # block, "wide", "undated"
        self._in: dict[tuple[Kind, int | str, str | None], set[str]] = defaultdict(set)   # ... by country
        self._country: dict[str, str | None] = {}
        self._window: dict[str, tuple[dt.date, dt.date] | None] = {}
        # told which countries' events are asked for (None: all) before an answer (store/sql_ingest_batch.py)
        self.need: Callable[[Iterable[str | None] | None], None] | None = None
        # told the ids an answer the merge scores gives, before it reads them (the bulk merge reads
        # their JSON in one query: store/sql_ingest_batch.py)
        self.touch: Callable[[Iterable[str]], None] | None = None
        self._keys: dict[str, tuple[Kind, list[tuple[str, int | None]] | None, list[int | str]]] = {}
        # scores kept by `score(keep=True)`: {(mention key, event id): (event, publication day, score)}
        # (the bulk merge scores its batch's mentions against the stored events at once)
        self.scores: dict[tuple[str, str], tuple[StoredEvent, dt.date | None, float | None]] = {}
        for eid, ev in (now or {}).items():
            self.put(eid, ev)

    def score(self, m: Event, eid: str, ev: StoredEvent, published: dt.date | None, keep: bool = False) -> float | None:
        """match_score(m, ev, published), or None when `candidate` leaves `ev` out; taken from
        `scores` when kept for this very event object and day (the merge never changes an event
        object: a changed event is a new one). `keep`: remember it."""
        got = self.scores.get((m.id, eid))
        if got is not None and got[0] is ev and got[1] == published:
            return got[2]
        # both are pure; match_score leaves ~97% of the index's pairs, candidate almost none of them
        s = match_score(m, ev, published)
        if s is not None and not candidate(m, ev, published):
            s = None
        if keep:
            self.scores[(m.id, eid)] = (ev, published, s)
        return s

    def put(self, eid: str, ev: StoredEvent) -> None:
        """Index `ev` under `eid` (replacing what `eid` was indexed under before)."""
        w = merge_dates.window(ev)
        self._file(eid, (ev.type, ev.status), [(k, figure(getattr(ev, k))) for k in COUNT_KINDS],
                   w[0] if w else None, w[1] if w else None, ev.location.country if ev.location else None)

    def put_columns(self, eid: str, type_: str, status: str, country: str | None,
                    start: dt.date | None, end: dt.date | None) -> None:
        """Index a stored event by its columns (type, status, country, window), figures unknown.
        (`_file` unrolled: the bulk merge files every event a batch reads, ~100,000 at 1,000,000.)"""
        if eid in self._keys:
            self.drop(eid)
        kind = (type_, status)
        self._kind[kind].add(eid)
        self._nofig.add(eid)
        spots: list[int | str]
        if start is None or end is None:
            spots, self._window[eid] = ["undated"], None
        else:
            b0, b1 = start.toordinal() // BLOCK_DAYS, end.toordinal() // BLOCK_DAYS
            spots = [b0] if b0 == b1 else list(range(b0, b1 + 1)) if b1 - b0 < WIDE_BLOCKS else ["wide"]
            self._window[eid] = (start, end)
        country = country or None
        days, where = self._days, self._in
        for s in spots:
            days[(kind, s)].add(eid)
            where[(kind, s, country)].add(eid)
        self._country[eid] = country
        self._keys[eid] = (kind, None, spots)

    def _file(self, eid: str, kind: Kind, figures: list[tuple[str, int | None]] | None,
              start: dt.date | None, end: dt.date | None, country: str | None) -> None:
        self.drop(eid)
        self._kind[kind].add(eid)
        if figures is None:
            self._nofig.add(eid)
        else:
            for key in figures:
                self._figure[key].add(eid)
        spots: list[int | str] = ["undated"] if start is None or end is None else list(_blocks(start, end))
        if len(spots) > WIDE_BLOCKS:
            spots = ["wide"]
        for s in spots:
            self._days[(kind, s)].add(eid)
            self._in[(kind, s, country or None)].add(eid)
        self._country[eid] = country or None
        self._window[eid] = (start, end) if start is not None and end is not None else None
        self._keys[eid] = (kind, figures, spots)

    def drop(self, eid: str) -> None:
        """Forget `eid` (an event absorbed or deleted)."""
        old = self._keys.pop(eid, None)
        if old is None:
            return
        kind, figures, spots = old
        self._kind[kind].discard(eid)
        self._nofig.discard(eid)
        for key in figures or ():
            self._figure[key].discard(eid)
        for s in spots:
            self._days[(kind, s)].discard(eid)
            self._in[(kind, s, self._country.get(eid))].discard(eid)
        self._country.pop(eid, None)
        self._window.pop(eid, None)

    def _dated(self, kind: Kind, lo: dt.date, hi: dt.date, countries: tuple[str | None, ...] | None = None) -> set[str]:
        """Events of `kind` whose window may meet [lo, hi], and the undated ones (only those
        placed in `countries`, if given)."""
        out: set[str] = set()
        for s in ["undated", "wide", *_blocks(lo, hi)]:
            if countries is None:
                out |= self._days.get((kind, s), set())
            else:
                for c in countries:
                    out |= self._in.get((kind, s, c), set())
        return out

    def candidates(self, m: Event, published: dt.date | None = None, scored: bool = False) -> list[str]:
        """Ids of the events `m` may join (a superset of those `candidate` accepts for it, its
        article published on `published`), sorted. `scored`: only those match_score may also
        accept (a dated mention's match is an event whose window meets it or lies a day away, or
        an undated one: dates.relation)."""
        kind = (m.type, m.status)
        own = merge_dates.window(m)
        w = own or published_window(published)
        country = m.location.country if m.location is not None else None
        if self.need is not None:
            self.need([country] if country else None)
        if w is None:
            ids = self._kind.get(kind, set())
            if country:
                ids = {e for e in ids if self._country.get(e) in (None, country)}
        else:
            # (a story's lead may join its body's event told up to SEARCH_DAYS before it: cluster.lead_date_fits)
            pad = dt.timedelta(days=1 if scored and own and not m.extra.get("lead") else SEARCH_DAYS)
            lo, hi = w[0] - pad, w[1] + pad
            win = self._window    # (_meets inlined: the bulk merge asks this of ~100 events per mention)
            ids = {e for e in self._dated(kind, lo, hi, (None, country) if country else None)
                   if (we := win.get(e)) is None or (we[0] <= hi and we[1] >= lo)}
        if not (m.extra.get("headline") or m.extra.get("lead")) and m.location is None:
            for k in COUNT_KINDS:
                v = figure(getattr(m, k))
                if v is not None and ids:
                    ids = (ids & (self._figure.get((k, None), set()) | self._nofig)) | \
                        (ids & self._figure.get((k, v), set()))
        if scored and self.touch is not None:
            self.touch(ids)
        return sorted(ids)

    def _meets(self, eid: str, lo: dt.date, hi: dt.date) -> bool:
        w = self._window.get(eid)
        return w is None or (w[0] <= hi and w[1] >= lo)

    def near(self, ev: StoredEvent) -> set[str]:
        """Ids of the events that may match `ev` both ways (merge_matching_events): same type and
        status, windows overlapping or a day apart, or either undated, and (when every place of
        `ev` has a country) an event placed in another country is far from all of them
        (places.relation) so match_score(it, ev) is None (a superset)."""
        kind = (ev.type, ev.status)
        w = merge_dates.window(ev)
        own: list[Place | None] = [*ev.places] or [ev.location]
        countries: tuple[str | None, ...] | None = None
        if all(p is not None and p.country for p in own):
            allowed = {p.country for p in own if p is not None} | {None}
            if ev.location is not None:
                allowed.add(ev.location.country)
            countries = tuple(allowed)
        if self.need is not None:
            self.need(countries)
        if w is None:
            ids = set(self._kind.get(kind, set()))
            if countries is not None:
                ids = {e for e in ids if self._country.get(e) in countries}
        else:
            lo, hi = w[0] - dt.timedelta(days=1), w[1] + dt.timedelta(days=1)
            ids = {e for e in self._dated(kind, lo, hi, countries) if self._meets(e, lo, hi)}
        if self.touch is not None:
            self.touch(ids)
        return ids

    def of_types(self, types: list[str], lo: dt.date, hi: dt.date,
                 countries: Iterable[str | None] | None = None) -> set[str]:
        """Ids of the events of these types (any status) whose window may meet [lo, hi], and
        the undated ones (a superset: the caller filters on the exact days); only those placed
        in `countries` (None among them: placed nowhere), if given."""
        wanted = None if countries is None else tuple(countries)
        out: set[str] = set()
        for kind in [k for k in self._kind if k[0] in types]:
            out |= self._dated(kind, lo, hi, wanted)
        return out
