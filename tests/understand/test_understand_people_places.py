"""Places that look like a person after a cue, colon-less photo credits and kinship cues
(UNDERSTAND_VERSION 4), on sentences of our own."""

from __future__ import annotations

import pytest
from people_helpers import people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Bà" that begins a province of the gazetteer is part of the place, not an honorific
        ("Xe khách rời tỉnh Bà Rịa – Vũng Tàu lúc 5 giờ sáng.", set()),
        ("Lãnh đạo tỉnh Bà Rịa-Vũng Tàu đã có mặt tại hiện trường.", set()),
        # ... while "bà" before a name is still one
        ("Bà Nguyễn Thị Hạnh cho biết gia đình đã nhận đủ tiền.", {"Nguyễn Thị Hạnh"}),
        # a name after "tại"/"ở" with a country in parentheses is a place
        ("Công ty có trụ sở tại Ohio (Mỹ) bị phạt vì vi phạm hợp đồng.", set()),
        ("Nhà máy ở Texas (Mỹ) đã ngừng hoạt động.", set()),
        # ... while a nationality in parentheses after a name still marks a person
        ("Tay vợt số 3 thế giới Ferrer (Tây Ban Nha) đã bị loại.", {"Ferrer"}),
        # a photo credit with no colon (agency and slash) is no person
        ("Bộ trưởng phát biểu tại buổi lễ. Ảnh TTXVN/Trần Văn Hòa phát biểu sau đó.", set()),
        # kinship words are person cues like "anh trai" and "chị gái"
        ("Cô đã song ca cùng em gái Thanh Mai trên sân khấu.", {"Thanh Mai"}),
        ("Anh cùng em trai Quốc Bảo mở một quán cà phê nhỏ.", {"Quốc Bảo"}),
        # a spokesperson honorific, the body spoken for, a country, then a foreign name
        (
            "Người phát ngôn Bộ Ngoại giao Hàn Quốc Cho Tai-young đã bác bỏ thông tin này.",
            {"Cho Tai-young"},
        ),
        (
            "Phát ngôn viên Bộ Quốc phòng Mỹ George Little nói rằng cuộc tập trận vẫn diễn ra.",
            {"George Little"},
        ),
        # "cho biết" typed without its space after an honorific and a one-word name
        ("Ông Wangcho biết đoàn sẽ rời thủ đô vào sáng mai.", {"Wang"}),
    ],
)
def test_places_credits_and_kinship(text: str, expected: set[str]) -> None:
    assert people(text) == expected
