"""The briefing: for each story, at most ten extractive lines, each citing its passages.

What goes in (see :mod:`storyline.corpus.briefing_select`): the latest state
(the newest article's lead), the most important developments (events, ordered
by date, planned ones marked), the key statements by the key people (quote
groups carried by most outlets, from the most central speakers) and figures
that grew or on which outlets disagree. One line per event, statement or
figure group, however many outlets carried it; every line cites each of them.

A line is a passage of an article as written, with bracketed insertions only:

- the speaker's canonical name where the passage does not name them
  ("He [Keir Starmer] also said ..."), or ``Name: “...”`` before a quote
  that stands alone;
- absolute dates after relative ones ("on Thursday [27 March 2025]"), from
  the time stage's values or the timeline's date for the event;
- before a development, its date (``[27 March 2025]``, ``[planned for ...]``,
  ``[reported ...]`` when only the publication date is known);
- after a figure, the values other outlets or dates gave.

The first citation of a line is the passage the line reproduces; the others
are the same item in the other articles, and any sentence in the story that
repeats the passage nearly word for word (a syndicated copy).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process

from storyline.corpus.briefing_select import (
    Buckets,
    Candidate,
    Option,
    StoryIndex,
    gather,
    order_lines,
    parse_day,
    select,
)
from storyline.corpus.briefing_text import Unit, valid_name
from storyline.corpus.possessives import (
    POSSESSIVE,
    gender_fits,
    owner_before,
    owners_in_sentence,
)
from storyline.corpus.sources import UNNAMED, outlet_of, source_name
from storyline.corpus.whats_new import figures_agree
from storyline.model import (
    ArticleAnalysis,
    BriefingLine,
    Citation,
    Entity,
    Result,
    Story,
)

# An engine's map: fn over items, results in item order (possibly on other processes).
StoryMap = Callable[[Callable[[Any], Any], Sequence[Any]], Sequence[Any]]

CORPUS_STORY_ID = "all"  # the whole corpus as one story, when there are no stories
MAX_LINES = 10
MAX_FIGURE_VALUES = 6  # values a figure line lists (the first ones and the newest)
COPY_RATIO = 90.0  # rapidfuzz ratio at which another article's sentence repeats a line's

_RELATIVE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"tomorrow|weeks?|weekend|morning|afternoon|evening|night|months?|years?|decades?|ago)\b",
    re.IGNORECASE,
)
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_ABSOLUTE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)
# Qualifiers that read before a number ("could" and the like belong to the verb).
_NUMBER_QUALIFIERS = frozenset((
    "up to", "around", "about", "nearly", "almost", "at least", "more than", "over", "some",
    "roughly", "approximately", "fewer than", "less than", "under", "as many as", "as much as",
    "close to", "upwards of", "estimated",
))  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# ---------------------------------------------------------------- public API
def brief_story(
    story: Story,
    result: Result,
    analyses: Sequence[ArticleAnalysis],
    max_lines: int = MAX_LINES,
) -> list[BriefingLine]:
    """At most ``max_lines`` cited lines summing up ``story``."""
    return _brief(story, Buckets(result, analyses), max_lines)


def brief_stories(
    result: Result,
    analyses: Sequence[ArticleAnalysis],
    map_stories: StoryMap | None = None,
) -> list[BriefingLine]:
    """The briefing of every story in ``result.stories``; with no stories, of the
    whole corpus as one story with id ``"all"``.

    Each story is briefed on its own, so ``map_stories`` (an engine's parallel map,
    see :mod:`storyline.engines`) may brief them on other processes or machines:
    each gets only its story's index, and the lines come back in story order.
    """
    stories = result.stories or [
        Story(CORPUS_STORY_ID, "All articles", [a.id for a in result.articles])
    ]
    buckets = Buckets(result, analyses)
    jobs = [(story.id, portable(StoryIndex(buckets, story.articles))) for story in stories]
    briefed = (map_stories or _serial_map)(brief_index, jobs)
    return [line for lines in briefed for line in lines]


def _serial_map(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    return [fn(item) for item in items]


def portable(index: StoryIndex) -> StoryIndex:
    """``index`` without what a story's briefing never reads (the corpus-wide mention
    lists of its entities), so it travels light to another process."""
    index.entities = {
        eid: Entity(e.id, e.name, e.type, list(e.aliases), list(e.roles))
        for eid, e in index.entities.items()
    }
    return index


def brief_index(job: tuple[str, StoryIndex], max_lines: int = MAX_LINES) -> list[BriefingLine]:
    """One story's briefing from its index (the unit of work ``map_stories`` maps)."""
    story_id, index = job
    if max_lines <= 0 or not index.order:
        return []
    chosen = order_lines(select(gather(index), index, max_lines))
    copies = _CopyFinder(index)
    return [_render(story_id, cand, opt, index, copies) for cand, opt in chosen]


