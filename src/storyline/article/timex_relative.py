"""Handlers for expressions relative to the publication date or to each other.

Weekdays, "yesterday", "last week", "this afternoon", "two years ago", "a year
earlier", durations, sets, clock times and vague references (PRESENT_REF ...).
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.article import timex_normalise as tn
from storyline.article.timex_normalise import (
    Context,
    Found,
    Tense,
    day_value,
    found_at,
    lean,
    low,
    next_word,
    sentence_start,
    tense_for_mod,
)
from storyline.article.timex_patterns import MONTHS, UNITS, WEEKDAYS, number


def _title_case(m: re.Match[str], ctx: Context) -> bool:
    """"VOA Today", ABC's "This Week": a capitalised phrase mid-sentence is a name."""
    words = m.group(0).split()
    return all(w[:1].isupper() for w in words) and not sentence_start(ctx.text, m.start())


def h_relday(m: re.Match[str], ctx: Context) -> Found | None:
    if _title_case(m, ctx):
        return None
    w = m["w"].lower()
    mod = low(m["mod"])
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
    if mod == "the day before":
        offset -= 1
    elif mod == "the day after":
        offset += 1
    value = day_value(ctx.ref, offset)
    part = low(m["part"])
    if w == "tonight":
        return found_at(m, "TIME", f"{value}TNI")
    if part:
        return found_at(m, "TIME", f"{value}T{tn.PARTS[part]}")
    return found_at(m, "DATE", value)


_WEEK_SHIFT = {"this": 0, "last": -1, "next": 1}


def _week_shift(ref: tn.Reference, word: str, tense: Tense) -> int:
    """ISO weeks from the reference's week that "this/last/next week" means.

    On a Sunday the week starting tomorrow is "this week" (for plans) and
    "next week".
    """
    n = _WEEK_SHIFT[word]
    if ref.date is not None and ref.precision == "day" and ref.date.weekday() == 6:
        if word == "this" and tense == "future":
            return 1
        if word == "next":
            return 1
    return n


def weekday_tense(tense: Tense) -> Tense:
    """The tense that picks a weekday's date: a present tense says nothing; a modal
    without "have" looks ahead ("pickets would be stood down on Saturday", "talks could
    resume on Monday"; "would have met on Monday" is past, see ``verb_tense``)."""
    if tense == "present":
        return "none"
    return "future" if tense == "modal" else tense


def h_weekday(m: re.Match[str], ctx: Context) -> Found | None:
    wd = WEEKDAYS[m["wd"].lower()]
    mod = low(m["mod"])
    start = m.start()
    if mod == "by":
        # "by Friday": the span starts at the weekday.
        start, mod = m.start("wd"), ""
    tense: Tense = tense_for_mod(mod) or ctx.tense_of(m.start(), m.end())
    if not mod and re.search(r"\bsince\s+$", ctx.text[max(0, start - 7) : start], re.I):
        tense = "past"  # "since Sunday" looks back, whatever the verb's tense
    strict = mod in ("last", "next", "this past", "this coming", "the previous", "the following",
                     "the next", "the preceding", "past", "coming")
    tense = weekday_tense(tense)
    week_shift = _week_shift(ctx.ref, m["wk"].lower(), tense) if m["wk"] else None
    if mod == "that" and ctx.anchor:
        parsed = tn.parse_value(ctx.anchor)
        if parsed is not None and parsed[1] in ("day", "week"):
            value = _weekday_near(parsed[0], wd, tense)
            return _weekday_found(m, start, value, m["part"])
    if mod in ("the following", "the next", "the previous", "the preceding") and ctx.anchor:
        parsed = tn.parse_value(ctx.anchor)
        if parsed is not None and parsed[1] == "day":
            sub = tn.Reference(parsed[0], "day")
            value = tn.weekday(sub, wd, "future" if mod in ("the following", "the next")
                               else "past", strict=True)
            return _weekday_found(m, start, value, m["part"])
    value = tn.weekday(ctx.ref, wd, tense, week_shift=week_shift, strict=strict)
    return _weekday_found(m, start, value, m["part"])


