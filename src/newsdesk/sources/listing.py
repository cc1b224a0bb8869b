"""Listing pages (a section front, a "latest news" list) -> article links, by CSS selector.

The selector picks the elements that stand for articles (selectolax). An element that is a link
gives its ``href``; otherwise its first link inside, or the link around it; the image inside
(``data-src`` for lazy-loaded ones) is the link's thumbnail. Without a selector,
links that wrap an image are taken (the usual news list: a thumbnail inside a link to the
article). Links are made absolute against the page (``<base href>`` honoured) and only those on
the listing's own site are kept (its registered domain: section subdomains count), each once,
in page order.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from newsdesk.sources.urls import Link, resolve_link, same_site

DEFAULT_SELECTOR = "a[href]:has(img)"


class BadSelector(ValueError):
    pass


def _href(node: LexborNode) -> str | None:
    if node.tag == "a" and node.attributes.get("href"):
        return node.attributes.get("href")
    inner = node.css_first("a[href]")
    if inner is not None:
        return inner.attributes.get("href")
    parent = node.parent
    while parent is not None:
        if parent.tag == "a" and parent.attributes.get("href"):
            return parent.attributes.get("href")
        parent = parent.parent
    return None


def _title(node: LexborNode) -> str | None:
    text = " ".join(node.text(separator=" ").split())
    if text:
        return text
    image = node.css_first("img[alt]")
    alt = (image.attributes.get("alt") or "").strip() if image is not None else ""
    return alt or (node.attributes.get("title") or "").strip() or None


def _thumbnail(node: LexborNode, base: str) -> str | None:
    """The image shown with the link: in the element, else in the link around it."""
    image = node.css_first("img")
    parent = node.parent
    while image is None and parent is not None:
        if parent.tag == "a":
            image = parent.css_first("img")
            break
        parent = parent.parent
    if image is None:
        return None
    attrs = image.attributes
    src = attrs.get("data-src") or attrs.get("data-original") or attrs.get("src") or ""
    if src.startswith("data:"):
        return None
    return resolve_link(base, src)


def listing_links(
    html: str, page_url: str, selector: str | None = None, *, same_site_only: bool = True
) -> list[Link]:
    tree = LexborHTMLParser(html)
    base = page_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = resolve_link(page_url, base_node.attributes.get("href") or "") or page_url
    try:
        nodes = tree.css(selector or DEFAULT_SELECTOR)
    except (SelectolaxError, ValueError) as e:
        raise BadSelector(f"bad CSS selector {selector!r}: {e}") from e
    links: list[Link] = []
    seen: set[str] = set()
    for node in nodes:
        href = _href(node)
        url = resolve_link(base, href) if href else None
        if not url or url in seen:
            continue
        if same_site_only and not same_site(url, page_url):
            continue
        seen.add(url)
        links.append(Link(url, None, _title(node), _thumbnail(node, base)))
    return links
