"""Fixtures of the translate tests: the local chat-completions server and provider settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakechat import FakeChat, japanese_article

from newsdesk.config import Settings
from newsdesk.model import Article


@pytest.fixture
def fake_chat():
    fake = FakeChat()
    yield fake
    fake.close()


@pytest.fixture
def provider_settings(fake_chat: FakeChat, tmp_path: Path) -> Settings:
    return Settings(
        {
            "db": str(tmp_path / "t.db"),
            "provider_base_url": fake_chat.url,
            "provider_model": "fake-model",
            "provider_key_env": "",
            "provider_timeout": 2.0,
            "provider_backoff": 0.001,
            "provider_max_retries": 3,
            "provider_concurrency": 2,
        }
    )


@pytest.fixture
def ja_article() -> Article:
    return japanese_article()
