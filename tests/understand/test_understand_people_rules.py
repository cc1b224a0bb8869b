"""People without a title, and the other rules of UNDERSTAND_VERSION 2 (people, quotes,
figures), on sentences of our own."""

from __future__ import annotations

import pytest
from people_helpers import people

from newsdesk.understand.entities import extract_entities
from newsdesk.understand.figures import extract_figures
from newsdesk.understand.quotes import extract_quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of Vietnamese names with no title and no known member
        (
            "Những năm 1990, Hồng Ngọc, Bảo Lâm, Tuấn Vũ và Thanh Lan là những giọng ca ăn khách.",
            {"Hồng Ngọc", "Bảo Lâm", "Tuấn Vũ", "Thanh Lan"},
        ),
        # two names joined by a dash, with no cue, are not taken for people: in news such a
        # pair is far more often a route ("Văn Cao - Hòa Lạc") than two partners
        ("Tuần này Quốc Khánh – Diệu Linh sẽ nhảy điệu rumba.", set()),
        ("Tuyến số 5 (Văn Cao - Hòa Lạc) sẽ được đầu tư tiếp.", set()),
        # a route between two places is no pair of partners
        ("Xe khách chạy hướng Suối Tiên - An Sương thì gặp nạn.", set()),
        # a foreign name right before a verb only people do
        # (and, since UNDERSTAND_VERSION 5, the one beaten is a person too)
        ("Trước đó, Federer đã đánh bại Murray ở vòng hai.", {"Federer", "Murray"}),
        # ... but not before a verb of saying, which companies and armies use too
        ("Đại diện Vinaphone cho biết mạng sẽ được nâng cấp.", set()),
        # who a quoted work is by
        ("Họ nhảy trên nền nhạc “Thriller” của Jackson trong đêm chung kết.", {"Jackson"}),
        # a plural honorific names a team, not a player
        ("Sau bàn thắng, các cầu thủ Arsenal lùi về phòng ngự.", set()),
        # a title followed by the body it belongs to
        ("Hiệu trưởng Trường Tiểu học Hòa Bình đã xin lỗi phụ huynh.", set()),
        # four syllables with a middle name are a whole name, even before a lowercase word
        ("Nhà cách mạng Lê Thị Hồng Gấm sinh năm 1951.", {"Lê Thị Hồng Gấm"}),
        # a country between an honorific and a person's name qualifies the honorific
        ("Ông gọi điện cho nhà lãnh đạo Đức Angela Merkel.", {"Angela Merkel"}),
        # a longer honorific wins over a shorter title ("Hậu vệ")
        ("Hậu vệ trái Văn Thanh dâng cao.", {"Văn Thanh"}),
        # a club in parentheses after a name
        ("Ghi bàn: Công Phượng (HA.GL), Văn Toàn (HA.GL).", {"Công Phượng", "Văn Toàn"}),
        # ... but not a city's abbreviation
        ("Nhà hàng trên đường Thích Quảng Đức (TP. Thủ Dầu Một) bị cháy.", set()),
        # a capitalised honorific at the start of a sentence is not part of the name
        ("Anh Trần Văn Lực, 30 tuổi, bị điện giật.", {"Trần Văn Lực"}),
        # "Mc" is part of a stage name, not the honorific MC
        ("Cả hai nhảy theo bài hát “U Can't Touch This” của Mc Hammer.", {"Mc Hammer"}),
        # Arabic particles glued by a hyphen
        ("Ông Saud al-Faisal tới Paris.", {"Saud al-Faisal"}),
        # a founder's name is not part of the company's
        ("Người sáng lập Tập đoàn Microsoft Bill Gates đứng thứ sáu.", {"Bill Gates"}),
        # an unlisted given name before a listed one
        ("Anh thua trước Juan Martin del Potro ở bán kết.", {"Juan Martin del Potro"}),
        # a one-letter syllable inside a name
        ("Bộ ảnh do nhà nhiếp ảnh Trần Á thực hiện.", {"Trần Á"}),
        # a folk song named like a person
        ("Cô hát liên khúc dân ca Lý Ngựa Ô rất ngọt.", set()),
    ],
)
def test_people_without_a_title(text: str, expected: set[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "role", "org"),
    [
        (
            "Giám đốc Sở Y tế Hà Nội Nguyễn Khắc Hiền cho biết dịch đã giảm.",
            "Nguyễn Khắc Hiền",
            "Giám đốc Sở Y tế Hà Nội",
            "Sở Y tế Hà Nội",
        ),
        (
            "Chủ tịch Hội Nông dân Việt Nam Lại Xuân Môn phát biểu.",
            "Lại Xuân Môn",
            "Chủ tịch Hội Nông dân Việt Nam",
            "Hội Nông dân Việt Nam",  # "Hội" starts a body's name (UNDERSTAND_VERSION 5)
        ),
        (
            "Tổng Giám đốc Tập đoàn FPT Nguyễn Văn Khoa cho biết.",
            "Nguyễn Văn Khoa",
            "Tổng Giám đốc Tập đoàn FPT",
            "Tập đoàn FPT",
        ),
    ],
)
def test_a_body_between_the_title_and_the_name_belongs_to_the_role(
    text: str, name: str, role: str, org: str | None
) -> None:
    ppl, orgs, _places = extract_entities(text)
    assert [(p.name, p.roles) for p in ppl] == [(name, [role])]
    assert [o.name for o in orgs] == ([org] if org else [])


