"""The translate stage over a store, against the local server."""

from __future__ import annotations

import re

import pytest
from fakechat import FIXTURES, PhraseBook, Reply, japanese_article, load_pairs

from newsdesk.errors import ConfigError
from newsdesk.model import Article
from newsdesk.translate import awaiting_translation, provider_configured, translate_pending
from newsdesk.translate.stage import accept_translation, from_markdown, to_markdown


def vietnamese(id_: str = "vi00000000000001") -> Article:
    return Article(
        id=id_,
        source="vi/1.txt",
        shape="plain_text",
        language="vi",
        body="Thủ tướng Phạm Minh Chính tiếp Thủ tướng Nhật Bản.",
        title="Tin",
    )


def test_originals_in_other_languages_await_translation_without_a_provider(
    store, ja_article
) -> None:
    store.put_article(ja_article)
    store.put_article(vietnamese())
    english = Article(
        id="en00000000000001",
        source="en/1.txt",
        shape="plain_text",
        language="en",
        body="The prime ministers met in Hanoi.",
    )
    store.put_article(english)
    assert awaiting_translation(store) == [ja_article.id, english.id]
    assert not provider_configured(
        store_settings := __import__("newsdesk.config").config.Settings()
    )
    with pytest.raises(ConfigError, match="2 article.s. await translation but no provider"):
        translate_pending(store, store_settings)
    assert store.translation_status(ja_article.id)["status"] == "awaiting"
    assert store.translation_for(ja_article.id) is None


def test_a_translation_is_a_new_article_linked_to_the_untouched_original(
    store, ja_article, provider_settings, fake_chat
) -> None:
    store.put_article(ja_article)
    settings = provider_settings.replace(glossary=str(FIXTURES / "glossary.toml"))
    report = translate_pending(store, settings)
    assert (report.done, report.rejected) == (1, [])
    tr_id = store.translation_for(ja_article.id)
    tr = store.get_article(tr_id)
    assert tr.translation_of == ja_article.id and tr.language == "vi"
    assert tr.source == "fixtures/takaichi_hanoi.md#vi" and tr.shape == ja_article.shape
    assert tr.published == "2026-03-15" and tr.id != ja_article.id
    assert tr.title == "Thủ tướng Takaichi Sanae hội đàm với Thủ tướng Phạm Minh Chính tại Hà Nội"
    paragraphs = tr.body.split("\n\n")
    assert paragraphs[0] == (
        "Ngày 15, Thủ tướng Takaichi Sanae đã hội đàm với Thủ tướng Phạm Minh Chính tại Hà Nội. "
        "Hai nhà lãnh đạo nhất trí tăng cường chuỗi cung ứng chất bán dẫn và khoáng sản thiết yếu."
    )
    # images, links and tables pass through untouched
    assert paragraphs[1] == "![会談に臨む両首脳](https://img.example.jp/2026/03/15/summit.jpg)"
    assert "[外務省の発表](https://www.mofa.example.jp/press/0315.html)" in paragraphs[2]
    assert paragraphs[3] == "| 項目 | 金額 |\n|---|---|\n| 円借款 | 1500億円 |"
    assert store.get_article(ja_article.id) == ja_article  # the original stays as it was
    assert awaiting_translation(store) == []
    assert store.original_of(tr_id) == ja_article.id
    # what the model was told: the glossary lines and a name read by sudachipy
    system = fake_chat.requests[0]["json"]["messages"][0]["content"]
    assert (
        "高市早苗 = Takaichi Sanae" in system and "ファム・ミン・チン = Phạm Minh Chính" in system
    )
    renderings = {(r["source_name"], r["rendering"]) for r in store.name_renderings()}
    assert ("高市早苗", "Takaichi Sanae") in renderings and ("高市", "Takaichi") in renderings


def test_rerunning_changes_nothing_and_pays_nothing(
    store, ja_article, provider_settings, fake_chat
) -> None:
    store.put_article(ja_article)
    translate_pending(store, provider_settings)
    paid = len(fake_chat.requests)
    again = translate_pending(store, provider_settings)
    assert (again.done, again.unchanged, again.rejected) == (0, 1, [])
    assert len(fake_chat.requests) == paid
    assert store.count_articles() == 2


def _one_paragraph_articles(store) -> list[Article]:
    pairs = [ja for ja, _ in load_pairs() if ja.endswith("。") and len(ja) > 20]
    articles = [
        Article(
            id=f"jb00000000000{i:03d}",
            source=f"jb/{i}.md",
            shape="plain_text",
            language="ja",
            body=ja,
        )
        for i, ja in enumerate(pairs[:3])
    ]
    for a in articles:
        store.put_article(a)
    return articles


def test_budget_stop_leaves_the_rest_queued_and_a_rerun_resumes(
    store, provider_settings, fake_chat
) -> None:
    _one_paragraph_articles(store)
    first = translate_pending(
        store, provider_settings.replace(provider_max_requests=2, provider_concurrency=1)
    )
    assert first.done == 2 and first.rejected == []
    assert any(
        "provider budget for this run is spent: 2 of 2 requests used" in n
        and "1 article(s) stay queued" in n
        for n in first.notes
    ), first.notes
    assert len(awaiting_translation(store)) == 1
    resumed = translate_pending(store, provider_settings)
    assert (resumed.done, resumed.unchanged) == (1, 2) and awaiting_translation(store) == []
    assert len(fake_chat.requests) == 3


