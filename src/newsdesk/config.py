"""Settings, declared once as (name, default, help) and shared by the CLI, the web and tests.

Precedence, lowest first: the defaults below, the TOML file (``newsdesk.toml`` in the working
directory, or the path in ``NEWSDESK_CONFIG`` / ``--config``), then ``NEWSDESK_<NAME>``
environment variables (upper-cased name). The README's configuration table is checked against
this list by a test, so a setting cannot be added without being documented.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    # store
    Setting("db", "newsdesk.db", "SQLite database file (the store)."),
    # reading
    Setting(
        "max_bytes", 20_000_000, "Largest document accepted, in bytes; larger ones are rejected."
    ),
    Setting(
        "target_language", "vi", "Language stories are published in; others await translation."
    ),
    # understanding
    Setting(
        "understand_workers",
        0,
        "Processes for the understand stage (0: two when 40+ articles wait).",
    ),
    # grouping
    Setting(
        "group_threshold",
        0.12,
        "Average similarity to a story's members an article needs to join it (fixed on VMDS; docs/grouping.md).",
    ),
    Setting(
        "group_window_days",
        60,
        "Days a story stays in the in-memory grouping index after its last report (bounds memory).",
    ),
    # publishing
    Setting("out", "out", "Folder posts, images and the static site are written to."),
    Setting("use_min_articles", 1, "Editorial gate: articles a story needs before use is true."),
    Setting("use_min_chars", 600, "Editorial gate: characters of Vietnamese text a story needs."),
    Setting("thumbnail_max_side", 1200, "Longest side, in pixels, of a story's webp thumbnail."),
    Setting("image_max_pixels", 40_000_000, "Images with more pixels than this are not converted."),
    # web
    Setting("host", "127.0.0.1", "Address the web reader listens on."),
    Setting("port", 8000, "Port the web reader listens on."),
    Setting("page_size", 20, "Items per page in the web reader and the API."),
    # providers
    Setting("provider_base_url", "", "Chat-completions base URL; empty means no provider."),
    Setting("provider_model", "", "Model name sent to the provider."),
    Setting(
        "provider_key_env",
        "",
        "Name(s) of environment variables holding API keys (comma-separated).",
    ),
    Setting("provider_timeout", 60.0, "Seconds before a provider call times out."),
    Setting("provider_max_retries", 4, "Retries on 429/5xx/timeouts, with backoff and jitter."),
    Setting(
        "provider_backoff", 1.0, "Base delay in seconds of the exponential backoff between retries."
    ),
    Setting("provider_concurrency", 2, "Provider calls in flight at once."),
    Setting("provider_max_requests", 500, "Per-run budget: provider requests."),
    Setting("provider_max_tokens", 2_000_000, "Per-run budget: tokens in and out."),
    Setting("provider_max_cost", 5.0, "Per-run budget: money (USD) from the price table."),
    Setting(
        "provider_price_in",
        -1.0,
        "USD per million input tokens; negative means use the price table.",
    ),
    Setting(
        "provider_price_out",
        -1.0,
        "USD per million output tokens; negative means use the price table.",
    ),
    Setting("provider_chunk_chars", 6000, "Largest chunk of Markdown sent for translation."),
    Setting("glossary", "", "Glossary file (TOML or CSV) of names and their Vietnamese rendering."),
    Setting(
        "use_rule", "", "Rule text given to a provider deciding `use` (publish --writer provider)."
    ),
    # collecting
    Setting(
        "user_agent",
        "newsdesk/0.1 (+https://example.invalid/newsdesk)",
        "User-Agent sent when fetching.",
    ),
    Setting("contact", "", "Contact address added to the User-Agent."),
    Setting("fetch_timeout", 20.0, "Seconds before a fetch times out."),
    Setting("fetch_max_bytes", 10_000_000, "Largest response body fetched, in bytes."),
    Setting("fetch_max_redirects", 5, "Redirects followed at most."),
    Setting("host_delay", 1.0, "Seconds between two requests to one host."),
    Setting("host_concurrency", 2, "Requests in flight to one host at once."),
    Setting("allow_loopback", False, "Allow fetching from 127.0.0.0/8 and ::1 (tests)."),
    Setting("allow_private_networks", False, "Allow fetching from private address ranges."),
    Setting(
        "fetch_retries", 3, "Retries of one request on 429/5xx, timeouts and connection errors."
    ),
    Setting(
        "fetch_backoff",
        1.0,
        "Base delay in seconds of the exponential backoff between fetch retries.",
    ),
    Setting(
        "fetch_max_retry_after",
        120.0,
        "Longest Retry-After (seconds) waited for; longer ones fail the URL until a later pass.",
    ),
    Setting("fetch_max_failures", 5, "Failed fetches after which a URL is no longer retried."),
    Setting(
        "collect_workers",
        4,
        "Pages fetched in parallel during a pass (per-host limits still apply).",
    ),
    Setting(
        "revisit_after",
        "6h",
        "Re-check (conditional GET) a collected article after this long; 0 never.",
    ),
    Setting(
        "revisit_window",
        "2d",
        "Articles are re-checked only while younger than this (since first fetched).",
    ),
    Setting(
        "source_max_links",
        200,
        "Article links taken from one source per pass (newest first for sitemaps).",
    ),
    Setting("fetch_images", True, "Fetch the images articles reference and store them as webp."),
    Setting("images_per_article", 3, "Images fetched at most per article."),
    Setting("image_fetch_max_bytes", 5_000_000, "Largest image fetched, in bytes."),
    Setting(
        "image_fetch_max_pixels",
        40_000_000,
        "Largest image accepted, in pixels (decompression bombs).",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class Settings:
    """Resolved settings; attribute access by name (``settings.db``)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any] | None = None) -> None:
        merged = {s.name: s.default for s in SETTINGS}
        for key, value in (values or {}).items():
            if key not in _BY_NAME:
                raise ConfigError(f"unknown setting {key!r}")
            merged[key] = _coerce(_BY_NAME[key], value)
        self._values = merged

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def replace(self, **changes: Any) -> Settings:
        return Settings({**self._values, **{k: v for k, v in changes.items() if v is not None}})

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)


def _coerce(setting: Setting, value: Any) -> Any:
    default = setting.default
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                low = value.strip().lower()
                if low in ("1", "true", "yes", "on"):
                    return True
                if low in ("0", "false", "no", "off", ""):
                    return False
                raise ValueError(value)
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        return str(value)
    except (TypeError, ValueError) as e:
        raise ConfigError(
            f"setting {setting.name}: cannot read {value!r} as {type(default).__name__}"
        ) from e


def load_settings(config_path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults < TOML file < NEWSDESK_* environment < explicit overrides (CLI options)."""
    values: dict[str, Any] = {}
    path = Path(config_path or os.environ.get("NEWSDESK_CONFIG", "newsdesk.toml"))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"{path}: {e}") from e
        section = data.get("newsdesk", data)
        for key, value in section.items():
            if key not in _BY_NAME:
                raise ConfigError(f"{path}: unknown setting {key!r}")
            values[key] = value
    elif config_path:
        raise ConfigError(f"{path}: no such config file")
    for setting in SETTINGS:
        env = os.environ.get("NEWSDESK_" + setting.name.upper())
        if env is not None:
            values[setting.name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(values)
