"""What the story clusterer sees of an article, and what two articles share.

An article becomes a few unit-length sparse vectors over hashed features: its words
(title and lead weighted up, word pairs too) and its lead's words alone, its named
entities, the people it names weighted by prominence, its numbers (dates and times
left out; those that tell one event from another, 23 pirates or magnitude 5.6, also
on their own, and those near the top), and its time: the years its text names, the
months its dates fall in, the weekdays it names ("on Saturday": the day the event
happened) and the days it names with their year (:func:`named_times`, which bridge
a follow-up to the time it follows up). Two events of the same kind share their words
("flood", "pirates", "heist"); what tells them apart is who, where, how many and when,
so :func:`pair_features` measures agreement on each of these, and whether both
articles say anything about it at all (two articles that both name a weekday, each a
different one, tell of two events). :class:`MemberScorer` computes the same score of
one article against all of a story's members at once.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from storyline.corpus.story_state import StoryConfig, Vector, unit
from storyline.model import ArticleAnalysis

NUMBER_RE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
YEAR_RE = re.compile(r"^(\d{4})")
TEXT_YEAR_RE = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?!\d)(?![.,]\d)")
MONTH_RE = re.compile(r"^(?:\d{4}|XXXX)-(\d\d)(?:$|-)")
WEEKDAY_RE = re.compile(r"^XXXX-WXX-([1-7])$")
FULL_DATE_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
# A date or time value to the year, month or day ("2005", "2005-06", "2005-06-24T22:00").
DAY_VALUE_RE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T|$)")
NAMED_TIMES = 6  # times named in the text kept per article
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
    named: list[tuple[int, int]]  # days the text names with their year (``named_times``)


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
    full: set[int] = set()  # people given a full name somewhere
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
            if " " in name:
                full.add(h)
    # News introduces a person by full name; a "person" never given one is most often
    # a thing tagged as one ("the Oscar", "workers"): it names no protagonist.
    protagonist = max(full, key=lambda k: (people[k], -k), default=-1)
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
        named_times(analysis),
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

    The years are those the text names: in its date expressions ("June 2005", not
    "on Saturday" resolved against the publication date) and written in it ("the 2008
    election", counting half: some are history). Not the publication year: an undated
    article has none, and a follow-up years later names the year of its story; the
    publication date counts through the decay instead. The months are those of the
    date expressions. A news report names the day its event happened ("on Saturday"),
    resolved to a date when the article is dated: the first weekday named is most
    likely that day.
    """
    years: dict[int, float] = {}
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
        if year and year.group(1) in timex.text:
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


def named_times(analysis: ArticleAnalysis) -> list[tuple[int, int]]:
    """The days (inclusive ordinal ranges) of the dates the text names with their year:
    "in 2005", "June 2005", "May 3, 2013"; not "on Saturday", whose year is only the
    publication date's. A report of a trial names the year of the crime: the story's
    time, however long after it the report appeared."""
    out: list[tuple[int, int]] = []
    for timex in analysis.timexes:
        match = DAY_VALUE_RE.match(timex.value)
        if timex.type not in ("DATE", "TIME") or not match:
            continue
        if match.group(1) not in timex.text:
            continue
        year, month, day = (int(g) if g else 0 for g in match.groups())
        try:
            if day:
                lo = hi = date(year, month, day).toordinal()
            elif month:
                lo = date(year, month, 1).toordinal()
                hi = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
            else:
                lo, hi = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        except ValueError:
            continue
        if (lo, hi) not in out:
            out.append((lo, hi))
        if len(out) == NAMED_TIMES:
            break
    return out


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
    lead = dot(a.lead, b.lead)
    entities = dot(a.entities, b.entities)
    return [
        words,
        entities,
        dot(a.people, b.people) if both_people else 0.0,
        float(both_people),
        dot(a.numbers, b.numbers),
        apart(a.years, b.years),
        apart(a.weekdays, b.weekdays),
        apart(a.months, b.months),
        words * dot(a.weekdays, b.weekdays),
        words * dot(a.months, b.months),
        lead,
        dot(a.big_numbers, b.big_numbers) if both_big else 0.0,
        float(both_big),
        dot(a.lead_numbers, b.lead_numbers) if both_lead else 0.0,
        float(both_lead),
        float(strangers(a, b, rivals)),
    ]


def strangers(a: Signals, b: Signals, rivals: bool = True) -> bool:
    """Whether the two are about different people: one is about someone the other
    never names, or (``rivals``) both are about someone else and one gives the other's
    person at most a minor part (a firing names the coach and the manager who fired
    him, each prominently: one story; two players arrested name each other in passing,
    if at all: two stories)."""
    if rivals and a.protagonist != -1 and b.protagonist != -1:
        if a.protagonist == b.protagonist:
            return False
        return _minor(a.protagonist, b.people) or _minor(b.protagonist, a.people)
    return (a.protagonist != -1 and bool(b.people) and a.protagonist not in b.people) or (
        b.protagonist != -1 and bool(a.people) and b.protagonist not in a.people
    )


MINOR_PART = 1 / 3  # of the article's own protagonist's prominence


def _minor(person: int, people: Vector) -> bool:
    """Whether ``person`` plays at most a minor part among ``people`` (or none)."""
    return people.get(person, 0.0) < MINOR_PART * max(people.values(), default=0.0)


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


# ---------------------------------------------------------------- a story's members at once

# The vectors the pair score compares, in the order :class:`MemberScorer` packs them.
SPACES = (
    "words", "entities", "people", "numbers", "years", "weekdays", "months", "lead",
    "big_numbers", "lead_numbers",
)
(_WORDS, _ENTITIES, _PEOPLE, _NUMBERS, _YEARS, _WEEKDAYS, _MONTHS, _LEAD, _BIG,
 _LEAD_NUMBERS) = range(len(SPACES))


