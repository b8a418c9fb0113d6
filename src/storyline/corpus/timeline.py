"""One timeline of events across articles.

Event candidates (one per sentence and trigger, see :mod:`storyline.article.events`)
are merged into events by :mod:`storyline.corpus.timeline_merge`; each event takes
its date from its best-dated mention (a day beats a week beats a month; the
publication date stands in only when nothing in the text dates it).

Events whose mentions give neither a date, a place, nor a second article are left
out of the timeline (they stay among the article's candidates).

The same merged events are evidence for articles whose publication day is unknown
(:mod:`storyline.corpus.timeline_pins`): an article dated only "2025-03" that
reports "talks in Paris on Thursday", which another article dates to 27 March, was
published between 27 and 31 March. :func:`dated_timeline` pins such articles to a
day, resolves their relative dates again and merges once more, so that their
events land on days too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from storyline.corpus import timeline_pins
from storyline.corpus.possessives import resolve_event_titles
from storyline.corpus.timeline_merge import (
    Cluster,
    Mention,
    build_mentions,
    cluster_mentions,
    entity_index,
)
from storyline.corpus.timeline_pins import Parser, PublicationWindow
from storyline.model import (
    ArticleAnalysis,
    Entity,
    Event,
    EventCandidate,
    EventMention,
    content_id,
)

__all__ = ["DatedTimeline", "PublicationWindow", "build_timeline", "dated_timeline",
           "pin_publication_dates", "publication_windows", "timeline_with_candidates"]

_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "this", "that", "to", "who", "which"}


@dataclass
class DatedTimeline:
    """The timeline, with the analyses as pinning left them."""

    events: list[tuple[Event, list[EventCandidate]]]
    analyses: list[ArticleAnalysis]  # pinned articles replaced by narrowed copies
    windows: dict[str, PublicationWindow] = field(default_factory=dict)
    pinned: dict[str, str] = field(default_factory=dict)  # article id -> ISO day


# ---------------------------------------------------------------- public API
def dated_timeline(analyses: Sequence[ArticleAnalysis], entities: list[Entity],
                   parser: Parser | None = None) -> DatedTimeline:
    """Pin what other articles pin, then merge: every event each once, in date order.

    ``parser`` (text -> spaCy Doc) lets a pinned article's timexes and events be
    extracted again against its pinned day; it is called only for pinned articles.
    """
    index = entity_index(entities)
    mentions = build_mentions(analyses, index)
    clusters = cluster_mentions(mentions)
    windows = timeline_pins.windows(clusters, analyses, _title)
    pinned = timeline_pins.pins(windows)
    current = list(analyses)
    if pinned:
        # Merge again with the pinned articles' dates; the others' mentions stay.
        current = timeline_pins.apply_pins(analyses, pinned, parser)
        fresh = iter(build_mentions(current, index, only=set(pinned)))
        mentions = [next(fresh) if m.cand.article in pinned else m for m in mentions]
        clusters = cluster_mentions(mentions)
    events = _ordered(clusters, current)
    resolve_event_titles(events, current, entities)
    return DatedTimeline(events, current, windows, pinned)


def build_timeline(analyses: Sequence[ArticleAnalysis], entities: list[Entity]) -> list[Event]:
    """Every event the articles report, each once, in date order (undated last)."""
    return [event for event, _ in dated_timeline(analyses, entities).events]


def timeline_with_candidates(analyses: Sequence[ArticleAnalysis], entities: list[Entity]
                             ) -> list[tuple[Event, list[EventCandidate]]]:
    """The timeline, each event with the candidates it was merged from."""
    return dated_timeline(analyses, entities).events


def publication_windows(analyses: Sequence[ArticleAnalysis], entities: list[Entity]
                        ) -> dict[str, PublicationWindow]:
    """For articles without a publication day: the days cross-article events allow
    (see :func:`storyline.corpus.timeline_pins.windows`)."""
    return timeline_pins.windows(_clusters(analyses, entities), analyses, _title)


def pin_publication_dates(analyses: Sequence[ArticleAnalysis], entities: list[Entity]
                          ) -> dict[str, str]:
    """Article id -> the publication day (ISO) other articles pin it to, for articles
    whose own date is missing or only a month or year; only windows of a week or
    less count."""
    return timeline_pins.pins(publication_windows(analyses, entities))


def _clusters(analyses: Sequence[ArticleAnalysis], entities: list[Entity]) -> list[Cluster]:
    return cluster_mentions(build_mentions(analyses, entity_index(entities)))


def _ordered(clusters: list[Cluster], analyses: Sequence[ArticleAnalysis]
             ) -> list[tuple[Event, list[EventCandidate]]]:
    order = {a.article.id: i for i, a in enumerate(analyses)}
    keyed = []
    for c in clusters:
        if not _worth_showing(c):
            continue
        event = _event(c)
        year = c.best.cand.date[:4] if c.best is not None and c.best.cand.date and \
            c.best.cand.date_precision == "year" else None
        keyed.append((_event_key(event, _reported_by(c), order, year), event,
                      [m.cand for m in c.members]))
    keyed.sort(key=lambda item: item[0])
    return [(event, cands) for _, event, cands in keyed]


# ---------------------------------------------------------------- events
def _worth_showing(cluster: Cluster) -> bool:
    """Every event a sentence asserts is shown, except one that rests only on "the
    meeting"-style back references nothing else supports."""
    return not all(m.cand.definite for m in cluster.members)


