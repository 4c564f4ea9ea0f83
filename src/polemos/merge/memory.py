"""The merge loop in memory: mentions -> events without a store, by the store's own rules.

`polemos extract` (one article at a time) and the batch engine (many articles per group) use it;
the store runs the same loop (loop.py) inside its transaction, with SQL prefetch. Given the same
articles in the same order, an empty store ends up with the same events.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from polemos.merge.cluster import ArticleInfo, combine, mark_headline, mark_lead
from polemos.merge.keys import content_tag, mention_key, mention_position, source_name
from polemos.merge.loop import WorkingSet, merge_article_mentions
from polemos.merge.totals import link_totals
from polemos.models import Article, Event, StoredEvent


def article_info(article: Article) -> ArticleInfo:
    """What merging knows of an article, as the store records it (outlet: source, else URL host)."""
    return ArticleInfo(article.id, source_name(article), article.published)


def keyed_mentions(article: Article, mentions: Sequence[Event]) -> list[Event]:
    """One article's mentions as the store keeps them: headlines and the lead marked, `id` the
    store's mention key (article id, content hash, position) and `document_id` the article's id."""
    tag = content_tag(article)
    return mark_lead([mark_headline(m, article).model_copy(update={"id": mention_key(article.id, tag, i),
                                                                   "document_id": article.id})
                      for i, m in enumerate(mentions)])


def merge_articles(items: Iterable[tuple[ArticleInfo, Sequence[Event]]],
                   with_mentions: bool = False) -> list[StoredEvent]:
    """Events from articles' mentions, merged as the store merges them: article by article in the
    order given, each through the merge loop (loop.merge_article_mentions); finally totals are
    linked to their parts.

    Each mention's `id` must be its key ending in its position in the article (keyed_mentions),
    headlines marked. Events come sorted by id, with part_of/parts set; `with_mentions` also
    fills each event's `mentions` (oldest first), as Store.get_event does."""
    ws = WorkingSet()
    for info, mentions in items:
        merge_article_mentions(list(mentions), info, ws)
    events = [ws.now[eid] for eid in sorted(ws.now) if ws.members.get(eid)]
    links = link_totals(events)
    out = []
    for ev in events:
        ev = combine(ev.id, ws.members[ev.id], part_of=links.get(ev.id))
        ev.parts = sorted(k for k, v in links.items() if v == ev.id)
        if with_mentions:
            ev.mentions = [m for _, m, _ in ws.members[ev.id]]
        out.append(ev)
    return out


def merge_article(article: Article, mentions: Sequence[Event]) -> list[StoredEvent]:
    """One article's events: its mentions merged as `polemos ingest` stores them in an empty store
    (same ids, fields and mentions), in the order the extractor first told them (the position of
    each event's first mention, the number ending its key)."""
    events = merge_articles([(article_info(article), keyed_mentions(article, mentions))], with_mentions=True)
    return sorted(events, key=lambda e: mention_position(e.mentions[0].id))
