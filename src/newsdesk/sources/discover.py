"""One followed source -> the article links it lists now.

``discover(fetcher, source, *, validators) -> Discovery`` by kind:

    page      the page itself is the one link (no request here; the page is fetched as an
              article)
    feed      the feed fetched with a conditional GET; 304 or the same bytes as last time
              means nothing new (``Discovery.unchanged``); else its entries' links
    sitemap   the same for the sitemap; an index's child sitemaps are fetched in turn (each
              with its own validators, at most ``MAX_CHILDREN`` of them, ``MAX_DEPTH`` deep),
              links newest first by ``lastmod`` / news publication date
    listing   the listing page, its article links found by the source's CSS selector

The validators of the source (and of child sitemaps) come back in the result; the caller stores
them together with the links it queues, in one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from newsdesk.errors import ReadError
from newsdesk.sources.feeds import NotAFeed, feed_links
from newsdesk.sources.http import Fetcher, FetchFailed, Response
from newsdesk.sources.listing import BadSelector, listing_links
from newsdesk.sources.pages import decode_page
from newsdesk.sources.sitemaps import NotASitemap, parse_sitemap
from newsdesk.sources.urls import Link

MAX_CHILDREN = 50
MAX_DEPTH = 3


class SourceFailed(FetchFailed):
    """A source could not be read (fetched but not understood, or not fetched)."""


@dataclass(slots=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None

    @classmethod
    def of(cls, row: dict[str, Any] | None) -> Validators:
        if not row:
            return cls()
        return cls(row.get("etag"), row.get("last_modified"), row.get("content_hash"))

    def as_dict(self) -> dict[str, str | None]:
        return {
            "etag": self.etag,
            "last_modified": self.last_modified,
            "content_hash": self.content_hash,
        }


@dataclass(slots=True)
class Discovery:
    links: list[Link] = field(default_factory=list)
    unchanged: bool = False
    validators: Validators = field(default_factory=Validators)
    children: dict[str, Validators] = field(default_factory=dict)  # child sitemap -> validators
    notes: list[str] = field(default_factory=list)
    partial: bool = False  # a child sitemap failed: keep no validators, read it all next time


def _conditional(
    fetcher: Fetcher, url: str, known: Validators
) -> tuple[Response, Validators, bool]:
    """(response, new validators, unchanged?)."""
    response = fetcher.fetch(url, etag=known.etag, last_modified=known.last_modified)
    if response.not_modified:
        return response, known, True
    digest = hashlib.sha256(response.body).hexdigest()
    fresh = Validators(response.etag, response.last_modified, digest)
    return response, fresh, digest == known.content_hash


def discover(
    fetcher: Fetcher,
    source: dict[str, Any],
    *,
    children: dict[str, Validators] | None = None,
) -> Discovery:
    url = source["url"]
    kind = source["kind"]
    if kind == "page":
        return Discovery(links=[Link(url)])
    known = Validators.of(source)
    response, fresh, unchanged = _conditional(fetcher, url, known)
    if unchanged:
        return Discovery(unchanged=True, validators=fresh)
    result = Discovery(validators=fresh)
    try:
        if kind == "feed":
            result.links = feed_links(
                response.body, response.final_url, content_type=response.headers.get("content-type")
            )
        elif kind == "listing":
            utf8, _ = decode_page(response.body, response.charset, url)
            result.links = listing_links(
                utf8.decode("utf-8"), response.final_url, source.get("selector")
            )
        elif kind == "sitemap":
            _sitemap(fetcher, response, children or {}, result, depth=0)
            result.links.sort(key=lambda link: link.hint or "", reverse=True)
        else:
            raise SourceFailed(url, f"unknown source kind {kind!r}", category="bad-url")
    except (NotAFeed, NotASitemap, BadSelector, ReadError) as e:
        reason = e.reason if isinstance(e, ReadError) else str(e)
        raise SourceFailed(url, reason, category="unreadable", status=response.status) from e
    return result


def _sitemap(
    fetcher: Fetcher,
    response: Response,
    known_children: dict[str, Validators],
    result: Discovery,
    *,
    depth: int,
) -> None:
    sitemap = parse_sitemap(response.body, response.final_url)
    if sitemap.kind == "urlset":
        result.links.extend(sitemap.links)
        return
    if depth >= MAX_DEPTH:
        result.notes.append(f"{response.final_url}: sitemap index nested too deep, skipped")
        return
    children = sorted(sitemap.links, key=lambda link: link.hint or "", reverse=True)
    if len(children) > MAX_CHILDREN:
        result.notes.append(
            f"{response.final_url}: {len(children)} child sitemaps, the newest {MAX_CHILDREN} read"
        )
    for child in children[:MAX_CHILDREN]:
        known = known_children.get(child.url, Validators())
        try:
            child_response, fresh, unchanged = _conditional(fetcher, child.url, known)
        except FetchFailed as e:
            result.notes.append(f"{child.url}: {e.reason}")
            result.partial = True
            if e.category == "stopped":
                return
            continue
        result.children[child.url] = fresh
        if unchanged:
            continue
        try:
            _sitemap(fetcher, child_response, known_children, result, depth=depth + 1)
        except NotASitemap as e:
            result.notes.append(f"{child.url}: {e}")
            result.partial = True
