"""Finding time expressions: the compiled patterns (word lists in ``lexicon/time.toml``) and
the checks that keep numbers which are not dates out (see ``dates.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsdesk.understand.lexicon import toml


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
            r"(?:\s+(?P<rel>tuần\s+(?:trước|này|tới|sau))"
            r"|\s+(?P<tail>tới|sắp\s+tới|vừa\s+qua|qua|này)(?!\w))?"
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
