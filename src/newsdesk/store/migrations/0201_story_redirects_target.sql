-- Redirects are re-pointed by their target when a story merges again.
CREATE INDEX IF NOT EXISTS story_redirects_new ON story_redirects(new_id);
