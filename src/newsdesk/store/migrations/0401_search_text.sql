-- The original text a story was indexed with (titles and snippets of story hits come from it,
-- so a search never has to load whole stories).
ALTER TABLE search_docs ADD COLUMN text TEXT;
