-- A provider's answer to "should this story be used?" under the configured rule
-- (publish --writer provider with use_rule set). The publish gate may combine it with its own.
CREATE TABLE use_decisions (
    story_id   TEXT PRIMARY KEY,
    use        INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    rule       TEXT NOT NULL,
    provider   TEXT NOT NULL,
    model      TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
