"""``storyline serve``: a FastAPI app over one store.

Pages (story list, story, article, search, upload) share their templates and
view models with ``report.html``; the JSON API (``/api/...``) serves every item
of the contract and is described at ``/openapi.json``. Article text is
untrusted: templates autoescape, pages carry a Content-Security-Policy that
lets only our own inline script run, and errors come back as a short page or
``{"detail": ...}``, never as a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Match

from storyline import __version__
from storyline.errors import StorylineError
from storyline.report.html import content_security_policy, make_environment
from storyline.settings import Settings
from storyline.store import open_store
from storyline.web.state import AppState

log = logging.getLogger("storyline.web")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
UPLOAD_PATHS = ("/upload", "/api/articles", "/api/articles/file")
# Room for the multipart envelope and the metadata fields around the article itself.
ENVELOPE_BYTES = 64 * 1024


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def story_url(story_id: str) -> str:
    return "/stories/" + quote(story_id, safe="")


def passage_url(article_id: str, start: int, end: int) -> str:
    return f"{article_url(article_id)}?s={start}&e={end}#p-{start}"


@cache
def environment() -> Environment:
    env = make_environment(
        embedded=False,
        passage_href=lambda ref, start, end: passage_url(ref.id, start, end),
        article_href=lambda ref: article_url(ref.id),
        extra=PackageLoader("storyline.web", "templates"),
    )
    env.globals.update(
        story_href=story_url,
        article_href_id=article_url,
        passage_href_id=passage_url,
        version=__version__,
        passage_or_article=lambda h: (
            passage_url(h.article, h.start, h.end)
            if h.start is not None
            else article_url(h.article)
        ),
    )
    return env


def render(
    request: Request, template: str, status_code: int = 200, /, **context: Any
) -> HTMLResponse:
    state: AppState | None = getattr(request.app.state, "storyline", None)
    store_name = Path(state.store.location).name if state else ""
    html = environment().get_template(template).render(store_name=store_name, **context)
    return HTMLResponse(html, status_code=status_code)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, detail: str) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    titles = {
        400: "Bad request",
        403: "Forbidden",
        404: "Not found",
        405: "Not allowed",
        411: "Length required",
        413: "Too large",
        422: "Cannot use this input",
    }
    title = titles.get(status, "Something went wrong" if status >= 500 else "Request refused")
    return render(request, "error.html.j2", status, status=status, title=title, detail=detail)


def _detail(exc: StarletteHTTPException) -> str:
    return exc.detail if isinstance(exc.detail, str) else str(exc.detail)


def _validation_text(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = error_response(request, exc.status_code, _detail(exc))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_text(exc))

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        log.warning("storyline error on %s: %s", request.url.path, exc)
        return error_response(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # Logged for the operator; the client gets no traceback.
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error: the server could not answer this")


def install_guards(app: FastAPI, settings: Settings) -> None:
    limit = settings.max_input_bytes + ENVELOPE_BYTES
    csp = content_security_policy(app=True)

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method == "POST":
            refused = _refuse_post(request, limit)
            if refused is not None:
                status, detail = refused
                return error_response(request, status, detail)
        response = await call_next(request)
        if response.status_code == 405:
            # Starlette names only the methods of the first route that matched the path.
            response.headers["Allow"] = ", ".join(_allowed_methods(request))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # same-origin, not no-referrer: with no-referrer, browsers send "Origin: null"
        # on our own form posts, which the cross-site check must refuse.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = csp
            response.headers["X-Frame-Options"] = "DENY"
        return response


def _allowed_methods(request: Request) -> list[str]:
    methods: set[str] = set()
    for route in request.app.routes:
        match, _scope = route.matches(request.scope)
        if match != Match.NONE:
            methods.update(getattr(route, "methods", None) or ())
    return sorted(methods)


def _refuse_post(request: Request, limit: int) -> tuple[int, str] | None:
    """Uploads need a declared length under the limit (checked before reading
    the body) and, from a browser, must come from this app's own pages."""
    origin = request.headers.get("origin")
    # "null" is what sandboxed frames and local files send: not one of our pages either.
    if origin and (origin == "null" or urlsplit(origin).netloc != request.headers.get("host")):
        return 403, "cross-site form posts are refused"
    if request.url.path not in UPLOAD_PATHS:
        return None
    length = request.headers.get("content-length")
    if length is None:
        return 411, "uploads must declare their Content-Length"
    if not length.isdigit():
        return 400, "invalid Content-Length"
    if int(length) > limit:
        return 413, f"upload of {length} bytes refused: the limit is {limit - ENVELOPE_BYTES} bytes"
    return None


def create_app(
    db: str | Path,
    settings: Settings | None = None,
    *,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The app over the store at ``db`` (created if missing).

    ``allowed_hosts``: Host header values to accept (guards a loopback server
    against DNS rebinding); ``None`` accepts any.
    """
    from storyline.web.api import router as api_router
    from storyline.web.pages import router as page_router

    settings = settings or Settings()
    state = AppState(open_store(db), settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="storyline",
        version=__version__,
        description="A sourced account of news stories: the items of storyline.json, "
        "per story views, search, and adding articles.",
        # The interactive docs load scripts from a CDN; the app stays offline.
        docs_url=None,
        redoc_url=None,
    )
    app.state.storyline = state
    install_error_handlers(app)
    install_guards(app, settings)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.include_router(page_router)
    app.include_router(api_router)

    return app


__all__ = ["LOOPBACK_HOSTS", "create_app"]
