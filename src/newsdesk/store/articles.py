"""Articles, revisions and rejects in the store.

An article's id is a hash of its content, so the same content is stored once. Revisions are kept
per source (a path, a URL, ``dump.jsonl#12``): new content from a source already stored becomes
its next revision and the older ones stop being ``current``. A translation (``translation_of``
set) keeps its own revision line, apart from the original's source.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from newsdesk.model import Article
from newsdesk.store.base import Database, dumps, loads, utcnow

PutOutcome = Literal["new", "unchanged", "revised"]


def revision_key(article: Article) -> str:
    """The line of revisions an article belongs to."""
    if article.translation_of:
        return f"{article.source} [translation:{article.language or '?'}]"
    return article.source


class ArticlesMixin(Database):
    def put_article(self, article: Article) -> PutOutcome:
        """Store ``article`` once. The same content again is ``unchanged``; new content from a
        source already stored becomes its next revision (``revised``) and the old one stops
        being current; content going back to an earlier revision makes that one current again
        (``revised``). One transaction: a failure leaves the store as it was."""
        key = revision_key(article)
        with self.transaction():
            last = self.query_one(
                "SELECT revision, article_id FROM revisions WHERE source = ? "
                "ORDER BY revision DESC LIMIT 1",
                (key,),
            )
            existing = self.query_one("SELECT current FROM articles WHERE id = ?", (article.id,))
            if existing is not None:
                if last is None or last["article_id"] == article.id:
                    return "unchanged"
                owned = self.query_one(
                    "SELECT 1 FROM revisions WHERE source = ? AND article_id = ?", (key, article.id)
                )
                if owned is None:  # the same words already stored from another source
                    return "unchanged"
            now = utcnow()
            if existing is None:
                seq = (self.scalar("SELECT MAX(seq) FROM articles") or 0) + 1
                self.execute(
                    "INSERT INTO articles(id, source, shape, language, title, published, outlet,"
                    " data, current, seq, ingested_at) VALUES (?,?,?,?,?,?,?,?,1,?,?)",
                    (
                        article.id,
                        article.source,
                        article.shape,
                        article.language,
                        article.title,
                        article.published,
                        article.outlet,
                        dumps(article.as_dict()),
                        seq,
                        now,
                    ),
                )
            else:
                self.execute("UPDATE articles SET current = 1 WHERE id = ?", (article.id,))
            if last is not None:
                self.execute(
                    "UPDATE articles SET current = 0 WHERE id != ? AND id IN "
                    "(SELECT article_id FROM revisions WHERE source = ?)",
                    (article.id, key),
                )
            revision = 1 if last is None else last["revision"] + 1
            self.execute(
                "INSERT INTO revisions(source, revision, article_id, ingested_at) VALUES (?,?,?,?)",
                (key, revision, article.id, now),
            )
            return "new" if last is None else "revised"

    def replace_article(self, article: Article) -> None:
        """Rewrite a stored article's record in place (same id), e.g. after translation."""
        with self.transaction():
            self.execute(
                "UPDATE articles SET language = ?, title = ?, published = ?, outlet = ?, data = ?"
                " WHERE id = ?",
                (
                    article.language,
                    article.title,
                    article.published,
                    article.outlet,
                    dumps(article.as_dict()),
                    article.id,
                ),
            )

    def get_article(self, article_id: str) -> Article | None:
        row = self.query_one("SELECT data FROM articles WHERE id = ?", (article_id,))
        return None if row is None else Article.from_dict(loads(row["data"]))

    def find_article_ids(self, prefix: str) -> list[str]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return [
            r["id"]
            for r in self.query(
                "SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' ORDER BY seq LIMIT 20",
                (escaped + "%",),
            )
        ]

    def iter_articles(self, *, current_only: bool = True, after_seq: int = 0) -> Iterator[Article]:
        sql = "SELECT data FROM articles WHERE seq > ?"
        if current_only:
            sql += " AND current = 1"
        for row in self.query(sql + " ORDER BY seq", (after_seq,)):
            yield Article.from_dict(loads(row["data"]))

    def article_rows(self, *, current_only: bool = True) -> list[dict]:
        sql = (
            "SELECT id, source, shape, language, title, published, outlet, seq, current,"
            " ingested_at, json_extract(data, '$.generated_title') AS generated_title"
            " FROM articles"
        )
        if current_only:
            sql += " WHERE current = 1"
        return self.query(sql + " ORDER BY seq")

    def count_articles(self, *, current_only: bool = True) -> int:
        sql = "SELECT COUNT(*) FROM articles" + (" WHERE current = 1" if current_only else "")
        return int(self.scalar(sql))

    def revisions_of(self, source: str) -> list[dict]:
        return self.query(
            "SELECT revision, article_id, ingested_at FROM revisions WHERE source = ?"
            " ORDER BY revision",
            (source,),
        )

    def add_reject(self, item: str, stage: str, reason: str) -> None:
        """Record that ``item`` failed ``stage``; the same failure again only updates its time."""
        with self.transaction():
            row = self.query_one(
                "SELECT id FROM rejects WHERE item = ? AND stage = ? AND reason = ?",
                (item, stage, reason),
            )
            if row is not None:
                self.execute("UPDATE rejects SET at = ? WHERE id = ?", (utcnow(), row["id"]))
            else:
                self.execute(
                    "INSERT INTO rejects(item, stage, reason, at) VALUES (?,?,?,?)",
                    (item, stage, reason, utcnow()),
                )

    def clear_rejects(self, item: str, stage: str) -> int:
        """Forget earlier failures of ``item`` at ``stage`` (it has now passed)."""
        with self.transaction():
            return self.execute(
                "DELETE FROM rejects WHERE item = ? AND stage = ?", (item, stage)
            ).rowcount

    def rejects(self, stage: str | None = None) -> list[dict]:
        if stage:
            return self.query("SELECT * FROM rejects WHERE stage = ? ORDER BY id", (stage,))
        return self.query("SELECT * FROM rejects ORDER BY id")
