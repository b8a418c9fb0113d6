"""One timeline of events across articles.

Event candidates (one per sentence and trigger, see :mod:`storyline.article.events`)
are merged into events:

1. candidates are clustered greedily, best-dated first. A candidate joins the
   cluster it scores highest with, if the two are of the same kind, their dates can
   be the same day (windows overlap, weekdays agree) and the evidence adds up:
   the same place, shared participants (resolved entities), the same day, the same
   trigger word, similar wording. A plan ("talks will take place in Saudi Arabia
   next week") and its report ("following talks in Saudi Arabia") merge like any
   two mentions;
2. "the meeting", "the deal" (a definite event noun with neither date nor place)
   join the event of their kind the article says most about, else the nearest one
   before them;
3. each event takes its date from its best-dated mention (a day beats a week beats
   a month; the publication date stands in only when nothing in the text dates it).

Events whose mentions give neither a date, a place, nor a second article are left
out of the timeline (they stay among the article's candidates).

:func:`publication_windows` / :func:`pin_publication_dates` turn the same clusters
into evidence for articles whose publication day is unknown: an article dated only
"2025-03" that reports "talks in Paris on Thursday", which another article dates
to 27 March, was published between 27 and 31 March.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from storyline.article.events import window
from storyline.model import (
    ArticleAnalysis,
    Entity,
    Event,
    EventCandidate,
    EventMention,
    content_id,
)

MERGE_THRESHOLD = 2.5
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "this", "that", "to", "who", "which"}
UNDATED_EXTRA = 1.0
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been",
    "has", "have", "had", "will", "would", "could", "should", "may", "might", "can", "it", "its",
    "their", "his", "her", "he", "she", "they", "we", "you", "i", "not", "no", "said", "says",
    "also", "after", "before", "over", "into", "about", "than", "then", "there", "which", "who",
    "whom", "what", "when", "where", "while", "per", "more", "most", "some", "any", "such",
    "other", "only", "just", "all", "both", "each",
})


@dataclass
class _Mention:
    cand: EventCandidate
    index: int  # arrival order of its article
    entities: frozenset[str]  # participant entity ids
    people: frozenset[str]  # those of them that are persons or organisations
    place: str | None  # entity id, else "~" + the normalised text
    place_names: frozenset[str]  # how the place is written: mention and entity name
    sentence: str  # lower-cased text of the sentence
    words: frozenset[str]
    span: tuple[dt.date, dt.date] | None  # days the text allows (None: unknown)
    dated: bool  # dated by the text, not by the publication date
    published: dt.date | None = None  # its article's publication day (or period start)


@dataclass
class _Cluster:
    kind: str
    members: list[_Mention] = field(default_factory=list)
    _span_cache: tuple[int, tuple[dt.date, dt.date] | None] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def dated(self) -> list[_Mention]:
        return [m for m in self.members if m.dated and m.span is not None]

    def span(self) -> tuple[dt.date, dt.date] | None:
        # Members are only ever appended: the span is recomputed when one arrives.
        if self._span_cache is not None and self._span_cache[0] == len(self.members):
            return self._span_cache[1]
        spans = [m.span for m in self.dated if m.span is not None]
        value: tuple[dt.date, dt.date] | None = None
        if spans:
            lo = max(s[0] for s in spans)
            hi = min(s[1] for s in spans)
            value = (lo, hi) if lo <= hi else min(spans, key=lambda s: s[1] - s[0])
        self._span_cache = (len(self.members), value)
        return value

    def weekday(self) -> int | None:
        days = Counter(m.cand.weekday for m in self.members if m.cand.weekday is not None)
        return days.most_common(1)[0][0] if days else None


# ---------------------------------------------------------------- public API
def build_timeline(analyses: Sequence[ArticleAnalysis], entities: list[Entity]) -> list[Event]:
    """Every event the articles report, each once, in date order (undated last)."""
    return [event for event, _ in timeline_with_candidates(analyses, entities)]


def timeline_with_candidates(analyses: Sequence[ArticleAnalysis], entities: list[Entity]
                             ) -> list[tuple[Event, list[EventCandidate]]]:
    """The timeline, each event with the candidates it was merged from."""
    clusters = [c for c in _clusters(analyses, entities) if _worth_showing(c)]
    order = {a.article.id: i for i, a in enumerate(analyses)}
    keyed = []
    for c in clusters:
        event = _event(c)
        keyed.append((_event_key(event, _reported_by(c), order), event,
                      [m.cand for m in c.members]))
    keyed.sort(key=lambda item: item[0])
    return [(event, cands) for _, event, cands in keyed]


@dataclass(frozen=True)
class PublicationWindow:
    """The days an article can have been published on, by another article's dates."""

    article: str
    earliest: str
    latest: str
    evidence: tuple[str, ...]  # event titles that give the bound

    @property
    def pinned(self) -> str:
        """The day to assume: news reports an event by its weekday on the day itself
        or soon after, so the earliest day the evidence allows."""
        return self.earliest


