"""HTML pages: trafilatura finds the article text (as Markdown, images kept) and its metadata
(title, date, author, site name, lead image). ``source`` is the page's URL when it has one, so
relative image links resolve and the collect stage can hand fetched pages straight in."""

from __future__ import annotations

import re
from html import unescape

import trafilatura
from lxml import html as lxml_html
from lxml.etree import LxmlError

from newsdesk.errors import ReadError
from newsdesk.model import Image
from newsdesk.read import lexicon
from newsdesk.read.dates import iso_datetime
from newsdesk.read.draft import Draft, DraftSection
from newsdesk.read.markdown import split_sections
from newsdesk.understand.lang import detect_language

SHAPE = "html"
_TAG = re.compile(r"<[a-zA-Z!/][^>]*>")
_H1_LINE = re.compile(r"^[ \t]*#[ \t]+[^\n]*\n?", re.MULTILINE)


def read(text: str, source: str, *, shape: str = SHAPE) -> list[Draft | ReadError]:
    return [read_page(text, source, shape=shape)]


def read_page(html: str, source: str, *, shape: str = SHAPE, url: str | None = None) -> Draft:
    """One page to one draft, or ReadError when the page holds no article text."""
    if not _TAG.search(html):
        raise ReadError(source, "malformed HTML: no tags found")
    page_url = url or (source if source.startswith(("http://", "https://")) else None)
    try:
        body = trafilatura.extract(
            html,
            url=page_url,
            output_format="markdown",
            include_images=True,
            include_comments=False,
            include_tables=False,
            with_metadata=False,
        )
        meta = trafilatura.extract_metadata(html, default_url=page_url, extensive=False)
    except (LxmlError, ValueError, TypeError) as e:
        raise ReadError(source, f"malformed HTML: {e}") from e
    if not body or not body.strip():
        raise ReadError(source, "no article text found in the HTML page")
    _sections, headline = split_sections(body)
    if headline:  # the page's own headline leads the Markdown: it is the title, not body
        body = _H1_LINE.sub("", body, count=1)
    lead = page_lead(html, body)
    if lead and detect_language(f"{lead}\n{body}"[: lexicon.LANG_SAMPLE_CHARS]) in (
        lexicon.LEAD_IS_BODY_LANGUAGES
    ):
        body = f"{lead}\n\n{body.lstrip()}"
    title = (meta.title if meta else None) or headline
    published = iso_datetime(meta.date) if meta and meta.date else None
    if published:
        published = _with_time(html, published)
    authors = _authors(meta.author if meta else None)
    outlet = None
    if meta and meta.sitename:
        outlet = meta.sitename.strip() or None
    elif meta and meta.hostname:
        outlet = meta.hostname.removeprefix("www.")
    if title and (not outlet or outlet == title or outlet in title):
        outlet = _title_suffix(html, title) or (
            meta.hostname.removeprefix("www.") if meta and meta.hostname else None
        )
    images = [Image(src=meta.image)] if meta and meta.image else []
    images += figure_captions(html)
    return Draft(
        source=source,
        shape=shape,
        sections=[DraftSection(None, body)],
        subheadings_in_body=True,
        title=title.strip() if title else None,
        published=published,
        url=(meta.url if meta and meta.url else page_url),
        authors=authors,
        outlet=outlet,
        images=images,
        markdown=True,
    )


_STAMPS = (
    re.compile(
        r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|og:published_time|"
        r"datePublished|pubdate|publishdate|date)[\"'][^>]*content=[\"']([^\"']+)[\"']",
        re.IGNORECASE,
    ),
    re.compile(
        r"<meta[^>]+content=[\"']([^\"']+)[\"'][^>]*(?:property|name|itemprop)=[\"']"
        r"(?:article:published_time|og:published_time|datePublished|pubdate)[\"']",
        re.IGNORECASE,
    ),
    re.compile(r"\"datePublished\"\s*:\s*\"([^\"]+)\""),
)


def _with_time(html: str, day: str) -> str:
    """The publication time the page states for the day trafilatura found, when it states one."""
    head = html[:200_000]
    for pattern in _STAMPS:
        for m in pattern.finditer(head):
            stamp = iso_datetime(m.group(1))
            if stamp and stamp.startswith(day) and "T" in stamp:
                return stamp
    return day


