"""Understandings and the entity registry (owned by the understand stage)."""

from __future__ import annotations

from newsdesk.store.base import Database


class UnderstandMixin(Database):
    pass