def _weekday_near(base: dt.date, wd: int, tense: Tense) -> str:
    delta = wd - base.weekday()
    if tense == "future" and delta < 0:
        delta += 7
    elif tense != "future" and delta > 0:
        delta -= 7
    return (base + dt.timedelta(days=delta)).isoformat()


def _weekday_found(m: re.Match[str], start: int, value: str, part: str | None) -> Found:
    if part:
        return Found("TIME", f"{value}T{tn.PARTS[part.lower()]}", start, m.end())
    return Found("DATE", value, start, m.end())


def h_everywd(m: re.Match[str], ctx: Context) -> Found | None:
    if m["mon"]:
        return found_at(m, "SET", f"XXXX-{MONTHS[m['mon'].lower()]:02d}")  # "each July"
    wd = WEEKDAYS[m["wd"].lower()]
    part = low(m["part"])
    return found_at(m, "SET", f"XXXX-WXX-{wd + 1}" + (f"T{tn.PARTS[part]}" if part else ""))


def h_weekdays(m: re.Match[str], ctx: Context) -> Found | None:
    wd = WEEKDAYS[m["wd"].lower()]
    part = low(m["part"])
    value = f"XXXX-WXX-{wd + 1}" + (f"T{tn.PARTS[part]}" if part else "")
    start = m.start("wd") if low(m["q"]) == "on" else m.start()
    return Found("SET", value, start, m.end())


def h_partday(m: re.Match[str], ctx: Context) -> Found | None:
    ref = ctx.ref
    if m["alone"]:
        word = m["alone"].lower().replace("-", "")
        if word == "overnight":
            return found_at(m, "TIME", f"{day_value(ref, 0)}TNI")
        code = {"midafternoon": "AF", "midmorning": "MO", "midday": "MI", "dawn": "MO",
                "daybreak": "MO", "dusk": "EV", "nightfall": "EV"}[word]
        if word in ("dawn", "dusk", "daybreak", "nightfall") and not re.search(
                r"\b(?:at|before|after|until|by|since|from)\s+$",
                ctx.text[max(0, m.start() - 8):m.start()]):
            return None  # "the dawn of a new era"
        return found_at(m, "TIME", f"{day_value(ref, 0)}T{code}")
    det = m["det"].lower()
    part = m["part"].lower()
    code = tn.PARTS[part]
    if det in ("this", "tomorrow", "yesterday"):
        off = {"this": 0, "tomorrow": 1, "yesterday": -1}[det]
        return found_at(m, "TIME", f"{day_value(ref, off)}T{code}")
    if det == "last":
        if part == "night":
            return found_at(m, "TIME", f"{day_value(ref, -1)}TNI")
        return None
    # "that night", "the morning": the day in focus.
    if det == "the" and re.match(r"\s+(?:of|after|before)\b", ctx.text[m.end():]):
        return None
    parsed = tn.parse_value(ctx.anchor) if ctx.anchor else None
    if parsed is not None and parsed[1] == "day":
        return found_at(m, "TIME", f"{parsed[0].isoformat()}T{code}")
    if det == "the":
        return found_at(m, "TIME", f"{day_value(ref, 0)}T{code}")
    return None


_REL_DET = {
    "this": 0, "the current": 0, "current": 0, "the present": 0, "the new": 0,
    "last": -1, "the past": -1, "past": -1, "the previous": -1, "previous": -1,
    "the last": -1, "the prior": -1, "prior": -1, "the preceding": -1, "the latest": -1,
    "latest": -1,
    "the full": 0,
    "next": 1, "the coming": 1, "coming": 1, "the following": 1, "the next": 1,
}


