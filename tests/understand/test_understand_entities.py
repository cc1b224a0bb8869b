"""People, organisations and places: triggers, roles, merging, exclusions."""

from __future__ import annotations

from pathlib import Path

from newsdesk.understand.entities import extract_entities, strip_title

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "understand"


def people(text: str) -> dict[str, list[str]]:
    return {e.name: e.roles for e in extract_entities(text)[0]}


def test_titles_with_qualifiers_become_roles() -> None:
    text = (
        "Bộ trưởng Quốc phòng Nhật Bản Shinjiro Koizumi gặp người đồng cấp Mỹ Pete Hegseth. "
        "Thủ tướng Nhật Bản Sanae Takaichi và Tổng thống Mỹ Donald Trump ký văn kiện. "
        "Ngoại trưởng Mỹ Rubio hội đàm với Thủ tướng Anwar của Malaysia."
    )
    assert people(text) == {
        "Shinjiro Koizumi": ["Bộ trưởng Quốc phòng Nhật Bản"],
        "Pete Hegseth": [],
        "Sanae Takaichi": ["Thủ tướng Nhật Bản"],
        "Donald Trump": ["Tổng thống Mỹ"],
        "Rubio": ["Ngoại trưởng Mỹ"],
        "Anwar": ["Thủ tướng Malaysia"],
    }


def test_all_ways_of_writing_one_person_are_one_entity() -> None:
    text = (
        "Thủ tướng Nhật Bản Sanae Takaichi đến Mỹ. Bà Takaichi Sanae gặp ông Trump. "
        "Thủ tướng Takaichi nói rằng bà Takaichi rất vui. Tổng thống Donald Trump đáp lời. "
        "Bộ trưởng Quốc phòng Koizumi Shinjiro và ông Koizumi cùng đến."
    )
    ps = extract_entities(text)[0]
    by_name = {e.name: sorted({m.text for m in e.mentions}) for e in ps}
    assert by_name == {
        "Sanae Takaichi": ["Sanae Takaichi", "Takaichi", "Takaichi Sanae"],
        "Donald Trump": ["Donald Trump", "Trump"],
        "Shinjiro Koizumi": ["Koizumi", "Koizumi Shinjiro"],
    }


def test_japanese_names_are_given_name_first() -> None:
    text = "Ngoại trưởng Motegi Toshimitsu gặp cựu Thủ tướng Abe Shinzo. Ông Masahiko Arai đến."
    assert set(people(text)) == {"Toshimitsu Motegi", "Shinzo Abe", "Masahiko Arai"}


def test_vietnamese_names_keep_their_order_and_short_form() -> None:
    text = "Ngoại trưởng Việt Nam Lê Hoài Trung phát biểu. Ông Trung cho biết hai bên đồng ý."
    [p] = extract_entities(text)[0]
    assert p.name == "Lê Hoài Trung"
    assert [m.text for m in p.mentions] == ["Lê Hoài Trung", "Trung"]


def test_appositive_role() -> None:
    text = (
        "Ông Masahiko Arai, Phó Tổng Giám đốc Ban Hệ thống Quốc phòng tại Mitsubishi Electric, nói."
    )
    ps, orgs, _ = extract_entities(text)
    assert [(p.name, p.roles) for p in ps] == [
        ("Masahiko Arai", ["Phó Tổng Giám đốc Ban Hệ thống Quốc phòng tại Mitsubishi Electric"])
    ]
    assert [o.name for o in orgs] == ["Mitsubishi Electric"]


def test_capitalised_words_without_a_trigger_are_not_people() -> None:
    text = (
        "Chính phủ đã quyết định. Thế chiến thứ hai kết thúc. Hội nghị Thượng đỉnh bắt đầu. "
        "Golden Dome là hệ thống mới. Theo Nhà Trắng, hai bên đồng ý."
    )
    assert people(text) == {}


def test_names_recognised_by_their_shape() -> None:
    text = (
        "Cảnh sát truy nã Huỳnh Ngọc Hùng. Tay vợt Maria Sharapova thắng. "
        "Diễn viên Park Si Yeon đến Hà Nội. Grigor Dimitrov cho biết anh hài lòng. "
        "Đường Lê Thánh Tông bị ngập."
    )
    assert set(people(text)) == {
        "Huỳnh Ngọc Hùng",
        "Maria Sharapova",
        "Park Si Yeon",
        "Grigor Dimitrov",
    }


