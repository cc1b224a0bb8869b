"""Scraped page text: running text with the residue of the page around it (Markdown-table rows
holding an image and its caption, "related articles" rows at the end). The reader finds the head
like plain text; the cleaner moves the residue into images and related items."""

from __future__ import annotations

from newsdesk.errors import ReadError
from newsdesk.read import plain_text
from newsdesk.read.draft import Draft

SHAPE = "scraped_text"


def read(text: str, source: str) -> list[Draft | ReadError]:
    return plain_text.read(text, source, SHAPE)
