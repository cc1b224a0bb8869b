"""robots.txt, fetched once per origin and kept for ``ROBOTS_TTL`` seconds.

The text is fetched by the caller's function (through the guarded fetcher, rate limit
included) and parsed by ``urllib.robotparser`` fed with the lines. What an answer means follows
RFC 9309:

    2xx          the rules apply (for the ``newsdesk`` user agent, else ``*``)
    4xx          no rules: everything is allowed
    5xx / none   unreachable: everything is disallowed until the next try

A ``Crawl-delay`` for newsdesk raises that host's delay in the limiter (never lowers it).
``export()`` / ``preload()`` carry the answers across runs (the collect stage keeps them in the
store), so a ``collect`` run every few minutes does not ask for robots.txt every time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

from newsdesk.sources.ratelimit import HostLimiter
from newsdesk.sources.urls import host_key, origin

ROBOTS_TTL = 24 * 3600.0
UNREACHABLE_TTL = 600.0
MAX_CRAWL_DELAY = 60.0

Getter = Callable[[str], tuple[int, str]]


@dataclass(slots=True)
class _Entry:
    parser: RobotFileParser | None  # None: everything allowed
    disallow_all: bool
    expires: float
    status: int = 0
    text: str = ""
    fetched: float = 0.0  # wall-clock time of the fetch
    fresh: bool = True  # fetched in this run (not preloaded)


class RobotsCache:
    def __init__(
        self,
        get: Getter,
        *,
        agent: str = "newsdesk",
        limiter: HostLimiter | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._get = get
        self.agent = agent
        self.limiter = limiter
        self._clock = clock
        self._entries: dict[str, _Entry] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def allowed(self, url: str) -> bool:
        """May newsdesk fetch ``url``? (robots.txt itself always may.)"""
        return self.refusal(url) is None

    def refusal(self, url: str) -> str | None:
        """Why newsdesk may not fetch ``url``, or None when it may."""
        if url.split("?", 1)[0].rstrip("/").endswith("/robots.txt"):
            return None
        entry = self._entry(origin(url))
        if entry.disallow_all:
            answer = f"HTTP {entry.status}" if entry.status else "no answer"
            return f"robots.txt unreachable ({answer}): the site is not fetched until it answers"
        if entry.parser is None or entry.parser.can_fetch(self.agent, url):
            return None
        return "disallowed by robots.txt"

    def _entry(self, site: str) -> _Entry:
        with self._guard:
            lock = self._locks.setdefault(site, threading.Lock())
        with lock:
            entry = self._entries.get(site)
            if entry is not None and entry.expires > self._clock():
                return entry
            entry = self._load(site)
            self._entries[site] = entry
            return entry

    def _load(self, site: str) -> _Entry:
        status, text = self._get(site + "/robots.txt")
        return self._entry_for(site, status, text, time.time(), fresh=True)

    def _entry_for(
        self, site: str, status: int, text: str, fetched: float, *, fresh: bool
    ) -> _Entry:
        age = max(0.0, time.time() - fetched)
        now = self._clock()
        if 200 <= status < 300:
            parser = RobotFileParser()
            parser.parse(text.splitlines())
            delay = parser.crawl_delay(self.agent)
            if delay and self.limiter is not None:
                self.limiter.set_delay(host_key(site), min(float(delay), MAX_CRAWL_DELAY))
            return _Entry(parser, False, now + ROBOTS_TTL - age, status, text, fetched, fresh)
        if 400 <= status < 500:
            return _Entry(None, False, now + ROBOTS_TTL - age, status, "", fetched, fresh)
        return _Entry(None, True, now + UNREACHABLE_TTL - age, status, "", fetched, fresh)

    def export(self, *, fresh_only: bool = True) -> dict[str, list]:
        """``{origin: [status, text, fetched]}`` of the answers (fetched in this run)."""
        with self._guard:
            entries = dict(self._entries)
        return {
            site: [e.status, e.text, e.fetched]
            for site, e in entries.items()
            if e.fresh or not fresh_only
        }

    def preload(self, saved: dict[str, list]) -> None:
        """Take answers saved by ``export`` in an earlier run; expired ones are ignored."""
        for site, (status, text, fetched) in saved.items():
            entry = self._entry_for(site, int(status), str(text), float(fetched), fresh=False)
            if entry.expires > self._clock():
                with self._guard:
                    self._entries.setdefault(site, entry)