def test_a_stop_inside_an_article_keeps_its_answered_chunks(
    store, provider_settings, fake_chat
) -> None:
    paragraphs = [ja for ja, _ in load_pairs() if ja.endswith("。")]
    body = "\n\n".join(paragraphs + paragraphs[::-1])  # two chunks of at most 200 characters
    art = Article(
        id="jc00000000000001", source="jc/1.md", shape="plain_text", language="ja", body=body
    )
    store.put_article(art)
    small = provider_settings.replace(provider_chunk_chars=200, provider_concurrency=1)
    first = translate_pending(store, small.replace(provider_max_requests=1))
    assert first.done == 0 and awaiting_translation(store) == [art.id]
    resumed = translate_pending(store, small)
    assert resumed.done == 1
    asked = [r["json"]["messages"][-1]["content"] for r in fake_chat.requests]
    assert len(asked) == len(set(asked)) == 2  # the first chunk was not paid for twice


def test_limit_translates_only_that_many(store, provider_settings) -> None:
    for i in range(3):
        store.put_article(japanese_article(id=f"ja000000000000l{i}", source=f"l/{i}.md"))
    assert translate_pending(store, provider_settings, limit=1).done == 1
    assert len(awaiting_translation(store)) == 2


def test_a_bad_answer_is_retried_strictly_then_flagged_and_kept_for_review(
    store, ja_article, provider_settings, fake_chat
) -> None:
    store.put_article(ja_article)
    book = PhraseBook(load_pairs())
    strict_prompts: list[str] = []

    def lazy(messages):  # leaves the second paragraph untranslated, however asked
        if "previous answer was rejected" in messages[0]["content"]:
            strict_prompts.append(messages[0]["content"])
        text = messages[-1]["content"]
        return book(text).replace(
            "Chính phủ Nhật Bản cho biết sẽ cung cấp khoản vay ODA mới trị giá 150 tỷ yên.",
            "日本政府は新たに1500億円の円借款を供与する方針を示した。",
        )

    fake_chat.answer = lazy
    report = translate_pending(store, provider_settings)
    assert report.done == 0
    ((item, reason),) = report.rejected
    assert item == ja_article.id and reason.startswith("translation flagged for review: ")
    assert "characters still in the source script" in reason
    assert len(strict_prompts) == 1 and "characters still in the source script" in strict_prompts[0]
    status = store.translation_status(ja_article.id)
    assert status["status"] == "flagged" and status["draft"]["translation_of"] == ja_article.id
    assert store.translation_for(ja_article.id) is None
    assert awaiting_translation(store) == []  # not re-paid on every run; reviewed instead
    assert store.rejects("translate")[0]["item"] == ja_article.id
    tr_id = accept_translation(store, ja_article.id)
    assert store.translation_for(ja_article.id) == tr_id


def test_a_strict_retry_that_succeeds_is_stored(
    store, ja_article, provider_settings, fake_chat
) -> None:
    store.put_article(ja_article)
    fake_chat.queue(Reply("Xin lỗi, tôi không thể dịch văn bản này."))
    report = translate_pending(store, provider_settings)
    assert report.done == 1 and not report.rejected
    purposes = [c["purpose"] for c in reversed(store.provider_calls())]
    assert purposes[:2] == ["translate", "translate-strict"]


def test_wrong_name_renderings_are_fixed(store, ja_article, provider_settings, fake_chat) -> None:
    store.put_article(ja_article)
    book = PhraseBook(load_pairs())
    fake_chat.answer = lambda m: book(m[-1]["content"]).replace("Takaichi Sanae", "Sanae Takaichi")
    settings = provider_settings.replace(glossary=str(FIXTURES / "glossary.toml"))
    assert translate_pending(store, settings).done == 1
    tr = store.get_article(store.translation_for(ja_article.id))
    assert "Sanae Takaichi" not in tr.body and "Takaichi Sanae" in tr.body
    assert (
        "Sanae Takaichi written Takaichi Sanae" in store.translation_status(ja_article.id)["notes"]
    )


def test_a_provider_that_stays_down_stops_the_run_with_the_article_queued(
    store, ja_article, provider_settings, fake_chat
) -> None:
    store.put_article(ja_article)
    fake_chat.queue(*[Reply(status=502) for _ in range(4)])
    report = translate_pending(store, provider_settings.replace(provider_concurrency=1))
    ((item, reason),) = report.rejected
    assert item == ja_article.id and "gave up after 4 attempt(s)" in reason and "HTTP 502" in reason
    assert awaiting_translation(store) == [ja_article.id]


def test_sections_and_title_survive_the_round_trip() -> None:
    art = Article.from_dict(
        {
            "id": "s1",
            "source": "s.md",
            "shape": "markdown_frontmatter",
            "language": "ja",
            "title": "題",
            "body": "一。\n\n二。\n\n三。",
            "sections": [
                {"heading": None, "text": "一。"},
                {"heading": "第二", "text": "二。\n\n三。"},
            ],
        }
    )
    md = to_markdown(art)
    assert md == "# 題\n\n一。\n\n## 第二\n\n二。\n\n三。"
    title, body, sections = from_markdown(md, art)
    assert (title, body) == ("題", "一。\n\n二。\n\n三。")
    assert [s.as_dict() for s in sections] == [s.as_dict() for s in art.sections]


def test_captions_in_japanese_are_translated(store, provider_settings) -> None:
    art = japanese_article(
        images=[{"src": "a.jpg", "caption": "会談に臨む両首脳", "credit": "共同"}]
    )
    store.put_article(art)
    assert translate_pending(store, provider_settings).done == 1
    tr = store.get_article(store.translation_for(art.id))
    assert [(i.caption, i.credit) for i in tr.images] == [
        ("Hai nhà lãnh đạo trước cuộc hội đàm", "共同")
    ]
    assert not re.search(r"[\u3040-\u30ff]", tr.title + tr.body.split("\n\n")[0])
