"""View models: what the report and the web app show, computed from a :class:`Result`.

Both renderers read these plain objects, so a section looks the same in
``report.html``, ``briefing.md`` and ``storyline serve``. Everything here is
derived from the Result alone; where a stage does not (yet) say something the
page needs (whether an event was planned, where a statement was first seen,
whether a figure grew), it is worked out from the articles' dates and outlets.

Until the story stage lands, the whole corpus is shown as one story.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from storyline.corpus.sources import outlet_of
from storyline.model import (
    Article,
    BriefingLine,
    DuplicateSet,
    Entity,
    Event,
    Figure,
    Quote,
    Result,
    Span,
    Story,
)
from storyline.report.viewmodels import (
    ArticleRef,
    BriefingItem,
    CopySet,
    DamageItem,
    EntityGroup,
    EntityItem,
    Exclusive,
    FigureGroup,
    FigureNote,
    FigurePoint,
    OutletRow,
    Passage,
    Publication,
    QualityItem,
    QuoteItem,
    Sources,
    SpeakerQuotes,
    StorySummary,
    StoryView,
    Timeline,
    TimelineEvent,
)

CORPUS_STORY_ID = "all"
UNASSIGNED_STORY_ID = "unassigned"
UNATTRIBUTED = "unattributed"
CONTEXT_CHARS = 60
MAX_EXCLUSIVES = 60

ENTITY_SECTIONS = (
    ("people", "People", frozenset({"PERSON"})),
    ("organisations", "Organisations", frozenset({"ORG"})),
    ("places", "Countries and places", frozenset({"GPE", "NORP", "LOC", "FAC"})),
)


# -- the index -----------------------------------------------------------------
class CorpusIndex:
    """A :class:`Result` indexed by article, with its stories resolved.

    Built once per Result; each view is then computed for one story at a time.
    """

    def __init__(self, result: Result) -> None:
        self.result = result
        self.articles: dict[str, Article] = {a.id: a for a in result.articles}
        self.refs: dict[str, ArticleRef] = {a.id: _ref(a, i) for i, a in enumerate(result.articles)}
        self.entities: dict[str, Entity] = {e.id: e for e in result.entities}
        self.quotes_by_article = _by_article(result.quotes)
        self.figures_by_article = _by_article(result.figures)
        self.timexes_by_article = _by_article(result.timexes)
        self.mentions_by_article: dict[str, list[tuple[Entity, Span]]] = defaultdict(list)
        for entity in result.entities:
            for mention in entity.mentions:
                self.mentions_by_article[mention.article].append((entity, mention))
        self.quote_groups: dict[str, list[Quote]] = defaultdict(list)
        for quote in result.quotes:
            self.quote_groups[quote.group or quote.id].append(quote)
        self.figure_groups = _figure_groups(result.figures)
        # Per-article lookups keep each story's work proportional to its size.
        self.figure_groups_by_article: dict[str, list[str]] = defaultdict(list)
        for key, figs in self.figure_groups.items():
            for aid in dict.fromkeys(f.article for f in figs):
                self.figure_groups_by_article[aid].append(key)
        self.events_by_article: dict[str, list[int]] = defaultdict(list)
        for i, event in enumerate(result.events):
            for aid in dict.fromkeys(m.article for m in event.mentions):
                self.events_by_article[aid].append(i)
        self.briefing_by_story: dict[str, list[BriefingLine]] = defaultdict(list)
        for line in result.briefing:
            # Without stories, every line belongs to the one corpus story.
            self.briefing_by_story[line.story if result.stories else CORPUS_STORY_ID].append(line)
        self.duplicates_by_article: dict[str, list[int]] = defaultdict(list)
        for i, dup in enumerate(result.duplicates):
            for aid in dup.articles:
                self.duplicates_by_article[aid].append(i)
        self.stories = _stories(result)
        self.story_of: dict[str, list[str]] = defaultdict(list)
        for story in self.stories:
            for aid in story.articles:
                self.story_of[aid].append(story.id)
        self._by_story = {s.id: s for s in self.stories}

    # -- lookups -----------------------------------------------------------
    def outlet(self, article_id: str) -> str:
        ref = self.refs.get(article_id)
        return ref.outlet if ref else "unknown article"

    def passage(self, article_id: str, start: int, end: int) -> Passage | None:
        """The span, or None when it does not lie inside a known article."""
        article = self.articles.get(article_id)
        if article is None or not 0 <= start <= end <= len(article.text):
            return None
        return Passage(self.refs[article_id], start, end, article.text[start:end])

    def story(self, story_id: str) -> Story | None:
        return self._by_story.get(story_id)

    def summaries(self) -> list[StorySummary]:
        """Every story, newest first (by its latest article)."""
        out = [self._summary(s) for s in self.stories]
        return sorted(out, key=lambda s: (s.last or "", s.articles), reverse=True)

    def _summary(self, story: Story) -> StorySummary:
        ids = [a for a in story.articles if a in self.articles]
        dates = sorted(d for d in (self.articles[a].published for a in ids) if d)
        return StorySummary(
            id=story.id,
            title=story.title,
            articles=len(ids),
            outlets=len({self.refs[a].outlet for a in ids}),
            quotes=len({q.group or q.id for a in ids for q in self.quotes_by_article.get(a, [])}),
            figures=sum(len(self.figures_by_article.get(a, [])) for a in ids),
            events=len(self._event_ids(ids)),
            first=dates[0] if dates else None,
            last=dates[-1] if dates else None,
            is_corpus=story.id == CORPUS_STORY_ID,
        )

    def _event_ids(self, ids: Sequence[str]) -> list[int]:
        return sorted({i for a in ids for i in self.events_by_article.get(a, [])})

    # -- one story -------------------------------------------------------
    def story_view(self, story_id: str) -> StoryView | None:
        story = self._by_story.get(story_id)
        if story is None:
            return None
        ids = [a for a in story.articles if a in self.articles]
        members = set(ids)
        refs = sorted((self.refs[a] for a in ids), key=lambda r: r.sort_key)
        quotes = [q for a in ids for q in self.quotes_by_article.get(a, [])]
        speakers = self._speakers(quotes)
        figures = self._figures(members)
        events = [self.result.events[i] for i in self._event_ids(ids)]
        timeline = self._timeline(events, refs)
        view = StoryView(
            summary=self._summary(story),
            articles=refs,
            outlets=sorted({r.outlet for r in refs}),
            briefing=self._briefing(story.id),
            timeline=timeline,
            speakers=speakers,
            figures=figures,
            entities=self._entities(members),
            sources=self._sources(refs, speakers, figures, timeline, members),
            quality=self._quality(refs),
        )
        if story.id == CORPUS_STORY_ID or len(self.stories) == 1:
            view.failures = list(self.result.failures)
        return view

    def _briefing(self, story_id: str) -> list[BriefingItem]:
        items = []
        for line in self.briefing_by_story.get(story_id, []):
            cites = [self.passage(c.article, c.start, c.end) for c in line.citations]
            items.append(BriefingItem(line.text, [c for c in cites if c is not None]))
        return items

    def _timeline(self, events: Sequence[Event], refs: Sequence[ArticleRef]) -> Timeline:
        items: list[TimelineEvent] = []
        for event in events:
            passages = [self.passage(m.article, m.start, m.end) for m in event.mentions]
            mentions = sorted((p for p in passages if p), key=lambda p: p.article.sort_key)
            outlets = _unique(p.article.outlet for p in mentions)
            status, announced = _event_status(event, mentions)
            items.append(
                TimelineEvent(
                    event.id,
                    0,
                    event.title,
                    event.date,
                    event.date_precision,
                    status,
                    outlets,
                    mentions,
                    announced,
                )
            )
        items.sort(key=lambda e: (e.date is None, e.date or "", e.title))
        for number, item in enumerate(items, 1):
            item.number = number
        pubs = [Publication(r.published, r) for r in refs if r.published]
        return Timeline(items, pubs)

    def _speakers(self, quotes: Sequence[Quote]) -> list[SpeakerQuotes]:
        groups: dict[str, None] = dict.fromkeys(q.group or q.id for q in quotes)
        by_speaker: dict[str, SpeakerQuotes] = {}
        for key in groups:
            members = self.quote_groups.get(key) or [q for q in quotes if q.id == key]
            item = self._quote_item(key, members)
            if item is None:
                continue
            speaker_id, name = _speaker_of(members)
            # Unnamed speakers described alike are one heading ("Hauliers", "hauliers").
            skey = speaker_id or (f"name:{name.casefold()}" if name else UNATTRIBUTED)
            if skey not in by_speaker:
                entity = self.entities.get(speaker_id) if speaker_id else None
                by_speaker[skey] = SpeakerQuotes(
                    key=_filter_key(skey),
                    name=(entity.name if entity else name) or "Unattributed",
                    entity_id=speaker_id,
                    roles=list(entity.roles) if entity else [],
                    quotes=[],
                )
            elif name and name[:1].isupper() and not by_speaker[skey].name[:1].isupper():
                by_speaker[skey].name = name  # a heading reads capitalised
            by_speaker[skey].quotes.append(item)
        for speaker in by_speaker.values():
            speaker.quotes.sort(key=lambda q: q.first_seen.article.sort_key)
        return sorted(
            by_speaker.values(),
            key=lambda s: (s.entity_id is None and s.key == UNATTRIBUTED, -len(s.quotes), s.name),
        )

    def _quote_item(self, key: str, members: Sequence[Quote]) -> QuoteItem | None:
        passages = [(q, self.passage(q.article, q.start, q.end)) for q in members]
        found = sorted(
            ((q, p) for q, p in passages if p is not None), key=lambda qp: qp[1].article.sort_key
        )
        if not found:
            return None
        first_quote, first = found[0]
        return QuoteItem(
            group=key,
            text=first_quote.text,
            kind=first_quote.kind,
            cue=first_quote.cue,
            date=first.article.published,
            first_seen=first,
            copies=[p for _, p in found],
            outlets=_unique(p.article.outlet for _, p in found),
        )

    def _figures(self, members: set[str]) -> list[FigureGroup]:
        out = []
        keys = dict.fromkeys(k for a in members for k in self.figure_groups_by_article.get(a, []))
        for key in keys:
            figs = self.figure_groups[key]
            points = []
            for fig in figs:
                passage = self.passage(fig.article, fig.start, fig.end)
                if passage is None:
                    continue
                when = fig.date or passage.article.published
                high = getattr(fig, "high", None)
                text = self.articles[fig.article].text
                points.append(
                    FigurePoint(
                        when,
                        fig.value,
                        fig.unit,
                        passage.article.outlet,
                        passage,
                        getattr(fig, "qualifier", None),
                        high if high is not None and high != fig.value else None,
                        "day" if fig.date else passage.article.precision,
                        _words_before(text, fig.start),
                        _words_after(text, fig.end),
                    )
                )
            if not points:
                continue
            points.sort(key=lambda p: (p.date or "9999", p.outlet, p.passage.start))
            first = figs[0]
            out.append(
                FigureGroup(
                    key=key,
                    measure=first.measure or "unnamed measure",
                    unit=first.unit,
                    points=points,
                    notes=figure_notes(points),
                    outlets=_unique(p.outlet for p in points),
                )
            )
        # Groups with the most evidence first: they are where sources can differ.
        out.sort(key=lambda g: (-len(g.outlets), -len(g.points), g.measure, g.key))
        return out

    def _entities(self, members: set[str]) -> list[EntityGroup]:
        found: dict[str, EntityItem] = {}
        counts: Counter[str] = Counter()
        outlets: dict[str, list[str]] = defaultdict(list)
        firsts: dict[str, Passage] = {}
        for aid in sorted(members, key=lambda a: self.refs[a].sort_key):
            for entity, mention in self.mentions_by_article.get(aid, []):
                counts[entity.id] += 1
                outlets[entity.id].append(self.refs[aid].outlet)
                if entity.id not in firsts:
                    passage = self.passage(aid, mention.start, mention.end)
                    if passage is not None:
                        firsts[entity.id] = passage
                found[entity.id] = EntityItem(
                    entity.id,
                    entity.name,
                    entity.type,
                    list(entity.roles),
                    list(entity.aliases),
                    0,
                    [],
                    None,
                )
        for eid, item in found.items():
            item.mentions = counts[eid]
            item.outlets = _unique(outlets[eid])
            item.first = firsts.get(eid)
        groups = []
        placed: set[str] = set()
        for key, title, types in ENTITY_SECTIONS:
            items = [i for i in found.values() if i.type in types]
            placed.update(i.id for i in items)
            groups.append(EntityGroup(key, title, _by_mentions(items)))
        others = [i for i in found.values() if i.id not in placed]
        groups.append(EntityGroup("other", "Other named things", _by_mentions(others)))
        return groups

    def _sources(
        self,
        refs: Sequence[ArticleRef],
        speakers: Sequence[SpeakerQuotes],
        figures: Sequence[FigureGroup],
        timeline: Timeline,
        members: set[str],
    ) -> Sources:
        rows: dict[str, OutletRow] = {}
        for ref in refs:
            row = rows.setdefault(ref.outlet, OutletRow(ref.outlet, 0, 0, 0, 0, 0))
            row.articles += 1
        exclusives: list[Exclusive] = []
        several = len(rows) > 1

        def tally(outlets: Sequence[str], kind: str, text: str, passage: Passage | None) -> None:
            for outlet in outlets:
                if outlet in rows:
                    setattr(rows[outlet], kind + "s", getattr(rows[outlet], kind + "s") + 1)
            if several and len(outlets) == 1 and outlets[0] in rows:
                rows[outlets[0]].exclusive += 1
                exclusives.append(Exclusive(outlets[0], kind, text, passage))

        for speaker in speakers:
            for quote in speaker.quotes:
                tally(quote.outlets, "quote", f"{speaker.name}: “{quote.text}”", quote.first_seen)
        for group in figures:
            tally(group.outlets, "figure", f"{group.measure}", group.points[0].passage)
        for event in timeline.events:
            tally(
                event.outlets, "event", event.title, event.mentions[0] if event.mentions else None
            )
        copies = []
        found = sorted({i for a in members for i in self.duplicates_by_article.get(a, [])})
        for i in found:
            copies.append(_copy_set(self.result.duplicates[i], self.refs))
        exclusives.sort(key=lambda x: (x.outlet, x.kind))
        return Sources(
            rows=sorted(rows.values(), key=lambda r: (-r.articles, r.outlet)),
            exclusives=exclusives[:MAX_EXCLUSIVES],
            more_exclusives=max(0, len(exclusives) - MAX_EXCLUSIVES),
            copies=copies,
        )

    def _quality(self, refs: Sequence[ArticleRef]) -> list[QualityItem]:
        items = []
        for ref in refs:
            article = self.articles[ref.id]
            if not article.removed and not article.damage:
                continue
            damage = [
                DamageItem(
                    d.reason,
                    d.start,
                    d.end,
                    article.text[max(0, d.start - CONTEXT_CHARS) : d.start],
                    article.text[d.start : d.end],
                    article.text[d.end : d.end + CONTEXT_CHARS],
                )
                for d in article.damage
                if 0 <= d.start <= d.end <= len(article.text)
            ]
            items.append(QualityItem(ref, list(article.removed), damage))
        return items


# -- helpers ---------------------------------------------------------------------
def _ref(article: Article, position: int) -> ArticleRef:
    title = article.title or _first_words(article.text) or article.id
    return ArticleRef(
        id=article.id,
        anchor=f"art-{position}",
        title=title,
        outlet=outlet_label(article),
        published=article.published,
        precision=article.published_precision,
        url=article.url,
        source=article.source,
        position=position,
    )


def outlet_label(article: Article) -> str:
    """The outlet, or a stand-in naming the source so that unnamed outlets stay apart."""
    return outlet_of(article)


def _words_before(text: str, start: int, limit: int = CONTEXT_CHARS) -> str:
    """Up to ``limit`` characters before ``start`` in its paragraph, from a word start."""
    lo = max(text.rfind("\n", 0, start) + 1, start - limit)
    piece = text[lo:start]
    if lo > 0 and text[lo - 1] not in "\n " and " " in piece:
        piece = piece.split(" ", 1)[1]
    return piece.lstrip()


def _words_after(text: str, end: int, limit: int = CONTEXT_CHARS) -> str:
    """Up to ``limit`` characters after ``end`` in its paragraph, to a word end."""
    cut = text.find("\n", end)
    hi = min(cut if cut >= 0 else len(text), end + limit)
    piece = text[end:hi]
    if hi < len(text) and text[hi] not in "\n " and " " in piece:
        piece = piece.rsplit(" ", 1)[0]
    return piece.rstrip()


def _first_words(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0] + "…"


def _by_article(items: Iterable[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        out[item.article].append(item)
    return out


def _stories(result: Result) -> list[Story]:
    """The stories to show: the stage's, plus one for articles none of them holds;
    the whole corpus as one story while the story stage has not run."""
    ids = [a.id for a in result.articles]
    if not result.stories:
        title = _corpus_title(result)
        return [Story(CORPUS_STORY_ID, title, ids)] if ids else []
    held = {a for s in result.stories for a in s.articles}
    stories = list(result.stories)
    loose = [a for a in ids if a not in held]
    if loose:
        stories.append(Story(UNASSIGNED_STORY_ID, "Articles in no story", loose))
    return stories


def _corpus_title(result: Result) -> str:
    return "All articles" if len(result.articles) > 1 else "The one article"


def _figure_groups(figures: Sequence[Figure]) -> dict[str, list[Figure]]:
    """Figures by ``group``; while the figure stage leaves every figure alone in its
    group, figures with the same measure and unit are shown together instead."""
    ungrouped = all(not f.group or f.group == f.id for f in figures)
    groups: dict[str, list[Figure]] = defaultdict(list)
    for fig in figures:
        if ungrouped:
            key = "measure:" + " ".join(fig.measure.lower().split()) + "|" + (fig.unit or "")
        else:
            key = fig.group or fig.id
        groups[key].append(fig)
    return groups


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _filter_key(key: str) -> str:
    # Filter keys end up in HTML attributes and CSS-free JS comparisons only.
    return re.sub(r"[^A-Za-z0-9_-]+", "-", key)[:80] or UNATTRIBUTED


def _speaker_of(quotes: Sequence[Quote]) -> tuple[str | None, str | None]:
    ids = Counter(q.speaker for q in quotes if q.speaker)
    if ids:
        best = ids.most_common(1)[0][0]
        name = next((q.speaker_name for q in quotes if q.speaker == best and q.speaker_name), None)
        return best, name
    names = Counter(q.speaker_name for q in quotes if q.speaker_name)
    return None, names.most_common(1)[0][0] if names else None


def _by_mentions(items: list[EntityItem]) -> list[EntityItem]:
    return sorted(items, key=lambda i: (-i.mentions, i.name))


def _copy_set(dup: DuplicateSet, refs: dict[str, ArticleRef]) -> CopySet:
    original = getattr(dup, "original", None)
    return CopySet(
        dup.kind,
        [refs[a] for a in dup.articles if a in refs],
        refs.get(original) if original else None,
        getattr(dup, "wire", None),
    )


def _event_status(event: Event, mentions: Sequence[Passage]) -> tuple[str, list[str]]:
    """Held, planned or undated, from the event's date against its reports' dates.

    An event whose date is after every report of it has only been announced so
    far; outlets that wrote about it before its date "announced" it.
    """
    stated = getattr(event, "status", None) or getattr(event, "planned", None)
    if not event.date:
        return "undated", []
    announced = _unique(
        p.article.outlet
        for p in mentions
        if p.article.published and p.article.published < event.date
    )
    if stated in ("planned", True):
        return "planned", announced
    if stated in ("held", "happened", False):
        return "held", announced
    published = [p.article.published for p in mentions if p.article.published]
    if published and max(published) < event.date:
        return "planned", announced
    return "held", announced


def point_text(point: FigurePoint) -> str:
    """A figure as reported: "up to 30", "2–3 months", "2.26 billion GBP"."""
    text = format_value(point.value)
    if point.high is not None:
        text = f"{text}–{format_value(point.high)}"
    if point.unit:
        text = f"{text} {point.unit}"
    return f"{point.qualifier} {text}" if point.qualifier else text


def format_value(value: float, unit: str | None = None) -> str:
    """24 -> "24", 2.26e9 -> "2.26 billion", 0.025 -> "0.025"; then the unit."""
    magnitude = abs(value)
    text = ""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if magnitude >= size:
            text = f"{value / size:,.3g} {word}"
            break
    if not text:
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    return f"{text} {unit}" if unit else text


def figure_notes(points: Sequence[FigurePoint]) -> list[FigureNote]:
    """Disagreements (different values on one date) and developments (the values
    of one date all above, or all below, those of the date before), in date order."""
    by_date: dict[str, list[FigurePoint]] = defaultdict(list)
    for point in points:
        if point.date:
            by_date[point.date].append(point)
    notes: list[FigureNote] = []
    previous: tuple[str, list[FigurePoint]] | None = None
    for day in sorted(by_date):
        pts = sorted(by_date[day], key=lambda p: p.value)
        if len({p.value for p in pts}) > 1:
            said = "; ".join(f"{point_text(p)} ({p.outlet})" for p in pts)
            notes.append(FigureNote("disagreement", f"{_day(day)}: sources differ: {said}"))
        if previous is not None:
            before_day, before = previous
            if pts[0].value > before[-1].value or pts[-1].value < before[0].value:
                verb = "rose" if pts[0].value > before[-1].value else "fell"
                notes.append(
                    FigureNote(
                        "development",
                        f"{verb} from {_range(before)} ({_day(before_day)}: "
                        f"{', '.join(_unique(p.outlet for p in before))}) to {_range(pts)} "
                        f"({_day(day)}: {', '.join(_unique(p.outlet for p in pts))})",
                    )
                )
        previous = (day, pts)
    return notes


def _range(points: Sequence[FigurePoint]) -> str:
    """ "12,000" or "12,000–15,000" for points sorted by value."""
    low, high = points[0], points[-1]
    if low.value == high.value:
        return format_value(low.value, low.unit)
    return f"{format_value(low.value, low.unit)}–{format_value(high.value, high.unit)}"


def _day(iso: str) -> str:
    parsed = parse_day(iso)
    return parsed.strftime("%-d %b %Y") if parsed else iso


def parse_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
