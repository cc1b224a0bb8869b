"""Every shape, read from the hand-written fixtures, with exact expected fields."""

from __future__ import annotations

import pytest
from read_helpers import FIXTURES, read_fixture, read_one

from newsdesk.errors import ReadError
from newsdesk.model import Image, Related
from newsdesk.read import read_document
from newsdesk.read.detect import detect_shape


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        ("dated_headline.txt", "dated_text"),
        ("dated_lead.txt", "dated_text"),
        ("scraped.txt", "scraped_text"),
        ("plain_byline.txt", "plain_text"),
        ("encoded_source.txt", "plain_text"),
        ("story.md", "markdown_frontmatter"),
        ("page.html", "html"),
        ("no_text.html", "html"),
        ("dump.jsonl", "jsonl"),
        ("bad_lines.jsonl", "jsonl"),
        ("feed.rss", "feed"),
        ("feed.atom", "feed"),
    ],
)
def test_shape_is_detected_from_content(name: str, shape: str) -> None:
    assert detect_shape((FIXTURES / name).read_text("utf-8")) == shape


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("[Thời sự Hà Nội] Bộ Ngoại giao cho biết hai bên đã ký kết thỏa thuận mới.", "plain_text"),
        ('[{"title": "Tin", "text": "Nội dung"}]', "jsonl"),
        ('{"title": "Tin"}\n{"title": "Tin 2"}', "jsonl"),
        ("{Ghi chú} Bài viết bắt đầu bằng ngoặc nhọn.", "plain_text"),
    ],
)
def test_brackets_at_the_start_are_not_json_unless_they_are(text: str, shape: str) -> None:
    assert detect_shape(text) == shape


def test_shape_does_not_depend_on_the_file_name() -> None:
    data = (FIXTURES / "feed.atom").read_bytes()
    assert read_document(data, "misnamed.txt")[0].shape == "feed"


def test_dated_text_with_headline() -> None:
    a = read_one("dated_headline.txt")
    assert a.shape == "dated_text"
    assert a.published == "2025-09-12"
    assert a.title == "Bão số 5 đổ bộ miền Trung, hàng nghìn hộ dân phải sơ tán"
    assert a.generated_title is None
    assert a.language == "vi"
    assert a.authors == ["Hoàng Lan"]
    assert a.credited_agencies == ["Reuters", "TTXVN"]
    assert a.images == [
        Image(
            "",
            "Người dân di chuyển qua đoạn đường ngập sâu ở phường Hương Sơ, thành phố Huế.",
            "TTXVN",
        ),
        Image(
            "",
            "Lực lượng cứu hộ được triển khai tại các điểm xung yếu ngay từ đêm 11/9",
            "Đức Minh",
        ),
    ]
    assert a.body.startswith("Sáng 12/9, bão số 5 đã đổ bộ")
    assert a.body.endswith("khoảng 1.200 tỷ đồng.")
    assert len(a.body.split("\n\n")) == 3
    for residue in ("date 2025", "Ảnh:", "Hoàng Lan", "Nguồn:"):
        assert residue not in a.body


def test_dated_text_running_into_the_lead() -> None:
    a = read_one("dated_lead.txt")
    assert a.title is None
    assert a.published == "2025-08-03"
    assert a.generated_title == (
        "Hãng tin Kyodo ngày 3/8 dẫn nguồn tin ngoại giao cho biết Nhật Bản và Việt Nam "
        "đang chuẩn bị ký kết một thỏa thuận mới…"
    )
    assert len(a.generated_title) <= 120
    assert a.credited_agencies == ["Kyodo"]
    assert a.body.startswith("Hãng tin Kyodo ngày 3/8")
    assert a.body.endswith("tại nước này.")
    assert "./." not in a.body


def test_scraped_text_residue_goes_to_fields() -> None:
    a = read_one("scraped.txt")
    assert a.shape == "scraped_text"
    assert a.title is None and a.published is None
    assert a.images == [
        Image(
            "",
            "Tàu hàng neo đậu tại cảng Cái Mép, tỉnh Bà Rịa - Vũng Tàu, ngày 2/7/2025.",
            "Reuters",
        )
    ]
    assert a.related == [
        Related("Giá gạo xuất khẩu của Việt Nam tăng mạnh trong tuần đầu tháng 7"),
        Related("Doanh nghiệp dệt may tìm kiếm thị trường mới trước sức ép thuế quan"),
        Related("Cảng Cái Mép lập kỷ lục về lượng hàng container thông qua"),
    ]
    assert len(a.body.split("\n\n")) == 3
    assert "|" not in a.body and "![]" not in a.body
    assert a.credited_agencies == []  # the photo credit is not a text credit


