"""newsdesk.translate: articles in other languages, through a provider; provider-written titles.

    provider_configured(settings) -> bool
    translate_pending(store, settings, *, limit=None, progress=None) -> StageReport
    awaiting_translation(store, target="vi") -> list[str]
    ChatCompletionsProvider, Provider, ProviderWriter

Downstream stages (understand, group) work on target-language articles only: an original in
another language is never grouped itself; its translation (``translation_of`` set) is.
"""

from __future__ import annotations

from newsdesk.translate.provider import ChatCompletionsProvider, Provider, provider_configured
from newsdesk.translate.stage import accept_translation, awaiting_translation, translate_pending
from newsdesk.translate.writer import ProviderWriter

__all__ = [
    "ChatCompletionsProvider",
    "Provider",
    "ProviderWriter",
    "accept_translation",
    "awaiting_translation",
    "provider_configured",
    "translate_pending",
]
