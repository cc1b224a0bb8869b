"""Properties of analyse_story on generated stories: whatever the input, every statement cites a
member that is not a duplicate, a sentence that exists, and words that sentence holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analyse.builders import Doc, story_of
from newsdesk.analyse import analyse_story

WORDS = [
    "thuế",
    "giảm",
    "từ",
    "xuống",
    "chi tiêu quốc phòng",
    "nâng",
    "lên",
    "hai bên",
    "ký",
    "thỏa thuận",
    "tại",
    "Hà Nội",
    "ông Minh",
    "dự kiến",
    "sẽ",
    "hội đàm",
    "người chết",
    "vốn",
]


@st.composite
def sentences(draw):
    parts = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=8))
    day = draw(st.integers(1, 28))
    month = draw(st.integers(1, 12))
    pct = draw(st.sampled_from([5, 10, 12, 15, 25, 27.5]))
    year = draw(st.sampled_from([2025, 2026, 2027]))
    date = f"ngày {day}/{month}"
    fig = f"{pct:g}%".replace(".", ",")
    cut = draw(st.integers(0, len(parts)))
    text = " ".join(parts[:cut] + [date] + parts[cut:] + [fig, f"vào năm {year}"]) + "."
    return text, date, f"2025-{month:02d}-{day:02d}", fig, float(pct), year


@st.composite
def docs(draw, n):
    out = []
    for i in range(n):
        rows = draw(st.lists(sentences(), min_size=1, max_size=4))
        out.append(
            Doc(
                id=f"{i:016x}",
                published=f"2025-{draw(st.integers(1, 12)):02d}-15",
                outlet=f"Báo {i}",
                sentences=[r[0] for r in rows],
                dates=[(r[1], r[2], "day") for r in rows]
                + [(f"năm {r[5]}", str(r[5]), "year") for r in rows],
                figures=[{"text": r[3], "value": r[4], "unit": "percent"} for r in rows],
                people=[("Nguyễn Văn Minh", ["Bộ trưởng"], ["ông Minh"])]
                if any("ông Minh" in r[0] for r in rows)
                else [],
                duplicate_of=f"{0:016x}" if i == n - 1 and n > 2 else None,
            )
        )
    return out


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 4).flatmap(docs))
def test_every_statement_traces_to_a_sentence(members):
    story, arts, unds = story_of(members)
    out = analyse_story(story, arts, unds)
    originals = {m.id for m in story.articles if not m.duplicate_of}

    def check(citations):
        assert citations
        for c in citations:
            assert c.article in originals
            sentences = unds[c.article].sentences
            assert 0 <= c.sentence < len(sentences)
            assert c.text.casefold() in sentences[c.sentence].casefold()

    for e in out.timeline:
        check(e.citations)
        line = e.text.removesuffix("…").casefold()
        assert any(
            line[1:] in unds[c.article].sentences[c.sentence].casefold() for c in e.citations
        )
    for f in out.figures:
        check(f.citations)
    for d in out.disagreements:
        assert len(d.sides) >= 2
        seen = {}
        for side in d.sides:
            check(side.citations)
            for c in side.citations:
                assert seen.setdefault(c.article, side.value) == side.value
    assert len(out.title) <= 100 and len(out.description) <= 250
    assert len({p.name for p in out.people}) == len(out.people)
