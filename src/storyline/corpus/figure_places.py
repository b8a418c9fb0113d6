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


class StoryPlaces:
    """The places the articles of one story name, as written, with their keys."""

    def __init__(self) -> None:
        self.keys: set[frozenset[str]] = set()
        # first word -> (name, key), longest name first: "Serran Hills" before "Serran"
        self.by_first: dict[str, list[tuple[str, frozenset[str]]]] = {}

    def add(self, analysis: ArticleAnalysis | None) -> None:
        for m in analysis.mentions if analysis is not None else ():
            if m.label in PLACE_LABELS and _NAME_RE.fullmatch(m.text):
                key = _place_key(m.canonical or m.text)
                names = self.by_first.setdefault(m.text.split(" ", 1)[0], [])
                if key and (m.text, key) not in names:
                    self.keys.add(key)
                    names.append((m.text, key))
                    names.sort(key=lambda nk: -len(nk[0]))


_NAME_RE = re.compile(r"[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,3}")
_CAPITAL_RE = re.compile(r"\b[A-Z][\w’'-]*")


class Places:
    """The places an article names, by offset, and the one it is mostly about.

    ``known``: place names (as written, with their keys) other articles of the story
    tag as places. The tagger reads an invented town as a place in one article and a
    person in the next, or not at all ("Merrow has opened 14 centres"); a name that is
    a place somewhere in the story is one here.
    """

    def __init__(self, analysis: ArticleAnalysis | None, known: StoryPlaces | None = None) -> None:
        self.spans: list[tuple[int, int, frozenset[str]]] = []
        counts: Counter[frozenset[str]] = Counter()
        first: dict[frozenset[str], int] = {}
        found: list[tuple[int, int, str, frozenset[str]]] = []
        for m in analysis.mentions if analysis is not None else ():
            key = _place_key(m.canonical or m.text)
            if m.label in PLACE_LABELS or (known is not None and key in known.keys):
                found.append((m.start, m.end, m.canonical or m.text, key))
        if analysis is not None and known is not None and known.by_first:
            found += _unmentioned(analysis.article.text, known, found)
        for start, end, name, key in found:
            # A country in a sentence is mostly a party to it ("Britain and France
            # pledged..."), not where the counted things are: towns, ports, regions are.
            if key and not country_code(name):
                self.spans.append((start, end, key))
                counts[key] += 1
                first.setdefault(key, start)
        self.spans.sort(key=lambda t: t[0])
        self.starts = [t[0] for t in self.spans]
        self.keys = frozenset(counts)
        # A short form counts for the full name: "Serran" is "the Serran Hills".
        total = {k: sum(n for j, n in counts.items() if j <= k) for k in counts}
        self.lead: frozenset[str] = (
            min(counts, key=lambda k: (-total[k], first[k])) if counts else frozenset()
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


def _unmentioned(
    text: str, known: StoryPlaces, found: list[tuple[int, int, str, frozenset[str]]]
) -> list[tuple[int, int, str, frozenset[str]]]:
    """Where the story's place names stand in ``text`` with no mention over them."""
    names = [nk for word in set(_CAPITAL_RE.findall(text)) for nk in known.by_first.get(word, ())]
    if not names:
        return []
    names.sort(key=lambda nk: -len(nk[0]))  # longest first: "Serran Hills", then "Serran"
    covered = bytearray(len(text) + 1)
    for start, end, _, _ in found:
        covered[start:end] = b"\x01" * (end - start)
    out = []
    for name, key in names:
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            whole = (i == 0 or not text[i - 1].isalnum()) and (
                j >= len(text) or not text[j].isalnum()
            )
            if whole and not any(covered[i:j]):
                out.append((i, j, name, key))
                covered[i:j] = b"\x01" * (j - i)
            i = text.find(name, j)
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