def h_relunit(m: re.Match[str], ctx: Context) -> Found | None:
    if _title_case(m, ctx):
        return None
    det = low(m["det"])
    unit = m["u"].lower()
    mod = low(m["mod"])
    if mod in ("earlier", "later", "sometime", "some time"):
        found = h_relunit_core(m, ctx, det, unit, mod)
        if found is not None:
            found.start = m.start("det")  # "earlier this month": TimeML keeps "this month"
        return found
    return h_relunit_core(m, ctx, det, unit, mod)


def h_relunit_core(m: re.Match[str], ctx: Context, det: str, unit: str,
                   mod: str) -> Found | None:
    ref = ctx.ref
    text = ctx.text
    after = text[m.end():m.end() + 20]
    if unit == "day":
        if det in ("the same", "that"):
            return _anchored_unit(m, ctx, "day", 0)
        if det in ("the previous", "the prior", "the preceding"):
            return _anchored_unit(m, ctx, "day", -1)
        if det in ("the following", "the next"):
            if re.match(r"\s+or\s+(?:two|so)", after):
                return None
            return _anchored_unit(m, ctx, "day", 1)
        if det == "this" and not re.match(r"\s*,", after):
            return found_at(m, "DATE", day_value(ref, 0))
        return None
    if det in ("a", "its", "their", "his", "her") and not m["fisc"]:
        return None
    if det in ("the same", "that"):
        if unit in ("week", "weekend"):
            return None
        return _anchored_unit(m, ctx, unit, 0)
    if det in ("the following", "the next", "the previous", "the prior", "the preceding") \
            and ctx.anchor and unit in ("year", "month", "week", "quarter"):
        n = 1 if det in ("the following", "the next") else -1
        found = _anchored_unit(m, ctx, unit, n)
        if found is not None:
            return found
    if det == "the" or (det in ("its", "their", "his", "her") and m["fisc"]):
        if re.match(r"\s+(?:of|in|after|before|when|that|which)\b", after) and unit != "weekend":
            return None
        if unit == "weekend":
            tense = ctx.tense_of(m.start(), m.end())
            return found_at(m, "DATE", _weekend(ref, tense))
        if unit == "quarter":
            anchor_q = ctx.anchor if ctx.anchor and re.fullmatch(r"\d{4}-Q\d", ctx.anchor) else None
            if anchor_q:
                return found_at(m, "DATE", anchor_q)
            return found_at(m, "DATE", tn.relative(ref, "quarter", -1))
        if unit in ("decade", "century"):
            return None
        if unit in ("year", "month", "week") and re.match(
                r"\s+(?:ended|ending|ends|to|through|beginning|starting|that\s+(?:ended|ends))\b",
                after):
            return found_at(m, "DURATION", f"P1{unit[0].upper()}")
        return found_at(m, "DATE", tn.relative(ref, unit, 0))
    shift = _REL_DET.get(det)
    if shift is None:
        return None
    n = shift
    if unit == "weekend":
        if n == 0:
            tense = ctx.tense_of(m.start(), m.end())
            return found_at(m, "DATE", _weekend(ref, tense, this=det == "this"))
        return found_at(m, "DATE", _weekend_shift(ref, n))
    if unit == "week" and det in ("the past", "the last", "past") and not mod:
        # "the past week" is the seven days up to now: a duration.
        return found_at(m, "DURATION", "P1W")
    if unit in ("week", "month") and det in ("the coming", "the next", "coming") and not mod:
        return found_at(m, "DURATION", f"P1{'W' if unit == 'week' else 'M'}")
    if unit == "week" and det in ("this", "last", "next"):
        tense = ctx.tense_of(m.start(), m.end()) if det == "this" else "none"
        if mod in ("earlier", "early"):
            tense = "past"
        n = _week_shift(ref, det, tense)
    return found_at(m, "DATE", tn.relative(ref, unit, n))


