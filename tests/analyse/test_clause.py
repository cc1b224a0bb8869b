"""Clause trimming, planned markers, dates and numbers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.analyse.clause import event_clause, is_planned
from newsdesk.analyse.disagreements import format_figure, format_number
from newsdesk.analyse.text import compatible_dates, cut_words, date_later, display_date


def _clause(sentence: str, date: str) -> str:
    pos = sentence.index(date)
    return event_clause(sentence, pos, pos + len(date))


def test_reported_content_is_kept_apart_from_the_reporting():
    s = (
        "Hãng tin Minh Long ngày 3/4 dẫn lời giới chức địa phương cho biết tỉnh sẽ khởi công "
        "tuyến cao tốc mới vào tháng 6 tới."
    )
    assert _clause(s, "tháng 6 tới") == "Tỉnh sẽ khởi công tuyến cao tốc mới vào tháng 6 tới"
    assert _clause(s, "ngày 3/4").startswith("Hãng tin Minh Long ngày 3/4 dẫn lời giới chức")


def test_scene_setting_clauses_are_widened_to_the_predicate():
    s = (
        "Trước đó, ngày 2/5, tại trụ sở Bộ Tài chính, hai bên đã ký biên bản ghi nhớ về "
        "hợp tác đầu tư."
    )
    assert _clause(s, "ngày 2/5") == (
        "Ngày 2/5, tại trụ sở Bộ Tài chính, hai bên đã ký biên bản ghi nhớ về hợp tác đầu tư"
    )


def test_planned_markers_outside_reported_speech():
    assert is_planned("Hội nghị dự kiến diễn ra vào ngày 29")
    assert is_planned("Ngày 28 sẽ diễn ra hội nghị cấp cao")
    assert not is_planned("Hai nhà lãnh đạo cam kết sẽ tăng cường hợp tác")
    assert not is_planned("Hai bên đã ký biên bản ghi nhớ")


@given(st.text(alphabet="abcđêơ ạ,;:-.ÁÀ0123456789/", min_size=1, max_size=300), st.data())
def test_event_clause_is_a_piece_of_the_sentence(sentence, data):
    start = data.draw(st.integers(0, len(sentence) - 1))
    clause = event_clause(sentence, start)
    body = clause.removesuffix("…")
    assert len(clause) <= 180
    if body:
        assert body[1:] in sentence
        assert body[0].lower() in sentence.lower()


def test_dates_read_and_compared_at_their_granularity():
    assert display_date("2025-10-28", "day") == "28/10/2025"
    assert display_date("2026-01", "month") == "tháng 1/2026"
    assert display_date("2025", "year") == "năm 2025"
    assert display_date("2026-spring", "season") == "mùa xuân 2026"
    assert date_later("2026-01", "2025-12-06")
    assert not date_later("2025-12", "2025-12-06")
    assert compatible_dates("2025", "2025-10-28") and not compatible_dates("2025", "2027")


def test_numbers_in_vietnamese_convention():
    assert format_number(1_100_000_000_000) == "1.100.000.000.000"
    assert format_number(27.5) == "27,5"
    assert format_figure(15, "percent") == "15%"
    assert cut_words("một hai ba bốn năm sáu", 12) == "một hai ba…"
