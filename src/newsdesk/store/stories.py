"""Stories, members, redirects and duplicate links (owned by the group and analyse stages)."""

from __future__ import annotations

from newsdesk.store.base import Database


class StoriesMixin(Database):
    pass
