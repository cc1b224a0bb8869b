"""The people rules of UNDERSTAND_VERSION 7, on sentences and an article of our own: a one-syllable
word that starts bodies (``Báo``, ``Ban``) ending a Vietnamese name, universities written ``ĐH``
named after people, a school level after a teacher's honorific, examples after a singular person
noun and ``như`` (full names only), abbreviated Vietnamese names with no cue, a foreign surname
misspelt once by one vowel, more verbs only people do, a given name after Văn/Thị that is also a
common word, a nationality after field words, bracketed remarks inside lists, composers, and
magazines, brands and directions that are no people."""

from __future__ import annotations

import pytest
from people_helpers import FIXTURES, mentions, people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word that starts bodies ends a family name and one more syllable when no body follows
        ("Theo GS.TS Trần Văn Báo, chương trình cần đổi mới.", {"Trần Văn Báo"}),
        ("Ông Lê Văn Ban cho biết sẽ về quê.", {"Lê Văn Ban"}),
        # ... but a body that has a name of its own still ends the person's name
        ("Ông Nguyễn Văn Hùng Báo Thanh Niên cho biết.", {"Nguyễn Văn Hùng"}),
        # a university written ĐH is named after a person, it is not one
        ("Buổi lễ diễn ra tại Trường ĐH Phan Châu Trinh chiều qua.", set()),
        ("Sinh viên ĐH Phan Châu Trinh đã giành giải.", set()),
        (
            "TS Nguyễn Mạnh Hùng - hiệu trưởng Trường ĐH Phan Châu Trinh, phát biểu.",
            {"Nguyễn Mạnh Hùng"},
        ),
        (
            "Hiệu trưởng Trường THPT Lê Quý Đôn Nguyễn Văn Nam cho biết.",
            {"Nguyễn Văn Nam"},
        ),
        ("Giáo sư Michael Clarke thuộc ĐH Griffith (Úc) cho biết.", {"Michael Clarke"}),
        # a school level after a teacher's honorific is what she teaches
        ("Giải nhất thuộc về cô giáo tiểu học Lê Thị Mai (Hải Dương).", {"Lê Thị Mai"}),
        ("Thầy giáo mầm non Trần Văn Tú đã được khen.", {"Trần Văn Tú"}),
        # ... a school is still a school
        ("Trường tiểu học Nguyễn Văn Trỗi được khen.", set()),
        ("Học sinh tiểu học Nguyễn Văn Trỗi được khen.", set()),
        # examples after a singular person noun: full names only
        (
            "Cô từng hẹn hò với ngôi sao bóng đá như Bakary Sagnol hay Yoann Gourdin.",
            {"Bakary Sagnol", "Yoann Gourdin"},
        ),
        ("Cầu thủ như Duval thì hiếm.", set()),
        ("Các đối thủ như Samsung Galaxy hay Nokia Lumia đều giảm giá.", set()),
        # an abbreviated Vietnamese name with no cue in front
        (
            "Ông Hải thấy người phụ nữ tên Trần Thị K.L. đi đến khu vực này.",
            {"Hải", "Trần Thị K.L."},
        ),
        ("Nghi phạm là Trần Văn K.H. (32 tuổi) đã bị bắt.", {"Trần Văn K.H."}),
        # verbs only people do
        ("Sau trận, Mourinho bộc bạch rằng đội đã chơi tốt.", {"Mourinho"}),
        # after Văn/Thị comes a given name, even one that is also a common word
        ("Đối tượng Phan Văn Sáng (sinh năm 1990) bị bắt.", {"Phan Văn Sáng"}),
        # a title's initials glued by a hyphen are not part of the name
        ("Ông Trần Nghĩa-ĐBQH tỉnh Quảng Nam nhìn nhận như vậy.", {"Trần Nghĩa"}),
        # a nationality after field words, before the name
        (
            "Anh từng hẹn hò với cô nàng chuyển giới người Bỉ Lara Vermeulen.",
            {"Lara Vermeulen"},
        ),
        # a bracketed remark ends a list item, the list goes on
        (
            "Anh từng chinh phục những người đẹp như Safira, Lena Corra, Mira (em gái Lena), "
            "Jenny Bartolo hay Audra.",
            {"Safira", "Lena Corra", "Mira", "Jenny Bartolo", "Audra"},
        ),
        # the composer of a song
        ("Bài hát là sáng tác của Tiến Khoa, được nhiều người yêu thích.", {"Tiến Khoa"}),
        # a magazine, a brand with its exclamation mark, two directions
        ("Theo tuần báo Panorama (Ý), có 46 triệu cuộc gọi bị nghe lén.", set()),
        ("Người phát ngôn Yahoo! khẳng định không hợp tác.", set()),
        ("Cán cân quân bình Nam-Bắc thay đổi.", set()),
        # a foreign name does not run on into the next sentence's Vietnamese word
        (
            "Ngoại trưởng Ấn Độ Rajan Mehrotra Tuyên bố của ông Mehrotra đưa ra hôm qua.",
            {"Rajan Mehrotra"},
        ),
        # ... a Vietnamese name may end in the only syllable with a diacritic
        ("Chủ nhiệm Phan Trung Lý cho biết dự thảo đã sửa.", {"Phan Trung Lý"}),
        # particles do not count towards the length of a name
        (
            "Nhà vua Abdullah bin Abdul Aziz al Saud của Saudi Arabia có mặt.",
            {"Abdullah bin Abdul Aziz al Saud"},
        ),
        # a hyphen before a Vietnamese title word is no part of a foreign name
        ("Giáo sư Kim Teg Won-Giám đốc Viện Đông y cho biết.", {"Kim Teg Won"}),
        ("Ông Kim Jong-un nói vậy.", {"Kim Jong-un"}),
    ],
)
def test_v7_people_rules(text: str, expected: set[str]) -> None:
    assert people(text) == expected


