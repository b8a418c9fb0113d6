"""The app's HTML pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from storyline.corpus.whats_new import whats_new
from storyline.errors import InputFormatError
from storyline.report.textmarks import article_marks, render_text
from storyline.web.app import article_url, error_response, render, story_url
from storyline.web.search import MAX_QUERY, search
from storyline.web.state import AppState
from storyline.web.upload import Upload, UploadError, UploadOutcome, add_upload

router = APIRouter(include_in_schema=False)


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.storyline
    return state


@router.get("/", response_class=HTMLResponse)
def story_list(request: Request) -> Response:
    index = state_of(request).index()
    return render(request, "stories.html.j2", stories=index.summaries())


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    view = state_of(request).index().story_view(story_id)
    if view is None:
        return error_response(request, 404, f"no story with id {story_id!r}")
    api = "/api/stories/" + story_url(story_id).removeprefix("/stories/")
    return render(request, "story.html.j2", story=view, api_href=api)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request,
    article_id: str,
    s: Annotated[int | None, Query(ge=0)] = None,
    e: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    index = state_of(request).index()
    article = index.articles.get(article_id)
    if article is None:
        return error_response(request, 404, f"no article with id {article_id!r}")
    ref = index.refs[article_id]
    hit = (s, e) if s is not None and e is not None and s < e <= len(article.text) else None
    quotes = sorted(index.quotes_by_article.get(article_id, []), key=lambda q: q.start)
    mentions = index.mentions_by_article.get(article_id, [])
    timexes = sorted(index.timexes_by_article.get(article_id, []), key=lambda t: t.start)
    figures = sorted(index.figures_by_article.get(article_id, []), key=lambda f: f.start)
    marks = article_marks(
        article, quotes=quotes, mentions=mentions, timexes=timexes, figures=figures
    )
    by_entity: dict[str, tuple[str, str, list[str], list[tuple[int, int, str]]]] = {}
    for entity, span in sorted(mentions, key=lambda em: em[1].start):
        row = by_entity.setdefault(entity.id, (entity.name, entity.type, entity.roles, []))
        row[3].append((span.start, span.end, span.text))
    base = article_url(article_id)
    return render(
        request,
        "article.html.j2",
        article=article,
        ref=ref,
        html=render_text(article.text, marks, anchor="p", hit=hit),
        hit=hit,
        quotes=quotes,
        mentions=list(by_entity.values()),
        timexes=timexes,
        figures=figures,
        stories=[
            (sid, story.title)
            for sid in index.story_of.get(article_id, [])
            if (story := index.story(sid)) is not None
        ],
        here=lambda start, end: f"{base}?s={start}&e={end}#p-{start}",
        api_href="/api" + base,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=MAX_QUERY)] = "") -> Response:
    results = search(state_of(request).index(), q) if q.strip() else None
    return render(request, "search.html.j2", results=results, query=q)


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> Response:
    return render(request, "upload.html.j2", **_upload_context(request))  # an empty form


@router.post("/upload", response_class=HTMLResponse)
async def upload_submit(
    request: Request,
    text: Annotated[str | None, Form()] = None,
    title: Annotated[str | None, Form()] = None,
    outlet: Annotated[str | None, Form()] = None,
    published: Annotated[str | None, Form()] = None,
    url: Annotated[str | None, Form()] = None,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    state = state_of(request)
    limit = state.settings.max_input_bytes
    data = await file.read(limit + 1) if file is not None and file.filename else None
    upload = Upload(text, data, file.filename if file else None, title, outlet, published, url)
    try:
        outcome = await run_in_threadpool(add_upload, state, upload)
    except UploadError as exc:
        return render(
            request, "upload.html.j2", exc.status, **_upload_context(request, error=exc.detail)
        )
    status = 200 if outcome.added else 422
    return render(request, "upload.html.j2", status, **_upload_context(request, outcome=outcome))


def _upload_context(
    request: Request, *, outcome: UploadOutcome | None = None, error: str | None = None
) -> dict[str, object]:
    state = state_of(request)
    return {
        "limit": state.settings.max_input_bytes,
        "story_titles": {s.id: s.title for s in state.index().stories},
        "outcome": outcome,
        "error": error,
    }


@router.get("/whats-new", response_class=HTMLResponse)
def whats_new_page(
    request: Request,
    since: Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}-\d\d-\d\d$")] = None,
) -> Response:
    index = state_of(request).index()
    if since is None:  # the form, set to the newest publication day
        newest = max((a.published[:10] for a in index.result.articles if a.published), default="")
        return render(request, "whats_new.html.j2", news=None, since=newest)
    try:
        news = whats_new(index.result, since)
    except InputFormatError as exc:
        return error_response(request, 422, f"since: {exc.reason}")
    return render(request, "whats_new.html.j2", news=news, since=since, refs=index.refs)
