"""The people rules of UNDERSTAND_VERSION 6, on sentences and articles of our own: apostrophes and
initials inside names, Arabic articles and initials in short forms, field words between an
honorific and a name, a head title after a name, examples after a plural person noun and
``như``, performers each beside a quoted song, a lone foreign word described by a person noun,
the facing verb later in the clause, and the gazetteer words that are no people."""

from __future__ import annotations

import pytest
from people_helpers import FIXTURES, mentions, people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an apostrophe between letters is part of the word
        ("Tướng Abu Sa'id bị thương trong vụ phục kích.", {"Abu Sa'id"}),
        ("Hậu vệ Kieran O'Hara rời sân vì chấn thương.", {"Kieran O'Hara"}),
        # ... but an English possessive is not
        ("Ông Mark Reed, Giám đốc hãng Jane's Defence, nhận định.", {"Mark Reed"}),
        # initials keep their dots, glued or spaced between foreign words
        ("Ngài Vitaly I.Churkin phát biểu tại phiên họp.", {"Vitaly I.Churkin"}),
        ("Theo ông Robert J. Lawson, thị trường sẽ hồi phục.", {"Robert J. Lawson"}),
        ("Bị can Trần Thị H.M. bị bắt tạm giam.", {"Trần Thị H.M."}),
        # a lone initial at a sentence's end keeps no dot, the next sentence is not the name
        ("Ông Lê Văn K. Sau đó ông về nhà.", {"Lê Văn K"}),
        # lower-case field words between an honorific and a clear name
        (
            "Theo nhà nghiên cứu an ninh mạng Daniel Kessler, lỗ hổng đã có từ lâu.",
            {"Daniel Kessler"},
        ),
        ("Chuyên gia kinh tế Phạm Chi Lan đánh giá cao đề xuất này.", {"Phạm Chi Lan"}),
        # ... not when the words name a show, a street or a school
        ("Đạo diễn chương trình Anna Belle cho biết vé đã bán hết.", set()),
        # a place between an honorific and a foreign name qualifies the honorific
        ("Nhà nghiên cứu Trung Đông Fawaz Gerges nhận định.", {"Fawaz Gerges"}),
        # a head title after a person's name and a comma: the one word after it is the body
        ("Lê Quốc Vinh, Chủ tịch Lemedia, phát biểu khai mạc.", {"Lê Quốc Vinh"}),
        ("Anh ấy từng khoác áo Real Sociedad, HLV Moyes nhớ lại.", {"Moyes"}),
        # a paper after a title is no person
        ("Theo các phóng viên Daily Mail, đội bóng đã đồng ý.", set()),
        # a foreign body between a title and a Vietnamese full name
        ("Chủ tịch HĐQT Ocean Bank Hà Văn Thắm bị bắt.", {"Hà Văn Thắm"}),
        # examples after a plural person noun and "như"
        ("Các tiền vệ như Nani hay Januzaj sẽ đột nhập vòng cấm.", {"Nani", "Januzaj"}),
        (
            "Những gương mặt quen thuộc như Hoàng Quyên, Bảo Anh góp mặt.",
            {"Hoàng Quyên", "Bảo Anh"},
        ),
        (
            "Các HLV như: Michael Schwandt, Hani Abaza cùng xuất hiện.",
            {"Michael Schwandt", "Hani Abaza"},
        ),
        # ... not after rivals, countries or bands
        ("Hãng phải cạnh tranh với các đối thủ như Samsung, HTC và Motorola.", set()),
        ("Các nước như Mỹ, Nhật Bản và Hàn Quốc đều phản đối.", set()),
        ("Các nghệ sĩ như Kings of Leon và EXO sẽ biểu diễn.", set()),
        # performers each named beside a quoted song
        (
            "Bảo Anh với “Anh muốn em sống ra sao”, Trung Quân Idol với “Nhìn lại” khuấy động sân khấu.",
            {"Bảo Anh", "Trung Quân"},
        ),
        ("Mở màn, Tùng Dương với “Mùa thu cho em” được khán giả hát theo.", {"Tùng Dương"}),
        # ... one brand beside a quoted slogan in a sentence with no music is no performer
        ("Đêm hội có sự đồng hành của Vinamilk với “Vươn cao Việt Nam”.", set()),
        ("Năm nay, Viettel với “Kết nối triệu trái tim” tiếp tục đứng đầu.", set()),
        # a lone foreign word described by a person noun after a comma
        ("HLV nhường suất đá chính cho Rooney, chân sút đang có phong độ cao.", {"Rooney"}),
        (
            "HLV Mourinho tung Eto'o vào thay cho Torres, tiền đạo đang tịt ngòi.",
            {"Mourinho", "Eto'o", "Torres"},
        ),
        # ... not a team after a noun a team can be
        ("Trận tới họ gặp Schalke, đối thủ khó chơi nhất bảng.", set()),
        # the facing verb later in the clause
        ("Robinho cướp bóng ở giữa sân, phối hợp với Kaka mở tỷ số.", {"Robinho", "Kaka"}),
        # a title's body stops at "và" and at the next title
        (
            "Chủ tịch Trung Quốc Tập Cận Bình và Tổng thống Nga Vladimir Putin đã gặp nhau.",
            {"Tập Cận Bình", "Vladimir Putin"},
        ),
        # a club named with its province is no person; a scorer's verbs
        ("Hà Nội T&T cầm hòa Hoàng Anh Gia Lai 2-2.", set()),
        ("Phút 60, Gonzalo rút ngắn tỷ số cho đội nhà.", {"Gonzalo"}),
        ("Bàn mở tỷ số do công của Văn Sơn.", {"Văn Sơn"}),
        ("Sau trận, bầu Hiển trao cúp cho đội trưởng.", {"Hiển"}),
        ("Đại hội bầu BCH Hội Sinh viên với 45 ủy viên.", set()),
        (
            "Nhiều đồng nghiệp như Thu Trang, Lan Phương đã động viên cô.",
            {"Thu Trang", "Lan Phương"},
        ),
        # an owner's company before a full name; an adverb before a verb only people do
        ("Ông chủ Facebook Mark Zuckerberg cho biết sẽ đầu tư.", {"Mark Zuckerberg"}),
        ("Djokovic bất ngờ dừng bước trước Del Potro.", {"Djokovic", "Del Potro"}),
        # more cues of people: royal titles, models, photographers, analysts
        ("Hoàng tử William và Công nương Kate vừa đón con đầu lòng.", {"William", "Kate"}),
        ("Siêu mẫu Hà Anh và nhà thiết kế Công Trí dự buổi ra mắt.", {"Hà Anh", "Công Trí"}),
        ("Ông Bùi Văn Nam sinh ngày 6.7.1955 tại Quảng Ninh.", {"Bùi Văn Nam"}),
        # a talent show's team named after its coach names her; a club does not
        ("Anh từng thi trong đội Hồ Ngọc Hà ở mùa đầu tiên.", {"Hồ Ngọc Hà"}),
        ("Họ vừa thắng đội Hoàng Anh Gia Lai.", set()),
        # two given names joined, then a verb only people do or one of saying
        ("Ngọc Thịnh – Gia Hân thì sẽ biểu diễn tiết mục mới.", {"Ngọc Thịnh", "Gia Hân"}),
        ("Sông Lam và Hà Nội đã đánh bại đối thủ.", set()),
        # "Ngân" is a given name (not only the start of "Ngân hàng")
        (
            "Có mặt còn có bà Nguyễn Thị Kim Ngân, Phó Chủ tịch Quốc hội.",
            {"Nguyễn Thị Kim Ngân"},
        ),
        ("Ngân hàng Nhà nước cho biết lãi suất sẽ giảm.", set()),
        # a longer cue after a comma names the next person, it is no role of the first
        (
            "Tiền vệ công Ngân Văn Đại, tiền vệ phải Phi Sơn đá chính.",
            {"Ngân Văn Đại", "Phi Sơn"},
        ),
        # numbers are given names after Văn/Thị
        ("Ông Lê Văn Năm cho biết gia đình đã nhận tiền.", {"Lê Văn Năm"}),
        ("Ông Nguyễn Văn Hùng Năm nay ông đã 60 tuổi.", {"Nguyễn Văn Hùng"}),
        # a one-word place alias ending a given name stays the name's in a list of names
        (
            "Công Phượng, Tuấn Anh và Xuân Trường được triệu tập lên U23.",
            {"Công Phượng", "Tuấn Anh", "Xuân Trường"},
        ),
        ("Các tỉnh Nam Định, Thái Bình, Hà Nam bị ảnh hưởng.", set()),
        # brands beside their products, brands as "names", a club's "stars"
        ("Xiaomi với “Mi 3”, Oppo với “N1” là những mẫu máy đáng chú ý.", set()),
        ("Những cái tên như Vinamilk, Masan đều tăng trưởng.", set()),
        ("Các ngân hàng như Vietcombank, BIDV đều hạ lãi suất.", set()),
        ("Hà Nội với “Thủ đô”, Huế với “Cố đô” đều có lễ hội.", set()),
        # a verb of a footballer's run
        ("Phút 80, Đình Bảo thoát xuống đón đường chuyền và ghi bàn.", {"Đình Bảo"}),
        # religions, "trẻ em", countries of the past are no people
        ("Luật chỉ áp dụng với người Hồi giáo và mọi trẻ em Công giáo.", set()),
        ("Ông nhắc tới những nhà báo Liên Xô từng làm việc tại Hà Nội.", set()),
    ],
)
def test_people_rules_of_version_6(text: str, expected: set[str]) -> None:
    assert people(text) == expected


