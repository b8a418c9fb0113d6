"""Source comparison for a set of articles: who carried what, and who alone.

Given the articles of a story (any list of article ids) and the corpus account,
lists every quote group, figure group and event those articles carry, with the
outlets that carry each and the articles they carry it in. An item carried by
one outlet only is **exclusive** to it. Copies count once: when two outlets
carry an item only through copies of one original (a syndicated wire story),
the item has one **independent** source, and the comparison says so.

Works over the data objects only (``Result``); the quote, figure and event
stages need not have grouped anything yet (an ungrouped item is its own group).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlparse

from storyline.model import Article, DuplicateSet, Result

ItemKind = Literal["quote", "figure", "event"]
LABEL_CHARS = 100


@dataclass
class SourceItem:
    """One quote group, figure group or event, and who carries it."""

    kind: ItemKind
    key: str  # quote group, figure group or event id
    label: str
    outlets: dict[str, list[str]] = field(default_factory=dict)  # outlet -> article ids
    independent: int = 0  # sources once copies of one original count as one
    values: dict[str, list[str]] = field(default_factory=dict)  # figures: outlet -> values

    @property
    def exclusive(self) -> bool:
        return len(self.outlets) == 1

    @property
    def differs(self) -> bool:
        """A figure that outlets give with different values."""
        seen = {v for vs in self.values.values() for v in vs}
        return self.kind == "figure" and len(seen) > 1


@dataclass
class OutletSummary:
    outlet: str
    articles: list[str]
    quotes: int = 0
    figures: int = 0
    events: int = 0
    exclusive: list[SourceItem] = field(default_factory=list)


@dataclass
class SourceComparison:
    """Who carried what among ``articles``."""

    articles: list[str]
    outlets: dict[str, OutletSummary]
    items: list[SourceItem]
    copies: list[DuplicateSet]  # copy sets among these articles

    @property
    def shared(self) -> list[SourceItem]:
        return [i for i in self.items if len(i.outlets) > 1]

    @property
    def exclusive(self) -> dict[str, list[SourceItem]]:
        return {name: s.exclusive for name, s in self.outlets.items() if s.exclusive}

    @property
    def single_source(self) -> list[SourceItem]:
        """Carried by several outlets, but all through copies of one article."""
        return [i for i in self.items if len(i.outlets) > 1 and i.independent == 1]

    @property
    def figure_differences(self) -> list[SourceItem]:
        return [i for i in self.items if i.differs]


UNNAMED = "unnamed outlet"  # how an article with no outlet, URL or known host is labelled
# Files that hold many articles: their name alone does not say which report is meant.
_MANY_ARTICLE_FILES = (".jsonl", ".ndjson", ".json", ".xml", ".rss", ".atom", ".gz", ".zip")


def source_name(article: Article) -> str:
    """The file (or address) an article came from, by its last part; with the article's
    id when that file holds many articles (JSON lines, a feed)."""
    name = re.split(r"[/\\]", article.source.rstrip("/\\"))[-1]
    if not name:
        return article.id
    return f"{name}, {article.id}" if name.lower().endswith(_MANY_ARTICLE_FILES) else name


def outlet_of(article: Article) -> str:
    """The outlet's name, else the URL's host, else "unnamed outlet (its file)"; two
    unnamed reports never share a label, so each counts as its own outlet."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip()
    if article.url:
        host = urlparse(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return f"{UNNAMED} ({source_name(article)})"


def _origins(copies: Iterable[DuplicateSet]) -> dict[str, str]:
    """Article id -> the original it copies (itself when it copies nothing)."""
    origin: dict[str, str] = {}
    for s in copies:
        first = s.original or s.articles[0]
        for aid in s.articles:
            origin[aid] = first
    return origin


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _format_value(value: float, unit: str | None, qualifier: str | None) -> str:
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    text = f"{number} {unit}" if unit else number
    return f"{qualifier} {text}" if qualifier else text


def compare_sources(result: Result, article_ids: Sequence[str]) -> SourceComparison:
    """The source comparison for the articles ``article_ids`` of ``result``."""
    wanted = list(dict.fromkeys(article_ids))
    chosen = set(wanted)
    articles = {a.id: a for a in result.articles if a.id in chosen}
    outlet = {aid: outlet_of(a) for aid, a in articles.items()}
    copies = [
        DuplicateSet([a for a in s.articles if a in chosen], s.kind, s.original, s.wire)
        for s in result.duplicates
        if sum(1 for a in s.articles if a in chosen) > 1
    ]
    origin = _origins(copies)

    items: dict[tuple[ItemKind, str], SourceItem] = {}
    carriers: dict[tuple[ItemKind, str], set[str]] = defaultdict(set)

    def carry(kind: ItemKind, key: str, label: str, article: str, value: str | None = None) -> None:
        if article not in articles:
            return
        item = items.setdefault((kind, key), SourceItem(kind, key, label))
        ids = item.outlets.setdefault(outlet[article], [])
        if article not in ids:
            ids.append(article)
        if value is not None:
            vals = item.values.setdefault(outlet[article], [])
            if value not in vals:
                vals.append(value)
        carriers[(kind, key)].add(origin.get(article, article))

    for q in result.quotes:
        who = f"{q.speaker_name}: " if q.speaker_name else ""
        carry("quote", q.group or q.id, _label(who + "“" + q.text + "”"), q.article)
    for f in result.figures:
        carry(
            "figure",
            f.group or f.id,
            _label(f.measure or f.text),
            f.article,
            _format_value(f.value, f.unit, f.qualifier),
        )
    for e in result.events:
        title = f"{e.date}: {e.title}" if e.date else e.title
        for m in e.mentions:
            carry("event", e.id, _label(title), m.article)

    for key, item in items.items():
        item.independent = len(carriers[key])
    ordered = sorted(items.values(), key=lambda i: (i.kind, -len(i.outlets), i.key))

    summaries: dict[str, OutletSummary] = {}
    for aid in wanted:
        if aid in articles:
            summaries.setdefault(outlet[aid], OutletSummary(outlet[aid], [])).articles.append(aid)
    for item in ordered:
        for name in item.outlets:
            summary = summaries[name]
            if item.kind == "quote":
                summary.quotes += 1
            elif item.kind == "figure":
                summary.figures += 1
            else:
                summary.events += 1
            if item.exclusive:
                summary.exclusive.append(item)
    return SourceComparison(
        articles=[a for a in wanted if a in articles],
        outlets=summaries,
        items=ordered,
        copies=copies,
    )
