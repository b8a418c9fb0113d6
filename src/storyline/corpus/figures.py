"""Figure groups: figures that count the same thing, compared across outlets and time.

Two figures can be one group only if they are the same kind of number (a count,
money, a percentage, a duration in the same unit), their values are within a
plausible drift of each other, they are not tied to different places ("Rotterdam
handled 31 ships" is not the ships waiting off Kessingham), an increment ("two more
clinics") is not set against a total, they do not count another set of the same
noun ("27 EU leaders" against the leaders at a meeting, what was asked for against
what was given, a target or forecast against what happened) and — within one
article — they agree. Among those, a TF-IDF similarity of what they count (the
measure, weighted high) and the sentence around them decides, helped by how close
the values are; and because outlets use different nouns for one measure ("20
countries", "two dozen leaders"), a pair that is each other's best match between
two articles links on weaker evidence. Groups form by average linkage, so a chain
of loose resemblances does not glue unrelated figures together.

Each group lists its values by date and by outlet and says whether the value
changed over time (a **development**) and whether different values were given on
the same date (a **disagreement**).

Vague amounts ("thousands of") link as low bounds: "freeing up billions" and
"650 billion" may be one sum.

Modules: :mod:`figure_measures` (stems, counted nouns, classes), :mod:`figure_text`
(sentences, clauses, a figure's own words), :mod:`figure_places`, :mod:`figure_sets`
(named bodies), :mod:`figure_items` (the features), :mod:`figure_blocks` (claims and
candidate pairs), :mod:`figure_link` (can two figures be one count, how alike).

Cost: copies of one claim (the same figure in the same sentence, as syndicated text
repeats it) are scored once; claims are blocked by story (when the stories are given;
without them a corpus of up to :data:`SMALL_CORPUS` articles is one story) and kind,
and by their counted noun, class of counted thing and exact value; each block is
sorted by date and a claim is compared with at most :data:`WINDOW` neighbours in it,
so the work grows with the number of figures, not their square, and a story that
repeats its figures costs what its distinct claims cost.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from storyline.corpus.figure_blocks import SMALL_CORPUS, WINDOW, candidates, claims
from storyline.corpus.figure_items import Item, build_items, weigh
from storyline.corpus.figure_link import (
    LINK_THRESHOLD,
    compatible,
    items_compatible,
    link_score,
    merge_spans,
    mutual_best,
    spans_fit,
)
from storyline.corpus.figure_measures import (
    family,
    measure_head,
    stem,
    stems,
)
from storyline.model import Article, ArticleAnalysis, Figure, Story

__all__ = [
    "SMALL_CORPUS", "WINDOW", "FigureGroup", "FigureValue", "agree", "compatible", "family",
    "group_figures", "measure_head", "stem",
]  # fmt: skip

MERGE_AVERAGE = 0.15  # a pair can join two groups if they are this similar on average


@dataclass
class FigureValue:
    """One figure as a group shows it."""

    figure: str
    article: str
    outlet: str | None
    date: str | None
    value: float
    unit: str | None
    qualifier: str | None
    text: str
    low: float | None = None
    high: float | None = None


def agree(a: FigureValue, b: FigureValue) -> bool:
    """Same value, or one's value inside the other's range ("300" and "250 to 300")."""

    def bounds(v: FigureValue) -> tuple[float, float]:
        return (v.low, v.high) if v.low is not None and v.high is not None else (v.value, v.value)

    (alo, ahi), (blo, bhi) = bounds(a), bounds(b)
    if math.isclose(alo, blo, rel_tol=1e-6) and math.isclose(ahi, bhi, rel_tol=1e-6):
        return True
    return (alo == ahi and blo <= alo <= bhi) or (blo == bhi and alo <= blo <= ahi)


@dataclass
class FigureGroup:
    """Figures that count the same thing, in date order.

    ``kind``: "single" (one figure), "consistent" (all values agree),
    "development" (the value changed over time), "disagreement" (different
    values on the same date), or "development and disagreement".
    """

    id: str
    measure: str
    unit: str | None
    figures: list[str]
    values: list[FigureValue]
    by_date: dict[str, list[FigureValue]] = field(default_factory=dict)
    by_outlet: dict[str, list[FigureValue]] = field(default_factory=dict)
    development: bool = False
    disagreement: bool = False
    disagreement_dates: list[str] = field(default_factory=list)
    kind: str = "single"


def _cluster(nodes: list[Item], scores: dict[tuple[int, int], float]) -> list[list[int]]:
    """Average-linkage merging over scored pairs; missing pairs count as 0.

    The sum of scores between every two clusters is kept up to date as they merge
    (the smaller cluster's links fold into the larger's), so a merge costs the links
    of the smaller cluster, not the product of the two sizes. Two clusters merge only
    if every value of one could be the same count as every value of the other (see
    :func:`figure_link.spans_fit`): a chain 5, 11, 20, 24 does not become one count.
    """
    n = len(nodes)
    spans = [{it.figure.unit: it.bounds} for it in nodes]
    members: dict[int, list[int]] = {k: [k] for k in range(n)}
    owner = list(range(n))
    links: list[dict[int, float]] = [{} for _ in range(n)]
    blocked: list[set[int]] = [set() for _ in range(n)]
    for (a, b), s in scores.items():
        if s < 0:
            blocked[a].add(b)
            blocked[b].add(a)
        elif s > 0:
            links[a][b] = links[b][a] = s
    ranked = sorted(
        ((s, p) for p, s in scores.items() if s >= LINK_THRESHOLD), key=lambda t: (-t[0], t[1])
    )
    for _, (a, b) in ranked:
        ca, cb = owner[a], owner[b]
        if ca == cb or cb in blocked[ca]:
            continue
        if links[ca].get(cb, 0.0) / (len(members[ca]) * len(members[cb])) < MERGE_AVERAGE:
            continue
        if not spans_fit(spans[ca], spans[cb], nodes[ca].family):
            continue
        big, small = (ca, cb) if len(members[ca]) >= len(members[cb]) else (cb, ca)
        spans[big] = merge_spans(spans[big], spans[small])
        for other, total in links[small].items():
            if other == big:
                continue
            links[big][other] = links[big].get(other, 0.0) + total
            links[other][big] = links[big][other]
            del links[other][small]
        links[big].pop(small, None)
        links[small] = {}
        for other in blocked[small]:
            blocked[other].discard(small)
            blocked[other].add(big)
            blocked[big].add(other)
        blocked[small] = set()
        for y in members[small]:
            owner[y] = big
        members[big].extend(members.pop(small))
    return [sorted(m) for m in members.values()]


def group_figures(
    figures: list[Figure],
    analyses: Sequence[ArticleAnalysis],
    stories: Sequence[Story] | None = None,
) -> list[FigureGroup]:
    """Set ``figure.group`` for every figure and return the groups (largest first).

    ``analyses`` supply each figure's article (its text, outlet, date precision) and
    the places it names; ``stories``, when given, keep groups inside one story (and
    the work bounded by story size).
    """
    by_id = {a.article.id: a for a in analyses}
    articles = {aid: a.article for aid, a in by_id.items()}
    story_of = {aid: st.id for st in stories or () for aid in st.articles}
    items, places = build_items(figures, by_id, story_of)
    # One node per claim (its copies ride along): see figure_blocks.claims.
    copies = claims(items)
    nodes = [items[ks[0]] for ks in copies]
    weigh(nodes)
    node_of = {k: n for n, ks in enumerate(copies) for k in ks}
    scores: dict[tuple[int, int], float] = {}
    for a, b in candidates(nodes):
        if nodes[a].family == nodes[b].family:
            scores[(a, b)] = link_score(nodes[a], nodes[b], places)
    for pair in mutual_best(nodes, scores):
        scores[pair] = max(scores[pair], LINK_THRESHOLD)
    # Figures of one article with different values never share a group, even when
    # no candidate pair brought them together.
    by_article: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, it in enumerate(items):
        by_article[(it.figure.article, it.family)].append(k)
    for ks in by_article.values():
        if len(ks) > 50:
            continue
        for x, a in enumerate(ks):
            for b in ks[x + 1 :]:
                na, nb = sorted((node_of[a], node_of[b]))
                if (na, nb) not in scores and not items_compatible(items[a], items[b]):
                    scores[(na, nb)] = -1.0
    groups = [
        _make_group(
            [items[k].figure for k in sorted(k for n in cluster for k in copies[n])], articles
        )
        for cluster in _cluster(nodes, scores)
    ]
    groups.sort(key=lambda g: (-len(g.figures), g.id))
    return groups


def _group_id(figure_ids: Iterable[str]) -> str:
    digest = hashlib.sha256("\x1f".join(sorted(figure_ids)).encode("utf-8")).hexdigest()
    return "fg-" + digest[:12]


def _date_key(fig: Figure, article: Article | None) -> str | None:
    """The figure's date, cut to what is known (a month-precision article gives a month)."""
    if fig.date is None:
        return None
    if article is not None and fig.date == article.published:
        if article.published_precision == "month":
            return fig.date[:7]
        if article.published_precision == "year":
            return fig.date[:4]
    return fig.date


