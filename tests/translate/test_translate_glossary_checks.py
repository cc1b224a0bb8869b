"""The glossary (files, fixes, flags), Japanese name reading, and the output checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakechat import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.errors import ConfigError
from newsdesk.translate.checks import check_translation
from newsdesk.translate.glossary import Glossary, Term, load_file, load_glossary, parse_toml
from newsdesk.translate.reading import names, romanize, sentences

SOURCE = "高市早苗首相は15日、ハノイでファム・ミン・チン首相と会談した。"


def glossary() -> Glossary:
    return Glossary().extend(load_file(FIXTURES / "glossary.toml"))


def test_toml_and_csv_glossaries_load() -> None:
    terms = {t.source: t for t in load_file(FIXTURES / "glossary.toml")}
    assert terms["高市早苗"] == Term("高市早苗", "Takaichi Sanae", "person")
    assert terms["ハノイ"].kind == "place"
    csv_terms = {t.source: t for t in load_file(FIXTURES / "glossary.csv")}
    assert csv_terms["自民党"].also == ("LDP", "Đảng LDP")
    assert csv_terms["高市早苗"].wrong == ("Thủ tướng Sanae",)


def test_bad_glossaries_say_where_and_why(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown glossary section \[weather\]"):
        parse_toml('[weather]\n"雨" = "mưa"\n')
    bad = tmp_path / "g.csv"
    bad.write_text("高市早苗\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"g.csv:1: a glossary row needs source,target"):
        load_file(bad)
    with pytest.raises(ConfigError, match="no-such.toml"):
        load_file(tmp_path / "no-such.toml")


def test_the_terms_of_a_text_go_into_the_prompt() -> None:
    assert glossary().prompt_lines(SOURCE) == [
        "ファム・ミン・チン = Phạm Minh Chính",
        "高市早苗 = Takaichi Sanae",
        "ハノイ = Hà Nội",
        "高市 = Takaichi",
    ]


def test_enforce_fixes_order_script_and_case() -> None:
    out = "Thủ tướng Sanae Takaichi gặp 高市早苗 và thủ tướng phạm minh chính tại Hà Nội."
    fixed, fixes, problems = glossary().enforce(SOURCE, out)
    assert fixed == (
        "Thủ tướng Takaichi Sanae gặp Takaichi Sanae và thủ tướng Phạm Minh Chính tại Hà Nội."
    )
    assert problems == []
    assert "Sanae Takaichi written Takaichi Sanae" in fixes
    assert "高市早苗 left untranslated, written Takaichi Sanae" in fixes


def test_enforce_flags_a_missing_rendering() -> None:
    out = "Thủ tướng Nhật hội đàm với Thủ tướng Phạm Minh Chính tại Hà Nội."
    _, _, problems = glossary().enforce(SOURCE, out)
    assert problems == [
        "glossary: 高市早苗 must be rendered 'Takaichi Sanae'",
        "glossary: 高市 must be rendered 'Takaichi'",
    ]


def test_hints_are_not_enforced_and_the_base_list_loads() -> None:
    g = load_glossary()
    assert g.terms["日本"].target == "Nhật Bản" and not g.terms["日本"].enforced
    _, _, problems = g.enforce("日本経済新聞によると", "Theo báo Nikkei")
    assert problems == []


def test_store_renderings_join_the_glossary(store) -> None:
    store.add_name_rendering("茂木敏充", "Motegi Toshimitsu", origin="glossary")
    store.add_name_rendering("岸田文雄", "Kishida Bunyu", origin="reading")
    g = load_glossary(None, store)
    assert g.terms["茂木敏充"].enforced and not g.terms["岸田文雄"].enforced


def test_japanese_names_are_read_and_romanized_as_the_press_writes_them() -> None:
    found = {n.surface: n for n in names("高市早苗首相は東京で会見した。高市氏は続けて述べた。")}
    assert found["高市早苗"].rendering == "Takaichi Sanae"
    assert found["高市"].rendering == "Takaichi"
    assert found["東京"].kind == "place"
    assert [romanize(k) for k in ("トウキョウ", "イノウエ", "シンゾウ", "ハットリ", "キッチョウ")] == [
        "tokyo", "inoue", "shinzo", "hattori", "kitcho",
    ]  # fmt: skip
    assert sentences("一文目。二文目！「三文目？」\n四") == [
        "一文目。",
        "二文目！",
        "「三文目？」",
        "四",
    ]


# ----------------------------------------------------------------------------- checks

SRC = "高市早苗首相は15日、ハノイで会談した。両首脳は半導体の協力で合意した。⟦0⟧"
GOOD = (
    "Ngày 15, Thủ tướng Takaichi Sanae đã hội đàm tại Hà Nội. Hai nhà lãnh đạo nhất trí "
    "hợp tác về chất bán dẫn. ⟦0⟧"
)


def test_a_good_translation_passes() -> None:
    assert check_translation(SRC, GOOD, source_language="ja") == []
    assert (
        check_translation(SRC, GOOD.replace("Hà Nội.", "Hà Nội (ハノイ)."), source_language="ja")
        == []
    )


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        ("", "empty answer"),
        ("   \n", "empty answer"),
        ("I'm sorry, but I can't translate this.", "refused or chatted"),
        ("Xin lỗi, tôi không thể dịch văn bản này.", "refused or chatted"),
        (
            GOOD.replace("hợp tác về chất bán dẫn", "半導体の協力で合意した"),
            "characters still in the source script",
        ),
        ("Ngày 15. ⟦0⟧", "length ratio"),
        (GOOD.replace(" ⟦0⟧", ""), "protected spans lost: ⟦0⟧"),
        (GOOD + " ⟦0⟧ ⟦7⟧", "protected spans repeated or invented: ⟦0⟧, ⟦7⟧"),
        ("# " + GOOD, "headings changed: none became #"),
    ],
)
def test_each_problem_is_named(output: str, problem: str) -> None:
    found = check_translation(SRC, output, source_language="ja")
    assert any(problem in p for p in found), found


@given(
    st.lists(
        st.sampled_from(
            [
                "Sanae Takaichi",
                "高市早苗",
                "takaichi sanae",
                "Takaichi Sanae",
                "Hà Nội",
                "ハノイ",
                " và ",
                " tại ",
                "Phạm Minh Chính",
            ]
        ),
        min_size=1,
        max_size=12,
    )
)
def test_enforcing_twice_changes_nothing_more(parts: list[str]) -> None:
    once, _, _ = glossary().enforce(SOURCE, " ".join(parts))
    twice, fixes, _ = glossary().enforce(SOURCE, once)
    assert twice == once and fixes == []
    assert "Sanae Takaichi" not in once.replace("Takaichi Sanae", "|") and "高市早苗" not in once


def test_learnt_kanji_names_become_registry_aliases_and_come_back_as_glossary(store) -> None:
    from newsdesk.config import Settings
    from newsdesk.model import Article
    from newsdesk.translate.glossary import link_renderings
    from newsdesk.understand import understand_pending

    store.put_article(
        Article(
            id="v000000000000001",
            source="vi/1.txt",
            shape="plain_text",
            language="vi",
            published="2026-11-10",
            body="Thủ tướng Nhật Bản Takaichi Sanae đã tới Hà Nội hôm 10/11. Bà Takaichi hội đàm "
            "với Thủ tướng Phạm Minh Chính.",
        )
    )
    understand_pending(store, Settings({"db": ":memory:"}))
    store.add_name_rendering("高市早苗", "Takaichi Sanae", origin="reading")
    store.add_name_rendering("高市", "Takaichi", origin="reading")
    assert link_renderings(store) == 2
    assert link_renderings(store) == 0  # once only
    entity = store.entity_by_name("高市早苗", "person")
    assert entity is not None and {"高市", "高市早苗", "Takaichi Sanae"} <= set(entity["aliases"])
    g = load_glossary(None, store)
    assert (g.terms["高市早苗"].target, g.terms["高市早苗"].origin) == (
        "Takaichi Sanae",
        "registry",
    )
    assert g.terms["高市"].target == "Takaichi" and g.terms["高市"].enforced
