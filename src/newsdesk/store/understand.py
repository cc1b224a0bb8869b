"""Understandings and the entity registry (owned by the understand stage)."""

from __future__ import annotations

from newsdesk.model import Understanding
from newsdesk.store.base import Database


class UnderstandMixin(Database):
    def get_understanding(self, article_id: str) -> Understanding | None:
        """The stored understanding of an article (None until the understand stage ran)."""
        return None
