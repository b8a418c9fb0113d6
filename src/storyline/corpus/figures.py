"""Figure groups: figures that count the same thing, compared across outlets and time.

Two figures can be one group only if they are the same kind of number (a count,
money, a percentage, a duration in the same unit), their values are within a
plausible drift of each other, they are not tied to different places ("Rotterdam
handled 31 ships" is not the ships waiting off Kessingham), an increment ("two more
clinics") is not set against a total, and — within one article — they agree.
Among those, a TF-IDF similarity of what they count (the measure, weighted high)
and the sentence around them decides, helped by how close the values are; and
because outlets use different nouns for one measure ("20 countries", "two dozen
leaders"), a pair that is each other's best match between two articles links on
weaker evidence. Groups form by average linkage, so a chain of loose resemblances
does not glue unrelated figures together.

Each group lists its values by date and by outlet and says whether the value
changed over time (a **development**) and whether different values were given on
the same date (a **disagreement**).

Vague amounts ("thousands of") link as low bounds: "freeing up billions" and
"650 billion" may be one sum.

Cost: figures are blocked by story (when the stories are given; without them a
corpus of up to :data:`SMALL_CORPUS` articles is one story) and kind, and by their
counted noun, class of counted thing and exact value; each block is sorted by date
and a figure is compared with at most :data:`WINDOW` neighbours in it, so the work
grows with the number of figures, not their square.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from storyline.knowledge import country_code
from storyline.model import Article, ArticleAnalysis, Figure, Story

# Different words for the same counted things (keyed by stem below).
_CLASS_WORDS: dict[str, str] = {}
for _cls, _words in {
    "polity": "country nation state government leader ally member partner power delegation "
              "signatory participant capital",
    "troops": "troop soldier personnel peacekeeper servicemen serviceman servicemember force "
              "fighter",
    "people": "people person civilian resident citizen individual inhabitant",
    "refugees": "refugee migrant asylum evacuee displaced",
    "casualties": "dead death killed casualty fatality victim injured wounded",
    "aircraft": "jet aircraft plane warplane",
    "workers": "worker employee staff docker dockworker striker member labourer nurse "
               "teacher driver miner",
    "ships": "ship vessel boat tanker freighter carrier",
    "vehicles": "car lorry truck vehicle bus van",
    "homes": "home house household property dwelling flat",
    "jobs": "job post position role vacancy",
    "stoppages": "strike walkout stoppage shutdown lockout",
    "rises": "rise increase raise hike growth",
    "costs": "cost loss damage bill",
    "funds": "fund funding aid package grant",
}.items():  # fmt: skip
    for _w in _words.split():
        _CLASS_WORDS[_w] = _cls

_STOP_TEXT = (
    "a an the of to in on at for from by with and or but as is are was were be been being it "
    "its it's this that these those he she they them his her their we our you your i me my "
    "has have had do does did not no so if than then there here also said says say would "
    "could should may might will can about into over after before up out more most some any "
    "all such which who whom whose what when where why how very just s mr mrs ms sir"
)
STOPWORDS = frozenset(_STOP_TEXT.split())
MAX_RATIO = {"count": 2.5, "money": 2.0, "percent": 3.0}
DEFAULT_MAX_RATIO = 3.0
LINK_THRESHOLD = 0.22  # a pair this similar can start or join a group
MERGE_AVERAGE = 0.15  # ... if the groups it joins are this similar on average
SMALL_CORPUS = 50  # articles: without stories, a corpus this small is taken as one story
WINDOW = 25  # a figure meets at most this many later figures of each of its blocks
UNSHARED_FACTOR = 0.5  # no measure word, class or value in common
CLOSENESS_BONUS = 0.1  # the same value adds this much, a value at the drift limit nothing
MUTUAL_MIN = 0.12  # each other's best match between two articles links from here
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENT_END_RE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'A-Z0-9])|\n+")


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


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, consistent English stem: "countries" and "country" meet."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if w in STOPWORDS:
        return w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    w = IRREGULAR.get(w, w)
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # "take" and "taking" meet at "tak"
    return w


IRREGULAR = {
    "took": "take", "taken": "take", "made": "make", "gave": "give", "given": "give",
    "met": "meet", "sent": "send", "spent": "spend", "held": "hold", "rose": "rise",
    "risen": "rise", "fell": "fall", "fallen": "fall", "went": "go", "gone": "go",
    "came": "come", "left": "leave", "brought": "bring", "found": "find", "told": "tell",
    "paid": "pay", "lent": "lend", "won": "win", "lost": "lose", "sold": "sell",
    "bought": "buy", "struck": "strike", "fought": "fight", "grew": "grow", "grown": "grow",
    "joined": "join", "people": "people", "men": "man", "women": "woman", "children": "child",
}  # fmt: skip


def _stems(text: str) -> list[str]:
    words = (m.group() for m in _WORD_RE.finditer(text))
    return [stem(w) for w in words if w.lower() not in STOPWORDS and len(w) > 1]


CLASSES = {stem(w): c for w, c in _CLASS_WORDS.items()}

_PRED_START = {
    "in",
    "of",
    "to",
    "for",
    "from",
    "on",
    "at",
    "with",
    "by",
    "into",
    "against",
    "that",
    "who",
    "which",
    "across",
    "over",
    "under",
    "inside",
    "within",
    "(",
}
_PARTICIPLE_TEXT = (
    "kept built hit put set cut run shown known seen done born caught taught led fed fled "
    "hurt shot meant dealt felt hung stolen broken spoken chosen frozen written driven "
    "ridden hidden beaten drawn thrown withdrawn shaken struck"
)
PARTICIPLES = set(IRREGULAR) | set(_PARTICIPLE_TEXT.split())
TRANSPARENT = {
    stem(w)
    for w in (
        "number",
        "total",
        "amount",
        "value",
        "cost",
        "sum",
        "level",
        "share",
        "size",
        "figure",
        "tally",
        "count",
        "price",
    )
}
_COLLECTIVE_TEXT = (
    "group coalition alliance bloc club union force fleet army team delegation convoy "
    "contingent list panel"
)
COLLECTIVES = {stem(w) for w in _COLLECTIVE_TEXT.split()}


def measure_head(measure: str) -> str:
    """The counted noun of a measure ("largely European countries taking part" -> country).

    The figures stage writes a measure as the counted noun phrase followed by what it
    does ("taking part in talks") or a prepositional phrase; "group of nations"
    counts the nations.
    """
    words = [w for w in re.findall(r"[\w’'-]+|\(", measure)]
    head = ""
    for k, w in enumerate(words):
        low = w.lower()
        if k > 0 and (low in _PRED_START or low.endswith(("ing", "ed")) or low in PARTICIPLES):
            if low == "of" and stem(head) in COLLECTIVES | TRANSPARENT and k + 1 < len(words):
                return measure_head(" ".join(words[k + 1 :]))
            break
        head = w
    return stem(head) if head else ""


def family(figure: Figure) -> str:
    """What kind of number: count, money, percent, or the duration/quantity unit."""
    unit = figure.unit
    if unit is None:
        return "count"
    base, _, rate = unit.partition("/")
    suffix = f"/{rate}" if rate else ""
    if not base:
        return "count" + suffix
    if base.startswith("%") or base == "pp":
        return "percent" + suffix
    if len(base) == 3 and base.isupper():
        return "money" + suffix
    return unit


@dataclass
class _Item:
    figure: Figure
    family: str
    measure: list[str]
    classes: set[str]
    context: dict[str, float]
    head: str = ""
    places: frozenset[str] = frozenset()
    increment: bool = False
    block: str = ""
    order: tuple[str, str, int] = ("", "", 0)
    vector: dict[str, float] = field(default_factory=dict)


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the sentence around ``offset`` (a light splitter)."""
    return _Sentences(text).around(offset)


