-- Version 6 (issue 14): zones (ceasefire / de-escalation areas), alert rules and the alerts fired.
-- Payloads are JSON text in `data`, like the event tables; see polemos/zones and polemos/alerts.
CREATE TABLE zones (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE alert_rules (
    name TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    source TEXT,
    created_at TIMESTAMP DEFAULT current_timestamp
);
-- One row per alert sent: `evidence_key` is what makes it new (the rule and, per event, its id
-- and the figure that crossed the threshold), so re-merging the same event fires nothing.
CREATE TABLE alerts_fired (
    id TEXT PRIMARY KEY,
    rule TEXT NOT NULL,
    fired_at TIMESTAMP NOT NULL,
    evidence_key TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX alerts_fired_rule ON alerts_fired (rule, fired_at);
