"""The article text as HTML: paragraphs of sentences (``#s-<n>`` anchors, the indices every
citation uses) with the entities, dates and figures the understanding found highlighted.

Everything from the article is escaped first; the few tags added here (``a``, ``span``,
``time``, ``mark``) then go through nh3 with an allow-list, so nothing from a source can
carry markup, attributes or ``javascript:`` links into the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

import nh3
from markupsafe import Markup, escape

from newsdesk.model import Article, Understanding

# a value HTML accepts in <time datetime>: YYYY, YYYY-MM or YYYY-MM-DD (not seasons, not XXXX-10-16)
_MACHINE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

ALLOWED_TAGS = {"a", "span", "time", "mark"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "class", "title"},
    "span": {"class", "id"},
    "time": {"datetime", "class"},
    "mark": {"class"},
}
KIND_CLASS = {"person": "ent-person", "organization": "ent-org", "place": "ent-place"}


def sanitize(html: str) -> Markup:
    """Keep only the reader's own tags and attributes; links only to this site or http(s)."""
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https"},
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        )
    )


@dataclass(slots=True, frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # entity | date | figure
    cls: str
    href: str | None = None
    datetime: str | None = None
    title: str | None = None


def _marks_for(sentence: str, items: list[Mark]) -> list[Mark]:
    """Non-overlapping marks, earliest first; a longer mark wins over one it overlaps."""
    items.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[Mark] = []
    end = -1
    for m in items:
        if m.start >= end:
            chosen.append(m)
            end = m.end
    return chosen


def _find_all(sentence: str, text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if not text:
        return spans
    i = sentence.find(text)
    while i >= 0:
        spans.append((i, i + len(text)))
        i = sentence.find(text, i + len(text))
    return spans


def sentence_marks(u: Understanding) -> dict[int, list[Mark]]:
    """For each sentence index, where its entities, dates and figures are."""
    found: dict[int, list[Mark]] = {}

    def add(index: int, text: str, **kw: str | None) -> None:
        if not (0 <= index < len(u.sentences)):
            return
        for s, e in _find_all(u.sentences[index], text):
            found.setdefault(index, []).append(Mark(s, e, **kw))  # type: ignore[arg-type]

    for group in (u.people, u.organizations, u.places):
        for ent in group:
            href = "/entities/" + quote(ent.id, safe="") if ent.id else None
            for mention in ent.mentions:
                add(
                    mention.sentence,
                    mention.text,
                    kind="entity",
                    cls=KIND_CLASS.get(ent.kind, "ent"),
                    href=href,
                    title=ent.name,
                )
    for ref in u.dates:
        add(
            ref.sentence,
            ref.text,
            kind="date",
            cls="date",
            datetime=ref.value if _MACHINE_DATE.match(ref.value) else None,
            title=ref.value + (f" – {ref.end}" if ref.end else ""),
        )
    for fig in u.figures:
        add(fig.sentence, fig.text, kind="figure", cls="fig", title=fig.of)
    return {i: _marks_for(u.sentences[i], marks) for i, marks in found.items()}


def render_sentence(sentence: str, marks: list[Mark]) -> str:
    out: list[str] = []
    pos = 0
    for m in marks:
        out.append(str(escape(sentence[pos : m.start])))
        inner = str(escape(sentence[m.start : m.end]))
        title = f' title="{escape(m.title)}"' if m.title else ""
        if m.kind == "entity" and m.href:
            out.append(f'<a class="{m.cls}" href="{escape(m.href)}"{title}>{inner}</a>')
        elif m.kind == "date" and m.datetime:
            out.append(
                f'<time class="{m.cls}" datetime="{escape(m.datetime or "")}">{inner}</time>'
            )
        else:  # figures, and dates with no machine-readable value (seasons, year unknown)
            out.append(f'<mark class="{m.cls}"{title}>{inner}</mark>')
        pos = m.end
    out.append(str(escape(sentence[pos:])))
    return "".join(out)


@dataclass(slots=True)
class Paragraph:
    heading: str | None
    html: Markup


def article_paragraphs(article: Article, u: Understanding | None) -> list[Paragraph]:
    """The body as paragraphs; with an understanding, each sentence is a ``span#s-<n>``."""
    paragraphs = [p for p in article.body.split("\n\n") if p.strip()]
    starts: list[int] = []
    pos = 0
    for p in article.body.split("\n\n"):
        if p.strip():
            starts.append(pos)
        pos += len(p) + 2
    headings = _section_headings(article, paragraphs)
    if u is None or not u.sentences:
        return [Paragraph(headings.get(i), Markup(escape(p))) for i, p in enumerate(paragraphs)]
    marks = sentence_marks(u)
    by_paragraph: dict[int, list[str]] = {}
    cursor = 0
    current = 0
    for n, sentence in enumerate(u.sentences):
        found = article.body.find(sentence, cursor) if sentence else -1
        if found >= 0:
            cursor = found + len(sentence)
            while current + 1 < len(starts) and starts[current + 1] <= found:
                current += 1
        html = render_sentence(sentence, marks.get(n, []))
        by_paragraph.setdefault(current, []).append(f'<span class="s" id="s-{n}">{html}</span>')
    out = []
    for i in range(max(len(paragraphs), max(by_paragraph, default=-1) + 1)):
        if i in by_paragraph:
            out.append(Paragraph(headings.get(i), sanitize(" ".join(by_paragraph[i]))))
    return out


def _section_headings(article: Article, paragraphs: list[str]) -> dict[int, str]:
    """Section headings placed before the paragraph each section starts with."""
    headings: dict[int, str] = {}
    index = {p.strip(): i for i, p in reversed(list(enumerate(paragraphs)))}
    for section in article.sections:
        if not section.heading:
            continue
        first = next((p.strip() for p in section.text.split("\n\n") if p.strip()), "")
        if first in index:
            headings[index[first]] = section.heading
    return headings


def only_marks(html: str) -> Markup:
    """Search snippets: escaped text whose only markup is ``<mark>`` (checked again here)."""
    return Markup(nh3.clean(html or "", tags={"mark"}, attributes={}, strip_comments=True))
