"""Figures with Vietnamese number conventions, units, changes and what they measure."""

from __future__ import annotations

import pytest

from newsdesk.understand.figures import extract_figures, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.100", 1100),
        ("27,5", 27.5),
        ("790.800", 790800),
        ("1.234.567,89", 1234567.89),
        ("3.5", 3.5),
        ("2.3", 2.3),
        ("15", 15),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def rows(text: str) -> list[tuple]:
    return [(f.text, f.value, f.unit) for f in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngân sách gồm khoảng 1.100 tỷ yên.", [("1.100 tỷ yên", 1_100_000_000_000, "JPY")]),
        ("Cam kết đầu tư 550 tỷ USD vào Mỹ.", [("550 tỷ USD", 550_000_000_000, "USD")]),
        ("Thu ngân sách đạt 790.800 tỷ đồng.", [("790.800 tỷ đồng", 790_800_000_000_000, "VND")]),
        ("Giá 1,2 triệu đô la.", [("1,2 triệu đô la", 1_200_000, "USD")]),
        ("Lỗ 3 tỉ VND.", [("3 tỉ VND", 3_000_000_000, "VND")]),
        (
            "Có 5 nghìn người và 2 ngàn tấn hàng.",
            [("5 nghìn người", 5000, "person"), ("2 ngàn tấn", 2000, "tonne")],
        ),
        ("Tăng trưởng 1,8%.", [("1,8%", 1.8, "percent")]),
        ("Tăng 3 phần trăm.", [("3 phần trăm", 3, "percent")]),
        ("GDP giảm (-3,1%) so với năm trước.", [("-3,1%", -3.1, "percent")]),
        ("Vụ tai nạn làm 12 người chết.", [("12 người", 12, "person")]),
        ("Có 3 em học sinh bị thương.", [("3 em", 3, "person")]),
        ("Đường dài 300 km và rộng 20 m2.", [("300 km", 300, "km"), ("20 m2", 20, "m2")]),
        (
            "Có 50 chiếc máy bay và 6 đội bóng.",
            [("50 chiếc máy bay", 50, "vehicle"), ("6 đội", 6, "count")],
        ),
        (
            "Pin 2.300 mAh, chip 2.3GHz, bộ nhớ 16GB.",
            [("2.300 mAh", 2300, "mAh"), ("2.3GHz", 2.3, "GHz"), ("16GB", 16, "GB")],
        ),
        ("Lạm phát từ 7-7,2%.", [("7%", 7, "percent"), ("7,2%", 7.2, "percent")]),
        (
            "Phạt 150 triệu đồng, thêm 20 triệu.",
            [("150 triệu đồng", 150_000_000, "VND"), ("20 triệu", 20_000_000, "VND")],
        ),
    ],
)
def test_forms(text: str, expected: list[tuple]) -> None:
    got = rows(text)
    assert [(t, u) for t, _, u in got] == [(t, u) for t, _, u in expected]
    assert [v for _, v, _ in got] == pytest.approx([v for _, v, _ in expected])


@pytest.mark.parametrize(
    "text",
    [
        "Hai bên gặp nhau ngày 28/10/2025.",
        "Thỏa thuận ký năm 2025 và tháng 11/2025.",
        "Theo Điều 5 của luật, khoản 2.",
        "Đội nhà thắng 2-1 và tỷ số 21-19.",
        "Ông 45 tuổi, thi đấu 90 phút.",
        "Gấp 3 lần so với lần thứ 14.",
        "Điện thoại iPhone 6 chạy Android 4.3.",
        "Cuộc họp lúc 8.30 sáng.",
        "Gọi 0912.345.678 để hỏi.",
        "Có hai người và ba chiếc xe.",
        "Đứng top 10 và hạng 21.",
        "Đội U-23 Việt Nam.",
    ],
)
def test_not_figures(text: str) -> None:
    assert extract_figures(text) == []


def test_change_from_to() -> None:
    figures = extract_figures("Ông Trump đã giảm mức thuế đối với ô tô từ 27,5% xuống còn 15%.")
    assert [(f.text, f.value, f.change_from, f.change_to, f.of) for f in figures] == [
        ("27,5%", 27.5, None, None, "thuế đối với ô tô"),
        ("15%", 15.0, 27.5, 15.0, "thuế đối với ô tô"),
    ]


def test_of_after_a_percentage() -> None:
    [a] = extract_figures("Tăng chi tiêu quốc phòng lên 2% GDP.")
    assert (a.text, a.of) == ("2%", "GDP")
    [b] = extract_figures("Nâng chi tiêu lên mức 2% Tổng sản phẩm quốc nội (GDP) trong năm nay.")
    assert (b.text, b.of) == ("2%", "Tổng sản phẩm quốc nội (GDP)")


def test_of_from_the_verb_and_from_cho() -> None:
    [a] = extract_figures("Nhật Bản cam kết đầu tư 550 tỷ USD vào Mỹ.")
    assert a.of == "đầu tư"
    [b] = extract_figures("Dự luật gồm 1.100 tỷ yên cho các chi phí quốc phòng.")
    assert b.of == "chi phí quốc phòng"


def test_sentence_and_offsets() -> None:
    text = "Mở đầu.\n\nGiá tăng 15%."
    [f] = extract_figures(text)
    assert f.sentence == 1 and text[f.start : f.start + len(f.text)] == "15%"
