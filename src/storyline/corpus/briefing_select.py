"""Choosing what a story's briefing says: candidate lines, their weight, the pick.

A candidate is one thing the story holds, whatever number of outlets carried it:
an event (a development, held or planned), an article's lead sentence (the
writer's own summary; the newest one is the latest state), a quote group (one
statement) or a figure group (one number, when outlets or dates differ on it).
Each candidate lists the passages it may rest on (best first) and every passage
that supports it (one per article), so the line can cite all outlets.

A passage can carry a line only if an editor could read it standalone (see
:mod:`storyline.corpus.briefing_text`).

Syndicated and near-duplicate copies count once towards a candidate's weight
(the copy's passages are still cited).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal, Protocol, TypeVar

from storyline.article.events import window
from storyline.corpus.briefing_text import (
    FRAGMENT_WORDS,
    StoryText,
    Unit,
    valid_name,
    words,
)
from storyline.model import (
    Article,
    ArticleAnalysis,
    Entity,
    Event,
    EventCandidate,
    Figure,
    Quote,
    Result,
    Timex,
)

SPEAKER_CAP = 2  # statements per speaker: key people, not one voice
SAME_TEXT = 0.6  # word-set overlap at which two lines say the same thing
DURATION_UNITS = frozenset(("year", "month", "week", "day", "hour", "minute"))
NEAR_DAYS = 60  # an undated event's reports lie this close to the one told
LEAD_SENTENCES = 2  # how far into an article its lead may be looked for
LEAD_BONUS = 1.0  # a lead is the writer's own summary of what matters

Kind = Literal["event", "lead", "quote", "figure"]
_KIND_BONUS = {"direct": 1.0, "partial": 0.6, "indirect": 0.5}  # a statement in its own words


class _HasArticle(Protocol):
    article: str


_Located = TypeVar("_Located", bound=_HasArticle)


@dataclass
class Option:
    """One passage a candidate's line may be made from."""

    unit: Unit
    quote: Quote | None = None
    figure: Figure | None = None
    event: EventCandidate | None = None  # what this passage itself says of the event


@dataclass
class Candidate:
    kind: Kind
    key: str
    score: float
    options: list[Option]  # best first
    support: list[Unit]  # every passage it rests on, at most one per article
    day: date | None = None  # when it happened (or was reported); None when unknown
    rank: int = 0  # the article's place in the story's reading order
    status: str | None = None  # events: "happened" or "planned"
    date: str | None = None  # events: the date as the timeline gives it
    date_precision: str | None = None
    speaker: Entity | None = None
    figures: list[Figure] = field(default_factory=list)
    latest: bool = False  # the newest article's lead: where the story stands
    origin: bool = False  # the oldest dated article's lead: how the story began


# ---------------------------------------------------------------- the corpus, by article
class Buckets:
    """The Result's items filed by article, built once for every story's briefing."""

    def __init__(self, result: Result, analyses: Sequence[ArticleAnalysis]) -> None:
        self.result = result
        self.articles = {a.id: a for a in result.articles}
        self.analyses = {a.article.id: a for a in analyses}
        for an in analyses:
            self.articles.setdefault(an.article.id, an.article)
        # The Result's lists are authoritative (grouped, attributed); the analyses
        # stand in for whatever a partial run has not filled.
        self.quotes = _by_article(result.quotes or [q for a in analyses for q in a.quotes])
        self.timexes = _by_article(result.timexes or [t for a in analyses for t in a.timexes])
        self.figures = _by_article(result.figures or [f for a in analyses for f in a.figures])
        kinds = {(a.article.id, m.start, m.end): m.kind for a in analyses for m in a.mentions}
        self.entities = {e.id: e for e in result.entities}
        self.mentions: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        for e in result.entities:
            for m in e.mentions:
                kind = kinds.get((m.article, m.start, m.end), "name")
                self.mentions[m.article].append((m.start, m.end, e.id, kind))
        self.events_by_article: dict[str, list[int]] = defaultdict(list)
        for n, ev in enumerate(result.events):
            for aid in dict.fromkeys(m.article for m in ev.mentions):
                self.events_by_article[aid].append(n)
        self.copies_by_article: dict[str, list[int]] = defaultdict(list)
        for n, dup in enumerate(result.duplicates):
            for aid in dup.articles:
                self.copies_by_article[aid].append(n)


def _by_article(items: Iterable[_Located]) -> dict[str, list[_Located]]:
    out: dict[str, list[_Located]] = defaultdict(list)
    for item in items:
        out[item.article].append(item)
    return out


