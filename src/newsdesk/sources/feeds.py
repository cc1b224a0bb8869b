"""Remote RSS and Atom feeds -> the article links they list (feedparser).

Only links are taken from a feed: each article is then fetched as a page and read in full by
the HTML reader, so a feed that carries summaries only loses nothing. An entry's ``updated`` (or
``published``) date becomes the link's hint; dates feedparser cannot read are simply no hint.
"""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime

import feedparser

from newsdesk.sources.schedule import hint_stamp, stamp
from newsdesk.sources.urls import Link, resolve_link


class NotAFeed(ValueError):
    pass


def feed_links(body: bytes, base_url: str, *, content_type: str | None = None) -> list[Link]:
    """The entries' links, in feed order, each once. NotAFeed when the body is no feed."""
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if problem else ""
        raise NotAFeed(f"not an RSS or Atom feed{detail}")
    links: list[Link] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        href = entry.get("link") or _alternate(entry) or _id_link(entry)
        url = resolve_link(base_url, href) if href else None
        if not url or url in seen:
            continue
        seen.add(url)
        title = (entry.get("title") or "").strip() or None
        links.append(Link(url, _entry_hint(entry), title, _entry_image(entry, base_url)))
    return links


def _entry_image(entry: dict, base_url: str) -> str | None:
    """The entry's picture: media:thumbnail, media:content, or an image enclosure."""
    for media in dict.get(entry, "media_thumbnail", None) or []:
        if media.get("url"):
            return resolve_link(base_url, media["url"])
    for media in dict.get(entry, "media_content", None) or []:
        if media.get("url") and str(media.get("medium", "image")) == "image":
            return resolve_link(base_url, media["url"])
    for link in entry.get("links", []):
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return resolve_link(base_url, link.get("href", ""))
    return None


def _alternate(entry: dict) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _id_link(entry: dict) -> str | None:
    ident = str(entry.get("id") or "")
    return ident if ident.startswith(("http://", "https://")) else None


def _entry_hint(entry: dict) -> str | None:
    # dict.get: feedparser's own get() maps missing keys onto others, with a warning
    for key in ("updated_parsed", "published_parsed"):
        value = dict.get(entry, key)
        if isinstance(value, time.struct_time):
            return stamp(datetime.fromtimestamp(calendar.timegm(value), tz=UTC))
    for key in ("updated", "published"):
        found = hint_stamp(dict.get(entry, key))
        if found:
            return found
    return None
