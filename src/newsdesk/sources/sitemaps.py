"""XML sitemaps, sitemap indexes and Google News sitemaps -> article links.

``parse_sitemap(body, base_url)`` reads one document (gzip-compressed or not) and says what it
is: an index (its ``<sitemap><loc>`` children, to be fetched in turn) or a URL set (its
``<url><loc>`` links, with ``<lastmod>`` or ``<news:publication_date>`` as the hint and
``<news:title>`` as the title, ``<image:image><image:loc>`` as the thumbnail). Namespaces are matched by local name, so sitemaps with missing or
odd namespaces still read. The XML parser resolves no entities and fetches nothing, and gzip is
inflated with a size cap (no decompression bombs).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from lxml import etree

from newsdesk.sources.schedule import hint_stamp
from newsdesk.sources.urls import Link, resolve_link

MAX_INFLATED = 50_000_000  # the sitemap protocol caps a file at 50 MB uncompressed


class NotASitemap(ValueError):
    pass


@dataclass(slots=True)
class Sitemap:
    kind: str  # "index" | "urlset"
    links: list[Link] = field(default_factory=list)  # articles (urlset) or child sitemaps (index)


def inflate(body: bytes, limit: int = MAX_INFLATED) -> bytes:
    """``body`` un-gzipped when it is gzip, else as it is; NotASitemap past ``limit`` bytes."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error as e:
        raise NotASitemap(f"broken gzip: {e}") from e
    if len(out) > limit or inflater.unconsumed_tail:
        raise NotASitemap(f"gzip sitemap inflates past {limit:,} bytes")
    return out


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *names: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return None


def _image_loc(item: etree._Element, base_url: str) -> str | None:
    """``<image:image><image:loc>`` of an image sitemap entry."""
    for child in item:
        if _local(child.tag) == "image":
            loc = _child_text(child, "loc")
            if loc:
                return resolve_link(base_url, loc)
    return None


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    data = inflate(body)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
    )
    try:
        root = etree.fromstring(data.lstrip(), parser=parser)
    except etree.XMLSyntaxError as e:
        raise NotASitemap(f"not XML: {e}") from e
    if root is None:
        raise NotASitemap("empty or unreadable XML")
    kind = _local(root.tag)
    if kind == "sitemapindex":
        item_tag = "sitemap"
    elif kind == "urlset":
        item_tag = "url"
    else:
        raise NotASitemap(f"not a sitemap (root element <{kind}>)")
    links: list[Link] = []
    seen: set[str] = set()
    for item in root:
        if _local(item.tag) != item_tag:
            continue
        loc = None
        for child in item:
            if _local(child.tag) == "loc" and child.text:
                loc = child.text.strip()
                break
        url = resolve_link(base_url, loc) if loc else None
        if not url or url in seen:
            continue
        seen.add(url)
        hint = hint_stamp(_child_text(item, "lastmod", "publication_date"))
        title = _child_text(item, "title") if item_tag == "url" else None
        image = _image_loc(item, base_url) if item_tag == "url" else None
        links.append(Link(url, hint, title, image))
    return Sitemap("index" if item_tag == "sitemap" else "urlset", links)
