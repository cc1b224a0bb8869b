"""A new revision of a grouped article takes its place in the story instead of being a copy."""

from __future__ import annotations

from dataclasses import replace

from group_fixtures import fixture_articles

from newsdesk.config import Settings
from newsdesk.group import group_pending
from newsdesk.model import Article


def _grouped(store) -> dict[str, Article]:
    articles = {a.id: a for a, _ in fixture_articles()}
    for a in articles.values():
        store.put_article(a)
    group_pending(store, Settings())
    return articles


def _revision(article: Article, new_id: str, edit: str) -> Article:
    return replace(article, id=new_id, body=article.body + "\n\n" + edit)


def _listed(store, story_id: str) -> list[tuple[str, str | None]]:
    story = store.get_story(story_id)
    return [(a.id, a.duplicate_of) for a in story.articles]


def test_a_revision_replaces_its_predecessor_and_a_rerun_changes_nothing(store) -> None:
    articles = _grouped(store)
    before = _listed(store, "lu-01")
    assert before == [("lu-01", None), ("lu-02", None), ("lu-03", None)]
    revised = _revision(
        articles["lu-02"], "lu-02-r2", "Bài viết được cập nhật lúc 17h với ý kiến của Bộ Y tế."
    )
    assert store.put_article(revised) == "revised"
    report = group_pending(store, Settings())
    assert report.done == 1
    assert _listed(store, "lu-01") == [("lu-01", None), ("lu-02-r2", None), ("lu-03", None)]
    story = store.get_story("lu-01")
    entry = next(a for a in story.articles if a.id == "lu-02-r2")
    assert entry.reason.startswith("replaces its earlier revision lu-02 (near-copy of lu-02")
    versions = {r["id"]: r["version"] for r in store.story_rows()}
    again = group_pending(store, Settings())
    assert again.done == 0 and not again.notes
    assert {r["id"]: r["version"] for r in store.story_rows()} == versions


def test_going_back_to_an_earlier_revision_lists_it_again(store) -> None:
    articles = _grouped(store)
    store.put_article(_revision(articles["metro-02"], "metro-02-r2", "Cập nhật: giá vé không đổi."))
    group_pending(store, Settings())
    assert ("metro-02-r2", None) in _listed(store, "metro-01")
    assert store.put_article(articles["metro-02"]) == "revised"  # the first text is back
    report = group_pending(store, Settings())
    assert report.done == 0
    assert report.notes == ["1 stories written again for revised articles"]
    listed = _listed(store, "metro-01")
    assert ("metro-02", None) in listed and all(i != "metro-02-r2" for i, _ in listed)


def test_copies_of_the_superseded_text_point_to_the_revision(store) -> None:
    articles = _grouped(store)
    wire = replace(articles["xang-02"], id="xang-02-copy", source="elsewhere/xang.txt")
    wire = replace(wire, outlet="Một báo khác")
    store.put_article(wire)
    group_pending(store, Settings())
    assert ("xang-02-copy", "xang-02") in _listed(store, "xang-01")
    store.put_article(_revision(articles["xang-02"], "xang-02-r2", "Tin được bổ sung lúc 9h."))
    group_pending(store, Settings())
    listed = dict(_listed(store, "xang-01"))
    assert "xang-02" not in listed
    assert listed["xang-02-r2"] is None and listed["xang-02-copy"] == "xang-02-r2"


def test_a_story_whose_only_article_moved_away_loses_its_record(store) -> None:
    articles = _grouped(store)
    lone = Article(
        id="lone-01",
        source="fixtures/lone.txt",
        shape="plain_text",
        language="vi",
        title="Lễ hội hoa cúc ở làng Nghi Tàm mở cửa đón khách",
        body="Làng hoa Nghi Tàm mở lễ hội hoa cúc với hơn 40 giống cúc vàng và trắng. "
        "Ban tổ chức cho biết lễ hội kéo dài đến cuối tuần và không thu vé vào cổng.",
        published="2026-10-20T08:00:00",
        outlet="Tin Làng Hoa",
    )
    store.put_article(lone)
    group_pending(store, Settings())
    lone_story = store.story_of_article("lone-01")
    assert [a.id for a in store.get_story(lone_story).articles] == ["lone-01"]
    # the source now carries a different report: a copy of one of the metro story's articles
    moved = replace(articles["metro-03"], id="lone-02", source="fixtures/lone.txt")
    assert store.put_article(moved) == "revised"
    group_pending(store, Settings())
    assert store.story_of_article("lone-02") == "metro-01"
    assert store.get_story(lone_story) is None
    assert lone_story not in {s.id for s in store.iter_stories()}
