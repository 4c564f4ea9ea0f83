"""The rows the SQL store writes for events: filter columns beside each event's JSON."""
from __future__ import annotations

import datetime as dt
from typing import Any

from polemos.merge import actors as merge_actors
from polemos.merge import dates as merge_dates
from polemos.merge.keys import bulk_tag, mention_key
from polemos.models import Event, StoredEvent
from polemos.store.sql_conn import as_date

EVENT_COLUMNS = ("id", "type", "status", "date", "date_end", "country", "admin1", "lat", "lon", "precision",
                 "actors", "evidence", "killed", "injured", "displaced", "arrested", "acled_event_type",
                 "n_mentions", "n_sources", "data", "part_of", "published")
MENTION_COLUMNS = ("id", "article_id", "seq", "type", "date", "data")
ARTICLE_COLUMNS = ("id", "content_hash", "title", "text", "source", "url", "published", "language", "data")


def _best(c: Any) -> int | None:
    return c.best if c is not None else None


def event_row(ev: StoredEvent, mentions: list[Event]) -> tuple:
    """The events row of a merged event (filter columns beside the JSON)."""
    w = merge_dates.window(ev)
    loc = ev.location
    # every mention's evidence, so `--text` finds an event by any story's wording
    evidence = "\n".join(dict.fromkeys(m.evidence.text for m in mentions)).lower()
    return (ev.id, ev.type, ev.status, w[0] if w else None, w[1] if w else None,
            loc.country if loc else None, loc.admin1 if loc else None, loc.lat if loc else None,
            loc.lon if loc else None, loc.precision if loc else None, merge_actors.search_text(ev), evidence,
            _best(ev.killed), _best(ev.injured), _best(ev.displaced), _best(ev.arrested), ev.acled_event_type,
            ev.n_mentions, ev.n_sources, ev.model_dump_json(exclude={"mentions", "parts", "part_of"}), ev.part_of,
            as_date(ev.first_published))


BulkRows = tuple[list[tuple], list[tuple], list[tuple[str, str]], dict[str, list[str]],
                 dict[str, tuple[str, dt.date | None]]]


def bulk_rows(evs: list[StoredEvent]) -> BulkRows:
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
            key = mention_key(aid, bulk_tag(ev.id), j)
            lines = texts.setdefault(aid, [])
            start = ends.get(aid, 0)
            ends[aid] = start + len(m.evidence.text) + 1
            lines.append(m.evidence.text)
            meta.setdefault(aid, (ev.sources[0] if ev.sources else "bulk", as_date(ev.first_published)))
            m = m.model_copy(update={"id": key, "document_id": aid})
            made = m.model_copy(update={"evidence": m.evidence.model_copy(
                update={"start": start, "end": start + len(m.evidence.text)})})
            mention_rows.append((key, aid, len(lines) - 1, m.type, as_date(m.date), m, made))
            links.append((key, ev.id))
        ev = ev.model_copy(update={"n_mentions": len(mentions), "mentions": [], "part_of": None, "parts": []})
        event_rows.append(event_row(ev, mentions))
    return event_rows, mention_rows, links, texts, meta
