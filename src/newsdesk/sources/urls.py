"""URLs: the canonical form an article is known by, and the checks every URL passes.

``canonical(url)`` is the identity of a page: courlan drops tracking parameters (utm_*, fbclid,
...) and the fragment, sorts the query and lowercases scheme and host; then ``www.``, default
ports and trailing slashes go. Two links to the same article give the same canonical URL, so the
article is fetched once and its later versions become revisions of one source. The URL that is
actually requested keeps its ``www.`` (some sites need it); only the identity drops it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import extract_domain, normalize_url

SCHEMES = ("http", "https")


class BadURL(ValueError):
    """Not an http(s) URL newsdesk can fetch; the message says why."""


def check_url(url: str) -> str:
    """``url`` stripped, or BadURL: only absolute http and https URLs with a host pass."""
    text = (url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError as e:
        raise BadURL(f"not a URL: {e}") from e
    if parts.scheme.lower() not in SCHEMES:
        shown = parts.scheme or "none"
        raise BadURL(f"only http and https URLs are fetched (scheme: {shown})")
    if not parts.hostname:
        raise BadURL("URL without a host")
    if parts.username or parts.password:
        raise BadURL("URLs with credentials are not fetched")
    try:
        _ = parts.port
    except ValueError as e:
        raise BadURL(f"bad port: {e}") from e
    return text


def fetchable(url: str) -> str:
    """The form of ``url`` that is requested: checked, fragment dropped, tracking removed."""
    text = check_url(url)
    try:
        cleaned = normalize_url(text, strict=False, trailing_slash=True)
    except ValueError:
        cleaned = text
    return urlunsplit(urlsplit(cleaned)._replace(fragment=""))


def canonical(url: str) -> str:
    """The identity of the page at ``url`` (see the module docstring)."""
    text = check_url(url)
    try:
        cleaned = normalize_url(text, strict=False, trailing_slash=False)
    except ValueError:
        cleaned = text
    parts = urlsplit(cleaned)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = (
        host
        if port is None or (scheme, port) in (("http", 80), ("https", 443))
        else f"{host}:{port}"
    )
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def host_key(url: str) -> str:
    """The host a URL is rate-limited under (lowercase, port kept when not the default)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port
    if port is None or (parts.scheme, port) in (("http", 80), ("https", 443)):
        return host
    return f"{host}:{port}"


def origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url`` (where its robots.txt lives)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "", "", ""))


def resolve_link(base: str, href: str) -> str | None:
    """``href`` made absolute against ``base``; None for javascript:, mailto:, data: and the like."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    absolute = urljoin(base, href)
    if urlsplit(absolute).scheme.lower() not in SCHEMES:
        return None
    return absolute


def same_site(a: str, b: str) -> bool:
    """True when both URLs belong to one registered domain (``thethao.tuoitre.vn`` and
    ``tuoitre.vn``; ``www3.nhk.or.jp`` and ``www.nhk.or.jp``, by the public suffix list); for IP
    addresses and bare names, when the hosts are the same."""
    ha = (urlsplit(a).hostname or "").lower().removeprefix("www.")
    hb = (urlsplit(b).hostname or "").lower().removeprefix("www.")
    if not ha or not hb:
        return False
    if ha == hb:
        return True
    da, db = extract_domain(a), extract_domain(b)
    return bool(da) and da == db


@dataclass(slots=True)
class Link:
    """An article link a source gave: its URL, when the source says it last changed (a UTC
    stamp, or None), the title and the thumbnail the source shows."""

    url: str
    hint: str | None = None
    title: str | None = None
    image: str | None = None  # the thumbnail the source shows with the link (absolute URL)
