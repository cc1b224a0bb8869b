"""The cleaner's rules, one by one, on hand-built drafts and lines."""

from __future__ import annotations

import pytest

from newsdesk.clean import clean, generated_title
from newsdesk.clean.captions import leading_caption, parse_caption, parse_credit_line
from newsdesk.clean.credits import (
    Credits,
    scan_mentions,
    strip_wire_end,
    take_end_matter,
    take_lead_prefix,
)
from newsdesk.clean.paragraphs import plain, split_paragraphs
from newsdesk.clean.related import split_related_row
from newsdesk.errors import ReadError
from newsdesk.read.draft import Draft


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Người dân dọn dẹp sau bão tại Quảng Bình. Ảnh: TTXVN",
            ("Người dân dọn dẹp sau bão tại Quảng Bình.", "TTXVN"),
        ),
        (
            "Cảnh sát phong tỏa hiện trường (Ảnh: Reuters)",
            ("Cảnh sát phong tỏa hiện trường", "Reuters"),
        ),
        ("Tàu cá neo đậu tại cảng Sa Kỳ. (Nguồn: AFP)", ("Tàu cá neo đậu tại cảng Sa Kỳ.", "AFP")),
        (
            "Đoàn đại biểu tại lễ khai mạc - Ảnh: Jiji press",
            ("Đoàn đại biểu tại lễ khai mạc", "Jiji Press"),
        ),
        ("Một góc thành phố Đà Lạt (Ảnh minh họa)", ("Một góc thành phố Đà Lạt", None)),
    ],
)
def test_caption_lines(line: str, expected: tuple[str, str | None]) -> None:
    assert parse_caption(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Nguồn: NHK, Kyodonews",  # a source line, not a caption
        "Ông Nam cho biết: đây là lần đầu tiên.",
        "Bài viết dài " * 40 + "Ảnh: AP",  # far too long to be a caption
    ],
)
def test_not_captions(line: str) -> None:
    assert parse_caption(line) is None


def test_credit_line_and_leading_caption() -> None:
    assert parse_credit_line("Photographer: Lee Min/Bloomberg") == "Lee Min/Bloomberg"
    assert (
        parse_credit_line("Ông ấy nói rằng mọi việc vẫn ổn định và không có gì thay đổi.") is None
    )
    found = leading_caption(
        "Người biểu tình tại thủ đô sáng nay - Ảnh: AFP Theo hãng tin AFP, cuộc tuần hành kéo dài."
    )
    assert found == (
        "Người biểu tình tại thủ đô sáng nay",
        "AFP",
        "Theo hãng tin AFP, cuộc tuần hành kéo dài.",
    )


def test_end_matter() -> None:
    credits = Credits()
    rest = take_end_matter(
        [
            "Đoạn một của bài.",
            "Đoạn cuối của bài báo./.",
            "Thanh Hà (Theo Reuters)",
            "Nguồn: NHK, Kyodo News",
        ],
        credits,
    )
    assert rest == ["Đoạn một của bài.", "Đoạn cuối của bài báo."]
    assert credits.authors == ["Thanh Hà"]
    assert credits.agencies == ["NHK", "Kyodo", "Reuters"]


def test_slash_byline_with_known_agency_and_upper_case_names() -> None:
    credits = Credits()
    assert take_end_matter(["Nội dung bài báo.", "NGUYỄN AN/TTXVN - Paris"], credits) == [
        "Nội dung bài báo."
    ]
    assert (credits.authors, credits.outlet, credits.dateline) == (["Nguyễn An"], "TTXVN", "Paris")


