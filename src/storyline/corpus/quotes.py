"""Quotes across articles: canonical speakers, and one group per statement.

A quote's speaker is the entity whose mentions include the speaker's
within-article referent. Two quotes are the same statement when their words
say so, with the speaker and the time to back weaker evidence:

- one quote's words run inside the other's, punctuation and case aside
  (verbatim repeats, truncations, a quote split at a different place), from
  the same speaker or where one side has none;
- or, from the same named speaker within a few days, they share enough of
  their rarer words (stems, weighted by how rare they are among the corpus's
  quotes): two translations of one remark, or one remark reported in
  different words.

Short fragments (``“playing games”``) only join a longer quote of the same
speaker that contains them; they never bridge two statements.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from storyline.model import Article, ArticleAnalysis, Entity, Quote, content_id

# A quote this short (in words) is a fragment: it can join a group, not link two.
FRAGMENT_WORDS = 4
# partial_ratio (0-100) at which a shorter quote counts as running inside a longer one.
CONTAINED = 90.0
# Weighted share of rare stems two quotes of one speaker must have in common.
SAME_REMARK = 0.35
# Stems in more quotes than this are too common to find candidate pairs with.
MAX_POSTINGS = 200
# Words in a row two reports of one remark share, whatever their likeness otherwise.
COMMON_RUN = 5
# ... and at least this many rare stems.
MIN_SHARED = 3
# Days apart two reports of one remark in different words may be.
REMARK_DAYS = 4


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_FUNCTION = _word_set(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those there here we our us you your i me my he him his she her
    they them their not no so do does did have has had will would can could should may might
    must shall about into than then also just very more most what which who whom whose when
    where why how all any some such only own same other out up down over again further once
    too"""
)
# ... and words too common in quotes to tell two remarks apart.
_STOP = _FUNCTION | _word_set("now time said says say one like new get make going want know think")


@dataclass
class QuoteSighting:
    """One place a statement appeared."""

    quote: str  # quote id
    article: str
    outlet: str | None
    published: str | None


@dataclass
class QuoteGroup:
    """One statement as the corpus carried it."""

    id: str
    speaker: str | None
    speaker_name: str | None
    text: str  # the fullest wording seen
    quotes: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)  # in order of first appearance
    articles: list[str] = field(default_factory=list)
    first_seen: QuoteSighting | None = None
    sightings: list[QuoteSighting] = field(default_factory=list)


def group_quotes(
    quotes: list[Quote], entities: list[Entity], analyses: Sequence[ArticleAnalysis]
) -> None:
    """Set every quote's ``speaker``/``speaker_name`` from the entities, then its ``group``."""
    _assign_speakers(quotes, entities, analyses)
    # Only a day-precise date can tell two reports of a remark apart in time.
    published = {
        a.article.id: _day(a.article.published)
        if a.article.published_precision in (None, "day") else None
        for a in analyses
    }
    order = {a.article.id: n for n, a in enumerate(analyses)}
    _assign_groups(quotes, published, order)


def quote_groups_summary(
    quotes: Sequence[Quote], articles: Sequence[Article]
) -> list[QuoteGroup]:
    """Per group: its quotes, the outlets that carried it and where it was first
    seen (the earliest published article; input order breaks ties and stands in
    for missing dates). Groups carried by most outlets come first."""
    by_id = {a.id: (n, a) for n, a in enumerate(articles)}
    members: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        members[q.group or q.id].append(q)
    out: list[QuoteGroup] = []
    for gid, items in members.items():

        def when(q: Quote) -> tuple[int, str, int, int]:
            n, art = by_id.get(q.article, (len(by_id), None))
            day = art.published if art and art.published else ""
            return (0 if day else 1, day, n, q.start)

        items.sort(key=when)
        sightings = []
        for q in items:
            art = by_id.get(q.article, (0, None))[1]
            sightings.append(
                QuoteSighting(q.id, q.article, art.outlet if art else None,
                              art.published if art else None)
            )
        outlets = list(dict.fromkeys(s.outlet for s in sightings if s.outlet))
        speakers = Counter(q.speaker for q in items if q.speaker)
        speaker = speakers.most_common(1)[0][0] if speakers else None
        name = next((q.speaker_name for q in items if q.speaker == speaker and q.speaker_name),
                    None) or next((q.speaker_name for q in items if q.speaker_name), None)
        fullest = max(items, key=lambda q: (q.kind != "indirect", len(q.text)))
        out.append(
            QuoteGroup(
                id=gid, speaker=speaker, speaker_name=name, text=fullest.text,
                quotes=[q.id for q in items], outlets=outlets,
                articles=list(dict.fromkeys(q.article for q in items)),
                first_seen=sightings[0], sightings=sightings,
            )
        )
    out.sort(key=lambda g: (-len(g.outlets), -len(g.articles), g.first_seen.published or "",
                            g.id) if g.first_seen else (0, 0, "", g.id))
    return out


