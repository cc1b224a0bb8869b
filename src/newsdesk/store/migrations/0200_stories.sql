-- Stories (group stage), their members, merge redirects, and the grouper's persisted state.
CREATE TABLE stories (
    id               TEXT PRIMARY KEY,
    data             TEXT NOT NULL,              -- the whole model.Story as JSON
    slug             TEXT,
    size             INTEGER NOT NULL DEFAULT 0, -- articles, copies included
    first_day        REAL,                       -- earliest publication (days since 0001-01-01)
    last_day         REAL,
    version          INTEGER NOT NULL DEFAULT 1, -- bumped whenever grouping changes the story
    analysed_version INTEGER NOT NULL DEFAULT 0, -- the version the analyse stage last saw
    created          TEXT NOT NULL,
    updated          TEXT NOT NULL
);
CREATE INDEX stories_slug ON stories(slug);
CREATE INDEX stories_last_day ON stories(last_day);
CREATE INDEX stories_dirty ON stories(analysed_version, version);

-- One row per grouped article. Copies carry duplicate_of and sit in their original's story.
CREATE TABLE story_members (
    article_id   TEXT PRIMARY KEY,
    story_id     TEXT NOT NULL,
    score        REAL NOT NULL,
    reason       TEXT NOT NULL,
    duplicate_of TEXT,
    joined_seq   INTEGER NOT NULL,
    exact_key    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX story_members_story ON story_members(story_id);
CREATE INDEX story_members_dup ON story_members(duplicate_of);
CREATE INDEX story_members_exact ON story_members(exact_key);

-- A merged story's old id points at the story it became.
CREATE TABLE story_redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    at     TEXT NOT NULL
);

-- The grouper's view of each story (member vectors, centroid, span), compressed JSON.
CREATE TABLE group_index (
    story_id  TEXT PRIMARY KEY,
    seq       INTEGER NOT NULL,
    first_day REAL,
    last_day  REAL,
    state     BLOB NOT NULL
);
CREATE INDEX group_index_last ON group_index(last_day);

-- MinHash signatures of original articles, for near-copy detection across runs.
CREATE TABLE group_signatures (
    article_id TEXT PRIMARY KEY,
    day        REAL,
    size       INTEGER NOT NULL,
    hashvalues BLOB
);
CREATE INDEX group_signatures_day ON group_signatures(day);

-- Document frequencies (hashed, zlib-compressed numpy) and counters.
CREATE TABLE group_blobs (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
