"""Is this line a headline, and is this line a publication date? Shared by the text readers."""

from __future__ import annotations

import re

from newsdesk.read import lexicon
from newsdesk.read.dates import iso_datetime

_SENTENCE_INSIDE = re.compile(r"[.!?…][\"”’)]?\s+[A-ZĐÀ-Ỹ]|。.")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CREDIT_END = re.compile(
    r"(?:\(|\s|^)(?:" + "|".join(re.escape(m) for m in lexicon.CAPTION_MARKERS) + r")\s*:\s*\S",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:thứ\s+\S+|chủ\s+nhật|ngày|cập nhật|đăng|published|updated)\s*[,:]?\s*)*"
    r"(\d{1,2}/\d{1,2}/\d{4}(?:\s*[,-]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)"
    r"\s*(?:\(?\s*GMT\s*[+-]\s*\d+\s*\)?)?\s*$",
    re.IGNORECASE,
)


def looks_like_headline(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > lexicon.HEADLINE_MAX:
        return False
    words = len(text.split())
    if _CJK.search(text):  # no spaces between words: count two characters as a word
        words = max(words, len(text) // 2)
    if words < lexicon.HEADLINE_MIN_WORDS:
        return False
    if text[-1] in ".,;:。、" or text.endswith(("./.", "...", "…")):
        return False
    if text[-1] in "?!" and len(text) > 150:
        return False
    if text.startswith(("|", "!", "[", "(", "-", "*", ">", "#")):
        return False
    if _SENTENCE_INSIDE.search(text):
        return False
    return not _CREDIT_END.search(text[-60:])


_JA_DATE_LINE = re.compile(
    r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*[（(][^）)]{1,3}[）)])?"
    r"(?:\s*(\d{1,2})[時:](\d{2})分?)?\s*$"
)


def date_line(line: str) -> str | None:
    """The ISO date when ``line`` is nothing but a publication date ("Thứ bảy, 6/12/2025, 08:30",
    "2026年11月10日19時42分")."""
    if len(line) > 80:
        return None
    ja = _JA_DATE_LINE.match(line)
    if ja:
        y, mo, d, h, mi = ja.groups()
        stamp = f"{y}-{int(mo):02d}-{int(d):02d}" + (f" {h}:{mi}" if h else "")
        return iso_datetime(stamp)
    m = _DATE_LINE.match(line)
    if not m:
        return None
    value = re.sub(r"\s*[,-]?\s*(\d{1,2})[:h](\d{2})", r" \1:\2", m.group(1).strip())
    return iso_datetime(value)
