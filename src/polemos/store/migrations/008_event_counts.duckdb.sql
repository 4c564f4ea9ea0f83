-- Version 8 (issue 17): events counted per (first day, last day, type, country), kept up to date on
-- write (polemos/store/event_counts.py), so /stats and a page's total read a few thousand rows
-- instead of every event. event_counted is what each event adds to event_counts (its key and its
-- killed), so a rewritten or deleted event can be taken back out. Totals and their parts are
-- corrected when read (few rows): the counts hold every event.
CREATE TABLE event_counts (
    k TEXT PRIMARY KEY,
    day DATE,
    day_end DATE,
    type TEXT NOT NULL,
    country TEXT,
    events BIGINT NOT NULL,
    killed BIGINT NOT NULL
);
CREATE TABLE event_counted (
    id TEXT NOT NULL,
    day DATE,
    day_end DATE,
    type TEXT NOT NULL,
    country TEXT,
    killed BIGINT NOT NULL
);
INSERT INTO event_counted SELECT id, date, date_end, type, country, coalesce(killed, 0) FROM events;
INSERT INTO event_counts SELECT coalesce(CAST(day AS TEXT), '-') || '|' || coalesce(CAST(day_end AS TEXT), '-')
    || '|' || type || '|' || coalesce('c' || country, '-'), day, day_end, type, country, count(*), sum(killed)
    FROM event_counted GROUP BY day, day_end, type, country;