@dataclass
class Packed:
    """One article's vectors as arrays (hashed keys, values), one pair per space."""

    keys: list[NDArray[np.int64]]
    vals: list[NDArray[np.float64]]
    protagonist: int
    people_max: float  # its most prominent person's weight


@dataclass
class Block:
    """A story's kept members packed together: per space every member's entries, with
    the member (row) each belongs to, so one article is scored against all of them in
    a few array operations whatever their number."""

    n: int
    rows: list[NDArray[np.int64]]
    keys: list[NDArray[np.int64]]
    vals: list[NDArray[np.float64]]
    nonempty: NDArray[np.bool_]  # (space, member): the member has any entry there
    protagonist: NDArray[np.int64]
    people_max: NDArray[np.float64]
    serial: int = 0  # told apart from the story's earlier blocks (see ``block``)


def pack(signals: Signals) -> Packed:
    keys, vals = [], []
    for space in SPACES:
        vec: Vector = getattr(signals, space)
        keys.append(np.fromiter(vec.keys(), np.int64, len(vec)))
        vals.append(np.fromiter(vec.values(), np.float64, len(vec)))
    people_max = max(signals.people.values(), default=0.0)
    return Packed(keys, vals, signals.protagonist, people_max)


_serials = itertools.count(1)


def block(members: list[Packed]) -> Block:
    n = len(members)
    rows, keys, vals = [], [], []
    counts = np.zeros((len(SPACES), n), np.int64)
    index = np.arange(n)
    for s in range(len(SPACES)):
        counts[s] = [len(m.keys[s]) for m in members]
        rows.append(np.repeat(index, counts[s]))
        keys.append(np.concatenate([m.keys[s] for m in members]))
        vals.append(np.concatenate([m.vals[s] for m in members]))
    return Block(
        n,
        rows,
        keys,
        vals,
        counts > 0,
        np.array([m.protagonist for m in members], np.int64),
        np.array([m.people_max for m in members], np.float64),
        next(_serials),
    )


class MemberScorer:
    """:meth:`StoryClusterer.pair_score` of one article against every member of a
    :class:`Block` at once (the same features and weights, as arrays).

    The article's vector of a space is spread into a dense table over the hashed key
    space (set before and cleared after, so the cost follows the article's size), and
    each member's cosine is a gather and a per-row sum over the block's entries."""

    def __init__(self, config: StoryConfig) -> None:
        self.config = config
        self.weights = np.array([getattr(config, f"w_{n}") for n in PAIR_FEATURES])
        self._table = np.zeros(1 << config.hash_bits)

    def scores(self, query: Packed, members: Block) -> NDArray[np.float64]:
        cfg = self.config
        n = members.n
        table = self._table
        dots = np.zeros((len(SPACES), n))
        q_has = np.array([len(k) > 0 for k in query.keys])
        q_at_member = np.zeros(n)  # the article's weight of each member's protagonist
        for s in range(len(SPACES)):
            keys = query.keys[s]
            if not len(keys) or not len(members.keys[s]):
                continue
            table[keys] = query.vals[s]
            gathered = members.vals[s] * table[members.keys[s]]
            dots[s] = np.bincount(members.rows[s], weights=gathered, minlength=n)
            if s == _PEOPLE:
                them = members.protagonist
                q_at_member = np.where(them >= 0, table[np.maximum(them, 0)], 0.0)
            table[keys] = 0.0
        member_at_q: NDArray[Any] = np.zeros(n)  # each member's weight of the article's protagonist
        if query.protagonist >= 0 and len(members.keys[_PEOPLE]):
            hit = members.keys[_PEOPLE] == query.protagonist
            weights = np.where(hit, members.vals[_PEOPLE], 0.0)
            member_at_q = np.bincount(members.rows[_PEOPLE], weights=weights, minlength=n)
        both = members.nonempty & q_has[:, None]
        words = dots[_WORDS]
        x = np.empty((n, len(PAIR_FEATURES)))
        x[:, 0] = words
        x[:, 1] = dots[_ENTITIES]
        x[:, 2] = dots[_PEOPLE]
        x[:, 3] = both[_PEOPLE]
        x[:, 4] = dots[_NUMBERS]
        x[:, 5] = (1.0 - dots[_YEARS]) * both[_YEARS]
        x[:, 6] = (1.0 - dots[_WEEKDAYS]) * both[_WEEKDAYS]
        x[:, 7] = (1.0 - dots[_MONTHS]) * both[_MONTHS]
        x[:, 8] = words * dots[_WEEKDAYS]
        x[:, 9] = words * dots[_MONTHS]
        x[:, 10] = dots[_LEAD]
        x[:, 11] = dots[_BIG]
        x[:, 12] = both[_BIG]
        x[:, 13] = dots[_LEAD_NUMBERS]
        x[:, 14] = both[_LEAD_NUMBERS]
        # strangers(), member by member
        mine, theirs = query.protagonist, members.protagonist
        one = (mine >= 0) & members.nonempty[_PEOPLE] & (member_at_q == 0.0)
        other = (theirs >= 0) & bool(q_has[_PEOPLE]) & (q_at_member == 0.0)
        apart = one | other
        if cfg.rivals and mine >= 0:
            rivals = theirs >= 0
            minor = (member_at_q < MINOR_PART * members.people_max) | (
                q_at_member < MINOR_PART * query.people_max
            )
            apart = np.where(rivals, (theirs != mine) & minor, apart)
        x[:, 15] = apart
        score = cfg.bias + x @ self.weights
        shrunk = cfg.bias + (score - cfg.bias) * cfg.strangers_factor
        return np.where(apart, np.minimum(score, shrunk), score)