def _brief(story: Story, buckets: Buckets, max_lines: int) -> list[BriefingLine]:
    return brief_index((story.id, portable(StoryIndex(buckets, story.articles))), max_lines)


# ---------------------------------------------------------------- dates
def day_label(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1].capitalize()} {day.year}"


def absolute_label(value: str) -> str | None:
    """``27 March 2025`` for 2025-03-27 (also a time on that day), ``week of 24 March
    2025`` for 2025-W13, ``March 2025`` and ``2025`` for a month and a year; None where
    the value does not pin one ("two years ago" in an undated article)."""
    core = value.split("T")[0]
    if re.fullmatch(r"(?:1[89]|20)\d\d", core):
        return core
    month = re.fullmatch(r"(\d{4})-(\d\d)", core)
    if month and 1 <= int(month[2]) <= 12:
        return f"{_MONTHS[int(month[2]) - 1].capitalize()} {month[1]}"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", core):
        day = parse_day(core)
        return day_label(day) if day else None
    m = re.fullmatch(r"(\d{4})-W(\d\d)", core)
    if m:
        try:
            return "week of " + day_label(date.fromisocalendar(int(m[1]), int(m[2]), 1))
        except ValueError:
            return None
    return None


def _date_inserts(cand: Candidate, unit: Unit, index: StoryIndex) -> list[tuple[int, str]]:
    """Absolute dates after the passage's relative ones; a weekday the time stage could
    not place takes the event's date when the timeline's day falls on it."""
    event_day = parse_day(cand.date) if cand.date_precision == "day" else None
    known = _weekdays(index, unit.article)
    out = []
    for t in index.timexes.get(unit.article, []):
        if not (unit.start <= t.start and t.end <= unit.end) or t.type not in ("DATE", "TIME"):
            continue
        if not _RELATIVE.search(t.text) or _ABSOLUTE.search(t.text):
            continue
        label = absolute_label(t.value)
        named = [d for d, w in enumerate(_WEEKDAYS) if w in t.text.lower()]
        if label is None and named:
            if event_day is not None and event_day.weekday() == named[0]:
                label = day_label(event_day)
            elif len(known.get(named[0], ())) == 1:
                label = day_label(next(iter(known[named[0]])))
        if label:
            text = index.article(unit.article).text
            # after a possessive ending: "yesterday’s [11 February 2025] meeting"
            end = t.end + 2 if text[t.end : t.end + 2] in ("’s", "'s") else t.end
            out.append((end - unit.start, f" [{label}]"))
    return out


def _weekdays(index: StoryIndex, aid: str) -> dict[int, set[date]]:
    """Weekday -> the days the timeline puts this article's weekday names on.

    An article names a weekday for one day of the week it reports on, so when the
    timeline dates "talks in Paris on Thursday" to 27 March, the same article's
    "Thursday's meeting" is that day too (used only when the weekday maps to one day).
    """
    out: dict[int, set[date]] = {}
    for ev in index.events:
        day = parse_day(ev.date) if ev.date_precision == "day" else None
        if day is None:
            continue
        for m in ev.mentions:
            if m.article != aid:
                continue
            for t in index.timexes.get(aid, []):
                if m.start <= t.start < m.end and _WEEKDAYS[day.weekday()] in t.text.lower():
                    out.setdefault(day.weekday(), set()).add(day)
    return out


