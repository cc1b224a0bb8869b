"""The read area's commands: ingest, articles, show, rejects, export articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from read_helpers import FIXTURES
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.model import Entity, Mention, Understanding
from newsdesk.store import Store


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("dated_headline.txt", "dated_lead.txt", "story.md", "feed.rss"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def _run(runner: CliRunner, db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args])


def test_ingest_twice_then_list_and_show(runner: CliRunner, docs: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    first = _run(runner, db, "ingest", str(docs))
    assert first.exit_code == 0, first.output
    assert "ingest: 5 new, 0 revised, 0 unchanged, 0 rejected" in first.output
    second = _run(runner, db, "ingest", str(docs))
    assert second.exit_code == 0
    assert "ingest: 0 new, 0 revised, 5 unchanged, 0 rejected" in second.output
    listing = _run(runner, db, "articles")
    assert listing.exit_code == 0
    assert "5 articles" in listing.output
    assert "(generated)" in listing.output  # dated_lead.txt has no headline
    store = Store(db)
    article = next(a for a in store.iter_articles() if a.shape == "markdown_frontmatter")
    store.close()
    shown = _run(runner, db, "show", article.id[:6])
    assert shown.exit_code == 0
    assert "Hàn Quốc và Việt Nam mở rộng hợp tác bán dẫn" in shown.output
    assert "## Đào tạo nhân lực là điều kiện then chốt" in shown.output
    assert _run(runner, db, "show", "zzzz").exit_code == 1


def test_rejections_exit_1_and_are_listed(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    result = _run(
        runner,
        db,
        "ingest",
        str(FIXTURES / "empty.txt"),
        str(FIXTURES / "dated_lead.txt"),
        str(tmp_path / "nowhere.txt"),
    )
    assert result.exit_code == 1
    assert f"rejected: {FIXTURES / 'empty.txt'}: empty document" in result.output.replace(
        "\n", ""
    ) or ("empty.txt: empty document" in result.output)
    assert "nowhere.txt: no such file or directory" in result.output
    assert "ingest: 1 new, 0 revised, 0 unchanged, 2 rejected" in result.output
    listed = _run(runner, db, "rejects")
    assert listed.exit_code == 0 and "2 rejects" in listed.output


def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    assert (
        _run(runner, db, "ingest", "--shape", "docx", str(FIXTURES / "dated_lead.txt")).exit_code
        == 2
    )
    assert _run(runner, db, "ingest").exit_code == 2
    assert _run(runner, db, "export", "articles", "--format", "xml").exit_code == 2


def test_export_articles_with_understanding(
    runner: CliRunner, docs: Path, tmp_path: Path, monkeypatch
) -> None:
    db = tmp_path / "cli.db"
    assert _run(runner, db, "ingest", str(docs)).exit_code == 0
    store = Store(db)
    lead = next(a for a in store.iter_articles() if a.source.endswith("dated_lead.txt"))
    store.close()

    def fake(self, article_id):
        if article_id != lead.id:
            return None
        return Understanding(
            article_id=article_id,
            language="vi",
            paragraph_languages=["vi", "vi"],
            people=[Entity(name="Kyodo", kind="organization", mentions=[Mention("Kyodo", 0)])],
        )

    monkeypatch.setattr(Store, "get_understanding", fake)
    out = tmp_path / "articles.jsonl"
    result = _run(runner, db, "export", "articles", "--out", str(out))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == 5
    expected = [
        "id",
        "source",
        "shape",
        "language",
        "title",
        "generated_title",
        "published",
        "outlet",
        "authors",
        "dateline",
        "credited_agencies",
        "images",
        "related",
        "sections",
        "body",
        "frontmatter",
    ]
    plain = next(r for r in records if r["id"] != lead.id)
    assert list(plain) == expected
    rich = next(r for r in records if r["id"] == lead.id)
    assert list(rich) == expected + [
        "paragraph_languages",
        "people",
        "organizations",
        "places",
        "dates",
        "figures",
        "quotes",
    ]
    assert rich["paragraph_languages"] == ["vi", "vi"]
    assert rich["people"][0]["name"] == "Kyodo"
    as_json = _run(runner, db, "export", "articles", "--format", "json")
    assert as_json.exit_code == 0
    assert len(json.loads(as_json.output)) == 5


def test_ingest_from_standard_input(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    data = (FIXTURES / "dated_headline.txt").read_bytes()
    result = runner.invoke(app, ["--db", str(db), "ingest", "-"], input=data)
    assert result.exit_code == 0, result.output
    assert "ingest: 1 new, 0 revised, 0 unchanged, 0 rejected" in result.output
    empty = runner.invoke(app, ["--db", str(db), "ingest", "-"], input=b"")
    assert empty.exit_code == 1
    assert "rejected: -: empty document" in empty.output


def test_show_json_and_all_revisions(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    path = tmp_path / "tin.txt"
    text = (FIXTURES / "dated_lead.txt").read_text("utf-8")
    path.write_text(text, encoding="utf-8")
    assert _run(runner, db, "ingest", str(path)).exit_code == 0
    path.write_text(text.replace("30%", "35%"), encoding="utf-8")
    revised = _run(runner, db, "ingest", str(path))
    assert "ingest: 0 new, 1 revised, 0 unchanged, 0 rejected" in revised.output
    assert "1 articles" in _run(runner, db, "articles").output
    listing = _run(runner, db, "articles", "--all").output
    assert "2 articles" in listing and "(old revision)" in listing
    store = Store(db)
    (current,) = store.iter_articles()
    store.close()
    shown = _run(runner, db, "show", current.id, "--json")
    record = json.loads(shown.output)
    assert record["id"] == current.id and "35%" in record["body"]
    assert record["generated_title"].startswith("Hãng tin Kyodo")


def test_interrupted_ingest_says_how_to_finish(
    runner: CliRunner, tmp_path: Path, monkeypatch
) -> None:
    from newsdesk.cli import articles as cli_articles

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_articles, "ingest_paths", interrupted)
    result = _run(runner, tmp_path / "cli.db", "ingest", str(FIXTURES / "dated_lead.txt"))
    assert result.exit_code == 130
    assert "run the same command again to finish" in result.output
