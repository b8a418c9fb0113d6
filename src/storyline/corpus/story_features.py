"""What the story clusterer sees of an article, and what two articles share.

An article becomes a few unit-length sparse vectors over hashed features: its words
(title and lead weighted up, word pairs too) and its lead's words alone, its named
entities, the people it names weighted by prominence, its numbers (dates and times
left out; those that tell one event from another, 23 pirates or magnitude 5.6, also
on their own, and those near the top), and its time: the years and months its dates
fall in and the weekdays it names ("on Saturday": the day the event happened). Two
events of the same kind share their words ("flood", "pirates", "heist"); what tells
them apart is who, where, how many and when, so :func:`pair_features` measures
agreement on each of these, and whether both articles say anything about it at all
(two articles that both name a weekday, each a different one, tell of two events).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

from storyline.corpus.story_state import StoryConfig, Vector, unit
from storyline.model import ArticleAnalysis

NUMBER_RE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
YEAR_RE = re.compile(r"^(\d{4})")
TEXT_YEAR_RE = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?!\d)(?![.,]\d)")
MONTH_RE = re.compile(r"^(?:\d{4}|XXXX)-(\d\d)(?:$|-)")
WEEKDAY_RE = re.compile(r"^XXXX-WXX-([1-7])$")
FULL_DATE_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
DAY_NAME_RE = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
WORD_RE = re.compile(r"[a-z0-9]+(?:[.'’-][a-z0-9]+)*")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Numbers that are dates or times (``14 / 09 / 2013``, ``10 : 04``, ``July 7 , 2012``):
# every article of a day shares them, so they tell no event from another.
DATE_NUMBERS_RE = re.compile(
    r"\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
    r"|\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s*,?\s*\d{{4}})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*\d{{4}})?",
    re.IGNORECASE,
)

# Named things that tell one event from another of the same kind.
ENTITY_WEIGHTS = {
    "PERSON": 1.5,
    "ORG": 1.0,
    "GPE": 1.0,
    "LOC": 1.0,
    "FAC": 1.0,
    "EVENT": 1.0,
    "NORP": 0.5,
    "PRODUCT": 0.7,
    "WORK_OF_ART": 0.7,
    "LAW": 0.7,
}

# The pair score's features, in order; the config holds a weight ``w_<name>`` for each.
PAIR_FEATURES = (
    "words",
    "entities",
    "people",
    "both_people",
    "numbers",
    "years_apart",
    "weekdays_apart",
    "months_apart",
    "weekdays_agree",
    "months_agree",
    "lead",
    "big_numbers",
    "both_big_numbers",
    "lead_numbers",
    "both_lead_numbers",
    "strangers",
)

Hasher = Callable[[str, str], int]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "say", "told", "according", "mr", "ms", "mrs"}


def words(text: str) -> list[str]:
    """Lower-cased word tokens without stop words or possessive endings."""
    stop = stop_words()
    out = []
    for tok in WORD_RE.findall(text.lower()):
        if tok.endswith(("'s", "’s")):
            tok = tok[:-2]
        if len(tok) > 1 and tok not in stop:
            out.append(tok)
    return out


def entity_key(name: str) -> str:
    name = re.sub(r"[’']s$", "", name.strip().lower())
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"\W+", " ", name).strip()


class Signals(Protocol):
    """What the pair score reads of an article (a query or a story's kept member)."""

    words: Vector
    entities: Vector
    people: Vector
    numbers: Vector
    years: Vector
    weekdays: Vector
    months: Vector
    lead: Vector
    big_numbers: Vector
    lead_numbers: Vector
    protagonist: int


@dataclass
class Features:
    """One article in the clusterer's terms, each vector unit length (words and
    entities sublinear tf, before IDF)."""

    words: Vector
    entities: Vector
    people: Vector  # people (by surname unless ``full_names``), weighted by prominence
    numbers: Vector
    years: Vector  # years the article's dates fall in
    weekdays: Vector  # weekdays it names (1-7), the first named counting double
    months: Vector  # months its dates fall in (1-12)
    lead: Vector  # the words of the title and the lead alone: what happened
    big_numbers: Vector  # numbers that identify an event (no small counts, no years)
    lead_numbers: Vector  # numbers of the title and the lead (toll, magnitude, date)
    protagonist: int  # the person the article is about (a key of ``people``), or -1


# An article ready to compare: the same fields, words and entities now TF-IDF weighted
# and unit length (``StoryClusterer.query``).
Query = Features


def extract(analysis: ArticleAnalysis, cfg: StoryConfig, hasher: Hasher) -> Features:
    """The article's features, hashed into ``hasher``'s key space."""
    article = analysis.article
    # The title and the lead say what the story is: their words count extra.
    title = words(article.title or "")
    body = words(article.text)
    lead = 1.0 + cfg.lead_weight
    weights = [lead] * len(title)
    weights += [lead if i < cfg.lead_words else 1.0 for i in range(len(body))]
    toks = title + body
    keys = [hasher("w", t) for t in toks]
    if cfg.bigrams:
        keys += [hasher("b", f"{a} {b}") for a, b in zip(toks, toks[1:], strict=False)]
        weights += weights[1:]
    counts: dict[int, float] = {}
    for key, weight in zip(keys, weights, strict=True):
        counts[key] = counts.get(key, 0.0) + weight
    lead_counts: dict[int, float] = {}
    for key in keys[: len(title) + cfg.lead_words]:
        lead_counts[key] = lead_counts.get(key, 0.0) + 1.0
    ents: dict[int, float] = {}
    people: dict[int, float] = {}
    for mention in analysis.mentions:
        label_weight = ENTITY_WEIGHTS.get(mention.label)
        # Titles count when the entities stage linked them to a name ("the Chancellor").
        named = mention.kind in ("name", "") or (mention.kind == "title" and mention.canonical)
        if label_weight is None or not named:
            continue
        name = entity_key(mention.canonical or mention.text)
        for variant in entity_names(name, mention.label):
            h = hasher("e", variant)
            ents[h] = ents.get(h, 0.0) + label_weight
        if mention.label == "PERSON" and name and "/" not in mention.text:
            # Who the article is about: named often, or near the top.
            h = hasher("p", name if cfg.full_names else name.split()[-1])
            near_top = 2.0 if mention.start < cfg.lead_chars else 0.0
            people[h] = people.get(h, 0.0) + 1.0 + near_top
    protagonist = max(people, key=lambda k: (people[k], -k), default=-1)
    if protagonist != -1 and people[protagonist] < cfg.protagonist_prominence:
        protagonist = -1  # nobody stands out: quoted experts, officials in passing
    numbers: dict[int, float] = {}
    big: dict[int, float] = {}
    top_numbers: dict[int, float] = {}
    text = undated(analysis)
    for match in NUMBER_RE.finditer(text):
        number = match.group()
        h = hasher("n", number)
        numbers[h] = numbers.get(h, 0.0) + 1.0
        if _telling(number):
            big[h] = big.get(h, 0.0) + 1.0
            if match.start() < cfg.lead_chars:
                top_numbers[h] = top_numbers.get(h, 0.0) + 1.0
    for number in NUMBER_RE.findall(DATE_NUMBERS_RE.sub(" ", article.title or "")):
        if _telling(number):
            h = hasher("n", number)
            top_numbers[h] = top_numbers.get(h, 0.0) + 1.0
    years, weekdays, months = time_features(analysis, hasher)
    return Features(
        unit(sublinear(counts)),
        unit(sublinear(ents)),
        unit(people),
        unit(sublinear(numbers)),
        unit(sublinear(years)),
        unit(weekdays),
        unit(sublinear(months)),
        unit(sublinear(lead_counts)),
        unit(sublinear(big)),
        unit(sublinear(top_numbers)),
        protagonist,
    )


def undated(analysis: ArticleAnalysis) -> str:
    """The text with its date and time expressions blanked out (same length)."""
    chars = list(analysis.article.text)
    for timex in analysis.timexes:
        if timex.type in ("DATE", "TIME") and 0 <= timex.start < timex.end <= len(chars):
            chars[timex.start : timex.end] = " " * (timex.end - timex.start)
    return DATE_NUMBERS_RE.sub(lambda m: " " * len(m.group()), "".join(chars))


def _telling(number: str) -> bool:
    """A number that tells one event from another: 23 pirates, magnitude 5.6, $137
    million; not a small count (two boats) or a year (every story of a year has it)."""
    if "." in number:
        return True
    digits = number.replace(",", "")
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return False
    return int(digits) > 12


def time_features(analysis: ArticleAnalysis, hasher: Hasher) -> tuple[Vector, Vector, Vector]:
    """The years and months the article's dates fall in, and the weekdays it names.

    The years are those of its date expressions, of its publication date (the year
    it speaks from, counting double) and of the years written in it ("the 2008
    election", counting half: some are history). A news report names the day its
    event happened ("on Saturday"), resolved to a date when the article is dated:
    the first weekday named is most likely that day.
    """
    years: dict[int, float] = {}
    published = analysis.article.published
    if published and YEAR_RE.match(published):
        years[hasher("y", published[:4])] = 2.0
    for written in TEXT_YEAR_RE.findall(analysis.article.text):
        h = hasher("y", written)
        years[h] = years.get(h, 0.0) + 0.5
    weekdays: dict[int, float] = {}
    months: dict[int, float] = {}
    for timex in analysis.timexes:
        if timex.type != "DATE":
            continue
        value = timex.value
        year = YEAR_RE.match(value)
        if year:
            h = hasher("y", year.group(1))
            years[h] = years.get(h, 0.0) + 1.0
        month = MONTH_RE.match(value)
        if month and 1 <= int(month.group(1)) <= 12:
            h = hasher("m", month.group(1))
            months[h] = months.get(h, 0.0) + 1.0
        day = _weekday(value, timex.text)
        if day is not None:
            h = hasher("d", str(day))
            weekdays[h] = weekdays.get(h, 0.0) + (1.0 if weekdays else 2.0)
    return years, weekdays, months


def _weekday(value: str, text: str) -> int | None:
    """The ISO weekday a date expression names ("Saturday", "Saturday, May 3")."""
    match = WEEKDAY_RE.match(value)
    if match:
        return int(match.group(1))
    full = FULL_DATE_RE.match(value)
    if full and DAY_NAME_RE.search(text):
        try:
            return date(*map(int, full.groups())).isoweekday()
        except ValueError:
            return None
    return None


def pair_features(a: Signals, b: Signals, rivals: bool = True) -> list[float]:
    """What two articles share, in :data:`PAIR_FEATURES` order: cosines of their words,
    entities, people, numbers, lead words, telling numbers and lead numbers; whether both
    name people, telling numbers and lead numbers (then these must agree); how far apart
    their years, weekdays and months are, and how well the weekdays and months agree
    times the cosine of their words; and whether they are :func:`strangers`.

    Different times tell two events apart whatever the words. The same time tells one
    event only of articles about the same kind of thing: a whole stream shares its
    weekdays, so agreement counts in proportion to the words shared; and the same year
    does not count at all (two floods of one year are two stories)."""
    both_people = bool(a.people and b.people)
    both_big = bool(a.big_numbers and b.big_numbers)
    both_lead = bool(a.lead_numbers and b.lead_numbers)
    words = dot(a.words, b.words)
    return [
        words,
        dot(a.entities, b.entities),
        dot(a.people, b.people) if both_people else 0.0,
        float(both_people),
        dot(a.numbers, b.numbers),
        apart(a.years, b.years),
        apart(a.weekdays, b.weekdays),
        apart(a.months, b.months),
        words * dot(a.weekdays, b.weekdays),
        words * dot(a.months, b.months),
        dot(a.lead, b.lead),
        dot(a.big_numbers, b.big_numbers) if both_big else 0.0,
        float(both_big),
        dot(a.lead_numbers, b.lead_numbers) if both_lead else 0.0,
        float(both_lead),
        float(strangers(a, b, rivals)),
    ]


def strangers(a: Signals, b: Signals, rivals: bool = True) -> bool:
    """Whether the two are about different people: one is about someone the other
    never names, or (``rivals``) both are about someone and not the same one."""
    if rivals and a.protagonist != -1 and b.protagonist != -1:
        return a.protagonist != b.protagonist
    return (a.protagonist != -1 and bool(b.people) and a.protagonist not in b.people) or (
        b.protagonist != -1 and bool(a.people) and b.protagonist not in a.people
    )


def apart(a: Vector, b: Vector) -> float:
    """How far apart two unit vectors of times are (1 - cosine); 0 unless both name any."""
    return 1.0 - dot(a, b) if a and b else 0.0


def dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def sublinear(counts: dict[int, float]) -> Vector:
    return {k: 1.0 + math.log(c) if c >= 1.0 else c for k, c in counts.items()}


def entity_names(key: str, label: str) -> list[str]:
    """The name, and for a person also the surname, so "Reid" meets "Tara Reid"."""
    if not key:
        return []
    parts = key.split()
    if label == "PERSON" and len(parts) > 1:
        return [key, parts[-1]]
    return [key]
