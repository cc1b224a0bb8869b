-- Collect: when a URL was first fetched, so revisits can stop once an article is old.
ALTER TABLE fetches ADD COLUMN first_fetched TEXT;
