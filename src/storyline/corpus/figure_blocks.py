"""Candidate pairs for grouping: blocking that keeps the work linear in the figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.corpus.figure_items import Item, build_items
from storyline.model import ArticleAnalysis, Figure, Story

SMALL_CORPUS = 50  # articles: without stories, a corpus this small is taken as one story
WINDOW = 25  # a figure meets at most this many later figures of each of its blocks


def claims(items: list[Item]) -> list[list[int]]:
    """The items that repeat one claim, first one first: the same figure in the same
    sentence with the same measure and places, in the same story (syndicated and
    copied text; see :attr:`Item.claim`).

    Scoring a claim once stands for all its copies: a story that repeats a figure in
    2,000 copies costs one figure's comparisons, and the copies do not crowd each
    other's windows.
    """
    seen: dict[tuple[object, ...], list[int]] = {}
    for k, it in enumerate(items):
        seen.setdefault(it.claim or (k,), []).append(k)
    return list(seen.values())


def candidates(items: list[Item]) -> set[tuple[int, int]]:
    """Pairs worth scoring: same story and kind, and a shared measure word, class or value.

    Each key's block is sorted by date and a figure meets at most :data:`WINDOW`
    figures after it there, so a common measure word costs ``WINDOW`` comparisons per
    figure, not one per figure in the corpus.
    """
    index: dict[str, list[int]] = defaultdict(list)
    small = len({it.figure.article for it in items}) <= SMALL_CORPUS
    for k, it in enumerate(items):
        prefix = f"{it.block}|{it.family}|"
        # the counted noun, not every word of the measure: a figure sits in few blocks
        keys = {prefix + "w:" + it.head} if it.head else set()
        keys |= {prefix + "c:" + c for c in it.classes}
        keys.add(prefix + it.value_key)
        # The whole story and kind, for other words for the same thing (without stories,
        # a small corpus is taken as one story; a large one is left to the keys above).
        if it.block or small:
            keys.add(prefix)
        for key in keys:
            index[key].append(k)
    pairs: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) < 2:
            continue
        posting.sort(key=lambda k: items[k].order)
        for x, a in enumerate(posting):
            for b in posting[x + 1 : x + 1 + WINDOW]:
                pairs.add((a, b) if a < b else (b, a))
    return pairs


def candidate_pairs(
    figures: Sequence[Figure],
    analyses: Sequence[ArticleAnalysis],
    stories: Sequence[Story] | None = None,
) -> int:
    """How many pairs grouping would score (the work, free of the machine's load)."""
    story_of = {aid: st.id for st in stories or () for aid in st.articles}
    items, _ = build_items(figures, {a.article.id: a for a in analyses}, story_of)
    return len(candidates([items[ks[0]] for ks in claims(items)]))
