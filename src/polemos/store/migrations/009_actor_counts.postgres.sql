-- Version 9 (issue 17): events counted per actor search text (events.actors: the lower-case text,
-- names, countries and sectors that `actor=` searches as a substring), kept up to date on write
-- with the counts of migration 008 (polemos/store/event_counts.py), so an actor search's total is a
-- LIKE over the distinct texts (hundreds to thousands) instead of over every event. event_counted
-- also keeps each event's text, so a rewritten or deleted event can be taken back out.
ALTER TABLE event_counted ADD COLUMN actors TEXT;
UPDATE event_counted SET actors = e.actors FROM events e WHERE e.id = event_counted.id;
CREATE TABLE actor_counts (
    actors TEXT PRIMARY KEY,
    events BIGINT NOT NULL
);
INSERT INTO actor_counts SELECT actors, count(*) FROM event_counted WHERE actors IS NOT NULL GROUP BY actors;
-- The map's points in a bounding box: an index-only scan of the lon range (the columns a point
-- needs are in the index) instead of a scan of every event with its JSON; 209 -> 106 ms for
-- 10,000 of 100,000 events (docs/benchmarks.md). DuckDB answers from its columns.
CREATE INDEX events_lon_lat ON events (lon, lat) INCLUDE (date, id, type, killed, precision);
