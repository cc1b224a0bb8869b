"""The polite, guarded fetcher every collected byte comes through.

``Fetcher(settings).fetch(url, etag=..., last_modified=...)`` does, for each hop:

    1. check      only http/https, no credentials in the URL (``urls.check_url``)
    2. robots     robots.txt of the origin allows newsdesk (``robots.RobotsCache``; not for
                  robots.txt itself)
    3. wait       the host's turn: ``host_concurrency`` in flight, ``host_delay`` apart
                  (``ratelimit.HostLimiter``; robots.txt Crawl-delay raises the delay)
    4. connect    through ``GuardedTransport``: the host is resolved and every address checked
                  (``ssrf.check_host``) before any packet; the connection goes to the checked
                  address, Host header and TLS SNI keep the name
    5. read       conditional GET (If-None-Match / If-Modified-Since); the body streamed and
                  cut off past ``fetch_max_bytes``; ``fetch_timeout`` for the whole response
    6. redirect   3xx followed by hand, at most ``fetch_max_redirects``, loops refused, each hop
                  checked again from step 1
    7. retry      429, 5xx, timeouts and connection errors retried ``fetch_retries`` times with
                  exponential backoff and jitter, honouring Retry-After up to
                  ``fetch_max_retry_after`` seconds

Failures raise ``FetchFailed`` (a ``FetchError``) naming the URL, the reason and a category the
collect stage records. Tests swap the network by passing ``transport`` (any httpx transport
placed under the guard) and ``resolver``.
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from newsdesk.errors import FetchError
from newsdesk.sources import ssrf
from newsdesk.sources.ratelimit import HostLimiter
from newsdesk.sources.robots import RobotsCache
from newsdesk.sources.urls import BadURL, check_url, host_key, origin

REDIRECTS = (301, 302, 303, 307, 308)
RETRYABLE = (429, 500, 502, 503, 504)
CHUNK = 65536


class FetchFailed(FetchError):
    """``url`` could not be fetched. ``category`` is one of: bad-url, refused, disallowed,
    robots-unreachable, gone, http, server, timeout, network, too-large, wrong-type, redirects,
    stopped."""

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        category: str,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(url, reason, status)
        self.category = category
        self.retry_after = retry_after


@dataclass(slots=True)
class Response:
    url: str  # the URL asked for
    final_url: str  # where the body came from, after redirects
    status: int
    headers: dict[str, str]
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'").lower()
        return None


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that resolves and checks the host before connecting, then connects to
    a checked address (Host header and SNI keep the name): no second DNS lookup happens. When
    connecting to one address fails, the next checked one is tried (IPv6 then IPv4, say).

    Connections are pooled by address, so HTTPS gets one pool per host name: a TLS connection
    verified for one name is never reused for another name that resolves to the same address."""

    def __init__(
        self,
        policy: ssrf.Policy,
        *,
        inner: httpx.BaseTransport | None = None,
        resolver: ssrf.Resolver | None = None,
    ) -> None:
        self.policy = policy
        self.resolver = resolver
        self._given = inner
        self._pools: dict[str, httpx.BaseTransport] = {}
        self._lock = threading.Lock()

    def _pool(self, scheme: str, host: str) -> httpx.BaseTransport:
        if self._given is not None:
            return self._given
        key = f"https://{host}" if scheme == "https" else "http"
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                pool = httpx.HTTPTransport(retries=0, trust_env=False)
                self._pools[key] = pool
            return pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        original = request.url
        host = original.host
        port = original.port or (443 if original.scheme == "https" else 80)
        addresses = ssrf.check_host(host, port, self.policy, resolver=self.resolver)
        pool = self._pool(original.scheme, host)
        for number, address in enumerate(addresses, start=1):
            pinned = str(address)
            if pinned != host:
                request.url = original.copy_with(host=pinned)
                if original.scheme == "https":
                    request.extensions = {**request.extensions, "sni_hostname": host}
            try:
                return pool.handle_request(request)
            except httpx.ConnectError:
                if number == len(addresses):
                    raise
        raise httpx.ConnectError(f"{host}: no address to connect to", request=request)

    def close(self) -> None:
        with self._lock:
            pools = list(self._pools.values())
            self._pools.clear()
        for pool in pools:
            pool.close()
        if self._given is not None:
            self._given.close()


def user_agent(settings: Any) -> str:
    agent = str(getattr(settings, "user_agent", "") or "newsdesk")
    contact = str(getattr(settings, "contact", "") or "").strip()
    return f"{agent} (contact: {contact})" if contact else agent


