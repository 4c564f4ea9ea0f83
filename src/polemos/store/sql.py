"""The store logic shared by both backends: plain SQL that DuckDB and PostgreSQL both accept.

A backend subclass supplies the connection, its placeholder style and a writer lock; everything
else (migrations, idempotent ingest, merging, queries, stats, integrity check) lives here once.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any
from urllib.parse import urlparse

from polemos.merge import actors as merge_actors
from polemos.merge import dates as merge_dates
from polemos.merge.cluster import ArticleInfo, combine, event_id_for, mark_headline, match_score, merge_order
from polemos.merge.totals import link_totals
from polemos.models import Article, Event
from polemos.store.base import EventFilter, Store, StoredEvent

SEARCH_DAYS = 3   # candidate events are looked up this many days around a mention's window


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped in polemos/store/migrations, in order."""
    out = []
    for f in resources.files("polemos.store").joinpath("migrations").iterdir():
        if f.name.endswith(".sql") and f.name[:3].isdigit():
            out.append((int(f.name[:3]), f.read_text(encoding="utf-8")))
    return sorted(out)


def latest_version() -> int:
    return migrations()[-1][0]


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


class SqlStore(Store):
    placeholder = "?"

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn: Any = None

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
        for version, sql in migrations():
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
        h = content_hash(article)
        self._exec("BEGIN")
        try:
            self._lock_writers()
            status = self._add_article(article, mentions, h)
            if status == "unchanged":
                self._exec("ROLLBACK")
            else:
                self._exec("COMMIT")
            return status
        except BaseException:
            self._exec("ROLLBACK")
            raise

    def _audit(self, action: str, article_id: str | None = None, event_id: str | None = None,
               detail: dict[str, Any] | None = None) -> None:
        self._exec("INSERT INTO audit (action, article_id, event_id, detail) VALUES (?, ?, ?, ?)",
                   [action, article_id, event_id, json.dumps(detail) if detail else None])

    def _add_article(self, article: Article, mentions: list[Event], h: str) -> str:
        row = self._rows("SELECT content_hash FROM articles WHERE id = ?", [article.id])
        if row and row[0][0] == h:
            return "unchanged"
        touched: set[str] = set()
        status = "added"
        if row:
            status = "replaced"
            touched |= {r[0] for r in self._rows(
                "SELECT DISTINCT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
                " WHERE m.article_id = ?", [article.id])}
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
        if not self._rows("SELECT 1 FROM sources WHERE name = ?", [src]):
            self._exec("INSERT INTO sources (name) VALUES (?)", [src])
        self._audit("article_" + status, article.id, detail={"mentions": len(mentions), "hash": h[:16]})
        info = ArticleInfo(article.id, src, article.published)
        # specific mentions merge first, so a vague one (a headline: no date, no actors) can join
        # the event its own story's body reports
        mentions = [mark_headline(m, article) for m in mentions]
        for i in merge_order(mentions):
            key = f"{article.id}#{h[:8]}#{i}"
            m = mentions[i].model_copy(update={"id": key, "document_id": article.id})
            self._exec("INSERT INTO mentions (id, article_id, seq, type, date, data) VALUES (?, ?, ?, ?, ?, ?)",
                       [key, article.id, i, m.type, _d(m.date), m.model_dump_json()])
            touched.add(self._merge_mention(key, m, info))
        for eid in sorted(touched):
            self._refresh_event(eid)
        self._relink_totals(touched)
        return status

    def _candidates(self, m: Event, published: dt.date | None) -> list[StoredEvent]:
        where, params = ["type = ?", "status = ?"], [m.type, m.status]
        if m.location is not None and m.location.country:
            where.append("(country = ? OR country IS NULL)")
            params.append(m.location.country)
        w = merge_dates.window(m)
        if w is None and published is not None:
            w = (published - dt.timedelta(days=7), published)
        if w is not None:
            where.append("(date IS NULL OR (date <= ? AND date_end >= ?))")
            params += [w[1] + dt.timedelta(days=SEARCH_DAYS), w[0] - dt.timedelta(days=SEARCH_DAYS)]
        else:  # neither a date nor a publication date: only events of this same article
            where.append("id IN (SELECT em.event_id FROM event_mentions em JOIN mentions mm"
                         " ON mm.id = em.mention_id WHERE mm.article_id = ?)")
            params.append(m.document_id)
        rows = self._rows(f"SELECT data FROM events WHERE {' AND '.join(where)} ORDER BY id", params)
        return [StoredEvent.model_validate_json(r[0]) for r in rows]

    def _merge_mention(self, key: str, m: Event, info: ArticleInfo) -> str:
        best: tuple[float, str] | None = None
        for ev in self._candidates(m, info.published):
            s = match_score(m, ev, info.published)
            if s is not None and (best is None or s > best[0]):
                best = (s, ev.id)
        if best is None:
            eid = event_id_for(key)
            self._exec("INSERT INTO event_mentions (mention_id, event_id) VALUES (?, ?)", [key, eid])
            self._write_event(combine(eid, [(key, m, info)]), new=True, mentions=[m])
            self._audit("event_created", info.id, eid, {"mention": key})
        else:
            eid = best[1]
            self._exec("INSERT INTO event_mentions (mention_id, event_id) VALUES (?, ?)", [key, eid])
            self._refresh_event(eid, merged=key)
        return eid

    def _event_mentions(self, eid: str) -> list[tuple[str, Event, ArticleInfo]]:
        rows = self._rows(
            "SELECT m.id, m.data, a.id, a.source, a.published FROM event_mentions em"
            " JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id"
            " WHERE em.event_id = ? ORDER BY a.published NULLS LAST, a.id, m.seq", [eid])
        return [(r[0], Event.model_validate_json(r[1]), ArticleInfo(r[2], r[3], _d(r[4]))) for r in rows]

    def _refresh_event(self, eid: str, merged: str | None = None) -> None:
        """Recompute an event from its mentions (delete it when none are left)."""
        ms = self._event_mentions(eid)
        old = self._rows("SELECT data, part_of FROM events WHERE id = ?", [eid])
        if not ms:
            if old:
                self._exec("DELETE FROM events WHERE id = ?", [eid])
                self._exec("UPDATE events SET part_of = NULL WHERE part_of = ?", [eid])
                self._audit("event_deleted", event_id=eid)
            return
        ev = combine(eid, ms, part_of=old[0][1] if old else None)
        texts = [m for _, m, _ in ms]
        if not old:
            self._write_event(ev, new=True, mentions=texts)
            return
        prev = StoredEvent.model_validate_json(old[0][0])
        self._write_event(ev, new=False, mentions=texts)
        if merged:
            self._audit("mention_merged", event_id=eid, detail={"mention": merged})
        for kind in ("killed", "injured", "displaced", "arrested"):
            a, b = getattr(prev, kind), getattr(ev, kind)
            va, vb = (a.best if a else None), (b.best if b else None)
            if va != vb:
                self._audit("count_revised", event_id=eid, detail={"kind": kind, "from": va, "to": vb})

    def _write_event(self, ev: StoredEvent, new: bool, mentions: list[Event] | None = None) -> None:
        w = merge_dates.window(ev)
        loc = ev.location
        # every mention's evidence, so `--text` finds an event by any story's wording
        evidence = "\n".join(dict.fromkeys(m.evidence.text for m in (mentions or [ev])))
        cols = {
            "type": ev.type, "status": ev.status, "date": w[0] if w else None, "date_end": w[1] if w else None,
            "country": loc.country if loc else None, "admin1": loc.admin1 if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "precision": loc.precision if loc else None, "actors": merge_actors.search_text(ev),
            "evidence": evidence.lower(),
            "killed": ev.killed.best if ev.killed else None, "injured": ev.injured.best if ev.injured else None,
            "displaced": ev.displaced.best if ev.displaced else None,
            "arrested": ev.arrested.best if ev.arrested else None,
            "acled_event_type": ev.acled_event_type, "n_mentions": ev.n_mentions, "n_sources": ev.n_sources,
            "data": ev.model_dump_json(exclude={"mentions", "parts", "part_of"}),
        }
        if new:
            names = ["id", *cols, "part_of"]
            self._exec(f"INSERT INTO events ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                       [ev.id, *cols.values(), ev.part_of])
        else:
            sets = ", ".join(f"{k} = ?" for k in cols) + ", updated_at = current_timestamp"
            self._exec(f"UPDATE events SET {sets} WHERE id = ?", [*cols.values(), ev.id])

    def _relink_totals(self, touched: set[str]) -> None:
        """Recompute total/part links among the touched events and their neighbours."""
        rows = self._rows("SELECT type, country, date, date_end FROM events WHERE id IN (%s)"
                          % ", ".join("?" * len(touched)), sorted(touched)) if touched else []
        hood: dict[str, tuple[StoredEvent, str | None]] = {}
        for typ, country, start, end in rows:
            if start is None:
                continue
            q = ("SELECT data, part_of FROM events WHERE type = ? AND date <= ? AND date_end >= ?"
                 + (" AND country = ?" if country else ""))
            params: list[Any] = [typ, end + dt.timedelta(days=SEARCH_DAYS), start - dt.timedelta(days=SEARCH_DAYS)]
            for data, part_of in self._rows(q, params + ([country] if country else [])):
                ev = StoredEvent.model_validate_json(data)
                hood[ev.id] = (ev, part_of)
        if not hood:
            return
        links = link_totals([e for e, _ in sorted(hood.values(), key=lambda x: x[0].id)])
        for eid, (_, part_of) in sorted(hood.items()):
            new = links.get(eid)
            if new != part_of:
                self._exec("UPDATE events SET part_of = ? WHERE id = ?", [new, eid])
                self._audit("part_of_changed", event_id=eid, detail={"from": part_of, "to": new})

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

    def query_events(self, flt: EventFilter) -> list[StoredEvent]:
        where, params = self._where(flt)
        sql = f"SELECT data, part_of FROM events{where} ORDER BY date NULLS LAST, id"
        if flt.limit is not None:
            sql += f" LIMIT {int(flt.limit)}"
        if flt.offset:
            sql += f" OFFSET {int(flt.offset)}"
        rows = self._rows(sql, params)
        events = []
        for data, part_of in rows:
            ev = StoredEvent.model_validate_json(data)
            ev.part_of = part_of
            events.append(ev)
        parts = self._parts([e.id for e in events])
        for e in events:
            e.parts = parts.get(e.id, [])
        return events

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