def figure_captions(html: str) -> list[Image]:
    """Images shown in ``<figure>`` with their ``<figcaption>`` (trafilatura keeps only the alt
    text); the cleaner later splits a credit ("… Ảnh: TTXVN") off the caption."""
    if "<figcaption" not in html.lower():
        return []
    try:
        root = lxml_html.fromstring(html)
    except (LxmlError, ValueError):
        return []
    found: list[Image] = []
    for figure in root.iter("figure"):
        img = next(figure.iter("img"), None)
        caption = next(figure.iter("figcaption"), None)
        src = (img.get("src") or img.get("data-src") or "").strip() if img is not None else ""
        text = " ".join(caption.text_content().split()) if caption is not None else ""
        if src and text:
            found.append(Image(src=src, caption=text))
    return found


def page_lead(html: str, body: str) -> str | None:
    """The page's lead paragraph ("sapo") when it stands outside the node trafilatura kept: an
    element whose class or id names a lead (``sapo``, ``lead``, ``summary``, ``chapeau`` …) or a
    paragraph that starts with the page's ``og:description``/``description``, standing between
    the page's ``<h1>`` headline and the first paragraph of ``body``. Only a real paragraph
    counts (sentence-long, not in navigation, not a container); teasers of other articles
    elsewhere on the page never do, and nothing is returned when the body already holds it."""
    first = next((p for p in body.split("\n\n") if len(p.split()) >= lexicon.LEAD_MIN_WORDS), None)
    if first is None:
        return None
    try:
        root = lxml_html.fromstring(html)
    except (LxmlError, ValueError):
        return None
    order = {el: i for i, el in enumerate(root.iter())}
    h1 = next(root.iter("h1"), None)
    probe = _norm(first)[:60]
    start = next(
        (
            el
            for el in root.iter("p", "div", "section")
            if _norm(el.text_content()).startswith(probe)
        ),
        None,
    )
    if h1 is None or start is None:
        return None
    low, high = order[h1], order[start]
    description = _description(root)
    wanted = _norm(description)[:60] if description else None
    for el in root.iter(*_LEAD_TAGS):
        if not low < order[el] < high or _in_chrome(el):
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        text = _paragraph(el)
        if not text or _contains(body, text):
            continue
        if _LEAD_NAME.search(names) or (wanted and _norm(text).startswith(wanted)):
            return text
    return None


_LEAD_TAGS = ("p", "h2", "div")
_LEAD_NAME = re.compile(
    r"(?<![\w-])(?:[\w-]*[-_])?(?:sapo|lead|chapeau|standfirst|summary|description|excerpt|"
    r"intro|teaser|abstract)(?:[-_](?:text|content|paragraph|para|detail))?(?![\w-])",
    re.IGNORECASE,
)
_BLOCKS = {"p", "div", "section", "article", "ul", "ol", "table", "figure", "h2", "h3"}
_CHROME = {"nav", "header", "footer", "aside", "form", "figure", "li", "a"}
_MARKS = re.compile(r"[*_`#>\[\]]")


def _in_chrome(el) -> bool:
    return any(a.tag in _CHROME for a in el.iterancestors()) or el.tag in _CHROME


def _paragraph(el) -> str | None:
    """The element's text when it reads as one lead paragraph: several words, ends a sentence,
    not a container of other blocks."""
    if any(child.tag in _BLOCKS for child in el.iterdescendants()):
        return None
    text = " ".join(el.text_content().split())
    if len(text.split()) < lexicon.LEAD_MIN_WORDS or len(text) > lexicon.LEAD_MAX_CHARS:
        return None
    if text.endswith(("...", "…")) or not text.endswith((".", "!", "?", "”", '"', ")")):
        return None
    return text


def _description(root) -> str | None:
    for key in ("og:description", "description", "twitter:description"):
        for meta in root.iter("meta"):
            if key in ((meta.get("property") or "").lower(), (meta.get("name") or "").lower()):
                value = " ".join((meta.get("content") or "").split())
                if len(value.split()) >= lexicon.LEAD_MIN_WORDS:
                    return value
    return None


def _norm(text: str) -> str:
    return " ".join(_MARKS.sub("", text).split()).casefold()


def _contains(body: str, lead: str) -> bool:
    """Whether the body already holds the lead (its first 60 characters, ignoring Markdown)."""
    return _norm(lead)[:60] in _norm(body)


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _title_suffix(html: str, title: str) -> str | None:
    """The site's name from "<title>Headline - Site</title>" (when it is not the headline)."""
    m = _TITLE.search(html[:20000])
    if not m:
        return None
    parts = [
        p.strip() for p in re.split(r"\s+[-|–—]\s+", unescape(m.group(1)).strip()) if p.strip()
    ]
    if len(parts) < 2:
        return None
    last = parts[-1]
    return last if last != title and len(last) <= 60 and last not in title else None


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in re.split(r"\s*[;|]\s*|\s*,\s*", value) if a.strip()]
