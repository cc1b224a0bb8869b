-- Collect: followed sources, the URL frontier (one row per canonical URL) and raw pages.

CREATE TABLE IF NOT EXISTS sources (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'listing', 'page')),
    every         INTEGER NOT NULL,            -- seconds between passes
    selector      TEXT,                        -- CSS selector of article links (listing)
    language      TEXT,                        -- language hint for articles without one
    added_at      TEXT NOT NULL,
    last_run      TEXT,
    next_due      TEXT,
    etag          TEXT,
    last_modified TEXT,
    content_hash  TEXT,
    last_status   TEXT,                        -- ok | unchanged | failed
    last_error    TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,
    links         INTEGER NOT NULL DEFAULT 0   -- article links found at the last pass
);

CREATE TABLE IF NOT EXISTS fetches (
    url           TEXT PRIMARY KEY,            -- canonical URL (the article's source)
    fetch_url     TEXT NOT NULL,               -- the URL requested
    source_id     INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    state         TEXT NOT NULL,               -- queued | fetched | failed | gone | disallowed | refused
    hint          TEXT,                        -- lastmod / updated given by the source
    title_hint    TEXT,
    etag          TEXT,
    last_modified TEXT,
    content_hash  TEXT,
    status        INTEGER,                     -- last HTTP status
    final_url     TEXT,
    queued_at     TEXT NOT NULL,
    last_fetched  TEXT,
    next_attempt  TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    article_id    TEXT
);
CREATE INDEX IF NOT EXISTS fetches_state ON fetches(state, next_attempt);

CREATE TABLE IF NOT EXISTS raw_pages (
    url           TEXT NOT NULL,               -- canonical URL
    revision      INTEGER NOT NULL,
    body          BLOB NOT NULL,               -- zlib-compressed response body
    encoding      TEXT,                        -- the encoding it was decoded with
    content_type  TEXT,
    content_hash  TEXT NOT NULL,
    fetched_at    TEXT NOT NULL,
    article_id    TEXT,                        -- NULL when the reader found no article
    read_error    TEXT,
    PRIMARY KEY (url, revision)
);

CREATE TABLE IF NOT EXISTS fetched_images (
    url           TEXT PRIMARY KEY,            -- the image URL as the article gives it
    path          TEXT,                        -- the local webp file, NULL when it failed
    width         INTEGER,
    height        INTEGER,
    fetched_at    TEXT NOT NULL,
    error         TEXT
);
