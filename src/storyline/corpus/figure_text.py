"""Where a figure's words are: sentences, clauses, and the stretch of text that is its own.

A sentence can hold several figures ("scorched 12,500 hectares and driven 3,500
residents out of Corveth"); the words of the clause are shared out between them, so
a place or a verb next to one figure is not read as the other's. A figure's own
words say whether it is asked for or given ("the union is asking for 9%", "has
offered 4.5%") and whether it is a target or forecast rather than a count of what
happened ("a national target of 95%", "60 to 70 ships are expected").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from storyline.corpus.figure_measures import stems
from storyline.model import Figure

_SENT_END_RE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'A-Z0-9])|\n+")
# Where a sentence turns to another clause, a place named there is not the figure's.
CLAUSE_RE = re.compile(
    r",?\s+(?:after|before|since|while|when|because|but|although|though|whereas|unless|until)\s+"
    r"|;\s+|\s+[—–-]\s+|,\s+(?:which|who|where|and)\s+"
    # "cut 600 jobs at Kelby as it moves production to Dunmere"
    r"|,?\s+as\s+(?=(?:it|they|he|she|we|the|its|their)\s)"
)


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the sentence around ``offset`` (a light splitter)."""
    return Sentences(text).around(offset)


class Sentences:
    """The sentence starts of one text, found once (a figure's look-up is a bisection)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _SENT_END_RE.finditer(text)]
        self.ends = [m.start() for m in _SENT_END_RE.finditer(text)] + [len(text)]
        self._stems: dict[tuple[int, int], list[str]] = {}

    def stems(self, start: int, end: int) -> list[str]:
        """:func:`stems` of ``text[start:end]``, kept: an article's figures share sentences."""
        key = (start, end)
        found = self._stems.get(key)
        if found is None:
            found = self._stems[key] = stems(self.text[start:end])
        return found

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def around(self, offset: int) -> tuple[int, int]:
        k = self.index(offset)
        # a separator can end after ``offset`` (inside the spaces): the sentence ends there
        return self.starts[k], max(self.ends[k], self.starts[k])

    def span(self, k: int) -> tuple[int, int]:
        if k < 0 or k >= len(self.starts):
            return (0, 0)
        return self.starts[k], max(self.ends[k], self.starts[k])


def clause_bounds(text: str, sents: Sentences, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence that holds ``start:end``."""
    s_start, s_end = sents.span(sents.index(start))
    c_start, c_end = s_start, s_end
    for m in CLAUSE_RE.finditer(text, s_start, s_end):
        if m.end() <= start:
            c_start = m.end()
        elif m.start() >= end:
            c_end = m.start()
            break
    return c_start, c_end


def own_spans(text: str, figures: list[Figure], sents: Sentences) -> dict[str, tuple[int, int]]:
    """Each figure's own stretch of its clause (``figures``: one article's, any order).

    Two figures in one clause split the words between them at a comma if there is
    one, else half-way.
    """
    out: dict[str, tuple[int, int]] = {}
    ordered = sorted(figures, key=lambda f: f.start)
    clauses = [clause_bounds(text, sents, f.start, f.end) for f in ordered]
    for k, fig in enumerate(ordered):
        start, end = clauses[k]
        if k > 0 and clauses[k - 1] == clauses[k] and ordered[k - 1].end <= fig.start:
            start = _cut(text, ordered[k - 1].end, fig.start)
        if (
            k + 1 < len(ordered)
            and clauses[k + 1] == clauses[k]
            and fig.end <= ordered[k + 1].start
        ):
            end = _cut(text, fig.end, ordered[k + 1].start)
        out[fig.id] = (start, max(end, fig.end))
    return out


_JOIN_RE = re.compile(r"\s(?:and|while|with|as)\s")


def _cut(text: str, left: int, right: int) -> int:
    """Where two figures' stretches meet: a comma, else a joining word ("seven had died
    and 23 are missing"), else half-way."""
    comma = text.rfind(",", left, right)
    if comma >= 0:
        return comma + 1
    joins = list(_JOIN_RE.finditer(text, left, right))
    return joins[-1].start() if joins else (left + right) // 2


# Words, not stems: "claimed" (said), "targeted" (attacked), "given" (as "given the
# losses") would read as claims, targets and gifts.
_REQUEST = "ask asks asked asking demand demands demanded demanding appeal appeals appealed "
_REQUEST += "appealing request requests requested seek seeks seeking sought want wants wanted"
_GRANT = "offer offers offered offering pledge pledges pledged pledging promise promised "
_GRANT += "give gives gave giving grant granted award awarded approve approved accept "
_GRANT += "accepted agree agreed provide provided lend lends lent lending donate donated"
REQUEST_WORDS = frozenset(_REQUEST.split())
GRANT_WORDS = frozenset(_GRANT.split())
TARGET_WORDS = frozenset(["target", "targets", "goal", "goals"])
FORECAST_WORDS = frozenset(
    ["forecast", "forecasts", "projected", "predicted", "expected", "expects"]
)
# "the 95 per cent needed to stop the virus spreading"
_NEEDED_RE = re.compile(r"\s+(?:needed|required)\b")
_LOWER_WORD_RE = re.compile(r"[a-z]+")


