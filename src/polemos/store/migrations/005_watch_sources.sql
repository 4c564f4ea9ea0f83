-- Version 5: what `polemos watch` remembers between polls, so a restart picks up where it stopped.
-- watch_sources: one row per feed or page URL (HTTP validators for conditional GET, the schedule
-- and the failure count that drives the backoff). watch_items: the feed entries already handled,
-- with a fingerprint of the entry, so an unchanged entry's page is not fetched again.
CREATE TABLE watch_sources (
    url TEXT PRIMARY KEY,
    kind TEXT,
    etag TEXT,
    last_modified TEXT,
    last_poll TIMESTAMP,
    last_success TIMESTAMP,
    last_status INTEGER,
    failures INTEGER NOT NULL DEFAULT 0,
    next_poll TIMESTAMP,
    last_error TEXT,
    polls INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE watch_items (
    source_url TEXT NOT NULL,
    item_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    article_id TEXT,
    seen_at TIMESTAMP,
    PRIMARY KEY (source_url, item_key)
);
