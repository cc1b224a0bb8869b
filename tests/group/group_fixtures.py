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


def write_jsonl(path: Path) -> Path:
    """The fixture stories as an ``eval grouping --format jsonl`` dataset."""
    path.write_text(
        "".join(
            json.dumps(
                {
                    "id": a.id,
                    "title": a.title,
                    "text": a.body,
                    "published": a.published,
                    "cluster": s,
                },
                ensure_ascii=False,
            )
            + "\n"
            for a, s in fixture_articles()
        ),
        encoding="utf-8",
    )
    return path