# --- speakers ------------------------------------------------------------------------


def _assign_speakers(
    quotes: list[Quote], entities: list[Entity], analyses: Sequence[ArticleAnalysis]
) -> None:
    by_span = {(s.article, s.start, s.end): e for e in entities for s in e.mentions}
    by_cluster: dict[tuple[str, int], Entity] = {}
    for a in analyses:
        for m in a.mentions:
            entity = by_span.get((a.article.id, m.start, m.end))
            if m.cluster >= 0 and entity is not None:
                by_cluster.setdefault((a.article.id, m.cluster), entity)
    for q in quotes:
        entity = by_cluster.get((q.article, q.speaker_cluster)) if q.speaker_cluster >= 0 else None
        if entity is not None:
            q.speaker = entity.id
            q.speaker_name = entity.name
        else:
            q.speaker = None


# --- groups --------------------------------------------------------------------------


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.casefold())]


def _stem(word: str) -> str:
    """A crude stem: enough to meet "allowed"/"allow", "Russia"/"Russian"."""
    return word[:5] if len(word) > 5 else word


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


@dataclass
class _Item:
    quote: Quote
    norm: str
    words: list[str]
    stems: set[str]
    day: date | None
    order: int
    runs: set[tuple[str, ...]] = field(default_factory=set)


def _assign_groups(
    quotes: list[Quote], published: dict[str, date | None], order: dict[str, int]
) -> None:
    items = []
    for q in quotes:
        words = _words(q.text)
        items.append(
            _Item(q, " ".join(words), words,
                  {_stem(w) for w in words if w not in _STOP and len(w) > 2},
                  published.get(q.article), order.get(q.article, 0))
        )
    df = Counter(s for it in items for s in it.stems)
    total = max(1, len(items))
    idf = {s: math.log((1 + total) / (1 + n)) + 1 for s, n in df.items()}
    # Candidate pairs share a rare stem or a run of words: blocking keeps the
    # work near linear.
    postings: dict[str, list[int]] = defaultdict(list)
    runs: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        for s in it.stems:
            postings[s].append(i)
        if len(it.words) >= FRAGMENT_WORDS:
            it.runs = _ngrams(it.words)
            for run in it.runs:
                runs[run].append(i)
    union = _Union(len(items))
    long_items = [i for i, it in enumerate(items) if len(it.words) >= FRAGMENT_WORDS]
    fragments = [i for i, it in enumerate(items) if 0 < len(it.words) < FRAGMENT_WORDS]
    checked: set[tuple[int, int]] = set()
    for i in long_items:
        rare = [s for s in sorted(items[i].stems, key=lambda s: df[s])[:6]
                if df[s] <= MAX_POSTINGS]
        # Two of its rarest stems in common (one for a quote with few): a quote
        # inside another brings its rare stems along, and a paraphrase shares several.
        need = 1 if len(items[i].stems) <= 3 else 2
        counts = Counter(j for s in rare for j in postings[s])
        candidates = {j for j, c in counts.items() if c >= need}
        # A run most quotes share is a stock phrase, not a sign of one statement.
        candidates.update(
            j for run in items[i].runs if len(runs[run]) <= MAX_POSTINGS for j in runs[run]
        )
        for j in sorted(candidates):
            pair = (min(i, j), max(i, j))
            if j == i or pair in checked or len(items[j].words) < FRAGMENT_WORDS:
                continue
            checked.add(pair)
            if _same_statement(items[i], items[j], idf):
                union.join(i, j)
    # Fragments join the best long quote of the same speaker that contains them.
    by_speaker: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in long_items:
        by_speaker[_speaker_key(items[j].quote)].append(j)
    for i in fragments:
        it = items[i]
        if it.quote.speaker is None and it.quote.speaker_cluster < 0:
            continue  # said by nobody known: nothing to join
        best, best_score = -1, 0.0
        for j in _fragment_candidates(it, by_speaker.get(_speaker_key(it.quote), []), postings):
            other = items[j]
            if not it.stems & other.stems or it.norm not in other.norm and (
                fuzz.partial_ratio(it.norm, other.norm) < CONTAINED
            ):
                continue
            score = 100.0 if it.norm in other.norm else fuzz.partial_ratio(it.norm, other.norm)
            if score > best_score:
                best, best_score = j, score
        if best >= 0:
            union.join(i, best)
    # The same words from the same speaker in two reports are one statement, even when
    # no report gives the longer quote they come from ("uniquely exposed").
    same_words: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
    for i in fragments:
        it = items[i]
        if (it.quote.speaker is not None or it.quote.speaker_cluster >= 0) and len(it.words) > 1:
            same_words[(_speaker_key(it.quote), it.norm)].append(i)
    for same in same_words.values():
        if len({items[k].quote.article for k in same}) > 1:  # one article's repeats: a term
            for k in same[1:]:
                union.join(same[0], k)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        members[union.find(i)].append(i)
    for group in members.values():
        first = min(group, key=lambda k: (items[k].day or date.max, items[k].order,
                                          items[k].quote.start))
        gid = "g-" + content_id(items[first].quote.id, 12)
        for k in group:
            items[k].quote.group = gid


