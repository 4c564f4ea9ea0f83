"""The bulk merge of a batch of articles (issue 17): one candidate query for the whole batch, the
merge decided article by article in memory, the writes of the batch at its end.

`BatchView` is an ingest view (sql_ingest_view.IngestView) over the events the batch can touch:
`begin` reads, in ONE query, every stored event of the batch's types whose days meet one of its
articles' candidate regions (blocking by type and date window), and the stored hashes of its
articles. Each article then merges through the same code as article by article
(sql_ingest.add_article and the merge loop): its candidates are the prefetched events (and those
the batch has written so far) that the article-by-article query would return, so the decisions
are the same. Writes are kept and applied by `flush` (in the open transaction): articles, mentions
and links in bulk, the rewritten events deleted and inserted once, part_of updates, the audit in
order. A region not covered by what was read (totals relinked around a long event) is read when
asked. A replaced article (its old mentions must leave their events) flushes first and is merged
straight over the flushed store.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from polemos.merge.cluster import ArticleInfo, Member, member_order
from polemos.merge.index import CandidateIndex
from polemos.merge.keys import content_hash
from polemos.merge.memory import keyed_mentions
from polemos.models import Article, Event, StoredEvent
from polemos.store import sql_cache
from polemos.store.sql_conn import SqlDb, as_date, marks
from polemos.store.sql_ingest_view import (
    REGION_SQL,
    AuditRow,
    Neighbour,
    Region,
    SqlView,
    Stored,
    StoredJson,
    many_member_rows,
    members_of,
    prefetch_region,
)
from polemos.store.sql_rows import ARTICLE_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS

PART_OF = EVENT_COLUMNS.index("part_of")
ANY = "*"     # every country (in `covered`)


def _countries(mentions: Sequence[Event]) -> list[str]:
    """The countries whose events (and those placed nowhere) an article's candidates come from:
    its mentions' (merge.candidates.candidate drops events of another country), or ANY when a
    mention has none."""
    found = {m.location.country if m.location is not None else None for m in mentions}
    return [ANY] if None in found or "" in found else sorted(c for c in found if c)
CHUNK = 500
FETCH = 20_000    # events whose JSON is read in one query


class Known(StoredJson):
    """An event as the store holds it in the open batch: the columns the regions filter on, and
    its JSON, read (by row, with others: BatchView.fetch) and decoded when first needed (most
    events read for a batch are never looked at). `row`: its rowid (DuckDB) or id; `version`:
    its row version (sql_cache.versioned); None for a row the batch wrote (`data` given)."""

    __slots__ = ("country", "date", "end", "published", "row", "type", "version", "view")

    def __init__(self, eid: str, data: str | None, part_of: str | None, type_: str, date: dt.date | None,
                 end: dt.date | None, published: dt.date | None, country: str | None,
                 view: BatchView | None = None, row: object = None, version: object = None) -> None:
        super().__init__(eid, data, part_of)   # type: ignore[arg-type]
        self.type, self.date, self.end, self.published, self.country = type_, date, end, published, country
        self.view, self.row, self.version = view, row, version

    @property
    def ev(self) -> StoredEvent:
        if not self.decoded():
            ev = sql_cache.versioned(self.eid, self.version)
            if ev is None and self.version is not None:
                if self.data is None and self.view is not None:
                    self.view.fetch([self])
                ev = sql_cache.keep(self.eid, self.version, StoredEvent.model_validate_json(self.data))
            if ev is not None:
                self.set_decoded(ev)
        return StoredJson.ev.fget(self)   # type: ignore[attr-defined]


class LazyEvents(dict):
    """The merge loop's ws.now over Known events: each decoded when the loop first reads it."""

    def __getitem__(self, eid: str) -> StoredEvent:
        v = dict.__getitem__(self, eid)
        if isinstance(v, Known):
            v = v.ev
            dict.__setitem__(self, eid, v)
        return v


