"""Dates without a year in undated articles, dated by the story.

An article with no publication date keeps a day-month date its text gives without a year
("chiều 16/10") as an unresolved ``TimeRef`` (``unresolved=True``, value ``XXXX-10-16``). Here
such a date takes the year that puts it nearest the span of the story's *dated* members (their
anchors: the publication date, or the date their own text stated); the reference stays marked
``unresolved`` so the timeline can say the year came from the story. A story without a dated
member dates nothing: the unresolved references are left out of the analysis, never guessed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from newsdesk.analyse.text import Doc
from newsdesk.model import TimeRef, Understanding

UNKNOWN_YEAR = "XXXX"


def story_span(docs: list[Doc]) -> tuple[date, date] | None:
    """First and last anchor date of the story's dated members, or None when none is dated."""
    days: list[date] = []
    for d in docs:
        anchor = d.understanding.anchor or d.article.published
        if not anchor:
            continue
        try:
            days.append(date.fromisoformat(anchor[:10]))
        except ValueError:
            continue
    return (min(days), max(days)) if days else None


def date_undated(docs: list[Doc]) -> list[Doc]:
    """The docs with every unresolved date given its year from the story's span (or dropped when
    the story has no dated member). Docs without unresolved dates come back unchanged; the stored
    understandings are never modified."""
    if not any(r.unresolved for d in docs for r in d.understanding.dates):
        return docs
    span = story_span(docs)
    out: list[Doc] = []
    for d in docs:
        refs = d.understanding.dates
        if not any(r.unresolved and r.value.startswith(UNKNOWN_YEAR) for r in refs):
            out.append(d)
            continue
        dated: list[TimeRef] = []
        for ref in refs:
            if not ref.value.startswith(UNKNOWN_YEAR):
                dated.append(ref)
            elif span is not None and (value := _nearest_year(ref.value, span)) is not None:
                dated.append(replace(ref, value=value))
        understanding: Understanding = replace(d.understanding, dates=dated)
        out.append(replace(d, understanding=understanding))
    return out


def _nearest_year(value: str, span: tuple[date, date]) -> str | None:
    """``XXXX-MM-DD`` in the year that puts it nearest ``span`` (inside it when it can be)."""
    try:
        month, day = int(value[5:7]), int(value[8:10])
    except ValueError:
        return None
    first, last = span
    best: tuple[int, date] | None = None
    for year in range(first.year - 1, last.year + 2):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # 29/2 outside a leap year
        if candidate < first:
            distance = (first - candidate).days
        elif candidate > last:
            distance = (candidate - last).days
        else:
            distance = 0
        if best is None or distance < best[0]:
            best = (distance, candidate)
    return best[1].isoformat() if best else None
