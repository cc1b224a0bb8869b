"""The static site: ``index.html`` (stories by date, newest first) and ``<slug>.html`` per story.

Jinja2 templates with autoescaping (every text from a source is escaped), one inline stylesheet,
no scripts, fonts or other external assets. Each story page shows the timeline, who's who, the key
figures and the disagreements, each statement linked to the sentence it comes from in the source
articles printed below (``#a<n>-s<i>``). Thumbnails are copied in as ``images/<slug>.webp``.
Files are rewritten only when their bytes change; pages of stories that are gone are removed
(the site keeps a manifest, ``.newsdesk-site.json``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from jinja2 import Environment, PackageLoader, select_autoescape

from newsdesk.analyse.text import display_date, display_iso
from newsdesk.errors import Rejected
from newsdesk.fileio import write_if_changed
from newsdesk.model import Citation, Story
from newsdesk.publish import fetched_image_path, images
from newsdesk.publish.gate import decide
from newsdesk.publish.post import source_numbers
from newsdesk.publish.slug import unique_slug
from newsdesk.report import StageReport

if TYPE_CHECKING:
    from newsdesk.config import Settings
    from newsdesk.store import Store

STAGE = "site"
MANIFEST = ".newsdesk-site.json"
Progress = Callable[[str, int, int], None]

_env = Environment(
    loader=PackageLoader("newsdesk.publish", "templates"),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(slots=True)
class _Page:
    story: Story
    slug: str
    date: str
    context: dict[str, Any]


def safe_url(url: str | None) -> str | None:
    if not url:
        return None
    scheme = urlparse(url).scheme.lower()
    return url if scheme in ("http", "https") else None


def _refs(citations: list[Citation], numbers: dict[str, int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for c in citations:
        n = numbers.get(c.article)
        if n is None or (c.article, c.sentence) in seen:
            continue
        seen.add((c.article, c.sentence))
        out.append({"n": n, "anchor": f"a{n}-s{c.sentence}", "sentence": c.sentence + 1})
    per_article = Counter(r["n"] for r in out)
    for r in out:  # "[1]" when one sentence of source 1 is cited, "[1.7]" "[1.11]" when several
        r["label"] = str(r["n"]) if per_article[r["n"]] == 1 else f"{r['n']}.{r['sentence']}"
    return out


def _page(store: Store, settings: Settings, story: Story, slug: str) -> _Page:
    arts, unds = {}, {}
    for m in story.articles:
        a, u = store.get_article(m.id), store.get_understanding(m.id)
        if a is not None:
            arts[m.id] = a
        if u is not None:
            unds[m.id] = u
    numbers = source_numbers(story)
    sources = []
    for m in story.articles:
        a, u = arts.get(m.id), unds.get(m.id)
        published = m.published or (a.published if a else None)
        sentences = u.sentences if u is not None else ([a.body] if a is not None else [])
        sources.append(
            {
                "n": numbers[m.id],
                "title": a.display_title if a else m.id,
                "outlet": m.outlet or (a.outlet if a else None),
                "date": display_date(published[:10], "day") if published else None,
                "url": safe_url(a.url if a else None),
                "duplicate_of": numbers.get(m.duplicate_of) if m.duplicate_of else None,
                "sentences": [] if m.duplicate_of else list(enumerate(sentences)),
            }
        )
    context = {
        "story": story,
        "use": decide(story, arts, unds, settings).use,
        "thumbnail": None,
        "timeline": [
            {
                "when": display_date(e.date, e.granularity, e.end),
                "text": e.text,
                "planned": e.planned,
                "refs": _refs(e.citations, numbers),
            }
            for e in story.timeline
        ],
        "people": story.people,
        "figures": [
            {"text": f.text, "of": f.of, "refs": _refs(f.citations, numbers)} for f in story.figures
        ],
        "disagreements": [
            {
                "topic": d.topic,
                "sides": [
                    {"value": _side(s.value, d.kind), "refs": _refs(s.citations, numbers)}
                    for s in d.sides
                ],
            }
            for d in story.disagreements
        ],
        "sources": sources,
    }
    dates = [m.published for m in story.articles if m.published]
    date = max(dates) if dates else (story.created_at or "")
    return _Page(story, slug, date[:10], context)


def _side(value: str, kind: str) -> str:
    return display_iso(value) if kind == "date" else value


def build_site(
    store: Store, settings: Settings, *, out: Path, progress: Progress | None = None
) -> StageReport:
    report = StageReport(STAGE)
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    pages: list[_Page] = []
    stories = [s for s in store.iter_stories() if s.title]
    for story in stories:
        row = store.post_for_story(story.id)
        slug = row["slug"] if row else _ephemeral_slug(store, story, taken)
        taken.add(slug)
        page = _page(store, settings, story, slug)
        if not page.context["use"]:
            report.notes.append(
                f"{story.id}: not used ({story.use_reason or 'gate'}), left out of the site"
            )
            continue
        pages.append(page)
    pages.sort(key=lambda p: (p.date, p.slug), reverse=True)

    written: set[str] = set()
    for done, page in enumerate(pages, 1):
        arts = {m.id: a for m in page.story.articles if (a := store.get_article(m.id)) is not None}
        source, _note = images.lead_image(page.story, arts, fetched_image_path(store))
        if source is not None:
            try:
                data = images.webp_bytes(source)
                rel = f"images/{page.slug}.webp"
                _count(report, write_if_changed(out / rel, data))
                written.add(rel)
                page.context["thumbnail"] = rel
            except Rejected as e:
                report.notes.append(f"{page.story.id}: thumbnail skipped: {e.reason}")
        html = _env.get_template("story.html").render(**page.context, slug=page.slug)
        rel = f"{page.slug}.html"
        _count(report, write_if_changed(out / rel, html.encode("utf-8")))
        written.add(rel)
        if progress:
            progress(STAGE, done, len(pages))
    index = _env.get_template("index.html").render(
        pages=[
            {
                "slug": p.slug,
                "title": p.story.title,
                "description": p.story.description,
                "date": display_date(p.date, "day") if p.date else "",
                "sources": len(p.story.articles),
                "thumbnail": p.context["thumbnail"],
            }
            for p in pages
        ]
    )
    _count(report, write_if_changed(out / "index.html", index.encode("utf-8")))
    written.add("index.html")
    _prune(out, written, report)
    return report


def _ephemeral_slug(store: Store, story: Story, taken: set[str]) -> str:
    """A slug for a story not yet published as a post (not recorded)."""
    return unique_slug(
        story.title, lambda c: c in taken or store.slug_taken(c, by_other_than=story.id)
    )


def _count(report: StageReport, wrote: bool) -> None:
    if wrote:
        report.done += 1
    else:
        report.unchanged += 1


def _prune(out: Path, written: set[str], report: StageReport) -> None:
    manifest = out / MANIFEST
    try:
        before = set(json.loads(manifest.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        before = set()
    for rel in sorted(before - written):
        path = out / rel
        if path.is_file() and path.resolve().is_relative_to(out.resolve()):
            path.unlink()
            report.notes.append(f"removed {rel}")
    write_if_changed(manifest, json.dumps(sorted(written), indent=0).encode("utf-8"))
