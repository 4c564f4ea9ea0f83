"""The store logic shared by both backends: plain SQL that DuckDB and PostgreSQL both accept.

A backend subclass supplies the connection, its placeholder style and a writer lock; everything
else (migrations, idempotent ingest, merging, queries, stats, integrity check) lives here once.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any
from urllib.parse import urlparse

from polemos.merge import actors as merge_actors
from polemos.merge import dates as merge_dates
from polemos.merge.candidates import SEARCH_DAYS, candidate as _candidate, published_window as _published_window
from polemos.merge.cluster import (ArticleInfo, combine, event_id_for, mark_headline, match_score,
                                   member_order, merge_matching_events, merge_order)
from polemos.merge.index import CandidateIndex
from polemos.merge.totals import link_totals
from polemos.models import Article, Event
from polemos import errors
from polemos.errors import InputError
from polemos.store.base import EventFilter, Point, Store, StoredEvent


def migrations(backend: str = "duckdb") -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped in polemos/store/migrations, in order:
    `NNN_name.sql` for both backends, or `NNN_name.duckdb.sql` / `NNN_name.postgres.sql` where
    the dialects differ."""
    out = {}
    for f in resources.files("polemos.store").joinpath("migrations").iterdir():
        name = f.name
        if not (name.endswith(".sql") and name[:3].isdigit()):
            continue
        parts = name.split(".")
        if len(parts) == 3 and parts[1] != backend:
            continue
        out[int(name[:3])] = f.read_text(encoding="utf-8")
    return sorted(out.items())


def latest_version() -> int:
    return migrations()[-1][0]   # both backends have every version


