"""Providers: one protocol with two jobs, and its implementation for the chat-completions protocol.

``Provider.translate(text, source, target, glossary) -> text`` and
``Provider.write(kind, story) -> text`` (kind ``title`` or ``description``).

``ChatCompletionsProvider`` speaks ``POST {base_url}/chat/completions``, which OpenAI, Gemini's
OpenAI-compatible endpoint, Ollama, vLLM, llama.cpp's server and LM Studio all serve. Around each
call: the answer cache (a re-run never pays twice), the run's budget, a concurrency limit, retries
with exponential backoff and jitter on 429/5xx/timeouts/malformed answers, key rotation on quota
errors, and a record of every call in the store (provider, model, tokens, latency, cost, outcome).
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import httpx

from newsdesk.config import Settings
from newsdesk.errors import ConfigError, OutputCheckFailed, ProviderError
from newsdesk.model import Story
from newsdesk.translate.budget import Budget, price_for
from newsdesk.translate.cache import AnswerCache, Cached
from newsdesk.translate.http import (
    ChatClient,
    KeyRefused,
    MalformedAnswer,
    ProviderTimeout,
)
from newsdesk.translate.lexicon import PREAMBLES
from newsdesk.translate.prompts import (
    TRANSLATE_STRICT_VERSION,
    TRANSLATE_VERSION,
    WRITE_VERSION,
    translate_messages,
    write_messages,
)
from newsdesk.translate.retry import KeyRing, KeysExhausted, backoff_delay
from newsdesk.translate.writer import SLOTS


@runtime_checkable
class Provider(Protocol):
    name: str
    model: str

    def translate(
        self,
        text: str,
        source: str,
        target: str,
        glossary: Any = (),
        *,
        strict: bool = False,
        problems: Sequence[str] = (),
        item: str = "",
    ) -> str:
        """``text`` from ``source`` into ``target``; ``strict`` after a rejected answer, with
        the ``problems`` found; ``item`` names the article in records and errors."""
        ...

    def write(self, kind: str, story: Story, *, context: str = "") -> str: ...


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    finish_reason: str = "stop"
    cached: bool = False


def provider_configured(settings: Settings) -> bool:
    """True when a provider is set up (a base URL and a model)."""
    return bool(str(settings.provider_base_url).strip() and str(settings.provider_model).strip())


def glossary_lines(glossary: Any, text: str) -> list[str]:
    """Prompt lines from a ``Glossary`` (the terms that occur in ``text``) or a list of lines."""
    if hasattr(glossary, "prompt_lines"):
        return list(glossary.prompt_lines(text))
    if isinstance(glossary, Mapping):
        return [f"{k} = {v}" for k, v in glossary.items() if k in text]
    return [str(line) for line in glossary or ()]


_FENCE = re.compile(r"^\s*```[a-zA-Z]*\n(.*)\n```\s*$", re.DOTALL)


def clean_answer(text: str) -> str:
    """Strip a chatty preamble and a code fence wrapped around the whole answer."""
    text = PREAMBLES.sub("", text, count=1)
    fenced = _FENCE.match(text)
    if fenced and "```" not in fenced.group(1):
        text = fenced.group(1)
    return text.strip()


class ChatCompletionsProvider:
    """A provider speaking the chat-completions protocol. Thread-safe; close() when done."""

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        keys: KeyRing | None = None,
        store: Any = None,
        budget: Budget | None = None,
        max_retries: int = 4,
        backoff: float = 1.0,
        concurrency: int = 2,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        target: str = "vi",
        rule: str = "",
        use_cache: bool = True,
    ) -> None:
        if not base_url or not model:
            raise ConfigError("a provider needs provider_base_url and provider_model")
        self.name = base_url.rstrip("/")
        self.model = model
        self.keys = keys or KeyRing([], {})
        self.store = store
        self.budget = budget or Budget(10**9, 10**12, 10**9)
        self.max_retries = max(0, int(max_retries))
        self.backoff = float(backoff)
        self.target = target
        self.rule = rule
        self.use_cache = use_cache
        self.run_id = uuid.uuid4().hex[:12]
        self.calls: list[dict[str, Any]] = []
        self.cache = AnswerCache(store, self.name, model)
        self._client = ChatClient(base_url, model, timeout=timeout, transport=transport)
        self._slots = threading.BoundedSemaphore(max(1, int(concurrency)))
        self._sleep = sleep
        self._record_lock = threading.Lock()

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        store: Any = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        env: Mapping[str, str] | None = None,
        use_cache: bool = True,
    ) -> ChatCompletionsProvider:
        if not provider_configured(settings):
            raise ConfigError(
                "no provider configured: set provider_base_url and provider_model "
                "(NEWSDESK_PROVIDER_BASE_URL, NEWSDESK_PROVIDER_MODEL); see docs/translation.md"
            )
        price = price_for(settings.provider_base_url, settings.provider_model, settings)
        return cls(
            settings.provider_base_url,
            settings.provider_model,
            keys=KeyRing.from_spec(settings.provider_key_env, env),
            store=store,
            budget=Budget.from_settings(settings, price),
            max_retries=settings.provider_max_retries,
            backoff=settings.provider_backoff,
            concurrency=settings.provider_concurrency,
            timeout=settings.provider_timeout,
            transport=transport,
            sleep=sleep,
            target=settings.target_language,
            rule=settings.use_rule,
            use_cache=use_cache,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> ChatCompletionsProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ the two jobs

    def translate(
        self,
        text: str,
        source: str,
        target: str,
        glossary: Any = (),
        *,
        strict: bool = False,
        problems: Sequence[str] = (),
        item: str = "",
    ) -> str:
        """``text`` (Markdown) from ``source`` into ``target``, names as the glossary says."""
        messages = translate_messages(
            text, source, target, glossary_lines(glossary, text), strict=strict, problems=problems
        )
        version = TRANSLATE_STRICT_VERSION if strict else TRANSLATE_VERSION
        purpose = "translate-strict" if strict else "translate"
        answer = self.complete(messages, purpose=purpose, prompt_version=version, item=item)
        if answer.finish_reason == "length":
            raise OutputCheckFailed(
                f"{item or 'chunk'}: the answer was cut at the model's length limit "
                "(lower provider_chunk_chars)"
            )
        return clean_answer(answer.text)

    def write(self, kind: str, story: Story, *, context: str = "") -> str:
        """A headline (``title``) or summary (``description``) for ``story``, one line.
        ``context``: more facts for the prompt (e.g. the extractive headline and lead)."""
        if kind not in SLOTS:
            raise ValueError(f"unknown kind {kind!r}: expected one of {sorted(SLOTS)}")
        messages = write_messages(
            kind, story, slot=SLOTS[kind], target=self.target, context=context
        )
        answer = self.complete(
            messages, purpose=kind, prompt_version=WRITE_VERSION[kind], item=story.id
        )
        text = re.sub(r"[ \t]+", " ", clean_answer(answer.text))
        return text.strip().strip('"“”«»').strip()

    def decide_use(
        self, story: Story, rule: str | None = None, *, context: str = ""
    ) -> tuple[bool, str]:
        """Whether to publish ``story`` under the configured rule, and the stated reason."""
        messages = write_messages(
            "use", story, slot=0, target=self.target, rule=rule or self.rule, context=context
        )
        answer = self.complete(
            messages, purpose="use", prompt_version=WRITE_VERSION["use"], item=story.id
        )
        return parse_use(answer.text)

    def check(self) -> str:
        """One tiny uncached call: proves the URL, model and key work."""
        from newsdesk.translate.prompts import check_messages

        return self.complete(
            check_messages(), purpose="check", prompt_version="check", cache=False
        ).text

    # ------------------------------------------------------------------ one call, robustly

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        purpose: str,
        prompt_version: str,
        item: str = "",
        cache: bool = True,
    ) -> Answer:
        key, digest = self.cache.key(prompt_version, messages)
        if cache and self.use_cache:
            hit = self.cache.get(key)
            if hit is not None:
                return Answer(hit.text, "stop", cached=True)
        with self._slots:
            answer = self._call(messages, purpose=purpose, prompt_version=prompt_version, item=item)
        if cache and answer.text.strip() and answer.finish_reason != "length":
            self.cache.put(key, digest, prompt_version, Cached(answer.text, *answer_tokens(answer)))
        return Answer(answer.text, answer.finish_reason)

    def _call(
        self, messages: list[dict[str, str]], *, purpose: str, prompt_version: str, item: str
    ) -> Any:
        attempt = 0
        while True:
            key_name, key = self.keys.current()  # KeysExhausted when none is left
            self.budget.reserve()  # BudgetExhausted when the run's budget is spent
            base = {
                "purpose": purpose,
                "item": item,
                "prompt_version": prompt_version,
                "key_name": key_name,
            }
            try:
                completion = self._client.send(messages, key)
            except KeyRefused as e:
                self._record(base, status=e.status, outcome="quota", error=str(e))
                if not key_name and e.status in (401, 403):
                    raise KeysExhausted(
                        f"{e} (no key was sent: name the variable holding it in provider_key_env)",
                        status=e.status,
                    ) from e
                if e.status in (401, 403) or self.keys.live_count() > 1:
                    self.keys.retire(key_name, f"HTTP {e.status}")
                    continue  # next key at once, no backoff
                attempt = self._next_attempt(attempt, e, purpose, item)
                if attempt < 0:
                    self.keys.retire(key_name, f"HTTP {e.status} (quota)")
                    raise KeysExhausted(
                        f"every provider key is out of quota: {key_name or 'no key'}: {e}",
                        status=e.status,
                    ) from e
                continue
            except ProviderError as e:
                outcome = (
                    "timeout"
                    if isinstance(e, ProviderTimeout)
                    else "malformed"
                    if isinstance(e, MalformedAnswer)
                    else "retry"
                    if e.retryable
                    else "error"
                )
                self._record(base, status=e.status, outcome=outcome, error=str(e))
                attempt = self._next_attempt(attempt, e, purpose, item)
                if attempt < 0:
                    raise ProviderError(
                        f"{purpose} {item}: provider gave up after {self.max_retries + 1} "
                        f"attempt(s): {e}"
                        if e.retryable
                        else f"{purpose} {item}: {e}",
                        status=e.status,
                    ) from e
                continue
            cost = self.budget.spend(completion.tokens_in, completion.tokens_out)
            self._record(
                base,
                status=completion.status,
                outcome="ok",
                tokens_in=completion.tokens_in,
                tokens_out=completion.tokens_out,
                latency_ms=completion.latency_ms,
                cost=cost,
            )
            return completion

    def _next_attempt(self, attempt: int, error: ProviderError, purpose: str, item: str) -> int:
        """Sleep before the next attempt and return its number, or -1 when giving up."""
        if not error.retryable or attempt >= self.max_retries:
            return -1
        attempt += 1
        self._sleep(
            backoff_delay(attempt, self.backoff, retry_after=getattr(error, "retry_after", None))
        )
        return attempt

    def _record(self, base: dict[str, Any], **fields: Any) -> None:
        call = {"run_id": self.run_id, "provider": self.name, "model": self.model, **base, **fields}
        call["error"] = str(call.get("error", ""))[:500]
        with self._record_lock:
            self.calls.append(call)
            if self.store is not None:
                self.store.record_provider_call(**call)


def answer_tokens(answer: Any) -> tuple[int, int]:
    return int(getattr(answer, "tokens_in", 0)), int(getattr(answer, "tokens_out", 0))


def parse_use(text: str) -> tuple[bool, str]:
    """``{"use": bool, "reason": str}`` from an answer, or ``MalformedAnswer``."""
    raw = clean_answer(text)
    match = re.search(r"\{.*\}", raw, re.DOTALL)
    if not match:
        raise MalformedAnswer(f"use decision is not JSON: {raw[:80]!r}", status=None)
    try:
        data = json.loads(match.group(0))
    except json.JSONDecodeError as e:
        raise MalformedAnswer(f"use decision is not JSON: {raw[:80]!r}", status=None) from e
    use, reason = data.get("use"), data.get("reason")
    if not isinstance(use, bool) or not isinstance(reason, str) or not reason.strip():
        raise MalformedAnswer(f"use decision lacks use/reason: {raw[:80]!r}", status=None)
    return use, " ".join(reason.split())
