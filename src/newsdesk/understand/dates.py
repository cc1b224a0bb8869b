"""Time expressions in Vietnamese news text, resolved against the article's own date.

``extract_dates(text, anchor)`` finds every time expression, sentence by sentence, and resolves
it against ``anchor`` (the article's date). Without an anchor, the latest complete date the text
itself states (day, month and year) becomes the anchor and every result says
``anchor_from_text=True``; with neither, expressions that carry their own year come back and a
day-month date keeps an unknown year (``XXXX-10-16``, ``unresolved=True``).

Forms (own rules; word lists in ``lexicon/time.toml``):

    ngày 6/12 · 6/12/2025 · 28-10 · hôm nay 23.10 · sáng/chiều/tối (ngày) 2/1      day
    ngày 28 tháng 10 năm 2025 · ngày 27 (the nearest month that fits the tense)    day
    hôm qua · hôm nay · sáng nay · ngày mai · 3 ngày trước                          day
    tháng 7 · hồi tháng 7 · tháng 1 tới · tháng 11/2025 · tháng 11 năm ngoái        month
    tháng tới · tháng trước · đầu/cuối tháng 1                                      month
    năm 1945 · năm nay · năm ngoái · năm tới · năm tài chính 2025 · 6 năm trước     year
    mùa xuân (năm nay)                                                             season
    từ 23/10 đến hết ngày 25/10 · ngày 23-25/10 · tuần trước · năm 2021-2025        range

A number that is not a date never becomes one: ``27,5%``, ``1.100 tỷ``, a score ``2-1`` or a
time ``8.30`` has no date trigger (``ngày``, ``hôm``, ``từ``, a part of the day …) and fails the
calendar; bare ``23-10`` / ``23.10`` / ``23/10`` need such a trigger just before them.
"""

from __future__ import annotations

import re
from datetime import date

from newsdesk.fileio import day_of
from newsdesk.model import TimeRef
from newsdesk.understand.date_patterns import (
    _find,
    _Match,
    _words,
)
from newsdesk.understand.date_resolve import (
    UNKNOWN_YEAR,
    _explicit_day,
    _resolve,
)
from newsdesk.understand.sentences import sentence_spans

__all__ = ["date_spans", "dates_and_spans", "dates_in_spans", "extract_dates", "parse_anchor"]


def parse_anchor(published: str | None) -> date | None:
    """The date part of an ISO ``published`` value, or None."""
    return day_of(published)


def extract_dates(text: str, anchor: date | None) -> list[TimeRef]:
    """Every time expression in ``text``; ``sentence`` indexes ``split_sentences(text)``."""
    return dates_in_spans(text, sentence_spans(text), anchor)


def dates_in_spans(text: str, spans: list[tuple[int, int]], anchor: date | None) -> list[TimeRef]:
    return dates_and_spans(text, spans, anchor)[0]


def dates_and_spans(
    text: str, spans: list[tuple[int, int]], anchor: date | None
) -> tuple[list[TimeRef], list[tuple[int, int]]]:
    """The resolved time expressions and the character spans of every time expression
    (resolvable or not: numbers inside them are never figures), in one pass."""
    found: list[tuple[int, _Match]] = []
    for index, (s, e) in enumerate(spans):
        for m in _find(text, s, e):
            found.append((index, m))
    return _resolve_all(text, spans, anchor, found), [(m.start, m.end) for _, m in found]


def _resolve_all(
    text: str, spans: list[tuple[int, int]], anchor: date | None, found: list[tuple[int, _Match]]
) -> list[TimeRef]:
    from_text = False
    if anchor is None:
        certain = [v for _, m in found if (v := _explicit_day(m)) is not None]
        if certain:
            anchor = max(certain)
            from_text = True
    out: list[TimeRef] = []
    for index, m in found:
        resolved = _resolve(text, m, anchor, spans[index])
        if resolved is None:
            continue
        value, granularity, end = resolved
        out.append(
            TimeRef(
                text=text[m.start : m.end],
                value=value,
                granularity=granularity,
                sentence=index,
                end=end,
                anchor=anchor.isoformat() if anchor else None,
                anchor_from_text=from_text,
                start=m.start,
                unresolved=value.startswith(UNKNOWN_YEAR),
            )
        )
    return _drop_named_weekdays(_merge_ranges(text, out, anchor))


_TO = re.compile(r"\s*(?:đến|tới|–|-|cho\s+đến|cho\s+tới)\s*(?:hết\s+)?(?:ngày\s+)?", re.IGNORECASE)


