"""Publication days that other articles pin, and what pinning changes.

An article dated only "2025-03" (or not at all) that reports "talks in Paris on
Thursday", which another article dates to 27 March, was published between 27
and 31 March. :func:`windows` finds such windows from the merged events;
:func:`apply_pins` narrows the article to the pinned day (precision "day") and
resolves what its text says relative to publication again: its temporal
expressions (``2025-03-XX`` becomes ``2025-03-27``) and the dates of its event
candidates ("on Thursday", "yesterday", "earlier this week", "reported by").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from storyline.article.events import Precision, extract_event_candidates, window
from storyline.article.timex_normalise import Reference, Tense
from storyline.article.timex_normalise import weekday as weekday_value
from storyline.article.timexes import extract_timexes
from storyline.corpus.timeline_merge import Cluster, Mention, pub_value
from storyline.model import ArticleAnalysis, EventCandidate, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_WINDOW_DAYS = 6  # a window of a week or less pins the day
_TODAY = re.compile(r"(?i)(?:today|tonight|this\s+(?:morning|afternoon|evening))\b")


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


def windows(clusters: Sequence[Cluster], analyses: Sequence[ArticleAnalysis],
            title_of: Callable[[Cluster], str]) -> dict[str, PublicationWindow]:
    """For articles without a publication day: the days cross-article events allow.

    Only evidence that fixes the distance to publication counts: "yesterday" (one
    day after the event), "today"/"this afternoon" (the day itself), a weekday in
    the past tense (the event day up to six days before), a planned weekday (up to
    six days after), "this/last/next week" (the ISO week). The window is
    intersected with the month or year the article's metadata gives.
    """
    by_article = {a.article.id: a.article for a in analyses}
    today = {a.article.id: [t.start for t in a.timexes if _TODAY.match(t.text)]
             for a in analyses if a.article.published_precision != "day"}
    bounds: dict[str, list[tuple[dt.date, dt.date, str]]] = {}
    for cluster in clusters:
        span = cluster.dated_span
        if span is None or span[0] != span[1]:
            continue
        day = span[0]
        title = ""
        for m in cluster.members:
            art = by_article[m.cand.article]
            if art.published_precision == "day" or not _day_from_other(cluster, m):
                continue
            bound = _bound(m.cand, day)
            if bound is not None and m.cand.status == "happened" and any(
                    m.cand.start <= t < m.cand.end for t in today.get(art.id, ())):
                # "Thursday's talks ran until the early hours of this morning": the
                # sentence sets its own today apart from the event's day.
                bound = (max(bound[0], day + dt.timedelta(days=1)), bound[1])
            if bound is not None:
                title = title or title_of(cluster)
                bounds.setdefault(art.id, []).append((*bound, title))
    out: dict[str, PublicationWindow] = {}
    for aid, items in sorted(bounds.items()):
        art = by_article[aid]
        lo = max(b[0] for b in items)
        hi = min(b[1] for b in items)
        meta = window(pub_value(art.published, art.published_precision),
                      art.published_precision)
        if meta is not None:
            lo, hi = max(lo, meta[0]), min(hi, meta[1])
        if lo > hi:
            continue  # the evidence disagrees with itself or with the metadata
        out[aid] = PublicationWindow(aid, lo.isoformat(), hi.isoformat(),
                                     tuple(sorted({b[2] for b in items})))
    return out


def pins(found: dict[str, PublicationWindow]) -> dict[str, str]:
    """Article id -> the publication day its window pins (windows of a week or less)."""
    out = {}
    for aid, win in found.items():
        span = dt.date.fromisoformat(win.latest) - dt.date.fromisoformat(win.earliest)
        if span.days <= MAX_WINDOW_DAYS:
            out[aid] = win.pinned
    return out


def _day_from_other(cluster: Cluster, m: Mention) -> bool:
    """Whether some other article's text fixes the cluster's day (not ``m``'s own)."""
    return any(x.cand.article != m.cand.article and x.dated and x.span is not None
               and x.span[0] == x.span[1] for x in cluster.members)


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


# ---------------------------------------------------------------- applying a pin
Parser = Callable[[str], "Doc"]


def apply_pins(analyses: Sequence[ArticleAnalysis], pinned: dict[str, str],
               parser: Parser | None = None) -> list[ArticleAnalysis]:
    """The analyses with every pinned article narrowed to its day (new objects; the
    inputs are left as they were). With ``parser`` (spaCy), a pinned article's
    timexes and event candidates are extracted again against its new date, exactly
    as the per-article stage would have; without, they are re-dated from what the
    candidates recorded (offsets, weekdays, tense)."""
    return [pin_analysis(a, dt.date.fromisoformat(pinned[a.article.id]), parser)
            if a.article.id in pinned else a for a in analyses]


def pin_analysis(analysis: ArticleAnalysis, day: dt.date,
                 parser: Parser | None = None) -> ArticleAnalysis:
    """One analysis as if its article had been published on ``day``."""
    article = replace(analysis.article, published=day.isoformat(), published_precision="day")
    if parser is not None:
        doc = parser(article.text)
        timexes = extract_timexes(article.text, article, doc)
        cands = extract_event_candidates(doc, article, analysis.mentions, timexes)
    else:
        cands = [_redate(c, day) for c in analysis.event_candidates]
        timexes = _retimex(analysis, cands)
    return ArticleAnalysis(article=article, mentions=analysis.mentions, quotes=analysis.quotes,
                           timexes=timexes, figures=analysis.figures, event_candidates=cands)


def _retimex(analysis: ArticleAnalysis, cands: list[EventCandidate]) -> list[Timex]:
    """Without a parse, only an expression that dates an event takes the event's new
    day (the parse gave the event its tense); the others keep their masked value."""
    by_event: dict[tuple[int, int, str], str] = {}
    for old, new in zip(analysis.event_candidates, cands, strict=True):
        if old.timex is not None and old.date_source == "timex" and \
                new.date_precision == "day" and new.date:
            by_event[(old.start, old.end, old.timex)] = new.date
    out = []
    for t in analysis.timexes:
        day = next((d for (s, e, v), d in by_event.items() if s <= t.start < e and v == t.value),
                   None) if "X" in t.value else None
        if day is None:
            out.append(t)
            continue
        suffix = t.value.split("T", 1)[1] if "T" in t.value else None
        out.append(Timex(t.article, t.start, t.end, t.text, t.type,
                         f"{day}T{suffix}" if suffix else day))
    return out


def _redate(cand: EventCandidate, day: dt.date) -> EventCandidate:
    """A candidate's date once its article's publication day is known."""
    if cand.date_source == "timex":
        if cand.date_precision == "day":
            return cand
        found = _from_facts(cand, day)
        if found is None:
            return cand
        date, precision = found
        status = cand.status
        span = window(date, precision)
        if span is not None:
            status = "planned" if span[0] > day else "happened" if span[1] < day else status
        return replace(cand, date=date, date_precision=precision, status=status,
                       confidence=0.9 if precision == "day" else 0.7)
    if cand.status == "happened" and (cand.date_source == "published" or cand.date is None):
        return replace(cand, date=day.isoformat(), date_precision="day",
                       date_source="published", confidence=0.3)
    return cand


def _from_facts(cand: EventCandidate, day: dt.date) -> tuple[str, Precision] | None:
    """(date, precision) from what the text says relative to publication."""
    if cand.day_offset is not None:
        return (day + dt.timedelta(days=cand.day_offset)).isoformat(), "day"
    if cand.week_offset is not None:
        monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=cand.week_offset)
        if cand.weekday is not None:
            return (monday + dt.timedelta(days=cand.weekday)).isoformat(), "day"
        year, week, _ = monday.isocalendar()
        return f"{year:04d}-W{week:02d}", "week"
    if cand.weekday is not None and cand.timex is not None and re.search(
            r"XXXX-WXX-\d|-XX$", cand.timex.split("T")[0]):
        tense: Tense = "future" if cand.status == "planned" else "past"
        return weekday_value(Reference(day, "day"), cand.weekday, tense), "day"
    return None
