"""Calendar arithmetic for temporal expressions, TIMEX3-style.

Values follow TimeML's TIMEX3 ``value`` attribute: ``2025-03-27``, ``2025-W13``,
``2025-W13-WE``, ``2025-03``, ``2025-Q1``, ``2025-SU``, ``2025``, ``202`` (a decade),
``20`` (a century), ``2025-03-27TAF``, ``P3Y``, ``XXXX-WXX-5``, ``PRESENT_REF``.

Everything relative is computed against a :class:`Reference`: the article's
publication date and how much of it is known. Where the reference is coarser
than the answer (an article known only to the month says "on Thursday"), the
unknown digits are written as ``X`` (``2025-03-XX``: a day in March 2025, day
unknown; ``2025-WXX``: some week of 2025) instead of inventing them. With no
reference at all every relative value is fully masked (``XXXX-XX-XX``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Gran = Literal["day", "week", "weekend", "month", "quarter", "half", "season", "year",
               "decade", "century"]
Tense = Literal["past", "present", "future", "modal", "none"]

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
         "overnight": "NI", "tonight": "NI", "midday": "MI", "noon": "MI"}


@dataclass(frozen=True)
class Reference:
    """The date relative expressions are resolved against, and its precision."""

    date: dt.date | None
    precision: Literal["day", "month", "year"] | None

    @classmethod
    def from_published(cls, published: str | None, precision: str | None) -> Reference:
        if not published:
            return cls(None, None)
        try:
            day = dt.date.fromisoformat(published[:10])
        except ValueError:
            return cls(None, None)
        if precision == "month":
            return cls(day.replace(day=1), "month")
        if precision == "year":
            return cls(day.replace(month=1, day=1), "year")
        return cls(day, "day")

    def knows(self, gran: str) -> bool:
        """Whether a value of granularity ``gran`` can be computed exactly from here."""
        if self.date is None or self.precision is None:
            return False
        if self.precision == "day":
            return True
        if self.precision == "month":
            return gran in ("month", "quarter", "half", "season", "year", "decade", "century")
        return gran in ("year", "decade", "century")


# ---------------------------------------------------------------- arithmetic
def add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = [31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month]
    return dt.date(year, month + 1, min(day.day, last))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def shift(day: dt.date, gran: str, n: int) -> dt.date:
    """``day`` moved by ``n`` units of ``gran``."""
    if gran == "day":
        return day + dt.timedelta(days=n)
    if gran in ("week", "weekend"):
        return day + dt.timedelta(weeks=n)
    if gran == "month":
        return add_months(day, n)
    if gran == "quarter":
        return add_months(day, 3 * n)
    if gran == "half":
        return add_months(day, 6 * n)
    if gran == "year":
        return add_months(day, 12 * n)
    if gran == "decade":
        return add_months(day, 120 * n)
    if gran == "century":
        return add_months(day, 1200 * n)
    raise ValueError(gran)


def fmt(day: dt.date, gran: str) -> str:
    """``day`` written at granularity ``gran``."""
    if gran == "day":
        return day.isoformat()
    if gran == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if gran == "weekend":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}-WE"
    if gran == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if gran == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if gran == "year":
        return f"{day.year:04d}"
    if gran == "decade":
        return f"{day.year // 10:03d}"
    if gran == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(gran)


def masked(ref: Reference, gran: str) -> str:
    """The value of granularity ``gran`` with the digits ``ref`` cannot give as X."""
    year = "XXXX"
    month = "XX"
    if ref.date is not None and ref.precision in ("day", "month", "year"):
        year = f"{ref.date.year:04d}"
        if ref.precision in ("day", "month"):
            month = f"{ref.date.month:02d}"
    if gran == "day":
        return f"{year}-{month}-XX"
    if gran == "week":
        return f"{year}-WXX"
    if gran == "weekend":
        return f"{year}-WXX-WE"
    if gran == "month":
        return f"{year}-XX"
    if gran in ("season", "quarter", "half"):
        return f"{year}-" + {"season": "XX", "quarter": "QX", "half": "HX"}[gran]
    if gran == "decade":
        return year[:3] if year != "XXXX" else "XXX"
    if gran == "century":
        return year[:2] if year != "XXXX" else "XX"
    return year


def relative(ref: Reference, gran: str, n: int) -> str:
    """The unit of ``gran`` that is ``n`` units from the reference (0: the current one)."""
    if ref.date is None or not ref.knows(gran):
        return masked(ref, gran)
    return fmt(shift(ref.date, gran, n), gran)


def weekday(ref: Reference, wd: int, tense: Tense, week_shift: int | None = None,
            strict: bool = False) -> str:
    """The date of weekday ``wd`` (0 = Monday) a news article means.

    Past or unmarked tense: the latest such day up to and including the reference
    (news says "said Thursday" on the Thursday itself); future: the first such day
    from the reference on. ``week_shift`` anchors it in the reference's ISO week
    moved by that many weeks ("Thursday this week" / "next week"). ``strict``
    excludes the reference day itself ("last Thursday", "next Thursday").
    """
    if ref.date is None or ref.precision is None:
        return f"XXXX-WXX-{wd + 1}"
    if ref.precision != "day":
        return masked(ref, "day")
    base = ref.date
    if week_shift is not None:
        monday = base - dt.timedelta(days=base.weekday())
        day = monday + dt.timedelta(days=7 * week_shift + wd)
        # On a Sunday, "Thursday this week" said of a plan means the coming week.
        if week_shift == 0 and tense == "future" and day < base and base.weekday() == 6:
            day += dt.timedelta(days=7)
        return day.isoformat()
    delta = wd - base.weekday()
    if tense == "future":
        if delta < 0 or (strict and delta == 0):
            delta += 7
    else:
        if delta > 0 or (strict and delta == 0):
            delta -= 7
    return (base + dt.timedelta(days=delta)).isoformat()


def month_year(ref: Reference, month: int, tense: Tense) -> str:
    """``YYYY-MM`` for a month named without a year ("as soon as April").

    The nearest such month to the reference, unless the tense of the clause that
    names it (not of a reporting verb above it) puts it on the other side.
    """
    if ref.date is None or ref.precision is None:
        return f"XXXX-{month:02d}"
    year = ref.date.year
    if ref.precision == "year":
        return f"{year:04d}-{month:02d}"
    delta = month - ref.date.month
    if delta > 6 or (delta == 6 and tense == "past"):
        year -= 1
    elif delta < -6 or (delta == -6 and tense == "future"):
        year += 1
    # The clause's own verb may put it on the other side: "was signed in June" written
    # in January is last June, "will open in November" written in March is this one.
    if tense == "past" and (year, month) > (ref.date.year, ref.date.month):
        year -= 1
    elif tense == "future" and (year, month) < (ref.date.year, ref.date.month):
        year += 1
    return f"{year:04d}-{month:02d}"


def day_of_month(ref: Reference, month: int, dom: int, tense: Tense) -> str:
    """``YYYY-MM-DD`` for a day named without a year ("March 27"): the nearest such
    date to the reference (explicit dates are seldom more than half a year away)."""
    if ref.date is None or ref.precision is None:
        return f"XXXX-{month:02d}-{dom:02d}"
    year = ref.date.year
    if ref.precision == "year":
        return f"{year:04d}-{month:02d}-{dom:02d}"
    delta = month - ref.date.month
    if delta > 6:
        year -= 1
    elif delta < -6:
        year += 1
    months_away = (year - ref.date.year) * 12 + delta
    # Far enough ahead or behind that the tense can be trusted to flip it:
    # "the year ended March 31" written in October.
    if tense == "past" and months_away >= 3:
        year -= 1
    elif tense == "future" and months_away <= -3:
        year += 1
    return f"{year:04d}-{month:02d}-{dom:02d}"


def anchored(anchor: str, n: int, gran: str) -> str | None:
    """``anchor`` (a TIMEX3 value) moved by ``n`` units of ``gran``, at the anchor's
    granularity when that is finer ("a year earlier" after "the third quarter")."""
    parsed = parse_value(anchor)
    if parsed is None:
        return None
    day, agran = parsed
    out_gran = agran if rank(agran) < rank(gran) else gran
    if agran == "week" and gran in ("month", "year", "quarter"):
        out_gran = gran
    return fmt(shift(day, gran, n), out_gran)


_RANKS = ("day", "week", "weekend", "month", "season", "quarter", "half", "year", "decade",
          "century")


def rank(gran: str) -> int:
    return _RANKS.index(gran) if gran in _RANKS else len(_RANKS)


def parse_value(value: str) -> tuple[dt.date, str] | None:
    """A concrete DATE value as (first day, granularity), or None if not concrete."""
    v = value.split("T")[0]
    try:
        if len(v) == 10 and v[4] == "-" and v[7] == "-":
            return dt.date.fromisoformat(v), "day"
        if len(v) >= 8 and v[5] == "W" and v[6:8].isdigit():
            return dt.date.fromisocalendar(int(v[:4]), int(v[6:8]), 1), (
                "weekend" if v.endswith("WE") else "week")
        if len(v) == 7 and v[5:].isdigit():
            return dt.date(int(v[:4]), int(v[5:7]), 1), "month"
        if len(v) == 7 and v[5] == "Q" and v[6].isdigit():
            return dt.date(int(v[:4]), 3 * int(v[6]) - 2, 1), "quarter"
        if len(v) == 7 and v[5] == "H" and v[6].isdigit():
            return dt.date(int(v[:4]), 6 * int(v[6]) - 5, 1), "half"
        if len(v) == 4 and v.isdigit():
            return dt.date(int(v), 1, 1), "year"
    except ValueError:
        return None
    return None


def duration(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: ``P3Y``, ``PT4H``, ``P2Y6M``; ``n`` None gives ``PXY``."""
    time_units = {"hour": "H", "minute": "M", "second": "S"}
    date_units = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q",
                  "year": "Y", "decade": "DE", "century": "CE", "millennium": "ML",
                  "fortnight": "W", "night": "D", "season": "M"}
    if unit == "fortnight" and n is not None:
        n, unit = n * 2, "week"
    if unit == "season" and n is not None:
        n, unit = n * 3, "month"
    if unit in ("decade", "century", "millennium") and n is not None:
        n, unit = n * {"decade": 10, "century": 100, "millennium": 1000}[unit], "year"
    prefix = "PT" if unit in time_units else "P"
    code = time_units.get(unit) or date_units.get(unit, "X")
    if n is None:
        return f"{prefix}X{code}"
    if n == int(n):
        return f"{prefix}{int(n)}{code}"
    whole = int(n)
    frac = n - whole
    # Halves go to the next smaller unit: 2 1/2 years -> P2Y6M, 1 1/2 hours -> PT1H30M.
    smaller = {"year": (12, "M", "P"), "month": (30, "D", "P"), "day": (24, "H", "T"),
               "hour": (60, "M", "T"), "minute": (60, "S", "T"), "week": (7, "D", "P")}
    if unit in smaller:
        mult, code2, kind = smaller[unit]
        sub = round(frac * mult)
        head = f"{whole}{code}" if whole else ""
        if kind == "T" and prefix == "P":
            return f"P{head}T{sub}{code2}"
        return f"{prefix}{head}{sub}{code2}"
    return f"{prefix}{n:g}{code}"


