"""publish_pending and write_site over a store: files, idempotence, slugs, layouts, the gate."""

from __future__ import annotations

import frontmatter
from PIL import Image as PILImage

from analyse.builders import Doc, story_of
from analyse.trade_story import DOCS
from newsdesk.analyse import analyse_story
from newsdesk.config import Settings
from newsdesk.model import Image
from newsdesk.publish import publish_pending, write_site
from newsdesk.publish.gate import explain

SLUG = "viet-nam-va-australia-ky-thoa-thuan-nang-cap-thuong-mai-ca-phe-duoc-giam-thue"


def test_publish_writes_one_post_and_then_nothing(trade_store, tmp_path):
    out = tmp_path / "out"
    first = publish_pending(trade_store, Settings(), out=out, now="2025-09-13 08:00:00")
    assert (first.done, first.unchanged, first.rejected) == (1, 0, [])
    post_file = out / "posts" / f"{SLUG}.md"
    post = frontmatter.load(post_file)
    assert post.metadata == {
        "title": "Việt Nam và Australia ký thỏa thuận nâng cấp thương mại, cà phê được giảm thuế",
        "slug": SLUG,
        "thumbnail": "",
        "description": (
            "Ngày 11/9, Bộ trưởng Công Thương Nguyễn Văn Minh và Bộ trưởng Thương mại Australia "
            "Jane Carter đã ký thỏa thuận nâng cấp quan hệ thương mại song phương tại Hà Nội."
        ),
        "use": True,
        "created_at": "2025-09-13 08:00:00",
    }
    stamp = post_file.stat().st_mtime_ns
    again = publish_pending(trade_store, Settings(), out=out, now="2025-09-20 10:00:00")
    assert (again.done, again.unchanged) == (0, 1)
    assert post_file.stat().st_mtime_ns == stamp
    row = trade_store.post_for_story("s-trade")
    assert (row["slug"], row["created_at"], row["layout"]) == (
        SLUG,
        "2025-09-13 08:00:00",
        "default",
    )
    story = trade_store.get_story("s-trade")
    assert (story.slug, story.created_at, story.post_path) == (
        SLUG,
        "2025-09-13 08:00:00",
        str(post_file),
    )


def test_a_story_that_gains_an_article_is_updated_in_place(trade_store, tmp_path):
    out = tmp_path / "out"
    publish_pending(trade_store, Settings(), out=out, now="2025-09-13 08:00:00")
    extra = Doc(
        id="e000000000000009",
        outlet="Báo Miền Tây",
        published="2025-09-14",
        sentences=[
            "Nông dân Tây Nguyên kỳ vọng giá cà phê xuất khẩu sang Australia sẽ tăng sau khi thỏa thuận được ký ngày 11/9."
        ],
        dates=[("ngày 11/9", "2025-09-11", "day")],
    )
    story, arts, unds = story_of([*DOCS, extra])
    trade_store.put_article(arts[extra.id])
    trade_store.put_understanding(unds[extra.id])
    trade_store.put_story(analyse_story(story, arts, unds))
    report = publish_pending(trade_store, Settings(), out=out, now="2025-09-15 09:00:00")
    assert (report.done, report.unchanged) == (1, 0)
    files = sorted(p.name for p in (out / "posts").iterdir())
    assert files == [f"{SLUG}.md"]
    post = frontmatter.load(out / "posts" / f"{SLUG}.md")
    assert post.metadata["created_at"] == "2025-09-13 08:00:00"
    assert "Báo Miền Tây, 14/9/2025" in post.content


def test_a_foreign_file_is_never_overwritten(trade_store, tmp_path):
    out = tmp_path / "out"
    (out / "posts").mkdir(parents=True)
    foreign = out / "posts" / f"{SLUG}.md"
    foreign.write_text("someone else's page\n", encoding="utf-8")
    report = publish_pending(trade_store, Settings(), out=out, now="2025-09-13 08:00:00")
    assert report.done == 1
    assert foreign.read_text(encoding="utf-8") == "someone else's page\n"
    assert frontmatter.load(out / "posts" / f"{SLUG}-2.md").metadata["slug"] == f"{SLUG}-2"


