"""Pick a document's shape from its content (never from its file name).

feed                  an XML document whose root is <rss>, <feed> (Atom) or <rdf:RDF>
html                  a document that starts with a doctype or <html>, or is mostly tags
jsonl                 lines of JSON objects (or one JSON array / object)
markdown_frontmatter  YAML frontmatter between "---" lines, or Markdown headings and images
dated_text            a first line " date YYYY-MM-DD ..."
scraped_text          page text with Markdown-table residue ("![]() |", "| ... |" rows)
plain_text            anything else
"""

from __future__ import annotations

import re

DATED_FIRST_LINE = re.compile(
    r"^[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}(?::\d{2})?))?(?=\s|$)[ \t]*",
    re.IGNORECASE,
)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(
    r"</?(?:p|div|span|a|article|section|br|h[1-6]|ul|li|img|table)\b[^>]*>", re.IGNORECASE
)
_JSON_START = re.compile(r"\{\s*(?:\"|\})|\[\s*(?:\{|\])")  # an object, or an array of them
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_IMAGE_RESIDUE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*\|\s*$")
_MD_HEADING = re.compile(r"^#{1,3} \S", re.MULTILINE)
_MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]+\)\s*$", re.MULTILINE)


def detect_shape(text: str) -> str:
    """The shape name (one of ``model.SHAPES``) that fits ``text`` best."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    lowered = head.lower()
    if lowered.startswith(("<?xml", "<rss", "<feed")) and _FEED_ROOT.search(head):
        return "feed"
    if _HTML_START.match(head):
        return "html"
    if head.startswith("<") and _FEED_ROOT.match(head):
        return "feed"
    if _JSON_START.match(head):
        return "jsonl"
    if head.startswith("---\n") or head.startswith("---\r\n"):
        return "markdown_frontmatter"
    if DATED_FIRST_LINE.match(text):
        return "dated_text"
    if head.startswith("<") and len(_TAG.findall(head)) >= 3:
        return "html"
    lines = text.splitlines()
    rows = sum(1 for line in lines if _TABLE_ROW.match(line))
    if any(_IMAGE_RESIDUE.match(line) for line in lines[:50]) or rows >= 2:
        return "scraped_text"
    if looks_like_markdown(text):
        return "markdown_frontmatter"
    return "plain_text"


def looks_like_markdown(text: str) -> bool:
    """ATX headings together with images or several headings: Markdown, not plain text."""
    headings = len(_MD_HEADING.findall(text))
    images = len(_MD_IMAGE.findall(text))
    return (headings >= 1 and images >= 1) or headings >= 2
