"""``newsdesk translate``, ``translations``, ``providers usage`` and ``providers check``, configured
through NEWSDESK_* environment variables against the local server."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakechat import Reply, japanese_article
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.store import Store


@pytest.fixture
def env(fake_chat, monkeypatch) -> dict[str, str]:
    values = {
        "NEWSDESK_PROVIDER_BASE_URL": fake_chat.url,
        "NEWSDESK_PROVIDER_MODEL": "fake-model",
        "NEWSDESK_PROVIDER_KEY_ENV": "FAKE_KEY_ONE,FAKE_KEY_TWO",
        "NEWSDESK_PROVIDER_BACKOFF": "0.001",
        "FAKE_KEY_ONE": "sk-one-very-secret",
        "FAKE_KEY_TWO": "sk-two-very-secret",
    }
    monkeypatch.delenv("NEWSDESK_CONFIG", raising=False)
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


def _db(tmp_path: Path, n: int = 2) -> str:
    path = tmp_path / "cli.db"
    store = Store(path)
    for i in range(n):
        store.put_article(japanese_article(id=f"jd0000000000000{i}", source=f"cli/{i}.md"))
    store.close()
    return str(path)


def test_translate_with_limit_then_usage(tmp_path, env, fake_chat) -> None:
    db = _db(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db, "translate", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "translate: 1 done" in result.output and "1 awaiting translation" in result.output
    listing = runner.invoke(app, ["--db", db, "translations"])
    assert "translated" in listing.output and "awaiting" in listing.output
    usage = runner.invoke(app, ["--db", db, "providers", "usage"])
    assert usage.exit_code == 0
    assert "fake-model" in usage.output and "ok" in usage.output
    assert "cache:" in usage.output
    assert "secret" not in result.output + listing.output + usage.output
    assert fake_chat.requests[0]["authorization"] == "Bearer sk-one-very-secret"


def test_translate_without_a_provider_says_so_and_keeps_the_queue(tmp_path, monkeypatch) -> None:
    for key in ("NEWSDESK_PROVIDER_BASE_URL", "NEWSDESK_PROVIDER_MODEL", "NEWSDESK_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    db = _db(tmp_path)
    result = CliRunner().invoke(app, ["--db", db, "translate"])
    assert result.exit_code == 2
    assert "2 article(s) await translation but no provider is configured" in result.output
    listing = CliRunner().invoke(app, ["--db", db, "translations", "--status", "awaiting"])
    assert listing.output.count("awaiting") >= 2


def test_providers_check(tmp_path, env, fake_chat) -> None:
    fake_chat.queue(Reply("Chào buổi sáng."))
    result = CliRunner().invoke(app, ["--db", _db(tmp_path, 0), "providers", "check"])
    assert result.exit_code == 0, result.output
    assert "keys from FAKE_KEY_ONE, FAKE_KEY_TWO" in result.output
    assert "'Chào buổi sáng.'" in result.output and "secret" not in result.output


def test_providers_check_reports_a_failure(tmp_path, env, fake_chat) -> None:
    fake_chat.queue(*[Reply(status=401) for _ in range(2)])
    result = CliRunner().invoke(app, ["--db", _db(tmp_path, 0), "providers", "check"])
    assert result.exit_code == 1
    assert "every provider key is out of quota or refused" in result.output


def test_a_flagged_translation_can_be_accepted(tmp_path, env, fake_chat) -> None:
    db = _db(tmp_path, 1)
    fake_chat.answer = lambda messages: "Tôi xin lỗi, tôi không thể dịch."
    runner = CliRunner()
    flagged = runner.invoke(app, ["--db", db, "translate"])
    assert flagged.exit_code == 1 and "translation flagged for review" in flagged.output
    accepted = runner.invoke(app, ["--db", db, "translate", "--accept", "jd00000000000000"])
    assert accepted.exit_code == 0 and "accepted" in accepted.output
    requeued = runner.invoke(app, ["--db", db, "translate", "--requeue", "jd00000000000000"])
    assert requeued.exit_code == 0 and "queued for translation again" in requeued.output
