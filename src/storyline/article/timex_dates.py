"""Handlers for calendar expressions: dates, months, years, quarters, seasons, holidays.

Each ``h_<rule>`` turns a match of that rule (see :mod:`timex_patterns`) into a
:class:`Found` (TIMEX3 type, value, span), or ``None`` when the match is not a
temporal expression after all ("Theresa May", "2000 troops").
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.article import timex_normalise as tn
from storyline.article.timex_normalise import (
    Context,
    Found,
    found_at,
    lean,
    low,
    next_word,
    prev_word,
    sentence_start,
    tense_for_mod,
    year_for,
)
from storyline.article.timex_patterns import month_number, number


def h_iso(m: re.Match[str], ctx: Context) -> Found | None:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["hh"]:
        return found_at(m, "TIME", f"{day.isoformat()}T{m['hh']}:{m['mm']}")
    return found_at(m, "DATE", day.isoformat())


def h_slash(m: re.Match[str], ctx: Context) -> Found | None:
    year = int(m["y"])
    if year < 100:
        year += 1900 if year > 40 else 2000
    try:
        day = dt.date(year, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return found_at(m, "DATE", day.isoformat())


def _calendar_day(m: re.Match[str], ctx: Context) -> Found | None:
    month = month_number(m["mon"])
    dom = int(re.sub(r"\D", "", m["dom"]))
    year = int(m["y"]) if m["y"] else None
    if year is not None:
        try:
            return found_at(m, "DATE", dt.date(year, month, dom).isoformat())
        except ValueError:
            return None
    if dom > 31 or (month == 2 and dom > 29) or (month in (4, 6, 9, 11) and dom > 30):
        return None
    tense = ctx.tense_of(m.start(), m.end(), local=True)
    value = tn.day_of_month(ctx.ref, month, dom, tense if tense in ("past", "future") else "none")
    return found_at(m, "DATE", value)


def h_mdy(m: re.Match[str], ctx: Context) -> Found | None:
    # "May 5" is a date; "Theresa May 5" is not worth the risk: require no name before.
    prev = prev_word(ctx.text, m.start())
    if m["mon"] == "May" and prev[:1].isupper() and not sentence_start(ctx.text, m.start()) \
            and not m["wd"] and prev.lower() not in _MONTH_OK_BEFORE:
        return None
    return _calendar_day(m, ctx)


def h_dmy(m: re.Match[str], ctx: Context) -> Found | None:
    return _calendar_day(m, ctx)


_MONTH_OK_BEFORE = {"in", "of", "by", "since", "until", "till", "from", "through", "to",
                    "during", "before", "after", "last", "next", "this", "for", "between",
                    "and", "or", "early", "late", "mid", "on", "as", "than", "into", "each",
                    "every", "throughout", "around", "about", "that", "the", "but",
                    "past", "coming", "end", "beginning", "start", "middle", "early-",
                    "late-", "mid-", "at", "s", "over", "within", "also"}


def h_month(m: re.Match[str], ctx: Context) -> Found | None:
    mon = m["mon"].rstrip(".")
    month = month_number(mon)
    mod = low(m["mod"])
    prev = prev_word(ctx.text, m.start()).lower().strip(",;(\"'“‘")
    if not mod and not m["y"] and not m["rel"]:
        # A bare month name: "May" and "March" are also words and names.
        if mon in ("May", "MAY", "March", "MARCH") and prev not in _MONTH_OK_BEFORE:
            return None
        if prev_word(ctx.text, m.start())[:1].isupper() and not sentence_start(
                ctx.text, m.start()) and prev not in _MONTH_OK_BEFORE:
            return None
        nxt = next_word(ctx.text, m.end())
        if nxt[:1].isupper() and not nxt.startswith(("I", "A")) and mon in ("May", "March"):
            return None
    if m["y"]:
        return found_at(m, "DATE", f"{int(m['y']):04d}-{month:02d}")
    if m["rel"]:
        shift = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        if ctx.ref.date is None:
            return found_at(m, "DATE", f"XXXX-{month:02d}")
        return found_at(m, "DATE", f"{ctx.ref.date.year + shift:04d}-{month:02d}")
    if mod == "this" and ctx.ref.date is not None:
        return found_at(m, "DATE", f"{ctx.ref.date.year:04d}-{month:02d}")
    tense = tense_for_mod(mod)
    if tense is None:
        tense = ctx.tense_of(m.start(), m.end(), local=True)
        if tense in ("present", "modal"):
            tense = "none"
    ref = ctx.ref
    if mod in ("last", "this past", "next", "this coming") and ref.date is not None \
            and ref.precision != "year":
        # "last December": the latest December before this month; "next April": the first after.
        year = ref.date.year
        if mod in ("last", "this past") and month >= ref.date.month:
            year -= 1
        elif mod in ("next", "this coming") and month <= ref.date.month:
            year += 1
        return found_at(m, "DATE", f"{year:04d}-{month:02d}")
    return found_at(m, "DATE", tn.month_year(ref, month, tense))


_QUANTITY_BEFORE = {"about", "some", "nearly", "almost", "than", "over", "around", "only",
                    "just", "estimated", "approximately", "least", "roughly", "to", "of",
                    "and", "by", "from", "the", "no.", "no", "number", "#", "under", "all"}


_YEAR_PREPS = {"in", "since", "from", "until", "till", "by", "before", "after", "during",
               "through", "circa", "c.", "of", "around"}


def h_year(m: re.Match[str], ctx: Context) -> Found | None:
    year = int(m["y"])
    mod = low(m["mod"])
    text = ctx.text
    after = text[m.end():m.end() + 30]
    prev = prev_word(text, m.start()).lower()
    if not mod:
        if not 1900 <= year <= 2099 and prev not in _YEAR_PREPS:
            return None  # "in 1830" is a year; "1830 members" is not
        nxt = next_word(text, m.end())
        # "more than 2000 troops", "2000 people": a count, not a year.
        if re.match(r"[a-z]+s\b", nxt) and prev in _QUANTITY_BEFORE and not re.match(
                r"(?:levels|figures|results|elections|prices|rates|sales|earnings|games|"
                r"olympics|accords|talks)\b", nxt):
            return None
        if re.match(r"\s*(?:%|percent|per\s+cent|-\s*\d|\)?\s*(?:feet|metres|meters|"
                    r"miles|km|kilometres|kilometers|tons|tonnes|pounds|kg|yards|acres))",
                    after, re.IGNORECASE):
            return None
        if prev in ("$", "£", "€", "us$", "no.", "#", "page", "room", "flight", "route",
                    "resolution", "article"):
            return None
        if re.search(r"[$£€]\s*$", text[max(0, m.start() - 2):m.start()]):
            return None
    if "half" in mod:
        return found_at(m, "DATE", f"{year:04d}-H{1 if 'first' in mod else 2}")
    for season, code in tn.SEASONS.items():
        if season in mod:
            return found_at(m, "DATE", f"{year:04d}-{code}")
    return found_at(m, "DATE", f"{year:04d}")


def h_fy(m: re.Match[str], ctx: Context) -> Found | None:
    return found_at(m, "DATE", f"{int(m['y1']):04d}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def h_decade(m: re.Match[str], ctx: Context) -> Found | None:
    if m["dec"]:
        return found_at(m, "DATE", m["dec"])
    if m["dec2"]:
        return found_at(m, "DATE", f"19{m['dec2']}")
    word = m["decw"].lower()
    if not m.group(0).lower().startswith("the") and not m["mod"]:
        return None  # "in his fifties" is an age
    return found_at(m, "DATE", f"19{_DECADE_WORDS[word]}")


def h_century(m: re.Match[str], ctx: Context) -> Found | None:
    raw = m["n"].lower()
    ords = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
            "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "twenty-first": 21}
    n = ords.get(raw) or int(re.sub(r"\D", "", raw))
    return found_at(m, "DATE", f"{n - 1:02d}")


_Q_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
          "4th": 4, "final": 4}


def h_quarter(m: re.Match[str], ctx: Context) -> Found | None:
    ref = ctx.ref
    if m["y3"]:
        if m["ord3"]:
            return found_at(m, "DATE", f"{m['y3']}-Q{_Q_ORD[m['ord3'].lower()]}")
        anchor = tn.parse_value(ctx.anchor) if ctx.anchor else None
        if anchor is not None and anchor[1] == "quarter":
            # "the 1988 quarter" after "the third quarter": that quarter of 1988
            return lean(m, "DATE", f"{m['y3']}-Q{(anchor[0].month - 1) // 3 + 1}")
        return found_at(m, "DATE", m["y3"])
    if m["q"]:
        year = int(m["y2"]) if m["y2"] else year_for(ref, None)
        ystr = f"{year:04d}" if year is not None else "XXXX"
        return found_at(m, "DATE", f"{ystr}-Q{m['q']}")
    det = low(m["det"])
    pre = low(m["pre"])
    ord_ = low(m["ord"])
    if det == "a" and ord_ not in _Q_ORD:
        return None
    found = _quarter_value(m, ctx, det, pre, ord_)
    if found is not None and m["det"] and (
            det in ("its", "their", "a", "that") or "-quarter" in m.group(0).lower()):
        # "a third-quarter loss", "its fourth quarter": the quarter alone
        found.start = m.end("det") + len(ctx.text[m.end("det"):]) - len(
            ctx.text[m.end("det"):].lstrip())
    return found


def _quarter_value(m: re.Match[str], ctx: Context, det: str, pre: str,
                   ord_: str) -> Found | None:
    ref = ctx.ref
    back = 1 if ("year-ago" in pre or "year-earlier" in pre or ord_ in ("year-ago", "year-earlier")
                 or det.startswith("last year")) else 0
    fwd = 1 if det.startswith("next year") else 0
    if ord_ in _Q_ORD:
        q = _Q_ORD[ord_]
        if m["y"]:
            return found_at(m, "DATE", f"{int(m['y']):04d}-Q{q}")
        if ref.date is None:
            return found_at(m, "DATE", f"XXXX-Q{q}")
        year = ref.date.year - back + fwd
        anchor = tn.parse_value(ctx.anchor) if ctx.anchor else None
        if back and anchor is not None:
            return lean(m, "DATE", f"{anchor[0].year - 1:04d}-Q{q}")
        elif not back and not fwd and not det.startswith("this year"):
            cur_q = (ref.date.month - 1) // 3 + 1
            tense = ctx.tense_of(m.start(), m.end())
            if q > cur_q and tense != "future" and ref.precision != "year":
                year -= 1
        return found_at(m, "DATE", f"{year:04d}-Q{q}")
    # latest / current / last / next / previous / past quarter
    if ref.date is None or ref.precision == "year":
        return found_at(m, "DATE", tn.masked(ref, "quarter"))
    base = ref.date
    if ord_ in ("current",):
        return found_at(m, "DATE", tn.fmt(base, "quarter"))
    if ord_ == "next":
        return found_at(m, "DATE", tn.fmt(tn.shift(base, "quarter", 1), "quarter"))
    anchor_q = ctx.anchor if ctx.anchor and re.fullmatch(r"\d{4}-Q\d", ctx.anchor) else None
    if ord_ in ("year-ago", "year-earlier"):
        parsed_q = tn.parse_value(anchor_q) if anchor_q else None
        src = parsed_q[0] if parsed_q else tn.shift(base, "quarter", -1)
        return lean(m, "DATE", tn.fmt(tn.shift(src, "year", -1), "quarter"))
    if ord_ == "latest" and anchor_q:
        return found_at(m, "DATE", anchor_q)
    return found_at(m, "DATE", tn.fmt(tn.shift(base, "quarter", -1), "quarter"))


def h_half(m: re.Match[str], ctx: Context) -> Found | None:
    ord_ = m["ord"].lower()
    h = 1 if ord_ == "first" else 2
    text = m.group(0).lower()
    if m["y"]:
        return found_at(m, "DATE", f"{int(m['y']):04d}-H{h}")
    if "of" not in text and not text.startswith("the"):
        return None
    ref = ctx.ref
    if ref.date is None:
        return found_at(m, "DATE", f"XXXX-H{h}")
    year = ref.date.year + (1 if "next year" in text else -1 if "last year" in text else 0)
    return found_at(m, "DATE", f"{year:04d}-H{h}")


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def h_season(m: re.Match[str], ctx: Context) -> Found | None:
    word = m["s"].lower()
    code = tn.SEASONS[word]
    mod = low(m["mod"])
    text = ctx.text
    if m["y"]:
        return found_at(m, "DATE", f"{int(m['y']):04d}-{code}")
    if not mod:
        prev = prev_word(text, m.start()).lower()
        if word == "fall" or prev not in ("in", "this", "by", "until", "during", "since", "over",
                                          "through", "last", "next", "before", "after"):
            return None
        if m["s"][0].isupper() and not sentence_start(text, m.start()):
            return None
    if word == "fall" and re.match(r"\s+of\b", text[m.end():]):
        return None
    if mod == "the" and re.match(r"\s+of\b", text[m.end():]):
        return None
    if m["s"][0].isupper() and prev_word(text, m.start())[:1].isupper() and not \
            sentence_start(text, m.start()) and mod not in ("this", "last", "next"):
        return None  # "Arab Spring", "Prague Spring"
    ref = ctx.ref
    if ref.date is None:
        return found_at(m, "DATE", f"XXXX-{code}")
    year = ref.date.year
    if m["rel"]:
        year += {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        return found_at(m, "DATE", f"{year:04d}-{code}")
    if ref.precision == "year":
        return found_at(m, "DATE", f"{year:04d}-{code}")
    start = _SEASON_START[code]
    month = ref.date.month
    if mod in ("last", "this past", "past"):
        if start >= month or (code == "WI" and month <= 2):
            year -= 1
    elif mod in ("next", "this coming", "coming") and start <= month and not (
            code == "WI" and month == 12):
        year += 1
    return found_at(m, "DATE", f"{year:04d}-{code}")


def h_yearend(m: re.Match[str], ctx: Context) -> Found | None:
    year = year_for(ctx.ref, None)
    return found_at(m, "DATE", f"{year:04d}" if year is not None else "XXXX")


_YEAR_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
               "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
               "hundred": 0}


def h_yearw(m: re.Match[str], ctx: Context) -> Found | None:
    words = re.sub(r"\s+", " ", m["w"].lower())
    if words.startswith("two thousand"):
        rest = words[len("two thousand"):].replace(" and ", " ").strip()
        n = number(rest) if rest else 0.0
        if n is None:
            return None
        return found_at(m, "DATE", f"{2000 + int(n):04d}")
    head, _, tail = words.replace("-", " ", 1).partition(" ")
    century = 19 if head == "nineteen" else 20
    n = _YEAR_WORDS.get(tail)
    if n is None:
        parsed = number(tail)
        if parsed is None:
            return None
        n = int(parsed)
    if century == 20 and n >= 10 and not m.group(0).lower().startswith("the year"):
        # "twenty fifteen" is rare in prose; "twenty twenty" reads as a count.
        return None
    if head == "nineteen" and tail in _YEAR_WORDS and tail != "hundred" and \
            not m.group(0).lower().startswith("the year"):
        return None  # "nineteen eighteen" is fine, but "nineteen nineteen" is ambiguous text
    return found_at(m, "DATE", f"{century * 100 + n:04d}")


def h_yearago(m: re.Match[str], ctx: Context) -> Found | None:
    ref = ctx.ref
    start = m.start()
    if m["w"] and m["det"] and not m["noun"]:
        start = m.start("w")  # "a year-earlier loss": the adjective alone
    anchor = tn.parse_value(ctx.anchor) if ctx.anchor else None
    which = low(m["which"])
    if which in ("latest",):
        if anchor is not None and anchor[1] == "quarter":
            return Found("DATE", tn.fmt(anchor[0], "quarter"), start, m.end(), anchor=False)
        return Found("DATE", tn.relative(ref, "quarter", -1), start, m.end(), anchor=False)
    if which in ("comparable", "corresponding", "same") and not m["ly"]:
        return None
    noun = low(m["noun"])
    if noun.endswith("months"):
        n = number(noun.split()[0])
        return Found("DURATION", tn.duration(n, "month"), start, m.end(), anchor=False)
    if noun.endswith("quarter") and anchor is not None and anchor[1] != "quarter":
        anchor = None
    if anchor is not None and anchor[1] in ("quarter", "month"):
        return Found("DATE", tn.fmt(tn.shift(anchor[0], "year", -1), anchor[1]), start, m.end(),
                     anchor=False)
    if noun.endswith("quarter") and ref.date is not None and ref.precision != "year":
        prev_q = tn.shift(ref.date, "quarter", -1)
        return Found("DATE", tn.fmt(tn.shift(prev_q, "year", -1), "quarter"), start, m.end(),
                     anchor=False)
    return Found("DATE", tn.relative(ref, "year", -1), start, m.end(), anchor=False)


def _easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    mm = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * mm + 114) // 31
    day = (h + ll - 7 * mm + 114) % 31 + 1
    return dt.date(year, month, day)


def _nth_weekday(year: int, month: int, wd: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    last = tn.add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - wd) % 7)


def _holiday(name: str, year: int) -> dt.date:
    n = re.sub(r"\s+", " ", name.lower()).replace("’", "'")
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
             "boxing day": (12, 26), "halloween": (10, 31), "valentine's day": (2, 14),
             "independence day": (7, 4), "armistice day": (11, 11), "veterans day": (11, 11),
             "bastille day": (7, 14), "hogmanay": (12, 31), "may day": (5, 1)}
    if n in fixed:
        return dt.date(year, *fixed[n])
    if n.startswith("easter") or n == "good friday":
        easter = _easter(year)
        return easter + dt.timedelta(days={"good friday": -2, "easter monday": 1}.get(n, 0))
    if n.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if n in ("labor day", "labour day"):
        return _nth_weekday(year, 9, 0, 1)
    if n == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if n == "remembrance sunday":
        return _nth_weekday(year, 11, 6, 2)
    if n == "election day":
        return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
    raise ValueError(name)


def h_holiday(m: re.Match[str], ctx: Context) -> Found | None:
    name = m["h"]
    ref = ctx.ref
    mod = low(m["mod"])
    if m["y"]:
        return found_at(m, "DATE", _holiday(name, int(m["y"])).isoformat())
    if ref.date is None:
        return None
    year = ref.date.year
    if mod in ("last", "last year's"):
        year -= 1
    elif mod == "next":
        year += 1
    elif ref.precision == "day" and mod not in ("this", "this year's"):
        day = _holiday(name, year)
        tense = ctx.tense_of(m.start(), m.end(), local=True)
        if tense == "past" and day > ref.date:
            year -= 1
        elif tense == "future" and day < ref.date:
            year += 1
    if ref.precision == "year":
        return found_at(m, "DATE", tn.masked(ref, "day"))
    return found_at(m, "DATE", _holiday(name, year).isoformat())