def test_a_surname_misspelt_once_is_the_same_person() -> None:
    text = (
        "Ông Reade phát biểu tại Geneva. Ông Reade nói rằng sẽ trở về sớm. "
        "Ông Reada cũng cho biết sẽ gặp đại sứ."
    )
    assert mentions(text) == {"Reade": {"Reade", "Reada"}}


def test_two_spellings_each_written_once_stay_apart() -> None:
    # no spelling is the usual one: nothing says which is the typo
    text = "Ông Reade phát biểu tại Geneva. Ông Reada cũng cho biết sẽ gặp đại sứ."
    assert people(text) == {"Reade", "Reada"}


def test_names_differing_by_a_consonant_stay_apart() -> None:
    text = "Ông Mark Hale phát biểu. Ông Hale nói. Ông Hale đi. Ông Haye cho biết sẽ về."
    assert people(text) == {"Mark Hale", "Haye"}


def test_people_of_our_v7_fixture_article() -> None:
    text = (FIXTURES / "hoi_thi_giao_vien.txt").read_text(encoding="utf-8")
    assert mentions(text) == {
        "Hoàng Thị Lụa": {"Hoàng Thị Lụa", "Lụa"},
        "Vương Đình Báo": {"Vương Đình Báo"},
        "Đặng Văn K.T.": {"Đặng Văn K.T."},
        "Gerrard Whelan": {"Gerrard Whelan", "Whelan", "Whelen"},
        "Mikael Strandberg": {"Mikael Strandberg"},
        "Pasi Sahlberg": {"Pasi Sahlberg"},
    }


def test_a_name_glued_to_the_next_word_is_cut() -> None:
    text = "Diễn viên Moon Geun Young tham gia phim. Moon Geun Youngđã nhận lời."
    assert mentions(text) == {"Moon Geun Young": {"Moon Geun Young"}}


def test_a_given_name_joins_the_full_name_just_named() -> None:
    # two full names end in "Dũng": the one named in the sentence before takes "ông Dũng"
    text = (
        "Tiền vệ Lê Hùng Dũng ghi bàn ở phút 80. Trận sau, đội vẫn thiếu người. "
        "Dẫn dắt đội là HLV Đinh Văn Dũng. Giúp việc cho ông Dũng là hai trợ lý."
    )
    assert mentions(text) == {
        "Lê Hùng Dũng": {"Lê Hùng Dũng"},
        "Đinh Văn Dũng": {"Đinh Văn Dũng", "Dũng"},
    }


def test_a_given_name_two_recent_full_names_hold_stays_apart() -> None:
    text = "HLV Đinh Văn Dũng và trợ lý Lê Hùng Dũng có mặt. Ông Dũng nói đội đã sẵn sàng."
    assert people(text) == {"Đinh Văn Dũng", "Lê Hùng Dũng", "Dũng"}
