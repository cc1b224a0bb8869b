"""Stories, members, redirects and duplicate links (owned by the group and analyse stages).

``stories.data`` is the whole ``model.Story``; grouping writes ``articles``/``created_at``/
``updated_at`` and bumps ``version``; the analyse stage fills the rest of the same record and
calls ``mark_story_analysed(id, version)``. ``stories_needing_analysis()`` lists the stories
whose version moved since.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsdesk.model import Story
from newsdesk.store.base import Database, dumps, loads, utcnow


class StoriesMixin(Database):
    # ---------------------------------------------------------------- stories

    def put_story(self, story: Story, *, bump: bool = False) -> None:
        """Store ``story`` (insert or replace its record). ``bump`` marks it changed by grouping,
        so the analyse stage sees it again."""
        now = utcnow()
        with self.transaction():
            row = self.query_one("SELECT version FROM stories WHERE id = ?", (story.id,))
            if row is None:
                self.execute(
                    "INSERT INTO stories(id, data, slug, size, version, analysed_version, created,"
                    " updated) VALUES (?,?,?,?,1,0,?,?)",
                    (
                        story.id,
                        dumps(story.as_dict()),
                        story.slug or None,
                        len(story.articles),
                        now,
                        now,
                    ),
                )
            else:
                self.execute(
                    "UPDATE stories SET data = ?, slug = ?, size = ?, updated = ?,"
                    " version = version + ? WHERE id = ?",
                    (
                        dumps(story.as_dict()),
                        story.slug or None,
                        len(story.articles),
                        now,
                        1 if bump else 0,
                        story.id,
                    ),
                )

    def set_story_span(
        self, story_id: str, first_day: float | None, last_day: float | None
    ) -> None:
        self.execute(
            "UPDATE stories SET first_day = ?, last_day = ? WHERE id = ?",
            (first_day, last_day, story_id),
        )

    def resolve_story_id(self, story_id: str) -> str:
        seen = {story_id}
        while True:
            row = self.query_one("SELECT new_id FROM story_redirects WHERE old_id = ?", (story_id,))
            if row is None or row["new_id"] in seen:
                return story_id
            story_id = row["new_id"]
            seen.add(story_id)

    def get_story(self, story_id: str) -> Story | None:
        """The story, following merge redirects from an old id. Accepts a unique id prefix."""
        sid = self.resolve_story_id(story_id)
        row = self.query_one("SELECT data FROM stories WHERE id = ?", (sid,))
        if row is None:
            found = self.query(  # a unique id prefix, through the primary key
                "SELECT data FROM stories WHERE id >= ? AND id < ? LIMIT 2",
                (story_id, story_id + "\uffff"),
            )
            if len(found) != 1:
                return None
            row = found[0]
        return Story.from_dict(loads(row["data"]))

    def story_record(self, story_id: str) -> Story | None:
        """The story stored under exactly ``story_id`` (no redirects, no prefixes)."""
        row = self.query_one("SELECT data FROM stories WHERE id = ?", (story_id,))
        return None if row is None else Story.from_dict(loads(row["data"]))

    def story_by_slug(self, slug: str) -> Story | None:
        row = self.query_one("SELECT data FROM stories WHERE slug = ? ORDER BY id LIMIT 1", (slug,))
        return None if row is None else Story.from_dict(loads(row["data"]))

    def iter_stories(self) -> Iterator[Story]:
        """Every story, newest first (by last publication, then id)."""
        for row in self.query("SELECT data FROM stories ORDER BY last_day DESC, id"):
            yield Story.from_dict(loads(row["data"]))

    def story_rows(self) -> list[dict[str, Any]]:
        return self.query(
            "SELECT id, slug, size, first_day, last_day, version, analysed_version, created, updated"
            " FROM stories ORDER BY last_day DESC, id"
        )

    def count_stories(self) -> int:
        return int(self.scalar("SELECT COUNT(*) FROM stories"))

    def story_members(self, story_id: str) -> list[dict[str, Any]]:
        sid = self.resolve_story_id(story_id)
        return self.query(
            "SELECT article_id, story_id, score, reason, duplicate_of, joined_seq FROM story_members"
            " WHERE story_id = ? ORDER BY joined_seq, article_id",
            (sid,),
        )

    def drop_story_record(self, story_id: str) -> None:
        """Take a story's record out (every article it had was superseded by a revision that
        went elsewhere). Its members and the grouper's state stay, so a later article can bring
        it back; publishing drops its post as for a merged story."""
        self.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def revision_lines_changed(self, after_rowid: int) -> tuple[list[str], int]:
        """Revision lines (sources) that got a revision after ``after_rowid`` and have more
        than one, with the newest rowid of the revisions table."""
        top = int(self.scalar("SELECT MAX(rowid) FROM revisions") or 0)
        rows = self.query(
            "SELECT DISTINCT r.source FROM revisions r WHERE r.rowid > ? AND EXISTS("
            "SELECT 1 FROM revisions o WHERE o.source = r.source AND o.rowid != r.rowid)"
            " ORDER BY r.source",
            (after_rowid,),
        )
        return [r["source"] for r in rows], top

    def stories_of_revision_line(self, source: str) -> list[str]:
        """Stories holding any revision of the line ``source``."""
        return [
            r["story_id"]
            for r in self.query(
                "SELECT DISTINCT m.story_id FROM revisions r JOIN story_members m"
                " ON m.article_id = r.article_id WHERE r.source = ? AND m.story_id != ''"
                " ORDER BY m.story_id",
                (source,),
            )
        ]

    def story_of_article(self, article_id: str) -> str | None:
        return self.scalar("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,))

    def duplicates_of(self, article_id: str) -> list[str]:
        return [
            r["article_id"]
            for r in self.query(
                "SELECT article_id FROM story_members WHERE duplicate_of = ? ORDER BY joined_seq",
                (article_id,),
            )
        ]

    def stories_needing_analysis(self) -> list[str]:
        return [
            r["id"]
            for r in self.query(
                "SELECT id FROM stories WHERE analysed_version < version ORDER BY id"
            )
        ]

    def stories_changed_since(self, version_seen: dict[str, int] | None = None) -> list[str]:
        """Alias kept for the contract: stories whose grouping changed since analysis."""
        del version_seen
        return self.stories_needing_analysis()

    def story_version(self, story_id: str) -> int | None:
        return self.scalar("SELECT version FROM stories WHERE id = ?", (story_id,))

    def mark_story_analysed(self, story_id: str, version: int | None = None) -> None:
        """Record that the analyse stage saw ``version`` (default: the current one)."""
        with self.transaction():
            if version is None:
                self.execute(
                    "UPDATE stories SET analysed_version = version WHERE id = ?", (story_id,)
                )
            else:
                self.execute(
                    "UPDATE stories SET analysed_version = ? WHERE id = ?", (version, story_id)
                )

    def story_redirects(self) -> list[dict[str, Any]]:
        return self.query("SELECT old_id, new_id, at FROM story_redirects ORDER BY old_id")

    # ---------------------------------------------------------------- grouper state

    def add_story_redirect(self, old_id: str, new_id: str) -> None:
        with self.transaction():
            self.execute("UPDATE story_redirects SET new_id = ? WHERE new_id = ?", (new_id, old_id))
            self.execute(
                "INSERT INTO story_redirects(old_id, new_id, at) VALUES (?,?,?)"
                " ON CONFLICT(old_id) DO UPDATE SET new_id = excluded.new_id",
                (old_id, new_id, utcnow()),
            )
            self.execute("DELETE FROM stories WHERE id = ?", (old_id,))
            self.execute("DELETE FROM group_index WHERE story_id = ?", (old_id,))
            self.execute("DELETE FROM story_redirects WHERE old_id = new_id")

    def story_id_taken(self, story_id: str) -> bool:
        return bool(
            self.scalar(
                "SELECT EXISTS(SELECT 1 FROM stories WHERE id = ?)"
                " OR EXISTS(SELECT 1 FROM story_redirects WHERE old_id = ?)"
                " OR EXISTS(SELECT 1 FROM group_index WHERE story_id = ?)",
                (story_id, story_id, story_id),
            )
        )

    def put_group_state(
        self, story_id: str, seq: int, first_day: float | None, last_day: float | None, state: bytes
    ) -> None:
        self.execute(
            "INSERT INTO group_index(story_id, seq, first_day, last_day, state) VALUES (?,?,?,?,?)"
            " ON CONFLICT(story_id) DO UPDATE SET seq = excluded.seq, first_day = excluded.first_day,"
            " last_day = excluded.last_day, state = excluded.state",
            (story_id, seq, first_day, last_day, state),
        )

    def group_states(
        self,
        day_from: float | None,
        day_to: float | None,
        *,
        undated: bool = False,
        limit: int = 1_000_000,
    ) -> list[bytes]:
        sql = "SELECT state FROM group_index WHERE last_day >= ?"
        params: list[Any] = [day_from if day_from is not None else -1e18]
        if day_to is not None:
            sql += " AND first_day <= ?"
            params.append(day_to)
        if undated:
            sql += " OR last_day IS NULL"
        sql += " ORDER BY seq DESC LIMIT ?"
        params.append(limit)
        return [r["state"] for r in self.query(sql, params)]

    def latest_story_day(self) -> float | None:
        return self.scalar("SELECT MAX(last_day) FROM group_index")

    def put_member(
        self,
        article_id: str,
        story_id: str,
        score: float,
        reason: str,
        duplicate_of: str | None,
        joined_seq: int,
        exact_key: str,
    ) -> None:
        self.execute(
            "INSERT INTO story_members(article_id, story_id, score, reason, duplicate_of,"
            " joined_seq, exact_key) VALUES (?,?,?,?,?,?,?) ON CONFLICT(article_id) DO UPDATE SET"
            " story_id = excluded.story_id, score = excluded.score, reason = excluded.reason,"
            " duplicate_of = excluded.duplicate_of",
            (article_id, story_id, score, reason, duplicate_of, joined_seq, exact_key),
        )

    def article_by_exact_key(self, key: str) -> str | None:
        return self.scalar(
            "SELECT article_id FROM story_members WHERE exact_key = ? AND duplicate_of IS NULL"
            " ORDER BY joined_seq LIMIT 1",
            (key,),
        )

    def put_signature(
        self, article_id: str, day: float | None, size: int, values: bytes | None
    ) -> None:
        self.execute(
            "INSERT OR REPLACE INTO group_signatures(article_id, day, size, hashvalues)"
            " VALUES (?,?,?,?)",
            (article_id, day, size, values),
        )

    def signatures_between(self, day_from: float, day_to: float) -> list[dict[str, Any]]:
        return self.query(
            "SELECT article_id, day, size, hashvalues FROM group_signatures"
            " WHERE day BETWEEN ? AND ? ORDER BY day, article_id",
            (day_from, day_to),
        )

    def get_group_blob(self, key: str) -> bytes | None:
        return self.scalar("SELECT value FROM group_blobs WHERE key = ?", (key,))

    def put_group_blob(self, key: str, value: bytes) -> None:
        self.execute(
            "INSERT INTO group_blobs(key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
