"""Resolving a found time expression against the anchor date: the calendar arithmetic, the
tense of a clause, the nearest sensible month or year (see ``dates.py``).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from newsdesk.understand.date_patterns import (
    _Match,
    _words,
)

UNKNOWN_YEAR = "XXXX"  # the year of a day-month date in an article with no date


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
            if anchor is None:  # kept without its year: the story may date it later
                return (
                    (f"{UNKNOWN_YEAR}-{mo:02d}-{d:02d}", "day", None) if _day(2000, mo, d) else None
                )
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
        tail = " ".join((g.get("tail") or "").casefold().split())
        if tail == "này":  # "Chủ nhật này": the one of the anchor's week
            monday = anchor - timedelta(days=anchor.weekday())
            return (monday + timedelta(days=wd)).isoformat(), "day", None
        if tail in ("tới", "sắp tới"):  # "thứ Hai tới": the next one, never the anchor itself
            return (
                (ahead if ahead > anchor else ahead + timedelta(weeks=1)).isoformat(),
                "day",
                None,
            )
        if _after_word(text, m.start, w["weekday_past_words"]):  # "hôm Chủ nhật"
            return back.isoformat(), "day", None
        tense = _tense(text, m, span)
        # news reports what happened: without a future marker it is the last such weekday
        return (ahead if tense == "future" else back).isoformat(), "day", None
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


def _after_word(text: str, pos: int, words: list[str]) -> bool:
    """Whether one of ``words`` stands right before ``pos`` ("hôm Chủ nhật")."""
    head = text[max(0, pos - 16) : pos].rstrip().casefold()
    return any(re.search(rf"(?<!\w){re.escape(word)}$", head) for word in words)


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