# ---------------------------------------------------------------- the story's index
class StoryIndex:
    """What the candidates need, restricted to one story's articles."""

    def __init__(self, buckets: Buckets, article_ids: Sequence[str]) -> None:
        self.order = [aid for aid in dict.fromkeys(article_ids) if aid in buckets.articles]
        wanted = set(self.order)
        self.quotes: dict[str, list[Quote]] = {a: buckets.quotes.get(a, []) for a in self.order}
        self.text = StoryText([buckets.articles[a] for a in self.order], self.quotes)
        self.timexes: dict[str, list[Timex]] = {a: buckets.timexes.get(a, []) for a in self.order}
        self.figures: list[Figure] = [f for a in self.order for f in buckets.figures.get(a, [])]
        self.candidates: dict[str, list[EventCandidate]] = {
            a: buckets.analyses[a].event_candidates for a in self.order if a in buckets.analyses
        }
        event_ids = sorted({n for a in self.order for n in buckets.events_by_article.get(a, [])})
        self.events: list[Event] = [buckets.result.events[n] for n in event_ids]
        self.has_timeline = bool(buckets.result.events)
        self.entities: dict[str, Entity] = {}
        self.entity_mentions: dict[str, list[tuple[int, int, str, str]]] = {}
        self.entity_articles: dict[str, set[str]] = defaultdict(set)
        self.entity_count: Counter[str] = Counter()
        for aid in self.order:
            self.entity_mentions[aid] = buckets.mentions.get(aid, [])
            for _, _, eid, _ in self.entity_mentions[aid]:
                self.entities[eid] = buckets.entities[eid]
                self.entity_articles[eid].add(aid)
                self.entity_count[eid] += 1
        # Copies count once: every article maps to the article it copies (or itself).
        self.root = {aid: aid for aid in self.order}
        dup_ids = sorted({n for a in self.order for n in buckets.copies_by_article.get(a, [])})
        for n in dup_ids:
            dup = buckets.result.duplicates[n]
            members = [a for a in dup.articles if a in wanted]
            if len(members) > 1:
                first = dup.original if dup.original in members else members[0]
                for a in members:
                    self.root[a] = first
        self.rank = {
            aid: n for n, aid in enumerate(reading_order([buckets.articles[a] for a in self.order]))
        }
        self.roots = max(1, len(set(self.root.values())))

    def article(self, aid: str) -> Article:
        return self.text.articles[aid]

    def outlets(self, article_ids: Iterable[str]) -> int:
        """How many independent reports: copies count once."""
        return len({self.root.get(a, a) for a in article_ids})

    def day(self, aid: str) -> date | None:
        art = self.article(aid)
        if art.published and art.published_precision in (None, "day"):
            return parse_day(art.published)
        return None

    def centrality(self, entity_id: str) -> float:
        """0..3: in how many of the story's reports the entity appears, and how often."""
        share = self.outlets(self.entity_articles.get(entity_id, set())) / self.roots
        return 2.0 * share + min(1.0, self.entity_count[entity_id] / 20)


def parse_day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def reading_order(articles: Sequence[Article]) -> list[str]:
    """Dated articles by date; an undated one keeps its place after the one before it."""
    keyed = []
    carried: date | None = None
    for n, a in enumerate(articles):
        day = parse_day(a.published)
        if day is not None:
            carried = day
        keyed.append(((day or carried or date.min), n, a.id))
    return [aid for _, _, aid in sorted(keyed)]


def event_day(value: str | None, precision: str | None) -> date | None:
    """The first day an event date can mean (a week's Monday, a month's first)."""
    if not value:
        return None
    try:
        if precision == "day" or (precision is None and len(value) == 10):
            return date.fromisoformat(value[:10])
        if precision == "week" and "-W" in value:
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        if precision == "month":
            return date(int(value[:4]), int(value[5:7]), 1)
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------- candidates
def _support(index: StoryIndex, options: list[Option], units: Iterable[Unit | None]) -> list[Unit]:
    """One passage per article: the best option there, else any undamaged passage
    (an outlet that carried it counts even where its sentence makes no line)."""
    seen: dict[str, Unit] = {}
    for opt in options:
        seen.setdefault(opt.unit.article, opt.unit)
    for unit in units:
        if unit is not None and unit.article not in seen and not index.text.damaged(unit):
            seen[unit.article] = unit
    return sorted(seen.values(), key=lambda u: (index.rank.get(u.article, 0), u.start))