def _event(cluster: Cluster) -> Event:
    date, precision = _cluster_date(cluster)
    seen: set[tuple[str, int, int]] = set()
    mentions: list[EventMention] = []
    for m in sorted(cluster.members, key=lambda x: (x.index, x.cand.start)):
        key = (m.cand.article, m.cand.start, m.cand.end)
        if key not in seen:
            seen.add(key)
            mentions.append(EventMention(*key))
    # Keyed by the trigger words, not the sentences: one sentence may report two events.
    triggers = sorted({(m.cand.article, m.cand.trigger_start) for m in cluster.members})
    ident = content_id("|".join(f"{a}:{t}" for a, t in triggers))
    return Event(id=f"ev-{ident}", title=_title(cluster), date=date, date_precision=precision,
                 mentions=mentions)


EventPrecision = Literal["day", "week", "month"]


def _cluster_date(cluster: Cluster) -> tuple[str | None, EventPrecision | None]:
    """(YYYY-MM-DD, precision) of an event, from its best-dated mention."""
    best = cluster.best
    if best is not None:
        span = cluster.dated_span
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


def _reported_by(cluster: Cluster) -> str | None:
    """The earliest publication bound of an event no text dates."""
    bounds = [m.span[1] for m in cluster.members
              if m.cand.date_source == "published" and m.span is not None]
    return min(bounds).isoformat() if bounds else None


def _title(cluster: Cluster) -> str:
    """The best mention's title; with the event's place when the title lacks it."""
    held = any(m.cand.status == "happened" and not m.cand.definite for m in cluster.members)

    def rank(m: Mention) -> tuple[int, int, int, int, int, int]:
        words = m.cand.title.split()
        fit = 0 if 3 <= len(words) <= 14 else 1
        pronoun = 1 if words and words[0].lower() in _PRONOUNS else 0
        # a report of what happened reads better than the plan for it
        planned = 1 if m.cand.status == "planned" and held else 0
        return (0 if not m.cand.definite else 1, pronoun, fit, planned, 0 if m.place else 1,
                0 if m.dated else 1)

    best = min(cluster.members, key=lambda m: (rank(m), m.index, m.cand.start))
    title = best.cand.title
    place = next((m.cand.place.text for m in cluster.members if m.cand.place), None)
    if place and place.lower() not in title.lower():
        title = f"{title} (in {place})"
    return title


def _event_key(event: Event, reported_by: str | None, order: dict[str, int],
               year: str | None = None) -> tuple[str, int, int, int]:
    """Date order; an event no text dates sorts after the events of the day its first
    report bounds it by; events with no bound at all come last."""
    first = min((order.get(m.article, 0), m.start) for m in event.mentions)
    if event.date is not None:
        rank = {"day": 0, "week": 1, "month": 2}.get(event.date_precision or "", 3)
        return (event.date, rank, *first)
    if year is not None:
        return (f"{year}-99", 3, *first)  # "in 2009": after the days and months of 2009
    if reported_by is not None:
        return (reported_by, 4, *first)
    return ("9999", 5, *first)