# ---------------------------------------------------------------- what handlers share
# "VETO": the span is claimed and is not a temporal expression ("$5 a year" must not
# leave "a year" to the duration rule).
TimexType = Literal["DATE", "TIME", "DURATION", "SET", "VETO"]


@dataclass
class Found:
    """A handler's verdict on a match: type, value and (possibly trimmed) span."""

    type: TimexType
    value: str
    start: int
    end: int
    anchor: bool = True  # may later expressions lean on it ("a year earlier")?


@dataclass
class Context:
    """What handlers may consult: the text, the reference date, tense, the anchor."""

    text: str
    ref: Reference
    tense_of: Callable[..., Tense]  # (start, end, local=False)
    anchor: str | None = None  # last concrete DATE value, for "a year earlier"
    anchor_end: int = -1  # where that anchor's text ends


Handler = Callable[[re.Match[str], Context], "Found | None"]


def group(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def low(s: str | None) -> str:
    return re.sub(r"\s+", " ", s.lower()) if s else ""


def found_at(m: re.Match[str], type_: TimexType, value: str) -> Found:
    return Found(type_, value, m.start(), m.end())


def lean(m: re.Match[str], type_: TimexType, value: str) -> Found:
    """A value computed from another expression: later ones must not lean on it."""
    return Found(type_, value, m.start(), m.end(), anchor=False)


def prev_word(text: str, pos: int) -> str:
    m = re.search(r"(\S+)\s*$", text[max(0, pos - 40):pos])
    return m.group(1) if m else ""


def next_word(text: str, pos: int) -> str:
    m = re.match(r"\s*(\S+)", text[pos:pos + 40])
    return m.group(1) if m else ""


def sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:;"


def year_for(ref: Reference, y: str | None) -> int | None:
    if y:
        return int(y)
    return ref.date.year if ref.date is not None else None


def tense_for_mod(mod: str) -> Tense | None:
    if mod in ("last", "this past", "past", "the previous", "the preceding", "earlier"):
        return "past"
    if mod in ("next", "this coming", "coming", "the following", "the next", "later", "by"):
        return "future"
    return None


def day_value(ref: Reference, offset: int) -> str:
    if ref.date is None:
        return "XXXX-XX-XX"
    if ref.precision != "day":
        return masked(ref, "day")
    return (ref.date + dt.timedelta(days=offset)).isoformat()
