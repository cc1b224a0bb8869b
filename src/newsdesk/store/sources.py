"""Collected sources, fetched URLs and raw pages (owned by the collect stage)."""

from __future__ import annotations

from newsdesk.store.base import Database


class SourcesMixin(Database):
    pass
