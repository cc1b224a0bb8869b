"""RSS 2.0 (``/feed.xml``) and Atom (``/atom.xml``) of the latest stories.

Built with ElementTree, so every text from the stories is escaped as XML text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from newsdesk.store import Store
from newsdesk.web import service
from newsdesk.web.routes_pages import get_store

router = APIRouter(include_in_schema=False)
FEED_ITEMS = 30
ATOM_NS = "http://www.w3.org/2005/Atom"
TITLE = "newsdesk — tin tổng hợp"
SUBTITLE = "Các câu chuyện mới nhất, mỗi câu chuyện kèm các nguồn của nó."


def _when(value: str | None) -> datetime:
    if value:
        try:
            parsed = datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return datetime(1970, 1, 1, tzinfo=UTC)


def _latest(store: Store) -> list[dict[str, Any]]:
    _, items = store.story_listing(limit=FEED_ITEMS, offset=0)
    return [service.story_summary(i) for i in items]


def rss(stories: list[dict[str, Any]], base: str) -> bytes:
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = TITLE
    ET.SubElement(channel, "link").text = base + "/"
    ET.SubElement(channel, "description").text = SUBTITLE
    ET.SubElement(channel, "language").text = "vi"
    ET.SubElement(
        channel,
        "atom:link",
        {"href": base + "/feed.xml", "rel": "self", "type": "application/rss+xml"},
    )
    if stories:
        newest = max(_when(s["updated_at"] or s["created_at"]) for s in stories)
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(newest)
    for s in stories:
        item = ET.SubElement(channel, "item")
        link = base + s["url"]
        ET.SubElement(item, "title").text = s["title"] or s["slug"]
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = "newsdesk:story:" + s["id"]
        ET.SubElement(item, "description").text = s["description"]
        ET.SubElement(item, "pubDate").text = format_datetime(_when(s["created_at"]))
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        root, encoding="utf-8", xml_declaration=False
    )


def atom(stories: list[dict[str, Any]], base: str) -> bytes:
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": "vi"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(root, "title", TITLE)
    sub(root, "subtitle", SUBTITLE)
    sub(root, "id", base + "/")
    sub(root, "link", href=base + "/atom.xml", rel="self")
    sub(root, "link", href=base + "/", rel="alternate")
    newest = max((_when(s["updated_at"] or s["created_at"]) for s in stories), default=_when(None))
    sub(root, "updated", newest.isoformat())
    author = sub(root, "author")
    sub(author, "name", "newsdesk")
    for s in stories:
        entry = sub(root, "entry")
        sub(entry, "title", s["title"] or s["slug"])
        sub(entry, "id", "urn:newsdesk:story:" + s["id"])
        sub(entry, "link", href=base + s["url"], rel="alternate")
        sub(entry, "published", _when(s["created_at"]).isoformat())
        sub(entry, "updated", _when(s["updated_at"] or s["created_at"]).isoformat())
        sub(entry, "summary", s["description"], type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        root, encoding="utf-8", xml_declaration=False
    )


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.api_route("/feed.xml", methods=["GET", "HEAD"])
def rss_feed(request: Request, store: Store = Depends(get_store)) -> Response:
    return Response(
        rss(_latest(store), _base(request)), media_type="application/rss+xml; charset=utf-8"
    )


@router.api_route("/atom.xml", methods=["GET", "HEAD"])
def atom_feed(request: Request, store: Store = Depends(get_store)) -> Response:
    return Response(
        atom(_latest(store), _base(request)), media_type="application/atom+xml; charset=utf-8"
    )