@pytest.mark.parametrize(
    ("paragraph", "authors", "outlet", "dateline"),
    [
        (
            "Quốc hội đã họp phiên bế mạc vào chiều nay. NGUYỄN MINH THƯ",
            ["Nguyễn Minh Thư"],
            None,
            None,
        ),
        (
            "Tăng trưởng kinh tế của Lào dự kiến đạt 7%./. Lê Văn Hùng/VOV-Viêng Chăn",
            ["Lê Văn Hùng"],
            "VOV",
            "Viêng Chăn",
        ),
        ("Cảnh sát đã phong tỏa khu vực trong nhiều giờ. PV", [], None, None),
        (
            "Nhà máy sẽ hoạt động từ tháng tới theo kế hoạch. Báo Mẫu Online",
            [],
            "Báo Mẫu Online",
            None,
        ),
    ],
)
def test_byline_glued_to_a_one_line_body(paragraph, authors, outlet, dateline) -> None:
    credits = Credits()
    (rest,) = take_end_matter([paragraph], credits)
    assert rest.endswith(".") and "VOV" not in rest and not rest.endswith(("PV", "Online"))
    assert (credits.authors, credits.outlet, credits.dateline) == (authors, outlet, dateline)


def test_a_short_last_sentence_is_not_a_byline() -> None:
    credits = Credits()
    assert take_end_matter(["Nội dung.", "Tuy nhiên chưa rõ."], credits) == [
        "Nội dung.",
        "Tuy nhiên chưa rõ.",
    ]
    assert credits.authors == []


def test_wire_end_marker() -> None:
    assert strip_wire_end("giảm còn 15%./.") == "giảm còn 15%."
    assert strip_wire_end("kết thúc /.") == "kết thúc."
    assert strip_wire_end("không có dấu") == "không có dấu"


@pytest.mark.parametrize(
    ("lead", "rest", "agencies", "outlet", "dateline"),
    [
        ("[Thời sự Seoul] Tổng thống phát biểu.", "Tổng thống phát biểu.", ["Jiji"], None, "Seoul"),
        ("(Bloomberg): Giá dầu tăng.", "Giá dầu tăng.", ["Bloomberg"], None, None),
        ("(Dân trí) - Mưa lớn kéo dài.", "Mưa lớn kéo dài.", [], "Dân trí", None),
        ("Bangkok (TTXVN) - Thái Lan công bố.", "Thái Lan công bố.", ["TTXVN"], None, "Bangkok"),
        ("【ハノイ共同】高市首相は会談した。", "高市首相は会談した。", ["Kyodo"], None, "ハノイ"),
        ("[Ảnh] Không phải dòng đầu tin.", "[Ảnh] Không phải dòng đầu tin.", [], None, None),
    ],
)
def test_lead_prefixes(lead, rest, agencies, outlet, dateline) -> None:
    credits = Credits()
    assert take_lead_prefix(lead, credits, set_dateline=True) == rest
    assert (credits.agencies, credits.outlet, credits.dateline) == (agencies, outlet, dateline)


def test_mentions_need_a_cue() -> None:
    credits = Credits()
    scan_mentions(
        "Hãng thông tấn Jiji ngày 6/12 dẫn lời quan chức. Reuters đưa tin sau đó. "
        "Theo AP, cuộc họp kéo dài. Ông Kyodo là một cái tên giả. Chữ AP trong câu (Yonhap).",
        credits,
    )
    assert credits.agencies == ["Jiji", "Reuters", "AP", "Yonhap"]


def test_related_rows_split_title_from_lead() -> None:
    assert split_related_row("Hà Nội mở tuyến buýt mới Ngày 2/3, Sở Xây dựng cho biết ...") == (
        "Hà Nội mở tuyến buýt mới",
        "Ngày 2/3, Sở Xây dựng cho biết",
    )
    assert split_related_row("Tiêu đề không có phần tóm tắt") == (
        "Tiêu đề không có phần tóm tắt",
        None,
    )


def test_paragraph_splitting() -> None:
    text = "Dòng một kết thúc.\nDòng hai bắt đầu\nvà được nối tiếp.\n\n\nĐoạn mới."
    assert split_paragraphs(text) == [
        "Dòng một kết thúc.",
        "Dòng hai bắt đầu và được nối tiếp.",
        "Đoạn mới.",
    ]
    md = "Câu một.\nCâu hai cùng đoạn.\n![](/a.webp)\n## Tiêu đề"
    assert split_paragraphs(md, markdown=True) == [
        "Câu một. Câu hai cùng đoạn.",
        "![](/a.webp)",
        "## Tiêu đề",
    ]


