"""Collected sources, the URL frontier and raw pages (owned by the collect stage).

sources         what the user follows (feed, sitemap, listing page, single page), with its
                schedule and the validators of its last fetch
fetches         one row per canonical article URL: queued, fetched, failed (with the reason),
                gone, disallowed (robots.txt), refused (SSRF guard) or skipped (not HTML, too
                large); the validators and content hash of the last good fetch
raw_pages       every distinct body fetched for a URL (zlib-compressed), one revision each,
                so pages can be read again after a reader improves (``newsdesk reread``)
fetched_images  image URL -> local webp file (or the reason it failed)
"""

from __future__ import annotations

import zlib
from typing import Any

from newsdesk.store.base import Database, utcnow

SOURCE_KINDS = ("feed", "sitemap", "listing", "page")
COLLECT_LOCK = "collect:running"


class SourcesMixin(Database):
    # ------------------------------------------------------------------ sources

    def add_source(
        self,
        url: str,
        kind: str,
        every: int,
        *,
        selector: str | None = None,
        language: str | None = None,
    ) -> tuple[int, bool]:
        """(id, created): a URL already followed keeps its id and takes the new settings."""
        if kind not in SOURCE_KINDS:
            raise ValueError(f"unknown source kind {kind!r}")
        with self.transaction():
            row = self.query_one("SELECT id FROM sources WHERE url = ?", (url,))
            if row is not None:
                self.execute(
                    "UPDATE sources SET kind = ?, every = ?, selector = ?, language = ? WHERE id = ?",
                    (kind, every, selector, language, row["id"]),
                )
                return int(row["id"]), False
            cur = self.execute(
                "INSERT INTO sources(url, kind, every, selector, language, added_at)"
                " VALUES (?,?,?,?,?,?)",
                (url, kind, every, selector, language, utcnow()),
            )
            return int(cur.lastrowid or 0), True

    def remove_source(self, url_or_id: str) -> bool:
        with self.transaction():
            row = self.find_source(url_or_id)
            if row is None:
                return False
            # pages not yet fetched are forgotten with their source; fetched ones stay
            self.execute(
                "DELETE FROM fetches WHERE source_id = ? AND state = 'queued'", (row["id"],)
            )
            self.execute("DELETE FROM sources WHERE id = ?", (row["id"],))
            self.execute(
                "DELETE FROM state WHERE key = ?", (f"collect:sitemap_children:{row['id']}",)
            )
            return True

    # ------------------------------------------------------------------ one collector at a time

    def take_collect_lock(self, owner: dict[str, Any], *, alive: Any) -> dict[str, Any] | None:
        """Record ``owner`` as the running collector unless another live one holds the lock;
        returns that other holder, or None when the lock is ours. ``alive(holder) -> bool``
        tells whether a recorded holder still runs."""
        with self.transaction():
            holder = self.get_state(COLLECT_LOCK)
            if holder and holder.get("token") != owner.get("token") and alive(holder):
                return holder
            self.set_state(COLLECT_LOCK, owner)
            return None

    def release_collect_lock(self, owner: dict[str, Any]) -> None:
        with self.transaction():
            holder = self.get_state(COLLECT_LOCK)
            if holder and holder.get("token") == owner.get("token"):
                self.execute("DELETE FROM state WHERE key = ?", (COLLECT_LOCK,))

    def find_source(self, url_or_id: str) -> dict[str, Any] | None:
        if str(url_or_id).isdigit():
            row = self.query_one("SELECT * FROM sources WHERE id = ?", (int(url_or_id),))
            if row is not None:
                return row
        return self.query_one("SELECT * FROM sources WHERE url = ?", (str(url_or_id),))

    def list_sources(self) -> list[dict[str, Any]]:
        rows = self.query("SELECT * FROM sources ORDER BY id")
        counts = {
            r["source_id"]: r
            for r in self.query(
                "SELECT source_id, COUNT(*) AS urls,"
                " SUM(state = 'fetched') AS fetched, SUM(state = 'queued') AS queued,"
                " SUM(state IN ('failed', 'gone', 'disallowed', 'refused', 'skipped')) AS failed"
                " FROM fetches GROUP BY source_id"
            )
        }
        for row in rows:
            c = counts.get(row["id"]) or {}
            row["urls"] = int(c.get("urls") or 0)
            row["fetched"] = int(c.get("fetched") or 0)
            row["queued"] = int(c.get("queued") or 0)
            row["failed"] = int(c.get("failed") or 0)
        return rows

    def due_sources(self, now: str) -> list[dict[str, Any]]:
        return self.query(
            "SELECT * FROM sources WHERE next_due IS NULL OR next_due <= ? ORDER BY next_due, id",
            (now,),
        )

    def next_source_due(self) -> str | None:
        return self.scalar("SELECT MIN(COALESCE(next_due, '')) FROM sources")

    def finish_source(
        self,
        source_id: int,
        *,
        now: str,
        next_due: str,
        status: str,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        content_hash: str | None = None,
        links: int | None = None,
        keep_validators: bool = False,
    ) -> None:
        """Record one pass over a source (its validators only on success)."""
        with self.transaction():
            if status == "failed":
                self.execute(
                    "UPDATE sources SET last_run = ?, next_due = ?, last_status = ?,"
                    " last_error = ?, failures = failures + 1 WHERE id = ?",
                    (now, next_due, status, error, source_id),
                )
                return
            sets = "last_run = ?, next_due = ?, last_status = ?, last_error = NULL, failures = 0"
            params: list[Any] = [now, next_due, status]
            if not keep_validators:
                sets += ", etag = ?, last_modified = ?, content_hash = ?"
                params += [etag, last_modified, content_hash]
            if links is not None:
                sets += ", links = ?"
                params.append(links)
            self.execute(f"UPDATE sources SET {sets} WHERE id = ?", (*params, source_id))

    # ------------------------------------------------------------------ the frontier

    def get_fetch(self, url: str) -> dict[str, Any] | None:
        return self.query_one("SELECT * FROM fetches WHERE url = ?", (url,))

    def queue_url(
        self,
        url: str,
        fetch_url: str,
        *,
        source_id: int | None,
        now: str,
        hint: str | None = None,
        title: str | None = None,
        image: str | None = None,
        requeue: bool = False,
    ) -> bool:
        """Put ``url`` on the frontier; True when it is now queued. A known URL is queued
        again only when ``requeue`` (its source says it changed, or it is due a re-check)."""
        row = self.get_fetch(url)
        if row is None:
            self.execute(
                "INSERT INTO fetches(url, fetch_url, source_id, state, hint, title_hint,"
                " image_hint, queued_at) VALUES (?,?,?,?,?,?,?,?)",
                (url, fetch_url, source_id, "queued", hint, title, image, now),
            )
            return True
        if image and not row.get("image_hint"):
            self.execute("UPDATE fetches SET image_hint = ? WHERE url = ?", (image, url))
        if row["state"] == "queued":
            return True
        if not requeue:
            return False
        self.execute(
            "UPDATE fetches SET state = 'queued', hint = COALESCE(?, hint), queued_at = ?"
            " WHERE url = ?",
            (hint, now, url),
        )
        return True

    def requeue_stale(
        self, source_id: int, *, fetched_before: str, first_after: str, now: str
    ) -> int:
        """Queue again (for a conditional GET) the pages of a source last fetched before
        ``fetched_before`` and first fetched after ``first_after``; returns how many."""
        return self.execute(
            "UPDATE fetches SET state = 'queued', queued_at = ? WHERE source_id = ?"
            " AND state = 'fetched' AND last_fetched <= ? AND first_fetched > ?",
            (now, source_id, fetched_before, first_after),
        ).rowcount

    def queued_urls(
        self, now: str, *, max_failures: int = 5, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """URLs to fetch now: queued ones, and failed ones whose retry time has come (fewer than
        ``max_failures`` failures), oldest first."""
        sql = (
            "SELECT * FROM fetches WHERE (state = 'queued' OR (state = 'failed' AND failures < ?))"
            " AND (next_attempt IS NULL OR next_attempt <= ?) ORDER BY queued_at, url"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.query(sql, (max_failures, now))

    def next_retry_due(self, max_failures: int = 5) -> str | None:
        return self.scalar(
            "SELECT MIN(COALESCE(next_attempt, '')) FROM fetches"
            " WHERE state = 'queued' OR (state = 'failed' AND failures < ?)",
            (max_failures,),
        )

    def record_fetch(self, url: str, **fields: Any) -> None:
        """Update the frontier row of ``url`` with ``fields`` (column = value)."""
        if not fields:
            return
        allowed = {
            "fetch_url",
            "state",
            "etag",
            "last_modified",
            "content_hash",
            "status",
            "final_url",
            "last_fetched",
            "next_attempt",
            "failures",
            "last_error",
            "article_id",
            "hint",
            "first_fetched",
        }
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown fetch fields {sorted(unknown)}")
        sets = ", ".join(f"{name} = ?" for name in fields)
        self.execute(f"UPDATE fetches SET {sets} WHERE url = ?", (*fields.values(), url))

    def fetch_rows(self, *, state: str | None = None) -> list[dict[str, Any]]:
        if state:
            return self.query("SELECT * FROM fetches WHERE state = ? ORDER BY url", (state,))
        return self.query("SELECT * FROM fetches ORDER BY url")

    # ------------------------------------------------------------------ raw pages

    def put_raw_page(
        self,
        url: str,
        body: bytes,
        *,
        content_hash: str,
        fetched_at: str,
        encoding: str | None,
        content_type: str | None,
        article_id: str | None,
        read_error: str | None = None,
    ) -> int:
        """Keep ``body`` (compressed) as the next revision of ``url``; the same bytes as the
        latest revision are not stored twice. Returns the revision number."""
        with self.transaction():
            last = self.query_one(
                "SELECT revision, content_hash FROM raw_pages WHERE url = ?"
                " ORDER BY revision DESC LIMIT 1",
                (url,),
            )
            if last is not None and last["content_hash"] == content_hash:
                self.execute(
                    "UPDATE raw_pages SET article_id = ?, read_error = ? WHERE url = ? AND revision = ?",
                    (article_id, read_error, url, last["revision"]),
                )
                return int(last["revision"])
            revision = 1 if last is None else int(last["revision"]) + 1
            self.execute(
                "INSERT INTO raw_pages(url, revision, body, encoding, content_type, content_hash,"
                " fetched_at, article_id, read_error) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    url,
                    revision,
                    zlib.compress(body, 6),
                    encoding,
                    content_type,
                    content_hash,
                    fetched_at,
                    article_id,
                    read_error,
                ),
            )
            return revision

    def raw_page_rows(self, *, latest_only: bool = True) -> list[dict[str, Any]]:
        """Raw pages without their bodies (newest revision per URL unless ``latest_only=False``)."""
        cols = "url, revision, encoding, content_type, content_hash, fetched_at, article_id, read_error"
        if latest_only:
            return self.query(
                f"SELECT {cols} FROM raw_pages p WHERE revision ="
                " (SELECT MAX(revision) FROM raw_pages q WHERE q.url = p.url) ORDER BY url"
            )
        return self.query(f"SELECT {cols} FROM raw_pages ORDER BY url, revision")

    def raw_page_body(self, url: str, revision: int | None = None) -> bytes | None:
        if revision is None:
            row = self.query_one(
                "SELECT body FROM raw_pages WHERE url = ? ORDER BY revision DESC LIMIT 1", (url,)
            )
        else:
            row = self.query_one(
                "SELECT body FROM raw_pages WHERE url = ? AND revision = ?", (url, revision)
            )
        return None if row is None else zlib.decompress(row["body"])

    def set_raw_page_article(
        self, url: str, revision: int, article_id: str | None, read_error: str | None
    ) -> None:
        with self.transaction():
            self.execute(
                "UPDATE raw_pages SET article_id = ?, read_error = ? WHERE url = ? AND revision = ?",
                (article_id, read_error, url, revision),
            )

    # ------------------------------------------------------------------ images

    def fetched_image_paths(self) -> dict[str, str | None]:
        """Image URL -> local file (None when fetching it failed)."""
        return {r["url"]: r["path"] for r in self.query("SELECT url, path FROM fetched_images")}

    def fetched_image(self, url: str) -> dict[str, Any] | None:
        return self.query_one("SELECT * FROM fetched_images WHERE url = ?", (url,))

    def put_fetched_image(
        self,
        url: str,
        *,
        path: str | None,
        width: int | None = None,
        height: int | None = None,
        error: str | None = None,
    ) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO fetched_images(url, path, width, height, fetched_at, error)"
                " VALUES (?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET path = excluded.path,"
                " width = excluded.width, height = excluded.height,"
                " fetched_at = excluded.fetched_at, error = excluded.error",
                (url, path, width, height, utcnow(), error),
            )
