-- Articles, their revisions, and what could not be read.
CREATE TABLE state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per distinct article content. id is a hash of the normalized content.
CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,          -- path, URL, "stdin", "dump.jsonl#12"
    shape       TEXT NOT NULL,
    language    TEXT,
    title       TEXT,
    published   TEXT,
    outlet      TEXT,
    data        TEXT NOT NULL,          -- the whole Article as JSON
    current     INTEGER NOT NULL DEFAULT 1,  -- 0 once a newer revision of the same source arrived
    seq         INTEGER NOT NULL,       -- arrival order, for incremental stages
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_seq ON articles(seq);
CREATE INDEX articles_published ON articles(published);

-- Revisions of one source, oldest first.
CREATE TABLE revisions (
    source      TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id),
    ingested_at TEXT NOT NULL,
    PRIMARY KEY (source, revision)
);
CREATE INDEX revisions_article ON revisions(article_id);

CREATE TABLE rejects (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    item   TEXT NOT NULL,
    stage  TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX rejects_item ON rejects(item, stage);
