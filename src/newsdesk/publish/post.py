"""One story as one Markdown post with YAML frontmatter, in the site's format.

The frontmatter is written here by hand so the field order and quoting are exactly the site's:

    ---
    title: "..."
    slug: "..."
    thumbnail: "..."
    description: "..."
    use: true
    created_at: "YYYY-MM-DD HH:MM:SS"
    ---

Strings are YAML double-quoted scalars (backslash, double quote and control characters escaped);
``use`` is a bare boolean. python-frontmatter reads it back (``parse_post``).

The body: ``# title``; one ``##`` section per source article (its cleaned text, its ``###``
sections when it was merged from several, and a source line: outlet, date, URL); then
"Dòng thời gian", "Nhân vật", "Số liệu chính", "Các nguồn chưa thống nhất" (each statement
followed by the numbers of the sources it comes from, ``[1]``), and "Nguồn", the numbered list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import frontmatter
import yaml

from newsdesk.analyse.disagreements import format_number
from newsdesk.analyse.lexicon import OF_SYNONYMS
from newsdesk.analyse.text import display_date, display_iso
from newsdesk.errors import Rejected
from newsdesk.model import Article, Citation, Story

FIELDS = ("title", "slug", "thumbnail", "description", "use", "created_at")
CREATED_AT_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")

HEADINGS = {
    "timeline": "Dòng thời gian",
    "people": "Nhân vật",
    "figures": "Số liệu chính",
    "disagreements": "Các nguồn chưa thống nhất",
    "sources": "Nguồn",
}
UNIT_WORDS = {"percent": "%", "count": "", "person": "người"}

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\x00": "\\0",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted scalar."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\ufeff":
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        elif 0xD800 <= ord(ch) <= 0xDFFF or ch in "\ufffe\uffff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def render_frontmatter(fields: Mapping[str, Any]) -> str:
    """The frontmatter block with exactly ``FIELDS`` in order."""
    missing = [f for f in FIELDS if f not in fields]
    if missing:
        raise ValueError(f"frontmatter lacks {', '.join(missing)}")
    if not CREATED_AT_RE.match(str(fields["created_at"])):
        raise ValueError(f"created_at {fields['created_at']!r} is not 'YYYY-MM-DD HH:MM:SS'")
    lines = ["---"]
    for name in FIELDS:
        value = fields[name]
        if isinstance(value, bool):
            lines.append(f"{name}: {'true' if value else 'false'}")
        else:
            lines.append(f"{name}: {yaml_string(str(value))}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def parse_post(text: str) -> tuple[dict[str, Any], str]:
    """(frontmatter fields, body) of a post, read with python-frontmatter."""
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as e:
        raise ValueError(f"the frontmatter is not valid YAML: {e}") from e
    return dict(post.metadata), post.content


@dataclass(frozen=True, slots=True)
class PostInput:
    story: Story
    articles: Mapping[str, Article]
    slug: str
    thumbnail: str
    created_at: str


def render_post(data: PostInput) -> str:
    story = data.story
    if not story.title.strip():
        raise Rejected(story.id, "publish", "the story has no title (analyse it first)")
    fields = {
        "title": one_line(story.title),
        "slug": data.slug,
        "thumbnail": data.thumbnail,
        "description": one_line(story.description),
        "use": bool(story.use),
        "created_at": data.created_at,
    }
    return render_frontmatter(fields) + "\n" + render_body(story, data.articles)


# ---------------------------------------------------------------- body


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _escape_line(line: str) -> str:
    """Keep a line of article text from turning into Markdown structure."""
    stripped = line.lstrip()
    if stripped.startswith(("#", ">", "<")) or re.match(
        r"^(-{3,}|\*{3,}|_{3,}|={3,})\s*$", stripped
    ):
        return "\\" + stripped
    if re.match(r"^\d+[.)]\s", stripped):
        return re.sub(r"^(\d+)([.)])", r"\1\\\2", stripped)
    if re.match(r"^[-*+]\s", stripped):
        return "\\" + stripped
    return stripped


def _paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return ["\n".join(_escape_line(line) for line in p.splitlines() if line.strip()) for p in paras]


def source_numbers(story: Story) -> dict[str, int]:
    return {m.id: i for i, m in enumerate(story.articles, 1)}


def _refs(citations: list[Citation], numbers: Mapping[str, int]) -> str:
    seen: list[int] = []
    for c in citations:
        n = numbers.get(c.article)
        if n is not None and n not in seen:
            seen.append(n)
    return "".join(f"[{n}]" for n in sorted(seen))


def _source_line(member_outlet: str | None, published: str | None, article: Article | None) -> str:
    parts = [member_outlet or (article.outlet if article else None) or "Không rõ nguồn"]
    if published:
        parts.append(display_date(published[:10], "day"))
    if article is not None and article.url:
        parts.append(article.url)
    elif article is not None and article.source:
        # a local file: its name only; a post never shows the newsroom's own folders
        parts.append(article.source.replace("\\", "/").rsplit("/", 1)[-1])
    return ", ".join(parts)


def figure_text(text: str, of: str | None) -> str:
    return f"{text} ({of})" if of and of.lower() not in text.lower() else text


def figure_line(text: str, of: str | None) -> str:
    """``**2% GDP**`` for a share of a base, ``**550 tỷ USD**: đầu tư`` for what it measures."""
    text, of = one_line(text), one_line(of) if of else None
    if of and of.lower() in OF_SYNONYMS and of.lower() not in text.lower():
        return f"**{text} {of}**"
    if of and of.lower() not in text.lower():
        return f"**{text}**: {of}"
    return f"**{text}**"


def render_body(story: Story, articles: Mapping[str, Article]) -> str:
    numbers = source_numbers(story)
    out: list[str] = [f"# {one_line(story.title)}", ""]
    for member in story.articles:
        if member.duplicate_of:
            continue
        article = articles.get(member.id)
        if article is None:
            continue
        heading = one_line(article.title or article.generated_title or "") or (
            f"Bài {numbers[member.id]}" + (f" ({member.outlet})" if member.outlet else "")
        )
        out += [f"## {heading}", ""]
        if article.sections:
            for section in article.sections:
                if section.heading and one_line(section.heading) != heading:
                    out += [f"### {one_line(section.heading)}", ""]
                for para in _paragraphs(section.text):
                    out += [para, ""]
        else:
            for para in _paragraphs(article.body):
                out += [para, ""]
        line = _source_line(member.outlet, member.published or article.published, article)
        out += [f"*Nguồn [{numbers[member.id]}]: {line}*", ""]

    if story.timeline:
        out += [f"## {HEADINGS['timeline']}", ""]
        for e in story.timeline:
            when = display_date(e.date, e.granularity, e.end)
            planned = " (dự kiến)" if e.planned else ""
            out.append(f"- **{when}**{planned}: {one_line(e.text)} {_refs(e.citations, numbers)}")
        out.append("")
    if story.people:
        out += [f"## {HEADINGS['people']}", ""]
        for p in story.people:
            roles = f", {'; '.join(p.roles)}" if p.roles else ""
            out.append(f"- **{p.name}**{roles} (nhắc đến trong {p.articles} bài)")
        out.append("")
    if story.figures:
        out += [f"## {HEADINGS['figures']}", ""]
        for f in story.figures:
            out.append(f"- {figure_line(f.text, f.of)} {_refs(f.citations, numbers)}")
        out.append("")
    if story.disagreements:
        out += [f"## {HEADINGS['disagreements']}", ""]
        for d in story.disagreements:
            sides = "; ".join(
                f"{_side_value(s.value, d.kind)} {_refs(s.citations, numbers)}" for s in d.sides
            )
            out.append(f"- **{one_line(d.topic)}**: {sides}")
        out.append("")
    out += [f"## {HEADINGS['sources']}", ""]
    for member in story.articles:
        article = articles.get(member.id)
        line = _source_line(member.outlet, member.published, article)
        named = article.title or article.generated_title if article is not None else None
        title = f"{one_line(named)}: " if named else ""
        dup = ""
        if member.duplicate_of:
            dup = (
                f" (trùng với [{numbers[member.duplicate_of]}])"
                if member.duplicate_of in numbers
                else " (bản trùng)"
            )
        out.append(f"{numbers[member.id]}. {title}{line}{dup}")
    out.append("")
    return "\n".join(out)


def _side_value(value: str, kind: str) -> str:
    return display_iso(value) if kind == "date" else value


__all__ = [
    "FIELDS",
    "PostInput",
    "format_number",
    "parse_post",
    "render_body",
    "render_frontmatter",
    "render_post",
    "yaml_string",
]
