"""The features grouping compares: a figure's context words, places and blocks.

A figure becomes an :class:`Item`: its measure stems, counted noun and class, a
TF-IDF vector of the words around it (the measure weighted high), the places its
clause names ("Rotterdam handled 31 ships" is not about Kessingham), whether it is
an increment, and its story (the block it is compared in).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.corpus.figure_measures import (
    GENERIC_HUMAN,
    HUMAN_CLASSES,
    KIN,
    family,
    head_classes,
    is_increment,
    measure_head,
    stems,
    value_bounds,
    value_key,
)
from storyline.corpus.figure_places import Places, StoryPlaces, figure_places
from storyline.corpus.figure_sets import Bodies, named_body
from storyline.corpus.figure_text import (
    Sentences,
    count_state,
    elsewhere_more,
    is_aim,
    own_spans,
    past_year,
    stance_of,
    words_of,
)
from storyline.model import ArticleAnalysis, Figure

# Units that say what is measured: in one story, hectares are the area burned or
# flooded whichever noun an outlet hangs them on ("the fire", "forest", "burned").
# Not distances or durations: "200 km to the north" and "a 60 km convoy" differ.
NAMING_UNITS = frozenset({"hectare", "acre", "tonne", "kg", "barrel", "litre", "GW", "MW"})


STATE_WEIGHT = 4.0  # as much as a class: "survivors" and "rescued" are one kind


@dataclass
class Item:
    figure: Figure
    family: str
    measure: list[str]
    classes: set[str]
    context: dict[str, float]
    head: str = ""
    places: frozenset[str] = frozenset()
    increment: bool = False
    named: frozenset[str] = frozenset()  # the body whose members it counts ("EU leaders")
    stance: str = ""  # "asked" for or "given" (see figure_text.stance)
    aim: bool = False  # a target or forecast, not a count of what happened
    year: str = ""  # an earlier year the figure belongs to ("in 2009"), "" for now
    state: str = ""  # the state of the people counted: "dead", "missing", ... (figure_text)
    block: str = ""
    order: tuple[str, str, int] = ("", "", 0)
    vector: dict[str, float] = field(default_factory=dict)
    # worked out once for the pair scores:
    words: frozenset[str] = frozenset()  # the measure's stems
    value_key: str = ""  # see figure_measures.value_key
    bounds: tuple[float, float] = (0.0, 0.0)  # see figure_measures.value_bounds
    sentence: str = ""  # the sentence the figure is in
    # the same figure in the same sentence, measure, story and places: one claim
    claim: tuple[object, ...] = ()


def context_weights(
    text: str, figure: Figure, sents: Sentences | None = None, classes: set[str] | None = None
) -> dict[str, float]:
    """Words of the measure (weight 3), its sentence (1) and the neighbours (0.5)."""
    sents = sents or Sentences(text)
    weights: dict[str, float] = defaultdict(float)
    k = sents.index(figure.start)
    s_start, s_end = sents.span(k)
    prev_start = sents.span(k - 1)[0] if k > 0 else s_start
    next_end = sents.span(k + 1)[1] if k + 1 < len(sents.starts) else s_end
    for w in sents.stems(prev_start, s_start) + sents.stems(s_end, next_end):
        weights[w] += 0.5
    for w in stems(text[s_start : figure.start] + " " + text[figure.end : s_end]):
        weights[w] += 1.0
    head = measure_head(figure.measure)
    for w in stems(figure.measure):
        if w != head:
            weights[w] += 1.5
    if head:
        weights["head:" + head] += 2.0
    if figure.unit in NAMING_UNITS:
        weights["unit:" + figure.unit] += 3.0
    for cls in classes if classes is not None else head_classes(figure.measure):
        if cls == GENERIC_HUMAN:
            weights["class:human"] += 4.0  # "people": any humans, evacuees as well as residents
        else:
            weights["class:" + cls] += 4.0
            if cls in KIN:
                weights["class:" + KIN[cls]] += 2.0  # jobs are staff, staff are jobs
            if cls in HUMAN_CLASSES:
                weights["class:human"] += 2.0
    # Phrases in quote marks ("coalition of the willing") name the story's things.
    for m in re.finditer(r"[“\"]([^”\"]{3,60})[”\"]", text[prev_start:next_end]):
        phrase = " ".join(stems(m.group(1)))
        if phrase:
            weights["phrase:" + phrase] += 2.0
    return weights


_NO_PLACES = Places(None)


def place_conflict(a: Item, b: Item, places: dict[str, Places]) -> bool:
    """Tied to different places: both name theirs, or one names a place that the other's
    article is not about."""
    if "polity" in a.classes or "polity" in b.classes:
        return False  # counting countries: the places named are the things counted
    pa, pb = a.places, b.places
    if pa and pb:
        return not pa & pb
    if not pa and not pb:
        return False
    if a.family.startswith("money"):
        # a sum is not "at" its article's main place: "a £1.2bn loan to keep its Dunmere
        # plant open" and "the £1.5bn loan" in an article mostly about Kelby's job cuts
        return False
    # A figure that names no place is about the place its article is mostly about...
    named, other = (a, b) if pa else (b, a)
    of_named = places.get(named.figure.article, _NO_PLACES)
    of_other = places.get(other.figure.article, _NO_PLACES)
    if not of_other.lead or named.places & of_other.lead:
        return False
    if of_named.lead != of_other.lead:
        return True
    # ... and when both articles are about one place, a figure at a spot inside it
    # ("three taken to hospital from Route 9") may be the other's, unless the other
    # article names that spot apart ("a separate fire in Valdren").
    return any(named.places & key for key in of_other.keys)


@dataclass
class _Source:
    """What the second pass needs to read a figure's text."""

    text: str
    sents: Sentences
    own: tuple[int, int] | None
    bodies: Bodies
    demonyms: frozenset[str]
    published: str | None


