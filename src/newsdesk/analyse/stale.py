"""Relative dates inside a passage that narrates an earlier time.

A report often reuses an older paragraph: "Trước đó, ngày 28/10, ... Thủ tướng Takaichi, người
vừa trở thành nữ thủ tướng đầu tiên vào tuần trước, ... Trong cuộc điện đàm ngày 25/10 ...".
The understand stage resolves "tuần trước" against the article's own date (6/12: the week of
24/11), which is what the words say, but the passage around it is about late October, so the
week meant is another one. A day-level relative expression (no digits: "hôm qua", "tuần trước",
"hôm nay") is *stale* when the nearest explicit day-date before it and the nearest after it
(each within ``NEIGHBOURHOOD`` sentences) are both more than ``STALE_DAYS`` before it: the
passage is surrounded by an earlier time. One side is not enough ("Riêng ngày 4/10 ... Từ 6h
sáng nay, giá vé ..." is a report looking back, then at today). Stale expressions are left out of the analysis (``drop_stale``); the stored understanding is
not changed. A date that may be wrong would poison the timeline; one left out costs an event.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from newsdesk.analyse.text import Doc
from newsdesk.model import TimeRef

NEIGHBOURHOOD = 3  # sentences looked at on each side
STALE_DAYS = 7  # explicit dates this much older than the relative one mark the passage as past
RELATIVE_GRANULARITIES = ("day", "range")


def drop_stale(docs: list[Doc]) -> list[Doc]:
    """The docs without their stale relative dates (unchanged docs come back as they were)."""
    out: list[Doc] = []
    for d in docs:
        refs = d.understanding.dates
        kept = [r for r in refs if not _stale(r, refs)]
        if len(kept) == len(refs):
            out.append(d)
        else:
            out.append(replace(d, understanding=replace(d.understanding, dates=kept)))
    return out


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _explicit(ref: TimeRef) -> bool:
    return ref.granularity == "day" and any(c.isdigit() for c in ref.text)


def _stale(ref: TimeRef, refs: list[TimeRef]) -> bool:
    if ref.granularity not in RELATIVE_GRANULARITIES or any(c.isdigit() for c in ref.text):
        return False
    start = _day(ref.value)
    if start is None:
        return False
    before = [
        r
        for r in refs
        if _explicit(r)
        and (
            ref.sentence - NEIGHBOURHOOD <= r.sentence < ref.sentence
            or (r.sentence == ref.sentence and 0 <= r.start < ref.start)
        )
    ]
    after = [
        r
        for r in refs
        if _explicit(r)
        and (
            ref.sentence < r.sentence <= ref.sentence + NEIGHBOURHOOD
            or (r.sentence == ref.sentence and r.start > ref.start >= 0)
        )
    ]
    if not before or not after:
        return False
    nearest_before = max(before, key=lambda r: (r.sentence, r.start))
    nearest_after = min(after, key=lambda r: (r.sentence, r.start))
    limit = start - timedelta(days=STALE_DAYS)
    for r in (nearest_before, nearest_after):
        day = _day(r.value)
        if day is None or day >= limit:
            return False
    return True
