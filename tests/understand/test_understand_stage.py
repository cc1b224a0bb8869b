"""understand_article / understand_pending over the store: incremental, idempotent, versioned,
one registry across articles, rejects recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.config import Settings
from newsdesk.errors import Rejected
from newsdesk.model import Article, Image
from newsdesk.understand import UNDERSTAND_VERSION, understand_article, understand_pending
from newsdesk.understand.names import MemoryRegistry
from newsdesk.understand.sentences import split_sentences

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "understand"


def article(aid: str, body: str, *, published: str | None = None, **kw) -> Article:
    return Article(
        id=aid,
        source=f"{aid}.txt",
        shape="plain_text",
        body=body,
        published=published,
        language="vi",
        **kw,
    )


FLOOD = (FIXTURES / "bao_lu_mien_trung.txt").read_text(encoding="utf-8")
TRADE = (FIXTURES / "thuong_mai_nhat_viet.txt").read_text(encoding="utf-8")


def test_understand_article_on_a_fixture() -> None:
    u = understand_article(article("a1", FLOOD, published="2025-11-15"))
    assert u.sentences == split_sentences(FLOOD)
    assert u.language == "vi" and u.anchor == "2025-11-15" and not u.anchor_from_text
    assert [(d.text, d.value, d.granularity, d.end) for d in u.dates] == [
        ("Sáng 14/11", "2025-11-14", "day", None),
        ("từ ngày 8/11 đến hết ngày 12/11", "2025-11-08", "range", "2025-11-12"),
        ("năm nay", "2025", "year", None),
        ("năm ngoái", "2024", "year", None),
        ("Hôm qua", "2025-11-14", "day", None),
        ("ngày 20", "2025-11-20", "day", None),
        ("tuần trước", "2025-11-03", "range", "2025-11-09"),
    ]
    assert [(f.text, f.value, f.unit) for f in u.figures] == [
        ("27 người", 27.0, "person"),
        ("1.200 ngôi nhà", 1200.0, "count"),
        ("500 tỷ đồng", 500_000_000_000.0, "VND"),
        ("1.350 tỷ đồng", 1_350_000_000_000.0, "VND"),
        ("12,5%", 12.5, "percent"),
        ("18%", 18.0, "percent"),
        ("300 mm", 300.0, "mm"),
    ]
    assert u.figures[5].change_from == 12.5 and u.figures[5].change_to == 18.0
    assert {p.name: p.roles for p in u.people} == {
        "Phạm Minh Chính": ["Thủ tướng"],
        "Nguyễn Hoàng Giang": ["Chủ tịch UBND tỉnh Quảng Ngãi"],  # since UNDERSTAND_VERSION 5
    }
    assert [(q.speaker, q.sentence) for q in u.quotes] == [
        ("Phạm Minh Chính", 2),
        ("Nguyễn Hoàng Giang", 5),
    ]
    assert "mưa_lũ" in u.keywords and "và" not in u.keywords


def test_captions_are_read_after_the_body() -> None:
    a = article(
        "a2",
        "Hai nhà lãnh đạo gặp nhau tại Tokyo.",
        images=[
            Image(
                src="x.webp",
                caption="Tổng thống Mỹ Donald Trump tại Tokyo, ngày 28/10/2025.",
                credit="AFP",
            )
        ],
    )
    u = understand_article(a)
    assert u.caption_sentences == 1 and len(u.sentences) == 2
    [d] = u.dates
    assert (d.value, d.sentence, d.anchor_from_text) == ("2025-10-28", 1, True)
    assert [p.name for p in u.people] == ["Donald Trump"]


def test_credited_source_agencies_are_organisations_marked_as_sources() -> None:
    u = understand_article(
        article("a3", "Nhật Bản tăng chi tiêu.", credited_agencies=["Kyodonews"])
    )
    assert [(o.name, o.roles, o.mentions) for o in u.organizations] == [
        ("Kyodo", ["nguồn tin"], [])
    ]


def test_empty_body_is_rejected() -> None:
    with pytest.raises(Rejected) as e:
        understand_article(article("empty", "   "))
    assert e.value.item == "empty" and e.value.stage == "understand"


def test_registry_names_people_the_same_across_articles() -> None:
    reg = MemoryRegistry()
    u1 = understand_article(article("b1", "Ông Trump đến Tokyo."), registry=reg)
    u2 = understand_article(
        article("b2", "Tổng thống Mỹ Donald Trump gặp Thủ tướng Takaichi Sanae."), registry=reg
    )
    u3 = understand_article(
        article("b3", "Bà Sanae Takaichi và ông Trump ký thỏa thuận."), registry=reg
    )
    trump = {u.people[0].id for u in (u1, u2)} | {p.id for p in u3.people if "Trump" in p.name}
    assert len(trump) == 1
    assert {p.name for p in u3.people} == {"Sanae Takaichi", "Donald Trump"}


def test_understand_pending_is_incremental_idempotent_and_versioned(store) -> None:
    settings = Settings({"db": str(store.path)})
    store.put_article(article("c1", TRADE, published="2026-03-04"))
    store.put_article(
        article("c2", "Ông Ito nói Nhật Bản sẽ đầu tư 4 tỷ USD.", published="2026-03-05")
    )
    store.put_article(article("c3", " ", published="2026-03-05"))
    seen: list[tuple[int, int]] = []
    report = understand_pending(store, settings, progress=lambda s, d, t: seen.append((d, t)))
    assert (report.done, report.unchanged, [i for i, _ in report.rejected]) == (2, 0, ["c3"])
    assert seen[-1] == (3, 3)
    assert store.rejects("understand")[0]["item"] == "c3"
    u1 = store.get_understanding("c1")
    ito = next(p for p in u1.people if p.name == "Naoki Ito")
    u2 = store.get_understanding("c2")
    assert [p.id for p in u2.people] == [ito.id]
    assert [r["article_id"] for r in store.entity_mentions(ito.id)] == ["c2", "c1"]
    assert store.entity_by_name("ông Ito")["id"] == ito.id
    assert store.entity_by_name("Ito Naoki", "person")["name"] == "Naoki Ito"
    # again: nothing new (the rejected one is retried and rejected again)
    again = understand_pending(store, settings)
    assert (again.done, again.unchanged, len(again.rejected)) == (0, 2, 1)
    # an older extractor's output is redone
    store.execute(
        "UPDATE understandings SET version = ? WHERE article_id = 'c1'", (UNDERSTAND_VERSION - 1,)
    )
    assert store.articles_needing_understanding(UNDERSTAND_VERSION) == ["c1", "c3"]
    redo = understand_pending(store, settings)
    assert (redo.done, redo.unchanged, len(redo.rejected)) == (1, 1, 1)
    assert store.understanding_version("c1") == UNDERSTAND_VERSION


def test_understand_pending_in_two_processes_gives_the_same_result(store, tmp_path) -> None:
    from newsdesk.store import Store

    settings1 = Settings({"db": str(store.path), "understand_workers": 1})
    other = Store(tmp_path / "other.db")
    settings2 = Settings({"db": str(other.path), "understand_workers": 2})
    for s in (store, other):
        s.put_article(article("d1", FLOOD, published="2025-11-15"))
        s.put_article(article("d2", TRADE, published="2026-03-04"))
    understand_pending(store, settings1)
    understand_pending(other, settings2)
    for aid in ("d1", "d2"):
        assert store.get_understanding(aid) == other.get_understanding(aid)
    other.close()


def test_articles_in_another_language_wait_for_their_translation(store) -> None:
    settings = Settings({"db": str(store.path)})
    store.put_article(
        Article(
            id="ja1",
            source="ja1.txt",
            shape="plain_text",
            body="高市首相は28日、東京で会談した。",
            language="ja",
        )
    )
    store.put_article(article("vi1", "Thủ tướng Takaichi hội đàm tại Tokyo ngày 28/10/2025."))
    report = understand_pending(store, settings)
    assert report.done == 1 and store.get_understanding("ja1") is None
    assert report.notes == [
        "understand: 1 article(s) in another language wait for their translation"
    ]


def test_japanese_text_gets_sentences_words_and_names() -> None:
    a = Article(
        id="ja2",
        source="ja2.txt",
        shape="plain_text",
        language="ja",
        body="高市早苗首相は28日、東京でトランプ米大統領と会談した。茂木敏充外相も出席した。",
    )
    u = understand_article(a)
    assert len(u.sentences) == 2
    assert [p.name for p in u.people] == ["高市早苗", "茂木敏充"]
    assert "会談" in u.keywords


def test_keywords_fold_old_and_new_tone_marks() -> None:
    from newsdesk.understand.vi import keywords

    assert keywords("Công trình thuỷ lợi vì hoà bình.") == keywords(
        "Công trình thủy lợi vì hòa bình."
    )
