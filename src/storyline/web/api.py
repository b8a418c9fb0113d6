"""The JSON API: every item of the contract, per-story views, search, uploads."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool

from storyline.corpus.whats_new import whats_new
from storyline.report.viewmodels import StoryView
from storyline.report.views import CorpusIndex
from storyline.web.schemas import (
    AddedArticleOut,
    ArticleOut,
    ArticleSummaryOut,
    BriefingLineOut,
    ContractOut,
    DuplicateOut,
    EntityOut,
    ErrorOut,
    EventOut,
    FailureOut,
    FigureOut,
    QuoteOut,
    SearchHitOut,
    SearchOut,
    StorySummaryOut,
    TimexOut,
    UploadOut,
    WhatsNewOut,
)
from storyline.web.search import MAX_QUERY, Hit, search
from storyline.web.state import AppState
from storyline.web.upload import PUBLISHED_PATTERN, Upload, UploadError, add_upload

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in (
        (400, "Malformed request"),
        (404, "No such item"),
        (422, "Invalid parameters or input"),
    )
}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

Day = Annotated[
    str,
    Query(
        pattern=r"^\d{4}-\d\d-\d\d$",
        description="a day written YYYY-MM-DD",
        json_schema_extra={"format": "date"},
    ),
]
Limit = Annotated[int, Query(ge=1, le=1000, description="at most this many items")]
Offset = Annotated[int, Query(ge=0, description="skip this many items first")]
ArticleFilter = Annotated[str | None, Query(max_length=200, description="article id")]


def index_of(request: Request) -> CorpusIndex:
    state: AppState = request.app.state.storyline
    return state.index()


def _page(items: list[Any], limit: int, offset: int) -> list[Any]:
    return items[offset : offset + limit]


@router.get("/storyline.json", response_model=ContractOut, summary="The whole storyline.json")
def contract(request: Request) -> dict[str, Any]:
    return index_of(request).result.to_contract()


@router.get("/articles", response_model=list[ArticleSummaryOut], summary="Articles, arrival order")
def articles(request: Request, limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
    index = index_of(request)
    return [
        {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published,
            "published_precision": a.published_precision,
            "url": a.url,
            "source": a.source,
            "stories": index.story_of.get(a.id, []),
        }
        for a in _page(index.result.articles, limit, offset)
    ]


@router.get("/articles/{article_id:path}", response_model=ArticleOut, summary="One article")
def article(request: Request, article_id: str) -> dict[str, Any]:
    found = index_of(request).articles.get(article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return found.to_contract()


UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": UploadOut, "description": "Nothing added: every input failed (see failures)"},
    411: {"model": ErrorOut, "description": "No Content-Length"},
    413: {"model": ErrorOut, "description": "Over max_input_bytes"},
}
Field = Annotated[str, Form(max_length=2000)]


async def _add(request: Request, upload: Upload, response: Response) -> UploadOut:
    state: AppState = request.app.state.storyline
    try:
        outcome = await run_in_threadpool(add_upload, state, upload)
    except UploadError as exc:
        raise HTTPException(exc.status, exc.detail) from exc
    # Like `storyline analyze`: what went in, and what did not with the reason.
    # 201 when something was added; 200 when the input was read but nothing in it
    # could be used (the failures say why).
    response.status_code = 201 if outcome.added else 200
    return UploadOut(
        added=[AddedArticleOut(**asdict(a)) for a in outcome.added],
        failures=[FailureOut(**asdict(f)) for f in outcome.failures],
    )


@router.post(
    "/articles",
    status_code=201,
    response_model=UploadOut,
    summary="Add an article from its text; it goes through the whole pipeline",
    responses=UPLOAD_RESPONSES,
)
async def add_article(
    request: Request,
    response: Response,
    text: Annotated[str, Form(min_length=1, description="the article body")],
    title: Field = "",
    outlet: Field = "",
    published: Annotated[
        str, Form(pattern=PUBLISHED_PATTERN, description="YYYY-MM-DD, YYYY-MM, YYYY or empty")
    ] = "",
    url: Field = "",
) -> UploadOut:
    return await _add(request, Upload(text, None, None, title, outlet, published, url), response)


@router.post(
    "/articles/file",
    status_code=201,
    response_model=UploadOut,
    summary="Add the articles in a file (text, HTML, JSON Lines, RSS/Atom)",
    responses=UPLOAD_RESPONSES,
)
async def add_file(
    request: Request,
    response: Response,
    file: Annotated[UploadFile, File(description="the file; its name's suffix picks the reader")],
) -> UploadOut:
    limit = request.app.state.storyline.settings.max_input_bytes
    data = await file.read(limit + 1)
    return await _add(request, Upload(None, data, file.filename), response)


@router.get("/entities", response_model=list[EntityOut], summary="Entities, optionally by type")
def entities(
    request: Request,
    type: Annotated[str | None, Query(max_length=40, description="PERSON, ORG, GPE...")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    items = [e for e in index_of(request).result.entities if type is None or e.type == type]
    return [e.to_contract() for e in _page(items, limit, offset)]


@router.get("/entities/{entity_id:path}", response_model=EntityOut, summary="One entity")
def entity(request: Request, entity_id: str) -> dict[str, Any]:
    found = index_of(request).entities.get(entity_id)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return found.to_contract()


@router.get("/quotes", response_model=list[QuoteOut], summary="Quotes, filtered")
def quotes(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=200, description="entity id")] = None,
    group: Annotated[str | None, Query(max_length=200)] = None,
    article: ArticleFilter = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    items = [
        q
        for q in index_of(request).result.quotes
        if (speaker is None or q.speaker == speaker)
        and (group is None or q.group == group)
        and (article is None or q.article == article)
    ]
    return [q.to_contract() for q in _page(items, limit, offset)]


@router.get("/timexes", response_model=list[TimexOut], summary="Temporal expressions")
def timexes(
    request: Request, article: ArticleFilter = None, limit: Limit = 100, offset: Offset = 0
) -> list[dict[str, Any]]:
    items = [t for t in index_of(request).result.timexes if article in (None, t.article)]
    return [asdict(t) for t in _page(items, limit, offset)]


@router.get("/figures", response_model=list[FigureOut], summary="Figures, filtered")
def figures(
    request: Request,
    group: Annotated[str | None, Query(max_length=200)] = None,
    article: ArticleFilter = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    items = [
        f
        for f in index_of(request).result.figures
        if group in (None, f.group) and article in (None, f.article)
    ]
    return [asdict(f) for f in _page(items, limit, offset)]


@router.get("/events", response_model=list[EventOut], summary="Events on the timeline")
def events(request: Request, limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
    return [asdict(e) for e in _page(index_of(request).result.events, limit, offset)]


@router.get("/stories", response_model=list[StorySummaryOut], summary="Stories, newest first")
def stories(request: Request) -> list[dict[str, Any]]:
    return [asdict(s) for s in index_of(request).summaries()]


@router.get(
    "/stories/{story_id:path}",
    response_model=StoryView,
    summary="One story with every section of its page (briefing, timeline, quotes...)",
)
def story(request: Request, story_id: str) -> StoryView:
    view = index_of(request).story_view(story_id)
    if view is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return view


@router.get("/briefing", response_model=list[BriefingLineOut], summary="Briefing lines")
def briefing(
    request: Request, story: Annotated[str | None, Query(max_length=200)] = None
) -> list[dict[str, Any]]:
    return [asdict(b) for b in index_of(request).result.briefing if story in (None, b.story)]


@router.get("/duplicates", response_model=list[DuplicateOut], summary="Duplicate sets")
def duplicates(request: Request) -> list[dict[str, Any]]:
    return [asdict(d) for d in index_of(request).result.duplicates]


def _hit(hit: Hit) -> SearchHitOut:
    return SearchHitOut(
        kind=hit.kind,
        id=hit.id,
        label=hit.label,
        article=hit.article,
        start=hit.start,
        end=hit.end,
        snippet=hit.snippet,
    )


@router.get("/search", response_model=SearchOut, summary="Search articles, quotes, entities")
def search_api(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY)],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> SearchOut:
    found = search(index_of(request), q, limit)
    return SearchOut(
        query=found.query,
        articles=[_hit(h) for h in found.articles],
        quotes=[_hit(h) for h in found.quotes],
        entities=[_hit(h) for h in found.entities],
    )


@router.get(
    "/whats-new",
    response_model=WhatsNewOut,
    summary="What appeared since a day: events, statements and figures",
)
def whats_new_since(request: Request, since: Day) -> dict[str, Any]:
    try:
        day = date.fromisoformat(since)
    except ValueError as exc:  # "2031-02-30": shaped like a day, but none
        raise HTTPException(422, f"since: not a real day: {exc}") from exc
    return whats_new(index_of(request).result, day.isoformat()).to_contract()
