"""Dates in the article page: a machine-readable <time> only for values HTML accepts."""

from __future__ import annotations

from newsdesk.model import TimeRef, Understanding
from newsdesk.web.highlight import render_sentence, sentence_marks


def _render(ref: TimeRef, sentence: str) -> str:
    u = Understanding(article_id="a1", language="vi", sentences=[sentence], dates=[ref])
    return render_sentence(sentence, sentence_marks(u)[0])


def test_a_resolved_day_is_a_time_element() -> None:
    html = _render(TimeRef("ngày 16/10", "2026-10-16", "day", 0), "Mưa lớn từ ngày 16/10.")
    assert '<time class="date" datetime="2026-10-16">ngày 16/10</time>' in html


def test_a_date_without_its_year_is_marked_but_claims_no_datetime() -> None:
    ref = TimeRef("chiều 16/10", "XXXX-10-16", "day", 0, unresolved=True)
    html = _render(ref, "Đến chiều 16/10, mưa đã ngớt.")
    assert "datetime" not in html
    assert '<mark class="date" title="XXXX-10-16">chiều 16/10</mark>' in html


def test_a_season_is_marked_but_claims_no_datetime() -> None:
    ref = TimeRef("mùa xuân năm nay", "2026-spring", "season", 0)
    html = _render(ref, "Chuyến thăm dự kiến vào mùa xuân năm nay.")
    assert "datetime" not in html and ">mùa xuân năm nay</mark>" in html