def build_items(
    figures: Sequence[Figure],
    analyses: dict[str, ArticleAnalysis],
    story_of: dict[str, str],
) -> tuple[list[Item], dict[str, Places]]:
    """The items of ``figures`` (in order) and each article's places.

    A copy of a claim already seen (see :attr:`Item.claim`) keeps only what the
    same-article checks read: the words around it are its claim's.
    """
    items: list[Item] = []
    sources: dict[str, _Source] = {}
    by_article: dict[str, list[Figure]] = defaultdict(list)
    for fig in figures:
        by_article[fig.article].append(fig)
    places: dict[str, Places] = {}
    known: dict[str, StoryPlaces] = defaultdict(StoryPlaces)  # place names per story
    for aid in by_article:
        known[story_of.get(aid, "")].add(analyses.get(aid))
    for aid, figs in by_article.items():
        analysis = analyses.get(aid)
        text = analysis.article.text if analysis else ""
        mentions = analysis.mentions if analysis else []
        published = analysis.article.published if analysis else None
        sents = Sentences(text)
        places[aid] = Places(analysis, known[story_of.get(aid, "")])
        bodies = Bodies(mentions)
        demonyms = frozenset(m.text.lower() for m in mentions if m.label == "NORP")
        own = own_spans(text, [f for f in figs if f.start < len(text)], sents)
        for fig in figs:
            if fig.start >= len(text):  # no text to read: the figure alone
                fig_text, fig_sents = fig.text, Sentences(fig.text)
            else:
                fig_text, fig_sents = text, sents
            item = Item(fig, family(fig), stems(fig.measure), set(), {})
            item.words = frozenset(item.measure)
            item.value_key, item.bounds = value_key(fig), value_bounds(fig)
            s_start, s_end = fig_sents.around(fig.start)
            item.sentence = fig_text[s_start:s_end]
            if fig.id in own:
                item.places = figure_places(text, fig, own[fig.id], sents, places[aid])
            item.block = story_of.get(aid, "")
            item.order = (fig.date or published or "", aid, fig.start)
            item.claim = (item.block, item.family, fig.unit, fig.value, fig.low, fig.high,
                          fig.qualifier, fig.measure, item.sentence, item.places,
                          places[aid].lead)  # fmt: skip
            sources[fig.id] = _Source(fig_text, fig_sents, own.get(fig.id), bodies, demonyms,
                                      published)  # fmt: skip
            items.append(item)
    order = {f.id: k for k, f in enumerate(figures)}
    items.sort(key=lambda it: order[it.figure.id])
    seen: set[tuple[object, ...]] = set()
    for item in items:
        if item.claim not in seen:
            seen.add(item.claim)
            _read(item, sources[item.figure.id])
    return items, places


def _read(item: Item, src: _Source) -> None:
    """The features only a claim's first figure needs (its copies share them)."""
    fig, text = item.figure, src.text
    item.classes = head_classes(fig.measure, src.demonyms, text[fig.end : fig.end + 60])
    item.context = context_weights(text, fig, src.sents, item.classes)
    item.head = measure_head(fig.measure)
    item.increment = is_increment(fig, text)
    if src.own is not None:
        start, end = src.own
        item.year = past_year(text, fig, src.own, src.sents, src.published)
        if item.increment and item.places and elsewhere_more(text, fig):
            item.increment = False  # "420,000 more are sheltering in Tessaly"
        words = words_of(text[start:end]) | words_of(fig.measure)
        item.stance = stance_of(text[start:end], fig.measure)
        item.aim = is_aim(words, fig, text, item.family)
        if item.family == "count":
            item.named = named_body(fig, text, src.bodies)
            if item.classes <= HUMAN_CLASSES:
                item.state = count_state(text, fig, src.own)
                if item.state:
                    key = "state:" + item.state
                    item.context[key] = item.context.get(key, 0.0) + STATE_WEIGHT


def weigh(items: Sequence[Item]) -> None:
    """Set each item's TF-IDF vector: shared rare words count, common ones do not.

    Pass one item per claim (see figure_blocks.claims): a sentence copied 2,000 times
    would otherwise make its own words look common.
    """
    df: Counter[str] = Counter()
    for it in items:
        df.update(it.context.keys())
    n = len(items)
    for it in items:
        vec = {w: c * math.log(1 + n / df[w]) for w, c in it.context.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        it.vector = {w: v / norm for w, v in vec.items()}
