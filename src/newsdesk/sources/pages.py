"""A fetched page -> its Article, the same way for a fresh fetch and for ``newsdesk reread``.

1. decode    the bytes with the encoding the HTTP header, the page or detection gives
             (``charset.page_text``)
2. read      through the readers (``newsdesk.read.read_document``, shape ``html``:
             trafilatura with its metadata), the canonical URL as the source so that a
             changed page becomes a revision of the same article
3. complete  the source's language when the reader found none; the article's URL
4. images    each image URL made absolute against the page and, once fetched, replaced by
             the local webp file (``images.py``) so publishing can make thumbnails
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from newsdesk.errors import ReadError
from newsdesk.model import Article, Image
from newsdesk.read import read_document
from newsdesk.sources.charset import page_text
from newsdesk.sources.urls import resolve_link

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain")


def decode_page(body: bytes, charset: str | None, url: str) -> tuple[bytes, str]:
    """(UTF-8 bytes, encoding used) of a page; ReadError when it cannot be decoded."""
    text, encoding = page_text(body, charset, url)
    return text.encode("utf-8"), encoding


def read_page(
    body: bytes,
    *,
    url: str,
    final_url: str,
    charset: str | None,
    settings: Any,
    language: str | None = None,
) -> tuple[Article, str]:
    """(the article, the encoding used) of one fetched page. ReadError when no article."""
    utf8, encoding = decode_page(body, charset, url)
    rejects: list[ReadError] = []
    articles = read_document(utf8, url, shape="html", settings=settings, on_reject=rejects.append)
    if not articles:
        raise rejects[0] if rejects else ReadError(url, "no article found in the page")
    article = articles[0]
    images = []
    for image in article.images:
        absolute = resolve_link(final_url, image.src) if image.src else None
        if absolute or image.src:
            images.append(dataclasses.replace(image, src=absolute or image.src))
    changes: dict[str, Any] = {"images": _unique(images)}
    if not article.language and language:
        changes["language"] = language
    if not article.url or article.url == url:  # the address it was fetched from, www. and all
        changes["url"] = final_url
    return dataclasses.replace(article, **changes), encoding


def remote_images(article: Article, limit: int) -> list[str]:
    """The http(s) image URLs of ``article``, at most ``limit``."""
    found = [i.src for i in article.images if i.src.startswith(("http://", "https://"))]
    return found[: max(0, limit)]


def with_local_images(article: Article, local: Mapping[str, str]) -> Article:
    """``article`` with each fetched image's URL replaced by its local file."""
    if not any(i.src in local for i in article.images):
        return article
    images = [dataclasses.replace(i, src=local.get(i.src, i.src)) for i in article.images]
    return dataclasses.replace(article, images=images)


def _unique(images: list[Image]) -> list[Image]:
    seen: set[str] = set()
    out: list[Image] = []
    for image in images:
        if image.src not in seen:
            seen.add(image.src)
            out.append(image)
    return out


ImageGetter = Callable[[str], str | None]