class _Sentences:
    """The sentence starts of one text, found once (a figure's look-up is a bisection)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _SENT_END_RE.finditer(text)]
        self.ends = [m.start() for m in _SENT_END_RE.finditer(text)] + [len(text)]

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def around(self, offset: int) -> tuple[int, int]:
        k = self.index(offset)
        # a separator can end after ``offset`` (inside the spaces): the sentence ends there
        return self.starts[k], max(self.ends[k], self.starts[k])

    def span(self, k: int) -> tuple[int, int]:
        if k < 0 or k >= len(self.starts):
            return (0, 0)
        return self.starts[k], max(self.ends[k], self.starts[k])


def _context(text: str, figure: Figure, sents: _Sentences | None = None) -> dict[str, float]:
    """Words of the measure (weight 3), its sentence (1) and the neighbours (0.5)."""
    sents = sents or _Sentences(text)
    weights: dict[str, float] = defaultdict(float)
    k = sents.index(figure.start)
    s_start, s_end = sents.span(k)
    prev_start = sents.span(k - 1)[0] if k > 0 else s_start
    next_end = sents.span(k + 1)[1] if k + 1 < len(sents.starts) else s_end
    for w in _stems(text[prev_start:s_start]) + _stems(text[s_end:next_end]):
        weights[w] += 0.5
    for w in _stems(text[s_start : figure.start] + " " + text[figure.end : s_end]):
        weights[w] += 1.0
    head = measure_head(figure.measure)
    for w in _stems(figure.measure):
        if w != head:
            weights[w] += 1.5
    if head:
        weights["head:" + head] += 2.0
        if head in CLASSES:
            weights["class:" + CLASSES[head]] += 4.0
    # Phrases in quote marks ("coalition of the willing") name the story's things.
    for m in re.finditer(r"[“\"]([^”\"]{3,60})[”\"]", text[prev_start:next_end]):
        phrase = " ".join(_stems(m.group(1)))
        if phrase:
            weights["phrase:" + phrase] += 2.0
    return weights


# -- places: "Rotterdam alone has handled 31 ships" is not about Kessingham ---------------------
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_NOISE_TEXT = "the of port province region county city town district state borough area 's ’s"
_PLACE_NOISE = frozenset(_PLACE_NOISE_TEXT.split())
# Where a sentence turns to another clause, a place named there is not the figure's.
_CLAUSE_RE = re.compile(
    r",?\s+(?:after|before|since|while|when|because|but|although|though|whereas|unless|until)\s+"
    r"|;\s+|\s+[—–-]\s+|,\s+(?:which|who|where|and)\s+"
)
_BACK_REFERENCE_RE = re.compile(r"\b(?:its|their|there|that|this)\s+(?:\S+\s+){0,2}$", re.I)


def _place_key(name: str) -> frozenset[str]:
    words = re.findall(r"[\w’']+", name.lower())
    return frozenset(w for w in words if w not in _PLACE_NOISE and len(w) > 1)


class _Places:
    """The places an article names, by offset, and the one it is mostly about."""

    def __init__(self, analysis: ArticleAnalysis | None) -> None:
        self.spans: list[tuple[int, int, frozenset[str]]] = []
        counts: Counter[frozenset[str]] = Counter()
        first: dict[frozenset[str], int] = {}
        for m in analysis.mentions if analysis is not None else ():
            # A country in a sentence is mostly a party to it ("Britain and France
            # pledged..."), not where the counted things are: towns, ports, regions are.
            if m.label not in PLACE_LABELS or country_code(m.canonical or m.text):
                continue
            key = _place_key(m.canonical or m.text)
            if key:
                self.spans.append((m.start, m.end, key))
                counts[key] += 1
                first.setdefault(key, m.start)
        self.spans.sort(key=lambda t: t[0])
        self.starts = [t[0] for t in self.spans]
        self.lead: frozenset[str] = (
            min(counts, key=lambda k: (-counts[k], first[k])) if counts else frozenset()
        )

    def between(self, start: int, end: int) -> list[frozenset[str]]:
        lo = bisect_right(self.starts, start - 1)
        out = []
        for s, e, key in self.spans[lo:]:
            if s >= end:
                break
            if e <= end:
                out.append(key)
        return out


def _figure_places(text: str, fig: Figure, sents: _Sentences, places: _Places) -> frozenset[str]:
    """Places named in the figure's clause; "its 2,600 residents" looks one sentence back."""
    if not places.spans:
        return frozenset()
    k = sents.index(fig.start)
    s_start, s_end = sents.span(k)
    c_start, c_end = s_start, s_end
    for m in _CLAUSE_RE.finditer(text, s_start, s_end):
        if m.end() <= fig.start:
            c_start = m.end()
        elif m.start() >= fig.end:
            c_end = m.start()
            break
    found = places.between(c_start, c_end)
    lead_in = text[max(c_start, fig.start - 40) : fig.start]
    if not found and k > 0 and _BACK_REFERENCE_RE.search(lead_in):
        p_start, p_end = sents.span(k - 1)
        if "\n" not in text[p_end:s_start]:  # same paragraph
            found = places.between(p_start, p_end)
    return frozenset().union(*found) if found else frozenset()


