"""The SSRF guard: private, link-local, metadata, mapped and oddly spelled addresses are refused
before any connection; redirects are checked the same way; the checked address is the one used."""

from __future__ import annotations

import ipaddress
import socket

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.sources import ssrf
from newsdesk.sources.http import Fetcher, FetchFailed, GuardedTransport

from .conftest import loopback_resolver, quick_settings

STRICT = ssrf.Policy()
LOOPBACK_OK = ssrf.Policy(allow_loopback=True)
PRIVATE_OK = ssrf.Policy(allow_loopback=True, allow_private_networks=True)

REFUSED_URLS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://10.255.1.2:8080/admin",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:a00:1::]/",
    "http://127.0.0.1/",
    "http://127.1/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://0x7f.0.0.1/",
    "http://017700000001/",
    "http://0/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://[::1]/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
]


class Recorder:
    """Stands in for every way a socket could be opened; any call is a failure of the guard."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[object] = []
        monkeypatch.setattr(socket, "create_connection", self._record)
        monkeypatch.setattr(socket.socket, "connect", self._record_method)
        monkeypatch.setattr(socket.socket, "connect_ex", self._record_method)

    def _record(self, *args: object, **kwargs: object) -> None:
        self.calls.append(args)
        raise AssertionError(f"a connection was attempted: {args}")

    def _record_method(self, sock: object, address: object) -> None:
        self._record(address)


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_refused_urls_never_connect(url: str, tmp_path, monkeypatch) -> None:
    lookups: list[str] = []

    def resolver(host: str, *args: object, **kwargs: object) -> list:
        lookups.append(host)
        return loopback_resolver(host, *args, **kwargs)

    recorder = Recorder(monkeypatch)
    settings = quick_settings(tmp_path, allow_loopback=False)
    with Fetcher(settings, resolver=resolver) as fetcher, pytest.raises(FetchFailed) as info:
        fetcher.fetch(url)
    assert info.value.category == "refused"
    assert info.value.reason.startswith("refused:")
    assert recorder.calls == []
    assert lookups == []  # numeric hosts are read, never looked up


def test_names_resolving_to_private_addresses_are_refused(tmp_path, monkeypatch) -> None:
    answers = {
        "metadata.google.internal": ["169.254.169.254"],
        "intranet.example": ["10.1.2.3"],
        "printer.example": ["192.168.0.20"],
        "v6-private.example": ["fd00::7"],
        "mixed.example": ["93.184.216.34", "10.0.0.8"],  # one bad answer refuses the host
        "mapped.example": ["::ffff:127.0.0.1"],
    }

    def resolver(host: str, port: int, *args: object, **kwargs: object) -> list:
        out = []
        for address in answers[host]:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            out.append((family, socket.SOCK_STREAM, 6, "", (address, port)))
        return out

    recorder = Recorder(monkeypatch)
    settings = quick_settings(tmp_path, allow_loopback=False)
    with Fetcher(settings, resolver=resolver) as fetcher:
        for host in answers:
            with pytest.raises(FetchFailed) as info:
                fetcher.fetch(f"http://{host}/page")
            assert info.value.category == "refused", host
            assert "resolves to" in info.value.reason
    assert recorder.calls == []


def test_allow_loopback_permits_loopback_only() -> None:
    assert ssrf.check_host("127.0.0.1", 80, LOOPBACK_OK) == [ipaddress.ip_address("127.0.0.1")]
    assert ssrf.check_host("::1", 80, LOOPBACK_OK) == [ipaddress.ip_address("::1")]
    assert ssrf.check_host("127.9.9.9", 80, LOOPBACK_OK)
    for host in ("10.0.0.1", "192.168.1.1", "169.254.169.254", "fd00::1", "0.0.0.0"):
        with pytest.raises(ssrf.AddressRefused):
            ssrf.check_host(host, 80, LOOPBACK_OK)


def test_allow_private_networks_still_refuses_link_local_and_metadata() -> None:
    for host in ("10.0.0.1", "172.31.255.1", "192.168.1.1", "fd12:3456::1", "100.100.1.1"):
        assert ssrf.check_host(host, 80, PRIVATE_OK)
    for host in ("169.254.169.254", "fe80::1", "224.0.0.251", "0.0.0.0", "240.0.0.1"):
        with pytest.raises(ssrf.AddressRefused):
            ssrf.check_host(host, 80, PRIVATE_OK)


def test_public_addresses_pass() -> None:
    assert ssrf.check_host("93.184.216.34", 443, STRICT) == [ipaddress.ip_address("93.184.216.34")]
    assert ssrf.check_host("2606:2800:220:1:248:1893:25c8:1946", 443, STRICT)


def test_redirect_to_metadata_is_refused_before_connecting(site, tmp_path, monkeypatch) -> None:
    connected: list[object] = []
    real_connect = socket.socket.connect

    def watch_connect(sock: socket.socket, address: object) -> object:
        connected.append(address)
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", watch_connect)
    settings = quick_settings(tmp_path)
    with (
        Fetcher(settings, resolver=loopback_resolver) as fetcher,
        pytest.raises(FetchFailed) as info,
    ):
        fetcher.fetch(site.url("/ngoai/metadata"))
    assert info.value.category == "refused"
    assert "169.254.169.254" in info.value.reason
    assert connected and all(a[0] == "127.0.0.1" for a in connected)  # type: ignore[index]
    assert [h.path for h in site.hits()] == ["/robots.txt", "/ngoai/metadata"]


def test_checked_address_is_pinned_against_dns_rebinding() -> None:
    """The resolver answers a public address first and a private one later: the connection
    goes to the first (checked) answer, the Host header and SNI keep the name."""
    answers = iter(["93.184.216.34", "10.0.0.9", "10.0.0.9"])
    seen: list[httpx.Request] = []

    def resolver(host: str, port: int, *args: object, **kwargs: object) -> list:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    transport = GuardedTransport(STRICT, inner=httpx.MockTransport(handler), resolver=resolver)
    with httpx.Client(transport=transport) as client:
        client.get("https://news.example/a")
    (request,) = seen
    assert request.url.host == "93.184.216.34"
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"


def test_only_http_and_https(tmp_path) -> None:
    settings = quick_settings(tmp_path)
    with Fetcher(settings, resolver=loopback_resolver) as fetcher:
        for url in (
            "file:///etc/passwd",
            "ftp://127.0.0.1/x",
            "gopher://127.0.0.1/",
            "http:///x",
            "http://user:pw@127.0.0.1/",
        ):
            with pytest.raises(FetchFailed) as info:
                fetcher.fetch(url)
            assert info.value.category == "bad-url", url


@given(
    st.integers(min_value=0, max_value=2**32 - 1), st.sampled_from(["dec", "hex", "oct", "parts"])
)
def test_ipv4_spellings_match_inet_aton(number: int, style: str) -> None:
    octets = number.to_bytes(4, "big")
    if style == "dec":
        text = str(number)
    elif style == "hex":
        text = hex(number)
    elif style == "oct":
        text = "0" + format(number, "o")
    else:
        text = ".".join(f"0{b:o}" if b % 2 else str(b) for b in octets)
    assert ssrf.parse_ipv4_spelling(text) == ipaddress.IPv4Address(socket.inet_aton(text))


@given(st.ip_addresses(v=4))
def test_mapped_forms_are_judged_as_their_ipv4(address: ipaddress.IPv4Address) -> None:
    mapped = ipaddress.IPv6Address("::ffff:" + str(address))
    assert (ssrf.refusal(mapped, STRICT) is None) == (ssrf.refusal(address, STRICT) is None)


def test_next_checked_address_is_tried_when_one_cannot_connect() -> None:
    tried: list[str] = []

    def resolver(host: str, port: int, *args: object, **kwargs: object) -> list:
        return [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("2001:db8::1", port, 0, 0)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
        ]

    def handler(request: httpx.Request) -> httpx.Response:
        tried.append(request.url.host)
        if ":" in request.url.host:
            raise httpx.ConnectError("no route", request=request)
        return httpx.Response(200, text="ok")

    permissive = ssrf.Policy()
    transport = GuardedTransport(permissive, inner=httpx.MockTransport(handler), resolver=resolver)
    # 2001:db8::/32 is documentation space: refused like any non-public address
    with httpx.Client(transport=transport) as client, pytest.raises(ssrf.AddressRefused):
        client.get("http://news.example/a")

    def public_resolver(host: str, port: int, *args: object, **kwargs: object) -> list:
        return [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("2606:4700::6810:84e5", port, 0, 0)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
        ]

    transport = GuardedTransport(
        permissive, inner=httpx.MockTransport(handler), resolver=public_resolver
    )
    with httpx.Client(transport=transport) as client:
        assert client.get("http://news.example/a").text == "ok"
    assert tried == ["2606:4700::6810:84e5", "93.184.216.34"]


def test_https_pools_are_kept_apart_per_host_name() -> None:
    transport = GuardedTransport(STRICT)
    try:
        a = transport._pool("https", "a.example")
        assert transport._pool("https", "a.example") is a
        assert transport._pool("https", "b.example") is not a  # same address or not
        assert transport._pool("http", "a.example") is transport._pool("http", "b.example")
    finally:
        transport.close()


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/ngoai/noi-bo", "refused: resolves to 10.0.0.7 is in a private network"),
        ("/ngoai/v6", "refused: fd00::1 is in a private network"),
    ],
)
def test_redirects_to_private_networks_are_refused(site, tmp_path, path: str, reason: str) -> None:
    lookups: list[str] = []

    def resolver(host: str, port: int, *args: object, **kwargs: object) -> list:
        lookups.append(host)
        if host == "intranet.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port))]
        return loopback_resolver(host, port, *args, **kwargs)

    settings = quick_settings(tmp_path)  # loopback allowed, private networks not
    with Fetcher(settings, resolver=resolver) as fetcher, pytest.raises(FetchFailed) as info:
        fetcher.fetch(site.url(path))
    assert info.value.category == "refused"
    assert info.value.reason.startswith(reason)
    assert [h.path for h in site.hits()] == ["/robots.txt", path]