def _position_score(index: StoryIndex, unit: Unit) -> float:
    """Earlier sentences carry what the writer thought mattered most."""
    return 1.0 / (1.0 + 0.5 * index.text.sentence_number(unit))


def _named(index: StoryIndex, unit: Unit) -> int:
    """Named entities in the passage: the more it names, the more it tells."""
    return sum(
        1
        for s, e, _, kind in index.entity_mentions.get(unit.article, [])
        if kind == "name" and unit.start <= s and e <= unit.end
    )


@dataclass
class _EventGroup:
    key: str
    date: str | None
    precision: str | None
    mentions: list[tuple[str, int, int]]
    title: str = ""


def _event_groups(index: StoryIndex) -> list[_EventGroup]:
    """The timeline's events in this story; without a timeline, the per-article
    candidates, one per (kind, day, place) so repeated mentions meet."""
    wanted = set(index.order)
    groups = []
    for ev in index.events:
        mentions = [(m.article, m.start, m.end) for m in ev.mentions if m.article in wanted]
        if mentions:
            groups.append(_EventGroup(ev.id, ev.date, ev.date_precision, mentions, ev.title))
    if index.has_timeline:
        return groups
    merged: dict[tuple[str, ...], _EventGroup] = {}
    for aid in index.order:
        for n, c in enumerate(index.candidates.get(aid, [])):
            if c.date_precision == "day" and c.date_source == "timex" and c.place is not None:
                key: tuple[str, ...] = (c.kind, c.date or "", c.place.text.lower())
            else:
                key = (aid, str(n))
            precision = c.date_precision if c.date_precision in ("day", "week", "month") else None
            group = merged.setdefault(key, _EventGroup(f"cand-{aid}-{n}", c.date, precision, []))
            group.mentions.append((aid, c.start, c.end))
    return list(merged.values())


def _candidate_at(
    index: StoryIndex, aid: str, start: int, end: int, title: str
) -> EventCandidate | None:
    """The article's event candidate this mention stands for: in its sentence, the one
    whose title shares most words with the event's, then the most confident."""
    wanted = {w.lower() for w in words(title)}
    best, best_key = None, (-1, -1.0)
    for c in index.candidates.get(aid, []):
        if c.start <= start < c.end or start <= c.start < end:
            key = (len(wanted & {w.lower() for w in words(c.title)}), c.confidence)
            if key > best_key:
                best, best_key = c, key
    return best


def _overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def _same_time(cand: EventCandidate | None, group: _EventGroup) -> bool:
    """Whether a mention's own date (from its text) can fall on the event's date."""
    if cand is None or cand.date_source != "timex":
        return True
    return _overlap(window(cand.date, cand.date_precision), window(group.date, group.precision))


def _near(cand: EventCandidate | None, day: date | None) -> bool:
    """Whether a mention's own date lies within :data:`NEAR_DAYS` of ``day``: an event
    the timeline left undated must not gather reports of a like event years apart."""
    if cand is None or cand.date_source != "timex" or day is None:
        return True
    span = timedelta(days=NEAR_DAYS)
    return _overlap(window(cand.date, cand.date_precision), (day - span, day + span))


def _told_day(index: StoryIndex, option: Option) -> date | None:
    """The day a passage's event falls on: its own date, else its article's."""
    cand = option.event
    if cand is not None and cand.date_source == "timex":
        span = window(cand.date, cand.date_precision)
        if span is not None:
            return span[0]
    return index.day(option.unit.article)


