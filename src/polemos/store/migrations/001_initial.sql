-- Polemos store schema, version 1. One dialect for DuckDB and PostgreSQL (plain types only).
-- Event/mention/article payloads are JSON text in `data`; the columns beside them are copies
-- used for filtering and aggregation on the server.
CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    first_seen TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published DATE,
    language TEXT,
    data TEXT NOT NULL,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE mentions (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    date DATE,
    data TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    status TEXT,
    date DATE,
    date_end DATE,
    country TEXT,
    admin1 TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    precision TEXT,
    actors TEXT,
    evidence TEXT,
    killed INTEGER,
    injured INTEGER,
    displaced INTEGER,
    arrested INTEGER,
    acled_event_type TEXT,
    n_mentions INTEGER NOT NULL,
    n_sources INTEGER NOT NULL,
    part_of TEXT,
    data TEXT NOT NULL,
    updated_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE event_mentions (
    mention_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions (event_id);
CREATE SEQUENCE audit_seq;
CREATE TABLE audit (
    id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
    changed_at TIMESTAMP DEFAULT current_timestamp,
    action TEXT NOT NULL,
    article_id TEXT,
    event_id TEXT,
    detail TEXT
);
