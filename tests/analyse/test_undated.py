"""An undated article's day-month dates take their year from the story's dated members
(samples/typhoon_central: 04 has no date and says "chiều 16/10"; 03 is dated 16/10/2026)."""

from __future__ import annotations

from pathlib import Path

from newsdesk.analyse import analyse_story
from newsdesk.model import Article, Story, StoryArticle, Understanding
from newsdesk.read import read_document
from newsdesk.understand import understand_article

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "typhoon_central"


def _read(name: str) -> tuple[Article, Understanding]:
    article = read_document((SAMPLES / name).read_bytes(), f"samples/typhoon_central/{name}")[0]
    return article, understand_article(article)


def _story(*pairs: tuple[Article, Understanding]) -> Story:
    return Story(
        id="typhoon",
        articles=[StoryArticle(a.id, a.source, a.outlet, a.published) for a, _ in pairs],
    )


def test_undated_article_keeps_its_day_month_dates_unresolved() -> None:
    article, u = _read("04_tintuc24h.txt")
    assert article.published is None
    assert [(r.text, r.value, r.unresolved, r.anchor) for r in u.dates] == [
        ("chiều 16/10", "XXXX-10-16", True, None),
        ("rạng sáng 15/10", "XXXX-10-15", True, None),
        ("ngày 16/10", "XXXX-10-16", True, None),
        ("ngày 19/10", "XXXX-10-19", True, None),
    ]


def test_story_dates_the_undated_member_and_finds_the_toll_disagreement() -> None:
    dated, undated = _read("03_baodatviet.html"), _read("04_tintuc24h.txt")
    arts = {a.id: a for a, _ in (dated, undated)}
    unds = {u.article_id: u for _, u in (dated, undated)}
    story = analyse_story(_story(dated, undated), arts, unds)
    undated_id = undated[0].id
    cited = sorted(
        (e.date, c.text, c.year_from_story)
        for e in story.timeline
        for c in e.citations
        if c.article == undated_id
    )
    assert cited == [
        ("2026-10-15", "rạng sáng 15/10", True),
        ("2026-10-16", "chiều 16/10", True),
        ("2026-10-16", "ngày 16/10", True),
    ]  # "từ ngày 19/10" opens a span: no event of its own
    assert all(
        not c.year_from_story
        for e in story.timeline
        for c in e.citations
        if c.article != undated_id
    )
    deaths = [
        sorted(s.value for s in d.sides)
        for d in story.disagreements
        if {undated_id, dated[0].id} <= {c.article for s in d.sides for c in s.citations}
    ]
    assert deaths == [["12 người", "14 người"], ["3 người", "5 người"]]
    assert undated[0].published is None  # never invented
    assert unds[undated_id].dates[0].value == "XXXX-10-16"  # the stored record is untouched


def test_story_without_a_dated_member_dates_nothing() -> None:
    undated = _read("04_tintuc24h.txt")
    arts, unds = {undated[0].id: undated[0]}, {undated[1].article_id: undated[1]}
    story = analyse_story(_story(undated), arts, unds)
    assert [e.date for e in story.timeline if "XXXX" in e.date or "10-16" in e.date] == []
