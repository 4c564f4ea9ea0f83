"""Analysts have the last word: review, corrections and an audit trail (docs/review.md).

The machine's coding stays as the store wrote it; people's decisions live apart in review_log
(append-only) and are applied over it wherever events are read (`overlay.ReviewedStore`, which
`polemos.store.open_store` returns). Re-ingesting or re-extracting can therefore never overwrite
a human-set field or bring back a rejected event.

    from polemos.review.ops import Reviewer
    rv = Reviewer(store, key_name="alice")
    rv.confirm(eid); rv.reject(eid, "duplicate", duplicate_of=other); rv.edit(eid, {"killed": 12}, "OCHA")
    rv.merge(keep, other); rv.split(eid, [mention_id]); rv.move(mention_id, to_eid); rv.undo(eid)
"""