def publication_windows(analyses: Sequence[ArticleAnalysis], entities: list[Entity]
                        ) -> dict[str, PublicationWindow]:
    """For articles without a publication day: the days cross-article events allow.

    Only evidence that fixes the distance to publication counts: "yesterday" (one
    day after the event), "today"/"this afternoon" (the day itself), a weekday in
    the past tense (the event day up to six days before), a planned weekday (up to
    six days after), "this/last/next week" (the ISO week). The window is
    intersected with the month or year the article's metadata gives.
    """
    clusters = _clusters(analyses, entities)
    by_article = {a.article.id: a.article for a in analyses}
    bounds: dict[str, list[tuple[dt.date, dt.date, str]]] = {}
    for cluster in clusters:
        day = _cluster_day(cluster)
        if day is None:
            continue
        source_day, title = day
        for m in cluster.members:
            art = by_article[m.cand.article]
            if art.published_precision == "day":
                continue
            if _day_from_other(cluster, m) is None:
                continue
            bound = _bound(m.cand, source_day)
            if bound is not None:
                bounds.setdefault(art.id, []).append((*bound, title))
    out: dict[str, PublicationWindow] = {}
    for aid, items in bounds.items():
        art = by_article[aid]
        lo = max(b[0] for b in items)
        hi = min(b[1] for b in items)
        meta = window(_pub_value(art.published, art.published_precision),
                      art.published_precision)
        if meta is not None:
            lo, hi = max(lo, meta[0]), min(hi, meta[1])
        if lo > hi:
            continue  # the evidence disagrees with itself or with the metadata
        out[aid] = PublicationWindow(aid, lo.isoformat(), hi.isoformat(),
                                     tuple(sorted({b[2] for b in items})))
    return out


def pin_publication_dates(analyses: Sequence[ArticleAnalysis], entities: list[Entity]
                          ) -> dict[str, str]:
    """Article id -> the publication day (ISO) other articles pin it to, for articles
    whose own date is missing or only a month or year; only windows of a week or
    less count. See :func:`publication_windows` for the evidence and its bounds."""
    out = {}
    for aid, win in publication_windows(analyses, entities).items():
        span = dt.date.fromisoformat(win.latest) - dt.date.fromisoformat(win.earliest)
        if span.days <= 6:
            out[aid] = win.pinned
    return out


# ---------------------------------------------------------------- clustering
def _clusters(analyses: Sequence[ArticleAnalysis], entities: list[Entity]) -> list[_Cluster]:
    ent_of, types = _entity_index(entities)
    names = {e.id: e.name for e in entities}
    texts = {a.article.id: a.article.text for a in analyses}
    mentions: list[_Mention] = []
    for index, analysis in enumerate(analyses):
        pub = window(_pub_value(analysis.article.published, analysis.article.published_precision),
                     analysis.article.published_precision)
        for cand in analysis.event_candidates:
            mention = _mention(cand, index, ent_of, types, names, texts[cand.article])
            mention.published = pub[0] if pub is not None else None
            mentions.append(mention)
    anaphors = [m for m in mentions if m.cand.definite]
    ordered = sorted((m for m in mentions if not m.cand.definite), key=_strength)
    clusters: list[_Cluster] = []
    # Only events of one kind can merge (_score is 0 otherwise): compare within the kind.
    of_kind: dict[str, list[_Cluster]] = {}
    for m in ordered:
        best: tuple[float, _Cluster] | None = None
        for cluster in of_kind.get(m.cand.kind, []):
            score = _score(m, cluster)
            # With no dates to compare, the rest of the evidence must carry more weight.
            need = MERGE_THRESHOLD + (UNDATED_EXTRA if _undated_pair(m, cluster) else 0.0)
            if score >= need and (best is None or score > best[0]):
                best = (score, cluster)
        if best is None:
            clusters.append(_Cluster(m.cand.kind, [m]))
            of_kind.setdefault(m.cand.kind, []).append(clusters[-1])
        else:
            best[1].members.append(m)
    for m in anaphors:
        target = _antecedent(m, clusters)
        if target is None:
            clusters.append(_Cluster(m.cand.kind, [m]))
        else:
            target.members.append(m)
    return clusters


