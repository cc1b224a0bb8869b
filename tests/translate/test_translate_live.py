"""One real provider, only when asked: set NEWSDESK_LIVE_PROVIDER=1 together with
NEWSDESK_PROVIDER_BASE_URL, NEWSDESK_PROVIDER_MODEL and (for hosted APIs) NEWSDESK_PROVIDER_KEY_ENV.
It translates one short Japanese paragraph and asks for one headline: a few hundred tokens."""

from __future__ import annotations

import os

import pytest

from newsdesk.config import load_settings
from newsdesk.model import Event, Story
from newsdesk.translate.checks import check_translation
from newsdesk.translate.glossary import load_glossary
from newsdesk.translate.provider import ChatCompletionsProvider, provider_configured
from newsdesk.translate.writer import validate

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not os.environ.get("NEWSDESK_LIVE_PROVIDER"),
        reason="NEWSDESK_LIVE_PROVIDER not set: the live provider test talks to a real API",
    ),
]

SOURCE = "高市早苗首相は10日、ハノイでベトナムの首相と会談し、半導体の供給網の強化で一致した。"


def test_a_real_provider_translates_and_writes(tmp_path) -> None:
    settings = load_settings(None, db=str(tmp_path / "live.db"))
    if not provider_configured(settings):
        pytest.fail("NEWSDESK_LIVE_PROVIDER is set but NEWSDESK_PROVIDER_BASE_URL / _MODEL are not")
    glossary = load_glossary(settings)
    with ChatCompletionsProvider.from_settings(settings) as provider:
        text = provider.translate(SOURCE, "ja", "vi", glossary, item="live")
        fixed, _, problems = glossary.enforce(SOURCE, text)
        problems += check_translation(SOURCE, fixed, source_language="ja")
        assert problems == [], (fixed, problems)
        assert "Takaichi" in fixed and "Hà Nội" in fixed
        story = Story(id="live", timeline=[Event("2026-11-10", "day", fixed)])
        title = provider.write("title", story)
        assert validate("title", title) is None, title