def test_plain_text_byline_with_outlet_and_dateline() -> None:
    a = read_one("plain_byline.txt")
    assert a.shape == "plain_text"
    assert a.authors == ["Minh Châu", "Quốc Bảo"]
    assert a.outlet == "VOV"
    assert a.dateline == "Bangkok"
    assert a.images == [
        Image(
            "",
            "Đoàn doanh nghiệp Việt Nam làm việc với Bộ Thương mại Thái Lan tại Bangkok ngày 14/5/2025.",
            "Kyodo",
        )
    ]
    assert "VOV-Bangkok" not in a.body and "Ảnh: Kyodo" not in a.body
    assert len(a.body.split("\n\n")) == 4


def test_markdown_with_frontmatter_and_merged_sections() -> None:
    a = read_one("story.md")
    assert a.shape == "markdown_frontmatter"
    assert a.title == "Hàn Quốc và Việt Nam mở rộng hợp tác bán dẫn"
    assert a.published == "2025-11-04T09:15:00"
    assert a.frontmatter == {
        "title": "Hàn Quốc và Việt Nam mở rộng hợp tác bán dẫn",
        "slug": "han-quoc-va-viet-nam-mo-rong-hop-tac-ban-dan",
        "thumbnail": "images/han-quoc-ban-dan.webp",
        "description": "Hai nước thúc đẩy đầu tư vào chuỗi cung ứng chip và đào tạo kỹ sư.",
        "use": False,
        "created_at": "2025-11-04 09:15:00",
    }
    assert list(a.frontmatter) == ["title", "slug", "thumbnail", "description", "use", "created_at"]
    assert [s.heading for s in a.sections] == [
        "Tập đoàn Hàn Quốc công bố nhà máy đóng gói chip mới",
        "Đào tạo nhân lực là điều kiện then chốt",
    ]
    assert a.body == "\n\n".join(s.text for s in a.sections)
    assert a.images == [Image("/images/20251103-chip-plant.webp", None, "Kim Jae-hoon/Yonhap")]
    assert a.related == [
        Related(
            "Lễ ký kết biên bản ghi nhớ tại Seoul", "https://example.invalid/photos/ky-ket.html"
        )
    ]
    assert a.credited_agencies == ["Jiji", "Reuters"]
    assert a.sections[0].text.startswith("Một tập đoàn điện tử lớn")  # "[Thời sự Seoul]" out
    assert a.sections[1].text.startswith("Các chuyên gia cho rằng")  # "(Reuters):" out
    assert "**" not in a.body and "](" not in a.body and "Photographer" not in a.body


def test_markdown_without_frontmatter_takes_the_h1_as_title() -> None:
    text = "# Tiêu đề bài viết thử nghiệm\n\nĐoạn mở đầu có đủ nhiều chữ để thành một bài báo ngắn.\n\n## Phần hai\n\nĐoạn thứ hai của bài viết.\n"
    a = read_document(text.encode(), "x.md", shape="markdown_frontmatter")[0]
    assert a.title == "Tiêu đề bài viết thử nghiệm"
    assert a.frontmatter is None
    assert [s.heading for s in a.sections] == [None, "Phần hai"]


def test_html_page_with_metadata() -> None:
    a = read_one("page.html")
    assert a.shape == "html"
    assert a.title == "Hà Nội khai trương tuyến buýt điện nối sân bay Nội Bài"
    assert a.published == "2025-10-01T07:45:00"  # the page's article:published_time
    assert a.outlet == "Tin Thủ Đô"
    assert a.authors == ["Phạm Thu Hà"]
    assert a.images == [
        Image("https://example.invalid/anh/buyt-dien.jpg"),
        Image(
            "https://example.invalid/anh/buyt-tram.jpg",
            "Xe buýt điện đón khách tại điểm dừng Nhà hát Lớn.",
            "Thu Hà",
        ),
    ]
    assert len(a.body.split("\n\n")) == 4
    assert "Trang chủ" not in a.body and "Bản quyền" not in a.body


def test_html_takes_the_url_as_source() -> None:
    url = "https://example.invalid/tin/buyt-dien.html"
    a = read_document((FIXTURES / "page.html").read_bytes(), url, shape="html")[0]
    assert a.source == url and a.url == url


def test_jsonl_dump_maps_fields_by_name() -> None:
    articles = read_fixture("dump.jsonl")
    assert [a.title for a in articles] == [
        "Giá xăng giảm lần thứ ba liên tiếp",
        "Đà Nẵng đón lượng khách quốc tế kỷ lục",
        "Cần Thơ khởi công cầu mới bắc qua sông Hậu",
    ]
    assert [a.source for a in articles] == [
        "https://example.invalid/xang-giam",
        "https://example.invalid/da-nang-khach",
        "https://example.invalid/can-tho-cau",
    ]
    assert [a.published for a in articles] == ["2025-07-21T15:00:00", "2025-07-20", None]
    assert [a.authors for a in articles] == [["Ngọc Anh"], ["Trần Vy", "Lê Hải"], []]
    assert articles[2].body.startswith("Ngày 18/7, thành phố Cần Thơ")  # read from its html
    assert {a.shape for a in articles} == {"jsonl"}


