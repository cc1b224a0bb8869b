"""Random bytes and random text into every reader: articles or clean ReadErrors, never a crash."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import ReadError
from newsdesk.model import SHAPES
from newsdesk.read import read_document
from newsdesk.read.ids import article_id

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
shapes = st.sampled_from((None, *SHAPES))
vietnamese = st.text(
    alphabet=st.sampled_from(
        list(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
        )
        + list("ABCĐHKLMNTV0123456789 .,:;!?\"'()[]|#*-/\n\n<>{}=&")
    ),
    max_size=600,
)
prefixes = st.sampled_from(
    [
        "",
        " date 2025-01-02 ",
        "---\ntitle: x\n---\n",
        "<html><body><p>",
        '{"text": "',
        "<?xml version='1.0'?><rss><channel><item><description>",
        "![]() |\n| ",
        "# Tiêu đề\n\n",
    ]
)


def _check(articles, data_len: int) -> None:
    for a in articles:
        assert a.body.strip()
        assert unicodedata.is_normalized("NFC", a.body)
        assert len(a.id) == 16
        assert a.generated_title is None or len(a.generated_title) <= 120
        assert a.title or a.generated_title


@FAST
@given(data=st.binary(max_size=2000), shape=shapes)
def test_random_bytes(data: bytes, shape: str | None) -> None:
    try:
        articles = read_document(data, "random.bin", shape=shape, on_reject=lambda e: None)
    except ReadError as e:
        assert e.reason and e.stage == "read"
        return
    _check(articles, len(data))


@FAST
@given(prefix=prefixes, text=vietnamese, shape=shapes)
def test_random_text(prefix: str, text: str, shape: str | None) -> None:
    data = (prefix + text).encode("utf-8")
    rejects: list[ReadError] = []
    try:
        articles = read_document(data, "random.txt", shape=shape, on_reject=rejects.append)
    except ReadError as e:
        assert e.reason and e.stage == "read"
        return
    _check(articles, len(data))
    assert all(isinstance(r, ReadError) and r.reason for r in rejects)


@FAST
@given(text=vietnamese, encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_reading_is_deterministic(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    try:
        first = read_document(data, "x.txt")
    except ReadError:
        with pytest.raises(ReadError):
            read_document(data, "x.txt")
        return
    assert [a.as_dict() for a in first] == [a.as_dict() for a in read_document(data, "x.txt")]


@FAST
@given(body=st.text(max_size=300), title=st.none() | st.text(max_size=50))
def test_ids_ignore_whitespace_and_normalization(body: str, title: str | None) -> None:
    spaced = "  " + body.replace(" ", "  \n") + "\t"
    assert article_id(body, title=title) == article_id(
        unicodedata.normalize("NFD", spaced), title=title
    )
