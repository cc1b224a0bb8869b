"""The one sentence split: paragraphs, sentence ends, abbreviations, numbers, quotes."""

from __future__ import annotations

from newsdesk.understand.sentences import sentence_spans, split_sentences


def test_paragraphs_then_sentence_ends() -> None:
    body = "Câu một. Câu hai!\n\nĐoạn hai có 27,5% và 1.100 tỷ. Hết?"
    assert split_sentences(body) == [
        "Câu một.",
        "Câu hai!",
        "Đoạn hai có 27,5% và 1.100 tỷ.",
        "Hết?",
    ]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    body = "TP. HCM có ThS. Lan. Ông J. Smith đến. Tiếp theo."
    assert split_sentences(body) == ["TP. HCM có ThS. Lan.", "Ông J. Smith đến.", "Tiếp theo."]


def test_a_quote_stays_with_its_sentence() -> None:
    body = "Ông nói: “Tôi đến. Tôi thấy.” Sau đó ông đi. “Một hai ba bốn năm.”, bà nói."
    assert split_sentences(body) == [
        "Ông nói: “Tôi đến. Tôi thấy.”",
        "Sau đó ông đi.",
        "“Một hai ba bốn năm.”, bà nói.",
    ]


def test_a_full_stop_glued_to_the_next_sentence() -> None:
    assert split_sentences("giữa hai nhà lãnh đạo.Trong thông báo") == [
        "giữa hai nhà lãnh đạo.",
        "Trong thông báo",
    ]


def test_japanese_sentence_ends_outside_brackets() -> None:
    assert split_sentences("首相は「強化する。新しい時代だ。」と述べた。次の文。") == [
        "首相は「強化する。新しい時代だ。」と述べた。",
        "次の文。",
    ]


def test_spans_point_into_the_text() -> None:
    body = "  Một.  Hai.\nBa "
    assert [body[s:e] for s, e in sentence_spans(body)] == ["Một.", "Hai.", "Ba"]