def content_hash(a: Article) -> str:
    """What makes an article 'the same article again': its text and metadata."""
    payload = json.dumps([a.text, a.title, a.published.isoformat() if a.published else None,
                          a.url, a.source], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def source_name(a: Article) -> str:
    """The outlet an article counts as for independent sources."""
    if a.source:
        return a.source
    if a.url:
        host = urlparse(a.url).hostname
        if host:
            return host.removeprefix("www.")
    return a.id


def _statements(sql: str) -> list[str]:
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _d(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


EVENT_COLUMNS = ("id", "type", "status", "date", "date_end", "country", "admin1", "lat", "lon", "precision",
                 "actors", "evidence", "killed", "injured", "displaced", "arrested", "acled_event_type",
                 "n_mentions", "n_sources", "data", "part_of", "published")


def _event_row(ev: StoredEvent, mentions: list[Event]) -> tuple:
    """The events row of a merged event (filter columns beside the JSON)."""
    w = merge_dates.window(ev)
    loc = ev.location
    # every mention's evidence, so `--text` finds an event by any story's wording
    evidence = "\n".join(dict.fromkeys(m.evidence.text for m in mentions)).lower()

    def best(c: Any) -> int | None:
        return c.best if c is not None else None

    return (ev.id, ev.type, ev.status, w[0] if w else None, w[1] if w else None,
            loc.country if loc else None, loc.admin1 if loc else None, loc.lat if loc else None,
            loc.lon if loc else None, loc.precision if loc else None, merge_actors.search_text(ev), evidence,
            best(ev.killed), best(ev.injured), best(ev.displaced), best(ev.arrested), ev.acled_event_type,
            ev.n_mentions, ev.n_sources, ev.model_dump_json(exclude={"mentions", "parts", "part_of"}), ev.part_of,
            _d(ev.first_published))


def _bulk_rows(evs: list[StoredEvent]) -> tuple[list[tuple], list[tuple], list[tuple[str, str]],
                                                dict[str, list[str]], dict[str, tuple[str, dt.date | None]]]:
    """Rows of prebuilt events: events, mentions (each with its evidence as given and as placed in
    a made-up article), links, and per article id the evidence lines and (source, published) of
    the article made up when it is not stored."""
    event_rows: list[tuple] = []
    mention_rows: list[tuple] = []
    links: list[tuple[str, str]] = []
    texts: dict[str, list[str]] = {}
    meta: dict[str, tuple[str, dt.date | None]] = {}
    ends: dict[str, int] = {}                 # article id -> length of its made-up text so far
    only_stored = set(StoredEvent.model_fields) - set(Event.model_fields)
    for ev in evs:
        mentions = list(ev.mentions) or [Event.model_validate(ev.model_dump(exclude=only_stored))]
        for j, m in enumerate(mentions):
            aid = m.document_id or (ev.document_ids[0] if ev.document_ids else None) or f"bulk:{ev.id}"
            key = f"{aid}#bulk:{ev.id}#{j}"
            lines = texts.setdefault(aid, [])
            start = ends.get(aid, 0)
            ends[aid] = start + len(m.evidence.text) + 1
            lines.append(m.evidence.text)
            meta.setdefault(aid, (ev.sources[0] if ev.sources else "bulk", _d(ev.first_published)))
            m = m.model_copy(update={"id": key, "document_id": aid})
            made = m.model_copy(update={"evidence": m.evidence.model_copy(
                update={"start": start, "end": start + len(m.evidence.text)})})
            mention_rows.append((key, aid, len(lines) - 1, m.type, _d(m.date), m, made))
            links.append((key, ev.id))
        ev = ev.model_copy(update={"n_mentions": len(mentions), "mentions": [], "part_of": None, "parts": []})
        event_rows.append(_event_row(ev, mentions))
    return event_rows, mention_rows, links, texts, meta


def _member_order(t: tuple[str, Event, ArticleInfo]) -> tuple:
    return member_order(t)


def _follow(absorbed: dict[str, str], eid: str) -> str:
    while eid in absorbed:
        eid = absorbed[eid]
    return eid


class SqlStore(Store):
    placeholder = "?"
    backend = "duckdb"

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn: Any = None
        self._known_sources: set[str] = set()     # committed to the sources table
        self._pending_sources: set[str] = set()   # inserted in the open transaction

    # -- backend hooks -------------------------------------------------------------------------
    def _lock_writers(self) -> None:
        """Serialise concurrent writers for the length of the transaction (PostgreSQL)."""

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    # -- schema --------------------------------------------------------------------------------
    def schema_version(self) -> int:
        n = self._rows("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
                       " AND table_schema = current_schema()")
        if not n[0][0]:
            return 0
        v = self._rows("SELECT max(version) FROM schema_version")[0][0]
        return int(v or 0)

    def _migrate(self) -> None:
        current = self.schema_version()
        for version, sql in migrations(self.backend):
            if version <= current:
                continue
            self._exec("BEGIN")
            try:
                self._lock_writers()
                if self.schema_version() >= version:   # another process got there first
                    self._exec("ROLLBACK")
                    continue
                for stmt in _statements(sql):
                    self._exec(stmt)
                self._exec("INSERT INTO schema_version (version) VALUES (?)", [version])
                self._exec("COMMIT")
            except BaseException:
                self._exec("ROLLBACK")
                raise

    # -- writing -------------------------------------------------------------------------------
    def has_article(self, article: Article) -> bool:
        rows = self._rows("SELECT content_hash FROM articles WHERE id = ?", [article.id])
        return bool(rows) and rows[0][0] == content_hash(article)

    def add_article(self, article: Article, mentions: list[Event]) -> str:
        return self.add_articles([(article, mentions)])[0]

    def add_articles(self, pairs: list[tuple[Article, list[Event]]]) -> list[str]:
        """Several articles in ONE transaction (faster: one commit); statuses in order.
        All or nothing: a crash or an error leaves none of them stored."""
        self._exec("BEGIN")
        try:
            self._lock_writers()
            statuses = [self._add_article(a, ms, content_hash(a)) for a, ms in pairs]
            if all(st == "unchanged" for st in statuses):
                self._exec("ROLLBACK")
            else:
                self._exec("COMMIT")
                self._known_sources |= self._pending_sources
            self._pending_sources = set()
            return statuses
        except BaseException:
            self._pending_sources = set()
            self._exec("ROLLBACK")
            raise

    def _insert_many(self, table: str, cols: Sequence[str], rows: list[Sequence[Any]]) -> None:
        """One multi-row INSERT per 100 rows (single-row statements dominate the cost in DuckDB)."""
        one = "(" + ", ".join("?" * len(cols)) + ")"
        for i in range(0, len(rows), 100):
            chunk = rows[i:i + 100]
            self._exec(f"INSERT INTO {table} ({', '.join(cols)}) VALUES " + ", ".join([one] * len(chunk)),
                       [v for r in chunk for v in r])

    def _insert_bulk(self, table: str, cols: Sequence[str], rows: list[Sequence[Any]]) -> None:
        """Many rows at once inside the open transaction; backends override with their fastest path."""
        self._insert_many(table, cols, rows)

    def add_events_bulk(self, events: Iterable[StoredEvent | Event]) -> int:
        """Prebuilt events stored as they are, in one transaction (see Store.add_events_bulk)."""
        evs = [e if isinstance(e, StoredEvent) else StoredEvent.model_validate(e.model_dump()) for e in events]
        if not evs:
            return 0
        ids = [e.id for e in evs]
        dup = next((i for i, c in Counter(ids).items() if c > 1), None)
        event_rows, mention_rows, links, texts, meta = _bulk_rows(evs)
        self._exec("BEGIN")
        try:
            self._lock_writers()
            if dup is None:
                for i in range(0, len(ids), 500):
                    chunk = ids[i:i + 500]
                    got = self._rows("SELECT id FROM events WHERE id IN (%s) ORDER BY id LIMIT 1"
                                     % ", ".join("?" * len(chunk)), chunk)
                    if got:
                        dup = got[0][0]
                        break
            if dup is not None:
                raise InputError(errors.STORE_BULK_DUPLICATE.format(db=self.url, event_id=dup))
            stored: set[str] = set()
            aids = sorted(texts)
            for i in range(0, len(aids), 500):
                chunk = aids[i:i + 500]
                stored |= {r[0] for r in self._rows("SELECT id FROM articles WHERE id IN (%s)"
                                                    % ", ".join("?" * len(chunk)), chunk)}
            articles = []
            for aid in aids:
                if aid in stored:
                    continue
                src, published = meta[aid]
                a = Article(id=aid, text="\n".join(texts[aid]), source=src, published=published,
                            title="prebuilt events")
                articles.append((aid, content_hash(a), a.title, a.text, src, None, published, None,
                                 json.dumps(a.model_dump(mode="json", exclude={"text"}), ensure_ascii=False)))
            # a mention of a stored article keeps its own offsets into that article's text
            rows = [(*r[:5], (r[5] if r[1] in stored else r[6]).model_dump_json()) for r in mention_rows]
            sources = sorted({a[4] for a in articles} - self._known_sources)
            for src in sources:
                self._exec("INSERT INTO sources (name) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM sources WHERE name = ?)",
                           [src, src])
            self._insert_bulk("articles", ("id", "content_hash", "title", "text", "source", "url", "published",
                                           "language", "data"), articles)
            self._insert_bulk("mentions", ("id", "article_id", "seq", "type", "date", "data"), rows)
            self._insert_bulk("event_mentions", ("mention_id", "event_id"), links)
            self._insert_bulk("events", EVENT_COLUMNS, event_rows)
            self._exec("INSERT INTO audit (action, article_id, event_id, detail) VALUES (?, ?, ?, ?)",
                       ["events_bulk_added", None, None, json.dumps({"events": len(evs), "articles": len(articles)})])
            self._exec("COMMIT")
            self._known_sources |= set(sources)
            return len(evs)
        except BaseException:
            self._exec("ROLLBACK")
            raise

    def _add_article(self, article: Article, mentions: list[Event], h: str) -> str:
        row = self._rows("SELECT content_hash FROM articles WHERE id = ?", [article.id])
        if row and row[0][0] == h:
            return "unchanged"
        status = "replaced" if row else "added"
        audit: list[tuple[str, str | None, str | None, str | None]] = []

        def note(action: str, event_id: str | None = None, **detail: Any) -> None:
            audit.append((action, article.id, event_id, json.dumps(detail) if detail else None))

        affected: list[str] = []
        if row:
            affected = [r[0] for r in self._rows(
                "SELECT DISTINCT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
                " WHERE m.article_id = ? ORDER BY 1", [article.id])]
            self._exec("DELETE FROM event_mentions WHERE mention_id IN"
                       " (SELECT id FROM mentions WHERE article_id = ?)", [article.id])
            self._exec("DELETE FROM mentions WHERE article_id = ?", [article.id])
            self._exec("DELETE FROM articles WHERE id = ?", [article.id])
        src = source_name(article)
        meta = article.model_dump(mode="json", exclude={"text"})
        self._exec("INSERT INTO articles (id, content_hash, title, text, source, url, published, language, data)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [article.id, h, article.title, article.text, src, article.url, article.published,
                    article.language, json.dumps(meta, ensure_ascii=False)])
        if src not in self._known_sources:
            self._exec("INSERT INTO sources (name) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM sources WHERE name = ?)",
                       [src, src])
            self._pending_sources.add(src)
        note("article_" + status, mentions=len(mentions), hash=h[:16])
        info = ArticleInfo(article.id, src, article.published)
        # specific mentions merge first, so a vague one (a headline: no date, no actors) can join
        # the event its own story's body reports
        marked = [mark_headline(m, article) for m in mentions]
        todo = []
        for i in merge_order(marked):
            key = f"{article.id}#{h[:8]}#{i}"
            todo.append((i, key, marked[i].model_copy(update={"id": key, "document_id": article.id})))

        # The working set: events as stored before this article (`before`, with part_of) and as
        # they become (`now`), with their members; merging happens in memory, writing at the end.
        before: dict[str, tuple[StoredEvent, str | None] | None] = dict(
            self._prefetch([m for _, _, m in todo], info.published))
        now: dict[str, StoredEvent] = {eid: ev for eid, (ev, _) in before.items()}  # type: ignore[misc]
        members: dict[str, list[tuple[str, Event, ArticleInfo]]] = {}
        loaded = False
        links: list[tuple[str, str]] = []
        index = CandidateIndex(now)     # issue 18: the events a mention may join, not all of them
        for _, key, m in todo:
            best: tuple[float, str] | None = None
            for eid in index.candidates(m):
                ev = now[eid]
                if not _candidate(m, ev, info.published):
                    continue
                sc = match_score(m, ev, info.published)
                if sc is not None and (best is None or sc > best[0]):
                    best = (sc, eid)
            if best is None:
                eid = event_id_for(key)
                before[eid] = None
                members[eid] = [(key, m, info)]
                note("event_created", eid, mention=key)
            else:
                eid = best[1]
                if eid not in members:
                    if not loaded:   # first merge into a stored event: load the members of every
                        loaded = True  # stored event any of this article's mentions could join
                        eligible = sorted(e for e in before if before[e] is not None and e not in members
                                          and any(_candidate(mm, now[e], info.published) for _, _, mm in todo))
                        for e, ms in self._members(eligible).items():
                            members.setdefault(e, ms)
                    if eid not in members:
                        members[eid] = self._event_mentions(eid)
                members[eid] = sorted(members[eid] + [(key, m, info)], key=_member_order)
                note("mention_merged", eid, mention=key)
            now[eid] = combine(eid, members[eid])
            index.put(eid, now[eid])
            links.append((key, eid))
        absorbed = self._merge_events(now, members, before, {eid for _, eid in links}, note)
        links = [(key, _follow(absorbed, eid)) for key, eid in links]
        for eid in affected:   # events that lost this article's old mentions
            if eid not in members:
                members[eid] = self._event_mentions(eid)
                if eid not in before:
                    got = self._rows("SELECT data, part_of FROM events WHERE id = ?", [eid])
                    before[eid] = (StoredEvent.model_validate_json(got[0][0]), got[0][1]) if got else None

        self._insert_many("mentions", ("id", "article_id", "seq", "type", "date", "data"),
                          [(key, article.id, i, m.type, _d(m.date), m.model_dump_json()) for i, key, m in todo])
        self._insert_many("event_mentions", ("mention_id", "event_id"), links)
        changed = {eid for _, eid in links} | set(affected) | set(absorbed) | set(absorbed.values())
        for drop, keep in sorted(absorbed.items()):
            if before.get(drop) is not None:   # its stored mentions now belong to the kept event
                self._exec("UPDATE event_mentions SET event_id = ? WHERE event_id = ?", [_follow(absorbed, keep), drop])
        members = {eid: ms for eid, ms in members.items() if eid in changed}
        gone = sorted(eid for eid, ms in members.items() if not ms and before.get(eid) is not None)
        rows = []
        for eid in sorted(members):
            ms = members[eid]
            if not ms:
                continue
            old = before.get(eid)
            ev = combine(eid, ms, part_of=old[1] if old else None)
            rows.append(_event_row(ev, [m for _, m, _ in ms]))
            if old is not None:
                for kind in ("killed", "injured", "displaced", "arrested"):
                    a, b = getattr(old[0], kind), getattr(ev, kind)
                    va, vb = (a.best if a else None), (b.best if b else None)
                    if va != vb:
                        note("count_revised", eid, kind=kind, **{"from": va, "to": vb})
        rewrite = sorted(eid for eid in members if before.get(eid) is not None)
        for i in range(0, len(rewrite), 200):
            chunk = rewrite[i:i + 200]
            self._exec("DELETE FROM events WHERE id IN (%s)" % ", ".join("?" * len(chunk)), chunk)
        if gone:
            marks = ", ".join("?" * len(gone))
            self._exec(f"UPDATE events SET part_of = NULL WHERE part_of IN ({marks})", gone)
            for eid in gone:
                note("event_deleted", eid)
        self._insert_many("events", EVENT_COLUMNS, rows)
        spots = [(r[1], r[5], r[3], r[4]) for r in rows if r[3] is not None]   # type, country, window
        audit += self._relink_totals(spots, article.id)
        self._insert_many("audit", ("action", "article_id", "event_id", "detail"), audit)
        return status

    def _merge_events(self, now: dict[str, StoredEvent], members: dict[str, list[tuple[str, Event, ArticleInfo]]],
                      before: dict[str, Any], changed: set[str], note: Any) -> dict[str, str]:
        def load(need: list[str]) -> None:
            members.update(self._members(need))

        absorbed = merge_matching_events(now, members, changed, load)
        for drop, keep in sorted(absorbed.items()):
            note("events_merged", keep, absorbed=drop)
        return absorbed

    def _prefetch(self, mentions: list[Event], published: dt.date | None) -> dict[str, tuple[StoredEvent, str | None]]:
        """Every stored event that could be a candidate for one of these mentions (a superset of
        what `_candidate` accepts), in one query."""
        windows = [w for w in (merge_dates.window(m) or _published_window(published) for m in mentions) if w]
        if not windows:
            return {}
        types = sorted({m.type for m in mentions})
        pad = dt.timedelta(days=SEARCH_DAYS)
        hi, lo = max(w[1] for w in windows) + pad, min(w[0] for w in windows) - pad
        # undated events: only those reported around then can match (see match_score)
        rows = self._rows(
            "SELECT data, part_of FROM events WHERE type IN (%s) AND ((date <= ? AND date_end >= ?)"
            " OR (date IS NULL AND published <= ? AND published >= ?))" % ", ".join("?" * len(types)),
            [*types, hi, lo, hi, lo])
        out = {}
        for data, part_of in rows:
            ev = StoredEvent.model_validate_json(data)
            out[ev.id] = (ev, part_of)
        return out

    def _members(self, eids: list[str]) -> dict[str, list[tuple[str, Event, ArticleInfo]]]:
        """The mentions of several events (as _event_mentions), in one query per 200 events."""
        out: dict[str, list[tuple[str, Event, ArticleInfo]]] = {e: [] for e in eids}
        for i in range(0, len(eids), 200):
            chunk = eids[i:i + 200]
            for eid, mid, data, aid, src, pub in self._rows(
                    "SELECT em.event_id, m.id, m.data, a.id, a.source, a.published FROM event_mentions em"
                    " JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id"
                    " WHERE em.event_id IN (%s)" % ", ".join("?" * len(chunk)), chunk):
                out[eid].append((mid, Event.model_validate_json(data), ArticleInfo(aid, src, _d(pub))))
        return {e: sorted(ms, key=_member_order) for e, ms in out.items()}

    def _event_mentions(self, eid: str) -> list[tuple[str, Event, ArticleInfo]]:
        rows = self._rows(
            "SELECT m.id, m.data, a.id, a.source, a.published FROM event_mentions em"
            " JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id"
            " WHERE em.event_id = ?", [eid])
        # ordered in Python: SQL text order depends on the server's collation
        return sorted(((r[0], Event.model_validate_json(r[1]), ArticleInfo(r[2], r[3], _d(r[4]))) for r in rows),
                      key=_member_order)

    def _relink_totals(self, spots: list[tuple[str, str | None, dt.date, dt.date]],
                       article_id: str) -> list[tuple[str, str | None, str | None, str | None]]:
        """Recompute total/part links among the touched events (their type, country and window
        in `spots`) and their neighbours (same type, overlapping window, same country); returns
        the audit rows of the links changed."""
        if not spots:
            return []
        pad = dt.timedelta(days=SEARCH_DAYS)
        types = sorted({r[0] for r in spots})
        rows = self._rows(
            "SELECT data, part_of, type, country, date, date_end FROM events WHERE type IN (%s)"
            " AND date <= ? AND date_end >= ?" % ", ".join("?" * len(types)),
            [*types, max(r[3] for r in spots) + pad, min(r[2] for r in spots) - pad])
        hood: dict[str, tuple[StoredEvent, str | None]] = {}
        for data, part_of, typ, country, start, end in rows:
            if any(typ == t and start <= e + pad and end >= s - pad and (not c or country == c)
                   for t, c, s, e in spots):
                ev = StoredEvent.model_validate_json(data)
                hood[ev.id] = (ev, part_of)
        links = link_totals([e for e, _ in sorted(hood.values(), key=lambda x: x[0].id)])
        notes = []
        for eid, (_, part_of) in sorted(hood.items()):
            new = links.get(eid)
            if new != part_of:
                self._exec("UPDATE events SET part_of = ? WHERE id = ?", [new, eid])
                notes.append(("part_of_changed", article_id, eid, json.dumps({"from": part_of, "to": new})))
        return notes

    # -- reading -------------------------------------------------------------------------------
    def _where(self, flt: EventFilter) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []

        def add(clause: str, *vals: Any) -> None:
            where.append(clause)
            params.extend(vals)

        if flt.country:
            add("country = ?", flt.country.upper())
        if flt.type:
            add("type = ?", flt.type.upper())
        if flt.since:
            add("date_end >= ?", flt.since)
        if flt.until:
            add("date <= ?", flt.until)
        if flt.actor:
            add("actors LIKE ?", f"%{flt.actor.lower()}%")
        if flt.bbox:
            w, s, e, n = flt.bbox
            add("lon >= ? AND lon <= ? AND lat >= ? AND lat <= ?", w, e, s, n)
        if flt.status:
            add("status = ?", flt.status)
        if flt.text:
            add("evidence LIKE ?", f"%{flt.text.lower()}%")
        if flt.acled_event_type:
            add("acled_event_type = ?", flt.acled_event_type)
        if flt.document_id:
            add("id IN (SELECT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
                " WHERE m.article_id = ?)", flt.document_id)
        if flt.top_level:
            add("part_of IS NULL")
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def _parts(self, ids: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for pid, total in self._rows("SELECT id, part_of FROM events WHERE part_of IN (%s) ORDER BY id"
                                         % ", ".join("?" * len(chunk)), chunk):
                out.setdefault(total, []).append(pid)
        return out

    @staticmethod
    def _page(flt: EventFilter) -> str:
        """The ORDER BY / LIMIT / OFFSET every event listing shares."""
        sql = " ORDER BY date NULLS LAST, id"
        if flt.limit is not None:
            sql += f" LIMIT {int(flt.limit)}"
        if flt.offset:
            sql += f" OFFSET {int(flt.offset)}"
        return sql

    def query_events(self, flt: EventFilter) -> list[StoredEvent]:
        where, params = self._where(flt)
        rows = self._rows(f"SELECT data, part_of FROM events{where}" + self._page(flt), params)
        events = []
        for data, part_of in rows:
            ev = StoredEvent.model_validate_json(data)
            ev.part_of = part_of
            events.append(ev)
        parts = self._parts([e.id for e in events])
        for e in events:
            e.parts = parts.get(e.id, [])
        return events

    def event_points(self, flt: EventFilter) -> list[Point]:
        """The map's rows straight from the filter columns (no JSON parsed); see Store.event_points."""
        where, params = self._where(flt)
        where += (" AND " if where else " WHERE ") + "lat IS NOT NULL AND lon IS NOT NULL"
        rows = self._rows(f"SELECT id, lat, lon, type, date, killed, precision FROM events{where}"
                          + self._page(flt), params)
        return [(i, float(la), float(lo), t, d.isoformat() if d is not None else None,
                 None if k is None else int(k), p) for i, la, lo, t, d, k, p in rows]

    def count_events(self, flt: EventFilter) -> int:
        where, params = self._where(flt)
        return int(self._rows(f"SELECT count(*) FROM events{where}", params)[0][0])

    def get_event(self, event_id: str) -> StoredEvent | None:
        rows = self._rows("SELECT data, part_of FROM events WHERE id = ?", [event_id])
        if not rows:
            return None
        ev = StoredEvent.model_validate_json(rows[0][0])
        ev.part_of = rows[0][1]
        ev.parts = self._parts([event_id]).get(event_id, [])
        ev.mentions = [m for _, m, _ in self._event_mentions(event_id)]
        return ev

    def get_article(self, article_id: str) -> Article | None:
        rows = self._rows("SELECT data, text FROM articles WHERE id = ?", [article_id])
        if not rows:
            return None
        return Article(**{**json.loads(rows[0][0]), "text": rows[0][1]})

    def article_mentions(self, article_id: str) -> list[Event]:
        rows = self._rows("SELECT m.data, em.event_id FROM mentions m LEFT JOIN event_mentions em"
                          " ON em.mention_id = m.id WHERE m.article_id = ? ORDER BY m.seq", [article_id])
        out = []
        for data, eid in rows:
            m = Event.model_validate_json(data)
            m.extra = {**m.extra, "event_id": eid}
            out.append(m)
        return out

    def stats(self, flt: EventFilter, by: str = "week") -> list[dict[str, Any]]:
        period = {"week": "CAST(date_trunc('week', date) AS DATE)", "month": "CAST(date_trunc('month', date) AS DATE)",
                  "day": "date", "none": "CAST(NULL AS DATE)"}.get(by)
        if period is None:
            raise ValueError(f"stats by {by!r}: expected week, month, day or none")
        where, params = self._where(flt)
        sql = (f"SELECT {period} AS p, type, country,"
               " sum(CASE WHEN id IN (SELECT part_of FROM events WHERE part_of IS NOT NULL) THEN 0 ELSE 1 END),"
               " sum(CASE WHEN part_of IS NULL THEN coalesce(killed, 0) ELSE 0 END)"
               f" FROM events{where} GROUP BY 1, 2, 3 ORDER BY 1 NULLS LAST, 2, 3 NULLS LAST")
        return [{"period": p.isoformat() if p else None, "type": t, "country": c, "events": int(n), "killed": int(k)}
                for p, t, c, n, k in self._rows(sql, params)]

    def summary(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "mentions", "events", "sources"):
            out[table] = int(self._rows(f"SELECT count(*) FROM {table}")[0][0])
        out["totals"] = int(self._rows("SELECT count(DISTINCT part_of) FROM events WHERE part_of IS NOT NULL")[0][0])
        return out

    def article_languages(self) -> dict[str, int]:
        rows = self._rows("SELECT coalesce(language, 'und'), count(*) FROM articles"
                          " WHERE language IS NULL OR language <> 'en' GROUP BY 1 ORDER BY 2 DESC, 1")
        return {str(lang): int(n) for lang, n in rows}

    def check(self) -> list[str]:
        problems: list[str] = []
        checks = {
            "mentions not linked to an event":
                "SELECT count(*) FROM mentions m LEFT JOIN event_mentions em ON em.mention_id = m.id"
                " WHERE em.event_id IS NULL",
            "links to a missing mention":
                "SELECT count(*) FROM event_mentions em LEFT JOIN mentions m ON m.id = em.mention_id WHERE m.id IS NULL",
            "links to a missing event":
                "SELECT count(*) FROM event_mentions em LEFT JOIN events e ON e.id = em.event_id WHERE e.id IS NULL",
            "events without mentions":
                "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions em WHERE em.event_id = e.id)",
            "events whose n_mentions is wrong":
                "SELECT count(*) FROM events e WHERE n_mentions <>"
                " (SELECT count(*) FROM event_mentions em WHERE em.event_id = e.id)",
            "mentions of a missing article":
                "SELECT count(*) FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE a.id IS NULL",
            "parts of a missing total":
                "SELECT count(*) FROM events e WHERE part_of IS NOT NULL AND NOT EXISTS"
                " (SELECT 1 FROM events t WHERE t.id = e.part_of)",
            "articles of an unknown source":
                "SELECT count(*) FROM articles a LEFT JOIN sources s ON s.name = a.source WHERE s.name IS NULL",
        }
        for what, sql in checks.items():
            n = int(self._rows(sql)[0][0])
            if n:
                problems.append(f"{n} {what}")
        for aid, h, data, text in self._rows("SELECT id, content_hash, data, text FROM articles"):
            a = Article(**{**json.loads(data), "text": text})
            if content_hash(a) != h:
                problems.append(f"article {aid}: content does not match its hash")
        v, known = self.schema_version(), latest_version()
        if v != known:
            problems.append(f"schema version {v}, expected {known}")
        return problems
