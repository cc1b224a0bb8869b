"""Reading what a page or an API answer needs from the store (shared by both routers)."""

from __future__ import annotations

from typing import Any

from newsdesk.errors import BadParameter, NotFound
from newsdesk.model import Article, Story, Understanding
from newsdesk.store import Store
from newsdesk.web.views import Pager, check_id, clean_param, parse_day

TARGET_LANGUAGE_DEFAULT = "vi"
SEARCH_KINDS = ("article", "story")


def find_story(store: Store, slug: str) -> Story:
    """The story with this slug (or id, following merges)."""
    check_id("story", slug)
    story = store.story_by_slug(slug)
    if story is None:
        story = store.get_story(slug)
    if story is None:
        raise NotFound(f"story {slug!r} does not exist")
    return story


def find_article(store: Store, article_id: str) -> Article:
    check_id("article", article_id)
    article = store.get_article(article_id)
    if article is None:
        raise NotFound(f"article {article_id!r} does not exist")
    return article


def find_entity(store: Store, entity_id: str) -> dict[str, Any]:
    check_id("entity", entity_id)
    entity = store.entity(entity_id)
    if entity is None:
        raise NotFound(f"entity {entity_id!r} does not exist")
    return entity


def article_rows(store: Store, ids: list[str], target: str) -> dict[str, dict[str, Any]]:
    """Title, outlet, date, language of many articles in one query, with ``awaiting`` set for
    those not in the target language that have no translation yet."""
    rows: dict[str, dict[str, Any]] = {}
    unique = list(dict.fromkeys(ids))
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.query(
            "SELECT id, title, json_extract(data, '$.generated_title') AS generated_title,"
            f" outlet, published, language FROM articles WHERE id IN ({marks})",
            chunk,
        ):
            rows[r["id"]] = r
    for r in rows.values():
        r["awaiting"] = awaiting_translation(store, r["id"], r.get("language"), target)
    return rows


def awaiting_translation(store: Store, article_id: str, language: str | None, target: str) -> bool:
    if not language or language == target:
        return False
    return not store.translations_of(article_id)


def understanding_of(store: Store, article_id: str) -> Understanding | None:
    return store.get_understanding(article_id)


def story_summary(item: dict[str, Any]) -> dict[str, Any]:
    """A story in a listing (home page, API list, feeds, entity pages)."""
    return {
        "id": item["id"],
        "slug": item.get("slug", ""),
        "title": item.get("title", ""),
        "description": item.get("description", ""),
        "thumbnail": item.get("thumbnail", ""),
        "articles": item.get("articles", 0),
        "outlets": item.get("outlets", 0),
        "created_at": item.get("created_at"),
        "updated_at": item.get("updated_at"),
        "first_day": item.get("first_day"),
        "last_day": item.get("last_day"),
        "languages": item.get("languages", []),
        "url": "/stories/" + (item.get("slug") or item["id"]),
    }


def list_stories(store: Store, page: int, per_page: int) -> tuple[Pager, list[dict[str, Any]]]:
    total, _ = store.story_listing(limit=0, offset=0)
    pager = Pager(page, per_page, total).check()
    _, items = store.story_listing(limit=per_page, offset=pager.offset)
    return pager, [story_summary(i) for i in items]


def entity_articles(
    store: Store, entity_id: str, pager_page: int, per_page: int
) -> tuple[Pager, list[dict[str, Any]]]:
    """Articles mentioning the entity, newest first, one page of them."""
    mentions = store.entity_mentions(entity_id)
    ids = list(dict.fromkeys(_mention_id(m) for m in mentions if _mention_id(m)))
    pager = Pager(pager_page, per_page, len(ids)).check()
    page_ids = ids[pager.offset : pager.offset + per_page]
    rows = article_rows(store, page_ids, TARGET_LANGUAGE_DEFAULT)
    items = []
    for aid in page_ids:
        r = rows.get(aid)
        if r is None:
            continue
        items.append(
            {
                "id": aid,
                "title": r.get("title") or r.get("generated_title") or aid,
                "outlet": r.get("outlet"),
                "published": r.get("published"),
                "language": r.get("language"),
                "url": f"/articles/{aid}",
            }
        )
    items.sort(key=lambda a: a["published"] or "", reverse=True)
    return pager, items


def _mention_id(mention: dict[str, Any] | str) -> str | None:
    if isinstance(mention, str):
        return mention
    return mention.get("article_id") or mention.get("article") or mention.get("id")


def search_params(
    q: str | None,
    kind: str | None,
    date_from: str | None,
    date_to: str | None,
    outlet: str | None,
    person: str | None,
) -> dict[str, Any]:
    """Checked search parameters (422 with the reason for anything malformed)."""
    q = clean_param("q", q)
    kind = clean_param("kind", kind, max_len=10)
    if kind is not None and kind not in SEARCH_KINDS:
        raise BadParameter(f"kind: {kind!r} is not one of {', '.join(SEARCH_KINDS)}")
    start = parse_day("date_from", date_from)
    end = parse_day("date_to", date_to)
    if start and end and start > end:
        raise BadParameter(f"date_from {start} is after date_to {end}")
    return {
        "q": q,
        "kind": kind,
        "date_from": start,
        "date_to": end,
        "outlet": clean_param("outlet", outlet, max_len=120),
        "person": clean_param("person", person, max_len=120),
    }


def run_search(store: Store, params: dict[str, Any], page: int, per_page: int):
    """``(pager, hits)`` for checked parameters; no query means no hits."""
    if not params["q"]:
        return Pager(page, per_page, 0), []
    from newsdesk.store.search import query_words

    if not query_words(params["q"]):
        raise BadParameter("q: the query has no letters or digits to search for")
    offset = (page - 1) * per_page
    total, hits = store.search(
        params["q"],
        kind=params["kind"],
        date_from=params["date_from"],
        date_to=params["date_to"],
        outlet=params["outlet"],
        person=params["person"],
        limit=per_page,
        offset=offset,
    )
    pager = Pager(page, per_page, total)
    if total:
        pager.check()
    return pager, hits


def citation_sources(story: Story, rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """For each article a citation may point at: outlet and date to label the link with."""
    out: dict[str, dict[str, Any]] = {}
    for member in story.articles:
        row = rows.get(member.id, {})
        out[member.id] = {
            "outlet": member.outlet or row.get("outlet"),
            "published": member.published or row.get("published"),
            "title": row.get("title") or row.get("generated_title") or "",
        }
    for aid, row in rows.items():
        out.setdefault(
            aid,
            {
                "outlet": row.get("outlet"),
                "published": row.get("published"),
                "title": row.get("title") or "",
            },
        )
    return out


def cited_ids(story: Story) -> list[str]:
    ids = [a.id for a in story.articles]
    for e in story.timeline:
        ids += [c.article for c in e.citations]
    for f in story.figures:
        ids += [c.article for c in f.citations]
    for d in story.disagreements:
        for s in d.sides:
            ids += [c.article for c in s.citations]
    return ids
