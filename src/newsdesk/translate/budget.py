"""The per-run budget: requests, tokens and money, with prices from a table.

A run asks the budget before every call (``reserve``) and tells it what the call cost
(``spend``). Once any limit is reached, ``reserve`` raises ``BudgetExhausted`` with a message that
says which limit and how to go on; the stage stops cleanly and leaves the rest queued. Calls
already in flight when the limit is hit still finish, so a run may overshoot by at most
``provider_concurrency - 1`` calls.
"""

from __future__ import annotations

import threading
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import urlparse

from newsdesk.config import Settings
from newsdesk.errors import BudgetExhausted, ConfigError


@dataclass(frozen=True, slots=True)
class Price:
    """USD per million tokens."""

    input: float
    output: float
    known: bool = True

    def cost(self, tokens_in: int, tokens_out: int) -> float:
        return (tokens_in * self.input + tokens_out * self.output) / 1_000_000


FREE = Price(0.0, 0.0)
UNKNOWN = Price(0.0, 0.0, known=False)


def _table() -> dict:
    try:
        text = (resources.files("newsdesk") / "data" / "translate" / "prices.toml").read_text(
            "utf-8"
        )
        return tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as e:  # pragma: no cover - shipped with the package
        raise ConfigError(f"price table unreadable: {e}") from e


def price_for(base_url: str, model: str, settings: Settings | None = None) -> Price:
    """The price of ``model`` at ``base_url``: the settings' override, else free for a local
    server, else the longest matching prefix in the table, else unknown (costs 0, said so)."""
    if settings is not None and (
        settings.provider_price_in >= 0 or settings.provider_price_out >= 0
    ):
        return Price(max(settings.provider_price_in, 0.0), max(settings.provider_price_out, 0.0))
    table = _table()
    host = (urlparse(base_url).hostname or "").lower()
    if host in table.get("free_hosts", {}).get("hosts", []):
        return FREE
    name = model.lower().split("/")[-1]
    best = ""
    for prefix in table.get("models", {}):
        if name.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    if best:
        pin, pout = table["models"][best]
        return Price(float(pin), float(pout))
    return UNKNOWN


@dataclass
class Budget:
    """Limits for one run and what has been spent against them (thread-safe)."""

    max_requests: int
    max_tokens: int
    max_cost: float
    price: Price = FREE
    requests: int = 0
    tokens: int = 0
    cost: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings, price: Price = FREE) -> Budget:
        return cls(
            max_requests=int(settings.provider_max_requests),
            max_tokens=int(settings.provider_max_tokens),
            max_cost=float(settings.provider_max_cost),
            price=price,
        )

    def exhausted(self) -> str | None:
        """Why no further call may be made, or None."""
        if self.requests >= self.max_requests:
            return f"{self.requests} of {self.max_requests} requests used (provider_max_requests)"
        if self.tokens >= self.max_tokens:
            return f"{self.tokens} of {self.max_tokens} tokens used (provider_max_tokens)"
        paid = self.price.input > 0 or self.price.output > 0
        if paid and self.cost >= self.max_cost:
            return f"${self.cost:.4f} of ${self.max_cost:.2f} spent (provider_max_cost)"
        return None

    def reserve(self) -> None:
        """Count one request, or raise ``BudgetExhausted`` when a limit is reached."""
        with self._lock:
            reason = self.exhausted()
            if reason:
                raise BudgetExhausted(f"provider budget for this run is spent: {reason}")
            self.requests += 1

    def spend(self, tokens_in: int, tokens_out: int) -> float:
        """Add a call's tokens; return its cost."""
        cost = self.price.cost(tokens_in, tokens_out)
        with self._lock:
            self.tokens += tokens_in + tokens_out
            self.cost += cost
        return cost

    def summary(self) -> str:
        money = (
            f"${self.cost:.4f}" if self.price.known else "cost unknown (no price for this model)"
        )
        return (
            f"{self.requests}/{self.max_requests} requests, {self.tokens}/{self.max_tokens} tokens, "
            f"{money}" + (f" of ${self.max_cost:.2f}" if self.price.known else "")
        )