def _place_conflict(a: _Item, b: _Item, leads: dict[str, frozenset[str]]) -> bool:
    """Tied to different places: both name theirs, or one names a place the other's
    article is not about (when the two articles are not about the same place)."""
    if "polity" in a.classes or "polity" in b.classes:
        return False  # counting countries: the places named are the things counted
    pa, pb = a.places, b.places
    if pa and pb:
        return not pa & pb
    if not pa and not pb:
        return False
    named, other = (a, b) if pa else (b, a)
    lead_named = leads.get(named.figure.article, frozenset())
    lead_other = leads.get(other.figure.article, frozenset())
    if not lead_other or lead_named == lead_other:
        return False
    return not named.places & lead_other


INCREMENT_QUALIFIERS = frozenset({"more", "another", "a further", "an additional", "an extra"})


_INCREMENT_AFTER_RE = re.compile(r"\s+more\b(?!\s+than)")


def _is_increment(fig: Figure, text: str) -> bool:
    """ "two more clinics", "a further £150,000": an addition, not a total."""
    quals = {q.strip() for q in (fig.qualifier or "").split(",")}
    if quals & INCREMENT_QUALIFIERS:
        return True
    if fig.measure.split(" ", 1)[0].lower() in ("add", "added", "adding"):
        return True  # "added £150,000 to its emergency fund"
    # a count only: "three weeks more" is how long, not an increment
    return fig.unit is None and _INCREMENT_AFTER_RE.match(text, fig.end) is not None