def words_of(text: str) -> set[str]:
    """The lower-case words of ``text`` (for :func:`stance` and :func:`is_aim`)."""
    return set(_LOWER_WORD_RE.findall(text.lower()))


def stance_of(own: str, measure: str) -> str:
    """:func:`stance` of a figure's own words, else of its measure.

    The measure can come from a clause that governs another figure ("pledged $180m of
    the $300m the UN asked for": the $300m's measure is read off "pledged").
    """
    return stance(words_of(own)) or stance(words_of(measure))


def stance(words: set[str]) -> str:
    """ "asked" (what is claimed or appealed for), "given" (offered, pledged), or ""."""
    asked, given = bool(words & REQUEST_WORDS), bool(words & GRANT_WORDS)
    return "asked" if asked and not given else "given" if given and not asked else ""


def is_aim(words: set[str], fig: Figure, text: str, fam: str) -> bool:
    """A target, a forecast or what is needed: not a count of what happened.

    A duration is left alone: "is expected to take two weeks" is how durations are said.
    """
    if words & TARGET_WORDS or _NEEDED_RE.match(text, fig.end):
        return True
    return fam in ("count", "money", "percent") and bool(words & FORECAST_WORDS)


# "The last strike at the port, in 2009, lasted nine days": a figure of another year.
_PAST_YEAR_RE = re.compile(r"\b(?:in|during)\s+(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b(?!-)")


def past_year(
    text: str, fig: Figure, own: tuple[int, int], sents: Sentences, published: str | None
) -> str:
    """The earlier year a figure belongs to ("in 2009"), or "" for the article's own time.

    Read in the figure's own words, else in its clause before it (the clause's subject:
    "the last strike, in 2009, lasted nine days and ended with a two-year deal").
    """
    if not published or not published[:4].isdigit():
        return ""
    c_start = clause_bounds(text, sents, fig.start, fig.end)[0]
    for start, end in (own, (c_start, fig.start)):
        m = _PAST_YEAR_RE.search(text, start, end)
        if m is not None and m.group(1) < published[:4]:
            return m.group(1)
    return ""


# The state a count of people is in: the dead, the missing, the rescued, those aboard,
# a vessel's capacity. Outlets word one count with unrelated nouns ("287 survivors",
# "287 people had been rescued", "287 survived") and one noun for different counts
# ("312 people on board", "licensed to carry 400 people").
_STATE_TEXT = {
    "dead": "dead died die dies dying killed death deaths toll bodies fatalities",
    "missing": "missing unaccounted",
    "rescued": "rescued survivors survivor survived saved",
    "injured": "injured wounded hurt",
    "hospital": "hospital hospitalised hospitalized admitted",
    "aboard": "aboard carrying",
    # those in shelters are the evacuated ("the number moved to shelters and hotels")
    "evacuated": "evacuated evacuees evacuation sheltering sheltered shelter shelters",
}
STATE_WORDS = {w: state for state, ws in _STATE_TEXT.items() for w in ws.split()}
# "licensed to carry 400", "its limit of 400": what could be, not what is.
CAPACITY_WORDS = frozenset(["capacity", "limit", "licensed", "licenced", "certified", "designed"])
_STATE_AFTER, _STATE_BEFORE = 6, 3
_ON_BOARD_RE = re.compile(r"\bon board\b")
# "forcing 3,400 people from their homes": moved out, as the evacuated are
_FROM_HOMES_RE = re.compile(r"\b(?:from|out of) (?:their|its) homes\b")


def count_state(text: str, fig: Figure, own: tuple[int, int]) -> str:
    """The state the people a figure counts are in (see :data:`STATE_WORDS`), or "".

    Read in its own stretch: the first state word after the number ("11 are missing
    presumed dead"), else just before it ("Of the 312 on board", "had been carrying
    312"), else in its measure ("the death toll stood at nine"). A capacity word
    anywhere near wins: a capacity is not a count of those aboard.
    """
    start, end = own

    def read(part: str) -> list[str]:
        part = _FROM_HOMES_RE.sub("evacuated", _ON_BOARD_RE.sub("aboard", part.lower()))
        return _LOWER_WORD_RE.findall(part)

    after = read(text[fig.end : end])[:_STATE_AFTER]
    before = read(text[start : fig.start])[-_STATE_BEFORE:]
    measure = read(fig.measure)
    if CAPACITY_WORDS & set(after + before + measure):
        return "capacity"
    for words in (after, before[::-1], measure):
        for w in words:
            if w in STATE_WORDS:
                return STATE_WORDS[w]
    return ""


# "420,000 more are sheltering in Tessaly": "more" and a verb of being, with a place:
# those somewhere else, not an addition to a count ("five more bodies were found").
_ELSEWHERE_MORE_RE = re.compile(r"\s+more\s+(?:are|is|remain|live|were)\b")


def elsewhere_more(text: str, fig: Figure) -> bool:
    """ "N more are/remain ..." right after the number (the caller checks for a place)."""
    return _ELSEWHERE_MORE_RE.match(text, fig.end) is not None
