"""Bytes to NFC text: UTF-8 (with or without BOM), UTF-16/32, and legacy Vietnamese encodings.

The order of the checks:

    1. nothing but whitespace                       -> ReadError "empty"
    2. a byte-order mark (UTF-8, UTF-16, UTF-32)    -> that encoding
    3. UTF-16 without a BOM (NULs every other byte) -> UTF-16 LE/BE
    4. a known binary signature or NUL bytes        -> ReadError "binary"
    5. strict UTF-8; cut inside a character at the end -> ReadError "truncated"
    6. legacy: Windows-1258, TCVN3 (ABC) and charset-normalizer's best guess are tried, and the
       reading with the most Vietnamese letters and the fewest stray symbols wins
    7. too many control characters                  -> ReadError "binary or corrupt"

The result has ``\\n`` line ends, no control characters, and is NFC-normalized.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

from charset_normalizer import from_bytes

from newsdesk.errors import ReadError

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"),
)

_VIET = set(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# TCVN 5712:1993 (VN3, the "ABC" font encoding): the bytes 0xA1-0xFE that differ from ASCII.
# Only lower-case accented letters exist in this table (upper case needed a second font).
_TCVN3_LETTERS = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
    0xB5: "à",
    0xB6: "ả",
    0xB7: "ã",
    0xB8: "á",
    0xB9: "ạ",
    0xBB: "ằ",
    0xBC: "ẳ",
    0xBD: "ẵ",
    0xBE: "ắ",
    0xC6: "ặ",
    0xC7: "ầ",
    0xC8: "ẩ",
    0xC9: "ẫ",
    0xCA: "ấ",
    0xCB: "ậ",
    0xCC: "è",
    0xCE: "ẻ",
    0xCF: "ẽ",
    0xD0: "é",
    0xD1: "ẹ",
    0xD2: "ề",
    0xD3: "ể",
    0xD4: "ễ",
    0xD5: "ế",
    0xD6: "ệ",
    0xD7: "ì",
    0xD8: "ỉ",
    0xDC: "ĩ",
    0xDD: "í",
    0xDE: "ị",
    0xDF: "ò",
    0xE1: "ỏ",
    0xE2: "õ",
    0xE3: "ó",
    0xE4: "ọ",
    0xE5: "ồ",
    0xE6: "ổ",
    0xE7: "ỗ",
    0xE8: "ố",
    0xE9: "ộ",
    0xEA: "ờ",
    0xEB: "ở",
    0xEC: "ỡ",
    0xED: "ớ",
    0xEE: "ợ",
    0xEF: "ù",
    0xF1: "ủ",
    0xF2: "ũ",
    0xF3: "ú",
    0xF4: "ụ",
    0xF5: "ừ",
    0xF6: "ử",
    0xF7: "ữ",
    0xF8: "ứ",
    0xF9: "ự",
    0xFA: "ỳ",
    0xFB: "ỷ",
    0xFC: "ỹ",
    0xFD: "ý",
    0xFE: "ỵ",
}
_TCVN3_DECODE = {i: chr(i) for i in range(0x80)} | {
    i: _TCVN3_LETTERS.get(i, "\ufffd") for i in range(0x80, 0x100)
}
TCVN3_ENCODE = {v: k for k, v in _TCVN3_LETTERS.items()}


def decode_tcvn3(data: bytes) -> str:
    """Decode TCVN3 (ABC) bytes; bytes with no letter in the table become U+FFFD."""
    return "".join(_TCVN3_DECODE[b] for b in data)


def decode(data: bytes, source: str) -> str:
    """``data`` as NFC text, or ReadError naming ``source`` and why it cannot be read."""
    if not data.strip():
        raise ReadError(source, "empty document" if not data else "only whitespace")
    text = _unicode_with_marks(data, source)
    if text is None:
        _refuse_binary(data, source)
        text = _utf8_or_legacy(data, source)
    return _tidy(text, source)


def decode_with(data: bytes, encoding: str, source: str) -> str:
    """Decode with a declared encoding (e.g. an HTML ``<meta charset>``), then tidy."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise ReadError(source, f"undecodable as declared {encoding}: {e}") from e
    return _tidy(text, source)


def _unicode_with_marks(data: bytes, source: str) -> str | None:
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, source)
    sample = data[:4096]
    if len(sample) >= 4:
        even = sample[0::2].count(0) / max(1, len(sample[0::2]))
        odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
        encoding = None
        if odd > 0.3 and even < 0.05:
            encoding = "utf-16-le"
        elif even > 0.3 and odd < 0.05:
            encoding = "utf-16-be"
        if encoding and _looks_like_text(
            sample[: len(sample) // 2 * 2].decode(encoding, "replace")
        ):
            return _strict(data, encoding, source)
    return None


def _looks_like_text(text: str) -> bool:
    """Mostly Latin letters (Vietnamese included), digits, spaces and punctuation."""
    plain = sum(
        1 for c in text if c < "\u2000" or "\u1e00" <= c <= "\u1eff" or c in "\u201c\u201d\u2019"
    )
    return plain >= 0.9 * max(1, len(text))


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        if e.reason in ("truncated data", "unexpected end of data"):
            raise ReadError(source, f"truncated: ends inside a {encoding} character") from e
        raise ReadError(source, f"undecodable {encoding} at byte {e.start}: {e.reason}") from e


def _refuse_binary(data: bytes, source: str) -> None:
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ReadError(source, f"binary file ({what}), not a text document")
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        raise ReadError(source, "binary file (a RIFF image or media file), not a text document")
    if b"\x00" in data:
        raise ReadError(source, "binary file (contains NUL bytes), not a text document")


def _utf8_or_legacy(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.end >= len(data) and e.reason == "unexpected end of data":
            raise ReadError(source, "truncated: ends inside a UTF-8 character") from e
        utf8_error = e
    best: tuple[float, str] | None = None
    for candidate in _legacy_candidates(data):
        score = _vietnamese_score(candidate)
        if best is None or score > best[0]:
            best = (score, candidate)
    if best is None or best[0] < 0:
        raise ReadError(
            source,
            f"undecodable: not UTF-8 (bad byte at {utf8_error.start}) and no known encoding fits",
        ) from utf8_error
    return best[1]


def _legacy_candidates(data: bytes) -> list[str]:
    found: list[str] = []
    with contextlib.suppress(UnicodeDecodeError):
        found.append(data.decode("cp1258"))
    if any(b in _TCVN3_LETTERS for b in data):
        tcvn = decode_tcvn3(data)
        if "\ufffd" not in tcvn:
            found.append(tcvn)
    guess = from_bytes(data).best()
    if guess is not None and guess.encoding:
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            found.append(data.decode(guess.encoding))
    return found


def _vietnamese_score(text: str) -> float:
    """Vietnamese letters found minus stray symbols, per character (higher is better)."""
    text = unicodedata.normalize("NFC", text)
    viet = sum(1 for c in text if c in _VIET)
    stray = sum(
        1
        for c in text
        if ("\x80" <= c <= "\xbf" and c not in "\xa0«»°")
        or unicodedata.combining(c)
        or c == "\ufffd"
    )
    stray += len(_CONTROL.findall(text))
    return (viet - 3 * stray) / max(1, len(text))


def _tidy(text: str, source: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if _CONTROL.search(text):
        controls = len(_CONTROL.findall(text))
        if controls > max(2, len(text) // 100):
            raise ReadError(source, f"binary or corrupt: {controls} control characters in the text")
        text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ReadError(source, "empty document (no text after decoding)")
    return text
