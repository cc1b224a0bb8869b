"""The people rules of UNDERSTAND_VERSION 5, on sentences and articles of our own: given names
of the wider world, a title in apposition after a bare name, a nationality or an adjective
between a cue and the name, rarer Vietnamese family names, the byline at the end of a body,
streets in their district."""

from __future__ import annotations

import pytest
from people_helpers import FIXTURES, people

from newsdesk.understand.entities import entities_in_spans, extract_entities
from newsdesk.understand.sentences import sentence_spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # given names of the wider world, with a foreign surname: no title needed
        ("Sau trận đấu, Karim Mansour rời sân trong vòng tay đồng đội.", {"Karim Mansour"}),
        ("Báo cáo do Anatoly Grebnev soạn thảo.", {"Anatoly Grebnev"}),
        ("Tối qua Giorgio Benedetti trình làng bộ sưu tập mới.", {"Giorgio Benedetti"}),
        # particles between the given name and the surname
        ("Cô từng thua Carla de la Fuente ở vòng một.", {"Carla de la Fuente"}),
        # a place that starts with a given name is a place
        ("Anh vô địch giải Monte Carlo Masters năm đó.", set()),
        # an acronym before a given name is not part of the name
        ("Lực lượng NSW Gavin Doyle điều động thêm xe.", {"Gavin Doyle"}),
        # a title in apposition after a bare name
        (
            "Trần Bảo Ngọc, Phó Giám đốc Sở Giao thông, cho biết cầu sẽ thông xe vào tháng tới.",
            {"Trần Bảo Ngọc"},
        ),
        ("Hữu Phước – Chủ nhiệm câu lạc bộ – đã gửi đơn.", {"Hữu Phước"}),
        (
            "Theo tin mới nhất, Olek Baranov, người phát ngôn của cảnh sát, xác nhận vụ việc.",
            {"Olek Baranov"},
        ),
        # ... not a team, a body's name, a weekday, a foreign phrase ending a clause (the
        # person after the second cue is still one)
        ("Sông Lam Nghệ An, HLV của đội bóng này đã từ chức.", set()),
        ("Công ty Cổ phần Truyền thông Hòa Bình, Trưởng ban tổ chức, phát biểu.", set()),
        ("Thứ Hai, Chủ tịch tỉnh đã họp khẩn.", set()),
        ("Anh ấy từng khoác áo Real Sociedad, HLV Moyes nhớ lại.", {"Moyes"}),
        ("Hai bên đã gặp tại trại Nord Kaserne, Tư lệnh lục quân có mặt.", set()),
        # ... and a title followed by a name starts a second person
        ("Minh Hằng, ca sĩ Đông Nhi và nhiều khách mời đã tới.", {"Đông Nhi"}),
        # a nationality or an adjective between the cue and the name
        ("Trận này, tiền đạo người Bỉ Romelu Lukaku ghi hai bàn.", {"Romelu Lukaku"}),
        ("Cô gặp tay vợt người Thái Lan, Sirikul Wongsawat ở vòng hai.", {"Sirikul Wongsawat"}),
        ("Ca sĩ trẻ Minh Khang sẽ trình diễn ca khúc mới.", {"Minh Khang"}),
        ("Nhạc sĩ nổi tiếng Thanh Tùng để lại nhiều bài hát.", {"Thanh Tùng"}),
        # ... not the next sentence after a nationality with its period lost
        ("Anh chơi hay hơn tiền đạo người Anh Vậy ai sẽ đá chính?", set()),
        # rarer Vietnamese family names; an unknown family name before Văn/Thị
        ("Trưởng bản Lò Văn Pọm dẫn đoàn lên nương.", {"Lò Văn Pọm"}),
        ("Em Sồng Thị Dua năm nay học lớp 5.", {"Sồng Thị Dua"}),
        ("Anh nghỉ ở Nhà Văn Hóa Thanh Niên suốt buổi chiều.", set()),
        # streets named after people, in their district
        (
            "Nước ngập các đường Trần Quang Khải (quận 1), Nguyễn Hữu Cảnh (quận Bình Thạnh).",
            set(),
        ),
        # ... but a player's club in brackets is still a player's club
        (
            "Danh sách gồm Phạm Đức Huy (Hà Nội), Lê Văn Xuân (TP.HCM).",
            {"Phạm Đức Huy", "Lê Văn Xuân"},
        ),
        # a capitalised "Thầy" starting a sentence is the honorific, not part of the name
        ("Thầy Lê Văn Hiệp, hiệu trưởng, cho biết trường đã nghỉ học.", {"Lê Văn Hiệp"}),
        # verbs of saying added: "cho hay", "nói thêm"
        ("Ivan Petrov cho hay đội sẽ trở lại vào tuần sau.", {"Ivan Petrov"}),
        # a Vietnamese given name alone, before a verb of saying or a verb only people do
        ("Trong buổi họp báo, Bảo Ngọc chia sẻ về album đầu tay.", {"Bảo Ngọc"}),
        ("Đêm qua, Quang Dũng biểu diễn ba ca khúc.", {"Quang Dũng"}),
        # ... not a team before a verb teams do too, a newspaper, a place
        ("Trên sân nhà, Sông Lam đánh bại đội khách.", set()),
        ("Tuổi Trẻ cho biết số liệu này chưa được công bố.", set()),
        ("Sau đó, Cần Thơ cho biết sẽ hỗ trợ.", set()),
        # a capitalised honorific starting the sentence, then one syllable and a verb of saying
        ("Cô Hạnh chia sẻ: “Tôi rất vui khi các em đỗ đạt.”", {"Hạnh"}),
        ("Anh Tú cho biết sẽ về quê ăn Tết.", {"Tú"}),
        # the historical honorific "Bác" before a family name
        ("Bức ảnh chụp Bác Hồ với thiếu nhi năm 1960.", {"Hồ"}),
        # a Japanese surname typed in lower case after its given name and a title
        ("Bộ trưởng Quốc phòng Itsunori onodera đã tới Manila.", {"Itsunori onodera"}),
        # one foreign name after a thing only a person does "của"; a list of surnames
        ("Bàn thắng đến từ pha kiến tạo của Hazard.", {"Hazard"}),
        (
            "Thủ thành Courtois bắt chính. Đội hình: Courtois, Ivanovic, Terry.",
            {"Courtois", "Ivanovic", "Terry"},
        ),
        # ... but not a compound's last syllable ("công bố"), a club, a list of brands
        ("Đáng chú ý là công bố của Yahoo về mã hóa.", set()),
        ("Tiền đạo Barca đứng thứ bảy, thủ thành Schalke thứ tám.", set()),
        ("Các nhà mạng VinaPhone, MobiFone, Viettel và Vietnamobile đã họp.", set()),
        ("Anh từng đến Volgograd, Makhachkala và Grozny.", set()),
        # a relative clause on a person after a bare name
        ("Bàn gỡ đến từ Lukaku, người đang được đội bạn cho mượn.", {"Lukaku"}),
        ("Google, người khổng lồ tìm kiếm, tăng trưởng mạnh.", set()),
        # an honorific before a title leaves the name to the title
        ("Xin chúc mừng đồng chí Thứ trưởng Bùi Văn Nam.", {"Bùi Văn Nam"}),
        ("Góp ý có đại biểu Thượng tọa Thích Thanh Quyết.", {"Thích Thanh Quyết"}),
        ("Ông là ứng cử viên Tổng thống Enrique Pena Nieto.", {"Enrique Pena Nieto"}),
        # ... but a capitalised "Anh" after an honorific is a name's syllable
        ("Kỷ niệm với nhạc sỹ Anh Quân - người đã dạy tôi hát.", {"Anh Quân"}),
        # a capitalised word after an honorific that starts a common word or a title
        ("Sắp tới, nữ ca sĩ Tiếng sét nơi vườn hoang sẽ có đêm nhạc riêng.", set()),
        ("Ca sĩ Sao Mai điểm hẹn từng song ca với anh.", set()),
        ("Vụ việc được đưa ra trọng tài Liên hiệp quốc về Luật Biển.", set()),
        # ... while the tagger's glue of a name to the next verb does not veto it
        ("Nhà bà Xuân cách bờ kè khoảng 1 km.", {"Xuân"}),
        # bodies whose names start with Hội, Vụ, Thành Đoàn are organisations
        ("Phó Chủ tịch Hội Luật gia Việt Nam phát biểu.", set()),
        ("Theo ông Trần Bá Việt, Vụ trưởng Vụ Hợp tác quốc tế, đề án đã xong.", {"Trần Bá Việt"}),
        ("Chương trình do Thành Đoàn Đà Nẵng tổ chức.", set()),
        # lists of places and a "Từ" that is "from"
        ("Người dân ở khu vực P.Tân Biên, Tân Hòa, Hố Nai, Trảng Dài đã thấy mưa đá.", set()),
        ("Từ Thanh Hóa đến Thừa Thiên Huế có mưa rào.", set()),
        ("Trụ sở ở Kuala Lumpur, Port Moresby và Dili.", set()),
        # a list after "nhắc đến" is still a list of people
        (
            "Fernando Torres chơi hay. Người ta nhắc đến Torres, Hazard hay Oscar.",
            {"Fernando Torres", "Hazard", "Oscar"},
        ),
        # short club names and colour names are no people
        ("Anh đòi sang Real, còn tiền đạo Real kia thì ở lại.", set()),
        ("Máy có màu vàng (Rose Gold) và xanh (Lime Green).", set()),
        # a web address, an English title, a brand, a body after an honorific
        ("Ảnh do phóng viên Tiin.vn ghi lại tại sân bay.", set()),
        ("Cô ngồi ghế giám khảo Got to dance mùa này.", set()),
        (
            "Ông Nguyễn Đình Chiến, Phó tổng giám đốc MobiFone cho biết giá không đổi.",
            {"Nguyễn Đình Chiến"},
        ),
        ("Ông là người sáng lập Trường Đại học Hùng Vương.", set()),
        ("Đây là hoạt động của cộng đồng Doanh nhân Việt ở Đức.", set()),
        # ... while a surname's prefix is no brand, and "Pope" is capitalised as written
        (
            "Phút 44, tiền vệ MacDonal bắt volley tung lưới thủ môn Văn Công.",
            {"MacDonal", "Văn Công"},
        ),
        ("Đức Giáo hoàng Pope Francis được chọn.", {"Francis"}),
        # the other person after a person and a verb of facing someone
        ("Trước đó, Federer đã đánh bại Wawrinka ở tứ kết.", {"Federer", "Wawrinka"}),
        ("Tổng thống Barack Obama gặp Erdogan tại Nhà Trắng.", {"Barack Obama", "Erdogan"}),
        # ... not a place, a club, a brand
        ("Tổng thống Barack Obama gặp Israel trong bàn đàm phán.", {"Barack Obama"}),
        ("HLV Mourinho đánh bại Arsenal lần thứ ba.", {"Mourinho"}),
        # a seed's or a rank's number between the cue and the name
        ("Bị loại sớm còn có hạt giống số 8 Somchai Ruangrit.", {"Somchai Ruangrit"}),
        ("Anh thua tay vợt số 1 thế giới Petrakis.", {"Petrakis"}),
        # the goal a keeper guards
        ("Cú sút đi chệch khung thành Neuer trong gang tấc.", {"Neuer"}),
        ("Cú sút đi chệch khung thành Dortmund trong gang tấc.", set()),
        # the maker of a work after "do"
        ("Ca khúc do Trần Long đặt lời vẫn được hát đến nay.", {"Trần Long"}),
        ("Bộ phim do Kenji Mori đạo diễn ra mắt tuần này.", {"Kenji Mori"}),
        # ... not a body, nor without a verb of making
        ("Chương trình do Trung Nguyên tài trợ.", set()),
        ("Bộ phim do Hãng phim Giải Phóng dàn dựng.", set()),
        # a lower-case kind of place inside a role, with or without the place
        (
            "Chủ tịch UBND tỉnh Trần Văn Sơn và Bí thư huyện Lê Văn Tám dự họp.",
            {"Trần Văn Sơn", "Lê Văn Tám"},
        ),
        # a monument, a show named after people; a run after a place word is skipped whole
        ("Đoàn dâng hương tại tượng đài Indira Gandhi.", set()),
        ("Khán giả chờ chương trình Kim Min-jae lên sóng.", set()),
        # a capitalised honorific and a family name that is one syllable alone
        ("Chị Mai, con gái bà Oanh, có mặt từ sớm.", {"Mai", "Oanh"}),
        # newspapers, companies, places and product lines with foreign names
        ("Tạp chí Der Spiegel của Đức đăng bài này.", set()),
        ("Tờ Sydney Morning Herald dẫn nguồn tin.", set()),
        ("Trụ sở cao ủy ở Port Moresby (Papua New Guinea).", set()),
        ("Samsung gọi Gear là bạn đồng hành của Galaxy Note 3.", set()),
        # "Sir" is an honorific; a run does not go on into the next sentence's first word
        ("HLV Sir Alex Ferguson chia tay Old Trafford.", {"Alex Ferguson"}),
        ("Ca sỹ Erdem Aslan Tạm gác đam mê sang một bên.", {"Erdem Aslan"}),
        # ... but a historical middle name "Thì" is no such word
        ("Đền thờ Ngô Thì Nhậm nằm ở Hà Nội, Ngô Thì Nhậm sinh năm 1746.", {"Ngô Thì Nhậm"}),
        # an award's label between the cue and the name
        (
            "Thủ môn xuất sắc nhất: Đặng Văn Lâm (500 USD). Cầu thủ trẻ hay nhất: Minh Vương.",
            {"Đặng Văn Lâm", "Minh Vương"},
        ),
        # ... not a verb of saying before a colon
        ("Bộ trưởng cho biết: Chúng tôi sẽ làm ngay.", set()),
        # a club with its initials and its country in brackets is no person
        ("Bảng B có REAC Sportiskola SE (Hungary).", set()),
    ],
)
def test_people_rules_of_version_5(text: str, expected: set[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("Hoàng Thị Mai (TTXVN)", set()),
        ("Nguyễn Văn Tuấn", set()),
        ("Đỗ Quang Hưng Theo Reuters", set()),
        ("Trần Anh Khoa/VOV", set()),
        # a closing "Theo …" sentence: the byline is the sentence before it
        ("Lê Minh Châu. Theo AFP", set()),
        # a byline named in the body too: still a person there
        ("Phạm Quốc Bảo", {"Phạm Quốc Bảo"}),
        # a last sentence with a title is not a byline
        ("Ông Nguyễn Văn Tuấn", {"Nguyễn Văn Tuấn"}),
    ],
)
def test_the_byline_ending_a_body_is_not_a_person(tail: str, expected: set[str]) -> None:
    body = "Hôm qua, hội nghị về an toàn giao thông đã khai mạc tại Đà Nẵng."
    if expected == {"Phạm Quốc Bảo"}:
        body += " Kỹ sư Phạm Quốc Bảo trình bày tham luận."
    assert people(f"{body} {tail}") == expected


