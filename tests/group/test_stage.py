"""group_pending over a real store: incremental, idempotent, stable ids, redirects, copies."""

from __future__ import annotations

import json

from group_fixtures import fixture_articles, write_jsonl
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.config import Settings
from newsdesk.group import group_pending
from newsdesk.group.evaluate import group_in_memory
from newsdesk.model import Article


def _put(store, articles: list[Article]) -> None:
    for a in articles:
        store.put_article(a)


def _partition(store) -> set[frozenset[str]]:
    return {frozenset(a.id for a in s.articles) for s in store.iter_stories()}


def test_groups_the_fixtures_and_a_second_run_changes_nothing(store) -> None:
    settings = Settings()
    _put(store, [a for a, _ in fixture_articles()])
    report = group_pending(store, settings)
    assert report.done == 11 and report.ok
    assert {s.id for s in store.iter_stories()} == {"lu-01", "metro-01", "xang-01", "bong-01"}
    before = [s.as_dict() for s in store.iter_stories()]
    versions = {r["id"]: r["version"] for r in store.story_rows()}
    again = group_pending(store, settings)
    assert again.done == 0 and again.unchanged == 11
    after = [s.as_dict() for s in store.iter_stories()]
    assert [{**b, "updated_at": None} for b in before] == [{**a, "updated_at": None} for a in after]
    assert {r["id"]: r["version"] for r in store.story_rows()} == versions
    assert store.story_of_article("lu-02") == "lu-01"
    members = store.story_members("lu-01")
    assert [m["article_id"] for m in members] == ["lu-01", "lu-02", "lu-03"]
    assert members[0]["reason"] == "started the story"
    assert sorted(store.stories_needing_analysis()) == ["bong-01", "lu-01", "metro-01", "xang-01"]
    store.mark_story_analysed("lu-01")
    assert "lu-01" not in store.stories_needing_analysis()


def test_one_at_a_time_through_the_store_equals_the_in_memory_stream(store) -> None:
    settings = Settings()
    articles = [a for a, _ in fixture_articles()][::-1]
    for a in articles:
        _put(store, [a])
        group_pending(store, settings)
    expected = group_in_memory([(a, None) for a in articles], one_at_a_time=True)
    groups: dict[str, set[str]] = {}
    for art, sid in expected.items():
        groups.setdefault(sid, set()).add(art)
    assert _partition(store) == {frozenset(g) for g in groups.values()}
    # a story's id is its first article's, and stays once given
    ids = {s.id for s in store.iter_stories()}
    assert ids == {sid for sid in expected.values()}


def test_copies_sit_in_their_originals_story_and_count_once(store) -> None:
    settings = Settings()
    original = next(a for a, _ in fixture_articles() if a.id == "xang-01")
    _put(store, [a for a, _ in fixture_articles()])
    group_pending(store, settings)
    copy = Article(
        id="xang-copy",
        source="wire/xang.txt",
        shape="plain_text",
        body=original.body.replace("Từ 15 giờ chiều 19/9", "(TTXVN) Từ 15 giờ 19/9")
        + "\n\nPV Hoàng Long",
        title="Giá xăng lại giảm",
        published="2024-09-19T16:00:00",
    )
    _put(store, [copy])
    report = group_pending(store, settings)
    assert report.done == 1
    assert store.duplicates_of("xang-01") == ["xang-copy"]
    assert store.story_of_article("xang-copy") == "xang-01"
    story = store.get_story("xang-01")
    entry = next(a for a in story.articles if a.id == "xang-copy")
    assert entry.duplicate_of == "xang-01" and "near-copy of xang-01" in entry.reason
    state = store.query_one("SELECT state FROM group_index WHERE story_id = 'xang-01'")
    assert state is not None
    from newsdesk.group.index import StoryState

    assert [m.id for m in StoryState.loads(state["state"]).members] == ["xang-01", "xang-02"]


def test_a_merged_story_keeps_a_redirect(store) -> None:
    settings = Settings()
    _put(store, [a for a, _ in fixture_articles()])
    group_pending(store, settings)
    store.add_story_redirect("old-story", "lu-01")
    store.add_story_redirect("older-story", "old-story")
    assert store.get_story("old-story").id == "lu-01"
    assert store.get_story("older-story").id == "lu-01"
    assert store.story_id_taken("old-story")


def test_cli_group_stories_story_and_export(tmp_path) -> None:
    from newsdesk.store import Store

    db = tmp_path / "cli.db"
    s = Store(db)
    _put(s, [a for a, _ in fixture_articles()])
    s.close()
    runner = CliRunner()
    out = runner.invoke(app, ["--db", str(db), "group"])
    assert out.exit_code == 0, out.output
    assert "11 articles grouped" in out.output
    out = runner.invoke(app, ["--db", str(db), "stories"])
    assert out.exit_code == 0 and "4 stories" in out.output
    out = runner.invoke(app, ["--db", str(db), "story", "lu-01"])
    assert out.exit_code == 0 and "started the story" in out.output and "lu-03" in out.output
    out = runner.invoke(app, ["--db", str(db), "story", "nope"])
    assert out.exit_code == 1
    target = tmp_path / "stories.jsonl"
    out = runner.invoke(app, ["--db", str(db), "export", "stories", "--out", str(target)])
    assert out.exit_code == 0
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 4 and set(rows[0]) >= {
        "id",
        "articles",
        "timeline",
        "people",
        "title",
        "slug",
    }
    out = runner.invoke(app, ["--db", str(db), "export", "stories", "--format", "json"])
    assert out.exit_code == 0 and len(json.loads(out.stdout)) == 4
    out = runner.invoke(app, ["--db", str(db), "export", "stories", "--format", "xml"])
    assert out.exit_code == 2


def test_cli_eval_grouping_jsonl(tmp_path) -> None:
    data = write_jsonl(tmp_path / "gold.jsonl")
    runner = CliRunner()
    out = runner.invoke(app, ["eval", "grouping", str(data), "--format", "jsonl", "--json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout)
    keys = {
        "bcubed_f1",
        "bcubed_precision",
        "bcubed_recall",
        "pairwise_f1",
        "stories",
        "clusters",
        "articles_per_second",
    }
    for mode in ("batch", "stream"):
        assert keys <= set(result[mode])
        assert result[mode]["bcubed_f1"] == 1.0
        assert result[mode]["stories"] == result[mode]["clusters"] == 4
    out = runner.invoke(app, ["eval", "grouping", str(data), "--format", "jsonl"])
    assert out.exit_code == 0 and "batch" in out.output and "stream" in out.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "title": "t"}\n', encoding="utf-8")
    out = runner.invoke(app, ["eval", "grouping", str(bad), "--format", "jsonl"])
    assert out.exit_code == 2 and "bad.jsonl:1" in out.output


def test_a_backlog_is_grouped_in_runs_of_chunk_articles(store, monkeypatch) -> None:
    import newsdesk.group as group

    monkeypatch.setattr(group, "CHUNK", 4)
    seen: list[tuple[int, int]] = []
    _put(store, [a for a, _ in fixture_articles()])
    report = group_pending(store, Settings(), progress=lambda _s, d, t: seen.append((d, t)))
    assert report.done == 11
    assert seen[-1] == (11, 11)
    assert store.get_state("group.last_seq") == 11
    assert _partition(store) == {
        frozenset({"lu-01", "lu-02", "lu-03"}),
        frozenset({"metro-01", "metro-02", "metro-03"}),
        frozenset({"xang-01", "xang-02"}),
        frozenset({"bong-01", "bong-02", "bong-03"}),
    }
