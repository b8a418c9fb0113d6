"""The view models: plain objects that the report, briefing.md and the app show.

:mod:`storyline.report.views` computes them from a Result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.corpus.sources import UNNAMED
from storyline.model import InputFailure, Removed

EXCERPT_CHARS = 320


@dataclass
class ArticleRef:
    """How an article is named and linked wherever something cites it."""

    id: str
    anchor: str  # HTML id of the article in the report ("art-3")
    title: str
    outlet: str  # the outlet, or a stand-in naming the source when it has none
    published: str | None
    precision: str | None
    url: str | None
    source: str
    position: int

    @property
    def sort_key(self) -> tuple[str, int]:
        return (self.published or "9999", self.position)


@dataclass
class Passage:
    """A cited span of one article."""

    article: ArticleRef
    start: int
    end: int
    text: str

    @property
    def excerpt(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


@dataclass
class BriefingItem:
    text: str
    citations: list[Passage]


@dataclass
class TimelineEvent:
    id: str
    number: int  # label on the drawn axis
    title: str
    date: str | None
    precision: str | None
    status: str  # "held", "planned" (no article reports it as past yet), "undated"
    outlets: list[str]
    mentions: list[Passage]
    announced_by: list[str]  # outlets that reported it before its date

    @property
    def when(self) -> str:
        """The date as precise as it is known: "2025-02-07", "week of 2025-01-27",
        "2025-01" (a month is not its first day), "undated"."""
        if not self.date:
            return "undated"
        if self.precision == "month":
            return self.date[:7]
        if self.precision == "week":
            return f"week of {self.date}"
        return self.date


@dataclass
class Publication:
    date: str
    article: ArticleRef


@dataclass
class Timeline:
    events: list[TimelineEvent]  # dated first, in date order, then undated
    publications: list[Publication]

    @property
    def dated(self) -> list[TimelineEvent]:
        return [e for e in self.events if e.date]

    @property
    def undated(self) -> list[TimelineEvent]:
        return [e for e in self.events if not e.date]


@dataclass
class QuoteItem:
    """One statement (a quote group), however many outlets carried it."""

    group: str
    text: str
    kind: str
    cue: str | None
    date: str | None  # publication date where it was first seen
    first_seen: Passage
    copies: list[Passage]  # every occurrence, first seen first
    outlets: list[str]


@dataclass
class SpeakerQuotes:
    key: str  # filter key: entity id or "unattributed"
    name: str
    entity_id: str | None
    roles: list[str]
    quotes: list[QuoteItem]


@dataclass
class FigurePoint:
    date: str | None
    value: float
    unit: str | None
    outlet: str
    passage: Passage
    qualifier: str | None = None  # "up to", "around", ... as written
    high: float | None = None  # upper bound of a range ("two to three": value 2, high 3)
    precision: str | None = "day"  # of ``date``: a publication date may be a month only
    before: str = ""  # the words around the figure, for the table
    after: str = ""

    @property
    def date_label(self) -> str:
        if not self.date:
            return "undated"
        return (
            self.date[:7]
            if self.precision == "month"
            else (self.date[:4] if self.precision == "year" else self.date)
        )


@dataclass
class FigureNote:
    kind: str  # "development" or "disagreement"
    text: str


@dataclass
class FigureGroup:
    key: str
    measure: str
    unit: str | None
    points: list[FigurePoint]  # by date, then outlet
    notes: list[FigureNote]
    outlets: list[str]


@dataclass
class EntityItem:
    id: str
    name: str
    type: str
    roles: list[str]
    aliases: list[str]
    mentions: int
    outlets: list[str]
    first: Passage | None


@dataclass
class EntityGroup:
    key: str
    title: str
    items: list[EntityItem]


@dataclass
class OutletRow:
    outlet: str
    articles: int
    quotes: int
    figures: int
    events: int
    exclusive: int


@dataclass
class Exclusive:
    outlet: str
    kind: str  # "quote", "figure", "event"
    text: str
    passage: Passage | None


@dataclass
class CopySet:
    kind: str
    articles: list[ArticleRef]  # the original first when known
    original: ArticleRef | None = None
    wire: str | None = None  # the agency credited


@dataclass
class Sources:
    rows: list[OutletRow]
    exclusives: list[Exclusive]
    more_exclusives: int
    copies: list[CopySet]


@dataclass
class DamageItem:
    reason: str
    start: int
    end: int
    before: str
    text: str
    after: str


@dataclass
class QualityItem:
    article: ArticleRef
    removed: list[Removed]
    damage: list[DamageItem]


@dataclass
class StorySummary:
    id: str
    title: str
    articles: int
    outlets: int
    quotes: int
    figures: int
    events: int
    first: str | None
    last: str | None
    is_corpus: bool


@dataclass
class StoryView:
    summary: StorySummary
    articles: list[ArticleRef]
    outlets: list[str]
    briefing: list[BriefingItem]
    timeline: Timeline
    speakers: list[SpeakerQuotes]
    figures: list[FigureGroup]
    entities: list[EntityGroup]
    sources: Sources
    quality: list[QualityItem]
    failures: list[InputFailure] = field(default_factory=list)

    @property
    def outlets_phrase(self) -> str:
        """ "5 outlets (4 unnamed)": how many outlets, and how many the articles never named
        (each of those is counted as its own)."""
        total = len(self.outlets)
        unnamed = sum(o.startswith(UNNAMED) for o in self.outlets)
        noun = "outlet" if total == 1 else "outlets"
        if unnamed and unnamed == total:
            return f"{total} unnamed {noun}"
        return f"{total} {noun}" + (f" ({unnamed} unnamed)" if unnamed else "")

    @property
    def id(self) -> str:
        return self.summary.id

    @property
    def title(self) -> str:
        return self.summary.title

    @property
    def quote_count(self) -> int:
        return sum(len(s.quotes) for s in self.speakers)
