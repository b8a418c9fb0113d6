"""Data objects, kept apart from the code that makes them.

Every output item carries provenance: the id of the article it comes from and
character offsets into that article's cleaned ``text``.

The per-article stage turns a :class:`RawDocument` into an :class:`ArticleAnalysis`;
the corpus stage turns many analyses into a :class:`Result`.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Precision = Literal["day", "month", "year"]


def content_id(text: str, length: int = 16) -> str:
    """A stable id derived from content (hex digest prefix)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@dataclass
class RawDocument:
    """One document as a reader found it, before cleaning.

    ``text`` is the body as the reader produced it; for plain text the reader has
    already lifted the metadata lines it recognised into the fields.
    ``removed`` holds lines the reader itself took out (show headers, masthead
    furniture) so that nothing disappears silently.
    """

    source: str
    text: str
    format: str  # "text", "html", "jsonl", "json", "feed", "url"
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date, "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    published_precision: Precision | None = None
    removed: list[Removed] = field(default_factory=list)

    def fingerprint(self) -> str:
        """Hash of everything that can change the analysis of this document."""
        parts = [
            self.text,
            self.id or "",
            self.title or "",
            self.outlet or "",
            self.byline or "",
            self.url or "",
            self.published or "",
            self.published_precision or "",
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass
class Removed:
    """A line of page furniture taken out of the text, with the reason."""

    text: str
    reason: str


@dataclass
class Damage:
    """A span of the cleaned text that is visibly broken (e.g. names stripped out)."""

    start: int
    end: int
    reason: str


@dataclass
class Article:
    """A cleaned article: the unit every offset refers to."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    published: str | None = None  # "YYYY-MM-DD" (first day of the month/year if less precise)
    published_precision: Precision | None = None
    removed: list[Removed] = field(default_factory=list)
    damage: list[Damage] = field(default_factory=list)
    fingerprint: str = ""  # RawDocument.fingerprint() of the input it came from

    def to_contract(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "byline": self.byline,
            "url": self.url,
            "published": self.published,
            "published_precision": self.published_precision,
            "text": self.text,
            "removed": [asdict(r) for r in self.removed],
            "damage": [asdict(d) for d in self.damage],
        }


@dataclass
class Span:
    """A span of an article's cleaned text."""

    article: str
    start: int
    end: int
    text: str


@dataclass
class EntityMention:
    """A mention of a named thing in one article, as the per-article stage found it.

    ``label`` is the entity type (PERSON, ORG, GPE, NORP, LOC, EVENT, ...);
    ``cluster`` groups mentions of one referent within the article (-1: none);
    ``canonical`` is the fullest name the article gives that referent;
    ``roles`` are titles or appositions attached to this mention.
    """

    article: str
    start: int
    end: int
    text: str
    label: str
    cluster: int = -1
    canonical: str | None = None
    roles: list[str] = field(default_factory=list)
    kind: str = "name"  # "name", "title", "pronoun", ...
    # ISO 3166 alpha-2 code ("EU" for the Union) when the mention names a country
    # (GPE), a nationality (NORP) or a government by its capital or seat (ORG).
    ref: str | None = None


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "mentions": [asdict(m) for m in self.mentions],
        }


@dataclass
class Quote:
    id: str
    article: str
    start: int
    end: int
    text: str
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = None
    speaker_name: str | None = None
    cue: str | None = None
    group: str = ""
    # Within-article referent of the speaker (EntityMention.cluster); the corpus
    # stage turns it into ``speaker``/``speaker_name``. Not part of the export.
    speaker_cluster: int = -1

    def to_contract(self) -> dict[str, Any]:
        data = asdict(self)
        del data["speaker_cluster"]
        return data


@dataclass
class Timex:
    article: str
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str


@dataclass
class Figure:
    id: str
    article: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    measure: str
    date: str | None = None
    group: str = ""
    # Added by the figures stage: "up to", "around", "could", ... as written; and the
    # bounds of a range ("two to three months": low 2, high 3; value = low).
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None


@dataclass
class EventMention:
    article: str
    start: int
    end: int


@dataclass
class EventCandidate:
    """Something one sentence of one article reports as having happened or as planned.

    ``start``/``end`` span the sentence; ``trigger_start``/``trigger_end`` the word
    that names the event ("met", "summit"). ``date`` is ``YYYY-MM-DD`` (day),
    ``YYYY-Www`` (week), ``YYYY-MM`` (month) or ``YYYY`` (year), or None;
    ``date_source`` is "timex" when the text dates it, "published" when the
    publication date stands in for it (lower ``confidence``). Facts kept for
    articles whose publication day is unknown: ``weekday`` (0 = Monday) the text
    names, ``day_offset`` (days from publication: -1 for "yesterday") and
    ``week_offset`` (ISO weeks from publication: 0 for "this week").
    """

    article: str
    start: int
    end: int
    trigger: str  # lemma: "meet", "summit", "talk"
    trigger_start: int
    trigger_end: int
    kind: str  # "meeting", "agreement", "transfer", "visit", "announcement", "vote", ...
    status: Literal["happened", "planned"]
    title: str
    date: str | None = None
    date_precision: Literal["day", "week", "month", "year"] | None = None
    date_source: Literal["timex", "published"] | None = None
    confidence: float = 0.0
    timex: str | None = None  # TIMEX3 value of the expression that dates it
    weekday: int | None = None
    day_offset: int | None = None
    week_offset: int | None = None
    participants: list[Span] = field(default_factory=list)
    place: Span | None = None
    definite: bool = False  # "the meeting": points back to an event already named


@dataclass
class Event:
    id: str
    title: str
    date: str | None = None
    date_precision: Literal["day", "week", "month"] | None = None
    mentions: list[EventMention] = field(default_factory=list)


@dataclass
class Story:
    id: str
    title: str
    articles: list[str] = field(default_factory=list)


@dataclass
class Citation:
    article: str
    start: int
    end: int


@dataclass
class BriefingLine:
    story: str
    text: str
    citations: list[Citation] = field(default_factory=list)


@dataclass
class DuplicateSet:
    articles: list[str]
    kind: Literal["syndicated", "near-duplicate", "exact"]
    # Lineage: the article the others copy (the wire's own or the earliest
    # published; listed first in ``articles``) and the wire agency credited, if any.
    original: str | None = None
    wire: str | None = None


@dataclass
class ArticleAnalysis:
    """Everything the per-article stage finds in one article."""

    article: Article
    mentions: list[EntityMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    event_candidates: list[EventCandidate] = field(default_factory=list)


@dataclass
class InputFailure:
    """An input that could not be read or analysed, and why."""

    source: str
    reason: str
    stage: str = "read"


@dataclass
class Result:
    """The whole account of a corpus: what ``storyline.json`` holds."""

    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    briefing: list[BriefingLine] = field(default_factory=list)
    duplicates: list[DuplicateSet] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    analysed: int = 0  # articles analysed in this run
    cached: int = 0  # articles taken from the store unchanged

    def to_contract(self) -> dict[str, Any]:
        """The ``storyline.json`` document (see docs/output-contract.md)."""
        return {
            "articles": [a.to_contract() for a in self.articles],
            "entities": [e.to_contract() for e in self.entities],
            "quotes": [q.to_contract() for q in self.quotes],
            "timexes": [asdict(t) for t in self.timexes],
            "figures": [asdict(f) for f in self.figures],
            "events": [asdict(e) for e in self.events],
            "stories": [asdict(s) for s in self.stories],
            "briefing": [asdict(b) for b in self.briefing],
            "duplicates": [asdict(d) for d in self.duplicates],
        }