def _merged(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Overlapping or touching day ranges joined."""
    out: list[tuple[dt.date, dt.date]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + dt.timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


class BatchView(SqlView):
    """The store as the batch's articles see it, one after the other, written at the end."""

    def __init__(self, db: SqlDb, add_source: Callable[[SqlDb, str], None]) -> None:
        super().__init__(db, add_source)
        self.hashes: dict[str, str | None] = {}
        self.batch: list[tuple[list[Event], dt.date | None]] = []   # the batch's keyed mentions
        self.unscored: list[tuple[list[Event], dt.date | None]] = []   # those of articles twice in it
        self._reset()

    def _reset(self) -> None:
        self.known: dict[str, Known] = {}
        self.idx = CandidateIndex()            # every known event: by type, status, days, country
        self.idx.need = self._need
        self.idx.touch = self._touch
        # days read per (type, country; ANY: every country); events with no country come with each
        self.covered: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
        # the article merging: its region, working set (before, now) and the countries put in it
        self.cur: tuple[Region, dict[str, Known], LazyEvents, set[str]] | None = None
        self.stored: set[str] = set()          # ids read from the store (to delete when rewritten)
        self.removed: set[str] = set()         # ids deleted in the batch
        self.gone: set[str] = set()            # emptied events: parts pointing at them are unlinked
        self.rows: dict[str, list] = {}        # events rows to insert at flush
        self.part_only: dict[str, str | None] = {}
        self.members: dict[str, list[Member]] = {}
        self.raw: dict[str, list[tuple]] = {}   # stored members read for the batch, not decoded yet
        self.raw_read = False
        self.joinable: set[str] = set()        # stored events a mention scored at `begin` may join
        self.prescored = False
        self.articles: list[tuple] = []
        self.mentions: list[tuple] = []
        self.links: list[tuple[str, str]] = []
        self.moves: list[tuple[str, str]] = []
        self.audit: list[AuditRow] = []

    # -- the batch's reads, once --------------------------------------------------------------
    def begin(self, pairs: Sequence[tuple[Article, list[Event]]]) -> None:
        """Read the stored hashes of the batch's articles and, in one query, the candidate events
        of every article that is new or changed."""
        ids = sorted({a.id for a, _ in pairs})
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i:i + CHUNK]
            found = dict(self.db.rows(f"SELECT id, content_hash FROM articles WHERE id IN ({marks(len(chunk))})",
                                      chunk))
            self.hashes.update({aid: found.get(aid) for aid in chunk})
        spans: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
        seen = Counter(a.id for a, _ in pairs)
        # articles that come once in the batch: their mentions are scored now
        once: list[tuple[list[Event], dt.date | None]] = []
        for a, ms in pairs:
            if self.hashes.get(a.id) == content_hash(a):
                continue
            keyed = keyed_mentions(a, ms)
            self.batch.append((keyed, a.published))
            (once if seen[a.id] == 1 else self.unscored).append((keyed, a.published))
            region = prefetch_region(keyed, a.published)
            if region is not None:
                for t in region[0]:
                    for c in _countries(keyed):
                        spans[(t, c)].append((region[1], region[2]))
        self._read({tc: _merged(s) for tc, s in spans.items()})
        self._fetch_batch()
        self._score(once)

    def _score(self, batch: list[tuple[list[Event], dt.date | None]]) -> None:
        """Score these mentions against the stored events they may join (CandidateIndex.score,
        kept in the index): the merge loop asks the same scores later (taken from the index while
        the event is unchanged), and the members read for the batch are those of the events some
        mention may join (`_read_members`), not of every candidate."""
        touch, self.idx.touch = self.idx.touch, None
        try:
            for keyed, published in batch:
                for m in keyed:
                    for e in self.idx.candidates(m, published, scored=True):
                        if e in self.stored and self.idx.score(m, e, self.known[e].ev, published, keep=True) \
                                is not None:
                            self.joinable.add(e)
        finally:
            self.idx.touch = touch
        self.prescored = True

    def _read(self, want: dict[tuple[str, str], list[tuple[dt.date, dt.date]]]) -> list[Known]:
        """Read the stored events of these types, countries and day ranges (REGION_SQL) in one
        query; events the batch already holds (or deleted) keep their batch state. Returns
        those read."""
        clauses, params = [], []
        for (t, c), spans in sorted(want.items()):
            for lo, hi in spans:
                if c == ANY:
                    clauses.append(f"(type = ? AND {REGION_SQL})")
                    params += [t, hi, lo, hi, lo]
                else:
                    clauses.append(f"(type = ? AND (country = ? OR country IS NULL) AND {REGION_SQL})")
                    params += [t, c, hi, lo, hi, lo]
                self.covered[(t, c)] = _merged(self.covered[(t, c)] + [(lo, hi)])
        return self._read_rows(" WHERE " + " OR ".join(clauses), params) if clauses else []

    def _read_rows(self, clause: str, params: list) -> list[Known]:
        """The events `clause` selects: their columns only (the JSON is read by `fetch`)."""
        new = []
        duck = self.db.backend == "duckdb"
        # a row's version (sql_cache.versioned): its writing transaction's start and where it lies
        # (DuckDB's rowid; PostgreSQL's ctid, which an UPDATE changes too)
        rows = self.db.rows(f"SELECT {'rowid' if duck else 'id'}, id, part_of, type, status, date, date_end, published,"
                            f" country, updated_at, {'rowid' if duck else 'ctid::text'} FROM events{clause}", params)
        for row, eid, part_of, typ, status, date, end, published, country, updated, where in rows:
            if eid in self.known or eid in self.removed:
                continue
            # a part whose total the batch emptied was unlinked when it was (null_part_of)
            part_of = None if part_of in self.gone else part_of
            k = Known(eid, None, part_of, typ, as_date(date), as_date(end), as_date(published), country,
                      self, row, None if updated is None else (updated, where))
            self._put(k, status)
            self.stored.add(eid)
            new.append(k)
        return new

    def fetch(self, events: Iterable[Known]) -> None:
        """Read the JSON of these stored events, in one query by row, unless the process has
        decoded their row before (sql_cache.versioned); decoding waits until one is looked at."""
        want = [k for k in events if k.data is None and not k.decoded() and not sql_cache.has(k.eid, k.version)]
        for i in range(0, len(want), FETCH):
            chunk = want[i:i + FETCH]
            if self.db.backend == "duckdb":   # a join with the list: one probe per row was 10x slower
                rows = self.db.rows("SELECT rowid, data FROM events WHERE rowid IN (SELECT unnest(?::BIGINT[]))",
                                    [[k.row for k in chunk]])
            else:
                rows = self.db.rows(f"SELECT id, data FROM events WHERE id IN ({marks(len(chunk))})",
                                    [k.row for k in chunk])
            data = dict(rows)
            for k in chunk:
                k.data = data[k.row]

    def _fetch_batch(self) -> None:
        """Read, in one query, the JSON of the stored events the batch's mentions may be scored
        against or whose totals they may relink (the index's candidates of each: those within
        SEARCH_DAYS, in its country), instead of a query per article (each ~10 ms at 1,000,000)."""
        touch, self.idx.touch = self.idx.touch, None
        try:
            ids = {e for keyed, published in self.batch for m in keyed for e in self.idx.candidates(m, published)}
        finally:
            self.idx.touch = touch
        self.fetch(self.known[e] for e in sorted(ids) if e in self.known)

    def _touch(self, ids: Iterable[str]) -> None:
        """The index is about to answer with these ids: decode those of the merging article's
        working set in one read."""
        now = self.cur[2] if self.cur is not None else self.known
        self.fetch(k for k in (self.known.get(e) for e in ids if e in now) if k is not None)

    def _put(self, k: Known, status: str) -> None:
        self.known[k.eid] = k
        self.idx.put_columns(k.eid, k.type, status, k.country, k.date, k.end)

    def _cover(self, types: list[str], lo: dt.date, hi: dt.date, countries: Iterable[str] = (ANY,)) -> list[Known]:
        """Make sure the events of `types` placed in `countries` (or in none) meeting [lo, hi]
        have been read; returns those read now."""
        def done(t: str, c: str) -> bool:
            return any(a <= lo and hi <= b for key in ((t, c), (t, ANY)) for a, b in self.covered.get(key, ()))

        missing = {(t, c): [(lo, hi)] for t in types for c in countries if not done(t, c)}
        return self._read(missing) if missing else []

    def _need(self, countries: Iterable[str | None] | None) -> None:
        """The index is asked about events placed in `countries` (None: in any): add those of
        the merging article's region to its working set (reading those not read yet), as the
        article-by-article prefetch (every country) would have given them."""
        if self.cur is None:
            return
        (types, lo, hi), before, now, added = self.cur
        if ANY in added:
            return
        wanted = [ANY] if countries is None else sorted({c for c in countries if c} - added)
        if wanted:
            self._cover(types, lo, hi, wanted)
            self._add(before, now, wanted)

    def _add(self, before: dict[str, Known], now: LazyEvents, countries: list[str]) -> None:
        """Put the events of the merging article's region placed in `countries` (ANY: in any) or
        in none into its working set (`before` and `now`), each once."""
        assert self.cur is not None
        (types, lo, hi), _, _, added = self.cur
        places = None if ANY in countries else [None, *countries]
        known, put = self.known, dict.__setitem__
        for eid in sorted(self.idx.of_types(types, lo, hi, places) - before.keys()):
            k = known.get(eid)   # in_region inlined (~1,000 events per article at 1,000,000)
            if k is not None and k.type in types and (
                    k.end is not None and k.date <= hi and k.end >= lo if k.date is not None
                    else k.published is not None and lo <= k.published <= hi):
                before[eid] = k
                put(now, eid, k)
        added.update(countries)

    # -- IngestView ----------------------------------------------------------------------------
    def stored_hash(self, article_id: str) -> str | None:
        if article_id not in self.hashes:
            self.hashes[article_id] = super().stored_hash(article_id)
        return self.hashes[article_id]

    def remove_article(self, article_id: str) -> list[str]:
        """A changed article: write the batch so far, then remove it from the store itself."""
        self.flush()
        self.hashes[article_id] = None
        return super().remove_article(article_id)

    def insert_article(self, row: tuple, source: str) -> None:
        self.articles.append(row)
        self.hashes[row[0]] = row[1]
        self.add_source(self.db, source)

    def prefetch(self, mentions: Sequence[Event], published: dt.date | None) -> dict[str, Known]:
        """The article's candidates placed in its mentions' countries (or in none); those of
        other countries join its working set if the merge asks the index about them (_need)."""
        self.cur = None
        region = prefetch_region(mentions, published)
        if region is None:
            return {}
        types, lo, hi = region
        countries = _countries(mentions)
        self._cover(types, lo, hi, countries)
        before: dict[str, Known] = {}
        self.cur = (region, before, LazyEvents(), set())
        self._add(before, self.cur[2], countries)
        return before

    def working(self, before: Mapping[str, Stored | None]) -> dict[str, StoredEvent]:
        now = self.cur[2] if self.cur is not None and self.cur[1] is before else LazyEvents()
        now.update({eid: k for eid, k in before.items() if k is not None})   # dict.update: not decoded
        return now

    def index(self) -> CandidateIndex:
        """The batch's index: the loop keeps it up to date as it merges."""
        return self.idx

    def members_of(self, eids: list[str]) -> dict[str, list[Member]]:
        missing = [e for e in eids if e not in self.members]
        if missing and not self.raw_read:
            self._read_members(missing)
        for e in [e for e in missing if e in self.raw]:
            self.members[e] = sorted(((mid, Event.model_validate_json(data), ArticleInfo(aid, src, as_date(pub)))
                                      for mid, data, aid, src, pub in self.raw.pop(e)), key=member_order)
        missing = [e for e in missing if e not in self.members]
        if missing:
            self.members.update(members_of(self.db, missing))
        return {e: self.members[e] for e in eids}

    def _read_members(self, missing: list[str]) -> None:
        """The first time the batch needs stored members: read (undecoded) those of every stored
        event any of the batch's mentions may join, in one query (chunks of CHUNK ids)."""
        self.raw_read = True
        want = set(missing)
        # those a mention scored at `begin` may join, and those the others may be scored against
        # (all of the batch's after a flush inside it); others, rarely needed, are read when asked
        if self.prescored:
            want |= self.joinable
        touch, self.idx.touch = self.idx.touch, None
        try:
            for keyed, published in (self.unscored if self.prescored else self.batch):
                for m in keyed:
                    want.update(e for e in self.idx.candidates(m, published, scored=True) if e in self.stored)
        finally:
            self.idx.touch = touch
        ids = sorted(e for e in want if e not in self.members)
        for e in ids:
            self.raw.setdefault(e, [])
        for eid, *rest in many_member_rows(self.db, ids):
            self.raw[eid].append(tuple(rest))

    def event(self, eid: str) -> Stored | None:
        if eid not in self.known and eid not in self.removed:
            self._read_rows(" WHERE id = ?", [eid])
        return self.known.get(eid)

    def insert_mentions(self, rows: list[tuple], links: list[tuple[str, str]]) -> None:
        self.mentions += rows
        self.links += links

    def move_links(self, drop: str, keep: str) -> None:
        self.moves.append((drop, keep))

    def replace_events(self, delete: list[str], gone: list[str], rows: list[tuple],
                       members: dict[str, list[Member]]) -> None:
        self.members.update(members)       # the working set's members are the store's now
        for eid in delete:
            self.known.pop(eid, None)
            self.idx.drop(eid)
            self.rows.pop(eid, None)
            self.part_only.pop(eid, None)
            self.removed.add(eid)
        if gone:
            self.gone |= set(gone)
            for eid, k in self.known.items():
                if k.part_of in self.gone:
                    self.set_part_of(eid, None)
        for row in rows:
            eid = row[0]
            self.removed.discard(eid)
            self._put(Known(eid, row[19], row[PART_OF], row[1], row[3], row[4], as_date(row[-1]), row[5]), row[2])
            self.rows[eid] = list(row)

    def neighbourhood(self, types: list[str], hi: dt.date, lo: dt.date,
                      countries: set[str] | None = None) -> list[Neighbour]:
        self._cover(types, lo, hi, [ANY] if countries is None else sorted(countries))
        found = [self.known[eid] for eid in sorted(self.idx.of_types(types, lo, hi, countries))]
        found = [k for k in found if k.type in types and k.date is not None and k.end is not None and k.date <= hi
                 and k.end >= lo and (countries is None or k.country in countries)]   # the caller keeps only those
        self.fetch(found)   # the caller decodes them all
        return [(k.eid, k, k.type, k.country, k.date, k.end) for k in found]   # type: ignore[misc]

    def set_part_of(self, eid: str, part_of: str | None) -> None:
        self.known[eid].part_of = part_of
        if eid in self.rows:
            self.rows[eid][PART_OF] = part_of
        else:
            self.part_only[eid] = part_of

    def insert_audit(self, rows: list[AuditRow]) -> None:
        self.audit += rows
        self.cur = None        # the article is merged

    # -- the batch's writes, once --------------------------------------------------------------
    def flush(self) -> None:
        """Write what the batch did (inside the open transaction), then start afresh."""
        db = self.db
        db.insert_bulk("articles", ARTICLE_COLUMNS, self.articles)
        db.insert_bulk("mentions", MENTION_COLUMNS, self.mentions)
        db.insert_bulk("event_mentions", ("mention_id", "event_id"), self.links)
        for drop, keep in self.moves:
            db.execute("UPDATE event_mentions SET event_id = ? WHERE event_id = ?", [keep, drop])
        delete = sorted(self.stored & (self.removed | set(self.rows)))
        for i in range(0, len(delete), CHUNK):
            chunk = delete[i:i + CHUNK]
            db.execute(f"DELETE FROM events WHERE id IN ({marks(len(chunk))})", chunk)
        gone = sorted(self.gone)
        for i in range(0, len(gone), CHUNK):
            chunk = gone[i:i + CHUNK]
            db.execute(f"UPDATE events SET part_of = NULL WHERE part_of IN ({marks(len(chunk))})", chunk)
        db.insert_bulk("events", EVENT_COLUMNS, [tuple(r) for _, r in sorted(self.rows.items())])
        for eid, part_of in sorted(self.part_only.items()):
            db.execute("UPDATE events SET part_of = ? WHERE id = ?", [part_of, eid])
        db.insert_many("audit", ("action", "article_id", "event_id", "detail"), self.audit)
        self._reset()

