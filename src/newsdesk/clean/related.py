""" "Related articles" left on scraped pages: trailing ``| title lead ... |`` rows, a
"Tin liên quan" block, and lines that are nothing but a link (``[title](url)``, or the malformed
``[Hình ảnh] title](url)``). They become ``Related(title, url)`` items, out of the body."""

from __future__ import annotations

import re

from newsdesk.clean.paragraphs import plain, tidy
from newsdesk.model import Related
from newsdesk.read import lexicon

_ROW = re.compile(r"^\s*\|.*\|\s*$|^\s*\|\s*\S.*$")
_SEPARATOR = re.compile(r"^[\s|:\-]*$")
_LINK_LINE = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)\s*$")
_BROKEN_LINK_LINE = re.compile(r"^(?P<title>[^\]]{3,300})\]\((?P<url>(?:https?://|/)[^)\s]+)\)\s*$")
_LABEL = re.compile(r"^\[(?:[^\]]{1,30})\]\s*")
_LEAD_START = re.compile(r"\s(?=(?:" + "|".join(lexicon.RELATED_LEAD_STARTS) + r"))")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*$")
_INLINE_RELATED = re.compile(
    r"\s*(?:" + "|".join(re.escape(c) for c in lexicon.RELATED_INLINE_CUES) + r")\s*:?\s*"
    r"(?:\[[^\]\n]{1,30}\]\s*)?\[?(?P<title>[^\[\]\n]+)\]\((?P<url>[^)\s]*)\)?\s*$",
    re.IGNORECASE,
)
_HEADING = re.compile(
    r"^(?:#+\s*)?(?:" + "|".join(re.escape(h) for h in lexicon.RELATED_HEADINGS) + r")\s*:?\s*$",
    re.IGNORECASE,
)


def is_table_row(paragraph: str) -> bool:
    return bool(_ROW.match(paragraph)) and paragraph.lstrip().startswith("|")


def row_cells(paragraph: str) -> str:
    """The text of a table row, cells joined by a space ("" for a separator row)."""
    if _SEPARATOR.match(paragraph):
        return ""
    cells = [tidy(c) for c in paragraph.strip().strip("|").split("|")]
    return " ".join(c for c in cells if c)


def split_related_row(text: str) -> tuple[str, str | None]:
    """(title, lead) of a related row that glues a title to a truncated lead."""
    if not _ELLIPSIS.search(text):
        return text, None
    body = _ELLIPSIS.sub("", text)
    m = _LEAD_START.search(body)
    if m and m.start() > 10:
        return body[: m.start()].strip(), body[m.end() :].strip()
    words = body.split()
    n = lexicon.RELATED_SNIPPET_WORDS
    if len(words) > n + 3 and words[-n][:1].isupper():
        return " ".join(words[:-n]), " ".join(words[-n:])
    return body, None


class RelatedCollector:
    def __init__(self) -> None:
        self.items: list[Related] = []

    def add_row(self, cells: str) -> None:
        if cells:
            title, _lead = split_related_row(cells)
            self._add(title, None)

    def is_heading(self, paragraph: str) -> bool:
        return bool(_HEADING.match(paragraph))

    def add_line(self, paragraph: str) -> bool:
        """A line inside a "Tin liên quan" block: a link or a short title. False ends the block."""
        if self.link_line(paragraph):
            return True
        text = plain(paragraph.lstrip("-*+• ").strip())
        if text and len(text) <= 200 and not text.endswith("."):
            self._add(text, None)
            return True
        return False

    def link_line(self, paragraph: str) -> bool:
        """Take a paragraph that is nothing but a link (well-formed or not) as a related item."""
        m = _LINK_LINE.match(paragraph) or _BROKEN_LINK_LINE.match(_LABEL.sub("", paragraph))
        if not m:
            return False
        title = plain(_LABEL.sub("", m.group("title")).strip())
        self._add(title or m.group("url"), m.group("url"))
        return True

    def trailing_link(self, paragraph: str) -> str:
        """Take a closing "Xem thêm: [title](url)" off a paragraph as a related item."""
        if "[" not in paragraph:
            return paragraph
        m = _INLINE_RELATED.search(paragraph)
        if not m:
            return paragraph
        self._add(plain(m.group("title")), m.group("url") or None)
        return paragraph[: m.start()].rstrip()

    def _add(self, title: str, url: str | None) -> None:
        title = tidy(title)
        if title and all(r.title != title for r in self.items):
            self.items.append(Related(title=title, url=url))
