"""Encode Vietnamese text in the legacy encodings the reader must understand (for tests)."""

from __future__ import annotations

import unicodedata

from newsdesk.read.decode import TCVN3_ENCODE

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_cp1258(text: str) -> bytes:
    """Windows-1258: base letters precomposed (â, ê, ô, ơ, ư, ă, đ), tone marks combining."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


def encode_tcvn3(text: str) -> bytes:
    """TCVN3 (ABC): one byte per lower-case Vietnamese letter; upper case only for the bases."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if ord(char) < 0x80:
            out.append(ord(char))
        elif char in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[char])
        elif char.lower() in TCVN3_ENCODE:  # upper-case accented letters: the font had none
            out.append(TCVN3_ENCODE[char.lower()])
        else:
            raise ValueError(f"{char!r} has no TCVN3 byte")
    return bytes(out)
