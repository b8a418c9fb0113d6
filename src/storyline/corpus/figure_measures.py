"""What a figure counts, as words: stems, the counted noun, its class, the kind of number.

The figures stage writes a measure as the counted noun phrase followed by what it
does ("countries taking part in talks"); grouping compares measures through the
crude stems, counted nouns and classes of counted things defined here, and reads
from a figure alone whether it is vague ("thousands of") or an increment ("two more").
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from storyline.model import Figure

_CLASS_WORDS: dict[str, set[str]] = {}
for _cls, _words in {
    "polity": "country nation state government leader ally member partner power delegation "
              "signatory participant capital",
    "troops": "troop soldier peacekeeper servicemen serviceman servicemember force fighter "
              "personnel",
    "people": "people person civilian resident citizen individual inhabitant",
    "refugees": "refugee migrant asylum evacuee displaced",
    "casualties": "dead death killed casualty fatality victim injured wounded",
    "aircraft": "jet aircraft plane warplane",
    "workers": "worker employee staff docker dockworker striker member labourer nurse "
               "teacher driver miner firefighter personnel workforce",
    "ships": "ship vessel boat tanker freighter carrier lifeboat trawler ferry yacht dinghy "
             "barge",
    "vehicles": "car lorry truck vehicle bus van",
    "homes": "home house household property dwelling flat",
    "jobs": "job post position role vacancy",
    "stoppages": "strike walkout stoppage shutdown lockout",
    "rises": "rise increase raise hike growth offer award settlement",
    "costs": "cost loss damage bill",
    "funds": "fund funding aid package grant",
}.items():  # fmt: skip
    for _w in _words.split():
        _CLASS_WORDS.setdefault(_w, set()).add(_cls)

_STOP_TEXT = (
    "a an the of to in on at for from by with and or but as is are was were be been being it "
    "its it's this that these those he she they them his her their we our you your i me my "
    "has have had do does did not no so if than then there here also said says say would "
    "could should may might will can about into over after before up out more most some any "
    "all such which who whom whose what when where why how very just s mr mrs ms sir"
)
STOPWORDS = frozenset(_STOP_TEXT.split())
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


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
    if len(w) > 7 and w.endswith("ation"):
        return w[:-5]  # "evacuation", "evacuated", "evacuees" meet at "evacu"
    if len(w) > 5 and w.endswith("ee"):
        return w[:-2]  # "employee" and "employed", "refugee" and "refuge"
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # "take" and "taking" meet at "tak"
    if len(w) > 6 and w.endswith("at"):
        w = w[:-2]
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


def stems(text: str) -> list[str]:
    words = (m.group() for m in _WORD_RE.finditer(text))
    return [stem(w) for w in words if w.lower() not in STOPWORDS and len(w) > 1]


# A word can name two kinds ("personnel": troops or staff).
CLASSES = {stem(w): frozenset(c) for w, c in _CLASS_WORDS.items()}
# Stems whose class words keep a final "e": "care" stems to "car" but is no vehicle.
_E_STEMS = frozenset(stem(w) for w in _CLASS_WORDS if w.endswith("e"))
# "people" (and a nationality: "1.2 million Ukrainians") names humans without saying
# which: it can be the evacuees, the dead or the staff another outlet counts.
GENERIC_HUMAN = "people"
HUMAN_CLASSES = frozenset({"people", "refugees", "casualties", "workers", "troops"})
_DEMONYM_RE = re.compile(r"^[A-Z][a-z]+(?:ians|ans|is)$")


# Kinds one count can be worded as: "4,000 jobs at Dunmere" are its 4,000 staff.
KINDRED = frozenset({frozenset({"jobs", "workers"})})
KIN = {c: other for pair in KINDRED for c in pair for other in pair - {c}}


def classes_conflict(a: set[str], b: set[str]) -> bool:
    """Counting different kinds of thing ("ships" and "workers"); people are any humans."""
    if not a or not b or a & b:
        return False
    if any(x in pair and y in pair for pair in KINDRED for x in a for y in b):
        return False
    return not (GENERIC_HUMAN in a | b and a | b <= HUMAN_CLASSES)


def head_classes(measure: str, demonyms: frozenset[str] = frozenset(), after: str = "") -> set[str]:
    """The class of the counted noun; a nationality ("Kaldorians") counts people.

    ``demonyms``: the article's nationality words (its NORP mentions, lower case);
    ``after``: the text right after the figure. A word that only looks like a
    nationality ("-ians") counts people only right after the number ("1.2 million
    Kaldorians"), not as a capitalised subject at the start of a sentence.
    """
    head, modifiers = measure_parts(measure)
    words = re.findall(r"[\w’'-]+", measure)
    surface = words[len(modifiers)] if len(words) > len(modifiers) else ""
    if head in CLASSES and not (surface.lower().endswith("e") and head not in _E_STEMS):
        return set(CLASSES[head])
    if surface and surface[0].isupper() and surface.endswith("s"):
        if surface.lower() in demonyms or surface.lower()[:-1] in demonyms:
            return {GENERIC_HUMAN}
        if _DEMONYM_RE.match(surface) and after.lstrip().startswith(surface):
            return {GENERIC_HUMAN}
    return set()


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
    return measure_parts(measure)[0]


def measure_parts(measure: str) -> tuple[str, list[str]]:
    """The counted noun's stem and the words before it ("EU leaders signing" -> leader, [EU])."""
    words = [w for w in re.findall(r"[\w’'-]+|\(", measure)]
    head = ""
    for k, w in enumerate(words):
        low = w.lower()
        if k > 0 and (low in _PRED_START or low.endswith(("ing", "ed")) or low in PARTICIPLES):
            if low == "of" and stem(head) in COLLECTIVES | TRANSPARENT and k + 1 < len(words):
                return measure_parts(" ".join(words[k + 1 :]))
            return stem(head), words[: k - 1]
        head = w
    return (stem(head), words[:-1]) if head else ("", [])


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


INCREMENT_QUALIFIERS = frozenset({"more", "another", "a further", "an additional", "an extra"})


_INCREMENT_AFTER_RE = re.compile(r"\s+more\b(?!\s+than)")


def is_increment(fig: Figure, text: str) -> bool:
    """ "two more clinics", "a further £150,000": an addition, not a total."""
    quals = {q.strip() for q in (fig.qualifier or "").split(",")}
    if quals & INCREMENT_QUALIFIERS:
        return True
    if fig.measure.split(" ", 1)[0].lower() in ("add", "added", "adding"):
        return True  # "added £150,000 to its emergency fund"
    # a count only: "three weeks more" is how long, not an increment
    return fig.unit is None and _INCREMENT_AFTER_RE.match(text, fig.end) is not None


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


def value_bounds(f: Figure) -> tuple[float, float]:
    """The values a figure allows, for linking."""
    if is_vague(f):
        # "freeing up billions" and "650 billion" may be the same money: for linking, a
        # vague amount is only a low bound (agreement still reads its range)
        return f.value, math.inf
    if f.low is not None and f.high is not None:
        return min(f.low, f.value), max(f.high, f.value)
    return f.value, f.value


def value_key(fig: Figure) -> str:
    """The exact value and unit, as a block key ("v:GBP:2.26e+09")."""
    return f"v:{fig.unit}:{fig.value:.6g}"