_TO_NOW = re.compile(
    r"\s*(?:đến|tới|cho\s+đến|cho\s+tới)\s+(?:nay|hiện\s+nay|hiện\s+tại)(?!\w)", re.IGNORECASE
)


_AND = re.compile(r"\s*và\s*", re.IGNORECASE)


_WEEKDAY_THEN_DATE = re.compile(r"\s*[,(]?\s*")


def _merge_ranges(text: str, refs: list[TimeRef], anchor: date | None) -> list[TimeRef]:
    """``A đến B`` (``từ tháng 5-2013 đến 30-9-2013``, ``từ ngày 23 đến ngày 27``), ``A đến nay``
    and two consecutive days joined by ``và`` become one range."""
    out: list[TimeRef] = []
    i = 0
    while i < len(refs):
        a = refs[i]
        a_end = a.start + len(a.text)
        nxt = refs[i + 1] if i + 1 < len(refs) else None
        if (
            nxt is not None
            and nxt.sentence == a.sentence
            and a.granularity != "range"
            and not (a.unresolved or nxt.unresolved)
        ):
            between = text[a_end : nxt.start]
            joined = bool(_TO.fullmatch(between)) and nxt.granularity != "range"
            if not joined and _AND.fullmatch(between) and a.granularity == nxt.granularity == "day":
                joined = (date.fromisoformat(nxt.value) - date.fromisoformat(a.value)).days == 1
            if joined and a.value < nxt.value:
                out.append(
                    TimeRef(
                        text=text[a.start : nxt.start + len(nxt.text)],
                        value=a.value,
                        granularity="range",
                        sentence=a.sentence,
                        end=nxt.value,
                        anchor=a.anchor,
                        anchor_from_text=a.anchor_from_text,
                        start=a.start,
                    )
                )
                i += 2
                continue
        if (
            nxt is not None
            and nxt.sentence == a.sentence
            and a.granularity == nxt.granularity == "day"
            and _WEEKDAY_THEN_DATE.fullmatch(text[a_end : nxt.start])
            and a.text.split()[0].casefold() in ("thứ", "chủ")
        ):  # "thứ Hai, 11/11/2013": the date written out wins
            close = nxt.start + len(nxt.text)
            if "(" in text[a_end : nxt.start] and text[close : close + 1] == ")":
                close += 1  # "Chủ nhật (19/10)" with its bracket
            out.append(
                TimeRef(
                    text=text[a.start : close],
                    value=nxt.value,
                    granularity="day",
                    sentence=a.sentence,
                    anchor=a.anchor,
                    anchor_from_text=a.anchor_from_text,
                    start=a.start,
                )
            )
            i += 2
            continue
        now = _TO_NOW.match(text, a_end)
        since = re.search(
            r"(?<!\w)từ\s+(?:\w+\s+){0,2}$", text[max(0, a.start - 20) : a.start], re.IGNORECASE
        )
        if (
            now
            and since
            and anchor is not None
            and a.granularity != "range"
            and (a.value <= anchor.isoformat())
        ):
            out.append(
                TimeRef(
                    text=text[a.start : now.end()],
                    value=a.value,
                    granularity="range",
                    sentence=a.sentence,
                    end=anchor.isoformat(),
                    anchor=a.anchor,
                    anchor_from_text=a.anchor_from_text,
                    start=a.start,
                )
            )
            i += 1
            continue
        out.append(a)
        i += 1
    return out


def _drop_named_weekdays(refs: list[TimeRef]) -> list[TimeRef]:
    """A bare weekday that names the weekday of a date its sentence writes out ("ngày 4/10, rơi
    vào Chủ nhật", "18/10 (Chủ nhật)") is that date, already found: it is not a second one."""
    weekdays = _words()["weekdays"]
    out: list[TimeRef] = []
    for ref in refs:
        named = " ".join(ref.text.casefold().split())
        if ref.granularity == "day" and named in weekdays:
            wd = weekdays.index(named)
            if any(
                other is not ref
                and other.sentence == ref.sentence
                and other.granularity == "day"
                and not other.unresolved
                and date.fromisoformat(other.value).weekday() == wd
                for other in refs
            ):
                continue
        out.append(ref)
    return out


def date_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of every time expression (resolvable or not): numbers inside them are
    dates, never figures."""
    return [(m.start, m.end) for s, e in spans for m in _find(text, s, e)]
