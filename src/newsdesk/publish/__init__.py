"""Stage 6, publish: stories become posts (frontmatter Markdown) and a static site.

    1. gate        ``use`` decided again with the settings in force (gate.decide)
    2. slug        kept from the story's first post; a new story gets a unique one (slug)
    3. thumbnail   the lead image as ``<slug>.webp`` when a local image exists (images)
    4. post        frontmatter + body (post.render_post); written only when its hash changed
    5. record      the post row (store.posts) and the story's slug/created_at/post_path
    6. site        ``write_site``: index by date and one page per story (site)

Layouts: ``default`` writes ``posts/<slug>.md`` and ``images/<slug>.webp`` (thumbnail
``images/<slug>.webp``); ``nextjs`` writes ``content/<slug>.md`` and
``public/images/thumbnails/<slug>.webp`` (thumbnail ``/images/thumbnails/<slug>.webp``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import Rejected
from newsdesk.fileio import write_if_changed
from newsdesk.model import Article, Story, Understanding
from newsdesk.publish import images
from newsdesk.publish.gate import combine, decide, explain
from newsdesk.publish.post import PostInput, parse_post, render_post
from newsdesk.publish.slug import unique_slug
from newsdesk.report import StageReport
from newsdesk.store.base import utcnow

if TYPE_CHECKING:
    from newsdesk.config import Settings
    from newsdesk.store import Store

Progress = Callable[[str, int, int], None]
STAGE = "publish"
LAYOUTS = ("default", "nextjs")

__all__ = [
    "LAYOUTS",
    "Layout",
    "explain",
    "layout_for",
    "publish_pending",
    "publish_story",
    "write_site",
]


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    posts: Path
    images: Path
    thumbnail_prefix: str

    def post_path(self, slug: str) -> Path:
        return self.posts / f"{slug}.md"

    def image_path(self, slug: str) -> Path:
        return self.images / f"{slug}.webp"

    def thumbnail(self, slug: str) -> str:
        return f"{self.thumbnail_prefix}{slug}.webp"


def layout_for(out: Path, name: str = "default") -> Layout:
    out = Path(out)
    if name == "default":
        return Layout(name, out / "posts", out / "images", "images/")
    if name == "nextjs":
        return Layout(
            name, out / "content", out / "public" / "images" / "thumbnails", "/images/thumbnails/"
        )
    raise ValueError(f"unknown layout {name!r}: expected one of {', '.join(LAYOUTS)}")


def load_members(store: Store, story: Story) -> tuple[dict[str, Article], dict[str, Understanding]]:
    arts: dict[str, Article] = {}
    unds: dict[str, Understanding] = {}
    for m in story.articles:
        a = store.get_article(m.id)
        if a is not None:
            arts[m.id] = a
        u = store.get_understanding(m.id)
        if u is not None:
            unds[m.id] = u
    return arts, unds


def fetched_image_path(store: Store) -> Callable[[str], str | None]:
    """Image URL -> the file the collect stage stored for it (None when absent)."""

    def lookup(url: str) -> str | None:
        getter = getattr(store, "fetched_image", None)
        row = getter(url) if getter is not None else None
        return row["path"] if row else None

    return lookup


def created_at_of(value: str | None, now: str) -> str:
    """The story's first publication as ``YYYY-MM-DD HH:MM:SS`` (a date alone is its midnight);
    ``now`` when the story has none."""
    if value:
        text = value.strip().replace("T", " ")
        m = re.match(r"^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2})(:\d{2})?)?", text)
        if m:
            return f"{m.group(1)} {m.group(2) or '00:00'}{m.group(3) or ':00'}"
    return now


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _ours(path: Path, slug: str) -> bool:
    """True when the file at ``path`` is a post of ours for ``slug`` (safe to overwrite)."""
    try:
        fields, _ = parse_post(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return fields.get("slug") == slug


def publish_story(
    store: Store,
    settings: Settings,
    story: Story,
    layout: Layout,
    *,
    now: str,
    taken: set[str],
    report: StageReport,
) -> None:
    """Write (or leave alone) one story's post and thumbnail; record it."""
    arts, unds = load_members(store, story)
    verdict = combine(decide(story, arts, unds, settings), store.use_decision(story.id))
    row = store.post_for_story(story.id)
    if row is not None:
        slug = row["slug"]
        created_at = row["created_at"]
    else:

        def is_taken(candidate: str) -> bool:
            return (
                candidate in taken
                or store.slug_taken(candidate, by_other_than=story.id)
                or layout.post_path(candidate).exists()
            )

        slug = unique_slug(story.title, is_taken)
        created_at = created_at_of(story.created_at, now)
    taken.add(slug)

    thumbnail = ""
    source, note = images.lead_image(story, arts, fetched_image_path(store))
    if source is not None:
        try:
            data = images.webp_bytes(
                source,
                max_side=int(settings.thumbnail_max_side),
                max_pixels=int(settings.image_max_pixels),
            )
            write_if_changed(layout.image_path(slug), data)
            thumbnail = layout.thumbnail(slug)
        except Rejected as e:
            store.add_reject(e.item, e.stage, e.reason)
            report.notes.append(f"{story.id}: thumbnail skipped: {e.reason}")

    published = Story.from_dict(story.as_dict())
    published.use, published.use_reason = verdict.use, verdict.reason
    published.slug, published.created_at, published.thumbnail = slug, created_at, thumbnail
    target = layout.post_path(slug)
    published.post_path = str(target)
    text = render_post(PostInput(published, arts, slug, thumbnail, created_at))
    digest = _hash(text)

    if target.exists() and (row is None or row["path"] != str(target)) and not _ours(target, slug):
        raise Rejected(
            story.id, STAGE, f"{target} exists and is not this story's post; not overwritten"
        )
    wrote = write_if_changed(target, text.encode("utf-8"))
    unchanged = (
        not wrote
        and row is not None
        and row["content_hash"] == digest
        and row["path"] == str(target)
        and row["layout"] == layout.name
    )
    if unchanged:
        report.unchanged += 1
    else:
        store.put_post(
            story.id,
            slug=slug,
            path=str(target),
            content_hash=digest,
            created_at=created_at,
            updated_at=now,
            layout=layout.name,
            thumbnail=thumbnail,
        )
        report.done += 1
    if _story_fields(published) != _story_fields(story):
        _save_story(store, published)


