"""Which encoding a fetched page is in: byte-order mark, then the HTTP header, then the
page's own ``<meta charset>`` / ``<?xml encoding?>``, then the readers' own detection.

A declaration is believed only when the bytes decode strictly with it, so a server that says
``charset=utf-8`` in front of a Shift_JIS page (a common misconfiguration) does not win over the
page's own ``<meta charset="Shift_JIS">``. When header and page disagree and both decode, the
reading with more plausible characters for a Vietnamese or Japanese page wins (``plausibility``);
a tie goes to the header, as the HTML standard says. ``ISO-8859-1`` (or ASCII) in a header is the old HTTP
default rather than a statement, so it is ignored: the page's declaration or the detection of
``newsdesk.read.decode`` (UTF-8, legacy Vietnamese encodings, charset-normalizer) decides.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from newsdesk.read.decode import decode, decode_with

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.IGNORECASE)
_WEAK = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1"}
_LATIN_VI = set("àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ")
# names pages use that Python spells differently
_ALIASES = {
    "x-sjis": "shift_jis",
    "shift-jis": "shift_jis",
    "sjis": "shift_jis",
    "windows-31j": "cp932",
    "x-euc-jp": "euc_jp",
    "windows-1258": "cp1258",
    "x-viet-vps": "cp1258",
}


def declared_in_page(data: bytes) -> str | None:
    """The encoding the first 4 KB of the page declare (meta charset or XML declaration)."""
    head = data[:4096]
    for pattern in (_META, _XML):
        match = pattern.search(head)
        if match:
            return match.group(1).decode("ascii", "replace").lower()
    return None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = _ALIASES.get(name.lower(), name.lower())
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    # Shift_JIS pages are nearly always written with Microsoft's superset
    return "cp932" if name in ("shift_jis", "shift-jis", "sjis") else name


def page_text(data: bytes, header_charset: str | None, source: str) -> tuple[str, str]:
    """(text, encoding used): the page decoded as the module docstring says; ReadError when
    nothing fits."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return decode(data, source), name
    header = _codec(header_charset)
    page = _codec(declared_in_page(data))
    order: list[str] = []
    if header and (header_charset or "").lower() not in _WEAK:
        order.append(header)
    if page and page not in order:
        order.append(page)
    readings: list[tuple[float, int, str, str]] = []
    for rank, name in enumerate(order):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        readings.append((plausibility(text), -rank, name, text))
    if readings:
        _, _, name, _ = max(readings)
        return decode_with(data, name, source), name
    return decode(data, source), "detected"


def _plausible(c: str) -> bool:
    code = ord(c)
    return (
        0x3000 <= code <= 0x30FF  # CJK punctuation, hiragana, katakana
        or 0x4E00 <= code <= 0x9FFF  # CJK ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x1E00 <= code <= 0x1EFF  # Vietnamese letters with two marks
        or 0x2000 <= code <= 0x206F  # punctuation: dashes, quotes, ellipsis
        or c in _LATIN_VI
        or c in "\xa0«»°©®±×÷€"
    )


def plausibility(text: str) -> float:
    """The share of non-ASCII characters that are letters or marks a Vietnamese or Japanese
    page would use (1.0 for pure ASCII). A wrong decoding scores low: EUC-JP bytes read as
    UTF-8 give rare Latin letters, UTF-8 read as Shift_JIS gives half-width katakana."""
    foreign = [c for c in unicodedata.normalize("NFC", text) if ord(c) > 0x7F]
    if not foreign:
        return 1.0
    return sum(1 for c in foreign if _plausible(c)) / len(foreign)
