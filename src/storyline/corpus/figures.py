"""Figure groups: figures that count the same thing, compared across outlets and time.

Two figures can be one group only if they are the same kind of number (a count,
money, a percentage, a duration in the same unit), their values are within a
plausible drift of each other, and — within one article — they agree. Among those,
a TF-IDF similarity of what they count (the measure, weighted high) and the
sentence around them decides; groups form by average linkage, so a chain of
loose resemblances does not glue unrelated figures together.

Each group lists its values by date and by outlet and says whether the value
changed over time (a **development**) and whether different values were given on
the same date (a **disagreement**).

Cost: figures are blocked by kind and compared only when they share a word of
their measure, a class of counted thing or the exact value (an inverted index),
so it grows with the number of figures, not their square.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.model import Article, ArticleAnalysis, Figure

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
MAX_POSTING = 400  # a measure word this common says little; do not pair on it
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
    vector: dict[str, float] = field(default_factory=dict)


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the sentence around ``offset`` (a light splitter)."""
    start = 0
    for before in _SENT_END_RE.finditer(text, 0, offset):
        start = before.end()
    after = _SENT_END_RE.search(text, offset)
    end = after.start() if after else len(text)
    return start, end


def _context(text: str, figure: Figure) -> dict[str, float]:
    """Words of the measure (weight 3), its sentence (1) and the neighbours (0.5)."""
    weights: dict[str, float] = defaultdict(float)
    s_start, s_end = sentence_bounds(text, figure.start)
    prev_start, _ = sentence_bounds(text, max(0, s_start - 2)) if s_start > 0 else (0, 0)
    _, next_end = sentence_bounds(text, min(len(text), s_end + 2)) if s_end < len(text) else (0, 0)
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


def _items(figures: Sequence[Figure], articles: dict[str, Article]) -> list[_Item]:
    items = []
    for fig in figures:
        article = articles.get(fig.article)
        text = article.text if article else fig.text
        measure = _stems(fig.measure)
        head = measure_head(fig.measure)
        classes = {CLASSES[head]} if head in CLASSES else set()
        items.append(_Item(fig, family(fig), measure, classes, _context(text, fig)))
    # TF-IDF over the figures' contexts: shared rare words count, common ones do not.
    df: Counter[str] = Counter()
    for it in items:
        df.update(it.context.keys())
    n = len(items)
    for it in items:
        vec = {w: c * math.log(1 + n / df[w]) for w, c in it.context.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        it.vector = {w: v / norm for w, v in vec.items()}
    return items


def _value_key(fig: Figure) -> str:
    return f"v:{fig.unit}:{fig.value:.6g}"


def _candidates(items: list[_Item]) -> set[tuple[int, int]]:
    """Pairs worth scoring: same kind and a shared measure word, class or value."""
    index: dict[str, list[int]] = defaultdict(list)
    for k, it in enumerate(items):
        keys = {f"{it.family}|w:{w}" for w in it.measure}
        keys |= {f"{it.family}|c:{c}" for c in it.classes}
        keys.add(f"{it.family}|{_value_key(it.figure)}")
        for key in keys:
            index[key].append(k)
    pairs: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) > MAX_POSTING:
            continue
        for x, a in enumerate(posting):
            for b in posting[x + 1 :]:
                pairs.add((a, b))
    return pairs


def compatible(a: Figure, b: Figure, fam: str) -> bool:
    """Could ``a`` and ``b`` count the same thing at all?"""
    if a.article == b.article:
        if a.unit == b.unit:
            return math.isclose(a.value, b.value, rel_tol=1e-9)  # an article agrees with itself
        return fam.startswith("money")  # "650 billion euros (£545 billion)"
    if a.unit != b.unit and not fam.startswith("money"):
        return fam == "percent" and {a.unit, b.unit} <= {"%", "% of GDP"}
    if a.unit != b.unit:
        return True  # two currencies: values cannot be compared without rates
    lo, hi = sorted((abs(a.value), abs(b.value)))
    if lo == 0:
        return hi == 0
    return hi / lo <= MAX_RATIO.get(fam.partition("/")[0], DEFAULT_MAX_RATIO)


def _score(a: _Item, b: _Item) -> float:
    small, large = (a.vector, b.vector) if len(a.vector) < len(b.vector) else (b.vector, a.vector)
    sim = sum(v * large.get(w, 0.0) for w, v in small.items())
    if a.classes and b.classes and not a.classes & b.classes:
        return 0.0  # counting different kinds of thing
    if (
        not (a.classes & b.classes)
        and not set(a.measure) & set(b.measure)
        and _value_key(a.figure) != _value_key(b.figure)
    ):
        return 0.0
    if _value_key(a.figure) == _value_key(b.figure):
        sim += 0.1
    return sim


def _cluster(items: list[_Item], scores: dict[tuple[int, int], float]) -> list[list[int]]:
    """Average-linkage merging over scored pairs; missing pairs count as 0."""
    members: dict[int, list[int]] = {k: [k] for k in range(len(items))}
    owner = list(range(len(items)))
    blocked = {p for p, s in scores.items() if s < 0}
    for (a, b), s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < LINK_THRESHOLD:
            break
        ca, cb = owner[a], owner[b]
        if ca == cb:
            continue
        left, right = members[ca], members[cb]
        total = 0.0
        ok = True
        for x in left:
            for y in right:
                key = (x, y) if x < y else (y, x)
                if key in blocked:
                    ok = False
                    break
                total += max(scores.get(key, 0.0), 0.0)
            if not ok:
                break
        if not ok or total / (len(left) * len(right)) < MERGE_AVERAGE:
            continue
        members[ca] = left + right
        for y in right:
            owner[y] = ca
        del members[cb]
    return [sorted(m) for m in members.values()]


def group_figures(figures: list[Figure], analyses: Sequence[ArticleAnalysis]) -> list[FigureGroup]:
    """Set ``figure.group`` for every figure and return the groups (largest first).

    ``analyses`` supply each figure's article (its text, outlet, date precision).
    """
    articles = {a.article.id: a.article for a in analyses}
    items = _items(figures, articles)
    scores: dict[tuple[int, int], float] = {}
    for a, b in _candidates(items):
        fa, fb = items[a].figure, items[b].figure
        if items[a].family != items[b].family:
            continue
        if not compatible(fa, fb, items[a].family):
            scores[(a, b)] = -1.0  # cannot link: keeps the merge honest
            continue
        scores[(a, b)] = _score(items[a], items[b])
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
