"""Fixtures for the read area: the folder of hand-written documents and a reader shortcut."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.config import Settings
from newsdesk.model import Article
from newsdesk.read import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings({"db": str(tmp_path / "t.db")})


def read_fixture(name: str, **kwargs) -> list[Article]:
    return read_document((FIXTURES / name).read_bytes(), name, **kwargs)


def read_one(name: str, **kwargs) -> Article:
    articles = read_fixture(name, **kwargs)
    assert len(articles) == 1, articles
    return articles[0]
