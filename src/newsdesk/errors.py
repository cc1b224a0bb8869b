"""The exceptions newsdesk raises, one tree.

    NewsdeskError                   anything newsdesk raises on purpose
    ├── ConfigError                 a setting is missing or malformed
    ├── StoreError                  the store failed (sqlite3 / psycopg errors wrapped here)
    │   └── MigrationError          the schema could not be brought up to date
    ├── Rejected                    one item could not be handled by one stage; the run goes on
    │   ├── ReadError               a document could not be read (empty, binary, undecodable, ...)
    │   └── FetchError              a URL could not be fetched (HTTP, robots, SSRF guard, size)
    ├── ProviderError               a translation / writing provider failed
    │   ├── BudgetExhausted         the run's budget is spent; the rest stays queued
    │   └── OutputCheckFailed       the provider answered, but the answer failed the checks
    └── WebError                    an HTTP error with a status, turned into a response by one handler
        ├── NotFound                (404)
        └── BadParameter            (422)

Every exception carries its context (the item, the stage, the reason) so that one line can say
what went wrong with what. Library errors are wrapped at the boundary with ``raise ... from e``.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""


class ConfigError(NewsdeskError):
    pass


class StoreError(NewsdeskError):
    pass


class MigrationError(StoreError):
    pass


class Rejected(NewsdeskError):
    """``item`` could not pass ``stage``, for ``reason``. Recorded in the rejects table."""

    def __init__(self, item: str, stage: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.stage = stage
        self.reason = reason


class ReadError(Rejected):
    def __init__(self, item: str, reason: str) -> None:
        super().__init__(item, "read", reason)


class FetchError(Rejected):
    def __init__(self, item: str, reason: str, status: int | None = None) -> None:
        super().__init__(item, "fetch", reason)
        self.status = status


class ProviderError(NewsdeskError):
    def __init__(self, message: str, *, status: int | None = None, retryable: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.retryable = retryable


class BudgetExhausted(ProviderError):
    pass


class OutputCheckFailed(ProviderError):
    pass


class WebError(NewsdeskError):
    status = 500

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(WebError):
    status = 404


class BadParameter(WebError):
    status = 422