def _date_prefix(cand: Candidate, opt: Option, index: StoryIndex, inserted: str) -> str:
    """The development's date before its line: the event's day when the passage itself
    dates it so (a merged mention may only refer to it in passing), else the day the
    article reported it."""
    if cand.kind not in ("event", "lead"):
        return ""
    unit = opt.unit
    published = index.day(unit.article)
    label = None
    if cand.date and cand.date_precision in ("day", "week") and _dated_here(cand, opt, index):
        day = parse_day(cand.date) if cand.date_precision == "day" else None
        label = day_label(day) if day else absolute_label(cand.date)
        if day and published and day > published and cand.status != "planned":
            label = None  # held after it was reported: the merge is wrong, not the article
    if cand.status == "planned":
        if label and label not in inserted:
            return f"[planned for {label}] "
        if published is not None and not inserted:
            return f"[planned; reported {day_label(published)}] "
        return "[planned] "
    if label:
        return "" if label in inserted else f"[{label}] "
    if published is not None and day_label(published) not in inserted:
        return f"[reported {day_label(published)}] "
    return ""


def _dated_here(cand: Candidate, opt: Option, index: StoryIndex) -> bool:
    date_value = cand.date or ""
    if opt.event is not None and opt.event.date == date_value:
        return True
    unit = opt.unit
    return any(
        unit.start <= t.start and t.end <= unit.end and t.value.startswith(date_value)
        for t in index.timexes.get(unit.article, [])
    )


# ---------------------------------------------------------------- speakers
def _speaker_insert(
    cand: Candidate, opt: Option, index: StoryIndex
) -> tuple[str, list[tuple[int, str]]]:
    """A prefix or an insertion that names the speaker where the passage does not."""
    speaker = cand.speaker
    if speaker is None:
        return "", []
    unit = opt.unit
    inside = [
        (s, e, kind)
        for s, e, eid, kind in index.entity_mentions.get(unit.article, [])
        if eid == speaker.id and unit.start <= s and e <= unit.end
    ]
    names = [(s, e) for s, e, kind in inside if kind == "name"]
    if names:
        text = index.article(unit.article).text
        if any(speaker.name in text[s:e] for s, e in names) or not _surname_shared(index, speaker):
            return "", []
        # "Mr Calloway said" where the story has two Calloways: say which one.
        return "", [(names[0][1] - unit.start, f" [{speaker.name}]")]
    quote = opt.quote
    quoted = (quote.start, quote.end) if quote is not None else (unit.start, unit.start)
    # The pronoun or title that stands for the speaker, outside the quoted words.
    stand_ins = [(s, e) for s, e, _ in inside if not (quoted[0] <= s < quoted[1])]
    if stand_ins:
        s, e = min(stand_ins, key=lambda p: abs(p[0] - quoted[0]))
        return "", [(e - unit.start, f" [{speaker.name}]")]
    return f"{speaker.name}: ", []


def _surname_shared(index: StoryIndex, person: Entity) -> bool:
    """Whether another person of the story has ``person``'s surname."""
    surname = person.name.split()[-1].lower()
    return any(
        e.id != person.id and e.type == "PERSON" and e.name.split()[-1].lower() == surname
        for e in index.entities.values()
    )


def _subject_insert(opt: Option, index: StoryIndex) -> list[tuple[int, str]]:
    """A narrative line that opens with a pronoun ("He also met ...") gets the name the
    entities stage resolved it to, unless the line names that person anyway."""
    unit = opt.unit
    mentions = index.entity_mentions.get(unit.article, [])
    text = index.text.text(unit)
    lead = len(text) - len(text.lstrip("“\"‘' "))
    for s, e, eid, kind in mentions:
        if kind != "pronoun" or s != unit.start + lead:
            continue
        entity = index.entities.get(eid)
        named = any(
            other == eid and k == "name" and unit.start <= ms and me <= unit.end
            for ms, me, other, k in mentions
        )
        if entity is not None and not named and valid_name(entity.name):
            return [(e - unit.start, f" [{entity.name}]")]
    return []


