"""Retries with exponential backoff and jitter, and a ring of API keys rotated on quota errors.

Keys are read from the environment variables *named* in ``provider_key_env`` (comma-separated).
Only the names ever appear in messages, logs and the store.
"""

from __future__ import annotations

import os
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsdesk.errors import ConfigError, ProviderError
from newsdesk.translate.lexicon import MAX_BACKOFF, MAX_RETRY_AFTER


class KeysExhausted(ProviderError):
    """Every configured key has been refused or is out of quota for this run."""


def backoff_delay(
    attempt: int,
    base: float,
    *,
    retry_after: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait before retry ``attempt`` (1-based): ``base * 2**(attempt-1)``, capped,
    with "equal jitter" (half fixed, half random); a server's Retry-After is honoured (capped)."""
    rng = rng or random
    ceiling = min(MAX_BACKOFF, base * (2 ** max(0, attempt - 1)))
    delay = ceiling / 2 + rng.uniform(0, ceiling / 2)
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    return delay


def key_names(spec: str) -> list[str]:
    return [name.strip() for name in spec.split(",") if name.strip()]


@dataclass
class KeyRing:
    """The usable keys, in order; a refused key is retired for the rest of the run."""

    names: list[str]
    _values: dict[str, str] = field(repr=False)
    retired: dict[str, str] = field(default_factory=dict)
    _index: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_spec(cls, spec: str, env: Mapping[str, str] | None = None) -> KeyRing:
        """Keys from the variables named in ``spec``. No names: no key (local servers)."""
        env = os.environ if env is None else env
        names = key_names(spec)
        present = [n for n in names if env.get(n)]
        if names and not present:
            raise ConfigError(
                "provider_key_env names " + ", ".join(names) + " but none of these environment "
                "variables is set (export the key, or clear provider_key_env for a local server)"
            )
        return cls(present, {n: env[n] for n in present})

    @property
    def keyless(self) -> bool:
        return not self.names

    def current(self) -> tuple[str, str | None]:
        """(name, value) of the key to use now; ("", None) without keys."""
        with self._lock:
            if self.keyless:
                return "", None
            live = [n for n in self.names if n not in self.retired]
            if not live:
                detail = "; ".join(f"{n}: {why}" for n, why in self.retired.items())
                raise KeysExhausted(f"every provider key is out of quota or refused ({detail})")
            name = live[self._index % len(live)]
            return name, self._values[name]

    def live_count(self) -> int:
        with self._lock:
            return len([n for n in self.names if n not in self.retired])

    def retire(self, name: str, reason: str) -> None:
        with self._lock:
            if name:
                self.retired.setdefault(name, reason)
