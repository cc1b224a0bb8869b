"""docs/collecting.md names every collect setting and shows every collect command."""

from __future__ import annotations

from pathlib import Path

from newsdesk.config import SETTINGS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "collecting.md").read_text(encoding="utf-8")
COLLECT_SETTINGS = (
    "user_agent",
    "contact",
    "fetch_timeout",
    "fetch_max_bytes",
    "fetch_max_redirects",
    "fetch_retries",
    "fetch_backoff",
    "fetch_max_retry_after",
    "fetch_max_failures",
    "host_delay",
    "host_concurrency",
    "collect_workers",
    "revisit_after",
    "revisit_window",
    "source_max_links",
    "fetch_images",
    "images_per_article",
    "image_fetch_max_bytes",
    "image_fetch_max_pixels",
    "allow_loopback",
    "allow_private_networks",
)


def test_every_collect_setting_is_documented() -> None:
    names = {s.name for s in SETTINGS}
    assert set(COLLECT_SETTINGS) <= names
    missing = [n for n in COLLECT_SETTINGS if f"| `{n}` |" not in DOC]
    assert not missing, f"settings missing from docs/collecting.md: {missing}"


def test_every_collect_command_is_shown() -> None:
    for command in ("sources add", "sources list", "sources remove", "collect", "watch", "reread"):
        assert f"newsdesk {command}" in DOC, command