def _mention(cand: EventCandidate, index: int, ent_of: dict[tuple[str, int, int], str],
             types: dict[str, str], names: dict[str, str], text: str) -> _Mention:
    ids = []
    for p in cand.participants:
        eid = ent_of.get((p.article, p.start, p.end))
        ids.append(eid if eid is not None else f"~{_norm(p.text)}")
    people = frozenset(i for i in ids if types.get(i, "") in ("PERSON", "ORG")
                       or (i.startswith("~") and " " in i))
    place = None
    place_names: frozenset[str] = frozenset()
    if cand.place is not None:
        place = ent_of.get((cand.place.article, cand.place.start, cand.place.end)) or \
            f"~{_norm(cand.place.text)}"
        place_names = frozenset({_norm(cand.place.text)} | (
            {_norm(names[place])} if place in names else set()))
    sentence = text[cand.start:cand.end].lower()
    words = frozenset(w for w in re.findall(r"[a-z][a-z'’-]{2,}", sentence) if w not in _STOP)
    dated = cand.date_source == "timex"
    span = window(cand.date, cand.date_precision)
    if cand.date_source == "published" and span is not None:
        # Dated only by publication: some day up to the end of that period.
        span = (dt.date.min, span[1])
    return _Mention(cand, index, frozenset(ids), people, place, place_names, sentence, words,
                    span, dated)


def _entity_index(entities: list[Entity]) -> tuple[dict[tuple[str, int, int], str],
                                                   dict[str, str]]:
    ent_of: dict[tuple[str, int, int], str] = {}
    types: dict[str, str] = {}
    for e in entities:
        types[e.id] = e.type
        for sp in e.mentions:
            ent_of[(sp.article, sp.start, sp.end)] = e.id
    return ent_of, types


def _norm(text: str) -> str:
    t = re.sub(r"^(?:the)\s+", "", text.strip().lower())
    return re.sub(r"['’]s$", "", t)


def _strength(m: _Mention) -> tuple[int, int, float, int, int]:
    """Best-dated first: day, week, month; then placed; then by confidence."""
    rank = _PRECISION_RANK.get(m.cand.date_precision or "", 4) if m.dated else 5
    return (rank, 0 if m.place else 1, -m.cand.confidence, m.index, m.cand.start)


def _score(m: _Mention, cluster: _Cluster) -> float:
    if cluster.kind != m.cand.kind:
        return 0.0
    if not _dates_agree(m, cluster):
        return 0.0
    if any((x.cand.article, x.cand.start) == (m.cand.article, m.cand.start)
           for x in cluster.members):
        return 0.0  # two events one sentence reports were told apart on purpose
    score = 0.0
    places = {x.place for x in cluster.members if x.place}
    if m.place and places:
        if m.place not in places:
            return 0.0  # a meeting in Paris is not the one in Brussels
        score += 2.5
    elif m.place or places:
        # One side names the place, the other only mentions it ("... in the Black Sea")
        if m.place:
            named, texts = m.place_names, [x.sentence for x in cluster.members]
        else:
            named = frozenset().union(*(x.place_names for x in cluster.members))
            texts = [m.sentence]
        if any(re.search(rf"\b{re.escape(p)}\b", t) for p in named if p for t in texts):
            score += 1.5
    people = frozenset().union(*(x.people for x in cluster.members))
    others = frozenset().union(*(x.entities for x in cluster.members)) - people
    score += min(2, len(m.people & people)) * 1.0
    score += min(1, len((m.entities - m.people) & others)) * 0.5
    score += _date_bonus(m, cluster)
    if any(_stem(x.cand.trigger) == _stem(m.cand.trigger) for x in cluster.members):
        score += 0.5  # "met" and "meeting", "talks" and "talk"
    overlap = max((_jaccard(m.words, x.words) for x in cluster.members), default=0.0)
    if overlap >= 0.6:
        score += 3.0  # the same sentence: a syndicated copy, a repeated paragraph
    elif overlap >= 0.3:
        score += 1.5
    elif overlap >= 0.15:
        score += 1.0
    if _plan_then_report(m, cluster):
        score += 1.0
    same_article = [x for x in cluster.members if x.cand.article == m.cand.article]
    if any(x.cand.timex is not None and x.cand.timex == m.cand.timex for x in same_article):
        score += 1.0  # the same article dating both to the same expression value
    return score


