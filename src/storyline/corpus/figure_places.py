"""Places a figure is tied to: "Rotterdam alone has handled 31 ships" is not about Kessingham."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from storyline.corpus.figure_text import Sentences, clause_bounds
from storyline.knowledge import country_code
from storyline.model import ArticleAnalysis, Figure

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_NOISE_TEXT = "the of port province region county city town district state borough area 's ’s"
_PLACE_NOISE = frozenset(_PLACE_NOISE_TEXT.split())
_BACK_REFERENCE_RE = re.compile(r"\b(?:its|their|there|that|this)\s+(?:\S+\s+){0,2}$", re.I)
# "In Valdren, where the fire was put out, 45 homes need repairs": a place put first
# in the sentence is where all of it happens.
_FRONTED_RE = re.compile(r"(?:In|At|Across|Near|Outside|Inside|Around|Throughout)\s+[^,]{2,40},")


def _place_key(name: str) -> frozenset[str]:
    words = re.findall(r"[\w’']+", name.lower())
    return frozenset(w for w in words if w not in _PLACE_NOISE and len(w) > 1)


class Places:
    """The places an article names, by offset, and the one it is mostly about."""

    def __init__(self, analysis: ArticleAnalysis | None) -> None:
        self.spans: list[tuple[int, int, frozenset[str]]] = []
        counts: Counter[frozenset[str]] = Counter()
        first: dict[frozenset[str], int] = {}
        for m in analysis.mentions if analysis is not None else ():
            # A country in a sentence is mostly a party to it ("Britain and France
            # pledged..."), not where the counted things are: towns, ports, regions are.
            if m.label not in PLACE_LABELS or country_code(m.canonical or m.text):
                continue
            key = _place_key(m.canonical or m.text)
            if key:
                self.spans.append((m.start, m.end, key))
                counts[key] += 1
                first.setdefault(key, m.start)
        self.spans.sort(key=lambda t: t[0])
        self.starts = [t[0] for t in self.spans]
        self.keys = frozenset(counts)
        self.lead: frozenset[str] = (
            min(counts, key=lambda k: (-counts[k], first[k])) if counts else frozenset()
        )

    def between(self, start: int, end: int) -> list[frozenset[str]]:
        lo = bisect_right(self.starts, start - 1)
        out = []
        for s, e, key in self.spans[lo:]:
            if s >= end:
                break
            if e <= end:
                out.append(key)
        return out


def figure_places(
    text: str, fig: Figure, own: tuple[int, int], sents: Sentences, places: Places
) -> frozenset[str]:
    """Places named in the figure's own words (see :func:`figure_text.own_spans`), else
    in a place phrase the sentence opens with; "its 2,600 residents" looks one sentence back.
    """
    if not places.spans:
        return frozenset()
    c_start, c_end = own
    found = places.between(c_start, c_end)
    k = sents.index(fig.start)
    s_start, _ = sents.span(k)
    if not found:
        # "a blaze in Valdren province, 200 km to the north, has forced 2,600 residents
        # out": the clause's subject, before the figure, can name its place
        found = places.between(clause_bounds(text, sents, fig.start, fig.end)[0], fig.start)
    if not found:
        fronted = _FRONTED_RE.match(text, s_start)
        if fronted is not None and fronted.end() <= fig.start:
            found = places.between(s_start, fronted.end())
    lead_in = text[max(c_start, fig.start - 40) : fig.start]
    if not found and k > 0 and _BACK_REFERENCE_RE.search(lead_in):
        p_start, p_end = sents.span(k - 1)
        if "\n" not in text[p_end:s_start]:  # same paragraph
            found = places.between(p_start, p_end)
    return frozenset().union(*found) if found else frozenset()
