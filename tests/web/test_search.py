"""The search index: folding, query quoting, snippets mapped back, incremental updates."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st
from web_corpus import fill_store, load_corpus

from newsdesk.model import Article
from newsdesk.store.search import (
    _marked_html,
    fold,
    fold_key,
    fts_query,
    match_spans,
    query_words,
    word_key,
)


def test_fold_keeps_positions() -> None:
    assert fold("Đà Nẵng đường") == "Dà Nẵng dường"
    assert fold_key("Đoàn Thị  Đượm") == "doan thi  duom"


@given(st.text())
def test_fold_is_one_character_for_one(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_query_words_and_quoting() -> None:
    assert query_words("Thủ tướng  TAKAICHI!") == ["Thủ", "tướng", "TAKAICHI"]
    assert query_words("đường_sắt") == ["dường", "sắt"]
    assert fts_query('a" OR b*') == '"a" "OR" "b"'
    assert fts_query("!!!") == ""


def test_matches_are_found_on_the_original_text() -> None:
    original = "Ông Đạt nói: đường sắt <b>đô thị</b> sẽ chạy; ĐẠT đi đường bộ."
    keys = frozenset(word_key(w) for w in query_words("dat duong"))
    spans = match_spans(original, keys)
    assert [original[s:e] for s, e in spans] == ["Đạt", "đường", "ĐẠT", "đường"]
    html = str(_marked_html(original, spans, whole=True))
    assert html == (
        "Ông <mark>Đạt</mark> nói: <mark>đường</mark> sắt &lt;b&gt;đô thị&lt;/b&gt;"
        " sẽ chạy; <mark>ĐẠT</mark> đi <mark>đường</mark> bộ."
    )


def test_long_snippet_is_cut_around_the_first_match() -> None:
    original = "mở đầu " * 100 + "Đà Nẵng" + " kết thúc" * 100
    spans = match_spans(original, frozenset({"da", "nang"}))
    html = str(_marked_html(original, spans, whole=False))
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>Đà</mark> <mark>Nẵng</mark>" in html
    assert len(html) < 400


def test_thu_tuong_finds_thu_tuong(store) -> None:
    article = Article(
        id="a1",
        source="x.txt",
        shape="plain_text",
        language="vi",
        title="Thủ tướng Takaichi thăm Đà Nẵng",
        body="Bà Takaichi đến Đà Nẵng hôm qua.",
        published="2026-01-02",
    )
    store.put_article(article)
    store.update_search_index()
    total, hits = store.search("thu tuong takaichi")
    assert total == 1
    assert (
        hits[0].title_html
        == "<mark>Thủ</mark> <mark>tướng</mark> <mark>Takaichi</mark> thăm Đà Nẵng"
    )
    total, hits = store.search("da nang")
    assert hits[0].snippet == "Bà Takaichi đến <mark>Đà</mark> <mark>Nẵng</mark> hôm qua."


def test_update_is_incremental_and_follows_revisions(store) -> None:
    corpus = load_corpus()
    fill_store(store, corpus)
    assert store.update_search_index() == {"articles": 0, "stories": 0, "removed": 0}
    old = corpus.articles["rice_a"]
    revised = dataclasses.replace(old, id="rice-a-rev2", body=old.body + " Giá dự kiến còn tăng.")
    assert store.put_article(revised) == "revised"
    assert store.update_search_index() == {"articles": 1, "stories": 0, "removed": 1}
    total, hits = store.search("du kien con tang")
    assert [h.id for h in hits] == ["rice-a-rev2"]
    total, hits = store.search("612 USD", kind="article")
    assert [h.id for h in hits] == ["rice-a-rev2"]
    changed = dataclasses.replace(corpus.stories[1], title="Giá gạo xuất khẩu tăng vọt")
    store.put_story(changed)
    assert store.update_search_index()["stories"] == 1
    assert [h.id for h in store.search("tang vot")[1]] == ["st-gia-gao"]


def test_reindex_rebuilds_the_same_index(store) -> None:
    fill_store(store)
    before = store.search("da nang")
    counts = store.reindex_search()
    assert counts["articles"] == 5 and counts["stories"] == 2
    after = store.search("da nang")
    assert [h.id for h in after[1]] == [h.id for h in before[1]]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_any_query_is_safe(query: str) -> None:
    store = _shared_store()
    total, hits = store.search(query, limit=5)
    assert total >= len(hits)


_STORE = None


def _shared_store():
    global _STORE
    if _STORE is None:
        from newsdesk.store import Store

        _STORE = Store(":memory:")
        fill_store(_STORE)
    return _STORE


def test_common_words_rank_only_the_newest_matches(store, monkeypatch) -> None:
    import newsdesk.store.search as search

    for n in range(6):
        store.put_article(
            Article(
                id=f"a{n}",
                source=f"{n}.txt",
                shape="plain_text",
                language="vi",
                title=f"Bão số {n}",
                body="Bão vào đất liền.",
                published=f"2026-01-0{n + 1}",
            )
        )
    store.update_search_index()
    monkeypatch.setattr(search, "RANK_CAP", 3)
    total, hits = store.search("bao", limit=10)
    assert total == 6  # every match is counted
    assert sorted(h.id for h in hits) == ["a3", "a4", "a5"]  # the newest three are ranked


def test_counting_stops_past_the_cap(store, monkeypatch) -> None:
    import newsdesk.store.search as search

    for n in range(6):
        store.put_article(
            Article(
                id=f"c{n}",
                source=f"c{n}.txt",
                shape="plain_text",
                language="vi",
                title=f"Mưa lớn {n}",
                body="Mưa lớn kéo dài.",
                published="2026-01-01",
            )
        )
    store.update_search_index()
    monkeypatch.setattr(search, "COUNT_CAP", 4)
    total, hits = store.search("mua lon", limit=10)
    assert total == 5  # "more than 4"
    assert {h.id for h in hits} == {f"c{n}" for n in range(6)}