def event_candidates(index: StoryIndex) -> list[Candidate]:
    """One candidate per event: weighed by the independent reports of it, how early
    and how fully its best sentence tells it; held if any report says it happened."""
    out = []
    for group in _event_groups(index):
        options: list[tuple[float, Option]] = []
        units: list[Unit | None] = []
        own: list[EventCandidate | None] = []
        statuses: list[str] = []
        participants = 0
        definite_only = True
        for aid, start, end in group.mentions:
            cand = _candidate_at(index, aid, start, end, group.title)
            if not _same_time(cand, group):
                continue  # the passage dates its own event elsewhere: not this one
            if cand is not None:
                statuses.append(cand.status)
                participants = max(participants, len(cand.participants))
                definite_only = definite_only and cand.definite
            else:
                definite_only = False
            unit = index.text.unit(aid, start, start + 1)
            units.append(unit)
            own.append(cand)
            if unit is None or not index.text.narrative(unit):
                continue
            rank = _position_score(index, unit) + (0.5 if cand and not cand.definite else 0)
            rank += 0.3 if cand and cand.date_source == "timex" else 0
            rank += min(0.5, 0.1 * _named(index, unit))
            rank += min(0.5, 0.1 * len(words(cand.title))) if cand else 0.0  # says what it was
            options.append((rank, Option(unit, event=cand)))
        if not options:
            continue
        options.sort(
            key=lambda p: (
                -p[0],
                index.root.get(p[1].unit.article) != p[1].unit.article,  # originals first
                index.rank.get(p[1].unit.article, 0),
            )
        )
        held = "happened" in statuses or not statuses
        status = "happened" if held else "planned"
        articles = {aid for aid, _, _ in group.mentions}
        score = (
            2.0 * index.outlets(articles)
            + 1.5 * options[0][0]
            + 0.3 * min(participants, 3)
            + (0.5 if group.precision == "day" else 0.0)
            - (1.0 if definite_only else 0.0)
        )
        ordered = [o for _, o in options]
        if group.date is None:  # keep the reports near the day the chosen passage tells
            day = _told_day(index, ordered[0])
            ordered = [o for o in ordered if _near(o.event, day)]
            units = [u for u, c in zip(units, own, strict=True) if _near(c, day)]
        first_article = min(articles, key=lambda a: index.rank.get(a, 0))
        out.append(
            Candidate(
                "event", f"event:{group.key}", score, ordered, _support(index, ordered, units),
                day=event_day(group.date, group.precision) or index.day(first_article),
                rank=index.rank.get(first_article, 0), status=status, date=group.date,
                date_precision=group.precision,
            )
        )  # fmt: skip
    return out


def lead_candidates(index: StoryIndex) -> list[Candidate]:
    """Each article's first readable sentence of its own words; the newest dated
    article's lead is the latest state, the oldest one's how the story began."""
    out = []
    for aid in index.order:
        # The lead is the first sentence; a second stands in only for a broken first.
        for s, e in index.text.sentences.get(aid, [])[:LEAD_SENTENCES]:
            unit = Unit(aid, s, e)
            if index.text.narrative(unit):
                score = 2.0 + 1.5 * _position_score(index, unit) + LEAD_BONUS
                out.append(
                    Candidate("lead", f"lead:{aid}", score, [Option(unit)], [unit],
                              day=index.day(aid), rank=index.rank.get(aid, 0))
                )  # fmt: skip
                break
    dated = [c for c in out if c.day is not None]
    pool = dated or out
    if pool:
        latest = max(pool, key=lambda c: (c.day or date.min, c.rank))
        latest.latest = True
    if len(dated) > 1:
        first = min(dated, key=lambda c: (c.day or date.max, c.rank))
        first.origin = first.day != latest.day
    return out


def merge_leads(
    events: list[Candidate], leads: list[Candidate], index: StoryIndex
) -> list[Candidate]:
    """A lead that is also an event's sentence lends the event its weight and passage."""
    kept = []
    lead_units = {lead.options[0].unit for lead in leads}
    hosts: dict[Unit, Candidate] = {}
    for ev in events:
        for o in ev.options:
            hosts.setdefault(o.unit, ev)
    for lead in leads:
        unit = lead.options[0].unit
        host = hosts.get(unit)  # an event told in the same sentence
        if host is None:
            kept.append(lead)
            continue
        host.score += LEAD_BONUS
        host.latest = host.latest or lead.latest
        host.origin = (host.origin or lead.origin) and not host.latest
        # Leads first, originals before their copies, otherwise as ranked.
        host.options.sort(
            key=lambda o: (
                o.unit not in lead_units,
                index.root.get(o.unit.article) != o.unit.article,
            )
        )
        if lead.day is not None and (host.day is None or host.date_precision != "day"):
            host.day = host.day or lead.day
    return kept


def _speaker_entity(index: StoryIndex, quotes: list[Quote]) -> Entity | None:
    counts = Counter(q.speaker for q in quotes if q.speaker)
    for sid, _ in counts.most_common():
        entity = index.entities.get(sid or "")
        if entity is not None and valid_name(entity.name):
            return entity
    return None


def _names_speaker(index: StoryIndex, unit: Unit, entity_id: str) -> bool:
    return any(
        eid == entity_id and kind == "name" and unit.start <= s and e <= unit.end
        for s, e, eid, kind in index.entity_mentions.get(unit.article, [])
    )