def _weekend(ref: tn.Reference, tense: Tense, this: bool = False) -> str:
    """"the weekend": the one just past unless a plan is spoken of; "this weekend":
    the one of the current week unless the past tense says it is over."""
    if ref.date is None or ref.precision != "day":
        return tn.masked(ref, "weekend")
    wd = ref.date.weekday()
    coming = tense != "past" if this else tense == "future"
    if coming or wd >= 5:
        return tn.fmt(ref.date, "weekend")
    return tn.fmt(ref.date - dt.timedelta(days=7), "weekend")


def _weekend_shift(ref: tn.Reference, n: int) -> str:
    if ref.date is None or ref.precision != "day":
        return tn.masked(ref, "weekend")
    return tn.fmt(ref.date + dt.timedelta(weeks=n), "weekend")


def _anchored_unit(m: re.Match[str], ctx: Context, unit: str, n: int) -> Found | None:
    gran = "day" if unit == "day" else unit
    parsed_anchor = tn.parse_value(ctx.anchor) if ctx.anchor else None
    if parsed_anchor is not None and tn.rank(parsed_anchor[1]) > tn.rank(gran):
        return None  # "that day" after "1987": no day to point at
    if ctx.anchor:
        value = tn.anchored(ctx.anchor, n, gran)
        if value is not None:
            parsed = tn.parse_value(value)
            if parsed and gran in ("year", "month", "week", "quarter", "day"):
                value = tn.fmt(parsed[0], gran)
            return lean(m, "DATE", value)
    if unit == "day":
        return found_at(m, "DATE", day_value(ctx.ref, n))
    return found_at(m, "DATE", tn.relative(ctx.ref, unit, n))


_GRAN_OF_UNIT = {"day": "day", "night": "day", "week": "week", "weekend": "week",
                 "fortnight": "week", "month": "month", "quarter": "quarter", "year": "year",
                 "decade": "decade", "century": "century", "season": "month"}


