-- Full-text search over articles and stories (owned by the web reader).
-- The FTS columns hold the text with đ/Đ folded to d/D (one character for one, so positions
-- still match the original); the tokenizer removes every other diacritic.
-- articles_fts.rowid = articles.seq; stories_fts.rowid = search_docs.rid of the story.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE stories_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);

-- One row per indexed document: what the filters and listings need without loading records.
CREATE TABLE search_docs (
    kind           TEXT NOT NULL,          -- article | story
    ref            TEXT NOT NULL,          -- article id | story id
    rid            INTEGER NOT NULL,       -- rowid in the kind's FTS table
    day_from       TEXT,                   -- first date (YYYY-MM-DD) the document covers
    day_to         TEXT,                   -- last date
    updated        TEXT,                   -- stories: updated_at (or created_at)
    sig            TEXT,                   -- fingerprint of what was indexed
    has_understanding INTEGER NOT NULL DEFAULT 0,
    translation_of TEXT,                   -- articles: the original this one translates
    meta           TEXT NOT NULL DEFAULT '{}',  -- JSON for listings (title, slug, counts, ...)
    PRIMARY KEY (kind, ref)
);
CREATE UNIQUE INDEX search_docs_rid ON search_docs(kind, rid);
CREATE INDEX search_docs_updated ON search_docs(kind, updated);
CREATE INDEX search_docs_translation ON search_docs(translation_of);

-- Outlets of a document (a story has several).
CREATE TABLE search_outlets (
    kind   TEXT NOT NULL,
    rid    INTEGER NOT NULL,
    outlet TEXT NOT NULL
);
CREATE INDEX search_outlets_doc ON search_outlets(kind, rid);
CREATE INDEX search_outlets_outlet ON search_outlets(outlet, kind);

-- Entities (registry ids) a document mentions, with the folded name for name filters.
CREATE TABLE search_entities (
    kind        TEXT NOT NULL,
    rid         INTEGER NOT NULL,
    entity_id   TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    name        TEXT NOT NULL
);
CREATE INDEX search_entities_doc ON search_entities(kind, rid);
CREATE INDEX search_entities_entity ON search_entities(entity_id, kind);
