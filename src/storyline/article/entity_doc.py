"""Document helpers for the entity stage: sentence, quote and caption lookups built
once per Doc, and :func:`resolve_pronoun`, which the quotes stage uses to find the
speaker a "he" or "she" stands for."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from typing import TYPE_CHECKING

from storyline import knowledge as kb
from storyline.model import EntityMention

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span, Token

_QUOTE_RE = re.compile(r"“[^”\n]*(?:”|(?=\n)|$)|\"[^\"\n]*(?:\"|(?=\n)|$)")
_CAPTION_CREDIT_RE = re.compile(
    r"\([^()]*(?:Image|Photo|Picture|Credit|PA|AFP|Getty|/)[^()]*\)\s*$"
)
_TERMINAL_RE = re.compile(r"[.!?\"”’:;…]\s*$")
_MAX_SENTENCES_BACK = 6


class DocInfo:
    """Per-document lookups built once: sentence starts, quotes, caption lines."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc.text
        try:
            self.sent_starts = [s.start_char for s in doc.sents]
        except ValueError:  # a pipeline without parser or sentencizer: one sentence
            self.sent_starts = [0]
        quotes = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(self.text)]
        self.quote_starts = [q[0] for q in quotes]
        self.quotes = quotes
        self._captions: dict[int, bool] = {}

    def sentence(self, pos: int) -> int:
        return bisect_right(self.sent_starts, pos) - 1

    def quote_at(self, pos: int) -> int | None:
        i = bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]:
            return i
        return None

    def in_caption(self, pos: int) -> bool:
        """Whether ``pos`` sits on a line that reads as a caption or headline."""
        start = self.text.rfind("\n", 0, pos) + 1
        if start not in self._captions:
            end = self.text.find("\n", pos)
            line = self.text[start : end if end >= 0 else len(self.text)].strip()
            self._captions[start] = bool(_CAPTION_CREDIT_RE.search(line)) or (
                len(line) < 120 and not _TERMINAL_RE.search(line)
            )
        return self._captions[start]


_INFO_CACHE: OrderedDict[int, tuple[Doc, DocInfo]] = OrderedDict()


def doc_info(doc: Doc) -> DocInfo:
    # Keyed by identity, holding the doc so the id cannot be reused while cached.
    hit = _INFO_CACHE.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    info = DocInfo(doc)
    _INFO_CACHE[id(doc)] = (doc, info)
    while len(_INFO_CACHE) > 4:
        _INFO_CACHE.popitem(last=False)
    return info


def char_span(doc: Doc, start: int, end: int) -> Span:
    span = doc.char_span(start, end, alignment_mode="expand")
    assert span is not None  # expand mode always yields a span inside the text
    return span


def next_token(doc: Doc, pos: int) -> Token | None:
    text = doc_info(doc).text
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    if pos >= len(text):
        return None
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span[0]
    if tok.idx < pos:
        return tok.nbor(1) if tok.i + 1 < len(doc) else None
    return tok


def resolve_pronoun(doc: Doc, char_offset: int, mentions: Sequence[EntityMention]) -> int | None:
    """Cluster id of the person a pronoun at ``char_offset`` most likely refers to.

    The most recent compatible PERSON referent before the pronoun: same gender
    where an honorific tells it, not on a caption or headline line, not inside a
    different quotation; within the nearest sentence that has one, the grammatical
    subject wins over later objects ("the Prime Minister said ... deter Mr Putin.
    He also said" -> the Prime Minister). None if nothing fits within a few sentences.
    """
    info = doc_info(doc)
    text = info.text
    word = re.match(r"\w+", text[char_offset : char_offset + 8])
    gender = kb.PRONOUN_GENDER.get(word.group(0).lower(), "") if word else ""
    genders: dict[int, str] = {}
    for m in mentions:
        if m.label == "PERSON" and m.cluster >= 0 and m.kind == "name":
            g = kb.HONORIFICS.get(m.text.split(" ", 1)[0].lower().rstrip("."), "")
            if g:
                genders.setdefault(m.cluster, g)
    own_sentence = info.sentence(char_offset)
    own_quote = info.quote_at(char_offset)
    best_sentence: int | None = None
    pool: list[EntityMention] = []
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        if m.start >= char_offset or m.label != "PERSON" or m.cluster < 0:
            continue
        sent = info.sentence(m.start)
        if best_sentence is not None and sent < best_sentence:
            break
        if own_sentence - sent > _MAX_SENTENCES_BACK:
            break
        g = genders.get(m.cluster, "")
        if gender and g and g != gender:
            continue
        if info.in_caption(m.start) or info.quote_at(m.start) not in (None, own_quote):
            continue
        best_sentence = sent
        pool.append(m)
    if not pool:
        return None
    subjects = []
    for m in pool:  # latest first
        root = char_span(doc, m.start, m.end).root
        if root.dep_ in ("nsubj", "nsubjpass"):
            if root.head.dep_ == "ROOT":  # subject of the main clause wins
                return m.cluster
            subjects.append(m)
    return (subjects or pool)[0].cluster