def test_a_surname_two_full_names_hold_joins_the_first_introduced() -> None:
    found = mentions(
        "Nadal vô địch. Tay vợt Rafael Nadal thắng dễ. HLV Toni Nadal hài lòng. Nadal cảm ơn chú."
    )
    assert found == {
        "Rafael Nadal": {"Nadal", "Rafael Nadal"},
        "Toni Nadal": {"Toni Nadal"},
    }


def test_short_forms_join_their_full_name() -> None:
    found = mentions(
        "Tổng thống Bashar al-Assad bị chỉ trích. Chính quyền ông Assad bác bỏ. "
        "Ngài Sergei V.Mikhailov tới Hà Nội. Ngài Sergei Mikhailov nói thêm."
    )
    assert found == {
        "Bashar al-Assad": {"Bashar al-Assad", "Assad"},
        "Sergei V.Mikhailov": {"Sergei V.Mikhailov", "Sergei Mikhailov"},
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "vong_dau_ngoai_hang_anh.txt",
            {
                "Jose Mourinho",
                "Ramires",
                "Oscar",
                "Hazard",
                "Willian",
                "Mata",
                "Eto'o",
                "Torres",
                "Lampard",
                "Snodgrass",
                "Chris Hughton",
            },
        ),
        # a known miss: "từ thơ Phan Vũ" (a poet named after "thơ", no cue of a person)
        (
            "dem_nhac_mua_thu.txt",
            {
                "Văn Mai Hương",
                "Đức Phúc",
                "Tùng Dương",
                "Hồng Nhung",
                "Noo Phước Thịnh",
                "Phú Quang",
                "Quang Dũng",
                "Lê Quý Dương",
            },
        ),
        # a known miss: "Phạm Hữu L., Giám đốc …" (the initial's dot hides the apposition)
        (
            "vu_an_ngan_hang.txt",
            {
                "Nguyễn Văn T",
                "Trần Thị H.M.",
                "Nguyễn Trí Hiếu",
                "Trương Thanh Đức",
                "Hà Văn Thắm",
                "Lê Văn Long",
            },
        ),
        (
            "dam_phan_iran.txt",
            {
                "Mohammad Javad Zarif",
                "John Kerry",
                "Hassan Rouhani",
                "Karim Sadjadpour",
                "Bashar al-Assad",
                "Fawaz Gerges",
                "Vitaly I.Churkin",
            },
        ),
        (
            "v_league_vong_cuoi.txt",
            {
                "Văn Sơn",
                "Xuân Trường",
                "Evaldo",
                "Phan Thanh Hùng",
                "Văn Quyết",
                "Gonzalo",
                "Tấn Trường",
                "Hiển",
            },
        ),
        (
            "sao_viet_ly_hon.txt",
            {
                "Minh Thư",
                "Trần Đức Khải",
                "Bống",
                "Vũ Trường Khoa",
                "Thu Trang",
                "Lan Phương",
                "Hari Won",
                "Song Joong Ki",
                "Song Hye Kyo",
            },
        ),
        (
            "hoi_nghi_apec_bali.txt",
            {
                "Trương Tấn Sang",
                "Susilo Bambang Yudhoyono",
                "Tập Cận Bình",
                "Vladimir Putin",
                "Barack Obama",
                "John Kerry",
                "Shinzo Abe",
                "Najib Razak",
                "Bùi Thanh Sơn",
                "Jeffrey Sachs",
                "Roberto Azevedo",
            },
        ),
        (
            "kinh_te_cong_nghe.txt",
            {
                "Tim Cook",
                "Mark Zuckerberg",
                "Warren Buffett",
                "Gene Munster",
                "Nguyễn Văn Bình",
                "Đinh Tiến Dũng",
                "Trương Đình Tuyển",
                "Phạm Chi Lan",
                "Lê Xuân Nghĩa",
            },
        ),
        (
            "quan_vot_thuong_hai.txt",
            {
                "Rafael Nadal",
                "David Ferrer",
                "Djokovic",
                "Del Potro",
                "Toni Nadal",
                "Serena Williams",
                "Li Na",
            },
        ),
        (
            "bat_giu_bang_cuop.txt",
            {
                "Lê Văn Hùng",
                "Trần Văn Nam",
                "Đỗ Minh Tuấn",
                "Phạm Quang Huy",
                "Nguyễn Văn Toàn",
                "Vũ Ngọc Lâm",
            },
        ),
        (
            "sao_han_hollywood.txt",
            {
                "Lee Min Ho",
                "Park Shin Hye",
                "Kang Shin Hyo",
                "Angelina Jolie",
                "Brad Pitt",
                "Louis Zamperini",
                "Taylor Swift",
                "Katy Perry",
                "Lady Gaga",
            },
        ),
    ],
)
def test_people_of_our_v6_fixture_articles(name: str, expected: set[str]) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert people(text) == expected
