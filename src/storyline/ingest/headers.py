"""Lift the metadata lines at the top of a plain-text article into fields.

Scraped articles start with page furniture that is really metadata: a
``date 2025-03`` header (sometimes glued to the first paragraph), a dateline
(``27 March 2025, 15:21 | Updated: ...``), a byline (``By contributor NAME,
ROLE``), a masthead (the outlet's name alone on the first line) followed by
the headline, empty ``Published`` / ``Last updated`` labels, a radio show
header (``Presenter 10am - 1pm``).

Only the head of the text is looked at: scanning stops after two lines of
body text, so nothing inside the article is ever taken for metadata. Every
line taken out is recorded in ``removed`` with what it was, so nothing
disappears silently; in-body furniture is left for the cleaning stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.ingest.dates import DateValue, parse_date, parse_dateline
from storyline.model import Precision, Removed

# Scanning stops after this many non-blank lines or this many body lines.
MAX_HEADER_LINES = 12
MAX_BODY_LINES = 2

DATE_HEADER = re.compile(
    r"^\s*date\s*:?\s+(?P<date>\d{4}(?:-\d{1,2}){0,2})(?![\d-])[ \t]*(?P<rest>.*)$",
    re.IGNORECASE,
)

_TIME_OF_DAY = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
SHOW_HEADER = re.compile(
    rf"""^(?P<name>[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|with|and|&)){{0,5}})
    \s+(?P<slot>{_TIME_OF_DAY}\s*(?:-|–|—|to|until)\s*{_TIME_OF_DAY})$""",
    re.VERBOSE,
)

EMPTY_LABEL = re.compile(
    r"^(?:first\s+)?(?:published|posted|updated|last\s+updated|last\s+modified|modified)\s*:?$",
    re.IGNORECASE,
)
UPDATE_LINE = re.compile(
    r"^(?:last\s+)?(?:updated|modified|edited)\s*(?:on|:)?\s*(?P<rest>.+)$", re.IGNORECASE
)

_NAME_WORD = r"[A-Z][A-Za-z'’\-]*\.?"
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|le|la|al|el|bin|ibn|du)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,3}}"
BYLINE = re.compile(
    rf"""^(?i:by)\s*:?\s+
    (?:(?i:our\s+)?(?i:contributor|correspondent|staff\s+reporter|reporter|staff\s+writer)\s+)?
    (?P<who>{_NAME}(?:\s*(?:\band\b|&)\s*{_NAME})*
        (?:\s*[,|–—-]\s*.{{1,100}})?)$""",
    re.VERBOSE,
)
_NOT_A_NAME = re.compile(
    r"^(?:the|a|an|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|"
    r"february|march|april|may|june|july|august|september|october|november|december|"
    r"then|now|late|early|mid|noon|midnight|contrast|comparison|far|law|order|default)\b",
    re.IGNORECASE,
)

# Words that mark a line as a publication's name.
OUTLET_WORDS = frozenset(
    {"star", "times", "post", "news", "guardian", "telegraph", "herald", "mail", "express",
     "mirror", "independent", "standard", "gazette", "journal", "chronicle", "tribune",
     "observer", "echo", "courier", "record", "press", "sun", "daily", "evening", "sunday",
     "weekly", "argus", "advertiser", "examiner", "review", "today", "radio", "tv",
     "television", "reuters", "bulletin", "dispatch", "sentinel", "monitor", "leader",
     "messenger", "enquirer", "inquirer", "register", "packet", "clarion", "beacon", "ledger",
     "globe", "magazine", "online", "network", "broadcasting", "wire", "agency", "digest",
     "insider", "citizen", "voice", "eagle", "pioneer", "recorder", "telegram", "gleaner",
     "mercury", "politico", "bbc", "cnn", "lbc", "itv", "sky"}
)
# Phrases that look like a masthead but are section furniture.
NOT_OUTLETS = frozenset(
    {"breaking news", "latest news", "top news", "news", "live", "top stories", "world news",
     "uk news", "us news", "local news", "more news", "sport", "sports", "opinion", "analysis",
     "politics", "business", "world", "uk", "us", "europe", "comment", "video", "technology",
     "science", "health", "culture", "lifestyle", "entertainment", "money", "travel",
     "environment", "education", "home", "exclusive", "breaking", "update", "live updates"}
)
_CONNECTORS = frozenset({"the", "of", "and", "&", "on", "in", "de", "la", "le", "for", "at"})


@dataclass
class Header:
    """What the head of a text says about it."""

    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    published_precision: Precision | None = None
    removed: list[Removed] = field(default_factory=list)

    def set_date(self, value: DateValue) -> None:
        """Keep the most precise of the dates the head states, if they agree."""
        date, precision = value
        more_precise = self.published is not None and (
            date.startswith(self.published) and len(date) > len(self.published)
        )
        if self.published is None or more_precise:
            self.published, self.published_precision = date, precision


def _words(line: str) -> list[str]:
    return line.split()


def _ends_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", ",", ";", ":"))


def is_masthead(line: str, next_line: str | None) -> bool:
    """An outlet's name alone on a line: short, capitalised, no sentence marks."""
    words = _words(line)
    if not 1 <= len(words) <= 6 or len(line) > 60 or line.lower() in NOT_OUTLETS:
        return False
    if re.search(r"[\d()\[\]{}:|\"“”‘’?!]", line) or _ends_sentence(line):
        return False
    for word in words:
        if word.lower() in _CONNECTORS:
            continue
        if not (word[0].isupper() or (word[0] == "'" and len(word) > 1)):
            return False
    if any(w.lower().strip(".'’") in OUTLET_WORDS for w in words):
        return True
    # No outlet word: accept a short name only when a headline follows it.
    return len(words) <= 4 and next_line is not None and is_headline(next_line) and (
        len(_words(next_line)) > len(words) + 1
    )


