-- Provider calls, the provider answer cache, and the translation queue (translate stage).

-- One row per HTTP call to a provider (cache hits are not calls). Keys are never stored:
-- key_name is the *name* of the environment variable the key came from.
CREATE TABLE provider_calls (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TEXT NOT NULL,
    run_id         TEXT NOT NULL,
    provider       TEXT NOT NULL,       -- base URL
    model          TEXT NOT NULL,
    purpose        TEXT NOT NULL,       -- translate | translate-strict | title | description | use | check
    item           TEXT NOT NULL DEFAULT '',  -- article or story id
    prompt_version TEXT NOT NULL,
    key_name       TEXT NOT NULL DEFAULT '',
    status         INTEGER,             -- HTTP status, NULL on timeout / connection error
    outcome        TEXT NOT NULL,       -- ok | retry | quota | timeout | error | malformed
    tokens_in      INTEGER NOT NULL DEFAULT 0,
    tokens_out     INTEGER NOT NULL DEFAULT 0,
    latency_ms     INTEGER NOT NULL DEFAULT 0,
    cost           REAL NOT NULL DEFAULT 0,
    error          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX provider_calls_run ON provider_calls(run_id);
CREATE INDEX provider_calls_at ON provider_calls(at);

-- Answers already paid for: keyed by provider, model, prompt version and a hash of the prompt.
CREATE TABLE provider_cache (
    key            TEXT PRIMARY KEY,
    provider       TEXT NOT NULL,
    model          TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    text_hash      TEXT NOT NULL,
    answer         TEXT NOT NULL,
    tokens_in      INTEGER NOT NULL DEFAULT 0,
    tokens_out     INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    hits           INTEGER NOT NULL DEFAULT 0
);

-- One row per original article in another language than the target.
-- status: awaiting (queued) | translated (translation stored as an article) | flagged (the
-- answer failed the checks twice; kept here for review, not used downstream until accepted).
CREATE TABLE translations (
    article_id     TEXT PRIMARY KEY REFERENCES articles(id),
    source_language TEXT NOT NULL,
    target_language TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'awaiting',
    translation_id TEXT,                -- the Article holding the translation
    flags          TEXT NOT NULL DEFAULT '[]',  -- JSON list of reasons (checks, glossary)
    notes          TEXT NOT NULL DEFAULT '[]',  -- JSON list of fixes applied (glossary)
    draft          TEXT,                -- JSON Article of a flagged translation, for review
    attempts       INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL
);
CREATE INDEX translations_status ON translations(status);
CREATE INDEX translations_translation ON translations(translation_id);

-- Names read in a source (kanji/kana) and how the Vietnamese press writes them, learnt while
-- translating. The understand stage's registry can take them as aliases (高市早苗 = Takaichi Sanae).
CREATE TABLE name_renderings (
    source_name    TEXT NOT NULL,
    rendering      TEXT NOT NULL,
    kind           TEXT NOT NULL DEFAULT 'person',
    origin         TEXT NOT NULL,       -- glossary | registry | reading
    article_id     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_name, rendering)
);
