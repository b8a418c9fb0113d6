"""Whether two figures can count the same thing, and how alike they are.

:func:`link_score` is -1 for a pair that cannot be one count (another kind of number,
values too far apart, different places, an increment against a total, another set
of the same noun), else a TF-IDF similarity of what they count and the sentences
around them, plus a little for close values. Each item carries its value bounds and
measure words, worked out once: a pair's score reads them, it does not recompute.
"""

from __future__ import annotations

import math

from storyline.corpus.figure_items import Item, place_conflict
from storyline.corpus.figure_measures import classes_conflict, value_bounds
from storyline.corpus.figure_places import Places
from storyline.corpus.figure_sets import set_conflict
from storyline.model import Figure

MAX_RATIO = {"count": 2.5, "money": 2.0, "percent": 3.0}
DEFAULT_MAX_RATIO = 3.0
LINK_THRESHOLD = 0.22  # a pair this similar can start or join a group
UNSHARED_FACTOR = 0.5  # no measure word, class or value in common
CLOSENESS_BONUS = 0.1  # the same value adds this much, a value at the drift limit nothing
MUTUAL_MIN = 0.12  # each other's best match between two articles links from here


def compatible(a: Figure, b: Figure, fam: str) -> bool:
    """Could ``a`` and ``b`` count the same thing at all?"""
    return _compatible(a, b, value_bounds(a), value_bounds(b), fam)


def _compatible(
    a: Figure, b: Figure, ab: tuple[float, float], bb: tuple[float, float], fam: str
) -> bool:
    (alo, ahi), (blo, bhi) = ab, bb
    if a.article == b.article:
        if a.unit == b.unit:
            # an article agrees with itself ("thousands" and "5,000" may both stand)
            return math.isclose(a.value, b.value, rel_tol=1e-9) or (
                (alo < ahi or blo < bhi) and alo <= bhi and blo <= ahi
            )
        return fam.startswith("money")  # "650 billion euros (£545 billion)"
    if a.unit != b.unit and not fam.startswith("money"):
        return fam == "percent" and {a.unit, b.unit} <= {"%", "% of GDP"}
    if a.unit != b.unit:
        return True  # two currencies: values cannot be compared without rates
    if alo <= bhi and blo <= ahi:
        return True  # the ranges overlap
    lo, hi = (abs(ahi), abs(blo)) if ahi < blo else (abs(bhi), abs(alo))
    if lo == 0:
        return hi == 0
    return hi / lo <= MAX_RATIO.get(fam.partition("/")[0], DEFAULT_MAX_RATIO)


def items_compatible(a: Item, b: Item) -> bool:
    """:func:`compatible` for two items (their bounds worked out once)."""
    return _compatible(a.figure, b.figure, a.bounds, b.bounds, a.family)


def _closeness(a: Item, b: Item) -> float:
    """1 for the same value, falling to 0 at the largest drift allowed."""
    if a.figure.unit != b.figure.unit:
        return 0.0
    (alo, ahi), (blo, bhi) = a.bounds, b.bounds
    if alo <= bhi and blo <= ahi:
        return 1.0
    lo, hi = (abs(ahi), abs(blo)) if ahi < blo else (abs(bhi), abs(alo))
    if lo == 0:
        return 0.0
    limit = math.log(MAX_RATIO.get(a.family.partition("/")[0], DEFAULT_MAX_RATIO))
    return max(0.0, 1.0 - math.log(hi / lo) / limit)


def similarity(a: Item, b: Item) -> float:
    """How alike two linkable items are (0 when they count different kinds of thing)."""
    if classes_conflict(a.classes, b.classes):
        return 0.0  # counting different kinds of thing
    small, large = (a.vector, b.vector) if len(a.vector) < len(b.vector) else (b.vector, a.vector)
    sim = sum(v * large.get(w, 0.0) for w, v in small.items())
    if not (a.classes & b.classes) and not a.words & b.words and a.value_key != b.value_key:
        sim *= UNSHARED_FACTOR  # nothing named alike: the sentences alone must carry it
    return sim + CLOSENESS_BONUS * _closeness(a, b)


def other_set(a: Item, b: Item) -> bool:
    """The same noun, another set: a named body's members ("EU leaders") against other
    leaders, what was asked for against what was given, a target or forecast against
    a count of what happened, an earlier year's figure against this one's."""
    if a.stance and b.stance and a.stance != b.stance:
        return True
    if a.state and b.state and a.state != b.state:
        return True  # the dead against the missing, those aboard against the capacity
    if a.aim != b.aim or a.year != b.year:
        return True  # a target against a count; last time's figure against this time's
    return set_conflict(a.named, a.figure.measure, b.named, b.figure.measure)


def link_score(a: Item, b: Item, places: dict[str, Places]) -> float:
    """-1 when ``a`` and ``b`` cannot count the same thing, else their similarity."""
    if (
        not items_compatible(a, b)
        or a.increment != b.increment
        or place_conflict(a, b, places)
        or other_set(a, b)
    ):
        return -1.0
    return similarity(a, b)


def mutual_best(items: list[Item], scores: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """Pairs that are each other's best match between their two articles."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (a, b), s in scores.items():
        if s < MUTUAL_MIN:
            continue
        for x, y in ((a, b), (b, a)):
            key = (x, items[y].figure.article)
            if key not in best or s > best[key][0]:
                best[key] = (s, y)
    out = set()
    for (a, b), s in scores.items():
        if s < MUTUAL_MIN or items[a].figure.article == items[b].figure.article:
            continue
        if (
            best[(a, items[b].figure.article)][1] == b
            and best[(b, items[a].figure.article)][1] == a
        ):
            out.add((a, b))
    return out


Span = dict[str | None, tuple[float, float]]  # unit -> (largest low bound, smallest high)


def spans_fit(a: Span, b: Span, fam: str) -> bool:
    """Could every value of one group be the same count as every value of the other?

    A group keeps, per unit, its largest low bound and smallest high bound: all its
    values are within the drift allowed of each other exactly when those two are.
    """
    limit = MAX_RATIO.get(fam.partition("/")[0], DEFAULT_MAX_RATIO)
    for unit, (b_lo, b_hi) in b.items():
        if unit not in a:
            continue
        lo, hi = max(a[unit][0], b_lo), min(a[unit][1], b_hi)
        if lo > hi and (hi <= 0 or lo / hi > limit):
            return False
    return True


def merge_spans(a: Span, b: Span) -> Span:
    out = dict(a)
    for unit, (lo, hi) in b.items():
        out[unit] = (max(out[unit][0], lo), min(out[unit][1], hi)) if unit in out else (lo, hi)
    return out
