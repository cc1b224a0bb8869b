"""RSS and Atom feed files: one article per entry (feedparser).

An entry's text is its full content when the feed carries it, else its summary; the HTML is
turned into paragraphs here (images kept with their alt text). An entry's source is its link
(or id), so the same entry in a later copy of the feed is the same article, and a changed entry
is a new revision. A feed that is not well-formed XML is rejected whole.
"""

from __future__ import annotations

import re
from typing import Any

import feedparser
from lxml import html as lxml_html
from lxml.etree import LxmlError, ParserError

from newsdesk.errors import ReadError
from newsdesk.model import Image
from newsdesk.read.dates import iso_datetime
from newsdesk.read.draft import Draft

SHAPE = "feed"
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figcaption",
        "figure",
        "section",
        "article",
        "tr",
        "ul",
        "ol",
        "table",
        "pre",
    ]
)


def read(text: str, source: str) -> list[Draft | ReadError]:
    data = _XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1).encode("utf-8")
    parsed = feedparser.parse(data)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride):
        line = getattr(problem, "getLineNumber", lambda: None)()
        where = f" at line {line}" if line else ""
        raise ReadError(source, f"malformed feed{where}: {problem}")
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        raise ReadError(source, "not an RSS or Atom feed")
    if not parsed.entries:
        raise ReadError(source, "feed without entries")
    outlet = (parsed.feed.get("title") or "").strip() or None
    out: list[Draft | ReadError] = []
    for number, entry in enumerate(parsed.entries, start=1):
        item = entry.get("link") or entry.get("id") or f"{source}#{number}"
        try:
            out.append(_entry(entry, item, outlet))
        except ReadError as e:
            out.append(e)
    return out


def _entry(entry: Any, item: str, outlet: str | None) -> Draft:
    content = ""
    if entry.get("content"):
        content = max((c.get("value") or "" for c in entry.content), key=len)
    summary = entry.get("summary") or ""
    fragment = content if len(content) >= len(summary) else summary
    text, images = fragment_text(fragment)
    if not text.strip():
        raise ReadError(item, "feed entry without text (no content and no summary)")
    published = None
    for key in ("published", "updated", "created"):
        if entry.get(key):
            published = iso_datetime(entry.get(key)) or iso_datetime(entry.get(key + "_parsed"))
            if published:
                break
    raw_author = entry.get("author") or ""
    if "@" in raw_author:  # RSS "email (Name)": read it ourselves, feedparser cuts long TLDs
        authors = [_person(raw_author)]
    else:
        authors = [_person(a.get("name", "")) for a in entry.get("authors", []) if a.get("name")]
        if not authors and raw_author:
            authors = [_person(raw_author)]
    authors = [a for a in authors if a]
    for enclosure in entry.get("enclosures", []):
        if str(enclosure.get("type", "")).startswith("image/") and enclosure.get("href"):
            images.insert(0, Image(src=enclosure["href"]))
    for media in entry.get("media_content", []):
        if media.get("url") and str(media.get("medium", "image")) == "image":
            images.insert(0, Image(src=media["url"]))
    title = (entry.get("title") or "").strip() or None
    return Draft.single(
        item,
        SHAPE,
        text,
        title=title,
        published=published,
        url=entry.get("link"),
        authors=authors,
        outlet=outlet,
        images=_unique(images),
    )


def fragment_text(fragment: str) -> tuple[str, list[Image]]:
    """An HTML fragment as paragraphs separated by blank lines, and the images it shows."""
    if not fragment.strip():
        return "", []
    if "<" not in fragment:
        return fragment, []
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (LxmlError, ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment), []
    parts: list[str] = []
    images: list[Image] = []
    _walk(root, parts, images)
    text = "".join(parts)
    paragraphs = [re.sub(r"[ \t\xa0]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p), images


def _walk(node: Any, parts: list[str], images: list[Image]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in ("script", "style"):
        parts.append(node.tail or "")
        return
    if tag == "img":
        src = node.get("src") or node.get("data-src")
        if src:
            images.append(Image(src=src, caption=(node.get("alt") or "").strip() or None))
    if tag == "br":
        parts.append("\n\n")
    block = tag in _BLOCKS
    if block:
        parts.append("\n\n")
    parts.append((node.text or "").replace("\n", " "))
    for child in node:
        _walk(child, parts, images)
    if block:
        parts.append("\n\n")
    parts.append((node.tail or "").replace("\n", " "))


def _person(value: str) -> str:
    """A name without the e-mail address RSS puts around it ("x@y.vn (Quang Huy)")."""
    value = value.strip()
    m = re.match(r"^\S+@\S+\s*\((?P<name>[^)]+)\)$", value)
    if m:
        return m.group("name").strip()
    return "" if re.fullmatch(r"\S+@\S+", value) else value


def _unique(images: list[Image]) -> list[Image]:
    seen: set[str] = set()
    out = []
    for image in images:
        if image.src not in seen:
            seen.add(image.src)
            out.append(image)
    return out