def test_a_byline_is_looked_for_in_the_body_not_in_the_captions() -> None:
    body = "Đoàn công tác đã tới hiện trường lúc 9 giờ. Nguyễn Văn Tuấn"
    caption = "Hiện trường vụ sạt lở."
    text = f"{body}\n\n{caption}"
    spans = sentence_spans(text)
    n_body = len(sentence_spans(body))
    assert {p.name for p in entities_in_spans(text, spans, n_body)[0]} == set()
    # without saying where the body ends, the caption is taken for the last sentence
    assert {p.name for p in entities_in_spans(text, spans)[0]} == {"Nguyễn Văn Tuấn"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "doi_tuyen_bong_ban.txt",
            {
                "Nguyễn Hoài Nam",
                "Lò Văn Thắng",
                "Stefan Lindqvist",
                "Đinh Quốc Bảo",
                "Yusuf Demir",
                "Chu Thị Hạnh",
                "Carla de la Fuente",
            },
        ),
        (
            "hoi_thao_do_thi.txt",
            {
                "Vương Đình Khải",
                "Hà Thị Minh Thư",
                "Matteo Ricci",
                "Sergio Alvarado",
                "Quàng Văn Páo",
            },
        ),
        (
            "tran_dau_chelsea.txt",
            {
                "Mourinho",
                "Fernando Torres",
                "Hazard",
                "Lukaku",
                "Oscar",
                "Willian",
                "Lampard",
                "Cech",
                "Roberto Martinez",
                "Ivanovic",
                "Cahill",
                "Terry",
                "Cole",
                "Ramires",
                "Mata",
            },
        ),
        (
            "cuop_tiem_vang.txt",
            {"Lê Văn Tâm", "Trần Thị Lụa", "Ngọc", "Hoàng Văn Sáu", "Phạm Quang Vinh"},
        ),
        (
            "dem_nhac_trinh.txt",
            {
                "Trịnh Công Sơn",
                "Hồng Nhung",
                "Tùng Dương",
                "Thanh Lam",
                "Hà Anh Tuấn",
                "Khánh Ly",
                "Quốc Trung",
                "Phan Anh",
            },
        ),
        (
            "dam_phan_geneva.txt",
            {
                "John Kerry",
                "Mohammad Javad Zarif",
                "Catherine Ashton",
                "Benjamin Netanyahu",
                "Alexander Lukashevich",
                "Hassan Rouhani",
            },
        ),
        (
            "dien_thoai_gap.txt",
            {"Roh Tae-moon", "Ming-Chi Kuo", "Tim Cook", "Nguyễn Đức Tài"},
        ),
        (
            "phien_toa_lua_dao.txt",
            {
                "Đặng Thị Hồng Nhung",
                "Vũ Quang Khải",
                "Lê Thị Oanh",
                "Trương Anh Tú",
                "Ngô Văn Hùng",
                "Mai",
            },
        ),
        (
            "tuong_dai_nam_dinh.txt",
            {
                "Vũ Đức Đam",
                "Phạm Đình Nghị",
                "Trần Quốc Tuấn",
                "Phan Huy Lê",
                "Bùi Văn Lạc",
                "Lê Công Thành",
            },
        ),
        ("gia_xang_giam.txt", {"Bùi Ngọc Bảo", "Ngô Trí Long", "Hoàng"}),
        (
            "thuong_vu_bac_kinh.txt",
            {
                "Tập Cận Bình",
                "Lý Khắc Cường",
                "Trương Đức Giang",
                "Du Chính Thanh",
                "Vương Kỳ Sơn",
                "Hồng Lỗi",
                "Hồ Cẩm Đào",
            },
        ),
        (
            "thu_tuong_nhat_moi.txt",
            {
                "Yoshihide Suga",
                "Shinzo Abe",
                "Katsunobu Kato",
                "Toshimitsu Motegi",
                "Nobuo Kishi",
                "Taro Kono",
            },
        ),
        # a known miss: "Đạo diễn chương trình Kim Min-jae" (a lower-case noun between the
        # honorific and the name reads as a show named Kim Min-jae, so nothing is taken)
        ("sao_han_ha_noi.txt", {"Lee Ji-eun", "Sơn Tùng", "Song Hye Kyo", "Park Noh-wan"}),
    ],
)
def test_people_of_our_fixture_articles(name: str, expected: set[str]) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert people(text) == expected


def test_a_title_in_apposition_becomes_the_role() -> None:
    roles = {
        p.name: p.roles
        for name in ("doi_tuyen_bong_ban.txt", "hoi_thao_do_thi.txt")
        for p in extract_entities((FIXTURES / name).read_text(encoding="utf-8"))[0]
    }
    assert roles["Đinh Quốc Bảo"] == ["Phó Chủ tịch Liên đoàn"]
    assert roles["Vương Đình Khải"] == ["Giám đốc Sở Xây dựng"]
    assert roles["Nguyễn Hoài Nam"] == ["Trưởng đoàn"]
