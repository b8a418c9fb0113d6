"""The JSON API's shapes: the contract's items (docs/output-contract.md) as
pydantic models, so that FastAPI publishes them in its OpenAPI description."""

from __future__ import annotations

from pydantic import BaseModel, Field


class RemovedOut(BaseModel):
    text: str
    reason: str


class DamageOut(BaseModel):
    start: int
    end: int
    reason: str


class ArticleSummaryOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    published_precision: str | None
    url: str | None
    source: str
    stories: list[str] = Field(description="ids of the stories the article belongs to")


class ArticleOut(BaseModel):
    id: str
    source: str
    title: str | None
    outlet: str | None
    byline: str | None
    url: str | None
    published: str | None
    published_precision: str | None
    text: str
    removed: list[RemovedOut]
    damage: list[DamageOut]


class SpanOut(BaseModel):
    article: str
    start: int
    end: int
    text: str


class EntityOut(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    mentions: list[SpanOut]


class QuoteOut(BaseModel):
    id: str
    article: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_name: str | None
    cue: str | None
    group: str


class TimexOut(BaseModel):
    article: str
    start: int
    end: int
    text: str
    type: str
    value: str


class FigureOut(BaseModel):
    id: str
    article: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    measure: str
    date: str | None
    group: str


class EventMentionOut(BaseModel):
    article: str
    start: int
    end: int


class EventOut(BaseModel):
    id: str
    date: str | None
    date_precision: str | None
    title: str
    mentions: list[EventMentionOut]


class QuoteNewsOut(BaseModel):
    group: str
    speaker: str | None
    speaker_name: str | None
    text: str = Field(description="the fullest wording among its new quotes")
    new_statement: bool = Field(description="false when old articles carried it too")
    earlier: int = Field(description="its quotes in articles from before")
    outlets: list[str]
    quotes: list[QuoteOut]


class FigureNewsOut(BaseModel):
    group: str
    measure: str
    unit: str | None
    changed: bool = Field(description="a new value agrees with none of the earlier ones")
    values: list[float]
    earlier_values: list[float]
    figures: list[FigureOut]
    before: list[FigureOut]


class WhatsNewOut(BaseModel):
    since: str = Field(description="the day asked for")
    articles: list[str] = Field(description="ids of the articles published since")
    uncertain: list[str] = Field(description="ids of articles whose date cannot tell")
    events: list[EventOut] = Field(description="first reported since")
    updated_events: list[EventOut] = Field(description="reported before and since")
    quotes: list[QuoteNewsOut]
    figures: list[FigureNewsOut]


class StoryOut(BaseModel):
    id: str
    title: str
    articles: list[str]


class CitationOut(BaseModel):
    article: str
    start: int
    end: int


class BriefingLineOut(BaseModel):
    story: str
    text: str
    citations: list[CitationOut]


class DuplicateOut(BaseModel):
    articles: list[str]
    kind: str


class ContractOut(BaseModel):
    """The whole ``storyline.json`` document."""

    articles: list[ArticleOut]
    entities: list[EntityOut]
    quotes: list[QuoteOut]
    timexes: list[TimexOut]
    figures: list[FigureOut]
    events: list[EventOut]
    stories: list[StoryOut]
    briefing: list[BriefingLineOut]
    duplicates: list[DuplicateOut]


class StorySummaryOut(BaseModel):
    id: str
    title: str
    articles: int
    outlets: int
    quotes: int
    figures: int
    events: int
    first: str | None
    last: str | None
    is_corpus: bool = Field(description="true while no stories exist: the corpus as one story")


class SearchHitOut(BaseModel):
    kind: str = Field(description="article, quote or entity")
    id: str
    label: str
    article: str | None
    start: int | None
    end: int | None
    snippet: str


class SearchOut(BaseModel):
    query: str
    articles: list[SearchHitOut]
    quotes: list[SearchHitOut]
    entities: list[SearchHitOut]


class AddedArticleOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    stories: list[str]
    new: bool = Field(description="false when the store already held this article")


class FailureOut(BaseModel):
    source: str
    reason: str
    stage: str


class UploadOut(BaseModel):
    added: list[AddedArticleOut]
    failures: list[FailureOut]


class ErrorOut(BaseModel):
    detail: str