def _possessive_insert(opt: Option, index: StoryIndex) -> list[tuple[int, str]]:
    """A line that says "his plan" before naming anyone gets the owner's name when the
    nearest sentence before it that names people names exactly one person."""
    unit = opt.unit
    text = index.text.text(unit)
    mentions = index.entity_mentions.get(unit.article, [])
    quoted = index.text.quoted.get(unit.article, [])
    for m in POSSESSIVE.finditer(text):
        at = unit.start + m.start()
        if any(s <= at < e for s, e in quoted):
            continue  # a speaker's own "his" is theirs to mean
        people = [(s, index.entities[eid]) for s, _e, eid, _k in mentions if _is_person(index, eid)]
        full = index.article(unit.article).text
        if owners_in_sentence(full, at, (unit.start, unit.end), people):
            return []  # the line itself names whom it means
        owner = owner_before(
            unit.start, index.text.sentences.get(unit.article, []), people,
            lambda s, e: index.text.readable(Unit(unit.article, s, e)),
        )  # fmt: skip
        if owner is None or not gender_fits(owner, m.group()):
            return []
        return [(m.end(), f" [{owner.name}’s]")]
    return []


def _is_person(index: StoryIndex, eid: str) -> bool:
    entity = index.entities.get(eid)
    return entity is not None and entity.type == "PERSON"


# ---------------------------------------------------------------- figures
def _figure_note(cand: Candidate, opt: Option, index: StoryIndex) -> str:
    """What the other reports said the number was, in reading order."""
    primary = opt.figure
    if primary is None:
        return ""
    # Only values whose passage the line can cite (a damaged sentence cannot).
    citable = {u.article for u in cand.support} | {opt.unit.article}
    # A copy repeating its original's value is the same report.
    originals = {(f.article, round(f.value, 6)) for f in cand.figures}
    items = sorted(
        (
            f
            for f in cand.figures
            if f.article in citable
            and (index.root.get(f.article, f.article) == f.article
                 or (index.root[f.article], round(f.value, 6)) not in originals)
        ),
        key=lambda f: (index.rank.get(f.article, 0), f.start),
    )  # fmt: skip
    same_unit = [f for f in items if f.unit == primary.unit]
    days = [index.day(f.article) or parse_day(f.date) for f in same_unit]
    if all(figures_agree(a, b) for a in same_unit for b in same_unit):
        kind = "also reported"
    elif None in days:
        kind = "other reports"  # an undated value: a change over time or a disagreement?
    elif len(set(days)) > 1:
        kind = "reported over time"
    else:
        kind = "reports differ"
    if len(items) < 2:
        return ""
    # One entry per value (and qualifier): "two" in six reports is said once, with
    # how many reports and over which days, not six times.
    groups: dict[tuple[float, str], tuple[str, list[str]]] = {}
    seen: set[tuple[str, str]] = set()
    for f in items:
        qualifier = (f.qualifier or "").lower()
        text = f.text
        if qualifier in _NUMBER_QUALIFIERS and qualifier not in text.lower():
            text = f"{qualifier} {text}"
        outlet = outlet_of(index.article(f.article))
        if (text, outlet) in seen:
            continue  # an outlet repeating its own figure
        seen.add((text, outlet))
        shown = qualifier if qualifier in _NUMBER_QUALIFIERS else ""  # "would" is the verb's
        groups.setdefault((round(f.value, 6), shown), (text, []))[1].append(f.article)
    entries = [f"{text} ({_reports_label(index, arts)})" for text, arts in groups.values()]
    if len(entries) > MAX_FIGURE_VALUES:
        entries = entries[: MAX_FIGURE_VALUES - 1] + ["…", entries[-1]]
    return f" [{kind}: " + "; ".join(entries) + "]"


