"""``newsdesk run``: the whole chain from the command line, and its exit status."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app

ARTICLE = """ date 2026-11-02 Cầu Rồng Xanh hợp long sau hai năm thi công

Sáng 2/11, Ban Quản lý dự án giao thông Đà Nẵng tổ chức lễ hợp long cầu Rồng Xanh bắc qua sông Hàn.
Cây cầu dài 720 m, tổng mức đầu tư 1.250 tỷ đồng, dự kiến thông xe vào tháng 3 năm tới.

Ông Trần Minh Quân, Giám đốc Ban Quản lý, cho biết nhà thầu đã vượt tiến độ 45 ngày nhờ thi công ba ca.
“Chúng tôi sẽ hoàn thiện mặt cầu và hệ thống chiếu sáng trước Tết”, ông Quân nói./.
"""


def test_run_builds_stories_posts_and_a_site_then_changes_nothing(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "cau.txt").write_text(ARTICLE, encoding="utf-8")
    db, out = tmp_path / "n.db", tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(app, ["--db", str(db), "run", str(inbox), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "newsdesk run" in first.output
    posts = list((out / "posts").glob("*.md"))
    assert [p.name for p in posts] == ["cau-rong-xanh-hop-long-sau-hai-nam-thi-cong.md"]
    assert (out / "site" / "index.html").is_file()
    before = {p: (p.read_text("utf-8"), p.stat().st_mtime_ns) for p in posts}
    again = runner.invoke(app, ["--db", str(db), "run", str(inbox), "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert {p: (p.read_text("utf-8"), p.stat().st_mtime_ns) for p in posts} == before


def test_run_says_what_it_rejected_and_exits_1(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "cau.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "n.db"), "run", str(inbox), "--no-publish"]
    )
    assert result.exit_code == 1
    assert "rejected: " in result.output and "empty.txt" in result.output