def _story_fields(s: Story) -> tuple:
    return (s.slug, s.created_at, s.post_path, s.thumbnail, s.use, s.use_reason)


def _save_story(store: Store, story: Story) -> None:
    """Keep the publication fields in the story record (not a grouping change: the story is not
    sent back to analysis)."""
    store.put_story(story)


def publish_pending(
    store: Store,
    settings: Settings,
    *,
    out: Path | str,
    layout: str = "default",
    progress: Progress | None = None,
    now: str | None = None,
) -> StageReport:
    """Write the post of every analysed story whose post is missing or out of date."""
    report = StageReport(STAGE)
    chosen = layout_for(Path(out), layout)
    stamp = now or utcnow()
    stories = [s for s in store.iter_stories() if s.title]
    waiting = sum(1 for s in store.iter_stories() if not s.title)
    if waiting:
        report.notes.append(
            f"{waiting} stories without analysis, not published (run `newsdesk analyse`;"
            " stories of untranslated articles wait for their translation)"
        )
    taken: set[str] = set()
    for done, story in enumerate(stories, 1):
        try:
            publish_story(store, settings, story, chosen, now=stamp, taken=taken, report=report)
        except Rejected as e:
            store.add_reject(e.item, e.stage, e.reason)
            report.reject(e.item, e.reason)
        if progress:
            progress(STAGE, done, len(stories))
    _drop_merged(store, chosen, report)
    return report


def _drop_merged(store: Store, layout: Layout, report: StageReport) -> None:
    """Posts of stories that were merged into another one: their file and row go."""
    for row in store.iter_posts():
        current = store.get_story(row["story_id"])
        if current is not None and current.id == row["story_id"]:
            continue
        path = Path(row["path"])
        if (
            path.parent.resolve() == layout.posts.resolve()
            and path.is_file()
            and _ours(path, row["slug"])
        ):
            path.unlink()
        store.delete_post(row["story_id"])
        into = f" (merged into {current.id})" if current is not None else ""
        report.notes.append(f"removed post {row['slug']} of story {row['story_id']}{into}")


def write_site(
    store: Store,
    settings: Settings,
    *,
    out: Path | str,
    progress: Progress | None = None,
) -> StageReport:
    """The static HTML site: ``index.html`` by date and one page per used story."""
    from newsdesk.publish.site import build_site

    return build_site(store, settings, out=Path(out), progress=progress)
