"""A story's text for its briefing: sentences, and which passages can stand as a line.

A passage can carry a line only if an editor could read it standalone: a whole
sentence (or the sentences a quote runs over) of at least :data:`MIN_WORDS`
words, ending like a sentence, not a caption or headline, and not touching a
damaged span. Removed furniture is not in the text, so it can never be chosen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.model import Article, Quote

MIN_WORDS = 8  # a shorter sentence says too little to stand alone
MAX_CHARS = 420  # a quote's passage stops growing past this many characters
FRAGMENT_WORDS = 6  # partial quotes shorter than this are terms, not statements

_ABBREV = frozenset((
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gen", "gov", "prof", "jr", "sr", "inc", "ltd",
    "co", "corp", "no", "vs", "etc", "lt", "col", "capt", "sgt", "rev", "hon", "mt", "ft", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
))  # fmt: skip
_BOUNDARY = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[“\"‘'(\[A-Z0-9])")
_TERMINAL = re.compile(r"[.!?…][”\"’')\]]*$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CAPTION = re.compile(
    r"^\W*(?:pictured|picture|photo(?:graph)?|image|watch|video|read more|related|see also|"
    r"click|listen|sign up|subscribe|follow us|advertisement|credit)\b|"
    r"\((?:photo|image|picture|pictured)\b|getty images|pa wire|pa media|/afp|/reuters",
    re.IGNORECASE,
)
# A preposition straight before a verb: a name was stripped out ("dockers at have now
# been ..."), a kind of damage the cleaning stage may not have marked.
_BROKEN = re.compile(
    r"\b(?:at|in|from|between|with)\s+(?:has|have|had|is|are|was|were|will|would)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_NAME_OK = re.compile(r"^[A-Z0-9][\w’'.\- ]*$")


@dataclass(frozen=True)
class Unit:
    """A stretch of one article's cleaned text that a line can rest on."""

    article: str
    start: int
    end: int


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: paragraphs split at line breaks, then at sentence ends
    that are not abbreviations ("Mr.") or initials."""
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        p_start, p_end = pos, pos + len(para)
        pos = p_end + 1
        start = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            before = re.search(r"([\w.]+)[.!?…]*$", text[start : m.start() + 1])
            word = before.group(1).rstrip(".").lower() if before else ""
            if text[m.start()] == "." and (
                word in _ABBREV or (len(word) == 1 and word.isalpha()) or "." in word
            ):
                continue
            out.append((start, m.end()))
            start = m.end()
        out.append((start, p_end))
    spans = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


class StoryText:
    """The story's articles split into sentences, with damage and quoted speech known."""

    def __init__(self, articles: Iterable[Article], quotes: dict[str, list[Quote]]) -> None:
        self.articles = {a.id: a for a in articles}
        self.sentences = {aid: split_sentences(a.text) for aid, a in self.articles.items()}
        self._starts = {aid: [s for s, _ in spans] for aid, spans in self.sentences.items()}
        # Quoted speech: quote spans the quotes stage found plus anything in quote marks.
        self.quoted: dict[str, list[tuple[int, int]]] = {}
        for aid, art in self.articles.items():
            spans = [(q.start, q.end) for q in quotes.get(aid, []) if q.kind != "indirect"]
            spans += [(m.start(), m.end()) for m in _QUOTED.finditer(art.text)]
            self.quoted[aid] = sorted(spans)
        self._readable: dict[Unit, bool] = {}

    def text(self, unit: Unit) -> str:
        return self.articles[unit.article].text[unit.start : unit.end]

    def index_at(self, article: str, offset: int) -> int | None:
        starts = self._starts.get(article)
        if not starts:
            return None
        lo, hi = 0, len(starts)
        while lo < hi:  # last sentence starting at or before offset
            mid = (lo + hi) // 2
            if starts[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        i = max(0, lo - 1)
        return i

    def unit(self, article: str, start: int, end: int) -> Unit | None:
        """The sentences covering ``[start, end)``, cut at :data:`MAX_CHARS` (at least one)."""
        first = self.index_at(article, start)
        if first is None:
            return None
        spans = self.sentences[article]
        s, e = spans[first]
        i = first + 1
        while i < len(spans) and spans[i][0] < end and spans[i][1] - s <= MAX_CHARS:
            e = spans[i][1]
            i += 1
        return Unit(article, s, e)

    def sentence_number(self, unit: Unit) -> int:
        return self.index_at(unit.article, unit.start) or 0

    def damaged(self, unit: Unit) -> bool:
        art = self.articles[unit.article]
        if any(d.start < unit.end and unit.start < d.end for d in art.damage):
            return True
        return bool(_BROKEN.search(art.text, unit.start, unit.end))

    def quoted_share(self, unit: Unit) -> float:
        covered, reach = 0, unit.start
        for s, e in self.quoted.get(unit.article, []):  # sorted by start
            s, e = max(s, reach), min(e, unit.end)
            if e > s:
                covered += e - s
                reach = e
        return covered / max(1, unit.end - unit.start)

    def readable(self, unit: Unit) -> bool:
        """Could an editor read this passage as a line on its own?"""
        known = self._readable.get(unit)
        if known is None:
            known = self._readable[unit] = self._check(unit)
        return known

    def _check(self, unit: Unit) -> bool:
        if self.damaged(unit):
            return False
        text = self.text(unit)
        ws = words(text)
        if len(ws) < MIN_WORDS or not _TERMINAL.search(text) or _CAPTION.search(text):
            return False
        if sum(1 for w in ws if len(w) > 1 and w.isupper()) > 0.5 * len(ws):
            return False  # a shouted headline or a caption in capitals
        return not ws[0][0].islower()  # a fragment cut out of a sentence

    def narrative(self, unit: Unit) -> bool:
        """Readable and mostly the writer's own words (not a bare quote)."""
        return self.readable(unit) and self.quoted_share(unit) < 0.5


def valid_name(name: str | None) -> bool:
    return bool(name) and bool(_NAME_OK.match(name or "")) and len(name or "") <= 60
