"""Markdown, with or without YAML frontmatter: the publishing format newsdesk itself writes.

    ---                      frontmatter (python-frontmatter): title, slug, thumbnail, description,
    title: ...               use, created_at ... kept whole in ``Article.frontmatter``; the title
    created_at: ...          and publication time are read from it
    ---
    # Headline               used as the title when the frontmatter has none
    ## Source article 1      one section per merged source article
    ...

Text before the first ``##`` is a section without a heading (only when it holds text).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import frontmatter
import yaml

from newsdesk.errors import ReadError
from newsdesk.read import lexicon
from newsdesk.read.dates import iso_datetime
from newsdesk.read.draft import Draft, DraftSection

SHAPE = "markdown_frontmatter"
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_H2 = re.compile(r"^##\s+(.+?)\s*#*\s*$")


def read(text: str, source: str) -> list[Draft | ReadError]:
    meta, content = _split_frontmatter(text, source)
    title = _text_value(meta.get("title"))
    published = next(
        (iso_datetime(meta[k]) for k in lexicon.FRONTMATTER_DATE_KEYS if meta.get(k)), None
    )
    authors = _authors(
        next((meta[k] for k in lexicon.FRONTMATTER_AUTHOR_KEYS if meta.get(k)), None)
    )
    outlet = next(
        (_text_value(meta[k]) for k in lexicon.FRONTMATTER_OUTLET_KEYS if meta.get(k)), None
    )
    url = _text_value(meta.get("url") or meta.get("link"))
    sections, headline = split_sections(content)
    if title is None:
        title = headline
    if not any(s.text.strip() for s in sections):
        raise ReadError(source, "Markdown document without any text")
    return [
        Draft(
            source=source,
            shape=SHAPE,
            sections=sections,
            title=title,
            published=published,
            url=url,
            authors=authors,
            outlet=outlet,
            frontmatter=json_safe(meta) if meta else None,
            markdown=True,
        )
    ]


def _split_frontmatter(text: str, source: str) -> tuple[dict[str, Any], str]:
    if not text.lstrip("\ufeff").startswith("---"):
        return {}, text
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        at = f" (line {where.line + 1})" if where is not None else ""
        raise ReadError(source, f"malformed YAML frontmatter{at}: {_first_line(e)}") from e
    except (ValueError, TypeError) as e:
        raise ReadError(source, f"malformed frontmatter: {e}") from e
    if not isinstance(post.metadata, dict):
        raise ReadError(source, "malformed frontmatter: not a mapping of keys to values")
    if not post.metadata and text.lstrip("\ufeff").startswith("---\n") and "\n---" in text[3:]:
        block = text.split("\n---", 1)[0][3:]
        if block.strip():
            raise ReadError(source, "malformed YAML frontmatter: not a mapping of keys to values")
    return dict(post.metadata), post.content


def split_sections(content: str) -> tuple[list[DraftSection], str | None]:
    """One section per ``##`` heading; the first ``#`` heading is returned as the headline."""
    headline: str | None = None
    sections: list[DraftSection] = []
    heading: str | None = None
    buf: list[str] = []
    fence = False
    for line in content.split("\n"):
        if line.lstrip().startswith("```"):
            fence = not fence
        if not fence:
            h1 = _H1.match(line)
            if h1 and headline is None and not sections and not "".join(buf).strip():
                headline = h1.group(1).strip()
                continue
            h2 = _H2.match(line)
            if h2:
                if heading is not None or "".join(buf).strip():
                    sections.append(DraftSection(heading, "\n".join(buf)))
                heading, buf = h2.group(1).strip(), []
                continue
        buf.append(line)
    if heading is not None or "".join(buf).strip():
        sections.append(DraftSection(heading, "\n".join(buf)))
    return sections, headline


def json_safe(value: Any) -> Any:
    """Frontmatter values as JSON-ready data (dates become ISO strings); key order is kept."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [json_safe(v) for v in value]
    if isinstance(value, datetime | date):
        return iso_datetime(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _text_value(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _authors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in re.split(r"\s*[,;]\s*|\s+và\s+", str(value)) if part.strip()]


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
