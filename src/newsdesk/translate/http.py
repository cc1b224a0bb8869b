"""One chat-completions call over HTTP (httpx), and the errors it maps at the boundary.

    ProviderError                      (newsdesk.errors)
    ├── ProviderHTTPError              the server answered with an error status (``retryable``
    │   │                              for 408/429/5xx)
    │   └── KeyRefused                 the key is out of quota (429 saying so) or refused (401/403)
    ├── ProviderTimeout                no answer in ``provider_timeout`` seconds (retryable)
    ├── ProviderUnreachable            connection refused / DNS / TLS (retryable)
    └── MalformedAnswer                a 200 whose body is not the protocol's JSON (retryable)

The transport is injectable (``httpx.MockTransport`` or any ``httpx.BaseTransport``) so tests and
other callers can swap the network out. Keys go in the Authorization header and nowhere else.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import httpx

from newsdesk.errors import ProviderError
from newsdesk.translate.lexicon import KEY_REJECTED_STATUSES, QUOTA_WORDS, RETRY_STATUSES


class ProviderHTTPError(ProviderError):
    def __init__(self, message: str, *, status: int, retry_after: float | None = None) -> None:
        super().__init__(message, status=status, retryable=status in RETRY_STATUSES)
        self.retry_after = retry_after


class KeyRefused(ProviderHTTPError):
    """The key in use cannot serve more requests (quota spent, or refused)."""


class ProviderTimeout(ProviderError):
    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=True)


class ProviderUnreachable(ProviderError):
    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=True)


class MalformedAnswer(ProviderError):
    def __init__(self, message: str, *, status: int | None = 200) -> None:
        super().__init__(message, status=status, retryable=True)


@dataclass(frozen=True, slots=True)
class Completion:
    text: str
    tokens_in: int
    tokens_out: int
    finish_reason: str
    latency_ms: int
    status: int = 200
    estimated_tokens: bool = False


def estimate_tokens(text: str) -> int:
    """A rough token count when the server reports none (CJK ~1 token/char, else ~4 chars)."""
    cjk = sum(1 for ch in text if ord(ch) >= 0x3000)
    return cjk + (len(text) - cjk + 3) // 4


class ChatClient:
    """POSTs ``{base_url}/chat/completions`` and returns the first choice's text."""

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        temperature: float | None = 0.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.temperature = temperature
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            transport=transport,
            headers={"User-Agent": "newsdesk/0.1"},
        )

    @property
    def url(self) -> str:
        return self.base_url + "/chat/completions"

    def close(self) -> None:
        self._client.close()

    def send(
        self, messages: list[dict[str, str]], key: str | None, *, max_tokens: int | None = None
    ) -> Completion:
        payload: dict[str, Any] = {"model": self.model, "messages": messages, "stream": False}
        if self.temperature is not None:
            payload["temperature"] = self.temperature
        if max_tokens:
            payload["max_tokens"] = max_tokens
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        started = time.monotonic()
        try:
            response = self._client.post(self.url, json=payload, headers=headers)
        except httpx.TimeoutException as e:
            raise ProviderTimeout(f"{self.url}: no answer in time ({type(e).__name__})") from e
        except httpx.TransportError as e:
            raise ProviderUnreachable(f"{self.url}: {type(e).__name__}: {e}") from e
        latency = int((time.monotonic() - started) * 1000)
        if response.status_code != 200:
            raise _status_error(self.url, response)
        return _parse(self.url, response, latency, messages)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _error_text(response: httpx.Response) -> str:
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return response.text[:300]
    if isinstance(data, list) and data:
        data = data[0]
    if isinstance(data, dict):
        err = data.get("error", data)
        if isinstance(err, dict):
            parts = [str(err.get(k, "")) for k in ("code", "type", "status", "message")]
            return " ".join(p for p in parts if p)[:300]
        return str(err)[:300]
    return str(data)[:300]


def _status_error(url: str, response: httpx.Response) -> ProviderHTTPError:
    status = response.status_code
    detail = _error_text(response)
    message = f"{url}: HTTP {status}" + (f": {detail}" if detail else "")
    retry_after = _retry_after(response)
    if status in KEY_REJECTED_STATUSES:
        return KeyRefused(message, status=status, retry_after=retry_after)
    if status == 429 and any(word in detail.lower() for word in QUOTA_WORDS):
        return KeyRefused(message, status=status, retry_after=retry_after)
    return ProviderHTTPError(message, status=status, retry_after=retry_after)


def _parse(
    url: str, response: httpx.Response, latency: int, messages: list[dict[str, str]]
) -> Completion:
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise MalformedAnswer(f"{url}: answer is not JSON: {response.text[:80]!r}") from e
    try:
        choice = data["choices"][0]
        message = choice.get("message") or {}
        text = message.get("content")
        finish = str(choice.get("finish_reason") or "stop")
    except (KeyError, IndexError, TypeError, AttributeError) as e:
        raise MalformedAnswer(f"{url}: answer has no choices[0].message: {str(data)[:80]}") from e
    if isinstance(text, list):  # some servers return content parts
        text = "".join(str(p.get("text", "")) for p in text if isinstance(p, dict))
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise MalformedAnswer(f"{url}: message content is {type(text).__name__}, not text")
    usage = data.get("usage") if isinstance(data, dict) else None
    estimated = False
    try:
        tokens_in = int(usage["prompt_tokens"])
        tokens_out = int(usage["completion_tokens"])
    except (KeyError, TypeError, ValueError):
        estimated = True
        tokens_in = sum(estimate_tokens(m.get("content", "")) for m in messages)
        tokens_out = estimate_tokens(text)
    return Completion(text, tokens_in, tokens_out, finish, latency, 200, estimated)
