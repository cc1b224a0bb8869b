"""Time expressions in Vietnamese news text, resolved against the article's own date.

``extract_dates(text, anchor)`` finds every time expression, sentence by sentence, and resolves
it against ``anchor`` (the article's date). Without an anchor, the latest complete date the text
itself states (day, month and year) becomes the anchor and every result says
``anchor_from_text=True``; with neither, only expressions that carry their own year come back.

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

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from newsdesk.model import TimeRef
from newsdesk.understand.lexicon import toml
from newsdesk.understand.sentences import sentence_spans

__all__ = ["date_spans", "dates_and_spans", "dates_in_spans", "extract_dates", "parse_anchor"]


@cache
def _words() -> dict:
    return toml("time.toml")


def _alt(words: list[str] | dict) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


# --------------------------------------------------------------------------- patterns


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    w = _words()
    pod = _alt(w["parts_of_day"])
    B = r"(?<![\w.,/-])"  # left boundary: not inside a number or word
    E = r"(?![\w%]|[.,/-]\d)"  # right boundary
    D1, M1, Y1 = r"(?P<d1>\d{1,2})", r"(?P<m1>\d{1,2})", r"(?P<y1>\d{4})"
    D2, M2, Y2 = r"(?P<d2>\d{1,2})", r"(?P<m2>\d{1,2})", r"(?P<y2>\d{4})"
    rel_y = r"nay|ngoái|trước|tới|sau|kia"
    pats = {
        # ranges
        "range_day": (
            rf"(?P<from>từ\s+)?(?:(?P<pod>{pod})\s+)?(?:(?P<ngay>ngày|hôm)\s+)?{B}{D1}(?:(?P<s1>[/.-]){M1}(?:(?P=s1){Y1})?)?"
            rf"\s*(?P<to>đến|tới|-|–|và)\s*(?:hết\s+)?(?:ngày\s+)?{D2}(?P<s2>[/.-]){M2}(?:(?P=s2){Y2})?{E}"
        ),
        "range_month": (
            rf"từ\s+tháng\s+{M1}(?:\s*(?:/|năm)\s*{Y1})?\s+(?:đến|tới)\s+(?:hết\s+)?tháng\s+{M2}"
            rf"(?:\s*(?:/|năm)\s*{Y2})?{E}"
        ),
        "range_year": (
            rf"(?:(?:từ\s+)?năm|giai\s+đoạn)\s+{Y1}\s*(?:đến|tới|-|–)\s*(?:năm\s+)?{Y2}{E}"
        ),
        # days
        "dmy_words": (
            rf"(?:(?P<pod>{pod})\s+)?(?:(?P<ngay>ngày|hôm)\s+)?{B}(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})"
            rf"(?:(?:\s+năm|\s*,|\s*/)\s*(?P<y>\d{{4}}))?{E}"
        ),
        "dm_numeric": (
            rf"(?:(?P<pod>{pod})\s+)?(?:(?P<ngay>hôm\s+nay|hôm\s+qua|ngày|hôm)\s+)?{B}(?P<d>\d{{1,2}})"
            rf"(?P<sep>[/.-])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>\d{{4}}))?{E}"
            r"(?P<tail>\s+(?:tới|vừa\s+qua|sắp\s+tới))?"
        ),
        "day_only": (
            rf"(?:(?P<pod>{pod})\s+)?(?P<ngay>ngày|hôm)\s+(?P<d>\d{{1,2}}){E}(?!\s*tháng)"
            r"(?P<tail>\s+(?:tới|vừa\s+qua|sắp\s+tới))?"
        ),
        "rel_day": (
            rf"(?<!\w)(?P<rel>{_alt(w['relative_days'])})(?!\w)"
            rf"(?:\s*\(\s*(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>\d{{4}}))?\s*\)"
            rf"|\s+(?P<d2>\d{{1,2}})(?P<sep2>[/.])(?P<m2>\d{{1,2}})(?:(?P=sep2)(?P<y2>\d{{4}}))?{E})?"
        ),
        "weekday": (
            r"(?<!\w)(?P<wd>(?:thứ|Thứ)\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s+nhật|chủ\s+nhật)(?!\w)"
            r"(?:\s+(?P<rel>tuần\s+(?:trước|này|tới|sau)))?"
        ),
        "ago_cach": (
            r"(?<!\w)(?:cách\s+đây|Cách\s+đây)\s+(?P<n>\d{1,3})\s+(?P<unit>ngày|tuần|tháng|năm)(?!\w)"
        ),
        "bare_year": r"(?<![\w.,/-])(?P<y>(?:1[89]|20)\d\d)(?![\w%]|[.,/]\d)",
        "bare_year_range": (
            r"(?<![\w.,/-])(?P<y1>(?:1[89]|20)\d\d)\s*[-–]\s*(?P<y2>(?:1[89]|20)\d\d)(?![\w%]|[.,/-]\d)"
        ),
        "ago": (
            r"(?<![\w,.])(?P<n>\d{1,3})\s+(?P<unit>ngày|tuần|tháng|năm)\s+(?P<dir>trước)(?!\w)"
        ),
        # months
        "month": (
            rf"(?:(?P<edge>đầu|cuối|giữa)\s+)?tháng\s+(?P<m>\d{{1,2}})"
            rf"(?:\s*(?:/|-|\.|năm)\s*(?P<y>\d{{4}})|\s+năm\s+(?P<rel>{rel_y})|\s+(?P<fut>tới|này|vừa\s+qua))?{E}"
        ),
        "rel_month": rf"(?:(?P<edge>đầu|cuối|giữa)\s+)?(?P<rel>{_alt(w['relative_months'])})(?!\w)",
        # weeks
        "rel_week": rf"(?<!\w)(?P<rel>{_alt(w['relative_weeks'])})(?!\w)",
        # seasons
        "season": (
            rf"(?<!\w)mùa\s+(?P<s>{_alt(w['seasons'])})(?!\w)"
            rf"(?:\s+năm\s+(?:(?P<y>\d{{4}})|(?P<rel>{rel_y})))?(?!\w)"
        ),
        # years
        "fiscal": (
            r"(?<!\w)(?:năm\s+tài\s+(?:chính|khóa|khoá)|tài\s+khóa|tài\s+khoá)\s+"
            r"(?:(?P<y>\d{4})|(?P<rel>này|nay|hiện\s+tại|trước|tới|sau))(?![\w%]|[.,]\d)"
        ),
        "year": rf"(?:(?P<edge>đầu|cuối|giữa)\s+)?(?<!\w)năm\s+(?P<y>\d{{4}}){E}",
        "rel_year": rf"(?:(?P<edge>đầu|cuối|giữa)\s+)?(?<!\w)(?P<rel>{_alt(w['relative_years'])})(?!\w)",
    }
    return [(k, re.compile(v, re.IGNORECASE)) for k, v in pats.items()]


_NUMBER_WORD = re.compile(
    r"(?:\d|\b(?:một|hai|ba|bốn|sáu|bảy|tám|chín|mười|vài|mấy|nhiều|các|những|mỗi))\s*$",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- entry


def parse_anchor(published: str | None) -> date | None:
    """The date part of an ISO ``published`` value, or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


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
            )
        )
    return _merge_ranges(text, out, anchor)


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
        if nxt is not None and nxt.sentence == a.sentence and a.granularity != "range":
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
            out.append(
                TimeRef(
                    text=text[a.start : nxt.start + len(nxt.text)],
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


# --------------------------------------------------------------------------- finding


def _find(text: str, s: int, e: int) -> list[_Match]:
    sentence = text[s:e]
    cands: list[_Match] = []
    for kind, pat in _patterns():
        for m in pat.finditer(sentence):
            g = m.groupdict()
            if not _acceptable(kind, g, sentence, m.start(), m.end()):
                continue
            cands.append(_Match(s + m.start(), s + m.end(), kind, g))
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[_Match] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            chosen.append(c)
            last_end = c.end
    return chosen


def _before(sentence: str, pos: int) -> str:
    return sentence[max(0, pos - 24) : pos].rstrip(" \t(,").casefold()


def _ends_with_word(head: str, words: list[str]) -> bool:
    head = head.rstrip(" \t,").casefold()
    for word in words:
        if head.endswith(word) and (len(head) == len(word) or not head[-len(word) - 1].isalnum()):
            return True
    return False


def _triggered(sentence: str, pos: int, sep: str = "/") -> bool:
    if _ends_with_word(_before(sentence, pos), _words()["date_triggers"]):
        return True
    # "(23/10)", "(28-10)", "(Indonesia, 26-10)" are dates; "(8-5 và 13-10)" are scores
    head = sentence[:pos].rstrip()
    if sep == "/":
        return head.endswith("(") and sentence[pos:].find(")") != -1
    closes = re.match(r"^\d{1,2}[.-]\d{1,2}(?:[.-]\d{4})?\s*\)", sentence[pos:]) is not None
    return closes and (
        head.endswith("(") or re.search(r"\(\s*[^\W\d][^()]{0,30},$", head) is not None
    )


def _quantity_follows(sentence: str, end: int) -> bool:
    tail = sentence[end:].split(maxsplit=1)
    return bool(tail) and tail[0].casefold().strip(",.;:)") in _words()["quantity_after"]


def _acceptable(kind: str, g: dict, sentence: str, start: int, end: int) -> bool:
    w = _words()
    if kind == "range_day":
        if not g["m1"] and not (g["from"] or g["ngay"] or g["pod"]):
            return False
        if not (g["from"] or g["ngay"] or g["pod"] or _triggered(sentence, start)) and (
            g["to"] in "-–" or (g["s1"] and g["s1"] != "/")
        ):
            return False
    elif kind == "dm_numeric":
        if not g["y"] and not (g["pod"] or g["ngay"] or _triggered(sentence, start, g["sep"])):
            return False
        if g["sep"] != "/" and _quantity_follows(sentence, end):
            return False
        if (
            g["y"]
            and g["sep"] == "."
            and not (g["pod"] or g["ngay"] or _triggered(sentence, start))
        ):
            return False
    elif kind == "dmy_words":
        if not (g["pod"] or g["ngay"] or g["y"]):
            return False
    elif kind == "day_only":
        head = sentence[:start].split()
        if head and head[-1].casefold() in w["not_day_before"]:
            return False
        tail = sentence[end:].split()
        if tail and tail[0].casefold().strip(",.;:") in w["not_day_after"]:
            return False
    elif kind in ("rel_month", "rel_week", "rel_year"):
        rel = (g.get("rel") or "").casefold()
        if rel.endswith(("trước", "sau", "tới", "kia", "này")) and _NUMBER_WORD.search(
            sentence[:start]
        ):
            return False  # "3 tháng trước", "một năm sau": counted from something else
    elif kind == "year":
        tail = sentence[end:].split()
        if tail and tail[0].casefold().strip(",.;:") in w["not_day_after"]:
            return False
        if _ends_with_word(sentence[:start], w["not_year_before"]):
            return False
    elif kind == "bare_year":
        if _quantity_follows(sentence, end) or not (
            _ends_with_word(sentence[:start], w["year_triggers"])
            or (sentence[:start].rstrip().endswith("(") and sentence[end:].lstrip().startswith(")"))
        ):
            return False
    elif kind == "bare_year_range":
        if not 0 < int(g["y2"]) - int(g["y1"]) <= 30 or _quantity_follows(sentence, end):
            return False
    elif kind == "weekday":
        day_word = g["wd"].split()[-1]
        if g["wd"].casefold().startswith("thứ") and not day_word[:1].isupper():
            return False  # "thứ hai" in lower case is the ordinal
    return True


# --------------------------------------------------------------------------- resolving


def _int(v: str | None) -> int | None:
    return None if v is None else int(v)


def _valid_year(y: int) -> bool:
    return _words()["min_year"] <= y <= _words()["max_year"]


def _day(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12 and _valid_year(y)):
        return None
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return date(y, m, d)


def _explicit_day(m: _Match) -> date | None:
    g = m.groups
    if m.kind in ("dm_numeric", "dmy_words") and g.get("y"):
        return _day(int(g["y"]), int(g["m"]), int(g["d"]))
    return None


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + k
    return total // 12, total % 12 + 1


def _tense(text: str, m: _Match, span: tuple[int, int]) -> str | None:
    """'future', 'past' or None: the tense marker nearest the expression within its clause."""
    tail = (m.groups.get("tail") or "").strip().casefold()
    if tail:
        return "past" if "qua" in tail else "future"
    s, e = span
    sentence = text[s:e].casefold()
    a, b = m.start - s, m.end - s
    bounds = ",;:"
    left = max(sentence.rfind(c, 0, a) for c in bounds) + 1
    right_cands = [i for c in bounds if (i := sentence.find(c, b)) != -1]
    right = min(right_cands) if right_cands else len(sentence)
    if not sentence[b:right].strip():  # "Ngày 24, X đã ...": the clause after it
        nxt = [i for c in bounds if (i := sentence.find(c, right + 1)) != -1]
        right = min(nxt) if nxt else len(sentence)
    best: tuple[int, str] | None = None
    w = _words()
    for tense, words in (("future", w["future_markers"]), ("past", w["past_markers"])):
        for word in words:
            for hit in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", sentence[left:right]):
                pos = left + hit.start()
                if a <= pos < b:
                    continue
                dist = a - pos if pos < a else pos - b
                if best is None or dist < best[0]:
                    best = (dist, tense)
    return best[1] if best else None


def _resolve(
    text: str, m: _Match, anchor: date | None, span: tuple[int, int]
) -> tuple[str, str, str | None] | None:
    g = m.groups
    k = m.kind
    w = _words()
    if k == "range_day":
        d2, m2 = int(g["d2"]), int(g["m2"])
        y2 = _int(g["y2"]) or _int(g["y1"])
        if y2 is None:
            if anchor is None:
                return None
            end = _nearest_dm(d2, m2, anchor, None)
        else:
            end = _day(y2, m2, d2)
        if end is None:
            return None
        m1 = _int(g["m1"]) or m2
        y1 = _int(g["y1"]) or (end.year if m1 <= m2 else end.year - 1)
        start = _day(y1, m1, int(g["d1"]))
        if start is None or start > end:
            return None
        if g["to"] == "và" and (end - start).days != 1:
            return None  # "ngày 2 và 5/1" are two days, not a range
        return start.isoformat(), "range", end.isoformat()
    if k == "range_month":
        m1, m2 = int(g["m1"]), int(g["m2"])
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        y2 = _int(g["y2"]) or _int(g["y1"])
        if y2 is None:
            if anchor is None:
                return None
            y2 = anchor.year
        y1 = _int(g["y1"]) or (y2 if m1 <= m2 else y2 - 1)
        if (y1, m1) > (y2, m2) or not (_valid_year(y1) and _valid_year(y2)):
            return None
        return f"{y1:04d}-{m1:02d}", "range", f"{y2:04d}-{m2:02d}"
    if k == "range_year":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if not (_valid_year(y1) and _valid_year(y2)) or y1 >= y2:
            return None
        return f"{y1:04d}", "range", f"{y2:04d}"
    if k in ("dm_numeric", "dmy_words"):
        d, mo = int(g["d"]), int(g["m"])
        if g.get("y"):
            day = _day(int(g["y"]), mo, d)
        else:
            rel = (g.get("ngay") or "").casefold().split()
            if anchor is None:
                return None
            if rel[-1:] == ["nay"]:
                day = _day(anchor.year, mo, d)
            else:
                day = _nearest_dm(d, mo, anchor, _tense(text, m, span))
        return None if day is None else (day.isoformat(), "day", None)
    if anchor is None:
        return _resolve_without_anchor(k, g)
    if k == "day_only":
        day = _day_of_month(int(g["d"]), anchor, _tense(text, m, span))
        return None if day is None else (day.isoformat(), "day", None)
    if k == "rel_day":
        shift = w["relative_days"][" ".join(g["rel"].casefold().split())]
        day = anchor + timedelta(days=shift)
        if g.get("d2"):
            g = {**g, "d": g["d2"], "m": g["m2"], "y": g.get("y2")}
        if g.get("d"):  # "hôm qua (22/10)", "sáng nay 1/11": the date written out wins
            written = _day(_int(g.get("y")) or day.year, int(g["m"]), int(g["d"]))
            if written is not None:
                day = written
        return day.isoformat(), "day", None
    if k == "weekday":
        wd = w["weekdays"].index(" ".join(g["wd"].casefold().split()))
        if g.get("rel"):
            shift = w["relative_weeks"][" ".join(g["rel"].casefold().split())]
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=shift)
            return (monday + timedelta(days=wd)).isoformat(), "day", None
        back = anchor - timedelta(days=(anchor.weekday() - wd) % 7)
        ahead = anchor + timedelta(days=(wd - anchor.weekday()) % 7)
        tense = _tense(text, m, span)
        if tense == "future":
            day = ahead
        elif tense == "past":
            day = back
        else:
            day = back if (anchor - back) <= (ahead - anchor) else ahead
        return day.isoformat(), "day", None
    if k == "ago_cach":
        g = {**g, "dir": "trước"}
        k = "ago"
    if k == "ago":
        n = int(g["n"]) * (-1 if g["dir"].casefold() == "trước" else 1)
        unit = g["unit"].casefold()
        if unit == "ngày":
            return (anchor + timedelta(days=n)).isoformat(), "day", None
        if unit == "tuần":
            return _week(anchor, n)
        if unit == "tháng":
            y, mo = _shift_month(anchor.year, anchor.month, n)
            return (f"{y:04d}-{mo:02d}", "month", None) if _valid_year(y) else None
        y = anchor.year + n
        return (f"{y:04d}", "year", None) if _valid_year(y) else None
    if k == "month":
        mo = int(g["m"])
        if not 1 <= mo <= 12:
            return None
        if g.get("y"):
            y = int(g["y"])
        elif g.get("rel"):
            y = anchor.year + w["relative_years"]["năm " + g["rel"].casefold()]
        elif g.get("fut") and "qua" in g["fut"].casefold():  # "tháng 9 vừa qua"
            y = anchor.year if mo <= anchor.month else anchor.year - 1
        elif g.get("fut"):
            fut = g["fut"].casefold()
            y = anchor.year if fut == "này" or mo >= anchor.month else anchor.year + 1
        else:
            tense = _tense(text, m, span)
            if tense == "future":
                y = anchor.year if mo >= anchor.month else anchor.year + 1
            else:
                y = anchor.year if mo <= anchor.month else anchor.year - 1
        return (f"{y:04d}-{mo:02d}", "month", None) if _valid_year(y) else None
    if k == "rel_month":
        shift = w["relative_months"][" ".join(g["rel"].casefold().split())]
        y, mo = _shift_month(anchor.year, anchor.month, shift)
        return f"{y:04d}-{mo:02d}", "month", None
    if k == "rel_week":
        return _week(anchor, w["relative_weeks"][" ".join(g["rel"].casefold().split())])
    if k == "season":
        season = w["seasons"][g["s"].casefold()]
        if g.get("y"):
            y = int(g["y"])
        elif g.get("rel"):
            y = anchor.year + w["relative_years"]["năm " + g["rel"].casefold()]
        else:
            y = _season_year(season, anchor, _tense(text, m, span))
        return (f"{y:04d}-{season}", "season", None) if _valid_year(y) else None
    if k == "fiscal":
        if g.get("y"):
            y = int(g["y"])
        else:
            rel = " ".join(g["rel"].casefold().split())
            y = anchor.year + {"trước": -1, "tới": 1, "sau": 1}.get(rel, 0)
        return (f"{y:04d}", "year", None) if _valid_year(y) else None
    if k == "bare_year_range":
        return f"{int(g['y1']):04d}", "range", f"{int(g['y2']):04d}"
    if k in ("year", "bare_year"):
        y = int(g["y"])
        return (f"{y:04d}", "year", None) if _valid_year(y) else None
    if k == "rel_year":
        y = anchor.year + w["relative_years"][" ".join(g["rel"].casefold().split())]
        return f"{y:04d}", "year", None
    return None


def _resolve_without_anchor(k: str, g: dict) -> tuple[str, str, str | None] | None:
    """Forms that carry their own year resolve even when there is no anchor."""
    if k == "bare_year_range":
        return f"{int(g['y1']):04d}", "range", f"{int(g['y2']):04d}"
    y = _int(g.get("y"))
    if y is None or not _valid_year(y):
        return None
    if k == "month" and 1 <= int(g["m"]) <= 12:
        return f"{y:04d}-{int(g['m']):02d}", "month", None
    if k == "season":
        return f"{y:04d}-{_words()['seasons'][g['s'].casefold()]}", "season", None
    if k in ("year", "fiscal", "bare_year"):
        return f"{y:04d}", "year", None
    return None


def _nearest_dm(d: int, mo: int, anchor: date, tense: str | None) -> date | None:
    """``d/mo`` in the year that puts it nearest the anchor; the tense breaks near-ties."""
    cands = [c for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (c := _day(y, mo, d))]
    if not cands:
        return None
    if tense == "future":
        ahead = [c for c in cands if c >= anchor and (c - anchor).days <= 183]
        if ahead:
            return ahead[0]
    if tense == "past":
        behind = [c for c in cands if c <= anchor and (anchor - c).days <= 183]
        if behind:
            return behind[-1]
    return min(cands, key=lambda c: (abs((c - anchor).days), c > anchor))


def _day_of_month(d: int, anchor: date, tense: str | None) -> date | None:
    """``ngày d``: this month, the month before or the month after, by tense, else nearest."""
    cands = []
    for k in (-1, 0, 1):
        y, mo = _shift_month(anchor.year, anchor.month, k)
        c = _day(y, mo, d)
        if c:
            cands.append(c)
    if not cands:
        return None
    if tense == "past":
        behind = [c for c in cands if c <= anchor]
        if behind:
            return behind[-1]
    if tense == "future":
        ahead = [c for c in cands if c >= anchor]
        if ahead:
            return ahead[0]
    near = [c for c in cands if abs((c - anchor).days) <= 20]
    pool = near or cands
    return min(pool, key=lambda c: (abs((c - anchor).days), c > anchor))


def _week(anchor: date, shift: int) -> tuple[str, str, str]:
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=shift)
    return monday.isoformat(), "range", (monday + timedelta(days=6)).isoformat()


_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 14)}


def _season_year(season: str, anchor: date, tense: str | None) -> int:
    first, last = _SEASON_MONTHS[season]
    if tense == "future" and last < anchor.month:
        return anchor.year + 1
    if tense == "past" and first > anchor.month:
        return anchor.year - 1
    return anchor.year


def date_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of every time expression (resolvable or not): numbers inside them are
    dates, never figures."""
    return [(m.start, m.end) for s, e in spans for m in _find(text, s, e)]
