"""Thumbnails: local images only, webp, shrunk, guarded against huge images and bad files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image as PILImage

from newsdesk.errors import Rejected
from newsdesk.fileio import write_if_changed
from newsdesk.model import Article, Image, Story, StoryArticle
from newsdesk.publish.images import lead_image, local_image, webp_bytes


def _png(path: Path, size=(64, 48), mode="RGB") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new(mode, size, "red" if mode == "RGB" else 0).save(path, "PNG")
    return path


def _article(tmp_path: Path, *srcs: str) -> Article:
    return Article(
        id="a1",
        source=str(tmp_path / "posts" / "story.md"),
        shape="markdown_frontmatter",
        body="x",
        images=[Image(src=s) for s in srcs],
    )


def test_site_root_paths_resolve_beside_the_source_file(tmp_path):
    img = _png(tmp_path / "posts" / "images" / "lead.png")
    article = _article(tmp_path, "https://example.org/a.jpg", "/images/lead.png")
    assert local_image("/images/lead.png", article) == img
    assert local_image("https://example.org/a.jpg", article) is None
    assert local_image("data:image/png;base64,AAAA", article) is None
    story = Story(id="s", articles=[StoryArticle("a1", article.source, None, None)])
    found, note = lead_image(story, {"a1": article})
    assert found == img and "lead image" in note


def test_no_local_image_means_no_thumbnail(tmp_path):
    article = _article(tmp_path, "https://example.org/a.jpg", "missing.png")
    story = Story(id="s", articles=[StoryArticle("a1", article.source, None, None)])
    found, note = lead_image(story, {"a1": article})
    assert found is None and note.startswith("no local image (2 remote or missing")


def test_webp_is_shrunk_to_the_longest_side(tmp_path):
    src = _png(tmp_path / "big.png", size=(3000, 1500))
    data = webp_bytes(src, max_side=600)
    with PILImage.open(io.BytesIO(data)) as im:
        assert im.format == "WEBP" and im.size == (600, 300)


def test_palette_and_greyscale_images_convert(tmp_path):
    for mode in ("P", "L", "LA"):
        src = _png(tmp_path / f"{mode}.png", mode=mode)
        with PILImage.open(io.BytesIO(webp_bytes(src))) as im:
            assert im.format == "WEBP"


def test_pixel_guard_refuses_before_decoding(tmp_path):
    src = _png(tmp_path / "wide.png", size=(2000, 2000))
    with pytest.raises(Rejected, match=r"2000x2000 pixels exceeds image_max_pixels=1000000"):
        webp_bytes(src, max_pixels=1_000_000)


def test_a_broken_file_is_rejected_by_name(tmp_path):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not an image at all")
    with pytest.raises(Rejected) as info:
        webp_bytes(bad)
    assert info.value.item == str(bad) and "not a usable image" in info.value.reason


def test_files_are_written_only_when_their_bytes_change(tmp_path):
    target = tmp_path / "out" / "x.webp"
    assert write_if_changed(target, b"one") is True
    assert write_if_changed(target, b"one") is False
    assert write_if_changed(target, b"two") is True and target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["x.webp"]


def test_an_image_the_collect_stage_fetched_is_used(tmp_path):
    stored = _png(tmp_path / "fetched" / "abc.png")
    article = _article(tmp_path, "https://example.org/photo.jpg")
    story = Story(id="s", articles=[StoryArticle("a1", article.source, None, None)])
    known = {"https://example.org/photo.jpg": str(stored)}
    found, _ = lead_image(story, {"a1": article}, known.get)
    assert found == stored
    assert lead_image(story, {"a1": article}, {}.get)[0] is None
