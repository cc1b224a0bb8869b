"""analyse_story on the team's own trade story (hand-built records, no upstream stage)."""

from __future__ import annotations

import pytest

from analyse.builders import Doc, story_of
from analyse.trade_story import DOCS, A, B, C, D
from newsdesk.analyse import ExtractiveWriter, analyse_story
from newsdesk.errors import Rejected


@pytest.fixture(scope="module")
def analysed():
    story, arts, unds = story_of(DOCS)
    return analyse_story(story, arts, unds)


def _cites(citations):
    return [(c.article, c.sentence) for c in citations]


def test_timeline_one_event_per_happening_with_every_source(analysed):
    dates = [(e.date, e.granularity, e.planned) for e in analysed.timeline]
    assert dates == [
        ("2025-09-10", "day", False),
        ("2025-09-11", "day", False),
        ("2025-11", "month", True),
        ("2027", "year", True),
        ("2028", "year", True),
    ]
    signing = analysed.timeline[1]
    # told by A, B and C; D (a copy of B) is not counted
    assert _cites(signing.citations) == [(A.id, 0), (B.id, 0), (C.id, 0)]
    assert signing.text == (
        "Việt Nam và Australia hôm 11/9 đã ký thỏa thuận nâng cấp quan hệ thương mại tại Hà Nội"
    )
    assert analysed.timeline[0].text == (
        "Ngày 10/9, hai bộ trưởng đã có cuộc gặp riêng để hoàn tất những điều khoản cuối cùng"
    )
    assert (
        analysed.timeline[2].text
        == "Vòng đàm phán tiếp theo dự kiến diễn ra tại Canberra vào tháng 11 tới"
    )


def test_event_lines_are_taken_from_their_sentences(analysed):
    for event in analysed.timeline:
        sentences = [DOCS_BY_ID[c.article].sentences[c.sentence].lower() for c in event.citations]
        assert any(event.text.lower() in s for s in sentences), event.text


DOCS_BY_ID = {d.id: d for d in DOCS}


def test_people_one_entry_each_with_roles_and_article_counts(analysed):
    got = [(p.name, p.roles, p.articles) for p in analysed.people]
    assert got == [
        ("Nguyễn Văn Minh", ["Bộ trưởng Công Thương"], 2),
        ("Jane Carter", ["Bộ trưởng Thương mại Australia"], 2),
    ]
    assert analysed.people[0].mentions == ["Bộ trưởng Minh", "Nguyễn Văn Minh"]


def test_figures_group_equal_values_written_differently(analysed):
    first = analysed.figures[0]
    assert (first.text, first.value, first.unit) == ("1,5 tỷ USD", 1.5e9, "USD")
    assert _cites(first.citations) == [(A.id, 3), (B.id, 3), (C.id, 3)]
    texts = [f.text for f in analysed.figures]
    assert texts.count("1,5 tỷ USD") == 1 and "1,5 tỉ đô la" not in texts


def test_both_disagreements_found_and_nothing_else(analysed):
    got = [
        (d.kind, d.topic, [(s.value, _cites(s.citations)) for s in d.sides])
        for d in analysed.disagreements
    ]
    assert got == [
        (
            "figure",
            "Thuế nhập khẩu cà phê trước khi giảm xuống 5%",
            [("12%", [(A.id, 1)]), ("10%", [(B.id, 1)])],
        ),
        (
            "date",
            "Thời điểm kim ngạch thương mại đạt 20 tỷ USD",
            [("2027", [(A.id, 2)]), ("2028", [(B.id, 2)])],
        ),
    ]


def test_title_description_and_gate(analysed):
    assert analysed.title == A.title and not analysed.title_generated
    assert analysed.description.startswith("Ngày 11/9, Bộ trưởng Công Thương Nguyễn Văn Minh")
    assert len(analysed.description) <= 250
    assert analysed.use is True


def test_generated_title_when_no_headline():
    untitled = [Doc(**{**d.__dict__, "title": None}) for d in (B, D)]
    story, arts, unds = story_of(untitled)
    out = analyse_story(story, arts, unds)
    assert out.title_generated
    assert out.title == (
        "Việt Nam và Australia hôm 11/9 đã ký thỏa thuận nâng cấp quan hệ thương mại tại Hà Nội"
    )
    assert len(out.title) <= 100


def test_writer_slots_and_unknown_kind():
    story, arts, unds = story_of(DOCS)
    writer = ExtractiveWriter(arts, unds)
    assert writer.write("title", story) == A.title
    assert writer.write("description", story) == analyse_story(story, arts, unds).description
    with pytest.raises(ValueError, match="unknown kind"):
        writer.write("summary", story)


