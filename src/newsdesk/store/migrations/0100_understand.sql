-- The understand stage: one understanding per article, and the corpus-wide entity registry.
CREATE TABLE understandings (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id),
    version     INTEGER NOT NULL,       -- UNDERSTAND_VERSION of the extractor that wrote it
    data        TEXT NOT NULL,          -- the whole Understanding as JSON
    updated_at  TEXT NOT NULL
);

-- One row per person, organisation or place; id stable, name the current canonical form.
CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,          -- person | organization | place
    name        TEXT NOT NULL,
    roles       TEXT NOT NULL DEFAULT '[]',  -- JSON list, every role seen, first seen first
    created_at  TEXT NOT NULL
);
CREATE INDEX entities_kind_name ON entities(kind, name);

-- Normalised keys (folded names, order-free Japanese pairs, one-word references) -> entity.
CREATE TABLE entity_aliases (
    kind        TEXT NOT NULL,
    key         TEXT NOT NULL,
    entity_id   TEXT NOT NULL REFERENCES entities(id),
    surface     TEXT NOT NULL,
    PRIMARY KEY (kind, key, entity_id)
);
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);

-- Which articles mention which entity (for "every article that mentions it, newest first").
CREATE TABLE article_entities (
    article_id  TEXT NOT NULL REFERENCES articles(id),
    entity_id   TEXT NOT NULL REFERENCES entities(id),
    kind        TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    published   TEXT,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX article_entities_entity ON article_entities(entity_id, published);