def h_ago(m: re.Match[str], ctx: Context) -> Found | None:
    unit = UNITS[m["u"].lower()]
    direction = low(m["dir"])
    n_raw = m["n"]
    text = ctx.text
    if direction in ("before", "after", "prior") and not re.match(r"\s*(?:[,.;:)!?\"”]|$)",
                                                               text[m.end():]):
        return None  # "two years after the war": the duration alone is the timex
    if direction in ("after", "later", "before", "prior") and n_raw is None:
        return None
    n = number(n_raw) if n_raw else None
    if unit in ("hour", "minute", "second"):
        if n_raw is None:
            return None
        return found_at(m, "DATE", day_value(ctx.ref, 0)) if direction in ("ago",) else None
    gran = _GRAN_OF_UNIT.get(unit)
    if gran is None:
        return None
    sign = -1 if direction in ("ago", "earlier", "before", "previously", "prior", "back") else 1
    if n is None or n != int(n):
        if n_raw is None and direction == "ago":
            return found_at(m, "DURATION", tn.duration(None, unit))
        if direction in ("later", "earlier"):
            # "a few days later": the vague stretch itself is the expression.
            return Found("DURATION", tn.duration(None, unit), m.start(), m.end("u"))
        return found_at(m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    steps = int(n) * (2 if unit == "fortnight" else 1)
    anaphoric = direction not in ("ago", "back", "hence", "from now")
    if direction == "ago" and gran == "year" and steps == 1 and ctx.anchor and (
            _anchor_in_sentence(ctx, m.start(), ("quarter", "month"))
            or re.fullmatch(r"\d{4}-Q\d", ctx.anchor)):
        # "rose in the third quarter from $5 a year ago": the same quarter a year before.
        value = tn.anchored(ctx.anchor or "", -steps, "year")
        if value is not None:
            return lean(m, "DATE", value)
    if gran in ("decade", "century"):
        # "a decade ago" is a year: ten of them back
        steps, gran = steps * (10 if gran == "decade" else 100), "year"
    if direction in ("ago", "back", "hence", "from now") or not ctx.anchor:
        if gran == "day":
            return found_at(m, "DATE", day_value(ctx.ref, sign * steps))
        return found_at(m, "DATE", tn.relative(ctx.ref, gran, sign * steps))
    value = tn.anchored(ctx.anchor, sign * steps, gran)
    if value is None:
        value = tn.relative(ctx.ref, gran, sign * steps)
    return lean(m, "DATE", value) if anaphoric else found_at(m, "DATE", value)


def _anchor_in_sentence(ctx: Context, pos: int, grans: tuple[str, ...]) -> bool:
    if not ctx.anchor or ctx.anchor_end < 0:
        return False
    parsed = tn.parse_value(ctx.anchor)
    if parsed is None or parsed[1] not in grans:
        return False
    return not re.search(r"[.!?]\s", ctx.text[ctx.anchor_end:pos])


def h_duration(m: re.Match[str], ctx: Context) -> Found | None:
    unit = UNITS[m["u"].lower()]
    n_raw = m["n"]
    det = low(m["det"])
    low_n = n_raw.lower()
    # "a day" / "an hour" as parts of rates ("$5 a day") are sets, handled there;
    # "one day" at a sentence's edge usually means "some day".
    if low_n in ("a", "an") and det:
        return None
    if unit == "second" and low_n in ("a", "an", "one") and not m["apx"] and not m["dir"]:
        return None
    if unit == "quarter" and re.match(r"\s+of\b", ctx.text[m.end():]):
        return None  # "a quarter of voters": a fraction
    if re.fullmatch(r"\d+(?:\.\d+)?", low_n) and "." not in low_n and int(low_n) > 999 \
            and unit != "year":
        return None
    start = m.start()
    if ctx.text[m.end("n"):m.start("u")] == "-" and not m["dir"] and not m["apx2"]:
        start = m.start("n")  # "a three-year war": the adjective alone
    elif det in ("his", "her", "their", "its") or det.startswith("each of"):
        start = m.start("n") if not m["dir"] else m.start("dir")
    n = number(n_raw) if low_n not in {
        "several", "a few", "few", "some", "many", "numerous", "a number of", "dozens of",
        "hundreds of", "thousands of", "the few"} else None
    if n is not None and n == 0:
        return None
    if n is not None and m["half"]:
        n += 0.5
    value = tn.duration(n, unit)
    if (m["adj"] and m["adj"].lower() == "old") or re.match(r"\s+old\b", ctx.text[m.end():]):
        # Ages: TimeML's guidelines mark them, TimeBank's annotators almost never did
        # (1 of 6), nor does HeidelTime; claimed so no shorter rule takes them.
        return Found("VETO", "", start, m.end())
    return Found("DURATION", value, start, m.end())


_VAGUE_UNIT = {"seconds": "second", "minutes": "minute", "hours": "hour", "days": "day",
               "weeks": "week", "months": "month", "years": "year", "decades": "decade",
               "centuries": "century", "quarters": "quarter", "weekends": "weekend"}


def h_vaguedur(m: re.Match[str], ctx: Context) -> Found | None:
    det = low(m["det"])
    unit = _VAGUE_UNIT[m["u"].lower()]
    text = ctx.text
    if re.match(r"\s+(?:of|in\s+which|when|that|ago)\b", text[m.end():]):
        return None
    start = m.start()
    if det in ("in", "for", "within", "over", "after", "the years and"):
        start = m.start("u")
    if det in ("the", "these", "those", "early", "the early") and unit in ("day", "year"):
        return None  # "these days" is vague PRESENT_REF; "the early years" of something
    if det == "recent":
        return Found("DATE", "PAST_REF", start, m.end())  # "in recent weeks": lately
    return Found("DURATION", tn.duration(None, unit), start, m.end())


_SETADV = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
           "fortnightly": "P2W", "monthly": "P1M", "bimonthly": "P2M", "quarterly": "P3M",
           "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "semiannually": "P6M",
           "semi-annually": "P6M"}


