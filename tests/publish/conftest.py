"""A store holding the trade story: articles, understandings and the story record."""

from __future__ import annotations

import pytest

from analyse.builders import story_of
from analyse.trade_story import DOCS
from newsdesk.analyse import analyse_story
from newsdesk.store import Store


@pytest.fixture
def trade_store(tmp_path):
    store = Store(tmp_path / "store.db")
    story, arts, unds = story_of(DOCS)
    for a in arts.values():
        store.put_article(a)
    for u in unds.values():
        store.put_understanding(u)
    store.put_story(analyse_story(story, arts, unds))
    yield store
    store.close()
