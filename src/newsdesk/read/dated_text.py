"""Dated text: the first line is `` date YYYY-MM-DD`` followed either by the headline (short, no
final full stop, then a blank line) or straight by the lead."""

from __future__ import annotations

from newsdesk.errors import ReadError
from newsdesk.read.dates import iso_datetime
from newsdesk.read.detect import DATED_FIRST_LINE
from newsdesk.read.draft import Draft
from newsdesk.read.headline import looks_like_headline

SHAPE = "dated_text"


def read(text: str, source: str) -> list[Draft | ReadError]:
    m = DATED_FIRST_LINE.match(text)
    if not m:
        raise ReadError(
            source, "not dated text: the first line does not start with 'date YYYY-MM-DD'"
        )
    stamp = m.group(1) + (" " + m.group(2) if m.group(2) else "")
    published = iso_datetime(stamp)
    if published is None:
        raise ReadError(source, f"impossible date {stamp!r} on the first line")
    first, _, remainder = text[m.end() :].partition("\n")
    title = None
    if (
        first.strip()
        and remainder.strip()
        and _blank_follows(remainder)
        and looks_like_headline(first)
    ):
        title = first.strip()
        body = remainder
    else:
        body = first + "\n" + remainder
    if not body.strip():
        raise ReadError(source, "no text after the date line")
    return [Draft.single(source, SHAPE, body, title=title, published=published)]


def _blank_follows(remainder: str) -> bool:
    line = remainder.split("\n", 1)[0]
    return not line.strip()
