"""A relative date inside a reused passage about an earlier time stays out of the timeline."""

from __future__ import annotations

from newsdesk.analyse import analyse_story
from newsdesk.model import Article, Story, StoryArticle
from newsdesk.understand import understand_article

# Written by the team: a December report that reuses an October paragraph, whose "tuần trước"
# meant the week before 20/10, not the week before the report.
REUSED = """Chiều 10/12, Bộ Giao thông vận tải họp với các nhà thầu về tiến độ cầu Rạch Miễu 2.

Bộ trưởng yêu cầu hợp long cầu chính trước ngày 30/12 và báo cáo hằng tuần.

Trước đó, ngày 20/10, liên danh nhà thầu đã ký phụ lục hợp đồng bổ sung 12 tỷ đồng cho phần móng trụ.

Đại diện liên danh cho biết khi đó công trường vừa lắp xong xe đúc hẫng vào tuần trước và đang chờ thép từ Hải Phòng.

Ngày 24/10, đoàn kiểm tra của Bộ đã đến công trường và ghi nhận khối lượng đạt 60%.
"""

# The same words, but the paragraphs around "tuần trước" are about this week.
CURRENT = """Chiều 10/12, Bộ Giao thông vận tải họp với các nhà thầu về tiến độ cầu Rạch Miễu 2.

Ngày 8/12, liên danh nhà thầu đã ký phụ lục hợp đồng bổ sung 12 tỷ đồng cho phần móng trụ.

Đại diện liên danh cho biết công trường vừa lắp xong xe đúc hẫng vào tuần trước và đang chờ thép từ Hải Phòng.

Ngày 9/12, đoàn kiểm tra của Bộ đã đến công trường và ghi nhận khối lượng đạt 60%.
"""


def _timeline_dates(body: str) -> list[tuple[str, str]]:
    article = Article(
        id="bridge-report",
        source="fixtures/bridge.txt",
        shape="plain_text",
        body=body,
        language="vi",
        title="Cầu Rạch Miễu 2 chậm tiến độ",
        published="2026-12-10T15:00:00",
        outlet="Tin Giao Thông",
    )
    u = understand_article(article)
    story = Story(id="bridge", articles=[StoryArticle(article.id, article.source, None, None)])
    result = analyse_story(story, {article.id: article}, {u.article_id: u})
    return [(e.date, c.text) for e in result.timeline for c in e.citations]


def test_a_relative_week_inside_an_october_passage_is_left_out() -> None:
    dates = _timeline_dates(REUSED)
    assert ("2026-10-20", "ngày 20/10") in dates
    assert ("2026-10-24", "Ngày 24/10") in dates
    assert all(text != "tuần trước" for _, text in dates)


def test_the_same_week_in_a_passage_about_this_week_stays() -> None:
    dates = _timeline_dates(CURRENT)
    assert ("2026-11-30", "tuần trước") in dates
