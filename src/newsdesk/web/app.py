"""The web reader and JSON API: ``create_app(settings, store_path)``.

Read-only by construction: every request reads the store through a read-only SQLite connection
(one per worker thread), and only GET/HEAD routes exist. One handler turns ``WebError``
(``NotFound`` 404, ``BadParameter`` 422) and request-validation errors into a clear message —
JSON under ``/api``, a Vietnamese page elsewhere. A pure-ASGI middleware adds the security
headers (a Content-Security-Policy without inline scripts or styles, nosniff, no framing).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk.config import Settings
from newsdesk.errors import WebError
from newsdesk.store import Store
from newsdesk.web import highlight, views

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
# Swagger UI and ReDoc load scripts from CDNs: only the OpenAPI document is served.
OPENAPI_TAGS = [
    {"name": "stories", "description": "Stories: groups of articles and their analysis."},
    {"name": "articles", "description": "Articles with what was understood from them."},
    {"name": "entities", "description": "People, organisations and places."},
    {"name": "search", "description": "Full-text search (diacritics ignored)."},
]


class StoreAccess:
    """One read-only ``Store`` per worker thread (SQLite connections are cheap and private)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._generation = 0

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None or getattr(self._local, "generation", -1) != self._generation:
            store = Store(self.path, readonly=True)
            self._local.store = store
            self._local.generation = self._generation
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        """Close every connection (at shutdown); a later request opens a fresh one."""
        with self._lock:
            self._generation += 1
            for store in self._all:
                store.close()
            self._all.clear()


class SecurityHeaders:
    """Adds the security headers to every HTTP response (pure ASGI: no body buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0] not in _HEADER_NAMES]
                message["headers"] = headers + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


_HEADER_NAMES = {name for name, _ in SECURITY_HEADERS}


def templates_env() -> Environment:
    env = Environment(
        loader=PackageLoader("newsdesk.web", "templates"),
        autoescape=select_autoescape(["html", "xml"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(views.FILTERS)
    env.filters["marks"] = highlight.only_marks
    return env


def create_app(settings: Settings, store_path: str | Path | None = None) -> FastAPI:
    """The reader over the store at ``store_path`` (default ``settings.db``), read-only."""
    from newsdesk.web import feeds, routes_api, routes_pages

    path = Path(store_path or settings.db)
    stores = StoreAccess(path)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsdesk",
        version="0.1.0",
        description="Stories built from many Vietnamese news reports, with their sources. "
        "Read-only.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        openapi_tags=OPENAPI_TAGS,
    )
    app.state.settings = settings
    app.state.stores = stores
    app.state.env = templates_env()
    app.state.media = views.MediaFinder(Path(settings.out))
    app.mount("/static", StaticFiles(packages=[("newsdesk.web", "static")]), name="static")
    app.include_router(routes_api.router)
    app.include_router(feeds.router)
    app.include_router(routes_pages.router)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        return error_response(request, exc.status, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": _jsonable_errors(exc.errors())}, status_code=422)
        return error_response(request, 422, views.validation_message(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404:
            detail = (
                f"{request.url.path} does not exist"
                if _wants_json(request)
                else f"Không tìm thấy trang {request.url.path}."
            )
        return error_response(request, exc.status_code, detail, headers=exc.headers)

    return app


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def _jsonable_errors(errors: Any) -> list[dict[str, Any]]:
    out = []
    for e in errors:
        item = {
            "loc": list(e.get("loc", ())),
            "msg": str(e.get("msg", "")),
            "type": e.get("type", ""),
        }
        out.append(item)
    return out


def error_response(request: Request, status: int, detail: str, headers: Any = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    env: Environment = request.app.state.env
    html = env.get_template("error.html").render(
        request=request, status=status, detail=detail, title=views.STATUS_TITLES.get(status, "Lỗi")
    )
    return HTMLResponse(html, status_code=status, headers=headers)


__all__ = ["CSP", "StoreAccess", "create_app"]
