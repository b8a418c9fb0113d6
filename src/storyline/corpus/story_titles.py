"""A story's short title, when its articles have no headline: the lead sentence, cut down.

A lead sentence says what happened, but with more than a title needs around it: a
dateline ("ATHENS (AP) —"), a fronted phrase of time or circumstance ("After more
than three years of legal delays,"), and a closing attribution (", police said on
Saturday"). Each is dropped only when what is left still reads as a sentence of
its own (at least :data:`MIN_WORDS` words); then the title is cut at a word to
:data:`TITLE_CHARS` characters.
"""

from __future__ import annotations

import re

TITLE_CHARS = 90
MIN_WORDS = 6  # what is left must still say who did what

_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*(?:, ?[A-Z][\w.]+(?: [A-Z][\w.]+)*)?"
    r" ?(?:\([^)]{1,30}\))? ?[-–—]+ ?"
)
_WIRE = re.compile(r"^\((?:AP|AFP|Reuters|UPI|CNN|PA|dpa)\)\s*[-–—]*\s*", re.IGNORECASE)
_FRONTED = re.compile(
    r"^(?:After|Before|Following|Despite|Amid|Amidst|As|While|When|Since|Although|Though|"
    r"Once|Until|During|Over|In|On|At|For|With|Without|Earlier|Later|Hours|Days|Weeks|"
    r"Months|Years|Less than|More than|Nearly|Almost|Just)\b[^,;:“”\"]{2,140},\s+"
)
_ATTRIBUTION = re.compile(
    r",\s+(?:[^,;:“”\"]{1,60}?\s)?(?:said|says|reported|reports|announced|confirmed|"
    r"told [A-Z][\w.]*(?: [A-Z][\w.]*)*)"
    r"(?:\s+(?:on|late|early|this|last)?\s*[A-Z]?\w+(?:\s+(?:morning|afternoon|evening|night))?)?"
    r"(?:\s+(?:following|after|at|during|in)\b[^,;:“”\"]{0,80})?"
    r"\s*[.!]?$"
)
# Where a long title may end without "…": before a clause that only adds circumstance.
_CLAUSE = re.compile(
    r"\s(?:as|after|when|while|following|amid|because|before|despite|since|until)\s"
)
CLAUSE_MIN_CHARS = 40  # a clause cut may not leave less than this


def tidy(text: str) -> str:
    """One line, with tokenised spacing (``Reid 's``, ``( AP )``) closed up."""
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$])\s+", r"\1", text)
    text = re.sub(r"\s+((?:['’](?:s|re|ve|ll|d|m)|n['’]t)\b)", r"\1", text)
    return text.replace("`` ", "“").replace(" ''", "”").strip()


def trim(text: str, limit: int = TITLE_CHARS) -> str:
    """At most ``limit`` characters, cut at a word, with "…" where it was cut."""
    text = text.rstrip(" .")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ") + "…"


def _main_clause(text: str, limit: int) -> str:
    """A title too long for ``limit`` ends before its last circumstance clause that
    starts within it ("... for his support | after European allies ...")."""
    if len(text) <= limit:
        return text
    cuts = [m.start() for m in _CLAUSE.finditer(text, 0, limit + 1)]
    cuts = [c for c in cuts if c >= CLAUSE_MIN_CHARS and _enough(text[:c])]
    return text[: cuts[-1]].rstrip(",;:-–— ") if cuts else text


def _enough(text: str) -> bool:
    return len(text.split()) >= MIN_WORDS


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def short_title(sentence: str, limit: int = TITLE_CHARS) -> str:
    """``sentence`` (a lead) as a short title; see the module's docstring."""
    text = tidy(sentence).rstrip(" .")
    for prefix in (_DATELINE, _WIRE):
        cut = prefix.sub("", text, count=1)
        if cut != text and _enough(cut):
            text = cut
    fronted = _FRONTED.match(text)
    if fronted and _enough(text[fronted.end() :]):
        text = _capitalised(text[fronted.end() :])
    closing = _ATTRIBUTION.search(text)
    if closing and _enough(text[: closing.start()]):
        text = text[: closing.start()]
    return trim(_main_clause(text, limit), limit)