def test_nextjs_layout_with_a_thumbnail(tmp_path, store):
    src_dir = tmp_path / "src"
    src_dir.mkdir()
    PILImage.new("RGB", (1600, 900), "navy").save(src_dir / "lead.png")
    first = Doc(
        **{**DOCS[0].__dict__, "source": str(src_dir / "a.md"), "images": [Image(src="lead.png")]}
    )
    story, arts, unds = story_of([first, *DOCS[1:]])
    for a in arts.values():
        store.put_article(a)
    for u in unds.values():
        store.put_understanding(u)
    store.put_story(analyse_story(story, arts, unds))
    out = tmp_path / "next"
    publish_pending(store, Settings(), out=out, layout="nextjs", now="2025-09-13 08:00:00")
    post = frontmatter.load(out / "content" / f"{SLUG}.md")
    assert post.metadata["thumbnail"] == f"/images/thumbnails/{SLUG}.webp"
    with PILImage.open(out / "public" / "images" / "thumbnails" / f"{SLUG}.webp") as im:
        assert im.format == "WEBP" and im.size == (1200, 675)


def test_the_gate_follows_the_settings(trade_store, tmp_path):
    strict = Settings({"use_min_chars": 100_000})
    publish_pending(trade_store, strict, out=tmp_path / "out", now="2025-09-13 08:00:00")
    post = frontmatter.load(tmp_path / "out" / "posts" / f"{SLUG}.md")
    assert post.metadata["use"] is False
    assert "use_min_chars=100000" in trade_store.get_story("s-trade").use_reason
    assert "use_min_chars=100000" in explain(strict)


def test_static_site_index_and_story_page(trade_store, tmp_path):
    publish_pending(trade_store, Settings(), out=tmp_path / "out", now="2025-09-13 08:00:00")
    site = tmp_path / "site"
    first = write_site(trade_store, Settings(), out=site)
    assert first.done == 2 and first.rejected == []
    page = (site / f"{SLUG}.html").read_text(encoding="utf-8")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{SLUG}.html"' in index
    assert "Dòng thời gian" in page and 'href="#a1-s0"' in page and 'id="a1-s0"' in page
    assert "<script" not in page and "http://" not in page.split("<main>")[0]
    again = write_site(trade_store, Settings(), out=site)
    assert (again.done, again.unchanged) == (0, 2)


def test_the_site_escapes_everything_from_the_sources(tmp_path, store):
    evil = Doc(
        **{
            **DOCS[0].__dict__,
            "title": 'Tin <script>alert("x")</script> nóng',
            "url": "javascript:alert(1)",
            "sentences": [
                *DOCS[0].sentences,
                "Ảnh <img src=x onerror=alert(1)> được đăng ngày 11/9.",
            ],
        }
    )
    story, arts, unds = story_of([evil, *DOCS[1:]])
    for a in arts.values():
        store.put_article(a)
    for u in unds.values():
        store.put_understanding(u)
    store.put_story(analyse_story(story, arts, unds))
    write_site(store, Settings(), out=tmp_path / "site")
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").glob("*.html")]
    assert len(pages) == 2
    for page in pages:
        assert "<script" not in page and "<img src=x" not in page and "javascript:" not in page
    assert any("&lt;script&gt;" in page for page in pages)


def test_the_post_of_a_merged_story_is_removed(trade_store, tmp_path):
    other = Doc(
        id="m000000000000012",
        outlet="Báo Miền Tây",
        published="2025-09-14",
        title="Cà phê Tây Nguyên chờ ưu đãi thuế từ Australia",
        sentences=[
            "Nông dân Tây Nguyên kỳ vọng giá cà phê sẽ tăng sau khi thỏa thuận được ký ngày 11/9 tại Hà Nội."
        ],
        dates=[("ngày 11/9", "2025-09-11", "day")],
    )
    story, arts, unds = story_of([other], story_id="s-coffee")
    trade_store.put_article(arts[other.id])
    trade_store.put_understanding(unds[other.id])
    trade_store.put_story(analyse_story(story, arts, unds))
    out = tmp_path / "out"
    assert publish_pending(trade_store, Settings(), out=out, now="2025-09-14 08:00:00").done == 2
    coffee = out / "posts" / "ca-phe-tay-nguyen-cho-uu-dai-thue-tu-australia.md"
    assert coffee.is_file()
    trade_store.add_story_redirect("s-coffee", "s-trade")
    report = publish_pending(trade_store, Settings(), out=out, now="2025-09-15 08:00:00")
    assert not coffee.exists() and trade_store.post_for_story("s-coffee") is None
    assert any("merged into s-trade" in n for n in report.notes)
    assert (out / "posts" / f"{SLUG}.md").is_file()