def _make_group(members: list[Figure], articles: dict[str, Article]) -> FigureGroup:
    ids = [f.id for f in members]
    gid = _group_id(ids)
    values: list[FigureValue] = []
    for f in members:
        f.group = gid
        art = articles.get(f.article)
        values.append(
            FigureValue(
                f.id,
                f.article,
                art.outlet if art else None,
                _date_key(f, art),
                f.value,
                f.unit,
                f.qualifier,
                f.text,
                f.low,
                f.high,
            )
        )
    values.sort(key=lambda v: (v.date or "9999", v.outlet or "", v.figure))
    by_date: dict[str, list[FigureValue]] = defaultdict(list)
    by_outlet: dict[str, list[FigureValue]] = defaultdict(list)
    for v in values:
        by_date[v.date or "unknown"].append(v)
        by_outlet[v.outlet or v.article].append(v)
    units = Counter(f.unit for f in members)
    main_unit = units.most_common(1)[0][0]
    # Compare values in the main unit only (a conversion in brackets is not a change).
    main = [v for v in values if v.unit == main_unit]
    disagreement_dates, development = _changes(main)
    if len(members) == 1:
        kind = "single"
    elif development and disagreement_dates:
        kind = "development and disagreement"
    elif development:
        kind = "development"
    elif disagreement_dates:
        kind = "disagreement"
    else:
        kind = "consistent"
    return FigureGroup(
        id=gid,
        measure=_label(members),
        unit=main_unit,
        figures=ids,
        values=values,
        by_date=dict(by_date),
        by_outlet=dict(by_outlet),
        development=development,
        disagreement=bool(disagreement_dates),
        disagreement_dates=disagreement_dates,
        kind=kind,
    )


