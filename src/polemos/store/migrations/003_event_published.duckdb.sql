-- Version 3: the earliest publication date of an event's articles as a column, so undated events
-- are looked up by when they were reported instead of all being candidates for every mention.
ALTER TABLE events ADD COLUMN published DATE;
UPDATE events SET published = CAST(json_extract_string(data, '$.first_published') AS DATE);
CREATE INDEX events_type_published ON events (type, published);