def _reports_label(index: StoryIndex, article_ids: list[str]) -> str:
    """Which reports gave a value: the one report's source, else how many and when."""
    if len(article_ids) == 1:
        return _source_label(index, article_ids[0])
    days = sorted(d for d in (index.day(a) for a in article_ids) if d is not None)
    undated = len(article_ids) - len(days)
    parts = [f"{len(article_ids)} reports"]
    if days:
        first, last = day_label(days[0]), day_label(days[-1])
        parts.append(first if first == last else f"{first} to {last}")
    if undated:
        parts.append(f"{undated} undated" if days else "undated")
    return ", ".join(parts)


def _source_label(index: StoryIndex, aid: str) -> str:
    art = index.article(aid)
    outlet = outlet_of(art)
    day = index.day(aid)
    parts = []
    if not outlet.startswith(UNNAMED):
        parts.append(outlet)
    else:  # an unnamed outlet: its file tells the reader which report it is
        parts.append(source_name(art))
    if day is not None:
        parts.append(day_label(day))
    elif art.published and art.published_precision == "month":
        parts.append(_MONTHS[int(art.published[5:7]) - 1].capitalize() + " " + art.published[:4])
    if day is None and not (art.published and art.published_precision == "month"):
        parts.append("undated")
    return ", ".join(parts)


# ---------------------------------------------------------------- copies and citations
class _CopyFinder:
    """Sentences elsewhere in the story that repeat a passage nearly word for word."""

    def __init__(self, index: StoryIndex) -> None:
        self.index = index
        self.units: list[Unit] = []
        self.texts: list[str] = []
        if len(index.order) < 2:
            return
        for aid, spans in index.text.sentences.items():
            for s, e in spans:
                unit = Unit(aid, s, e)
                if not index.text.damaged(unit):
                    self.units.append(unit)
                    self.texts.append(_norm(index.text.text(unit)))

    def find(self, unit: Unit) -> list[Unit]:
        if not self.units:
            return []
        query = _norm(self.index.text.text(unit))
        hits = process.extract(
            query, self.texts, scorer=fuzz.ratio, score_cutoff=COPY_RATIO, limit=None
        )
        return [self.units[i] for _, _, i in hits if self.units[i].article != unit.article]


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _citations(
    cand: Candidate, unit: Unit, index: StoryIndex, copies: _CopyFinder
) -> list[Citation]:
    """The line's own passage, then one passage per other article that carried it."""
    cited, seen = [unit], {unit.article}
    for other in cand.support + copies.find(unit):
        if other.article not in seen:
            seen.add(other.article)
            cited.append(other)
    head, rest = cited[0], cited[1:]
    rest.sort(key=lambda u: (index.rank.get(u.article, 0), u.start))
    return [Citation(u.article, u.start, u.end) for u in [head, *rest]]


# ---------------------------------------------------------------- one line
def _apply(text: str, inserts: list[tuple[int, str]]) -> str:
    for offset, piece in sorted(inserts, key=lambda p: p[0], reverse=True):
        text = text[:offset] + piece + text[offset:]
    return text


def _render(
    story_id: str, cand: Candidate, opt: Option, index: StoryIndex, copies: _CopyFinder
) -> BriefingLine:
    unit = opt.unit
    prefix, inserts = _speaker_insert(cand, opt, index)
    if cand.kind != "quote":
        inserts = _subject_insert(opt, index)
    inserts = inserts + _possessive_insert(opt, index)
    dates = _date_inserts(cand, unit, index)
    inserts = inserts + dates
    prefix = _date_prefix(cand, opt, index, " ".join(p for _, p in dates)) + prefix
    text = prefix + _apply(index.text.text(unit), inserts) + _figure_note(cand, opt, index)
    return BriefingLine(story_id, " ".join(text.split()), _citations(cand, unit, index, copies))