def test_lone_words_before_a_verb_of_saying_are_not_people() -> None:
    assert people("Vinaphone cho biết doanh nghiệp sẽ hợp tác. CCTV tuyên bố như vậy.") == {}


def test_list_of_names_around_a_known_person() -> None:
    text = (
        "HLV Đinh Văn Dũng triệu tập các cầu thủ Sơn Hải, Văn Nghĩa, Văn Dũng và Xuân Thắng. "
        "Ông Dũng hài lòng."
    )
    names = {e.name: sorted({m.text for m in e.mentions}) for e in extract_entities(text)[0]}
    assert names == {
        "Đinh Văn Dũng": ["Dũng", "Văn Dũng", "Đinh Văn Dũng"],
        "Sơn Hải": ["Sơn Hải"],
        "Văn Nghĩa": ["Văn Nghĩa"],
        "Xuân Thắng": ["Xuân Thắng"],
    }


def test_credits_inside_running_text_are_skipped_but_not_what_follows() -> None:
    text = "Biểu tình tại Campuchia (Ảnh: Đỗ Tuấn Anh) Theo đó, ông Khuất Việt Hùng cho biết."
    assert people(text) == {"Khuất Việt Hùng": []}


def test_places_and_organisations() -> None:
    text = (
        "Hãng thông tấn Jiji cho biết Nhật Bản và Hoa Kỳ hợp tác. Theo tuyên bố của Nhà Trắng, "
        "quan hệ Nhật-Mỹ và Mỹ-Trung được bàn tại Hội nghị cấp cao ASEAN ở Kuala Lumpur. "
        "Chính phủ Nhật Bản và Bộ Ngoại giao Nhật Bản hoan nghênh. Tập đoàn Toyota đầu tư."
    )
    _, orgs, places = extract_entities(text)
    assert [o.name for o in orgs] == [
        "Jiji",
        "Nhà Trắng",
        "ASEAN",
        "Chính phủ Nhật Bản",
        "Bộ Ngoại giao Nhật Bản",
        "Tập đoàn Toyota",
    ]
    assert [p.name for p in places] == ["Nhật Bản", "Mỹ", "Trung Quốc", "Kuala Lumpur"]


def test_credits_are_not_entities() -> None:
    text = "Hai nhà lãnh đạo gặp nhau. Ảnh: AFP\n\nPhotographer: Tomohiro Ohsumi/Getty Images"
    ps, orgs, _ = extract_entities(text)
    assert ps == [] and orgs == []


def test_acronym_defined_after_an_organisation() -> None:
    text = "Đảng đối lập Cứu quốc Campuchia (CNRP) tuyên bố biểu tình. CNRP cho biết sẽ tiếp tục."
    orgs = extract_entities(text)[1]
    assert [(o.name, len(o.mentions)) for o in orgs] == [("CNRP", 2)]


def test_strip_title() -> None:
    assert strip_title("bà Takaichi") == "Takaichi"
    assert strip_title("Thủ tướng Takaichi") == "Takaichi"
    assert strip_title("Thủ tướng Nhật Bản Sanae Takaichi") == "Sanae Takaichi"
    assert strip_title("Donald Trump") == "Donald Trump"


def test_fixture_article() -> None:
    text = (FIXTURES / "thuong_mai_nhat_viet.txt").read_text(encoding="utf-8")
    ps, orgs, places = extract_entities(text)
    assert {p.name: p.roles for p in ps} == {
        "Nguyễn Hồng Diên": ["Bộ trưởng Công Thương"],
        "Naoki Ito": ["Đại sứ Nhật Bản"],
    }
    assert [o.name for o in orgs] == ["Tập đoàn Toyota", "Công ty Aeon"]
    assert [p.name for p in places] == ["Nhật Bản", "Hà Nội", "Việt Nam"]


def test_age_home_town_or_nationality_after_a_name() -> None:
    text = (
        "Con trai thứ ba là Abdur-Rahman (5 tuổi). Bảo vệ Phạm Anh Cường (quê Tây Ninh) bị bắt. "
        "Đối thủ Wei Feng Chong (Malaysia) thắng. Hà Nội (Việt Nam) đón khách."
    )
    assert set(people(text)) == {"Abdur-Rahman", "Phạm Anh Cường", "Wei Feng Chong"}