def test_one_article_giving_two_values_is_not_a_disagreement():
    lone = Doc(
        id="e000000000000005",
        published="2025-09-12",
        sentences=[
            "Thuế đối với thép giảm từ 20% xuống 8%.",
            "Một văn bản khác ghi thuế đối với thép giảm từ 18% xuống 8%.",
        ],
        figures=[
            {"text": "20%", "value": 20.0, "unit": "percent", "sentence": 0},
            {"text": "8%", "value": 8.0, "unit": "percent", "sentence": 0},
            {"text": "18%", "value": 18.0, "unit": "percent", "sentence": 1},
            {"text": "8%", "value": 8.0, "unit": "percent", "sentence": 1},
        ],
    )
    other = Doc(
        id="f000000000000006",
        published="2025-09-12",
        sentences=["Thuế đối với thép được hạ từ 20% xuống 8% từ đầu tháng."],
        figures=[
            {"text": "20%", "value": 20.0, "unit": "percent"},
            {"text": "8%", "value": 8.0, "unit": "percent"},
        ],
    )
    story, arts, unds = story_of([lone, other])
    assert analyse_story(story, arts, unds).disagreements == []


def test_different_targets_without_a_shared_anchor_are_not_disagreements():
    # "lên 5% GDP" (a demand) and "lên 2% GDP" (a plan) measure different things
    one = Doc(
        id="g000000000000007",
        published="2025-10-01",
        sentences=["Washington yêu cầu các đồng minh tăng chi tiêu quốc phòng lên 5% GDP."],
        figures=[{"text": "5% GDP", "value": 5.0, "unit": "percent", "of": "GDP"}],
    )
    two = Doc(
        id="h000000000000008",
        published="2025-10-01",
        sentences=["Chính phủ sẽ tăng chi tiêu quốc phòng lên 2% GDP."],
        figures=[{"text": "2% GDP", "value": 2.0, "unit": "percent", "of": "GDP"}],
    )
    story, arts, unds = story_of([one, two])
    assert analyse_story(story, arts, unds).disagreements == []


def test_a_story_with_nothing_understood_is_rejected():
    story, arts, _ = story_of([A])
    with pytest.raises(Rejected, match="no member article has been understood"):
        analyse_story(story, arts, {})


def _toll(doc_id, published, sentence, value, text, dates=()):
    return Doc(
        id=doc_id,
        published=published,
        sentences=[sentence],
        dates=list(dates),
        figures=[{"text": text, "value": value, "unit": "person"}],
    )


def test_two_tolls_for_the_same_day_disagree():
    one = _toll(
        "t000000000000001",
        "2026-08-05",
        "Tính đến sáng 5/8, lũ quét tại Lào Cai đã làm 7 người chết.",
        7.0,
        "7 người",
        [("5/8", "2026-08-05", "day")],
    )
    two = _toll(
        "t000000000000002",
        "2026-08-05",
        "Tính đến ngày 5/8, trận lũ quét khiến 9 người chết ở Lào Cai.",
        9.0,
        "9 người",
        [("ngày 5/8", "2026-08-05", "day")],
    )
    story, arts, unds = story_of([one, two])
    got = analyse_story(story, arts, unds).disagreements
    assert [(d.topic, [(s.value, _cites(s.citations)) for s in d.sides]) for d in got] == [
        (
            "Số người chết tính đến 5/8/2026",
            [("7 người", [(one.id, 0)]), ("9 người", [(two.id, 0)])],
        )
    ]


def test_tolls_days_apart_or_approximate_do_not_disagree():
    early = _toll(
        "t000000000000003",
        "2026-08-05",
        "Lũ quét tại xã Trịnh Tường đã làm 7 người chết.",
        7.0,
        "7 người",
    )
    later = _toll(
        "t000000000000004",
        "2026-08-09",
        "Lũ quét tại xã Trịnh Tường đã làm 11 người chết.",
        11.0,
        "11 người",
    )
    rough = _toll(
        "t000000000000005",
        "2026-08-05",
        "Lũ quét tại xã Trịnh Tường làm khoảng 10 người chết.",
        10.0,
        "10 người",
    )
    for pair in ([early, later], [early, rough]):
        story, arts, unds = story_of(pair)
        assert analyse_story(story, arts, unds).disagreements == []


def test_articles_in_other_languages_are_not_quoted():
    english = Doc(
        id="e000000000000010",
        language="en",
        published="2025-09-12",
        title="Vietnam and Australia sign a trade upgrade",
        sentences=["On September 11 the two ministers signed the agreement in Hanoi."],
        dates=[("September 11", "2025-09-11", "day")],
    )
    story, arts, unds = story_of([english, *DOCS])
    out = analyse_story(story, arts, unds)
    cited = {c.article for e in out.timeline for c in e.citations}
    assert english.id not in cited and out.title == A.title


def test_a_generated_title_keeps_the_news_not_who_reported_it():
    wire = Doc(
        id="w000000000000011",
        published="2025-09-12",
        sentences=[
            "Hãng tin Minh Long ngày 12/9 dẫn lời các quan chức địa phương cho biết tỉnh Quảng Ngãi "
            "sẽ khởi công cảng biển nước sâu Dung Quất 3 vào tháng 3 năm sau với tổng vốn 1,2 tỷ USD."
        ],
    )
    story, arts, unds = story_of([wire])
    out = analyse_story(story, arts, unds)
    assert out.title_generated
    assert out.title == (
        "Tỉnh Quảng Ngãi sẽ khởi công cảng biển nước sâu Dung Quất 3 vào tháng 3 năm sau với tổng vốn…"
    )
