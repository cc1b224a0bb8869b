"""Properties on generated input: resolution is deterministic, resolved days exist, figures are
never dates and dates never figures, and one person's spellings always merge."""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.understand.dates import extract_dates
from newsdesk.understand.entities import extract_entities
from newsdesk.understand.figures import extract_figures

anchors = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
days = st.integers(min_value=1, max_value=31)
months = st.integers(min_value=1, max_value=12)
years = st.integers(min_value=1900, max_value=2100)

date_phrase = st.one_of(
    st.builds(lambda d, m: f"ngày {d}/{m}", days, months),
    st.builds(lambda d, m, y: f"ngày {d}/{m}/{y}", days, months, years),
    st.builds(lambda d, m, y: f"ngày {d} tháng {m} năm {y}", days, months, years),
    st.builds(lambda d: f"vào ngày {d}", days),
    st.builds(lambda d: f"đã diễn ra vào ngày {d}", days),
    st.builds(lambda d: f"sẽ diễn ra vào ngày {d}", days),
    st.builds(lambda m: f"hồi tháng {m}", months),
    st.builds(lambda m: f"tháng {m} tới", months),
    st.builds(lambda m, y: f"tháng {m}/{y}", months, years),
    st.builds(lambda d, m: f"tối ngày {d}-{m}", days, months),
    st.sampled_from(
        [
            "hôm qua",
            "hôm nay",
            "năm ngoái",
            "năm tới",
            "tuần trước",
            "tháng tới",
            "mùa xuân năm nay",
            "thứ Hai tuần trước",
            "cách đây 3 ngày",
        ]
    ),
)

number = st.one_of(
    st.integers(min_value=1, max_value=999).map(str),
    st.builds(lambda a, b: f"{a},{b}", st.integers(1, 99), st.integers(1, 9)),
    st.builds(lambda a, b: f"{a}.{b:03d}", st.integers(1, 999), st.integers(0, 999)),
)
unit = st.sampled_from(
    [
        "%",
        " tỷ USD",
        " triệu đồng",
        " tỷ yên",
        " người",
        " tấn",
        " km",
        " nghìn tỷ đồng",
        " phần trăm",
    ]
)
figure_phrase = st.builds(lambda n, u: n + u, number, unit)
filler = st.sampled_from(["Theo báo cáo,", "Hai bên cho biết", "Số liệu cho thấy", "Trong đó"])


@settings(max_examples=150, deadline=None)
@given(phrase=date_phrase, anchor=anchors, lead=filler)
def test_resolution_is_deterministic_and_days_exist(phrase: str, anchor: date, lead: str) -> None:
    text = f"{lead} {phrase} có nhiều sự kiện."
    first = extract_dates(text, anchor)
    assert first == extract_dates(text, anchor)
    for ref in first:
        for value in (ref.value, ref.end):
            if value and len(value) == 10:
                y, m, d = map(int, value.split("-"))
                assert 1 <= d <= calendar.monthrange(y, m)[1]
                assert date(y, m, d)  # a real calendar day


@settings(max_examples=150, deadline=None)
@given(phrase=figure_phrase, anchor=anchors, lead=filler)
def test_a_figure_is_never_a_date(phrase: str, anchor: date, lead: str) -> None:
    text = f"{lead} mức {phrase} được ghi nhận."
    assert extract_dates(text, anchor) == []
    assert [f.text for f in extract_figures(text)] == [phrase.strip()]


@settings(max_examples=150, deadline=None)
@given(phrase=date_phrase, lead=filler)
def test_a_date_is_never_a_figure(phrase: str, lead: str) -> None:
    assert extract_figures(f"{lead} {phrase} có nhiều sự kiện.") == []


VARIANTS = {
    "Sanae Takaichi": [
        "Thủ tướng Nhật Bản Sanae Takaichi",
        "Thủ tướng Takaichi Sanae",
        "bà Takaichi",
        "Thủ tướng Takaichi",
        "bà Sanae Takaichi",
    ],
    "Shinjiro Koizumi": [
        "Bộ trưởng Quốc phòng Shinjiro Koizumi",
        "Bộ trưởng Koizumi Shinjiro",
        "ông Koizumi",
    ],
    "Donald Trump": [
        "Tổng thống Mỹ Donald Trump",
        "ông Trump",
        "Tổng thống Trump",
        "Tổng thống Donald Trump",
    ],
}
verbs = st.sampled_from(["phát biểu", "đến Tokyo", "ký văn kiện", "gặp báo chí"])


@settings(max_examples=60, deadline=None)
@given(
    picks=st.lists(
        st.tuples(st.sampled_from(sorted(VARIANTS)), st.integers(0, 4), verbs),
        min_size=2,
        max_size=8,
    )
)
def test_every_spelling_of_a_person_merges(picks: list[tuple[str, int, str]]) -> None:
    sentences = []
    for person, k, verb in picks:
        forms = VARIANTS[person]
        sentences.append(f"{forms[k % len(forms)]} {verb}.")
    # a full name appears once, so surname-only mentions can link
    people_named = {p for p, _, _ in picks}
    sentences.extend(f"{VARIANTS[p][0]} có mặt." for p in sorted(people_named))
    people = extract_entities(" ".join(sentences))[0]
    assert sorted(e.name for e in people) == sorted(people_named)
