-- Collect: the thumbnail a source shows next to a link (listing, feed, image sitemap), used
-- when the article page itself names no image.
ALTER TABLE fetches ADD COLUMN image_hint TEXT;
