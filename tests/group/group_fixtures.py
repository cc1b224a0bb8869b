"""Fixture articles of the group area (written by the team, tests/fixtures/group/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.model import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "group"


def fixture_articles() -> list[tuple[Article, str]]:
    rows = json.loads((FIXTURES / "articles.json").read_text(encoding="utf-8"))
    return [
        (
            Article(
                id=r["id"],
                source=f"fixtures/{r['id']}.txt",
                shape="plain_text",
                body=r["body"],
                language="vi",
                title=r["title"],
                published=r["published"],
                outlet=r["outlet"],
            ),
            r["story"],
        )
        for r in rows
    ]


@pytest.fixture
def labelled() -> list[tuple[Article, str]]:
    return fixture_articles()
