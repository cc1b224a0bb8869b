"""Per-host politeness: at most ``host_concurrency`` requests in flight to one host, and a
request starts at least ``host_delay`` seconds (or the site's robots.txt ``Crawl-delay`` when
it asks for more) after the previous one started and after the last one ended, so the site
sees its requests that far apart however long the connection took to open.

Waiting is interruptible: ``acquire`` gives up (returns False) as soon as ``stop`` is set, so a
shutdown never sends a request it no longer needs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class HostLimiter:
    def __init__(
        self,
        delay: float,
        concurrency: int,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.delay = max(0.0, float(delay))
        self.concurrency = max(1, int(concurrency))
        self._clock = clock
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, seconds: float) -> None:
        """A host-specific delay (robots.txt Crawl-delay); never below the global one."""
        with self._lock:
            self._delays[host] = max(self.delay, float(seconds))

    def delay_for(self, host: str) -> float:
        return self._delays.get(host, self.delay)

    @contextmanager
    def slot(self, host: str, stop: threading.Event | None = None) -> Iterator[bool]:
        """Hold one of the host's slots and wait for its turn; yields False when stopped."""
        got = self._take(host, stop)
        try:
            yield got
        finally:
            if got:
                with self._lock:  # the next start is also ``delay`` after this one ended
                    end = self._clock() + self.delay_for(host)
                    self._next_start[host] = max(self._next_start.get(host, end), end)
                self._slots[host].release()

    def _take(self, host: str, stop: threading.Event | None) -> bool:
        with self._lock:
            sem = self._slots.setdefault(host, threading.BoundedSemaphore(self.concurrency))
        while not sem.acquire(timeout=0.05):
            if stop is not None and stop.is_set():
                return False
        while True:
            with self._lock:
                now = self._clock()
                start = self._next_start.get(host, now)
                if start <= now:
                    self._next_start[host] = now + self.delay_for(host)
                    return True
                wait = start - now
            if stop is not None:
                if stop.wait(min(wait, 0.25)):
                    sem.release()
                    return False
            else:
                time.sleep(min(wait, 0.25))
