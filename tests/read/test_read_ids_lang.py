"""Article ids and language identification."""

from __future__ import annotations

from newsdesk.read.ids import article_id
from newsdesk.understand.lang import detect_language, detector, paragraph_languages


def test_article_id_is_sixteen_hex_digits_of_the_content() -> None:
    a = article_id("Nội dung bài báo.", title="Tiêu đề", published="2025-01-02")
    assert len(a) == 16 and int(a, 16) >= 0
    assert a == article_id("  Nội dung   bài báo. ", title="TIÊU ĐỀ", published="2025-01-02")
    assert a != article_id("Nội dung bài báo khác.", title="Tiêu đề", published="2025-01-02")
    assert a != article_id("Nội dung bài báo.", title="Tiêu đề", published="2025-01-03")
    assert a != article_id(
        "Nội dung bài báo.", title="Tiêu đề", published="2025-01-02", salt="translation:vi"
    )


def test_languages() -> None:
    assert (
        detect_language("Thủ tướng Nhật Bản đã có cuộc điện đàm với Tổng thống Mỹ vào tối qua.")
        == "vi"
    )
    assert detect_language("高市首相は28日、トランプ大統領と会談した。") == "ja"
    assert detect_language("The prime minister met the president in Tokyo on Tuesday.") == "en"
    assert detect_language("윤석열 대통령은 오늘 기자회견을 열었다.") == "ko"
    assert detect_language("Le Premier ministre a rencontré le président à Tokyo mardi.") == "fr"
    assert detect_language("12 345 - !!") is None
    assert detect_language("") is None


def test_short_vietnamese_is_still_vietnamese() -> None:
    assert detect_language("Bão số 5 đổ bộ") == "vi"


def test_paragraph_languages_and_one_detector() -> None:
    assert paragraph_languages(["Xin chào các bạn thân mến.", "Good morning everyone.", "…"]) == [
        "vi",
        "en",
        None,
    ]
    assert detector() is detector()
