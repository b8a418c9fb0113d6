"""Search across articles, quotes and entities.

A case-insensitive substring scan over the corpus index in memory: simple,
exact offsets (so a hit links to its passage), and fast enough for the tens of
thousands of articles one analyst's store holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.report.views import CorpusIndex

CONTEXT = 70
MAX_QUERY = 200


@dataclass
class Hit:
    kind: str  # "article", "quote", "entity"
    id: str
    label: str
    article: str | None
    start: int | None
    end: int | None
    before: str
    match: str
    after: str

    @property
    def snippet(self) -> str:
        return f"{self.before}{self.match}{self.after}"


@dataclass
class SearchResults:
    query: str
    articles: list[Hit]
    quotes: list[Hit]
    entities: list[Hit]

    @property
    def total(self) -> int:
        return len(self.articles) + len(self.quotes) + len(self.entities)


def _cut(text: str, start: int, end: int) -> tuple[str, str, str]:
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return before, text[start:end], after


def search(index: CorpusIndex, query: str, limit: int = 50) -> SearchResults:
    """Hits for ``query`` (at most ``limit`` of each kind)."""
    query = query.strip()[:MAX_QUERY]
    results = SearchResults(query, [], [], [])
    if not query:
        return results
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    for article in index.result.articles:
        if len(results.articles) >= limit:
            break
        ref = index.refs[article.id]
        found = pattern.search(article.text)
        if found:
            before, match, after = _cut(article.text, found.start(), found.end())
            results.articles.append(
                Hit(
                    "article",
                    article.id,
                    f"{ref.title} ({ref.outlet})",
                    article.id,
                    found.start(),
                    found.end(),
                    before,
                    match,
                    after,
                )
            )
        elif pattern.search(ref.title) or pattern.search(ref.outlet):
            results.articles.append(
                Hit(
                    "article",
                    article.id,
                    f"{ref.title} ({ref.outlet})",
                    article.id,
                    None,
                    None,
                    "",
                    "",
                    " ".join(article.text[: 2 * CONTEXT].split()),
                )
            )
    for quote in index.result.quotes:
        if len(results.quotes) >= limit:
            break
        speaker = quote.speaker_name or "unattributed"
        found = pattern.search(quote.text)
        if found is None and not pattern.search(speaker):
            continue
        if found:
            parts = _cut(quote.text, found.start(), found.end())
        else:
            parts = ("", "", quote.text[: 2 * CONTEXT])
        results.quotes.append(
            Hit(
                "quote",
                quote.id,
                f"{speaker} ({index.outlet(quote.article)})",
                quote.article,
                quote.start,
                quote.end,
                *parts,
            )
        )
    for entity in index.result.entities:
        if len(results.entities) >= limit:
            break
        names = [entity.name, *entity.aliases, *entity.roles]
        if not any(pattern.search(n) for n in names):
            continue
        first = entity.mentions[0] if entity.mentions else None
        extra = "; ".join(entity.roles)
        results.entities.append(
            Hit(
                "entity",
                entity.id,
                f"{entity.name} ({entity.type})",
                first.article if first else None,
                first.start if first else None,
                first.end if first else None,
                "",
                "",
                f"{extra} · {len(entity.mentions)} mentions"
                if extra
                else f"{len(entity.mentions)} mentions",
            )
        )
    return results