def test_closing_see_also_link_becomes_related() -> None:
    article = clean(
        Draft.single(
            "x.md",
            "markdown_frontmatter",
            "Bộ Y tế sẽ trình nghị định trong quý II. Xem thêm: [Toàn văn luật mới](/van-ban/luat-moi",
            markdown=True,
        )
    )
    assert article.body == "Bộ Y tế sẽ trình nghị định trong quý II."
    assert [(r.title, r.url) for r in article.related] == [
        ("Toàn văn luật mới", "/van-ban/luat-moi")
    ]


def test_closing_see_also_gallery_link_becomes_related() -> None:
    article = clean(
        Draft.single(
            "x.md",
            "markdown_frontmatter",
            "Hành khách chuyển sang đi tàu điện mỗi ngày. Xem thêm [Hình ảnh] Ga ngầm ngày đầu](https://x.invalid/anh)",
            markdown=True,
        )
    )
    assert article.body == "Hành khách chuyển sang đi tàu điện mỗi ngày."
    assert [(r.title, r.url) for r in article.related] == [
        ("Ga ngầm ngày đầu", "https://x.invalid/anh")
    ]


def test_translation_source_line_and_date_line_above_the_text() -> None:
    article = clean(
        Draft.single(
            "x.txt",
            "plain_text",
            "2026年11月10日19時42分\n\n【ハノイ時事】首相は10日、ハノイで会談し、協力の強化を確認した。\n\n(Biên dịch từ NHK và Kyodo)",
        )
    )
    assert article.published == "2026-11-10T19:42:00"
    assert article.body == "首相は10日、ハノイで会談し、協力の強化を確認した。"
    assert article.credited_agencies == ["NHK", "Kyodo", "Jiji"]
    assert article.dateline == "ハノイ"


def test_inline_markdown_to_plain_text() -> None:
    assert (
        plain("Xem **thêm** tại [trang này](https://x.invalid) nhé") == "Xem thêm tại trang này nhé"
    )
    assert (
        plain("lãnh đạo.Trong cuộc họp, TP.HCM và v.v.")
        == "lãnh đạo. Trong cuộc họp, TP.HCM và v.v."
    )


def test_generated_title() -> None:
    assert generated_title("Câu đầu tiên ngắn. Câu thứ hai.\n\nĐoạn sau.") == "Câu đầu tiên ngắn"
    assert generated_title("首相は10日、会談した。両首脳は確認した。") == "首相は10日、会談した"
    long = "Một câu rất dài " * 20
    title = generated_title(long)
    assert title is not None and len(title) <= 120 and title.endswith("…")
    assert " ".join(title[:-1].split()) in long


def test_clean_refuses_a_draft_without_text() -> None:
    with pytest.raises(ReadError, match="no running text"):
        clean(Draft.single("x.txt", "plain_text", "![](/a.webp)\n\nẢnh: AP"))


def test_clean_never_invents_a_date() -> None:
    article = clean(
        Draft.single(
            "x.txt", "plain_text", "Hôm qua, ngày 3/4/2025, thành phố tổ chức lễ hội hoa lớn."
        )
    )
    assert article.published is None
    assert article.title is None and article.generated_title


@pytest.mark.parametrize(
    "module", ["newsdesk.clean", "newsdesk.read.lexicon", "newsdesk.sources.files"]
)
def test_each_module_imports_first(module: str) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_markdown_escapes_and_empty_emphasis() -> None:
    assert plain("Il ***black Friday*** incombe") == "Il black Friday incombe"
    assert plain("1\\) Mục thứ nhất") == "1) Mục thứ nhất"
    assert plain("** **") == ""
