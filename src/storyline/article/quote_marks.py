"""Quoted stretches of a text, found from the quote marks alone.

Paragraph by paragraph (a paragraph is a line): double marks (straight ``"``,
curly, low-9, guillemets, and the ``''`` pair some wires use) open and close
stretches; single marks count only outside double-quoted stretches, where an
apostrophe cannot be taken for one (``don't``, ``voters' choice``). A stretch
opened and not closed runs to the end of its paragraph: that is how news
writes a quote that goes on into the next paragraph, which then opens again.
Markup tags (``<tweet id="...">``) are never read for marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE = re.compile(r"''|[\"“”„«»]")
_TAG = re.compile(r"<[^<>\n]{0,400}>")
_PARAGRAPH = re.compile(r"[^\n]+")
# Characters that may sit just before an opening mark / just after a closing mark.
_BEFORE_OPEN = "([{—–-/:"
_AFTER_CLOSE = ".,;:!?)]}—–-…\"”'’"
_SINGLES = "‘’'"


@dataclass(frozen=True)
class QuoteSpan:
    """The interior of one quoted stretch (marks excluded) and its paragraph."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (== end when unclosed)
    closed: bool
    para_start: int
    para_end: int
    single: bool  # single quote marks
    continues: bool = False  # opens a paragraph after an unclosed quote: same speaker


def _context(text: str, i: int, j: int, lo: int, hi: int) -> tuple[bool, bool, str]:
    """(looks like an opener, looks like a closer, next char) for a mark at text[i:j]."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[j] if j < hi else " "
    opening = (prev.isspace() or prev in _BEFORE_OPEN) and not nxt.isspace()
    closing = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
    return opening, closing, nxt


def _masked(text: str) -> str:
    """``text`` with markup tags blanked out (same length, so offsets hold)."""
    if "<" not in text:
        return text
    return _TAG.sub(lambda m: " " * len(m.group()), text)


def _doubles(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int, int, int]], set[int]]:
    """Double-quoted stretches of one paragraph as (open_at, start, end, close_end)."""
    out: list[tuple[int, int, int, int]] = []
    marks: set[int] = set()
    open_at = start = -1
    for m in _DOUBLE.finditer(text, lo, hi):
        i, j, ch = m.start(), m.end(), m.group()
        marks.update(range(i, j))
        opening, closing, _ = _context(text, i, j, lo, hi)
        inside = start >= 0
        if ch in "“„«":
            # A curly opener inside a stretch is a typo for a closer when it looks like one.
            is_open = not (inside and closing and not opening)
        elif ch in "”»":
            # A closer outside any stretch opens one only where it plainly begins a quote.
            is_open = not inside and opening and not closing
        else:  # straight marks toggle; a stray closer is ignored
            is_open = not inside and not (closing and not opening)
        if inside:
            out.append((open_at, start, i, j))
            open_at = start = -1
        if is_open:
            open_at, start = i, j
    if start >= 0:
        out.append((open_at, start, hi, hi))
    return out, marks


def _singles(
    text: str, lo: int, hi: int, doubles: list[tuple[int, int, int, int]], marks: set[int]
) -> list[tuple[int, int, int, int]]:
    """Single-quoted stretches outside the double ones; an unclosed one is dropped."""
    out: list[tuple[int, int, int, int]] = []
    start = -1
    covered = [(a, d) for a, _, _, d in doubles]
    for i in range(lo, hi):
        ch = text[i]
        if ch not in _SINGLES or i in marks or any(a <= i < d for a, d in covered):
            continue
        opening, closing, nxt = _context(text, i, i + 1, lo, hi)
        if start < 0 and ch in "‘'" and opening and (nxt.isalnum() or nxt in "$£€"):
            start = i + 1
        elif start >= 0 and ch in "’'" and closing and not nxt.isalpha():
            out.append((start - 1, start, i, i + 1))
            start = -1
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted stretch in ``text`` with some word in it, in text order."""
    scan = _masked(text)
    spans: list[QuoteSpan] = []
    unclosed_before = False
    for para in _PARAGRAPH.finditer(scan):
        lo, hi = para.span()
        if not para.group().strip():
            continue
        doubles, marks = _doubles(scan, lo, hi)
        found = [(*d, False) for d in doubles] + [
            (*s, True) for s in _singles(scan, lo, hi, doubles, marks)
        ]
        first_mark = len(scan[lo:hi]) - len(scan[lo:hi].lstrip())
        unclosed_here = False
        for open_at, start, end, close_end, single in sorted(found):
            s, e = _strip(text, start, end)
            if not any(c.isalnum() for c in text[s:e]):
                continue
            closed = close_end > end
            spans.append(
                QuoteSpan(
                    start=s,
                    end=e,
                    open_at=open_at,
                    close_end=close_end if closed else e,
                    closed=closed,
                    para_start=lo,
                    para_end=hi,
                    single=single,
                    continues=unclosed_before and open_at == lo + first_mark,
                )
            )
            unclosed_here = not closed
        unclosed_before = unclosed_here
    return spans
