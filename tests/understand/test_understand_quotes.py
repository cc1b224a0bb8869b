"""Direct quotes and their speakers."""

from __future__ import annotations

from newsdesk.understand.quotes import extract_quotes


def speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, " ".join(q.text.split()[:3])) for q in extract_quotes(text)]


def test_speaker_before_and_after() -> None:
    text = (
        "Thủ tướng Sanae Takaichi đến Mỹ. Thủ tướng Takaichi nhấn mạnh: “Tôi mong muốn và rất vui "
        "mừng khi được hợp tác.” Tổng thống Donald Trump đáp lời.\n\n"
        "“Chúng tôi có những loại khí tài tiên tiến nhất thế giới”, Tổng thống Trump nói."
    )
    assert speakers(text) == [
        ("Sanae Takaichi", "Tôi mong muốn"),
        ("Donald Trump", "Chúng tôi có"),
    ]


def test_a_bare_title_names_the_only_holder() -> None:
    text = (
        "Thủ tướng Phạm Minh Chính chủ trì. Phát biểu tại cuộc họp, Thủ tướng nhấn mạnh: "
        "“Không để người dân nào bị đói.”"
    )
    assert speakers(text) == [("Phạm Minh Chính", "Không để người")]


def test_partial_quote_inside_reported_speech() -> None:
    text = "Tổng thống Trump khẳng định hai nước sẽ có “một mối quan hệ tuyệt vời nhất”."
    assert speakers(text) == [("Trump", "một mối quan")]


def test_short_terms_in_quotes_are_not_quotes() -> None:
    assert extract_quotes("Hai bên xây dựng “kỷ nguyên vàng” và “Golden Dome”.") == []


def test_unknown_speaker_is_none() -> None:
    [q] = extract_quotes("Người dân nói rằng “chúng tôi cần thêm nước sạch và lương thực”.")
    assert q.speaker is None
