"""The review layer's narrow seam into a SQL store: its connection, placeholder and backend.

Only the public attributes of a store are used (`conn`, `placeholder`, `backend`, `url`), so the
store's own internals can change freely. Reads of machine data (events, mentions, articles) use
the tables as migration 001 defines them; writes touch review_log only.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from polemos.merge.cluster import ArticleInfo
from polemos.models import Event
from polemos.store.base import StoredEvent

# Every Polemos writer on PostgreSQL takes this transaction-scoped advisory lock (store/postgres.py),
# so a review never interleaves with an ingest rewriting the same event.
WRITER_LOCK = 0x706F6C65

Member = tuple[str, Event, ArticleInfo]
LOG_COLUMNS = ("id", "event_id", "version", "grp", "op", "detail", "reason", "key_name", "machine", "changed_at")


def _day(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def _stamp(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.replace(microsecond=0).isoformat()
    return str(v)


class ReviewDB:
    """SQL on the store's own connection (one transaction at a time, as the store itself)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    @property
    def backend(self) -> str:
        return str(getattr(self.store, "backend", "duckdb"))

    def _q(self, sql: str) -> str:
        ph = getattr(self.store, "placeholder", "?")
        return sql if ph == "?" else sql.replace("?", ph)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cur = self.store.conn.execute(self._q(sql), list(params)) if params else self.store.conn.execute(self._q(sql))
        if self.backend == "postgres" and cur.description is None:
            return []
        return list(cur.fetchall())

    def exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        if params:
            self.store.conn.execute(self._q(sql), list(params))
        else:
            self.store.conn.execute(self._q(sql))

    def has_log(self) -> bool:
        return bool(self.rows("SELECT count(*) FROM review_log")[0][0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.exec("BEGIN")
        try:
            if self.backend == "postgres":
                self.exec("SELECT pg_advisory_xact_lock(?)", [WRITER_LOCK])
            yield
            self.exec("COMMIT")
        except BaseException:
            self.exec("ROLLBACK")
            raise

    # -- the trail ------------------------------------------------------------------------------
    def log(self, event_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Rows of review_log (all, or those of these events), oldest first."""
        sql = "SELECT " + ", ".join(LOG_COLUMNS) + " FROM review_log"
        params: list[Any] = []
        if event_ids is not None:
            if not event_ids:
                return []
            sql += " WHERE event_id IN (%s)" % ", ".join("?" * len(event_ids))
            params = list(event_ids)
        out = []
        for r in self.rows(sql + " ORDER BY id", params):
            d = dict(zip(LOG_COLUMNS, r))
            d["detail"] = json.loads(d["detail"])
            d["changed_at"] = _stamp(d["changed_at"])
            d["id"] = int(d["id"])
            out.append(d)
        return out

    def append(self, event_id: str, version: int, grp: str, op: str, detail: dict[str, Any],
               reason: str | None, key_name: str, machine: str | None) -> None:
        self.exec("INSERT INTO review_log (event_id, version, grp, op, detail, reason, key_name, machine)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  [event_id, version, grp, op, json.dumps(detail, ensure_ascii=False, default=str), reason,
                   key_name, machine])

    def version(self, event_id: str) -> int:
        return int(self.rows("SELECT coalesce(max(version), 0) FROM review_log WHERE event_id = ?",
                             [event_id])[0][0])

    # -- machine data ---------------------------------------------------------------------------
    def machine_events(self, ids: Sequence[str]) -> dict[str, StoredEvent]:
        out: dict[str, StoredEvent] = {}
        ids = sorted(set(ids))
        for i in range(0, len(ids), 300):
            chunk = ids[i:i + 300]
            for data, part_of in self.rows("SELECT data, part_of FROM events WHERE id IN (%s)"
                                           % ", ".join("?" * len(chunk)), chunk):
                ev = StoredEvent.model_validate_json(data)
                ev.part_of = part_of
                out[ev.id] = ev
            for pid, total in self.rows("SELECT id, part_of FROM events WHERE part_of IN (%s) ORDER BY id"
                                        % ", ".join("?" * len(chunk)), chunk):
                if total in out:
                    out[total].parts.append(pid)
        return out

    def members(self, ids: Sequence[str]) -> dict[str, list[Member]]:
        """The machine's mentions of these events (mention id, mention, article info)."""
        out: dict[str, list[Member]] = {e: [] for e in ids}
        ids = sorted(set(ids))
        for i in range(0, len(ids), 300):
            chunk = ids[i:i + 300]
            for eid, mid, data, aid, src, pub in self.rows(
                    "SELECT em.event_id, m.id, m.data, a.id, a.source, a.published FROM event_mentions em"
                    " JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id"
                    " WHERE em.event_id IN (%s)" % ", ".join("?" * len(chunk)), chunk):
                out[eid].append((mid, Event.model_validate_json(data), ArticleInfo(aid, src, _day(pub))))
        return out

    def mentions_of_articles(self, article_ids: Sequence[str]) -> list[tuple[str, str, Member]]:
        """(event id, article id, member) of every stored mention of these articles."""
        out = []
        ids = sorted(set(article_ids))
        for i in range(0, len(ids), 300):
            chunk = ids[i:i + 300]
            for eid, mid, data, aid, src, pub in self.rows(
                    "SELECT em.event_id, m.id, m.data, a.id, a.source, a.published FROM mentions m"
                    " JOIN event_mentions em ON em.mention_id = m.id JOIN articles a ON a.id = m.article_id"
                    " WHERE m.article_id IN (%s)" % ", ".join("?" * len(chunk)), chunk):
                out.append((eid, aid, (mid, Event.model_validate_json(data), ArticleInfo(aid, src, _day(pub)))))
        return out

    def machine_history(self, event_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The store's own audit rows for these events (what the machine did to them)."""
        if not event_ids:
            return []
        rows = self.rows("SELECT id, changed_at, action, article_id, event_id, detail FROM audit"
                         " WHERE event_id IN (%s) ORDER BY id" % ", ".join("?" * len(event_ids)), list(event_ids))
        return [{"id": int(i), "at": _stamp(at), "action": a, "article_id": art, "event_id": e,
                 "detail": json.loads(d) if d else {}} for i, at, a, art, e, d in rows]
