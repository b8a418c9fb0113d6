"""Which set a figure counts: the same noun can count different sets.

"The 27 EU leaders signed off a move" and "around two dozen leaders took part" both
count leaders, but the first counts the members of a named body (the EU) and the
second the leaders at a meeting. A counted noun directly qualified by the name of an
organisation (an ORG mention: "EU leaders", "Nato members", "NHS staff", "Unite
members") counts that body's members; a figure whose measure does not name the same
body counts another set.
A descriptive modifier ("largely European and Commonwealth countries", "Ukrainian
refugees") does not define the set: coordinated or hedged modifiers and nationality
adjectives are not names of a body.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from storyline.corpus.figure_measures import measure_parts
from storyline.model import EntityMention, Figure

BODY_LABELS = frozenset({"ORG"})
_SPACE_RE = re.compile(r"\s+")


class Bodies:
    """The organisations an article names, by offset."""

    def __init__(self, mentions: Iterable[EntityMention]) -> None:
        spans = sorted(
            (m.start, m.end, (m.canonical or m.text).lower())
            for m in mentions
            if m.label in BODY_LABELS
        )
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def at(self, start: int, end: int) -> str | None:
        """The organisation mentioned exactly over ``start:end``, if any."""
        k = bisect_right(self.starts, start) - 1
        if k >= 0:
            s, e, name = self.spans[k]
            if s == start and e >= end:
                return name
        return None


# "nine member states of the Eastern Accord": the body named after the counted noun.
_OF_BODY_RE = re.compile(r"\s+(?:[a-z-]+\s+){1,3}of\s+the\s+((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*)")
_BODY_TEXT = (
    "accord alliance union pact league council community bloc treaty commonwealth "
    "federation association coalition partnership organisation organization assembly"
)
_BODY_WORD_RE = re.compile(r"\b(?:" + "|".join(_BODY_TEXT.split()) + r")\b", re.I)


def named_body(fig: Figure, text: str, bodies: Bodies) -> frozenset[str]:
    """The body whose members ``fig`` counts ("27 EU leaders" -> {"eu", "european union"}).

    A body named after the counted noun ("nine member states of the Eastern Accord")
    counts when it is an organisation or its name says it is one. Before the noun,
    only a bare name right after the number qualifies: "27 EU leaders", not "around 20
    largely European and Commonwealth countries" (a description of the set's make-up).
    """
    of_body = _OF_BODY_RE.match(text, fig.end)
    if of_body is not None:
        name = of_body.group(1)
        start = of_body.start(1)
        if bodies.at(start, of_body.end(1)) is not None or _BODY_WORD_RE.search(name):
            return frozenset({name.lower()})
    _, modifiers = measure_parts(fig.measure)
    if not modifiers or len(modifiers) > 3:
        return frozenset()
    if any(w.lower() in ("and", "or", "&") or w.lower().endswith("ly") for w in modifiers):
        return frozenset()
    phrase = " ".join(modifiers)
    # The modifiers must follow the number directly: the measure can also come from
    # elsewhere in the sentence ("the number of EU leaders who ...").
    after = text[fig.end : fig.end + len(phrase) + 8]
    m = re.match(r"\s+", after)
    start = fig.end + (m.end() if m else 0)
    if _SPACE_RE.sub(" ", text[start : start + len(phrase) + 4]).find(phrase) != 0:
        return frozenset()
    if fig.measure.isupper():
        return frozenset()  # a headline in capitals: "TWO MORE RAMS"
    name = bodies.at(start, start + len(phrase))
    return frozenset({phrase.lower(), name}) if name is not None else frozenset()


def names_in(measure: str) -> str:
    """The measure as lower-case words, padded, for "does it name this body?" tests."""
    return " " + " ".join(re.findall(r"[\w’'-]+", measure.lower())) + " "


def set_conflict(
    named_a: frozenset[str], measure_a: str, named_b: frozenset[str], measure_b: str
) -> bool:
    """Counting different sets: one counts a named body's members and the other's
    measure does not name that body (or names another)."""
    if named_a == named_b:
        return False
    if named_a and named_b:
        return not named_a & named_b
    names, other = (named_a, measure_b) if named_a else (named_b, measure_a)
    return not any(f" {n} " in names_in(other) for n in names)
