"""Full-text search over articles and stories (FTS5; owned by the web reader)."""

from __future__ import annotations

from newsdesk.store.base import Database


class SearchMixin(Database):
    pass