def h_setadv(m: re.Match[str], ctx: Context) -> Found | None:
    """"daily", "annually": sets by the guidelines, annotated in TimeBank once in six
    (HeidelTime: two in six); only a sentence-final adverb ("paid annually.") counts."""
    if not re.match(r"\s*[.;!?]", ctx.text[m.end():m.end() + 3]):
        return None
    word = m.group(0)
    if word[0].isupper() and not sentence_start(ctx.text, m.start()):
        return None  # "the Daily Telegraph"
    nxt = next_word(ctx.text, m.end())
    if nxt and re.match(r"[a-z]", nxt) and nxt.strip(",.;:!?\"'“”‘’)") not in _FUNCTION_WORDS:
        return None  # "quarterly dividend", "daily newspaper": an adjective, not a set
    return found_at(m, "SET", _SETADV[word.lower()])


_FUNCTION_WORDS = {"and", "or", "but", "in", "on", "at", "to", "for", "from", "by", "with",
                   "since", "until", "through", "over", "as", "than", "the", "a", "an",
                   "is", "are", "was", "were", "be", "been", "will", "would", "if",
                   "when", "while", "after", "before", "during", "per", "basis"}


def h_set(m: re.Match[str], ctx: Context) -> Found | None:
    q = m["q"].lower()
    unit_word = m["u"].lower()
    text = ctx.text
    if q in ("a", "an", "per"):
        if unit_word.endswith("s"):
            return None
        if not m["freq"]:
            before = text[max(0, m.start() - 40):m.start()]
            if q == "per" or re.search(
                    r"(?:[\d$£€%][\d.,]*\s*(?:million|billion|thousand|hundred|percent|%|m"
                    r"|bn|cents?|dollars|pounds|euros)?|\b(?:dollars|pounds|euros|cents"
                    r"|percent|miles|hours|calls|visits|meetings|barrels|tons|tonnes"
                    r"|a\s+share))\s*$", before):
                # A rate ("$5 a year", "per second"): a SET by TimeML's guidelines, but
                # TimeBank marks 1 in 7 and HeidelTime none; claimed, not output.
                return Found("VETO", "", m.start(), m.end())
            return None
    n = 1.0
    if m["n"]:
        if m["n"].lower() == "other":
            n = 2.0
        else:
            parsed = number(m["n"])
            if parsed is None:
                return None
            n = parsed
    base = unit_word.rstrip("s") if unit_word not in ("days",) else "day"
    if base in tn.PARTS:
        return found_at(m, "SET", f"XXXX-XX-XXT{tn.PARTS[base]}")
    if base in tn.SEASONS:
        return found_at(m, "SET", f"XXXX-{tn.SEASONS[base]}")
    if base not in UNITS:
        return None
    return found_at(m, "SET", tn.duration(n, UNITS[base]))


def _clock(t: str) -> str | None:
    t = t.lower().replace(" ", "")
    if t in ("noon", "midday"):
        return "12:00"
    if t == "midnight":
        return "24:00"
    mm = re.match(r"(\d{1,2})(?:[:.](\d\d))?(a\.?m\.?|p\.?m\.?)?$", t)
    if not mm:
        return None
    hh, mi, ampm = int(mm.group(1)), int(mm.group(2) or 0), mm.group(3)
    if ampm:
        if not 1 <= hh <= 12:
            return None
        if ampm.startswith("p") and hh != 12:
            hh += 12
        if ampm.startswith("a") and hh == 12:
            hh = 0
    if hh > 24 or mi > 59:
        return None
    return f"{hh:02d}:{mi:02d}"


