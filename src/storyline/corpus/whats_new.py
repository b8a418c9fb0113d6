"""What's new: the events, statements and figures that appeared since a date or a run.

"Since" is decided per article, so it works the same for both questions:

- since a date ``YYYY-MM-DD``: articles published on or after that day are new,
  those published before it are old. An article whose date is unknown, or known
  only to a month or year that straddles the day, is neither: it is listed in
  ``WhatsNew.uncertain`` so that nothing is silently dropped or claimed new;
- since a previous run's :class:`Result`: articles it did not hold are new, the
  ones it held are old.

An event is new when no old article reported it, and updated when old and new
articles both did; a quote group appears when a new article carries it (a new
statement, or one that spread to more outlets; a term in scare quotes is no
statement); a figure group appears when a
new article gives it a value, with the earlier values beside the new ones and
whether the number changed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from storyline.article.events import window
from storyline.corpus.briefing_text import FRAGMENT_WORDS, words
from storyline.corpus.sources import outlet_of
from storyline.errors import InputFormatError
from storyline.model import Article, Event, Figure, Quote, Result

_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass
class QuoteNews:
    """A statement that appeared in new articles."""

    group: str
    speaker: str | None
    speaker_name: str | None
    text: str  # the fullest wording among its new quotes
    quotes: list[Quote]  # its quotes in new articles
    outlets: list[str]  # the outlets of those articles
    earlier: int = 0  # its quotes in old articles (0: a statement not heard before)

    @property
    def new_statement(self) -> bool:
        return self.earlier == 0


@dataclass
class FigureNews:
    """A figure group that new articles gave a value for."""

    group: str
    measure: str
    unit: str | None
    figures: list[Figure]  # its figures in new articles
    before: list[Figure]  # its figures in old articles
    changed: bool  # a new value agrees with none of the earlier ones
    values: list[float] = field(default_factory=list)  # the new values, as given
    earlier_values: list[float] = field(default_factory=list)


@dataclass
class WhatsNew:
    since: str  # the day, or "previous run"
    articles: list[str] = field(default_factory=list)  # the new articles
    uncertain: list[str] = field(default_factory=list)  # articles neither new nor old
    events: list[Event] = field(default_factory=list)  # first reported since
    updated_events: list[Event] = field(default_factory=list)  # reported before and since
    quotes: list[QuoteNews] = field(default_factory=list)
    figures: list[FigureNews] = field(default_factory=list)

    @property
    def changed_figures(self) -> list[FigureNews]:
        return [f for f in self.figures if f.changed]

    def to_contract(self) -> dict[str, Any]:
        """As JSON: every event, quote and figure with its article and offsets."""
        return {
            "since": self.since,
            "articles": list(self.articles),
            "uncertain": list(self.uncertain),
            "events": [asdict(e) for e in self.events],
            "updated_events": [asdict(e) for e in self.updated_events],
            "quotes": [
                {
                    "group": n.group, "speaker": n.speaker, "speaker_name": n.speaker_name,
                    "text": n.text, "new_statement": n.new_statement, "earlier": n.earlier,
                    "outlets": list(n.outlets), "quotes": [q.to_contract() for q in n.quotes],
                }
                for n in self.quotes
            ],
            "figures": [
                {
                    "group": n.group, "measure": n.measure, "unit": n.unit, "changed": n.changed,
                    "values": list(n.values), "earlier_values": list(n.earlier_values),
                    "figures": [asdict(f) for f in n.figures],
                    "before": [asdict(f) for f in n.before],
                }
                for n in self.figures
            ],
        }  # fmt: skip


def whats_new(result: Result, since: str | Result) -> WhatsNew:
    """What ``result`` holds that appeared since ``since`` (a day or a previous run)."""
    if isinstance(since, Result):
        label = "previous run"
        before_ids = {a.id for a in since.articles}
        new = [a.id for a in result.articles if a.id not in before_ids]
        old = [a.id for a in result.articles if a.id in before_ids]
        uncertain: list[str] = []
    else:
        label, day = since, _parse_since(since)
        new, old, uncertain = [], [], []
        for a in result.articles:
            side = _side(a, day)
            (new if side == "new" else old if side == "old" else uncertain).append(a.id)
    news = WhatsNew(label, articles=new, uncertain=uncertain)
    new_set, old_set = set(new), set(old)
    _events(result, news, new_set, old_set)
    _quotes(result, news, new_set, old_set)
    _figures(result, news, new_set, old_set)
    return news


def _parse_since(value: str) -> date:
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value.strip()):
        raise InputFormatError(
            repr(value), "'since' must be a day written YYYY-MM-DD or a previous Result"
        )
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InputFormatError(repr(value), f"'since' is not a real day: {exc}") from exc


def _side(article: Article, day: date) -> str:
    """Whether an article is "new", "old" or "uncertain" against the day."""
    if not article.published:
        return "uncertain"
    precision = article.published_precision or "day"
    value = article.published[: {"day": 10, "month": 7, "year": 4}[precision]]
    span = window(value, precision)
    if span is None:
        return "uncertain"
    first, last = span
    if first >= day:
        return "new"
    if last < day:
        return "old"
    return "uncertain"


def _events(result: Result, news: WhatsNew, new: set[str], old: set[str]) -> None:
    for ev in result.events:
        articles = {m.article for m in ev.mentions}
        if not articles & new:
            continue
        (news.updated_events if articles & old else news.events).append(ev)


def _quotes(result: Result, news: WhatsNew, new: set[str], old: set[str]) -> None:
    outlets = {a.id: outlet_of(a) for a in result.articles}
    groups: dict[str, list[Quote]] = defaultdict(list)
    for q in result.quotes:
        groups[q.group or q.id].append(q)
    out = []
    for gid, quotes in groups.items():
        fresh = [q for q in quotes if q.article in new]
        if not fresh or all(_term(q) for q in quotes):
            continue  # nothing new, or only words in scare quotes ("reassurance force")
        named = [q for q in fresh if q.speaker_name] or fresh
        fullest = max(fresh, key=lambda q: (q.kind != "indirect", len(q.text)))
        out.append(
            QuoteNews(
                group=gid,
                speaker=named[0].speaker,
                speaker_name=named[0].speaker_name,
                text=fullest.text,
                quotes=fresh,
                outlets=list(dict.fromkeys(outlets.get(q.article, q.article) for q in fresh)),
                earlier=sum(1 for q in quotes if q.article in old),
            )
        )
    # Statements carried by more new outlets first; new statements before old ones spreading.
    out.sort(key=lambda n: (-len(n.outlets), not n.new_statement, n.group))
    news.quotes = out


def _term(q: Quote) -> bool:
    return q.kind == "partial" and len(words(q.text)) < FRAGMENT_WORDS


def figures_agree(a: Figure, b: Figure) -> bool:
    """The same value, or overlapping ranges ("300" and "250 to 300"); a value in
    another unit (a conversion) never disagrees."""

    def bounds(f: Figure) -> tuple[float, float]:
        return (f.low, f.high) if f.low is not None and f.high is not None else (f.value, f.value)

    (alo, ahi), (blo, bhi) = bounds(a), bounds(b)
    if a.unit != b.unit:
        return True  # a conversion ("£545 billion" beside euros) is no change
    return alo <= bhi * (1 + 1e-9) and blo <= ahi * (1 + 1e-9)


def _figures(result: Result, news: WhatsNew, new: set[str], old: set[str]) -> None:
    groups: dict[str, list[Figure]] = defaultdict(list)
    for f in result.figures:
        groups[f.group or f.id].append(f)
    out = []
    for gid, figures in groups.items():
        fresh = [f for f in figures if f.article in new]
        if not fresh:
            continue
        before = [f for f in figures if f.article in old]
        changed = bool(before) and any(not any(figures_agree(f, b) for b in before) for f in fresh)
        measures = Counter(f.measure for f in figures if f.measure)
        measure = measures.most_common(1)[0][0] if measures else ""
        out.append(
            FigureNews(
                group=gid, measure=measure, unit=fresh[0].unit, figures=fresh, before=before,
                changed=changed, values=[f.value for f in fresh],
                earlier_values=[f.value for f in before],
            )
        )  # fmt: skip
    out.sort(key=lambda n: (not n.changed, not n.before, n.group))
    news.figures = out