def test_jsonl_bad_lines_are_rejected_one_by_one() -> None:
    rejects: list[ReadError] = []
    articles = read_fixture("bad_lines.jsonl", on_reject=rejects.append)
    assert [a.source for a in articles] == ["bad_lines.jsonl#1"]
    assert [(e.item, e.reason) for e in rejects] == [
        ("bad_lines.jsonl#2", "malformed JSON: Unterminated string starting at (column 32)"),
        ("bad_lines.jsonl#3", "not a JSON object but list"),
        (
            "bad_lines.jsonl#4",
            "no text: none of the fields text, body, content, article, maintext, "
            "html, raw_html, content_html, body_html holds any",
        ),
    ]


def test_jsonl_truncated_last_line() -> None:
    rejects: list[ReadError] = []
    articles = read_fixture("truncated.jsonl", on_reject=rejects.append)
    assert [a.title for a in articles] == ["Bản tin trọn vẹn"]
    assert [(e.item, e.reason) for e in rejects] == [
        ("truncated.jsonl#2", "truncated JSON (the dump ends inside a record)")
    ]


def test_without_on_reject_the_first_bad_item_raises() -> None:
    with pytest.raises(ReadError, match="malformed JSON"):
        read_fixture("bad_lines.jsonl")


def test_rss_feed_one_article_per_item() -> None:
    first, second = read_fixture("feed.rss")
    assert first.shape == "feed"
    assert first.source == "https://example.invalid/the-gioi/indonesia-duong-sat"
    assert first.title == "Indonesia khánh thành đường sắt cao tốc mở rộng"
    assert first.published == "2025-10-14T08:30:00"
    assert first.outlet == "Báo Mẫu - Thế giới"
    assert first.authors == ["Quang Huy"]
    assert first.credited_agencies == ["Antara"]
    assert first.images == [Image("https://example.invalid/anh/tau.jpg", "Đoàn tàu cao tốc", None)]
    assert len(first.body.split("\n\n")) == 2
    assert second.published == "2025-10-13T19:05:00"
    assert second.authors == []


def test_atom_feed_prefers_full_content() -> None:
    first, second = read_fixture("feed.atom")
    assert first.title == "Singapore thử nghiệm xe buýt tự lái trên tuyến công cộng"
    assert first.published == "2025-11-20T09:00:00"
    assert first.authors == ["Lâm Nhi"]
    assert first.outlet == "Nhật báo Mẫu"
    assert first.body.endswith("giai đoạn thử nghiệm kéo dài sáu tháng.")
    assert "<p>" not in first.body
    assert second.published == "2025-11-19T16:00:00"  # no <published>: <updated> is what it says
    assert second.body.startswith("Chính phủ Malaysia công bố")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("truncated_feed.xml", "malformed feed at line 8: <unknown>:8:0: unclosed CDATA section"),
        (
            "bad_frontmatter.md",
            "malformed YAML frontmatter (line 5): while scanning a quoted scalar",
        ),
        ("no_text.html", "too little running text to be an article: 'Trang chủ'"),
        ("empty.txt", "empty document"),
        ("whitespace.txt", "only whitespace"),
        ("picture.png", "binary file (a PNG image), not a text document"),
    ],
)
def test_bad_documents_are_refused_with_a_reason(name: str, reason: str) -> None:
    with pytest.raises(ReadError) as info:
        read_fixture(name)
    assert (info.value.item, info.value.reason) == (name, reason)


def test_oversized_document_is_refused() -> None:
    class Small:
        max_bytes = 100

    with pytest.raises(ReadError, match=r"too large: 1,042 bytes \(max_bytes is 100\)"):
        read_fixture("dated_headline.txt", settings=Small())


def test_forced_shape_that_does_not_fit() -> None:
    with pytest.raises(ReadError, match="not dated text"):
        read_fixture("plain_byline.txt", shape="dated_text")
    with pytest.raises(ValueError, match="unknown shape"):
        read_fixture("plain_byline.txt", shape="docx")


def test_text_is_nfc() -> None:
    import unicodedata

    for name in ("dated_headline.txt", "story.md", "page.html", "feed.rss"):
        for a in read_fixture(name):
            assert unicodedata.is_normalized("NFC", a.body)