def _changes(main: list[FigureValue]) -> tuple[list[str], bool]:
    """Days on which different values were given, and whether a value changed over time.

    Values are compared once per distinct value (a story can repeat one figure
    thousands of times): the work is in the distinct values, not the copies.
    """
    days: dict[tuple[float, float | None, float | None], set[str]] = defaultdict(set)
    dated: dict[tuple[float, float | None, float | None], set[str]] = defaultdict(set)
    first: dict[tuple[float, float | None, float | None], FigureValue] = {}
    for v in main:
        key = (v.value, v.low, v.high)
        first.setdefault(key, v)
        if v.date is not None:
            dated[key].add(v.date)
            if len(v.date) == 10:
                days[key].add(v.date)
    keys = list(first)
    disagreement: set[str] = set()
    development = False
    for x, ka in enumerate(keys):
        for kb in keys[x + 1 :]:
            if agree(first[ka], first[kb]):
                continue
            disagreement |= days[ka] & days[kb]
            da, db = dated[ka], dated[kb]
            # two dates that differ, one from each value
            development = development or bool(da and db and (len(da | db) > 1))
    return sorted(disagreement), development


def _label(members: list[Figure]) -> str:
    """The measure most members share; ties go to the one whose words recur most."""
    counts = Counter(stem(w) for f in members for w in _measure_stems(f.measure))
    best = max(
        (f.measure for f in members if f.measure),
        key=lambda m: (
            sum(counts[w] for w in _measure_stems(m)) / (1 + 0.1 * len(m.split())),
            -len(m),
        ),
        default="",
    )
    return best


@lru_cache(maxsize=65536)
def _measure_stems(measure: str) -> frozenset[str]:
    return frozenset(stems(measure))
