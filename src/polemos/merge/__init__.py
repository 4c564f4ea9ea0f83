"""Merging mentions into events: one real-world event, one record.

    mark_headline(mention, article) -> mention     # flags a headline (it joins its story's event)
    merge_order(mentions) -> [index]              # the order one article's mentions are merged in
    match_score(mention, event, published) -> float | None   # can it join this event? (higher = better)
    combine(event_id, mentions, articles) -> StoredEvent   # the merged record from its mentions
    merge_matching_events(now, members, changed) -> {absorbed: kept}   # events a revision made match
    link_totals(events) -> {event_id: total_id}   # local events covered by a reported total
    candidate(mention, event, published) -> bool  # is the event looked at at all? (candidates.py)
    merge_articles([(ArticleInfo, mentions), ...]) -> [StoredEvent]   # the whole loop in memory
    merge_article(article, mentions) -> [StoredEvent]   # one article, as an empty store stores it

The store's loop, per article: mark_headline each mention, take them in merge_order, join each
to the best-scoring candidate event (ties: smallest id) or found one (id event_id_for(key)),
combine members in member_order, then merge_matching_events, then link_totals over the
neighbourhood. The store runs it in its transaction (store/sql.py, SQL prefetch); memory.py
runs it in memory for `polemos extract` and the batch engine, with the same candidate filter.

The rule starts from ACLED's (same type, same actors, same day, same place) and relaxes it where
news varies: places at different levels (places.py), dates given differently (dates.py),
actors named differently (actors.py), counts revised upward and totals over parts (cluster.py,
totals.py). The store calls these inside its transaction; they are pure functions.
"""
from __future__ import annotations

from polemos.merge.candidates import candidate
from polemos.merge.cluster import (
                                   ArticleInfo,
                                   combine,
                                   mark_headline,
                                   mark_lead,
                                   match_score,
                                   member_order,
                                   merge_matching_events,
                                   merge_order,
)
from polemos.merge.memory import keyed_mentions, merge_article, merge_articles
from polemos.merge.totals import link_totals

__all__ = ["ArticleInfo", "combine", "match_score", "merge_order", "mark_headline", "mark_lead", "member_order",
           "merge_matching_events", "link_totals", "candidate", "keyed_mentions", "merge_article",
           "merge_articles"]
