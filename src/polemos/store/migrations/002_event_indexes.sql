-- Version 2: indexes for the candidate search (type and date window) and for totals' parts.
CREATE INDEX events_type_date ON events (type, date);
CREATE INDEX events_part_of ON events (part_of);
