"""The cross-article stage: from per-article analyses to the corpus account.

Order: entity resolution, then the stages later capabilities add (duplicates,
stories, quote groups, figure groups, timeline, briefing).
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.corpus.entities import resolve_entities

from storyline.model import ArticleAnalysis, Result


def build_result(analyses: Sequence[ArticleAnalysis]) -> Result:
    """The corpus-level :class:`Result` for ``analyses`` (in arrival order)."""
    result = Result(articles=[a.article for a in analyses])
    result.entities = resolve_entities(analyses)
    for analysis in analyses:
        result.quotes.extend(analysis.quotes)
        result.timexes.extend(analysis.timexes)
        result.figures.extend(analysis.figures)
    # Until quote and figure grouping land, each item is its own group.
    for quote in result.quotes:
        quote.group = quote.group or quote.id
    for figure in result.figures:
        figure.group = figure.group or figure.id
    return result
