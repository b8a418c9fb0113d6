"""Publication dates as sources write them, normalised to ISO with a precision.

Only what the source states is kept: "March 2025" stays month precision;
narrowing it to a day from the text is a later stage's job.
"""

from __future__ import annotations

import datetime as dt
import re
import time

from storyline.model import Precision

DateValue = tuple[str, Precision]

MONTHS: dict[str, int] = {}
_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
for _number, _name in enumerate(_NAMES, start=1):
    MONTHS[_name] = _number
    MONTHS[_name[:3]] = _number
MONTHS["sept"] = 9

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?"

# A date at the start of a string, in the forms news pages use.
DATE_PREFIX = re.compile(
    rf"""^\s*(?:{_WEEKDAY}\s*,?\s*)?
    (?:
        (?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})(?:-(?P<id>\d{{2}}))?)(?![\d-])
      | (?P<ymd_y>\d{{4}})[./](?P<ymd_m>\d{{1,2}})[./](?P<ymd_d>\d{{1,2}})(?![\d./])
      | (?P<n1>\d{{1,2}})(?P<ns>[/.])(?P<n2>\d{{1,2}})(?P=ns)(?P<n3>\d{{4}}|\d{{2}})(?![\d./])
      | (?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>\d{{4}})
      | (?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})
      | (?P<my_m>{_MONTH}),?\s+(?P<my_y>\d{{4}})
      | (?P<y>(?:19|20)\d{{2}})(?![\d-])
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# What may follow a date in a dateline: a time, a zone, an "Updated ..." tail.
_TIME = (
    r"(?:(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?|[ap]\b|hrs\b|hours\b)?"
    r"|\d{1,2}\s*[ap]\.?m\.?)"
)
_ZONE = r"(?-i:(?:[A-Z]{2,5})?[+-]\d{1,2}(?::?\d{1,2})?|[A-Z]{2,5}|Z)"  # "Dec" is no zone
_ZONES = rf"(?:\s*\(\s*{_ZONE}\s*\)|\s*{_ZONE}\b){{0,2}}"  # "PDT", "( GMT+05:00 )", "ET EDT"
DATE_TAIL = re.compile(
    rf"""^(?:\s*[,|·•\-–—@]?\s*(?:T)?{_TIME}{_ZONES})?
    \s*(?:[|·•\-–—,;]\s*|\s+)?
    (?:(?:last\s+)?(?:updated|modified|edited)\b.*)?$""",
    re.IGNORECASE | re.VERBOSE,
)


def _build(year: int, month: int | None, day: int | None) -> DateValue | None:
    try:
        if day is not None and month is not None:
            return dt.date(year, month, day).isoformat(), "day"
        if month is not None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}", "month"
    except ValueError:
        return None
    if 1000 <= year <= 9999:
        return f"{year:04d}", "year"
    return None


def _numeric(g: dict[str, str]) -> DateValue | None:
    """ "05/02/2013", "30.11.09": a day-month order the numbers do not settle
    (both at most 12 and different) keeps the year alone; no day is guessed."""
    a, b, year_text = int(g["n1"]), int(g["n2"]), g["n3"]
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 70 else 1900
    if a == b or (a <= 12 < b):
        return _build(year, a, b)
    if b <= 12 < a:
        return _build(year, b, a)
    return _build(year, None, None) if a <= 12 and b <= 12 else None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def match_date(text: str) -> tuple[DateValue, int] | None:
    """A date at the start of ``text`` and where it ends, or ``None``."""
    m = DATE_PREFIX.match(text)
    if m is None:
        return None
    g = m.groupdict()
    value: DateValue | None
    if g["iso"]:
        value = _build(int(g["iy"]), int(g["im"]), int(g["id"]) if g["id"] else None)
    elif g["ymd_y"]:
        value = _build(int(g["ymd_y"]), int(g["ymd_m"]), int(g["ymd_d"]))
    elif g["n1"]:
        value = _numeric(g)
    elif g["dmy_d"]:
        value = _build(int(g["dmy_y"]), _month(g["dmy_m"]), int(g["dmy_d"]))
    elif g["mdy_m"]:
        value = _build(int(g["mdy_y"]), _month(g["mdy_m"]), int(g["mdy_d"]))
    elif g["my_m"]:
        value = _build(int(g["my_y"]), _month(g["my_m"]), None)
    else:
        value = _build(int(g["y"]), None, None)
    return (value, m.end()) if value else None


def parse_date(value: str) -> DateValue | None:
    """Normalise a metadata date ("2025-03-27T15:21Z", "27 March 2025", "2025-03")."""
    text = value.strip()
    if not text:
        return None
    found = match_date(text)
    if found is not None:
        date, end = found
        if DATE_TAIL.match(text[end:]):
            return date
    if re.match(r"^\d{4}-\d{1,2}", text):
        return None  # ISO-shaped but invalid ("2025-13-01"): do not let a guesser swap fields
    return _parse_loose(text)


def _parse_loose(text: str) -> DateValue | None:
    # Anything else with a full date in it (RFC 822 with odd zones, "03/27/2025"...):
    # dateparser knows far more forms; it is only asked when the patterns fail.
    import dateparser

    if not re.search(r"\b\d{4}\b", text):
        return None  # relative words ("yesterday") are not a publication date
    parsed = dateparser.parse(
        text,
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
        languages=["en"],
    )
    if parsed is None:
        return None
    return parsed.date().isoformat(), "day"


def from_struct(value: time.struct_time | None) -> DateValue | None:
    """A feedparser ``*_parsed`` time as an ISO day."""
    if value is None:
        return None
    return _build(value.tm_year, value.tm_mon, value.tm_mday)


_ABBREVIATED = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
    r"\s+\.",
    re.IGNORECASE,
)


def _untokenised(line: str) -> str:
    """A dateline as written, from one split into tokens ("May 23 , 2005 1 : 19 p . m .",
    "Fri . , May . 3", "05 / 02 / 2013", "2012 - 04 - 04")."""
    line = re.sub(r"(\d)\s*:\s*(\d)", r"\1:\2", line)
    line = re.sub(r"(\d)\s+\.\s+(\d)", r"\1.\2", line)
    line = re.sub(r"(\d)\s*/\s*(?=\d)", r"\1/", line)
    line = re.sub(r"\b(\d{4})\s+-\s+(\d{1,2})\s+-\s+(\d{1,2})\b", r"\1-\2-\3", line)
    line = re.sub(r"\b([ap])\s*\.\s*m\s*\.", r"\1.m.", line, flags=re.IGNORECASE)
    line = _ABBREVIATED.sub(r"\1.", line)
    line = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", line))
    return re.sub(r"\s+,", ",", line)


_PREFIX = re.compile(
    r"^\s*(?:on\s+|(?:(?:first|originally)\s+)?(?:story\s+created|article\s+posted|"
    r"published\s+time|published|posted|created|date|dated|(?:last\s+)?updated)"
    r"(?:\s+on\b)?\s*:?\s*)",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(r"\s*(?:19|20)\d\d\s*")


def parse_dateline(line: str) -> DateValue | None:
    """The publication date of a dateline such as ``27 March 2025, 15:21 | Updated: ...``.

    The whole line must be date furniture (a date, a time, a zone, an update
    note), so a sentence that merely starts with a date is never taken.
    """
    text = _untokenised(line).strip(" |.-–—")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]  # "( March 20 , 2007 ) - -"
    text = _PREFIX.sub("", text)
    found = match_date(text)
    if found is None:
        # "15:21, 27 March 2025": time first.
        lead = re.match(rf"^\s*{_TIME}{_ZONES}\s*[,|·•\-–—]?\s*", text, re.IGNORECASE)
        if lead is None:
            return None
        text = text[lead.end() :]
        found = match_date(text)
        if found is None:
            return None
    date, end = found
    if _BARE_YEAR.fullmatch(text[:end]) and text.strip() != text[:end].strip():
        return None  # a bare year followed by more words is a sentence, not a dateline
    return date if DATE_TAIL.match(text[end:]) else None


_URL_DATES = (
    re.compile(r"/((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?=/|$)"),  # /2013/05/03/
    re.compile(r"/((?:19|20)\d\d)-(\d\d)-(\d\d)(?=[-/_.]|$)"),  # /2010-05-05-greece...
    re.compile(r"/((?:19|20)\d\d)/([a-z]{3,9})/(\d\d?)(?=/|$)", re.IGNORECASE),  # /2013/aug/02/
)
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(\d\d)/")  # /2013/08/slug: the month only


def date_from_url(url: str) -> DateValue | None:
    """The date a news URL's path gives ("/2013/05/03/", "/2013/aug/02/",
    "/2010-05-05-greece-strike"); a year and month alone give the month."""
    path = re.sub(r"^[a-z]+://[^/]*", "", url.strip(), flags=re.IGNORECASE)
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if m is not None:
            month = m.group(2)
            number = int(month) if month.isdigit() else MONTHS.get(month.lower())
            value = _build(int(m.group(1)), number, int(m.group(3))) if number else None
            if value is not None:
                return value
    m = _URL_MONTH.search(path)
    return _build(int(m.group(1)), int(m.group(2)), None) if m else None
