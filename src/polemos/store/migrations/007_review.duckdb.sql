-- Version 7: analysts' review. Human decisions are stored apart from the machine's coding (the
-- events table is never touched by a review) and applied over it when events are read
-- (polemos/review/overlay.py). review_log is append-only: an undo is a new row naming the
-- change group it cancels. (version, event_id) is unique: two editors writing the same version
-- of an event at once cannot both succeed (optimistic concurrency, HTTP 409).
CREATE SEQUENCE review_seq;
CREATE TABLE review_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('review_seq'),
    event_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    grp TEXT NOT NULL,
    op TEXT NOT NULL,
    detail TEXT NOT NULL,
    reason TEXT,
    key_name TEXT NOT NULL,
    machine TEXT,
    changed_at TIMESTAMP DEFAULT current_timestamp,
    UNIQUE (event_id, version)
);
CREATE INDEX review_log_grp ON review_log (grp);
