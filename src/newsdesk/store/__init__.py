"""The store: one ``Store`` class with domain-named methods, one mixin per area.

SQLite (WAL) is the default. Each area's tables come from its own migrations and its methods
from its own mixin, so the stages stay apart while sharing one connection and one transaction.
"""

from __future__ import annotations

from newsdesk.store.articles import ArticlesMixin, PutOutcome
from newsdesk.store.base import Database, utcnow
from newsdesk.store.posts import PostsMixin
from newsdesk.store.providers import ProvidersMixin
from newsdesk.store.search import SearchMixin
from newsdesk.store.sources import SourcesMixin
from newsdesk.store.stories import StoriesMixin
from newsdesk.store.understand import UnderstandMixin


class Store(
    ArticlesMixin,
    UnderstandMixin,
    StoriesMixin,
    PostsMixin,
    SearchMixin,
    ProvidersMixin,
    SourcesMixin,
    Database,
):
    """Everything newsdesk keeps. ``Store(path)`` opens (and migrates) the database."""


__all__ = ["Database", "PutOutcome", "Store", "utcnow"]