def _plan_then_report(m: _Mention, cluster: _Cluster) -> bool:
    """A plan for a day and a report, published no earlier, that it happened that day."""
    span = cluster.span()
    if not (m.dated and m.span is not None and span is not None and m.span == span
            and span[0] == span[1]):
        return False
    for x in cluster.dated:
        if x.cand.status == m.cand.status:
            continue
        plan, report = (m, x) if m.cand.status == "planned" else (x, m)
        if plan.published is None or report.published is None or \
                plan.published <= report.published:
            return True
    return False


def _undated_pair(m: _Mention, cluster: _Cluster) -> bool:
    """Nothing to compare the two by: no date the text gives on one side, no date or
    publication bound on the other, and no weekday on both."""
    if m.span is not None and cluster.span() is not None:
        return False
    if m.dated and m.span is not None and any(x.span is not None for x in cluster.members):
        return False
    return not (m.cand.weekday is not None and cluster.weekday() is not None)


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|s)$", "", word)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _dates_agree(m: _Mention, cluster: _Cluster) -> bool:
    span = cluster.span()
    if m.span is not None and span is not None and (m.span[1] < span[0] or span[1] < m.span[0]):
        return False
    wd = cluster.weekday()
    if m.cand.weekday is not None:
        if wd is not None and wd != m.cand.weekday:
            return False
        if span is not None and span[0] == span[1] and span[0].weekday() != m.cand.weekday:
            return False
    # a day-dated mention must fall on the weekday the cluster's reports name
    return not (wd is not None and m.span is not None and m.dated
                and m.span[0] == m.span[1] and m.span[0].weekday() != wd)


def _date_bonus(m: _Mention, cluster: _Cluster) -> float:
    span = cluster.span()
    if m.dated and m.span is not None and span is not None:
        if m.span == span and m.span[0] == m.span[1]:
            return 1.5
        if m.cand.weekday is not None and span[0] == span[1]:
            return 1.0  # "Thursday" in a month-dated article, the 27th elsewhere
        return 0.5
    wd = cluster.weekday()
    if m.cand.weekday is not None and wd == m.cand.weekday:
        return 1.0
    return 0.0


def _antecedent(m: _Mention, clusters: list[_Cluster]) -> _Cluster | None:
    """The event "the meeting" points back to: of its kind, named in its article; the
    one the article says most about, then the same word, then the nearest before it."""
    best: tuple[tuple[int, int, int], _Cluster] | None = None
    for cluster in clusters:
        if cluster.kind != m.cand.kind:
            continue
        own = [x for x in cluster.members if x.cand.article == m.cand.article]
        if not own:
            continue
        before = [x for x in own if x.cand.start <= m.cand.start]
        distance = min((m.cand.start - x.cand.start for x in before), default=10**9)
        same_word = any(x.cand.trigger == m.cand.trigger for x in own)
        key = (-len(own), 0 if same_word else 1, distance)
        if best is None or key < best[0]:
            best = (key, cluster)
    return best[1] if best is not None else None


# ---------------------------------------------------------------- events
def _worth_showing(cluster: _Cluster) -> bool:
    """Every event a sentence asserts is shown, except one that rests only on "the
    meeting"-style back references nothing else supports."""
    return not all(m.cand.definite for m in cluster.members)


def _event(cluster: _Cluster) -> Event:
    date, precision = _cluster_date(cluster)
    seen: set[tuple[str, int, int]] = set()
    mentions: list[EventMention] = []
    for m in sorted(cluster.members, key=lambda x: (x.index, x.cand.start)):
        key = (m.cand.article, m.cand.start, m.cand.end)
        if key not in seen:
            seen.add(key)
            mentions.append(EventMention(*key))
    ident = content_id("|".join(f"{a}:{s}" for a, s, _ in sorted(seen)))
    return Event(id=f"ev-{ident}", title=_title(cluster), date=date, date_precision=precision,
                 mentions=mentions)


