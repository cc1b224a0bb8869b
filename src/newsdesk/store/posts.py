"""Published posts (owned by the publish stage): which story became which file, under which
slug, when it was first published, and the hash of what was written."""

from __future__ import annotations

from typing import Any

from newsdesk.store.base import Database


class PostsMixin(Database):
    def post_for_story(self, story_id: str) -> dict[str, Any] | None:
        return self.query_one("SELECT * FROM posts WHERE story_id = ?", (story_id,))

    def post_by_slug(self, slug: str) -> dict[str, Any] | None:
        return self.query_one("SELECT * FROM posts WHERE slug = ?", (slug,))

    def slug_taken(self, slug: str, *, by_other_than: str | None = None) -> bool:
        row = self.query_one("SELECT story_id FROM posts WHERE slug = ?", (slug,))
        return row is not None and row["story_id"] != by_other_than

    def iter_posts(self) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM posts ORDER BY created_at, slug")

    def put_post(
        self,
        story_id: str,
        *,
        slug: str,
        path: str,
        content_hash: str,
        created_at: str,
        updated_at: str,
        layout: str,
        thumbnail: str = "",
    ) -> None:
        """Insert or update the post of ``story_id``; ``created_at`` of an existing post stays."""
        with self.transaction():
            self.execute(
                "INSERT INTO posts(story_id, slug, path, content_hash, created_at, updated_at,"
                " layout, thumbnail) VALUES (?,?,?,?,?,?,?,?)"
                " ON CONFLICT(story_id) DO UPDATE SET slug = excluded.slug, path = excluded.path,"
                " content_hash = excluded.content_hash, updated_at = excluded.updated_at,"
                " layout = excluded.layout, thumbnail = excluded.thumbnail",
                (story_id, slug, path, content_hash, created_at, updated_at, layout, thumbnail),
            )

    def delete_post(self, story_id: str) -> None:
        with self.transaction():
            self.execute("DELETE FROM posts WHERE story_id = ?", (story_id,))
