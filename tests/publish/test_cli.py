"""`newsdesk publish`, `newsdesk publish --explain`, `newsdesk site` over a store."""

from __future__ import annotations

from typer.testing import CliRunner

from newsdesk.cli import app

SLUG = "viet-nam-va-australia-ky-thoa-thuan-nang-cap-thuong-mai-ca-phe-duoc-giam-thue"


def test_publish_explain_and_site(trade_store, tmp_path):
    runner = CliRunner()
    db = str(trade_store.path)
    out = tmp_path / "out"
    first = runner.invoke(app, ["--db", db, "publish", "--out", str(out), "--explain"])
    assert first.exit_code == 0, first.output
    assert "use_min_chars=600" in first.output
    assert f"use  {SLUG}: 3 Vietnamese article(s)" in first.output
    assert "publish: 1 done, 0 unchanged" in first.output
    assert (out / "posts" / f"{SLUG}.md").is_file()
    again = runner.invoke(app, ["--db", db, "publish", "--out", str(out)])
    assert again.exit_code == 0 and "publish: 0 done, 1 unchanged" in again.output
    site = runner.invoke(app, ["--db", db, "site", "--out", str(out / "site")])
    assert site.exit_code == 0, site.output
    assert (out / "site" / "index.html").is_file()


def test_an_unknown_layout_is_a_usage_error(trade_store, tmp_path):
    result = CliRunner().invoke(
        app, ["--db", str(trade_store.path), "publish", "--out", str(tmp_path), "--layout", "hugo"]
    )
    assert result.exit_code == 2