EventPrecision = Literal["day", "week", "month"]


def _cluster_date(cluster: _Cluster) -> tuple[str | None, EventPrecision | None]:
    """(YYYY-MM-DD, precision) of an event, from its best-dated mention."""
    dated = sorted(cluster.dated, key=_strength)
    if dated:
        span = cluster.span()
        best = dated[0]
        precision = best.cand.date_precision
        if span is not None and span[0] == span[1]:
            return span[0].isoformat(), "day"
        if precision == "week" and best.span is not None:
            return best.span[0].isoformat(), "week"
        if precision == "month" and best.span is not None:
            return best.span[0].isoformat(), "month"
        return None, None
    # Dated only by publication ("reported by 27 March"): no date is claimed; the
    # timeline still orders it by that bound (see _event_key).
    return None, None


def _reported_by(cluster: _Cluster) -> str | None:
    """The earliest publication bound of an event no text dates."""
    bounds = [m.span[1] for m in cluster.members
              if m.cand.date_source == "published" and m.span is not None]
    return min(bounds).isoformat() if bounds else None


def _cluster_day(cluster: _Cluster) -> tuple[dt.date, str] | None:
    span = cluster.span()
    if span is None or span[0] != span[1]:
        return None
    return span[0], _title(cluster)


def _day_from_other(cluster: _Cluster, m: _Mention) -> dt.date | None:
    """The cluster's day, if some other article's text fixes it (not ``m``'s own)."""
    for x in cluster.dated:
        if x.cand.article != m.cand.article and x.span is not None and x.span[0] == x.span[1]:
            return x.span[0]
    return None


def _bound(cand: EventCandidate, day: dt.date) -> tuple[dt.date, dt.date] | None:
    """The publication days a mention allows, given the day of its event."""
    if cand.date_source != "timex":
        return None
    if cand.day_offset is not None:
        pub = day - dt.timedelta(days=cand.day_offset)
        return pub, pub
    if cand.week_offset is not None:
        monday = day - dt.timedelta(days=day.weekday()) - dt.timedelta(weeks=cand.week_offset)
        lo, hi = monday, monday + dt.timedelta(days=6)
        if cand.weekday is not None:
            lo, hi = (lo, day - dt.timedelta(days=1)) if cand.status == "planned" else (day, hi)
        return (lo, hi) if lo <= hi else None
    if cand.weekday is not None:
        if cand.status == "planned":
            return day - dt.timedelta(days=6), day
        return day, day + dt.timedelta(days=6)
    return None


def _pub_value(published: str | None, precision: str | None) -> str | None:
    if not published or not precision:
        return None
    return {"day": published[:10], "month": published[:7], "year": published[:4]}[precision]


def _title(cluster: _Cluster) -> str:
    """The best mention's title; with the event's place when the title lacks it."""
    def rank(m: _Mention) -> tuple[int, int, int, int, int]:
        words = m.cand.title.split()
        fit = 0 if 3 <= len(words) <= 14 else 1
        pronoun = 1 if words and words[0].lower() in _PRONOUNS else 0
        return (0 if not m.cand.definite else 1, pronoun, fit, 0 if m.place else 1,
                0 if m.dated else 1)

    best = min(cluster.members, key=lambda m: (rank(m), m.index, m.cand.start))
    title = best.cand.title
    place = next((m.cand.place.text for m in cluster.members if m.cand.place), None)
    if place and place.lower() not in title.lower():
        title = f"{title} (in {place})"
    return title


def _event_key(event: Event, reported_by: str | None, order: dict[str, int]
               ) -> tuple[str, int, int, int]:
    """Date order; an event no text dates sorts after the events of the day its first
    report bounds it by; events with no bound at all come last."""
    first = min((order.get(m.article, 0), m.start) for m in event.mentions)
    if event.date is not None:
        rank = {"day": 0, "week": 1, "month": 2}.get(event.date_precision or "", 3)
        return (event.date, rank, *first)
    if reported_by is not None:
        return (reported_by, 4, *first)
    return ("9999", 5, *first)
