"""Vietnamese time expressions with exact resolved values."""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.understand.dates import extract_dates


def one(text: str, anchor: date | None) -> tuple[str, str, str, str | None]:
    refs = extract_dates(text, anchor)
    assert len(refs) == 1, refs
    r = refs[0]
    return r.text, r.value, r.granularity, r.end


DEC6 = date(2025, 12, 6)
OCT28 = date(2025, 10, 28)
JAN3 = date(2026, 1, 3)


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Jiji ngày 6/12 dẫn lời quan chức.", DEC6, ("ngày 6/12", "2025-12-06", "day", None)),
        ("Ký ngày 6/12/2025 tại Hà Nội.", JAN3, ("ngày 6/12/2025", "2025-12-06", "day", None)),
        (
            "Ngày 23-10, hàng nghìn người biểu tình.",
            OCT28,
            ("Ngày 23-10", "2025-10-23", "day", None),
        ),
        ("Có mưa hôm nay 23.10 ở Huế.", OCT28, ("hôm nay 23.10", "2025-10-23", "day", None)),
        (
            "Gặp nhau ngày 28 tháng 10 năm 2025.",
            JAN3,
            ("ngày 28 tháng 10 năm 2025", "2025-10-28", "day", None),
        ),
        ("Điện đàm vào tối ngày 2/1.", JAN3, ("tối ngày 2/1", "2026-01-02", "day", None)),
        ("Họ đến sáng 28/10.", OCT28, ("sáng 28/10", "2025-10-28", "day", None)),
        ("Ông sẽ thăm Mỹ vào tháng 1 tới.", DEC6, ("tháng 1 tới", "2026-01", "month", None)),
        (
            "Gặp lại tại Malaysia vào tháng 11/2025.",
            DEC6,
            ("tháng 11/2025", "2025-11", "month", None),
        ),
        ("Thỏa thuận ký hồi tháng 7.", DEC6, ("tháng 7", "2025-07", "month", None)),
        (
            "Lần đầu kể từ tháng 11 năm ngoái.",
            JAN3,
            ("tháng 11 năm ngoái", "2025-11", "month", None),
        ),
        ("Cuộc họp diễn ra vào tháng tới.", DEC6, ("tháng tới", "2026-01", "month", None)),
        ("Sẽ kiểm tra vào đầu tháng 1.", DEC6, ("đầu tháng 1", "2026-01", "month", None)),
        ("Giá đã tăng từ cuối tháng 9.", DEC6, ("cuối tháng 9", "2025-09", "month", None)),
        ("Nhật Bản nhậm chức năm ngoái.", JAN3, ("năm ngoái", "2025", "year", None)),
        ("Chi tiêu tăng trong năm nay.", JAN3, ("năm nay", "2026", "year", None)),
        ("Kế hoạch cho năm tới.", JAN3, ("năm tới", "2027", "year", None)),
        (
            "Đạt 2% GDP trong năm tài chính 2025.",
            OCT28,
            ("năm tài chính 2025", "2025", "year", None),
        ),
        ("Bảo đảm an ninh kể từ năm 1945.", None, ("năm 1945", "1945", "year", None)),
        (
            "Bà trở thành thủ tướng vào tuần trước.",
            DEC6,
            ("tuần trước", "2025-11-24", "range", "2025-11-30"),
        ),
        ("Mưa lớn từ hôm qua.", DEC6, ("hôm qua", "2025-12-05", "day", None)),
        (
            "Thăm Mỹ vào mùa xuân năm nay.",
            JAN3,
            ("mùa xuân năm nay", "2026-spring", "season", None),
        ),
        (
            "Lễ hội diễn ra từ 23/10 đến hết ngày 25/10.",
            OCT28,
            ("từ 23/10 đến hết ngày 25/10", "2025-10-23", "range", "2025-10-25"),
        ),
        (
            "Dự báo từ ngày 23 đến ngày 27 trời lạnh.",
            OCT28,
            ("ngày 23 đến ngày 27", "2025-10-23", "range", "2025-10-27"),
        ),
        ("Ký kết giai đoạn 2021-2025.", None, ("giai đoạn 2021-2025", "2021", "range", "2025")),
        ("Vụ việc xảy ra cách đây 2 ngày.", OCT28, ("cách đây 2 ngày", "2025-10-26", "day", None)),
        (
            "Hội nghị khai mạc thứ Hai tuần trước.",
            OCT28,
            ("thứ Hai tuần trước", "2025-10-20", "day", None),
        ),
        ("Ông đến Hà Nội hôm qua (27/10).", OCT28, ("hôm qua (27/10)", "2025-10-27", "day", None)),
    ],
)
def test_forms(text: str, anchor: date | None, expected: tuple) -> None:
    assert one(text, anchor) == expected


def test_day_only_uses_the_tense_of_its_clause() -> None:
    text = (
        "Ngày 27, Tổng thống đến Nhật Bản. Hội nghị dự kiến diễn ra vào ngày 30. "
        "Vào ngày 26, ông đã tham dự hội nghị."
    )
    values = [(r.text, r.value) for r in extract_dates(text, OCT28)]
    assert values == [
        ("Ngày 27", "2025-10-27"),
        ("ngày 30", "2025-10-30"),
        ("ngày 26", "2025-10-26"),
    ]


def test_day_after_the_anchor_day_in_the_past_is_last_month() -> None:
    [r] = extract_dates("Vụ tai nạn đã xảy ra ngày 28.", date(2026, 1, 3))
    assert r.value == "2025-12-28"


