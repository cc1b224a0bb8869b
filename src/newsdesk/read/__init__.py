"""Read: bytes of one document -> clean ``Article`` records.

``read_document(data, source, *, shape=None, settings)`` runs:

    1. size        larger than ``settings.max_bytes`` -> ReadError
    2. decode      bytes -> NFC text (``decode.py``: UTF-8/16/32, BOMs, legacy Vietnamese)
    3. detect      the shape from the content (``detect.py``), unless ``shape`` is given
    4. read        the shape's reader -> drafts (one per article; JSONL and feeds give many)
    5. clean       each draft -> Article (``newsdesk.clean``), language and id included

A document that cannot be read raises ``ReadError(source, reason)``. In a multi-article
document a bad item is passed to ``on_reject`` when given (the others are still returned);
without ``on_reject`` the first bad item raises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsdesk.errors import ReadError
from newsdesk.model import SHAPES, Article
from newsdesk.read import dated_text, feed, html, jsonl, markdown, plain_text, scraped_text
from newsdesk.read.decode import decode
from newsdesk.read.detect import detect_shape
from newsdesk.read.draft import Draft

READERS: dict[str, Callable[[str, str], list[Draft | ReadError]]] = {
    "dated_text": dated_text.read,
    "scraped_text": scraped_text.read,
    "plain_text": plain_text.read,
    "markdown_frontmatter": markdown.read,
    "html": html.read,
    "jsonl": jsonl.read,
    "feed": feed.read,
}

DEFAULT_MAX_BYTES = 20_000_000


def read_document(
    data: bytes,
    source: str,
    *,
    shape: str | None = None,
    settings: Any = None,
    on_reject: Callable[[ReadError], None] | None = None,
) -> list[Article]:
    """The articles in one document (see the module docstring for the steps)."""
    if shape is not None and shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; expected one of {', '.join(SHAPES)}")
    limit = (
        getattr(settings, "max_bytes", DEFAULT_MAX_BYTES)
        if settings is not None
        else DEFAULT_MAX_BYTES
    )
    if len(data) > limit:
        raise ReadError(source, f"too large: {len(data):,} bytes (max_bytes is {limit:,})")
    from newsdesk.clean import clean  # clean uses read's word lists: imported on first use

    text = decode(data, source)
    chosen = shape or detect_shape(text)
    articles: list[Article] = []
    for item in READERS[chosen](text, source):
        try:
            if isinstance(item, ReadError):
                raise item
            articles.append(clean(item))
        except ReadError as e:
            if on_reject is None:
                raise
            on_reject(e)
    return articles


__all__ = ["READERS", "read_document"]
