"""analyse_pending over a store: only stories grouping changed, once; waiting stories wait."""

from __future__ import annotations

from analyse.builders import Doc, story_of
from analyse.trade_story import DOCS
from newsdesk.analyse import ANALYSE_VERSION, analyse_pending
from newsdesk.config import Settings
from newsdesk.model import Story, StoryArticle


def _load(store, docs, story_id="s-trade"):
    story, arts, unds = story_of(docs, story_id=story_id)
    for a in arts.values():
        store.put_article(a)
    for u in unds.values():
        store.put_understanding(u)
    store.put_story(story, bump=True)
    return story


def test_stories_are_analysed_once_per_grouping_change(store):
    story = _load(store, DOCS)
    first = analyse_pending(store, Settings())
    assert (first.done, first.rejected) == (1, [])
    stored = store.get_story(story.id)
    assert stored.title.startswith("Việt Nam và Australia ký thỏa thuận")
    assert len(stored.disagreements) == 2 and stored.use is True
    again = analyse_pending(store, Settings())
    assert (again.done, again.unchanged) == (0, 0)
    assert "no story changed since the last analysis" in again.notes
    store.put_story(stored, bump=True)  # grouping touched it
    assert analyse_pending(store, Settings()).done == 1


def test_a_new_analysis_version_analyses_every_story_again_once(store):
    _load(store, DOCS)
    analyse_pending(store, Settings())
    store.set_state("analyse.version", ANALYSE_VERSION - 1)  # stories analysed by older code
    assert analyse_pending(store, Settings()).done == 1
    assert int(store.get_state("analyse.version")) == ANALYSE_VERSION
    assert analyse_pending(store, Settings()).done == 0


def test_a_replaced_understanding_sends_its_story_back_to_analysis(store):
    story = _load(store, DOCS)
    analyse_pending(store, Settings())
    _, _, unds = story_of(DOCS, story_id=story.id)
    member = story.articles[0].id
    store.put_member(member, story.id, 1.0, "started the story", None, 1, "")
    changed = unds[member]
    changed.keywords = [*changed.keywords, "cảng biển"]
    assert store.put_understanding(changed) == "replaced"
    assert store.stories_needing_analysis() == [story.id]
    assert store.put_understanding(changed) == "unchanged"
    assert analyse_pending(store, Settings()).done == 1
    assert store.stories_needing_analysis() == []


def test_a_story_with_nothing_understood_waits(store):
    foreign = Doc(id="j000000000000013", language="ja", sentences=["日本とベトナムが合意した。"])
    store.put_article(foreign.article())
    story = Story("s-ja", articles=[StoryArticle(foreign.id, foreign.article().source, None, None)])
    store.put_story(story, bump=True)
    report = analyse_pending(store, Settings())
    assert (report.done, report.unchanged, report.rejected) == (0, 1, [])
    assert store.get_story("s-ja").title == ""
    assert store.stories_needing_analysis() == ["s-ja"]