def quote_candidates(index: StoryIndex) -> list[Candidate]:
    """One candidate per statement with a named speaker: weighed by the independent
    outlets carrying it and how central its speaker is to the story; its passage is
    preferably one that names the speaker, in the speaker's own words."""
    groups: dict[str, list[Quote]] = defaultdict(list)
    for aid in index.order:
        for q in index.quotes.get(aid, []):
            groups[q.group or q.id].append(q)
    out = []
    for gid, quotes in groups.items():
        speaker = _speaker_entity(index, quotes)
        if speaker is None:
            continue  # a statement without a speaker is no key statement
        statements = [
            q for q in quotes if not (q.kind == "partial" and len(words(q.text)) < FRAGMENT_WORDS)
        ]
        if not statements:
            continue  # terms in scare quotes and short fragments
        options: list[tuple[tuple[float, ...], Option]] = []
        units: list[Unit | None] = []
        for q in statements:
            if q.speaker not in (None, speaker.id):
                continue
            unit = index.text.unit(q.article, q.start, q.end)
            units.append(unit)
            if unit is None or not index.text.readable(unit):
                continue
            key = (
                0.0 if _names_speaker(index, unit, speaker.id) else 1.0,
                {"direct": 0.0, "partial": 1.0, "indirect": 2.0}[q.kind],
                0.0 if index.root.get(q.article) == q.article else 1.0,
                float(index.rank.get(q.article, 0)),
                float(q.start),
            )
            options.append((key, Option(unit, quote=q)))
        if not options:
            continue
        options.sort(key=lambda p: p[0])
        ordered = [o for _, o in options]
        articles = {q.article for q in statements}
        best = ordered[0].quote
        kind_bonus = _KIND_BONUS[best.kind if best else "partial"]
        length = len(words(best.text)) if best else 0
        score = (
            3.0 * index.outlets(articles)
            + index.centrality(speaker.id)
            + kind_bonus
            + (0.5 if speaker.type == "PERSON" else 0.0)
            + max(_position_score(index, o.unit) for o in ordered)
            + (0.3 if 10 <= length <= 50 else 0.0)  # a whole thought, not a speech
        )
        first = min(articles, key=lambda a: index.rank.get(a, 0))
        out.append(
            Candidate("quote", f"quote:{gid}", score, ordered, _support(index, ordered, units),
                      day=index.day(first), rank=index.rank.get(first, 0), speaker=speaker)
        )  # fmt: skip
    return out


def figure_candidates(index: StoryIndex) -> list[Candidate]:
    """Figure groups whose value grew or on which outlets differ, as more than one
    outlet reports them: the newest figure's sentence."""
    groups: dict[str, list[Figure]] = defaultdict(list)
    for f in index.figures:
        groups[f.group or f.id].append(f)
    out = []
    for gid, figures in groups.items():
        if index.outlets({f.article for f in figures}) < 2:
            continue
        options: list[tuple[tuple[float, ...], Option]] = []
        units: list[Unit | None] = []
        for f in figures:
            unit = index.text.unit(f.article, f.start, f.end)
            units.append(unit)
            if unit is None or not index.text.narrative(unit):
                continue
            day = index.day(f.article) or parse_day(f.date)
            key = (
                -(day.toordinal() if day else 0),
                0.0 if index.root.get(f.article) == f.article else 1.0,  # the original, not a copy
                -float(index.rank.get(f.article, 0)),
            )
            options.append((key, Option(unit, figure=f)))
        if not options:
            continue
        options.sort(key=lambda p: p[0])
        ordered = [o for _, o in options]
        main_unit = Counter(f.unit for f in figures).most_common(1)[0][0]
        if main_unit in DURATION_UNITS:
            continue  # "a three-year deal": an attribute of something, not a number to follow
        if len({round(f.value, 6) for f in figures if f.unit == main_unit}) < 2:
            continue  # outlets agree: the number is no development, the events carry it
        score = 1.0 + index.outlets({f.article for f in figures})
        first = min((f.article for f in figures), key=lambda a: index.rank.get(a, 0))
        out.append(
            Candidate("figure", f"figure:{gid}", score, ordered, _support(index, ordered, units),
                      day=index.day(first), rank=index.rank.get(first, 0), figures=figures)
        )  # fmt: skip
    return out