def is_headline(line: str) -> bool:
    """A headline: a phrase of a few words, not a sentence, not furniture."""
    words = _words(line)
    if not 3 <= len(words) <= 30 or len(line) > 250:
        return False
    if line.startswith(("[", "(")) or "(" in line or _ends_sentence(line):
        return False
    if BYLINE.match(line) or parse_dateline(line) or SHOW_HEADER.match(line):
        return False
    return bool(re.match(r"^[\"'“‘]?[A-Z0-9]", line))


def match_byline(line: str) -> str | None:
    """The byline a ``By ...`` line gives (names and role), or ``None``."""
    if len(line) > 140:
        return None
    m = BYLINE.match(line)
    if m is None:
        return None
    who = m.group("who").strip()
    if _NOT_A_NAME.match(who):
        return None
    head = re.split(r"\s*[,|–—-]\s*", who, maxsplit=1)[0]
    if re.search(r"\d", head):
        return None
    if line.endswith(".") and not re.search(r"\b[A-Z][a-z]?\.$", line):
        return None  # a sentence ("By then, ... ."), not a byline
    return who


def _split_byline_date(who: str) -> tuple[str, DateValue | None]:
    """``Jane Doe | 27 March 2025``: the date part of a byline, if there is one."""
    parts = [p.strip() for p in re.split(r"\s*\|\s*", who)]
    for i, part in enumerate(parts[1:], start=1):
        date = parse_dateline(part)
        if date is not None:
            return " | ".join(parts[:i]), date
    return who, None


def lift_header(text: str) -> tuple[str, Header]:
    """Split ``text`` into its body and the metadata its first lines state."""
    lines = text.split("\n")
    header = Header()
    drop: set[int] = set()
    replace: dict[int, str] = {}
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    body_lines = 0
    previous = ""  # kind of the previous non-blank line

    def after(position: int) -> str | None:
        return lines[nonblank[position + 1]].strip() if position + 1 < len(nonblank) else None

    for position, index in enumerate(nonblank[:MAX_HEADER_LINES]):
        if body_lines >= MAX_BODY_LINES:
            break
        raw = lines[index]
        line = raw.strip()
        kind = ""

        date_header = DATE_HEADER.match(raw)
        date_value = parse_date(date_header.group("date")) if date_header else None
        if date_header and date_value:
            header.set_date(date_value)
            cut = raw[: date_header.start("rest")].strip()
            header.removed.append(Removed(cut, "date header (published)"))
            rest = date_header.group("rest").strip()
            if rest:
                # The header was glued to the first paragraph: keep the paragraph.
                replace[index] = rest
                body_lines += 1
            else:
                drop.add(index)
            previous = "date"
            continue

        byline = match_byline(line)
        if SHOW_HEADER.match(line):
            kind, reason = "show", "show header"
        elif EMPTY_LABEL.match(line):
            kind, reason = "label", "empty date label"
        elif (m := UPDATE_LINE.match(line)) and parse_dateline(m.group("rest")):
            kind, reason = "updated", "update date"
        elif (date_value := parse_dateline(line)) is not None:
            kind, reason = "dateline", "dateline (published)"
            header.set_date(date_value)
        elif byline is not None:
            kind, reason = "byline", "byline"
            name, when = _split_byline_date(byline)
            header.byline = header.byline or name
            if when is not None:
                header.set_date(when)
        elif position == 0 and is_masthead(line, after(position)):
            kind, reason = "masthead", "masthead (outlet)"
            header.outlet = line
        elif header.title is None and is_headline(line) and (
            previous == "masthead" or _metadata_follows(after(position))
        ):
            kind, reason = "headline", "headline (title)"
            header.title = line

        if kind:
            drop.add(index)
            header.removed.append(Removed(line, reason))
        else:
            body_lines += 1
        previous = kind or "body"

    return _join(lines, drop, replace), header


def _metadata_follows(line: str | None) -> bool:
    """A headline with no masthead is recognised by the byline or dateline under it."""
    if line is None:
        return False
    return match_byline(line) is not None or parse_dateline(line) is not None


def _join(lines: list[str], drop: set[int], replace: dict[int, str]) -> str:
    """The lines left, without the blank runs that dropping lines would double up."""
    kept: list[str] = []
    dropped_since = False
    for index, line in enumerate(lines):
        if index in drop:
            dropped_since = True
            continue
        line = replace.get(index, line)
        blank = not line.strip()
        if blank and dropped_since and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
        if not blank:
            dropped_since = False
    return "\n".join(kept).lstrip()
