"""JSON Lines dumps: one article object per line (a JSON array, or one object, works too).

Fields are mapped by name (``lexicon.JSON_FIELDS``): title, url, published/date, author(s),
text/body/content, html, outlet, image. A record with only ``html`` is read like a page. Each
record is its own item: a malformed line is rejected as ``dump.jsonl#7`` and the rest go on.
An item's source is its URL when it has one (so a later dump with a changed text is a new
revision of the same article), else ``<file>#<line>``.
"""

from __future__ import annotations

import json
from typing import Any

from newsdesk.errors import ReadError
from newsdesk.model import Image
from newsdesk.read import html as html_reader
from newsdesk.read import lexicon
from newsdesk.read.dates import iso_datetime
from newsdesk.read.detect import looks_like_markdown
from newsdesk.read.draft import Draft, DraftSection
from newsdesk.read.markdown import json_safe, split_sections

SHAPE = "jsonl"


def read(text: str, source: str) -> list[Draft | ReadError]:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        return _read_array(stripped, source)
    out: list[Draft | ReadError] = []
    lines = text.split("\n")
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item = f"{source}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            truncated = (
                number - 1 == last
                and not text.rstrip(" \t\r").endswith("\n")
                and not line.rstrip().endswith("}")
            )
            what = (
                "truncated JSON (the dump ends inside a record)"
                if truncated
                else (f"malformed JSON: {e.msg} (column {e.colno})")
            )
            out.append(ReadError(item, what))
            continue
        out.append(_record_or_error(record, item))
    if not out:
        raise ReadError(source, "no JSON records")
    return out


def _read_array(text: str, source: str) -> list[Draft | ReadError]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as e:
        raise ReadError(
            source, f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})"
        ) from e
    if not records:
        raise ReadError(source, "empty JSON array")
    return [_record_or_error(r, f"{source}#{i}") for i, r in enumerate(records, start=1)]


def _record_or_error(record: Any, item: str) -> Draft | ReadError:
    try:
        return read_record(record, item)
    except ReadError as e:
        return e


def _pick(record: dict[str, Any], field: str) -> Any:
    for key in lexicon.JSON_FIELDS[field]:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def read_record(record: Any, item: str) -> Draft:
    """One JSON object to a draft."""
    if not isinstance(record, dict):
        raise ReadError(item, f"not a JSON object but {type(record).__name__}")
    url = _string(_pick(record, "url"))
    source = url or item
    text = _pick(record, "text")
    raw_html = _pick(record, "html")
    if isinstance(text, list):
        text = "\n\n".join(str(t) for t in text)
    if text is not None and not isinstance(text, str):
        raise ReadError(item, f"the text field is {type(text).__name__}, not a string")
    if (text is None or not text.strip()) and isinstance(raw_html, str) and raw_html.strip():
        draft = html_reader.read_page(raw_html, source, shape=SHAPE, url=url)
    elif text is None or not text.strip():
        names = ", ".join(lexicon.JSON_FIELDS["text"] + lexicon.JSON_FIELDS["html"])
        raise ReadError(item, f"no text: none of the fields {names} holds any")
    else:
        markdown = looks_like_markdown(text)
        if markdown:
            sections, headline = split_sections(text)
        else:
            sections, headline = [DraftSection(None, text)], None
        draft = Draft(
            source=source, shape=SHAPE, sections=sections, markdown=markdown, title=headline
        )
    title = _string(_pick(record, "title"))
    if title:
        draft.title = title
    published = _pick(record, "published")
    if published is not None:
        draft.published = iso_datetime(published)
    authors = _authors(_pick(record, "authors"))
    if authors:
        draft.authors = authors
    outlet = _pick(record, "outlet")
    if isinstance(outlet, dict):
        outlet = outlet.get("name") or outlet.get("title")
    outlet = _string(outlet)
    if outlet and not outlet.startswith(("http://", "https://")):
        draft.outlet = outlet
    image = _pick(record, "image")
    if isinstance(image, str) and image.strip() and all(i.src != image for i in draft.images):
        draft.images.insert(0, Image(src=image.strip()))
    draft.url = url or draft.url
    draft.frontmatter = (
        json_safe(
            {
                k: v
                for k, v in record.items()
                if k not in _BODY_KEYS and not isinstance(v, dict | list)
            }
        )
        or None
    )
    return draft


_BODY_KEYS = frozenset(lexicon.JSON_FIELDS["text"] + lexicon.JSON_FIELDS["html"])


def _string(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _authors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        names = [v.get("name") if isinstance(v, dict) else v for v in value]
        return [str(n).strip() for n in names if n and str(n).strip()]
    if isinstance(value, dict):
        value = value.get("name")
    return [p.strip() for p in str(value or "").replace(";", ",").split(",") if p.strip()]
