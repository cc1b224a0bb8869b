"""Stories from hand-built articles: grouping, determinism, stream vs batch, merge and split."""

from __future__ import annotations

import random

from group_fixtures import fixture_articles

from newsdesk.group.cluster import Grouper
from newsdesk.group.dedup import Deduper
from newsdesk.group.evaluate import bcubed, group_in_memory
from newsdesk.group.features import article_doc
from newsdesk.group.index import Member, StoryState, vec_add
from newsdesk.group.params import DEFAULT
from newsdesk.group.session import Session

GOLD = {
    "lu": {"lu-01", "lu-02", "lu-03"},
    "metro": {"metro-01", "metro-02", "metro-03"},
    "xang": {"xang-01", "xang-02"},
    "bong": {"bong-01", "bong-02", "bong-03"},
}


def _partition(where: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, story in where.items():
        groups.setdefault(story, set()).add(article)
    return {frozenset(g) for g in groups.values()}


def test_fixture_articles_form_their_four_stories_in_batch() -> None:
    items = [(a, None) for a, _ in fixture_articles()]
    where = group_in_memory(items)
    assert _partition(where) == {frozenset(g) for g in GOLD.values()}


def test_one_at_a_time_in_any_order_gives_the_same_stories() -> None:
    items = [(a, None) for a, _ in fixture_articles()]
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        where = group_in_memory(shuffled, one_at_a_time=True)
        assert _partition(where) == {frozenset(g) for g in GOLD.values()}, seed


def test_same_input_same_order_gives_the_same_ids_scores_and_reasons() -> None:
    items = [(a, None) for a, _ in fixture_articles()]

    def run() -> list[tuple[str, str | None, float, str]]:
        session = Session(Grouper(DEFAULT), Deduper(DEFAULT))
        return [(o.article_id, o.story_id, o.score, o.reason) for o in session.run(items)]

    first = run()
    assert first == run()
    story_ids = {sid for _, sid, _, _ in first}
    assert story_ids == {"lu-01", "metro-01", "xang-01", "bong-01"}  # the first article's id


def test_reasons_say_what_the_articles_share() -> None:
    items = [(a, None) for a, _ in fixture_articles()]
    session = Session(Grouper(DEFAULT), Deduper(DEFAULT))
    out = {o.article_id: o for o in session.run(items)}
    assert out["lu-01"].reason == "started the story"
    assert out["lu-02"].reason.startswith("similarity ")
    assert "quảng nam" in out["lu-02"].reason or "thu bồn" in out["lu-02"].reason


def test_ten_months_apart_is_not_the_same_story() -> None:
    arts = [a for a, story in fixture_articles() if story == "xang"]
    late = arts[1]
    moved = type(late)(**{**late.as_dict(), "id": "xang-late", "published": "2025-07-19T15:30:00"})
    where = group_in_memory([(arts[0], None), (moved, None)])
    assert where["xang-01"] != where["xang-late"]
    near = group_in_memory([(arts[0], None), (late, None)])
    assert near["xang-01"] == near["xang-02"]


def _state(grouper: Grouper, story_id: str, seq: int, docs: list) -> StoryState:
    st = StoryState(id=story_id, seq=seq)
    for doc in docs:
        vec = grouper.vectorize(doc)
        st.members.append(Member(doc.id, doc.day, 1.0, "test", vec.keys, vec.vals))
        st.ckeys, st.cvals = vec_add(st.ckeys, st.cvals, vec.keys, vec.vals)
        st.span(doc.day)
    return st


def test_two_stories_that_are_one_are_merged_into_the_older() -> None:
    grouper = Grouper(DEFAULT)
    docs = [article_doc(a, None, DEFAULT) for a, _ in fixture_articles()]
    for d in docs:
        grouper.observe(d)
    lu = [d for d in docs if d.id.startswith("lu")]
    grouper.load([_state(grouper, "A", 0, lu[:2]), _state(grouper, "B", 1, lu[2:])], None)
    assert grouper.correct("B") == "A"
    assert set(grouper.stories) == {"A"}
    assert [c.kind for c in grouper.changes] == ["merge"]
    assert (grouper.changes[0].source, grouper.changes[0].target) == ("B", "A")
    assert {m.id for m in grouper.stories["A"].members} == {"lu-01", "lu-02", "lu-03"}


def test_a_story_that_drifted_is_split() -> None:
    grouper = Grouper(DEFAULT)
    docs = [article_doc(a, None, DEFAULT) for a, _ in fixture_articles()]
    for d in docs:
        grouper.observe(d)
    drifted = [d for d in docs if d.id.startswith(("metro", "bong"))]
    grouper.load([_state(grouper, "S", 0, drifted)], None)
    assert grouper.correct("S") == "S"
    parts = {frozenset(m.id for m in st.members) for st in grouper.stories.values()}
    assert parts == {frozenset(GOLD["metro"]), frozenset(GOLD["bong"])}
    split = [c for c in grouper.changes if c.kind == "split"]
    assert len(split) == 1 and split[0].source == "S"
    assert split[0].target in {"metro-01", "bong-01"}


def test_batch_and_stream_score_alike_on_the_fixtures() -> None:
    labelled = fixture_articles()
    gold = {a.id: s for a, s in labelled}
    items = [(a, None) for a, _ in labelled]
    batch = bcubed(group_in_memory(items), gold)[2]
    stream = bcubed(group_in_memory(items[::-1], one_at_a_time=True), gold)[2]
    assert batch == stream == 1.0


def test_a_date_found_in_the_text_does_not_retire_the_stories_in_memory() -> None:
    """An undated report whose only date is one its text mentions (a law's effective date, a
    deadline) months ahead: it still joins its story, and later undated reports still find it."""
    from newsdesk.model import Understanding

    lu = {a.id: a for a, story in fixture_articles() if story == "lu"}
    first = lu["lu-01"]
    far = type(first)(**{**lu["lu-02"].as_dict(), "published": None})
    late = type(first)(**{**lu["lu-03"].as_dict(), "published": None})
    ahead = Understanding(article_id=far.id, language="vi", anchor="2025-07-01")
    assert article_doc(far, ahead, DEFAULT).day_from_text
    assert not article_doc(first, None, DEFAULT).day_from_text
    for one_at_a_time in (False, True):
        where = group_in_memory(
            [(first, None), (far, ahead), (late, None)], one_at_a_time=one_at_a_time
        )
        assert where == {"lu-01": "lu-01", "lu-02": "lu-01", "lu-03": "lu-01"}, one_at_a_time


def _observed_grouper() -> tuple[Grouper, list]:
    grouper = Grouper(DEFAULT)
    docs = [article_doc(a, None, DEFAULT) for a, _ in fixture_articles()]
    for d in docs:
        grouper.observe(d)
    return grouper, docs


def test_a_story_of_three_events_is_split_into_three() -> None:
    grouper, docs = _observed_grouper()
    mixed = [d for d in docs if d.id.startswith(("metro", "bong", "xang"))]
    grouper.load([_state(grouper, "S", 0, mixed)], None)
    assert grouper.correct("S") == "S"
    parts = {frozenset(m.id for m in st.members) for st in grouper.stories.values()}
    assert parts == {frozenset(GOLD[k]) for k in ("metro", "bong", "xang")}
    assert [c.kind for c in grouper.changes] == ["split", "split"]
    assert grouper.stories["S"].n == 3  # the biggest group keeps the id (ties: the oldest)


def test_a_lone_misfit_moves_to_the_story_it_belongs_to() -> None:
    grouper, docs = _observed_grouper()
    by_id = {d.id: d for d in docs}
    lu = [by_id[i] for i in sorted(GOLD["lu"])]
    xang = [by_id["xang-01"]]
    grouper.load(
        [_state(grouper, "L", 0, [*lu, by_id["xang-02"]]), _state(grouper, "X", 1, xang)], None
    )
    grouper.touched = {"L"}
    grouper.settle()
    assert {m.id for m in grouper.stories["L"].members} == GOLD["lu"]
    assert {m.id for m in grouper.stories["X"].members} == GOLD["xang"]
    moved = grouper.stories["X"].members[-1]
    assert moved.id == "xang-02" and moved.reason.startswith("moved from L: similarity ")
    assert [(c.kind, c.source, c.target) for c in grouper.changes] == [("move", "L", "X")]


def test_a_lone_misfit_with_nowhere_better_to_go_stays() -> None:
    grouper, docs = _observed_grouper()
    by_id = {d.id: d for d in docs}
    members = [by_id[i] for i in sorted(GOLD["lu"])] + [by_id["xang-02"]]
    grouper.load([_state(grouper, "L", 0, members)], None)
    grouper.touched = {"L"}
    grouper.settle()
    assert set(grouper.stories) == {"L"}
    assert grouper.stories["L"].n == 4 and grouper.changes == []


def test_a_story_of_one_article_merging_is_a_late_join() -> None:
    """Merging a one-article story is that article joining late: the join threshold applies;
    stories of two or more merge only at the merge threshold."""
    strict = DEFAULT.with_overrides(merge_threshold=0.99)
    grouper = Grouper(strict)
    docs = [article_doc(a, None, strict) for a, _ in fixture_articles()]
    for d in docs:
        grouper.observe(d)
    by_id = {d.id: d for d in docs}
    lu = [by_id[i] for i in sorted(GOLD["lu"])]
    grouper.load([_state(grouper, "A", 0, lu[:2]), _state(grouper, "B", 1, lu[2:])], None)
    assert grouper.correct("B") == "A"
    grouper = Grouper(strict)
    for d in docs:
        grouper.observe(d)
    bong = [by_id[i] for i in sorted(GOLD["bong"])]
    grouper.load([_state(grouper, "A", 0, lu[:2]), _state(grouper, "B", 1, [lu[2], bong[0]])], None)
    assert grouper.correct("B") == "B" and set(grouper.stories) == {"A", "B"}