# ---------------------------------------------------------------- the pick
_PATTERN: tuple[str, ...] = (
    "latest", "origin", "dev", "quote", "dev", "quote", "figure", "dev", "quote", "figure",
)  # fmt: skip
SAME_DAY = 0.6  # a second development on a day another one told weighs this much
_CYCLE: tuple[str, ...] = ("dev", "quote", "figure")


def _overlaps(a: Unit, b: Unit) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


def _word_set(text: str) -> set[str]:
    return {w.lower() for w in words(text) if len(w) > 2}


def select(
    candidates: list[Candidate], index: StoryIndex, max_lines: int
) -> list[tuple[Candidate, Option]]:
    """Up to ``max_lines`` (candidate, passage) pairs: the latest state first, how the
    story began, then developments, statements and figures in turn, each the best
    left; no passage used twice and no two lines saying the same thing. Developments
    spread over the story's days: one on a day already told weighs less."""
    pools: dict[str, list[Candidate]] = {
        "latest": [c for c in candidates if c.latest],
        "origin": [c for c in candidates if c.origin and not c.latest],
        "dev": [
            c for c in candidates if c.kind in ("event", "lead") and not (c.latest or c.origin)
        ],
        "quote": [c for c in candidates if c.kind == "quote"],
        "figure": [c for c in candidates if c.kind == "figure"],
    }
    for pool in pools.values():
        pool.sort(key=lambda c: (-c.score, c.rank, c.key))
    chosen: list[tuple[Candidate, Option]] = []
    used: dict[str, list[Unit]] = defaultdict(list)
    texts: list[set[str]] = []
    per_speaker: Counter[str] = Counter()
    speakers = {c.speaker.id for c in pools["quote"] if c.speaker is not None}
    told_days: set[date] = set()

    def take(slot: str) -> bool:
        pool = pools[slot]
        if slot == "dev" and told_days:
            pool.sort(key=lambda c: (-c.score * (SAME_DAY if c.day in told_days else 1.0),
                                     c.rank, c.key))  # fmt: skip
        # One statement per speaker while other speakers wait, then up to the cap.
        cap = 1 if any(per_speaker[s] == 0 for s in speakers) else SPEAKER_CAP
        for n, cand in enumerate(pool):
            if cand.speaker is not None and per_speaker[cand.speaker.id] >= cap:
                continue
            for opt in cand.options:
                if any(_overlaps(opt.unit, u) for u in used[opt.unit.article]):
                    continue
                ws = _word_set(index.text.text(opt.unit))
                if any(len(ws & t) >= SAME_TEXT * min(len(ws), len(t)) for t in texts if t):
                    continue
                chosen.append((cand, opt))
                for u in [*(cand.support if cand.kind != "figure" else []), opt.unit]:
                    used[u.article].append(u)
                texts.append(ws)
                if cand.speaker is not None:
                    per_speaker[cand.speaker.id] += 1
                if slot == "dev" and cand.day is not None:
                    told_days.add(cand.day)  # the latest state and the origin do not count
                del pool[n]
                return True
        if slot == "quote" and cap < SPEAKER_CAP and pool:
            speakers.clear()  # every speaker has had a line: let the cap rise
            return take(slot)
        return False

    slots = list(_PATTERN[:max_lines])
    for slot in slots:
        if len(chosen) >= max_lines:
            break
        if not take(slot):
            for other in _CYCLE:  # an empty kind gives its place to the others
                if take(other):
                    break
    while len(chosen) < max_lines and any(pools[s] for s in _CYCLE):
        if not any(take(s) for s in _CYCLE):
            break
    return chosen


def gather(index: StoryIndex) -> list[Candidate]:
    events = event_candidates(index)
    leads = merge_leads(events, lead_candidates(index), index)
    return events + leads + quote_candidates(index) + figure_candidates(index)


def order_lines(chosen: list[tuple[Candidate, Option]]) -> list[tuple[Candidate, Option]]:
    """Developments by date (undated ones after, in reading order), the latest state,
    then statements and figures as ranked."""
    devs = [p for p in chosen if p[0].kind in ("event", "lead") and not p[0].latest]  # + origin
    latest = [p for p in chosen if p[0].latest]
    rest = [p for p in chosen if p[0].kind in ("quote", "figure") and not p[0].latest]
    devs.sort(key=lambda p: (p[0].day is None, p[0].day or date.min, p[0].rank, p[1].unit.start))
    quotes = [p for p in rest if p[0].kind == "quote"]
    figures = [p for p in rest if p[0].kind == "figure"]
    return devs + latest + quotes + figures
