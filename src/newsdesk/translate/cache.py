"""The answer cache: an answer once paid for is never paid for again.

The key is a hash of the provider (base URL), the model, the prompt version and the hash of the
whole prompt (instructions, glossary lines and text), so a changed glossary or prompt asks anew
while a re-run of the same input is served from the store.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Protocol


def text_hash(messages: list[dict[str, str]]) -> str:
    raw = json.dumps(messages, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def cache_key(provider: str, model: str, prompt_version: str, digest: str) -> str:
    raw = "\x1f".join((provider.rstrip("/"), model, prompt_version, digest))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class CacheStore(Protocol):
    def cached_answer(self, key: str) -> dict | None: ...

    def cache_answer(self, key: str, **fields: object) -> None: ...

    def forget_cached(self, key: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Cached:
    text: str
    tokens_in: int
    tokens_out: int


class AnswerCache:
    """The store's ``provider_cache`` table, or a dict when no store is given (tests, checks)."""

    def __init__(self, store: CacheStore | None, provider: str, model: str) -> None:
        self.store = store
        self.provider = provider
        self.model = model
        self._memory: dict[str, Cached] = {}
        self.hits = 0

    def key(self, prompt_version: str, messages: list[dict[str, str]]) -> tuple[str, str]:
        digest = text_hash(messages)
        return cache_key(self.provider, self.model, prompt_version, digest), digest

    def get(self, key: str) -> Cached | None:
        if self.store is None:
            found = self._memory.get(key)
        else:
            row = self.store.cached_answer(key)
            found = (
                None if row is None else Cached(row["answer"], row["tokens_in"], row["tokens_out"])
            )
        if found is not None:
            self.hits += 1
        return found

    def put(self, key: str, digest: str, prompt_version: str, answer: Cached) -> None:
        if self.store is None:
            self._memory[key] = answer
            return
        self.store.cache_answer(
            key,
            provider=self.provider,
            model=self.model,
            prompt_version=prompt_version,
            text_hash=digest,
            answer=answer.text,
            tokens_in=answer.tokens_in,
            tokens_out=answer.tokens_out,
        )

    def forget(self, key: str) -> None:
        if self.store is None:
            self._memory.pop(key, None)
        else:
            self.store.forget_cached(key)
