"""Provider calls, the answer cache, the translation queue and learnt name renderings
(owned by the translate stage; tables in ``migrations/0500_providers.sql``).

Methods other areas use:

- ``translation_for(article_id) -> str | None``: the id of the accepted translation of an original.
- ``translation_status(article_id) -> dict | None``: the queue row (``status`` is ``awaiting``,
  ``translated`` or ``flagged``) of an original in another language.
- ``translation_statuses() -> dict[str, str]``: every queued original's status, for listings.
- ``name_renderings() -> list[dict]``: source-script names and their Vietnamese rendering.
"""

from __future__ import annotations

from typing import Any

from newsdesk.model import Article
from newsdesk.store.base import Database, dumps, loads, utcnow

CALL_FIELDS = (
    "run_id",
    "provider",
    "model",
    "purpose",
    "item",
    "prompt_version",
    "key_name",
    "status",
    "outcome",
    "tokens_in",
    "tokens_out",
    "latency_ms",
    "cost",
    "error",
)


class ProvidersMixin(Database):
    # ------------------------------------------------------------------ calls

    def record_provider_call(self, **call: Any) -> None:
        """One provider call (never the key itself: ``key_name`` is the variable's name)."""
        values = [
            call.get(name, "" if name in ("item", "key_name", "error") else None)
            for name in CALL_FIELDS
        ]
        for i, name in enumerate(CALL_FIELDS):
            if name in ("tokens_in", "tokens_out", "latency_ms") and values[i] is None:
                values[i] = 0
            if name == "cost" and values[i] is None:
                values[i] = 0.0
        with self.transaction():
            self.execute(
                f"INSERT INTO provider_calls(at, {', '.join(CALL_FIELDS)}) "
                f"VALUES (?, {', '.join('?' for _ in CALL_FIELDS)})",
                (utcnow(), *values),
            )

    def provider_calls(self, *, run_id: str | None = None, limit: int = 1000) -> list[dict]:
        if run_id:
            return self.query(
                "SELECT * FROM provider_calls WHERE run_id = ? ORDER BY id LIMIT ?", (run_id, limit)
            )
        return self.query("SELECT * FROM provider_calls ORDER BY id DESC LIMIT ?", (limit,))

    def provider_usage(self, *, since: str | None = None) -> list[dict]:
        """Calls, tokens, cost and latency per provider, model and outcome."""
        where, params = ("WHERE at >= ?", (since,)) if since else ("", ())
        return self.query(
            "SELECT provider, model, outcome, COUNT(*) AS calls, SUM(tokens_in) AS tokens_in,"
            " SUM(tokens_out) AS tokens_out, ROUND(SUM(cost), 6) AS cost,"
            " CAST(AVG(latency_ms) AS INTEGER) AS avg_latency_ms, MIN(at) AS first, MAX(at) AS last"
            f" FROM provider_calls {where} GROUP BY provider, model, outcome"
            " ORDER BY provider, model, outcome",
            params,
        )

    def provider_runs(self, limit: int = 10) -> list[dict]:
        return self.query(
            "SELECT run_id, MIN(at) AS started, COUNT(*) AS calls, SUM(tokens_in + tokens_out)"
            " AS tokens, ROUND(SUM(cost), 6) AS cost FROM provider_calls GROUP BY run_id"
            " ORDER BY MIN(id) DESC LIMIT ?",
            (limit,),
        )

    # ------------------------------------------------------------------ cache

    def cached_answer(self, key: str) -> dict | None:
        with self._lock:
            row = self.query_one(
                "SELECT answer, tokens_in, tokens_out FROM provider_cache WHERE key = ?", (key,)
            )
            if row is not None:
                with self.transaction():
                    self.execute("UPDATE provider_cache SET hits = hits + 1 WHERE key = ?", (key,))
            return row

    def cache_answer(
        self,
        key: str,
        *,
        provider: str,
        model: str,
        prompt_version: str,
        text_hash: str,
        answer: str,
        tokens_in: int,
        tokens_out: int,
    ) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO provider_cache(key, provider, model, prompt_version, text_hash, answer,"
                " tokens_in, tokens_out, created_at) VALUES (?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(key) DO UPDATE SET answer = excluded.answer",
                (
                    key,
                    provider,
                    model,
                    prompt_version,
                    text_hash,
                    answer,
                    tokens_in,
                    tokens_out,
                    utcnow(),
                ),
            )

    def forget_cached(self, key: str) -> None:
        with self.transaction():
            self.execute("DELETE FROM provider_cache WHERE key = ?", (key,))

    def cache_stats(self) -> dict:
        row = self.query_one(
            "SELECT COUNT(*) AS answers, COALESCE(SUM(hits), 0) AS hits,"
            " COALESCE(SUM(tokens_in + tokens_out), 0) AS tokens FROM provider_cache"
        )
        return row or {"answers": 0, "hits": 0, "tokens": 0}

    # ------------------------------------------------------------------ translation queue

    def queue_translation(
        self, article_id: str, source_language: str, target_language: str
    ) -> bool:
        """Queue an original (once). True when it was newly queued."""
        with self.transaction():
            cur = self.execute(
                "INSERT OR IGNORE INTO translations(article_id, source_language, target_language,"
                " status, updated_at) VALUES (?,?,?,'awaiting',?)",
                (article_id, source_language, target_language, utcnow()),
            )
            return cur.rowcount > 0

    def translation_queue(self, status: str = "awaiting") -> list[str]:
        """Ids in ``status``, in arrival order of their articles (current revisions only)."""
        return [
            r["article_id"]
            for r in self.query(
                "SELECT t.article_id FROM translations t JOIN articles a ON a.id = t.article_id"
                " WHERE t.status = ? AND a.current = 1 ORDER BY a.seq",
                (status,),
            )
        ]

    def translation_status(self, article_id: str) -> dict | None:
        row = self.query_one("SELECT * FROM translations WHERE article_id = ?", (article_id,))
        if row is None:
            return None
        row["flags"] = loads(row["flags"])
        row["notes"] = loads(row["notes"])
        row["draft"] = loads(row["draft"])
        return row

    def translation_statuses(self) -> dict[str, str]:
        return {
            r["article_id"]: r["status"]
            for r in self.query("SELECT article_id, status FROM translations")
        }

    def translation_rows(self, status: str | None = None) -> list[dict]:
        sql = (
            "SELECT t.article_id, t.source_language, t.target_language, t.status,"
            " t.translation_id, t.flags, t.attempts, t.updated_at, a.title, a.source"
            " FROM translations t JOIN articles a ON a.id = t.article_id"
        )
        params: tuple = ()
        if status:
            sql += " WHERE t.status = ?"
            params = (status,)
        rows = self.query(sql + " ORDER BY a.seq", params)
        for row in rows:
            row["flags"] = loads(row["flags"])
        return rows

    def translation_for(self, article_id: str) -> str | None:
        """The id of the accepted translation of ``article_id``, or None."""
        return self.scalar(
            "SELECT translation_id FROM translations WHERE article_id = ? AND status = 'translated'",
            (article_id,),
        )

    def original_of(self, translation_id: str) -> str | None:
        return self.scalar(
            "SELECT article_id FROM translations WHERE translation_id = ?", (translation_id,)
        )

    def store_translation(
        self, original_id: str, translation: Article, *, notes: list[str] | None = None
    ) -> str:
        """Store the translation as a new article and mark the original translated, at once."""
        with self.transaction():
            outcome = self.put_article(translation)  # type: ignore[attr-defined]
            self.execute(
                "UPDATE translations SET status = 'translated', translation_id = ?, flags = '[]',"
                " notes = ?, draft = NULL, attempts = attempts + 1, updated_at = ?"
                " WHERE article_id = ?",
                (translation.id, dumps(notes or []), utcnow(), original_id),
            )
            return outcome

    def flag_translation(
        self,
        original_id: str,
        flags: list[str],
        *,
        draft: Article | None,
        notes: list[str] | None = None,
    ) -> None:
        """Keep a translation that failed its checks for review; it is not used downstream."""
        with self.transaction():
            self.execute(
                "UPDATE translations SET status = 'flagged', flags = ?, notes = ?, draft = ?,"
                " attempts = attempts + 1, updated_at = ? WHERE article_id = ?",
                (
                    dumps(flags),
                    dumps(notes or []),
                    dumps(draft.as_dict()) if draft else None,
                    utcnow(),
                    original_id,
                ),
            )

    def requeue_translation(self, original_id: str) -> None:
        with self.transaction():
            self.execute(
                "UPDATE translations SET status = 'awaiting', updated_at = ? WHERE article_id = ?",
                (utcnow(), original_id),
            )

    # ------------------------------------------------------------------ names

    def add_name_rendering(
        self,
        source_name: str,
        rendering: str,
        *,
        kind: str = "person",
        origin: str,
        article_id: str = "",
    ) -> None:
        with self.transaction():
            self.execute(
                "INSERT OR IGNORE INTO name_renderings(source_name, rendering, kind, origin, article_id)"
                " VALUES (?,?,?,?,?)",
                (source_name, rendering, kind, origin, article_id),
            )

    def name_renderings(self) -> list[dict]:
        return self.query(
            "SELECT source_name, rendering, kind, origin, article_id FROM name_renderings"
            " ORDER BY source_name"
        )

    def untranslated_ids(self, target: str, *, queued_only: bool = False) -> list[str]:
        """Current originals in another language than ``target`` with no translation yet
        (awaiting, or not queued yet), in arrival order. Read-only."""
        sql = (
            "SELECT a.id FROM articles a LEFT JOIN translations t ON t.article_id = a.id"
            " WHERE a.current = 1 AND a.language IS NOT NULL AND a.language != ?"
            " AND json_extract(a.data, '$.translation_of') IS NULL"
            " AND "
            + (
                "t.status = 'awaiting'"
                if queued_only
                else "(t.status IS NULL OR t.status = 'awaiting')"
            )
            + " ORDER BY a.seq"
        )
        return [r["id"] for r in self.query(sql, (target,))]

    def queue_untranslated(self, target: str) -> int:
        """Queue every current original in another language than ``target``; how many were new."""
        with self.transaction():
            cur = self.execute(
                "INSERT OR IGNORE INTO translations(article_id, source_language, target_language,"
                " status, updated_at) SELECT a.id, a.language, ?, 'awaiting', ? FROM articles a"
                " WHERE a.current = 1 AND a.language IS NOT NULL AND a.language != ?"
                " AND json_extract(a.data, '$.translation_of') IS NULL",
                (target, utcnow(), target),
            )
            return cur.rowcount

    # ------------------------------------------------------------------ use decisions

    def put_use_decision(
        self, story_id: str, use: bool, reason: str, *, rule: str, provider: str, model: str
    ) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO use_decisions(story_id, use, reason, rule, provider, model, decided_at)"
                " VALUES (?,?,?,?,?,?,?) ON CONFLICT(story_id) DO UPDATE SET use = excluded.use,"
                " reason = excluded.reason, rule = excluded.rule, provider = excluded.provider,"
                " model = excluded.model, decided_at = excluded.decided_at",
                (story_id, int(use), reason, rule, provider, model, utcnow()),
            )

    def use_decision(self, story_id: str) -> dict | None:
        """The provider's ``{use, reason, rule, provider, model, decided_at}`` for a story, or
        None (no provider was asked). For the publish gate to combine with its own verdict."""
        row = self.query_one("SELECT * FROM use_decisions WHERE story_id = ?", (story_id,))
        if row is not None:
            row["use"] = bool(row["use"])
        return row
