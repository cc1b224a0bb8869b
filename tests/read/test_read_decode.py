"""Bytes to NFC text: Unicode forms, legacy Vietnamese encodings, and refusals."""

from __future__ import annotations

import unicodedata

import pytest
from legacy_encodings import encode_cp1258, encode_tcvn3
from read_helpers import FIXTURES

from newsdesk.errors import ReadError
from newsdesk.read.decode import decode

TEXT = unicodedata.normalize("NFC", (FIXTURES / "encoded_source.txt").read_text("utf-8"))


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        encode_cp1258(TEXT),
        encode_tcvn3(TEXT),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf32", "cp1258", "tcvn3"],
)
def test_every_encoding_gives_the_same_nfc_text(data: bytes) -> None:
    assert decode(data, "x.txt") == TEXT


def test_legacy_bytes_really_differ_from_utf8() -> None:
    assert encode_cp1258(TEXT) != TEXT.encode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        encode_cp1258(TEXT).decode("utf-8")


def test_decomposed_input_is_normalized_and_line_ends_unified() -> None:
    nfd = unicodedata.normalize("NFD", "Hà Nội\r\nđổi mới\rxong")
    assert decode(nfd.encode("utf-8"), "x") == "Hà Nội\nđổi mới\nxong"


def test_control_characters_are_dropped() -> None:
    assert (
        decode("Tin\x07 nhanh về thời tiết hôm nay".encode(), "x")
        == "Tin nhanh về thời tiết hôm nay"
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty document"),
        (b"  \n\t\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00rest", "binary file (a PNG image), not a text document"),
        (b"%PDF-1.7\n...", "binary file (a PDF document), not a text document"),
        (
            b"PK\x03\x04zipdata",
            "binary file (a ZIP archive (or an Office document)), not a text document",
        ),
        (b"abc\x00def\x00ghi\x00", "binary file (contains NUL bytes), not a text document"),
        ("Tin nóng từ Mỹ".encode()[:-1], "truncated: ends inside a UTF-8 character"),
        (
            b"\xff\xfe" + "Tin".encode("utf-16-le") + b"\x00",
            "truncated: ends inside a utf-16-le character",
        ),
    ],
    ids=["empty", "whitespace", "png", "pdf", "zip", "nul", "truncated-utf8", "truncated-utf16"],
)
def test_refusals_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as info:
        decode(data, "doc.txt")
    assert info.value.item == "doc.txt"
    assert info.value.stage == "read"
    assert info.value.reason == reason


def test_control_character_soup_is_corrupt() -> None:
    with pytest.raises(ReadError, match="binary or corrupt"):
        decode(bytes(range(1, 32)) * 20, "noise.bin")