def test_a_bare_month_later_in_the_year_is_last_year() -> None:
    [r] = extract_dates("Bà nhậm chức vào tháng 10.", JAN3)
    assert r.value == "2025-10"


def test_a_future_month_is_the_next_one() -> None:
    [r] = extract_dates("Ông sẽ sang thăm vào tháng 3.", date(2025, 12, 6))
    assert r.value == "2026-03"


@pytest.mark.parametrize(
    "text",
    [
        "Thuế giảm từ 27,5% xuống còn 15%.",
        "Ngân sách 1.100 tỷ yên.",
        "Đội nhà thắng 2-1 trong trận đấu.",
        "Tiến Minh dẫn trước (8-5 và 13-10).",
        "Cuộc họp bắt đầu lúc 8.30 sáng.",
        "Gọi đường dây nóng 0912.345.678.",
        "Máy có thể kiểm tra từ 3-4 mét.",
        "Cô sẽ tạm xa quần vợt từ 2-3 năm.",
        "Đầu những năm 2000, ca sĩ nổi tiếng.",
        "Mỗi ngày 3 lần uống thuốc.",
        "Là thứ hai thế giới về xuất khẩu.",
        "Hoạt động 24/7 cả năm.",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert extract_dates(text, OCT28) == []


def test_without_an_anchor_the_latest_certain_date_is_used() -> None:
    refs = extract_dates("Ngày 28/10/2025 hai bên gặp nhau. Năm ngoái Nhật Bản đã cam kết.", None)
    assert [(r.text, r.value, r.anchor, r.anchor_from_text) for r in refs] == [
        ("Ngày 28/10/2025", "2025-10-28", "2025-10-28", True),
        ("Năm ngoái", "2024", "2025-10-28", True),
    ]


def test_without_any_anchor_only_self_contained_dates_come_back() -> None:
    refs = extract_dates("Năm ngoái, vào tháng 11/2025 và ngày 27, họ gặp nhau.", None)
    assert [(r.text, r.value) for r in refs] == [("tháng 11/2025", "2025-11")]


def test_sentence_index_and_offsets() -> None:
    text = "Câu đầu.\n\nHọ gặp nhau ngày 6/12."
    [r] = extract_dates(text, DEC6)
    assert r.sentence == 1
    assert text[r.start : r.start + len(r.text)] == "ngày 6/12"
    assert r.anchor == "2025-12-06"


FRI_OCT16 = date(2026, 10, 16)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the date written out is the only TimeRef, whatever the order
        (
            "Riêng ngày 4/10, rơi vào Chủ nhật, toàn tuyến đón hơn 110.000 lượt khách.",
            ("ngày 4/10", "2026-10-04", "day", None),
        ),
        ("Ngày 18/10 (Chủ nhật) tuyến sẽ chạy thêm.", ("Ngày 18/10", "2026-10-18", "day", None)),
        ("Chủ nhật (18/10) tuyến sẽ chạy thêm.", ("Chủ nhật (18/10)", "2026-10-18", "day", None)),
        (
            "Chủ nhật, ngày 18/10, tuyến sẽ chạy thêm.",
            ("Chủ nhật, ngày 18/10", "2026-10-18", "day", None),
        ),
        # past: the most recent such weekday on or before the anchor
        ("Hôm Chủ nhật, tuyến đón 110.000 khách.", ("Chủ nhật", "2026-10-11", "day", None)),
        ("Chủ nhật vừa qua, tuyến đón khách.", ("Chủ nhật vừa qua", "2026-10-11", "day", None)),
        ("Tuyến đã đón 110.000 khách vào Chủ nhật.", ("Chủ nhật", "2026-10-11", "day", None)),
        ("Thứ Sáu, ga đón 90.000 khách.", ("Thứ Sáu", "2026-10-16", "day", None)),
        ("Chủ nhật tuyến đón 110.000 khách.", ("Chủ nhật", "2026-10-11", "day", None)),
        # future: the next one, never the anchor day itself after "tới"
        ("Thứ Hai tới, giá vé tăng.", ("Thứ Hai tới", "2026-10-19", "day", None)),
        ("Thứ Sáu tới, giá vé tăng.", ("Thứ Sáu tới", "2026-10-23", "day", None)),
        ("Chủ nhật tuyến sẽ chạy thêm chuyến.", ("Chủ nhật", "2026-10-18", "day", None)),
        ("Chủ nhật này có thêm chuyến.", ("Chủ nhật này", "2026-10-18", "day", None)),
    ],
)
def test_weekdays_resolve_to_the_right_day(text: str, expected: tuple) -> None:
    assert one(text, FRI_OCT16) == expected


def test_sample_metro_page_has_no_wrong_sunday() -> None:
    from pathlib import Path

    from newsdesk.read import read_document

    samples = Path(__file__).resolve().parents[2] / "samples"
    data = (samples / "hanoi_metro" / "03_baoxaydung.html").read_bytes()
    article = read_document(data, "03_baoxaydung.html")[0]
    refs = extract_dates(article.body, date.fromisoformat(article.published[:10]))
    sunday = [r for r in refs if "Chủ nhật" in r.text or "4/10" in r.text]
    assert [(r.text, r.value) for r in sunday] == [("ngày 4/10", "2026-10-04")]
    assert "2026-10-18" not in {r.value for r in refs}