def _dayref_value(day: str | None, ctx: Context, m: re.Match[str]) -> str:
    if not day:
        return day_value(ctx.ref, 0)
    low = day.lower()
    if low in ("today", "tonight"):
        return day_value(ctx.ref, 0)
    if low == "yesterday":
        return day_value(ctx.ref, -1)
    if low == "tomorrow":
        return day_value(ctx.ref, 1)
    if low.split(",")[0].strip() in WEEKDAYS and not re.search(r"\d", low):
        tense = weekday_tense(ctx.tense_of(m.start(), m.end()))
        return tn.weekday(ctx.ref, WEEKDAYS[low.split(",")[0].strip()], tense)
    mm = re.search(r"([A-Za-z]+)\.?\s+(\d{1,2})", day.split(",")[-1] if "," in day else day)
    if mm and mm.group(1).lower() in MONTHS:
        tense = ctx.tense_of(m.start(), m.end())
        return tn.day_of_month(ctx.ref, MONTHS[mm.group(1).lower()], int(mm.group(2)),
                               tense if tense in ("past", "future") else "none")
    return day_value(ctx.ref, 0)


def h_clock(m: re.Match[str], ctx: Context) -> Found | None:
    t = m["t"]
    hhmm = _clock(t)
    if hhmm is None:
        return None
    # "1:0 win", scores, ratios: a bare "hh:mm" needs no am/pm but must look like a time.
    day = m["day"]
    date = _dayref_value(day, ctx, m)
    if m["y"] and re.match(r"\d{4}-\d\d-\d\d", date):
        date = f"{m['y']}{date[4:]}"
    return found_at(m, "TIME", f"{date}T{hhmm}")


def h_dayclock(m: re.Match[str], ctx: Context) -> Found | None:
    hhmm = _clock(m["t"])
    if hhmm is None:
        return None
    return found_at(m, "TIME", f"{_dayref_value(m['day'], ctx, m)}T{hhmm}")


# Words that are time expressions too rarely to tag (measured on TimeBank: more
# often not annotated than annotated).
_VAGUE_SKIP = {"earlier", "the moment", "this time", "that time", "then", "once again",
               "previously", "formerly", "shortly", "the long run", "the short run",
               "at the moment", "at this time", "future", "soon"}


_VAGUE = {
    "PRESENT_REF": {"right now", "just now", "now", "currently", "current", "at present",
                    "presently", "these days", "nowadays", "at the moment", "at this time",
                    "the time being"},
    "PAST_REF": {"recently", "recent", "lately", "the past", "formerly", "previously"},
    "FUTURE_REF": {"the near future", "the distant future", "the future", "future", "soon",
                   "the near term", "the short term", "the long term", "the medium term",
                   "the long run", "the short run", "shortly", "as soon as possible",
                   "a later date"},
}


def h_vague(m: re.Match[str], ctx: Context) -> Found | None:
    w = low(m["w"])
    text = ctx.text
    if "coming" in w:
        return found_at(m, "DATE", "FUTURE_REF")
    if w in _VAGUE_SKIP:
        return None
    if w == "soon" and re.search(r"\bas\s+$", text[max(0, m.start() - 4):m.start()]):
        return None  # "as soon as April": the month is the timex
    if w == "now" and re.match(r"[-‐]", text[m.end():m.end() + 1]):
        return None  # "now-defunct"
    if w == "the past" and re.match(r"\s+(?:few|several|two|three|\w+\s+(?:days|weeks|months"
                                    r"|years))", text[m.end():]):
        return None
    if w == "future" and not re.match(r"\s+(?:generations|years|plans?|growth|earnings|"
                                      r"sales|quarters|months|results|prospects|date|"
                                      r"talks|negotiations|meetings?)\b", text[m.end():]):
        return None
    if w == "current" and re.match(r"\s+(?:account|affairs|events|density|flow|wisdom)\b",
                                   text[m.end():]):
        return None
    for value, words in _VAGUE.items():
        if w in words:
            return found_at(m, "DATE", value)
    return None


def h_daybefore(m: re.Match[str], ctx: Context) -> Found | None:
    """"the day before", "the week after": a unit next to the date in focus."""
    unit = m.group(0).split()[1].lower()
    unit = "day" if unit == "night" else unit
    return _anchored_unit(m, ctx, unit, -1 if m["dir"].lower() == "before" else 1)
