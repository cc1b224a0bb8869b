"""Helpers for the read tests: where the hand-written fixtures are, and reader shortcuts."""

from __future__ import annotations

from pathlib import Path

from newsdesk.model import Article
from newsdesk.read import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read"


def read_fixture(name: str, **kwargs) -> list[Article]:
    return read_document((FIXTURES / name).read_bytes(), name, **kwargs)


def read_one(name: str, **kwargs) -> Article:
    articles = read_fixture(name, **kwargs)
    assert len(articles) == 1, articles
    return articles[0]
