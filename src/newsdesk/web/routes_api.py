"""The JSON API: the same fields as the exports (``Story.as_dict()``, ``Article.as_dict()`` plus
the understanding's fields), paged lists, errors as ``{"detail": ...}`` with 404 or 422."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from newsdesk.errors import BadParameter
from newsdesk.model import Story
from newsdesk.store import Store
from newsdesk.store.search import COUNT_CAP
from newsdesk.web import service, views
from newsdesk.web.routes_pages import get_store
from newsdesk.web.views import MAX_PAGE


class Error(BaseModel):
    detail: str


class Paging(BaseModel):
    page: int
    per_page: int
    total: int
    pages: int


class StorySummary(BaseModel):
    id: str
    slug: str
    title: str
    description: str
    thumbnail: str
    articles: int
    outlets: int
    created_at: str | None
    updated_at: str | None
    first_day: str | None
    last_day: str | None
    languages: list[str]
    url: str


class StoryList(Paging):
    items: list[StorySummary]


class ArticleOut(BaseModel):
    """``Article.as_dict()``, then the understanding's fields (``sentences``, ``people``,
    ``organizations``, ``places``, ``dates``, ``figures``, ``quotes``, ``keywords``, ...) when
    the article was understood, then ``story`` (id, slug, title) when it belongs to one."""

    model_config = ConfigDict(extra="allow")
    id: str
    source: str
    shape: str
    body: str
    understood: bool
    awaiting_translation: bool


class EntityArticle(BaseModel):
    id: str
    title: str
    outlet: str | None
    published: str | None
    language: str | None
    url: str


class EntityOut(Paging):
    model_config = ConfigDict(extra="allow")
    id: str
    items: list[EntityArticle]
    stories: list[StorySummary]


class Hit(BaseModel):
    model_config = ConfigDict(extra="allow")
    kind: str
    id: str
    title: str
    title_html: str
    snippet: str
    score: float
    slug: str
    date: str | None
    outlet: str | None


class SearchOut(Paging):
    more: bool  # true when the total is a lower bound (very common words)
    query: dict[str, Any]
    items: list[Hit]


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": Error, "description": "No such item or page."},
    422: {"description": "A parameter is malformed (the reason is in `detail`)."},
}
router = APIRouter(prefix="/api", responses=ERRORS)
TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"  # no control characters
DAY = r"^\d{4}-\d{2}-\d{2}$"
PageParam = Query(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
PerPageParam = Query(None, ge=1, le=100, description="Items per page (default: page_size).")


def _per_page(request: Request, per_page: int | None) -> int:
    return per_page or request.app.state.settings.page_size


@router.get("/stories", tags=["stories"], response_model=StoryList)
def api_stories(
    request: Request,
    page: int = PageParam,
    per_page: int | None = PerPageParam,
    store: Store = Depends(get_store),
) -> JSONResponse:
    """Stories, the most recently updated first."""
    pager, items = service.list_stories(store, page, _per_page(request, per_page))
    return JSONResponse({**pager.as_dict(), "items": items})


@router.get("/stories/{slug}", tags=["stories"], responses={200: {"model": Story}})
def api_story(slug: str, store: Store = Depends(get_store)) -> JSONResponse:
    """One story by slug (or id): ``Story.as_dict()``."""
    return JSONResponse(service.find_story(store, slug).as_dict())


@router.get("/articles/{article_id}", tags=["articles"], response_model=ArticleOut)
def api_article(
    request: Request, article_id: str, store: Store = Depends(get_store)
) -> JSONResponse:
    """One article with its understanding."""
    article = service.find_article(store, article_id)
    data: dict[str, Any] = article.as_dict()
    u = store.get_understanding(article.id)
    data["understood"] = u is not None
    if u is not None:
        for key, value in u.as_dict().items():
            if key not in ("article_id", "language"):
                data[key] = value
        data["detected_language"] = u.language
    target = request.app.state.settings.target_language
    data["awaiting_translation"] = service.awaiting_translation(
        store, article.id, article.language, target
    )
    data["translations"] = store.translations_of(article.id)
    story_id = store.story_of_article(article.id)
    story = store.get_story(story_id) if story_id else None
    data["story"] = {"id": story.id, "slug": story.slug, "title": story.title} if story else None
    return JSONResponse(data)


@router.get("/entities/{entity_id}", tags=["entities"], response_model=EntityOut)
def api_entity(
    request: Request,
    entity_id: str,
    page: int = PageParam,
    per_page: int | None = PerPageParam,
    store: Store = Depends(get_store),
) -> JSONResponse:
    """A person, organisation or place, the articles that mention it (newest first, paged)
    and the stories it appears in."""
    entity = service.find_entity(store, entity_id)
    pager, items = service.entity_articles(store, entity_id, page, _per_page(request, per_page))
    _, stories = store.stories_mentioning(entity_id, limit=100, offset=0)
    return JSONResponse(
        {
            **entity,
            "id": entity_id,
            **pager.as_dict(),
            "items": items,
            "stories": [service.story_summary(s) for s in stories],
        }
    )


@router.get("/search", tags=["search"], response_model=SearchOut)
def api_search(
    request: Request,
    q: str = Query(
        ...,
        min_length=1,
        max_length=views.MAX_QUERY,
        pattern=TEXT,
        description="Words to find; diacritics and đ are ignored.",
    ),
    kind: Literal["article", "story"] | None = Query(None, description="Only this kind."),
    date_from: str | None = Query(None, pattern=DAY, description="YYYY-MM-DD, inclusive"),
    date_to: str | None = Query(None, pattern=DAY, description="YYYY-MM-DD, inclusive"),
    outlet: str | None = Query(None, max_length=120, pattern=TEXT, description="Outlet, exact"),
    person: str | None = Query(
        None, max_length=120, pattern=TEXT, description="Entity id or a name"
    ),
    page: int = PageParam,
    per_page: int | None = PerPageParam,
    store: Store = Depends(get_store),
) -> JSONResponse:
    """Full-text search over articles and stories, ranked by bm25, with highlighted snippets
    (HTML: the matches in ``<mark>``, everything else escaped)."""
    params = service.search_params(q, kind, date_from, date_to, outlet, person)
    if not params["q"]:
        raise BadParameter("q: the query is empty")
    pager, hits = service.run_search(store, params, page, _per_page(request, per_page))
    return JSONResponse(
        {
            **pager.as_dict(),
            "more": pager.total > COUNT_CAP,
            "query": {k: v for k, v in params.items() if v},
            "items": [h.as_dict() for h in hits],
        }
    )
