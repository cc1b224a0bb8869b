"""Photo captions and their credits: "… Ảnh: Jiji Press", "… (Nguồn: AFP)", "Photographer: …"."""

from __future__ import annotations

import re

from newsdesk.read import lexicon

_MARKERS = "|".join(re.escape(m) for m in sorted(lexicon.CAPTION_MARKERS, key=len, reverse=True))
_CAPTION = re.compile(
    r"^(?P<caption>.*?\S)\s*(?:[-–—]\s*)?\(?\s*(?:" + _MARKERS + r")\s*:\s*"
    r"(?P<credit>[^():]{1,60}?)\s*\)?\s*\.?$",
    re.IGNORECASE,
)
_ILLUSTRATION = re.compile(
    r"^(?P<caption>.*?\S)\s*[-–(]?\s*Ảnh minh họa\s*\)?\s*\.?$", re.IGNORECASE
)
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:" + "|".join(re.escape(m) for m in lexicon.PHOTO_CREDIT_LINES) + r")\s*:\s*"
    r"(?P<credit>[^():]{2,80}?)\s*\)?\.?$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?P<caption>[^.!?]{10,250}?)\s+[-–]\s+(?:" + _MARKERS + r")\s*:\s*"
    r"(?P<credit>(?:[A-ZĐ][\w&.-]*)(?:\s+(?:Press|News|Images|Agency|Shimbun))?)\s+(?=[A-ZĐÀ-Ỹ\"“])"
)


def normalize_credit(credit: str) -> str:
    """A credit in its usual written form ("Jiji press" -> "Jiji Press")."""
    cleaned = credit.strip().strip(".,;").strip()
    return lexicon.CREDIT_FORMS.get(cleaned.casefold(), cleaned)


def parse_caption(paragraph: str) -> tuple[str, str | None] | None:
    """(caption, credit) when ``paragraph`` is a caption line ending in a photo credit."""
    if len(paragraph) > lexicon.CAPTION_MAX:
        return None
    m = _CAPTION.match(paragraph)
    if m:
        credit = m.group("credit").strip()
        caption = m.group("caption").strip()
        if len(credit.split()) <= 6 and len(caption) >= 8 and not caption.endswith(":"):
            return caption, normalize_credit(credit)
    m = _ILLUSTRATION.match(paragraph)
    if m and len(m.group("caption")) >= 8:
        return m.group("caption").strip(), None
    return None


def parse_credit_line(paragraph: str) -> str | None:
    """The credit when the paragraph is only a credit ("Photographer: Name/Getty Images")."""
    if len(paragraph) > 100:
        return None
    m = _CREDIT_LINE.match(paragraph)
    return normalize_credit(m.group("credit")) if m else None


def leading_caption(paragraph: str) -> tuple[str, str, str] | None:
    """A caption glued to the start of a one-line body ("Người dân ... - Ảnh: AFP Theo hãng ...").
    Returns (caption, credit, rest of the paragraph)."""
    m = _LEADING.match(paragraph)
    if not m:
        return None
    return m.group("caption").strip(), normalize_credit(m.group("credit")), paragraph[m.end() :]
