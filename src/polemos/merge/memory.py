"""The merge loop in memory: mentions -> events without a store, by the store's own rules.

`polemos extract` (one article at a time) and the batch engine (many articles per group) use it;
the store runs the same steps inside its transaction (store/sql.py, with SQL prefetch). Given
the same articles in the same order, an empty store ends up with the same events.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from polemos.merge.candidates import candidate
from polemos.merge.cluster import (ArticleInfo, Member, combine, event_id_for, mark_headline, match_score,
                                   member_order, merge_matching_events, merge_order)
from polemos.merge.index import CandidateIndex
from polemos.merge.totals import link_totals
from polemos.models import Article, Event
from polemos.store.base import StoredEvent


def article_info(article: Article) -> ArticleInfo:
    """What merging knows of an article, as the store records it (outlet: source, else URL host)."""
    from polemos.store.sql import source_name   # store.sql imports polemos.merge

    return ArticleInfo(article.id, source_name(article), article.published)


def keyed_mentions(article: Article, mentions: Sequence[Event]) -> list[Event]:
    """One article's mentions as the store keeps them: headlines marked, `id` the store's mention
    key (article id, content hash, position) and `document_id` the article's id."""
    from polemos.store.sql import content_hash

    h = content_hash(article)[:8]
    return [mark_headline(m, article).model_copy(update={"id": f"{article.id}#{h}#{i}", "document_id": article.id})
            for i, m in enumerate(mentions)]


def merge_articles(items: Iterable[tuple[ArticleInfo, Sequence[Event]]],
                   with_mentions: bool = False) -> list[StoredEvent]:
    """Events from articles' mentions, merged as the store merges them: article by article in the
    order given; within an article, mentions in merge_order, each joining the best-scoring
    candidate event (ties: smallest id) or founding one named after its key; then events a
    revision made match are merged; finally totals are linked to their parts.

    Each mention's `id` must be its key ending in its position in the article (keyed_mentions),
    headlines marked. Events come sorted by id, with part_of/parts set; `with_mentions` also
    fills each event's `mentions` (oldest first), as Store.get_event does."""
    now: dict[str, StoredEvent] = {}
    members: dict[str, list[Member]] = {}
    for info, mentions in items:
        mentions = list(mentions)
        linked: set[str] = set()
        index = CandidateIndex(now)     # issue 18: the events a mention may join, not all of them
        for i in merge_order(mentions):
            m = mentions[i]
            key = m.id
            best: tuple[float, str] | None = None
            for eid in index.candidates(m):
                if not candidate(m, now[eid], info.published):
                    continue
                score = match_score(m, now[eid], info.published)
                if score is not None and (best is None or score > best[0]):
                    best = (score, eid)
            if best is None:
                eid = event_id_for(key)
                members[eid] = [(key, m, info)]
            else:
                eid = best[1]
                members[eid] = sorted(members[eid] + [(key, m, info)], key=member_order)
            now[eid] = combine(eid, members[eid])
            index.put(eid, now[eid])
            linked.add(eid)
        merge_matching_events(now, members, linked)
    events = [now[eid] for eid in sorted(now) if members.get(eid)]
    links = link_totals(events)
    out = []
    for ev in events:
        ev = combine(ev.id, members[ev.id], part_of=links.get(ev.id))
        ev.parts = sorted(k for k, v in links.items() if v == ev.id)
        if with_mentions:
            ev.mentions = [m for _, m, _ in members[ev.id]]
        out.append(ev)
    return out


def merge_article(article: Article, mentions: Sequence[Event]) -> list[StoredEvent]:
    """One article's events: its mentions merged as `polemos ingest` stores them in an empty store
    (same ids, fields and mentions), in the order the extractor first told them (the position of
    each event's first mention, the number ending its key)."""
    events = merge_articles([(article_info(article), keyed_mentions(article, mentions))], with_mentions=True)
    return sorted(events, key=lambda e: int(e.mentions[0].id.rsplit("#", 1)[-1]))
