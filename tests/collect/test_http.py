"""The fetcher's rules on a swapped transport (httpx.MockTransport under the guard): redirects,
retries and Retry-After, size limits, robots.txt per redirect hop. Nothing leaves the process."""

from __future__ import annotations

import socket

import httpx
import pytest

from newsdesk.sources.http import Fetcher, FetchFailed

from .conftest import quick_settings

PUBLIC = "93.184.216.34"


def public_resolver(host: str, port: int, *args: object, **kwargs: object) -> list:
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC, port))]


class Site:
    """Answers by (host, path); records what was asked."""

    def __init__(self, routes: dict[tuple[str, str], object]) -> None:
        self.routes = routes
        self.asked: list[tuple[str, str, dict[str, str]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        host = request.headers["host"]
        self.asked.append((host, request.url.path, dict(request.headers)))
        answer = self.routes.get((host, request.url.path))
        if answer is None:
            return httpx.Response(404)
        if callable(answer):
            return answer(request)
        return answer  # type: ignore[return-value]


def fetcher(tmp_path, site: Site, sleeps: list[float] | None = None, **settings) -> Fetcher:
    recorded = sleeps if sleeps is not None else []
    return Fetcher(
        quick_settings(tmp_path, **settings),
        transport=httpx.MockTransport(site),
        resolver=public_resolver,
        sleep=recorded.append,
    )


def robots(text: str = "") -> httpx.Response:
    return httpx.Response(200, text=text)


def test_redirect_chain_limit_and_robots_per_hop(tmp_path) -> None:
    site = Site(
        {
            ("a.example", "/robots.txt"): robots(),
            ("a.example", "/1"): httpx.Response(301, headers={"Location": "/2"}),
            ("a.example", "/2"): httpx.Response(302, headers={"Location": "https://b.example/3"}),
            ("b.example", "/robots.txt"): robots("User-agent: *\nDisallow: /secret\n"),
            ("b.example", "/3"): httpx.Response(307, headers={"Location": "/secret"}),
            ("a.example", "/ok"): httpx.Response(301, headers={"Location": "/final"}),
            ("a.example", "/final"): httpx.Response(
                200, text="<p>here</p>", headers={"ETag": '"e1"'}
            ),
        }
    )
    with fetcher(tmp_path, site, fetch_max_redirects=2) as f:
        with pytest.raises(FetchFailed, match=r"more than 2 redirects \(fetch_max_redirects\)"):
            f.fetch("http://a.example/1")
        response = f.fetch("http://a.example/ok")
    assert (response.status, response.final_url, response.redirects) == (
        200,
        "http://a.example/final",
        ["http://a.example/ok"],
    )
    assert response.url == "http://a.example/ok" and response.etag == '"e1"'
    with fetcher(tmp_path, site, fetch_max_redirects=5) as f, pytest.raises(FetchFailed) as info:
        f.fetch("http://a.example/1")
    assert (info.value.category, info.value.reason) == ("disallowed", "disallowed by robots.txt")
    assert ("b.example", "/secret") not in [(h, p) for h, p, _ in site.asked]


def test_redirect_to_another_scheme_is_refused(tmp_path) -> None:
    site = Site(
        {
            ("a.example", "/robots.txt"): robots(),
            ("a.example", "/x"): httpx.Response(302, headers={"Location": "file:///etc/passwd"}),
        }
    )
    with fetcher(tmp_path, site) as f, pytest.raises(FetchFailed) as info:
        f.fetch("http://a.example/x")
    assert info.value.category == "bad-url"
    assert (
        "scheme: file" in info.value.reason
        and "redirected from http://a.example/x" in info.value.reason
    )


def test_retries_with_backoff_and_retry_after(tmp_path) -> None:
    answers = iter(
        [
            httpx.Response(503),
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(200, text="fine"),
        ]
    )
    site = Site(
        {("a.example", "/robots.txt"): robots(), ("a.example", "/p"): lambda r: next(answers)}
    )
    sleeps: list[float] = []
    with fetcher(
        tmp_path, site, sleeps, fetch_retries=3, fetch_backoff=0.5, fetch_max_retry_after=10.0
    ) as f:
        assert f.fetch("http://a.example/p").body == b"fine"
    assert 0.5 <= sleeps[0] <= 0.75  # backoff with jitter
    assert sleeps[1] == 7.0  # Retry-After honoured


def test_retry_after_too_long_fails_for_now(tmp_path) -> None:
    site = Site(
        {
            ("a.example", "/robots.txt"): robots(),
            ("a.example", "/p"): httpx.Response(429, headers={"Retry-After": "3600"}),
        }
    )
    with (
        fetcher(tmp_path, site, fetch_max_retry_after=60.0) as f,
        pytest.raises(FetchFailed) as info,
    ):
        f.fetch("http://a.example/p")
    assert info.value.retry_after == 3600.0
    assert (
        info.value.reason
        == "HTTP 429 (Retry-After 3600 s): longer than fetch_max_retry_after (60 s)"
    )
    assert len([p for _, p, _ in site.asked if p == "/p"]) == 1


def test_retries_run_out(tmp_path) -> None:
    site = Site({("a.example", "/robots.txt"): robots(), ("a.example", "/p"): httpx.Response(502)})
    sleeps: list[float] = []
    with fetcher(tmp_path, site, sleeps, fetch_retries=2) as f, pytest.raises(FetchFailed) as info:
        f.fetch("http://a.example/p")
    assert (info.value.category, info.value.status, info.value.reason) == (
        "server",
        502,
        "HTTP 502",
    )
    assert len(sleeps) == 2


def test_size_limits(tmp_path) -> None:
    big = b"x" * 5000
    site = Site(
        {
            ("a.example", "/robots.txt"): robots(),
            ("a.example", "/declared"): httpx.Response(
                200, content=big, headers={"Content-Type": "text/html"}
            ),
            ("a.example", "/streamed"): httpx.Response(
                200, stream=httpx.ByteStream(big), headers={"Content-Type": "text/html"}
            ),
        }
    )
    with fetcher(tmp_path, site, fetch_max_bytes=1000) as f:
        with pytest.raises(FetchFailed, match=r"too large: 5,000 bytes declared \(limit 1,000\)"):
            f.fetch("http://a.example/declared")
        with pytest.raises(FetchFailed, match=r"too large: more than 1,000 bytes"):
            f.fetch("http://a.example/streamed")


def test_conditional_headers_and_304(tmp_path) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(200, text="<p>x</p>", headers={"ETag": '"v1"'})

    site = Site({("a.example", "/robots.txt"): robots(), ("a.example", "/p"): page})
    with fetcher(tmp_path, site) as f:
        response = f.fetch(
            "http://a.example/p", etag='"v1"', last_modified="Mon, 03 Nov 2025 02:00:00 GMT"
        )
    assert response.not_modified and response.body == b""
    _, _, headers = site.asked[-1]
    assert headers["if-modified-since"] == "Mon, 03 Nov 2025 02:00:00 GMT"


def test_robots_unreachable_means_nothing_is_fetched(tmp_path) -> None:
    site = Site(
        {
            ("a.example", "/robots.txt"): httpx.Response(503),
            ("a.example", "/p"): httpx.Response(200, text="x"),
        }
    )
    with fetcher(tmp_path, site, fetch_retries=0) as f, pytest.raises(FetchFailed) as info:
        f.fetch("http://a.example/p")
    assert info.value.category == "robots-unreachable"  # a failure retried later, not final
    assert (
        info.value.reason
        == "robots.txt unreachable (HTTP 503): the site is not fetched until it answers"
    )
    assert [p for _, p, _ in site.asked] == ["/robots.txt"]
