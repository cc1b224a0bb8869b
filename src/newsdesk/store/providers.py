"""Provider calls, cache and translation queue (owned by the translate stage)."""

from __future__ import annotations

from newsdesk.store.base import Database


class ProvidersMixin(Database):
    pass
