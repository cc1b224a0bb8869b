"""``Draft``: what a reader found in one document, before cleaning turns it into an ``Article``.

A reader knows the shape (where the title, date and body are); the cleaner knows the newsroom
habits (captions, bylines, credits, related rows). The draft is the record between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsdesk.model import Image


@dataclass(slots=True)
class DraftSection:
    heading: str | None
    text: str  # raw text of the section: paragraphs separated by blank lines or new lines


@dataclass(slots=True)
class Draft:
    source: str
    shape: str
    sections: list[DraftSection]
    title: str | None = None
    published: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    images: list[Image] = field(default_factory=list)  # images known from metadata
    frontmatter: dict[str, Any] | None = None
    markdown: bool = False  # the text uses Markdown syntax (images, links, headings)
    subheadings_in_body: bool = False  # headings inside one article (pages) stay as paragraphs

    @classmethod
    def single(cls, source: str, shape: str, text: str, **kwargs: Any) -> Draft:
        return cls(source=source, shape=shape, sections=[DraftSection(None, text)], **kwargs)