class Fetcher:
    """One fetcher per pass (or per ``watch``): holds the connection pool, the robots cache and
    the per-host limiter, shared by the worker threads."""

    def __init__(
        self,
        settings: Any,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: ssrf.Resolver | None = None,
        stop: threading.Event | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.settings = settings
        self.policy = ssrf.Policy.from_settings(settings)
        self.timeout = float(getattr(settings, "fetch_timeout", 20.0))
        self.max_bytes = int(getattr(settings, "fetch_max_bytes", 10_000_000))
        self.max_redirects = int(getattr(settings, "fetch_max_redirects", 5))
        self.retries = int(getattr(settings, "fetch_retries", 3))
        self.backoff = float(getattr(settings, "fetch_backoff", 1.0))
        self.max_retry_after = float(getattr(settings, "fetch_max_retry_after", 120.0))
        self.stop = stop or threading.Event()
        self._sleep = sleep
        self.agent = user_agent(settings)
        self.limiter = HostLimiter(
            float(getattr(settings, "host_delay", 1.0)),
            int(getattr(settings, "host_concurrency", 2)),
        )
        headers = {"User-Agent": self.agent}
        contact = str(getattr(settings, "contact", "") or "").strip()
        if "@" in contact:
            headers["From"] = contact
        self.client = httpx.Client(
            transport=GuardedTransport(self.policy, inner=transport, resolver=resolver),
            headers=headers,
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            trust_env=False,
        )
        self.robots = RobotsCache(self._fetch_robots, agent="newsdesk", limiter=self.limiter)
        self.requests = 0  # requests sent (every hop and retry), for reports
        self._count = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ public

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: tuple[str, ...] = (),
        max_bytes: int | None = None,
    ) -> Response:
        """GET ``url`` (see the module docstring). ``accept``: content-type prefixes wanted
        (empty: any); others fail as ``wrong-type`` before their body is read."""
        limit = max_bytes or self.max_bytes
        seen: list[str] = []
        current = self._checked(url)
        while True:
            why = self.robots.refusal(current)
            if why:
                temporary = why != "disallowed by robots.txt"
                kind = "robots-unreachable" if temporary else "disallowed"
                raise FetchFailed(current, why, category=kind)
            response = self._with_retries(current, etag, last_modified, accept, limit)
            if response.status not in REDIRECTS:
                response.url = url
                response.redirects = seen
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchFailed(
                    current,
                    f"HTTP {response.status} without a Location",
                    category="http",
                    status=response.status,
                )
            seen.append(current)
            target = self._checked(urljoin(current, location), via=current)
            if target in seen:
                raise FetchFailed(
                    url, f"redirect loop ({' -> '.join([*seen, target])})", category="redirects"
                )
            if len(seen) > self.max_redirects:
                raise FetchFailed(
                    url,
                    f"more than {self.max_redirects} redirects (fetch_max_redirects)",
                    category="redirects",
                )
            current = target

    # ------------------------------------------------------------------ steps

    def _checked(self, url: str, via: str | None = None) -> str:
        """``url`` when it may be asked for; hosts written as IP addresses (in any spelling)
        are judged here, names when the transport resolves them."""
        where = f" (redirected from {via})" if via else ""
        try:
            checked = check_url(url)
        except BadURL as e:
            raise FetchFailed(url, f"{e}{where}", category="bad-url") from e
        host = urlsplit(checked).hostname or ""
        literal = ssrf.literal_address(host)
        if literal is not None:
            why = ssrf.refusal(literal, self.policy)
            if why:
                raise FetchFailed(url, f"refused: {why}{where}", category="refused")
        return checked

    def _with_retries(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        accept: tuple[str, ...],
        limit: int,
    ) -> Response:
        attempt = 0
        while True:
            try:
                response = self._once(url, etag, last_modified, accept, limit)
            except FetchFailed as e:
                if e.category not in ("timeout", "network") or attempt >= self.retries:
                    raise
                delay = self._backoff(attempt)
                failure: FetchFailed = e
            else:
                if response.status not in RETRYABLE:
                    return response
                retry_after = parse_retry_after(response.headers.get("retry-after"))
                too_long = retry_after is not None and retry_after > self.max_retry_after
                reason = f"HTTP {response.status}"
                if retry_after is not None:
                    reason += f" (Retry-After {retry_after:g} s)"
                if too_long and attempt < self.retries:
                    reason += f": longer than fetch_max_retry_after ({self.max_retry_after:g} s)"
                failure = FetchFailed(
                    url, reason, category="server", status=response.status, retry_after=retry_after
                )
                if attempt >= self.retries or too_long:
                    raise failure
                delay = retry_after if retry_after is not None else self._backoff(attempt)
            attempt += 1
            if self._wait(delay):
                raise FetchFailed(
                    url,
                    f"stopped while waiting to retry after {failure.reason}",
                    category="stopped",
                )

    def _backoff(self, attempt: int) -> float:
        base = self.backoff * (2**attempt)
        return base + random.uniform(0, base / 2)

    def _wait(self, seconds: float) -> bool:
        """Sleep ``seconds``; True when stopped meanwhile."""
        if self._sleep is not None:
            self._sleep(seconds)
            return self.stop.is_set()
        return self.stop.wait(seconds)

    def _once(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        accept: tuple[str, ...],
        limit: int,
    ) -> Response:
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        key = host_key(url)
        with self.limiter.slot(key, self.stop) as turn:
            if not turn:
                raise FetchFailed(url, "stopped before the request was sent", category="stopped")
            with self._count:
                self.requests += 1
            return self._send(url, headers, accept, limit)

    def _send(
        self, url: str, headers: dict[str, str], accept: tuple[str, ...], limit: int
    ) -> Response:
        deadline = time.monotonic() + self.timeout
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                head = {k.lower(): v for k, v in r.headers.items()}
                response = Response(url=url, final_url=url, status=r.status_code, headers=head)
                if r.status_code in REDIRECTS or r.status_code == 304:
                    return response
                if r.status_code >= 400:
                    return self._error_status(url, response)
                if (
                    accept
                    and response.content_type
                    and not response.content_type.startswith(accept)
                ):
                    raise FetchFailed(
                        url,
                        f"unexpected content type {response.content_type}",
                        category="wrong-type",
                        status=r.status_code,
                    )
                declared = head.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchFailed(
                        url,
                        f"too large: {int(declared):,} bytes declared (limit {limit:,})",
                        category="too-large",
                        status=r.status_code,
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in r.iter_bytes(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise FetchFailed(
                            url,
                            f"too large: more than {limit:,} bytes (fetch_max_bytes)",
                            category="too-large",
                            status=r.status_code,
                        )
                    if time.monotonic() > deadline:
                        raise FetchFailed(
                            url,
                            f"too slow: body not read within {self.timeout:g} s",
                            category="timeout",
                        )
                    chunks.append(chunk)
                response.body = b"".join(chunks)
                return response
        except ssrf.AddressRefused as e:
            raise FetchFailed(url, e.reason, category="refused") from e
        except httpx.TimeoutException as e:
            raise FetchFailed(
                url, f"timed out after {self.timeout:g} s ({type(e).__name__})", category="timeout"
            ) from e
        except httpx.InvalidURL as e:
            raise FetchFailed(url, f"invalid URL: {e}", category="bad-url") from e
        except (httpx.TransportError, httpx.DecodingError) as e:
            raise FetchFailed(
                url, f"network error: {type(e).__name__}: {e}", category="network"
            ) from e

    @staticmethod
    def _error_status(url: str, response: Response) -> Response:
        status = response.status
        if status in RETRYABLE:
            return response
        if status == 410:
            raise FetchFailed(url, "HTTP 410 (gone)", category="gone", status=status)
        if status == 404:  # often a page listed before it is live: retried later
            raise FetchFailed(url, "HTTP 404 (not found)", category="http", status=status)
        raise FetchFailed(url, f"HTTP {status}", category="http", status=status)

    def _fetch_robots(self, url: str) -> tuple[int, str]:
        """robots.txt: (status, text); network failures count as 'unreachable' (status 0)."""
        try:
            response = self._with_retries(self._checked(url), None, None, (), 512_000)
            hops = 0
            while response.status in REDIRECTS and hops < self.max_redirects:
                target = urljoin(url, response.headers.get("location", ""))
                if urlsplit(target).scheme not in ("http", "https"):
                    break
                response = self._with_retries(self._checked(target), None, None, (), 512_000)
                hops += 1
        except FetchFailed as e:
            if e.category in ("refused", "bad-url", "stopped"):
                raise
            return (e.status or 0), ""
        return response.status, response.body.decode("utf-8", "replace")


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


__all__ = [
    "FetchFailed",
    "Fetcher",
    "GuardedTransport",
    "Response",
    "origin",
    "parse_retry_after",
    "user_agent",
]
