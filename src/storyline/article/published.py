"""The publication date of an article, with its precision.

``published`` is always a full ``YYYY-MM-DD`` string or ``None``; a date known
only to the month is given as the first of that month with precision
``"month"`` (``2025-03`` -> ``("2025-03-01", "month")``), a year alone as the
first of January with precision ``"year"``. The precision says how much of the
string to believe.

Where the metadata gives only a month (or a year), the text may pin the day,
and only then is it narrowed: an explicit date tied to the moment of writing
("today (Thursday 27 March)", "this afternoon, Thursday, March 27",
"yesterday (Wednesday 26 March)"), whose weekday, if written, agrees with the
calendar, and which falls inside the metadata's month. A weekday alone
("on Thursday") names four or five days of a month and never pins one; two
pinned days that disagree leave the month as it was. No day is ever guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.ingest.dates import MONTHS, date_from_url, parse_date, parse_dateline
from storyline.model import Precision, RawDocument

_RANK: dict[Precision, int] = {"year": 0, "month": 1, "day": 2}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Leading lines of a raw body searched for a dateline the reader did not lift.
DATELINE_LINES = 6

_WD = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?"
_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
# An explicit calendar date, optionally with its weekday: "Thursday 27 March 2025",
# "Thursday, March 27", "27th of March", "Thursday the 27th".
_DATE = (
    rf"(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?"
    rf"(?:(?P<d1>\d{{1,2}}){_ORD}(?:\s+of)?\s+(?P<m1>{_MON})"
    rf"|(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}}){_ORD}"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)(?!\s+(?:of\s+)?{_MON}))"
    rf"(?:,?\s+(?P<y>\d{{4}}))?(?!\d)"
)
# Words that tie a date to the moment of writing, and the days from that date to it.
_DEICTIC = (
    r"(?P<dx>today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today"
    r"|yesterday|tomorrow)"
)
_SEP = r"\s*(?:[,(–—-]\s*)?(?:on\s+)?"
_FORWARD = re.compile(rf"\b{_DEICTIC}(?:['’]s)?{_SEP}{_DATE}", re.IGNORECASE)
_BACKWARD = re.compile(rf"\b(?:on\s+)?{_DATE}\)?,?\s+{_DEICTIC}\b", re.IGNORECASE)
_WEEKDAY_ONLY = re.compile(
    rf"\b{_DEICTIC}\s*(?:[,(]\s*)(?P<wd>{_WD})\b(?!,?\s+(?:the\s+)?\d|,?\s+{_MON})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_URL_LINE = re.compile(r"^https?\s*:\s*/\s*/", re.IGNORECASE)
_HEADER = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}){0,2})\b", re.IGNORECASE)


def normalise_published(
    value: str, precision: Precision | None = None
) -> tuple[str, Precision] | None:
    """A metadata date as ``(YYYY-MM-DD, precision)``, or ``None`` if unreadable.

    Accepts ISO dates and datetimes, RFC 2822 feed dates, "27 March 2025",
    "March 2025", "2025-03", "2025". A ``precision`` coarser than what the string
    shows (a reader that stored "2025-03-01" meaning March) wins.
    """
    if not _YEAR.search(value):
        return None  # "yesterday", "Thursday": relative words are not metadata dates
    parsed = parse_date(value)
    if parsed is None:
        return None
    iso, found = parsed
    if precision is not None and _RANK[precision] < _RANK[found]:
        found = precision
    year, month, day = (iso.split("-") + ["01", "01"])[:3]
    if found == "year":
        return f"{year}-01-01", "year"
    if found == "month":
        return f"{year}-{month}-01", "month"
    return f"{year}-{month}-{day}", "day"


def resolve_published(raw: RawDocument, text: str) -> tuple[str | None, Precision | None]:
    """The publication date of ``raw`` (see the module docstring for the rules).

    ``text`` is the cleaned body, searched for references that pin the day.
    """
    found = normalise_published(raw.published, raw.published_precision) if raw.published else None
    if found is None:
        found = _from_leading_lines(raw.text, raw.url)
    if found is None:
        return None, None
    published, precision = found
    if precision == "day":
        return published, precision
    start = dt.date.fromisoformat(published)
    leading = _from_leading_lines(raw.text, raw.url)
    if (
        leading is not None
        and leading[1] == "day"
        and _within(dt.date.fromisoformat(leading[0]), start, precision)
    ):
        return leading
    day = pin_day(text, start, precision)
    if day is None:
        return published, precision
    return day.isoformat(), "day"


def pin_day(text: str, start: dt.date, precision: Precision) -> dt.date | None:
    """The one day inside the period from ``start`` that ``text`` pins, else ``None``."""
    pinned: set[dt.date] = set()
    for pattern in (_FORWARD, _BACKWARD):
        for m in pattern.finditer(text):
            day = _pinned(m, start, precision)
            if day is not None:
                pinned.add(day)
    if len(pinned) != 1:
        return None
    (day,) = pinned
    # "today (Friday)" elsewhere in the text contradicts a pinned Thursday.
    for m in _WEEKDAY_ONLY.finditer(text):
        weekday = _weekday(m.group("wd"))
        if weekday is not None and (day + dt.timedelta(days=_offset(m))).weekday() != weekday:
            return None
    return day


def _pinned(m: re.Match[str], start: dt.date, precision: Precision) -> dt.date | None:
    g = m.groupdict()
    day_text = g["d1"] or g["d2"] or g["d3"]
    month_text = g["m1"] or g["m2"]
    month = MONTHS[month_text.lower().rstrip(".")] if month_text else start.month
    if not month_text and precision == "year":
        return None  # "Thursday the 27th" needs the month from somewhere
    year = int(g["y"]) if g["y"] else start.year
    try:
        named = dt.date(year, month, int(day_text))
    except ValueError:
        return None
    weekday = _weekday(g["wd"]) if g["wd"] else None
    if g["wd"] and weekday != named.weekday():
        return None  # "Thursday 26 March 2025" is a Wednesday: a slip, not evidence
    published = named - dt.timedelta(days=_offset(m))
    return published if _within(published, start, precision) else None


def _offset(m: re.Match[str]) -> int:
    """Days from the publication date to the named one (``yesterday``: -1)."""
    word = m.group("dx").lower()
    if word == "yesterday":
        return -1
    if word == "tomorrow":
        return 1
    return 0


def _weekday(name: str) -> int | None:
    low = name.lower().rstrip(".")
    for number, full in enumerate(WEEKDAYS):
        if full.startswith(low[:3]):
            return number
    return None


def _within(day: dt.date, start: dt.date, precision: Precision) -> bool:
    if precision == "year":
        return day.year == start.year
    if precision == "month":
        return (day.year, day.month) == (start.year, start.month)
    return day == start


def _from_leading_lines(text: str, url: str | None = None) -> tuple[str, Precision] | None:
    # A dateline or "date 2025-03" header the reader left at the top of the body, or a
    # date in the article's URL (given, or a URL line at the top): the most precise wins.
    header = _HEADER.match(text)
    if header is not None:
        return normalise_published(header.group(1))
    datelines: list[tuple[str, Precision]] = []
    urls = [value] if url and (value := date_from_url(url)) else []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:DATELINE_LINES]:
        if _URL_LINE.match(line):  # "http : / / site . com / 2013 / ..."
            value = date_from_url(re.sub(r"\s+", "", line))
            urls += [value] if value else []
        elif len(line) <= 100 and (value := parse_dateline(line)) is not None:
            datelines.append(value)
    # A dateline says when this text was published; a URL may be an archive's later copy.
    found = datelines + urls
    if not found:
        return None
    best = max(found, key=lambda v: _RANK[v[1]])  # the first of the most precise
    return normalise_published(best[0], best[1])
