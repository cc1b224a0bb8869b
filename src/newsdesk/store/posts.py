"""Published posts (owned by the publish stage)."""

from __future__ import annotations

from newsdesk.store.base import Database


class PostsMixin(Database):
    pass