def test_a_name_left_without_its_middle_name_is_the_same_person() -> None:
    text = (
        "Bà Phạm Thị Thanh Vân, Phó Giám đốc Sở Y tế, dự lễ. "
        "Phát biểu tại buổi lễ, bà Phạm Thanh Vân chúc mừng các em."
    )
    (vân,) = extract_entities(text)[0]
    assert vân.name == "Phạm Thị Thanh Vân"
    assert [m.text for m in vân.mentions] == ["Phạm Thị Thanh Vân", "Phạm Thanh Vân"]


def test_a_one_word_mention_with_a_wrong_tone_joins_the_full_name() -> None:
    text = "Thứ trưởng Phùng Quốc Hiển trình bày. Tuy vậy, ông Hiền cũng cho rằng còn dư địa."
    (hiển,) = extract_entities(text)[0]
    assert hiển.name == "Phùng Quốc Hiển"
    assert [m.text for m in hiển.mentions] == ["Phùng Quốc Hiển", "Hiền"]


def test_a_different_vowel_is_a_different_name() -> None:
    text = "Ông Trần Văn Hùng phát biểu. Sau đó ông Hưng đồng ý."
    assert people(text) == {"Trần Văn Hùng", "Hưng"}


def test_a_byline_with_its_agency_is_not_a_person() -> None:
    assert people("Tăng trưởng đạt 7%. Trần Minh Đức/VOV-Hà Nội") == set()


def test_a_cued_name_counts_wherever_the_article_repeats_it() -> None:
    text = (
        "Ca sĩ Hồng Nhung trở lại sân khấu. Khán giả đứng dậy khi Hồng Nhung hát. "
        "Cuối đêm, Hồng Nhung cảm ơn mọi người."
    )
    (nhung,) = extract_entities(text)[0]
    assert nhung.name == "Hồng Nhung"
    assert [m.sentence for m in nhung.mentions] == [0, 1, 2]


# ---------------------------------------------------------------- quotes: pronoun speakers

TWO = (
    "Bộ trưởng Tài chính Đinh Văn Lâm trình bày báo cáo. "
    "Bà Nguyễn Thị Hoa, đại biểu Hà Nội, đặt câu hỏi về thuế. "
    "Ông Trần Quốc Bảo, đại biểu Huế, cũng hỏi. "
)


def test_pronoun_before_the_quote_names_the_one_person_so_addressed() -> None:
    text = TWO + "Ông nói: “Chúng tôi cần cân nhắc kỹ mọi phương án trước khi quyết.”"
    (q,) = extract_quotes(text)
    assert q.speaker == "Trần Quốc Bảo"


def test_pronoun_after_the_quote() -> None:
    text = TWO + "“Thuế phải công bằng cho mọi người dân”, bà cho biết."
    (q,) = extract_quotes(text)
    assert q.speaker == "Nguyễn Thị Hoa"


def test_two_people_so_addressed_leave_the_speaker_unknown() -> None:
    text = (
        "Ông Nguyễn Văn An và ông Trần Văn Bình cùng dự họp. "
        "Ông nói: “Chúng tôi sẽ cân nhắc kỹ mọi phương án trước khi trình.”"
    )
    (q,) = extract_quotes(text)
    assert q.speaker is None


def test_a_person_addressed_only_by_title_is_not_an_ông() -> None:
    text = (
        "Bộ trưởng Đinh Văn Lâm trình bày báo cáo. "
        "Ông nói: “Chúng tôi sẽ cân nhắc kỹ mọi phương án trước khi trình.”"
    )
    (q,) = extract_quotes(text)
    assert q.speaker is None


# ---------------------------------------------------------------- figures: whole nouns


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Hãng bán được 30 triệu sản phẩm trong năm.", "30 triệu sản phẩm"),
        ("Tỉnh có 60 dự án đang chờ duyệt.", "60 dự án"),
        ("Đội thắng 2 trận đấu liên tiếp.", "2 trận đấu"),
        ("Tổng đài nhận 1.500 cuộc gọi mỗi ngày.", "1.500 cuộc gọi"),
        ("Có 6 đội tham dự.", "6 đội"),
    ],
)
def test_counted_noun_text_covers_the_whole_noun(text: str, figure: str) -> None:
    (f,) = extract_figures(text)
    assert f.text == figure and f.unit == "count"


def test_a_city_before_the_name_belongs_to_the_role() -> None:
    from newsdesk.understand.entities import extract_entities

    people, _orgs, places = extract_entities(
        "Chủ tịch UBND TP Hà Nội Nguyễn Quang Vinh cho biết thành phố sẽ làm tiếp tuyến số 2. "
        "Ông Vinh đề nghị bảo đảm an toàn."
    )
    assert [(p.name, p.roles) for p in people] == [("Nguyễn Quang Vinh", ["Chủ tịch UBND Hà Nội"])]
    assert [m.text for m in people[0].mentions] == ["Nguyễn Quang Vinh", "Vinh"]
    assert [p.name for p in places] == ["Hà Nội"]
