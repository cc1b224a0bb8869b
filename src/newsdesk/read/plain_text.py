"""Plain text: running paragraphs, one per line or separated by blank lines. A short first line
without a final full stop, followed by more text, is the headline; a line near the top that is
nothing but a date is the publication date."""

from __future__ import annotations

from newsdesk.errors import ReadError
from newsdesk.read.draft import Draft
from newsdesk.read.headline import date_line, looks_like_headline

SHAPE = "plain_text"


def split_head(text: str) -> tuple[str | None, str | None, str]:
    """(title, published, rest) from the top lines of a text document."""
    lines = text.split("\n")
    title = published = None
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    for _ in range(3):  # headline and date line, in either order, at the top
        if i >= len(lines):
            break
        line = lines[i]
        found = date_line(line) if published is None else None
        if found:
            published = found
        elif title is None and looks_like_headline(line) and _more_text(lines, i + 1):
            title = line.strip()
        else:
            break
        i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
    return title, published, "\n".join(lines[i:])


def _more_text(lines: list[str], start: int) -> bool:
    rest = [line for line in lines[start:] if line.strip()]
    return bool(rest) and sum(len(line) for line in rest) >= 80


def read(text: str, source: str, shape: str = SHAPE) -> list[Draft | ReadError]:
    title, published, body = split_head(text)
    if not body.strip():
        raise ReadError(source, "no running text")
    return [Draft.single(source, shape, body, title=title, published=published)]