def _fragment_candidates(
    it: _Item, same_speaker: list[int], postings: dict[str, list[int]]
) -> list[int]:
    """The long quotes of the fragment's speaker that share a stem with it, in order.

    A prolific speaker has thousands of quotes in a large corpus: going through the
    postings of the fragment's few stems instead, when they are shorter, keeps this
    from growing with the square of the corpus. Either way the same quotes come back.
    """
    posted = sum(len(postings[s]) for s in it.stems)
    if posted >= len(same_speaker):
        return same_speaker
    wanted = set(same_speaker)
    return sorted({j for s in it.stems for j in postings[s] if j in wanted})


def _speaker_key(q: Quote) -> tuple[str, ...]:
    return (q.speaker,) if q.speaker else (q.article, str(q.speaker_cluster))


def _same_speaker(a: _Item, b: _Item) -> bool:
    sa, sb = a.quote.speaker, b.quote.speaker
    if sa and sb:
        return sa == sb
    if a.quote.article == b.quote.article and a.quote.speaker_cluster >= 0:
        return a.quote.speaker_cluster == b.quote.speaker_cluster
    return not sa or not sb


def _same_named(a: Quote, b: Quote) -> bool:
    """Said by the same entity, or by speakers both outlets describe alike and nobody
    names ("hauliers", "at least three shipping lines")."""
    if a.speaker or b.speaker:
        return a.speaker == b.speaker
    return bool(a.speaker_name) and (a.speaker_name or "").casefold() == (
        b.speaker_name or ""
    ).casefold()


def _same_statement(a: _Item, b: _Item, idf: dict[str, float]) -> bool:
    if not _same_speaker(a, b):
        return False
    if a.quote.kind == "indirect" or b.quote.kind == "indirect":
        # Paraphrase of a direct quote: words only, with the same named speaker.
        return (
            _same_named(a.quote, b.quote)
            and a.quote.article != b.quote.article
            and _close_in_time(a, b) and _shared(a, b, idf) >= SAME_REMARK + 0.15
        )
    short, long_ = (a, b) if len(a.norm) <= len(b.norm) else (b, a)
    # Words that run inside another quote bring (nearly) all their stems along:
    # a cheap test before the string comparison.
    missing = len(short.stems - long_.stems)
    if missing <= max(1, len(short.stems) // 4) and (
        short.norm in long_.norm or fuzz.partial_ratio(short.norm, long_.norm) >= CONTAINED
    ):
        return True
    # One remark in other words: only across articles (within one, two quotes of
    # one speaker are two things said), from the same named speaker, close in time.
    if not _same_named(a.quote, b.quote) or a.quote.article == b.quote.article:
        return False
    # A run of words in common ("now is not the time for") is one remark reported
    # twice, at whatever distance in time; looser likeness needs the dates close.
    return bool(a.runs & b.runs) or (_close_in_time(a, b) and _shared(a, b, idf) >= SAME_REMARK)


def _ngrams(words: list[str]) -> set[tuple[str, ...]]:
    """Runs of :data:`COMMON_RUN` words, two of them not function words."""
    return {
        run for run in zip(*(words[k:] for k in range(COMMON_RUN)), strict=False)
        if sum(w not in _FUNCTION for w in run) >= 2
    }


def _close_in_time(a: _Item, b: _Item) -> bool:
    if a.day is None or b.day is None:
        return True
    return abs((a.day - b.day).days) <= REMARK_DAYS


def _shared(a: _Item, b: _Item, idf: dict[str, float]) -> float:
    """Weighted overlap of rare stems, relative to the shorter quote."""
    common = a.stems & b.stems
    if len(common) < MIN_SHARED:
        return 0.0
    weight = sum(idf[s] for s in common)
    smaller = min(sum(idf[s] for s in a.stems), sum(idf[s] for s in b.stems))
    return weight / smaller if smaller else 0.0
