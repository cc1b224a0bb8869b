"""The five seed articles (../shared/seeds) read and cleaned as expected.yaml says.

Every per-article field of the read area is checked: shape, language, published, title, outlet,
authors, dateline, credited_agencies, image captions (text and credit), related links, sections,
image sources, slug/use from the frontmatter, and what the body must not contain."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsdesk.model import Article
from newsdesk.read import read_document

pytestmark = pytest.mark.shared


@pytest.fixture
def seeds(seeds_dir: Path) -> tuple[dict, dict[str, Article]]:
    expected = yaml.safe_load((seeds_dir / "expected.yaml").read_text("utf-8"))["articles"]
    read: dict[str, Article] = {}
    for name in expected:
        articles = read_document((seeds_dir / name).read_bytes(), name)
        assert len(articles) == 1, name
        read[name] = articles[0]
    return expected, read


def _names(expected: dict) -> list[str]:
    return sorted(expected)


def test_every_seed_field(seeds) -> None:
    expected, read = seeds
    failures: list[str] = []
    for name in _names(expected):
        want, got = expected[name], read[name]
        for field in ("shape", "language", "title", "outlet", "dateline"):
            if field in want and getattr(got, field) != want[field]:
                failures.append(
                    f"{name}: {field} = {getattr(got, field)!r}, expected {want[field]!r}"
                )
        if "published" in want:
            value = want["published"]
            value = None if value is None else str(value)
            if got.published != value:
                failures.append(f"{name}: published = {got.published!r}, expected {value!r}")
        if want.get("title", "absent") is None and not got.generated_title:
            failures.append(f"{name}: no headline, so a generated title is expected")
        for field in ("authors", "credited_agencies"):
            missing = [v for v in want.get(field, []) if v not in getattr(got, field)]
            if missing:
                failures.append(f"{name}: {field} {getattr(got, field)} lacks {missing}")
        for caption in want.get("image_captions", []):
            if not any(
                (caption.get("text") is None or image.caption == caption["text"])
                and image.credit == caption["credit"]
                for image in got.images
            ):
                failures.append(f"{name}: no image caption {caption} in {got.images}")
        if "related_links" in want and len(got.related) != want["related_links"]:
            failures.append(
                f"{name}: {len(got.related)} related items, expected {want['related_links']}"
            )
        if "sections" in want and len(got.sections) != want["sections"]:
            failures.append(f"{name}: {len(got.sections)} sections, expected {want['sections']}")
        if "images" in want:
            srcs = [image.src for image in got.images if image.src]
            missing = [src for src in want["images"] if src not in srcs]
            if missing:
                failures.append(f"{name}: images {srcs} lack {missing}")
        for key in ("slug", "use"):
            if key in want and (got.frontmatter or {}).get(key) != want[key]:
                failures.append(f"{name}: frontmatter {key} = {(got.frontmatter or {}).get(key)!r}")
        for text in want.get("body_must_not_contain", []):
            if text in got.body:
                failures.append(f"{name}: body still contains {text!r}")
    print(f"seed reading: {len(expected)} articles, {len(failures)} failures")
    assert not failures, "\n".join(failures)


def test_seed_bodies_are_running_text(seeds) -> None:
    _expected, read = seeds
    for name, article in read.items():
        paragraphs = article.body.split("\n\n")
        assert all(p.strip() == p and p for p in paragraphs), name
        assert article.id and len(article.id) == 16
        if article.generated_title:
            assert len(article.generated_title) <= 120
