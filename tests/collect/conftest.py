"""Fixtures of the collect tests: the loopback fixture site, quick settings, a loopback-only
resolver, and a guard that fails any test trying to connect anywhere but 127.0.0.1 / ::1."""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from collect.site_server import FixtureSite
from newsdesk.config import Settings
from newsdesk.sources.http import Fetcher

_real_connect = socket.socket.connect


def loopback_resolver(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
    """Resolves only loopback names; anything else fails as if DNS had no answer (no query sent)."""
    if host in ("localhost", "127.0.0.1"):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
    if host in ("::1", "ip6-localhost"):
        return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", port, 0, 0))]
    raise socket.gaierror(socket.EAI_NONAME, f"{host}: not resolved in tests")


def refuse_non_loopback(mp: pytest.MonkeyPatch) -> list:
    """Make any connection to a non-loopback address fail (it is never made); returns the list
    the refused attempts are recorded in."""
    attempts: list = []

    def guarded(sock: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else None
        inet = sock.family in (socket.AF_INET, socket.AF_INET6)
        if (
            host is not None
            and inet
            and not ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        ):
            attempts.append(address)
            raise AssertionError(f"test tried to connect to {address}")
        return _real_connect(sock, address)

    mp.setattr(socket.socket, "connect", guarded)
    return attempts


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[list]:
    """Any connection to a non-loopback address fails the test (and is never made)."""
    yield refuse_non_loopback(monkeypatch)


@pytest.fixture
def site() -> Iterator[FixtureSite]:
    server = FixtureSite().start()
    yield server
    server.stop()


def quick_settings(tmp_path: Path, **changes: object) -> Settings:
    values = {
        "db": str(tmp_path / "collect.db"),
        "out": str(tmp_path / "out"),
        "allow_loopback": True,
        "host_delay": 0.0,
        "host_concurrency": 4,
        "collect_workers": 4,
        "fetch_timeout": 1.0,
        "fetch_retries": 1,
        "fetch_backoff": 0.01,
        "fetch_max_retry_after": 2.0,
        "fetch_max_bytes": 300_000,
        "contact": "desk@example.org",
    }
    values.update(changes)
    return Settings(values)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return quick_settings(tmp_path)


def make_fetcher(settings: Settings, stop: threading.Event | None = None) -> Fetcher:
    return Fetcher(settings, resolver=loopback_resolver, stop=stop)