def _items(
    figures: Sequence[Figure],
    analyses: dict[str, ArticleAnalysis],
    story_of: dict[str, str],
) -> tuple[list[_Item], dict[str, frozenset[str]]]:
    items = []
    sentences: dict[str, _Sentences] = {}
    places: dict[str, _Places] = {}
    for fig in figures:
        analysis = analyses.get(fig.article)
        text = analysis.article.text if analysis else fig.text
        if fig.article not in sentences:
            sentences[fig.article] = _Sentences(text)
            places[fig.article] = _Places(analysis)
        sents = sentences[fig.article]
        measure = _stems(fig.measure)
        head = measure_head(fig.measure)
        classes = {CLASSES[head]} if head in CLASSES else set()
        item = _Item(fig, family(fig), measure, classes, _context(text, fig, sents), head)
        if analysis is not None and fig.start < len(text):
            item.places = _figure_places(text, fig, sents, places[fig.article])
        item.increment = _is_increment(fig, text)
        item.block = story_of.get(fig.article, "")
        published = analysis.article.published if analysis else None
        item.order = (fig.date or published or "", fig.article, fig.start)
        items.append(item)
    # TF-IDF over the figures' contexts: shared rare words count, common ones do not.
    df: Counter[str] = Counter()
    for it in items:
        df.update(it.context.keys())
    n = len(items)
    for it in items:
        vec = {w: c * math.log(1 + n / df[w]) for w, c in it.context.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        it.vector = {w: v / norm for w, v in vec.items()}
    leads = {aid: p.lead for aid, p in places.items()}
    return items, leads


def _value_key(fig: Figure) -> str:
    return f"v:{fig.unit}:{fig.value:.6g}"


def _candidates(items: list[_Item]) -> set[tuple[int, int]]:
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
        keys.add(prefix + _value_key(it.figure))
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


_VAGUE_TEXT = "dozens scores tens hundreds thousands millions billions several"
VAGUE_WORDS = frozenset(_VAGUE_TEXT.split()) | {"a few"}


def is_vague(fig: Figure) -> bool:
    """ "hundreds of", "several hundred": a vague amount (its value is a low bound)."""
    if not fig.qualifier:
        return False
    for part in fig.qualifier.split(","):
        part = part.strip()
        if part in VAGUE_WORDS or part.split(" ")[0] in VAGUE_WORDS:
            return True
    return False


def _bounds(f: Figure) -> tuple[float, float]:
    if is_vague(f):
        # "freeing up billions" and "650 billion" may be the same money: for linking, a
        # vague amount is only a low bound (agreement still reads its range)
        return f.value, math.inf
    if f.low is not None and f.high is not None:
        return min(f.low, f.value), max(f.high, f.value)
    return f.value, f.value


def compatible(a: Figure, b: Figure, fam: str) -> bool:
    """Could ``a`` and ``b`` count the same thing at all?"""
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
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


def _closeness(a: Figure, b: Figure, fam: str) -> float:
    """1 for the same value, falling to 0 at the largest drift allowed."""
    if a.unit != b.unit:
        return 0.0
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
    if alo <= bhi and blo <= ahi:
        return 1.0
    lo, hi = (abs(ahi), abs(blo)) if ahi < blo else (abs(bhi), abs(alo))
    if lo == 0:
        return 0.0
    limit = math.log(MAX_RATIO.get(fam.partition("/")[0], DEFAULT_MAX_RATIO))
    return max(0.0, 1.0 - math.log(hi / lo) / limit)


def _score(a: _Item, b: _Item) -> float:
    small, large = (a.vector, b.vector) if len(a.vector) < len(b.vector) else (b.vector, a.vector)
    sim = sum(v * large.get(w, 0.0) for w, v in small.items())
    if a.classes and b.classes and not a.classes & b.classes:
        return 0.0  # counting different kinds of thing
    same_value = _value_key(a.figure) == _value_key(b.figure)
    if not (a.classes & b.classes) and not set(a.measure) & set(b.measure) and not same_value:
        sim *= UNSHARED_FACTOR  # nothing named alike: the sentences alone must carry it
    sim += CLOSENESS_BONUS * _closeness(a.figure, b.figure, a.family)
    return sim


def _mutual_best(items: list[_Item], scores: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
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


def _cluster(items: list[_Item], scores: dict[tuple[int, int], float]) -> list[list[int]]:
    """Average-linkage merging over scored pairs; missing pairs count as 0.

    The sum of scores between every two clusters is kept up to date as they merge
    (the smaller cluster's links fold into the larger's), so a merge costs the links
    of the smaller cluster, not the product of the two sizes.
    """
    n = len(items)
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
        big, small = (ca, cb) if len(members[ca]) >= len(members[cb]) else (cb, ca)
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
        members[big] = members[big] + members.pop(small)
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
    items, leads = _items(figures, by_id, story_of)
    scores: dict[tuple[int, int], float] = {}
    for a, b in _candidates(items):
        ia, ib = items[a], items[b]
        if ia.family != ib.family:
            continue
        if (
            not compatible(ia.figure, ib.figure, ia.family)
            or ia.increment != ib.increment
            or _place_conflict(ia, ib, leads)
        ):
            scores[(a, b)] = -1.0  # cannot link: keeps the merge honest
            continue
        scores[(a, b)] = _score(ia, ib)
    for pair in _mutual_best(items, scores):
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
                if (a, b) not in scores and not compatible(
                    items[a].figure, items[b].figure, items[a].family
                ):
                    scores[(a, b)] = -1.0
    groups = [
        _make_group([items[k].figure for k in cluster], articles)
        for cluster in _cluster(items, scores)
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
    disagreement_dates = sorted({
        a.date for x, a in enumerate(main) for b in main[x + 1 :]
        if a.date is not None and a.date == b.date and len(a.date) == 10 and not agree(a, b)
    })  # fmt: skip
    development = any(
        a.date is not None and b.date is not None and a.date != b.date and not agree(a, b)
        for x, a in enumerate(main) for b in main[x + 1 :]
    )  # fmt: skip
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


def _label(members: list[Figure]) -> str:
    """The measure most members share; ties go to the one whose words recur most."""
    counts = Counter(stem(w) for f in members for w in set(_stems(f.measure)))
    best = max(
        (f.measure for f in members if f.measure),
        key=lambda m: (
            sum(counts[w] for w in set(_stems(m))) / (1 + 0.1 * len(m.split())),
            -len(m),
        ),
        default="",
    )
    return best