def test_japanese_dated_text_headline_and_language() -> None:
    text = " date 2025-11-10 日越首脳が会談、経済協力で合意\n\n【ハノイ共同】首相は10日、ハノイで会談した。両首脳は協力の強化を確認した。\n"
    a = read_document(text.encode(), "ja.txt")[0]
    assert a.title == "日越首脳が会談、経済協力で合意"
    assert a.language == "ja"
    assert a.credited_agencies == ["Kyodo"] and a.dateline == "ハノイ"
    assert a.body == "首相は10日、ハノイで会談した。両首脳は協力の強化を確認した。"


def test_html_site_name_from_the_title_when_metadata_lacks_it() -> None:
    page = (
        "<html><head><title>Cầu mới thông xe - Báo Mẫu Đô Thị</title></head><body><article>"
        "<h1>Cầu mới thông xe</h1><p>Sáng nay cây cầu mới bắc qua sông đã chính thức thông xe, "
        "giúp người dân hai bên bờ đi lại thuận tiện hơn rất nhiều so với trước đây.</p>"
        "<p>Công trình được khởi công từ hai năm trước với tổng vốn hơn 800 tỷ đồng.</p>"
        "</article></body></html>"
    )
    a = read_document(page.encode(), "cau.html")[0]
    assert a.title == "Cầu mới thông xe"
    assert a.outlet == "Báo Mẫu Đô Thị"


SAPO_LEAD = (
    "Rạng sáng 8/11, một kho hàng rộng khoảng 600 m2 ở phường Long Biên bốc cháy dữ dội, "
    "ba công nhân bị thương và được đưa đi cấp cứu."
)


def test_html_lead_outside_the_article_body_is_kept_first() -> None:
    """The sapo stands between the headline and the body node trafilatura keeps: it is put back
    as the first paragraph; a teaser of another article in the sidebar is not."""
    a = read_one("sapo_page.html")
    paragraphs = a.body.split("\n\n")
    assert paragraphs[0] == SAPO_LEAD
    assert len(paragraphs) == 4
    assert "Hàng Bông" not in a.body


def test_html_lead_found_by_the_page_description_without_a_class() -> None:
    page = (FIXTURES / "sapo_page.html").read_text("utf-8")
    page = page.replace('<h2 class="sapo">', "<p><strong>").replace(
        "cấp cứu.</h2>", "cấp cứu.</strong></p>"
    )
    a = read_document(page.encode(), "no_class.html")[0]
    assert a.body.split("\n\n")[0] == SAPO_LEAD
    assert a.body.count("Rạng sáng 8/11") == 1


def test_html_lead_is_not_repeated_when_the_body_holds_it() -> None:
    page = (FIXTURES / "sapo_page.html").read_text("utf-8")
    lead = f'<h2 class="sapo">{SAPO_LEAD}</h2>'
    page = page.replace(lead, "").replace(
        '<div class="article-body">', f'<div class="article-body">\n    <p>{SAPO_LEAD}</p>'
    )
    a = read_document(page.encode(), "in_body.html")[0]
    assert a.body.count("Rạng sáng 8/11") == 1 and a.body.startswith(SAPO_LEAD)


def test_english_standfirst_stays_out_of_the_body() -> None:
    """An English dek/standfirst is a subtitle (as the extraction benchmark's gold has it)."""
    page = (
        "<html><head><title>Warehouse fire - Sample Times</title></head><body><main><article>"
        "<h1>Warehouse fire in the east of the city</h1>"
        "<h2 class='sapo'>Three workers were hurt when a plastics warehouse burned before dawn "
        "on Sunday.</h2><div class='article-body'>"
        "<p>Neighbours said they heard several loud bangs at about three in the morning, and "
        "within minutes the flames had spread to the metal roof of the next building.</p>"
        "<p>Twelve fire engines and more than eighty firefighters were sent to the scene and "
        "had the fire under control by half past six, before it reached any houses.</p>"
        "<p>The three workers who had slept in the warehouse were treated for minor burns and "
        "smoke, and the cause of the fire is being investigated by the police.</p>"
        "</div></article></main></body></html>"
    )
    a = read_document(page.encode(), "standfirst.html")[0]
    assert a.body.startswith("Neighbours said")
    assert "Three workers were hurt" not in a.body


def test_sample_page_keeps_its_toll_lead() -> None:
    samples = FIXTURES.parents[2] / "samples" / "typhoon_central" / "03_baodatviet.html"
    a = read_document(samples.read_bytes(), "03_baodatviet.html")[0]
    assert a.body.split("\n\n")[0] == (
        "Tính đến sáng 16/10, bão số 9 và mưa lũ sau bão đã làm 12 người chết, 5 người mất tích "
        "và 86 người bị thương tại ba địa phương Quảng Trị, Huế và Đà Nẵng."
    )
