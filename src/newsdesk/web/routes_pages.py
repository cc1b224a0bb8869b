"""The reader's pages (Vietnamese interface): home, story, article, entity, search."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment

from newsdesk.errors import NotFound
from newsdesk.store import Store
from newsdesk.store.search import COUNT_CAP
from newsdesk.web import highlight, service, views
from newsdesk.web.views import MAX_PAGE

router = APIRouter(include_in_schema=False)
ENTITY_KINDS = {"person": "Nhân vật", "organization": "Tổ chức", "place": "Địa danh"}


def get_store(request: Request) -> Store:
    return request.app.state.stores.get()


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    env: Environment = request.app.state.env
    html = env.get_template(template).render(
        request=request,
        media=request.app.state.media,
        target=request.app.state.settings.target_language,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def _target(request: Request) -> str:
    return request.app.state.settings.target_language


PageParam = Query(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def home(request: Request, page: int = PageParam, store: Store = Depends(get_store)) -> Response:
    pager, stories = service.list_stories(store, page, request.app.state.settings.page_size)
    return render(request, "home.html", pager=pager, stories=stories, title="Trang chủ")


@router.api_route("/stories/{slug}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def story_page(request: Request, slug: str, store: Store = Depends(get_store)) -> Response:
    story = service.find_story(store, slug)
    if story.slug and slug != story.slug:
        return RedirectResponse(
            request.url_for("story_page", slug=story.slug).path, status_code=301
        )
    rows = service.article_rows(store, service.cited_ids(story), _target(request))
    sources = service.citation_sources(story, rows)
    first = rows.get(story.articles[0].id, {}) if story.articles else {}
    groups = views.group_by_outlet(story, rows)
    heading = (
        story.title
        or first.get("title")
        or first.get("generated_title")
        or "Câu chuyện chưa có tiêu đề"
    )
    return render(
        request,
        "story.html",
        story=story,
        heading=heading,
        title=heading,
        groups=groups,
        sources=sources,
        timeline=views.timeline_svg(story.timeline, views.last_report_day(story)),
        outlets=sorted({g["outlet"] for g in groups if g["outlet"] != views.UNKNOWN_OUTLET}),
    )


@router.api_route("/articles/{article_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: Store = Depends(get_store)) -> Response:
    article = service.find_article(store, article_id)
    u = store.get_understanding(article.id)
    story_id = store.story_of_article(article.id)
    story = store.get_story(story_id) if story_id else None
    translations = store.translations_of(article.id)
    awaiting = bool(article.language and article.language != _target(request) and not translations)
    entities = []
    if u is not None:
        for group in (u.people, u.organizations, u.places):
            entities += [e for e in group]
    return render(
        request,
        "article.html",
        article=article,
        title=article.display_title,
        u=u,
        paragraphs=highlight.article_paragraphs(article, u),
        story=story,
        awaiting=awaiting,
        translations=translations,
        entities=entities,
        kinds=ENTITY_KINDS,
    )


@router.api_route("/entities/{entity_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def entity_page(
    request: Request, entity_id: str, page: int = PageParam, store: Store = Depends(get_store)
) -> Response:
    entity = service.find_entity(store, entity_id)
    per_page = request.app.state.settings.page_size
    pager, articles = service.entity_articles(store, entity_id, page, per_page)
    _, stories = store.stories_mentioning(entity_id, limit=50, offset=0)
    return render(
        request,
        "entity.html",
        entity=entity,
        title=entity.get("name") or entity_id,
        kind_label=ENTITY_KINDS.get(entity.get("kind", ""), "Thực thể"),
        pager=pager,
        articles=articles,
        stories=[service.story_summary(s) for s in stories],
    )


@router.api_route("/media/{path:path}", methods=["GET", "HEAD"])
def media(request: Request, path: str) -> Response:
    """Thumbnails and images the publish stage wrote under the output folder (images only)."""
    found = request.app.state.media.file(path)
    if found is None:
        raise NotFound(f"no image {path[:120]!r}")
    return FileResponse(found, headers={"cache-control": "public, max-age=3600"})


@router.api_route("/search", methods=["GET", "HEAD"], response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str | None = Query(None, max_length=views.MAX_QUERY),
    kind: str | None = Query(None, max_length=10),
    date_from: str | None = Query(None, max_length=10),
    date_to: str | None = Query(None, max_length=10),
    outlet: str | None = Query(None, max_length=120),
    person: str | None = Query(None, max_length=120),
    page: int = PageParam,
    store: Store = Depends(get_store),
) -> Response:
    params = service.search_params(q, kind, date_from, date_to, outlet, person)
    pager, hits = service.run_search(store, params, page, request.app.state.settings.page_size)
    query_string = {k: v for k, v in params.items() if v}
    return render(
        request,
        "search.html",
        title="Tìm kiếm" + (f": {params['q']}" if params["q"] else ""),
        params=params,
        pager=pager,
        hits=hits,
        outlets=store.search_outlets_list(),
        query_string=query_string,
        count_cap=COUNT_CAP,
    )
