"""The cross-article stage: from per-article analyses to the corpus account.

Order: entity resolution, then the timeline (which may pin the publication day of
articles dated only to a month, or not at all, from other articles' dates: the
stages after it see those articles narrowed to that day), then duplicates, quote
groups, figure groups and the briefing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.article.nlp import load_pipeline
from storyline.corpus.briefing import StoryMap, brief_stories
from storyline.corpus.duplicates import find_duplicates
from storyline.corpus.entities import resolve_entities
from storyline.corpus.figures import group_figures
from storyline.corpus.quotes import group_quotes
from storyline.corpus.stories import cluster_stories
from storyline.corpus.timeline import dated_timeline
from storyline.model import ArticleAnalysis, Result, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _parse(text: str) -> Doc:
    # spaCy is loaded only if some article's publication day gets pinned.
    return load_pipeline()(text)


def build_result(
    analyses: Sequence[ArticleAnalysis],
    stories: list[Story] | None = None,
    map_stories: StoryMap | None = None,
) -> Result:
    """The corpus-level :class:`Result` for ``analyses`` (in arrival order).

    ``stories`` come from an online :class:`StoryClusterer` kept between runs;
    without them the analyses are clustered here in one pass.
    """
    result = Result()
    result.stories = cluster_stories(analyses) if stories is None else stories
    result.entities = resolve_entities(analyses)
    # Before the stages that read publication dates: pinned articles come back as
    # narrowed copies (their relative timexes resolved again); the inputs stay as given.
    timeline = dated_timeline(analyses, result.entities, parser=_parse)
    analyses = timeline.analyses
    result.events = [event for event, _ in timeline.events]
    result.articles = [a.article for a in analyses]
    for analysis in analyses:
        result.quotes.extend(analysis.quotes)
        result.timexes.extend(analysis.timexes)
        result.figures.extend(analysis.figures)
    result.duplicates = find_duplicates(result.articles)
    group_figures(result.figures, analyses, result.stories)  # sets every figure's group
    group_quotes(result.quotes, result.entities, analyses)  # speakers' entities, groups
    for figure in result.figures:
        figure.group = figure.group or figure.id
    # Last (it reads every stage above), and per story: an engine may map it in parallel.
    result.briefing = brief_stories(result, analyses, map_stories)
    return result
