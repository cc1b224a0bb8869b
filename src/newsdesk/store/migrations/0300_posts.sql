-- Published posts: one per story. The slug is the story's for good (updates keep it) and
-- created_at is its first publication, never moved.
CREATE TABLE posts (
    story_id     TEXT PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    path         TEXT NOT NULL,          -- the Markdown file last written
    content_hash TEXT NOT NULL,          -- sha256 of that file's text
    created_at   TEXT NOT NULL,          -- "YYYY-MM-DD HH:MM:SS", first publication
    updated_at   TEXT NOT NULL,
    layout       TEXT NOT NULL,          -- default | nextjs
    thumbnail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX posts_created ON posts(created_at);
