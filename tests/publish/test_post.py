"""The post format: frontmatter order and quoting, slugs, the golden post of the trade story."""

from __future__ import annotations

import os
import re
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyse.builders import story_of
from analyse.trade_story import DOCS
from newsdesk.analyse import analyse_story
from newsdesk.publish.post import FIELDS, PostInput, parse_post, render_frontmatter, render_post
from newsdesk.publish.slug import SLUG_RE, base_slug, unique_slug, valid_slug

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "publish" / "trade_story.md"


def _trade_post() -> str:
    story, arts, unds = story_of(DOCS)
    analysed = analyse_story(story, arts, unds)
    slug = base_slug(analysed.title)
    return render_post(
        PostInput(analysed, arts, slug, f"images/{slug}.webp", "2025-09-13 08:00:00")
    )


def test_golden_post_of_the_trade_story():
    text = _trade_post()
    if os.environ.get("NEWSDESK_REGEN_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_frontmatter_matches_the_site_format():
    text = _trade_post()
    head = text.split("---\n")[1].splitlines()
    assert [line.split(":", 1)[0] for line in head] == list(FIELDS)
    assert head[0] == (
        'title: "Việt Nam và Australia ký thỏa thuận nâng cấp thương mại, cà phê được giảm thuế"'
    )
    assert (
        head[1]
        == 'slug: "viet-nam-va-australia-ky-thoa-thuan-nang-cap-thuong-mai-ca-phe-duoc-giam-thue"'
    )
    assert head[4] == "use: true"
    assert re.fullmatch(r'created_at: "\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"', head[5])
    post = frontmatter.loads(text)
    assert list(post.metadata) == list(FIELDS)
    assert post.metadata["use"] is True
    assert post.content.startswith("# Việt Nam và Australia ký thỏa thuận")
    for heading in (
        "## Dòng thời gian",
        "## Nhân vật",
        "## Số liệu chính",
        "## Các nguồn chưa thống nhất",
        "## Nguồn",
    ):
        assert f"\n{heading}\n" in text


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff"), max_size=80
)


@given(title=_text, description=_text, use=st.booleans())
def test_frontmatter_round_trips_any_text(title, description, use):
    block = render_frontmatter(
        {
            "title": title,
            "slug": "a-b",
            "thumbnail": "",
            "description": description,
            "use": use,
            "created_at": "2025-01-02 03:04:05",
        }
    )
    fields, _ = parse_post(block + "\nbody\n")
    assert fields == {
        "title": title,
        "slug": "a-b",
        "thumbnail": "",
        "description": description,
        "use": use,
        "created_at": "2025-01-02 03:04:05",
    }


def test_created_at_format_is_enforced():
    with pytest.raises(ValueError, match="created_at"):
        render_frontmatter(
            {
                "title": "",
                "slug": "x",
                "thumbnail": "",
                "description": "",
                "use": True,
                "created_at": "2025-01-02T03:04:05",
            }
        )


def test_slug_rules():
    assert base_slug("Đà Nẵng đón 27,5% khách “mới”") == "da-nang-don-27-5-khach-moi"
    long = base_slug("Thành phố " * 30)
    assert len(long) <= 100 and not long.endswith("-") and long.endswith("thanh-pho")
    assert base_slug("!!!") == "tin"
    assert unique_slug("Hà Nội", {"ha-noi", "ha-noi-2"}) == "ha-noi-3"


@given(st.text(max_size=300), st.sets(st.sampled_from(["tin", "a", "ha-noi", "tin-2"])))
def test_slugs_are_always_valid_and_free(title, taken):
    slug = unique_slug(title, taken)
    assert SLUG_RE.match(slug) and valid_slug(slug) and slug not in taken


def test_a_written_post_reads_back_through_ingest(tmp_path):
    from newsdesk.config import Settings
    from newsdesk.sources.files import ingest_paths
    from newsdesk.store import Store

    path = tmp_path / "post.md"
    path.write_text(_trade_post(), encoding="utf-8")
    store = Store(tmp_path / "store.db")
    assert ingest_paths(store, [str(path)], Settings()).ok
    article = next(store.iter_articles())
    written = frontmatter.loads(_trade_post()).metadata
    assert article.shape == "markdown_frontmatter"
    assert article.title == written["title"]
    assert {k: article.frontmatter[k] for k in FIELDS} == written
    store.close()
