-- Version 4: every event listing is ordered by (date, id) (query_events, event_points): with this
-- index PostgreSQL reads a first page in index order instead of sorting the whole table
-- (docs/store.md, "Speed").
CREATE INDEX events_date_id ON events (date, id);
