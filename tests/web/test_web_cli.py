"""``newsdesk serve`` and ``newsdesk reindex`` (uvicorn itself is not started here)."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app


def test_serve_updates_the_index_and_says_where(
    monkeypatch, web_store_path: Path, tmp_path: Path
) -> None:
    import uvicorn

    db = tmp_path / "copy.db"
    shutil.copy(web_store_path, db)
    seen = {}
    monkeypatch.setattr(
        uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw)
    )
    result = CliRunner().invoke(
        app, ["--db", str(db), "serve", "--host", "127.0.0.1", "--port", "8123"]
    )
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123" in result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert seen["app"].title == "newsdesk"


def test_reindex(web_store_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(web_store_path, db)
    result = CliRunner().invoke(app, ["--db", str(db), "reindex"])
    assert result.exit_code == 0, result.output
    assert "search index rebuilt: 5 article(s), 2 story(ies)" in result.output


def test_serve_rejects_a_bad_port(web_store_path: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(web_store_path), "serve", "--port", "70000"])
    assert result.exit_code == 2
