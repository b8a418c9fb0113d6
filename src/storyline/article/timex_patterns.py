"""What temporal expressions look like in English news: vocabulary and patterns.

Each rule is a named regular expression; :mod:`storyline.article.timexes` turns
a match of rule ``name`` into a TIMEX3 type and value. Month and weekday names
must be capitalised (``may``, ``march`` and ``sun`` are ordinary words); the
rest is case-insensitive. Spans follow TimeML: determiners and modifiers that
belong to the expression are inside (``the past two years``, ``early next
year``, ``more than four hours``), prepositions are outside (``on Thursday``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "night": "night",
    "nights": "night", "week": "week", "weeks": "week", "weekend": "weekend",
    "weekends": "weekend", "fortnight": "fortnight", "fortnights": "fortnight",
    "month": "month", "months": "month", "quarter": "quarter", "quarters": "quarter",
    "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century", "millennium": "millennium",
    "millennia": "millennium", "season": "season", "seasons": "season",
}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
            "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
            "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "final": 4, "last": 4}
VAGUE_QUANT = {"several", "a few", "few", "some", "many", "numerous", "a number of",
               "dozens of", "hundreds of", "thousands of", "the few", "a couple of",
               "couple of", "a couple"}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _title_or_upper(words: list[str]) -> str:
    out = []
    for w in words:
        out += [w.capitalize(), w.upper()]
    return "|".join(sorted(out, key=len, reverse=True))


_MONTH_FULL = ["january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december"]
_MONTH_ABBR = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
               "dec"]
NUMWORD = (
    rf"(?:(?:{_alt(_TENS)})(?:[- ](?:{_alt(_ONES)}))?|{_alt(_TEENS)}|{_alt(_ONES)}"
    r"|a\s+hundred|one\s+hundred|hundred|a\s+dozen|dozen|a\s+thousand|thousand)"
)
PIECES = {
    # capitalised vocabularies (case-sensitive)
    "MONF": rf"(?:{_title_or_upper(_MONTH_FULL)})",
    "MONA": rf"(?:(?:{_title_or_upper(_MONTH_ABBR)})\.?)",
    "WD": rf"(?:{_title_or_upper(list(WEEKDAYS))})",
    # numbers
    "DOM": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
    "Y4": r"(?:1[0-9]\d\d|20\d\d|21\d\d)",
    "NUMW": NUMWORD,
    "QNUM": (rf"(?:\d+(?:\.\d+)?(?:\s+1/2|½)?|(?i:{NUMWORD})(?:(?i:\s+and\s+a\s+half))?"
             r"|(?i:a|an|one)(?:(?i:\s+and\s+a\s+half))?|(?i:half\s+an?))"),
    "QVAG": rf"(?i:{_alt(VAGUE_QUANT)})",
    "UNIT": rf"(?i:{_alt(UNITS)})",
    "PART": r"(?i:morning|afternoon|evening|night)",
    "SEASON": r"(?i:spring|summer|autumn|fall|winter)",
    "APPROX": (r"(?i:about|around|approximately|roughly|nearly|almost|some|(?:no\s+|not\s+)?more"
               r"\s+than|(?:no\s+)?less\s+than|fewer\s+than|over(?!\s+the\b)|under|at\s+least"
               r"|at\s+most|up\s+to|barely|close\s+to|upwards\s+of|a\s+full|the\s+full"
               r"|an\s+additional|another|the\s+better\s+part\s+of)"),
    "ORD": rf"(?i:{_alt(ORDINALS)})",
    "TZ": r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|[A-Z]{2,4}T)",
}


def expand(pattern: str) -> str:
    """Replace ``<NAME>`` placeholders by the pieces above."""
    return re.sub(r"<([A-Z0-9]+)>", lambda m: PIECES[m.group(1)], pattern)


_MON = "(?:<MONF>|<MONA>)"
_AMPM = r"(?i:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
_CLOCK = rf"(?:\d{{1,2}}(?:[:.]\d\d)?\s*{_AMPM}|(?<![\d.,:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:]))"
_DAYREF = (r"(?i:today|tonight|yesterday|tomorrow)|<WD>(?:,?\s+(?:" + _MON + r")\s+<DOM>)?"
           r"|" + _MON + r"\s+<DOM>")

# (name, pattern). Order only breaks ties between equally long matches.
RULES: list[tuple[str, str]] = [
    ("iso", r"(?<![\d-])(?P<y><Y4>)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])"
            r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::\d\d)?)?(?![\d-])"),
    ("slash", r"(?<![\d/])(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-2]?\d|3[01])/(?P<y><Y4>|\d\d)(?![\d/])"),
    # "Friday, March 8, 1998", "March 8", "Oct. 15, 1999", "around Nov. 1"
    ("mdy", r"(?:(?i:around|about|on\s+or\s+about)\s+)?(?:(?P<wd><WD>),?\s+)?(?P<mon>" + _MON
            + r")\s+(?P<dom><DOM>)(?!\d|\s*(?:-|%|,\d))(?:,?\s+(?P<y><Y4>)(?!\d))?"),
    # "27 March 2025", "the 27th of March", "Thursday 27 March"
    ("dmy", r"(?:(?P<wd><WD>),?\s+)?(?:(?i:the)\s+)?(?P<dom><DOM>)(?:\s+(?i:of))?\s+(?P<mon>"
            + _MON + r")(?:,?\s+(?P<y><Y4>)(?!\d))?"),
    # "August 1988", "March of 2025", "early November", "the middle of October",
    # "January this year", "July last year", "last April", "this September"
    ("month", r"(?:(?P<mod>(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of"
              r"|(?:at\s+)?the\s+end\s+of|end|last|next|this|this\s+past|this\s+coming"
              r"|the\s+early|the\s+late|early-|late-))[-\s]+)?(?P<mon><MONF>|<MONA>(?=\s+<Y4>))"
              r"(?:(?:,?\s+(?i:of\s+)?(?P<y><Y4>)(?!\d))"
              r"|\s+(?P<rel>(?i:this|last|next))\s+(?i:year))?"),
    ("year", r"(?P<mod>(?i:(?:the\s+)?(?:early|late|mid|end\s+of|the\s+end\s+of|the\s+beginning"
             r"\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+year|fiscal(?:\s+year)?"
             r"|calendar|(?:the\s+)?fiscal\s+year|(?:the\s+)?summer\s+of|(?:the\s+)?spring\s+of"
             r"|(?:the\s+)?winter\s+of|(?:the\s+)?autumn\s+of|(?:the\s+)?fall\s+of"
             r"|(?:the\s+)?first\s+half\s+of|(?:the\s+)?second\s+half\s+of))[-\s]+)?"
             r"(?<![\d$£€#.,])(?P<y><Y4>)(?:['’]s)?(?![\d,.]\d|\s*(?:%|-\d|\d))"),
    # "nineteen ninety-six", "the year two thousand"
    ("yearw", r"(?:(?i:the\s+year)\s+)?(?P<w>(?i:nineteen|twenty)[-\s](?i:(?:(?:twenty|thirty"
              r"|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six"
              r"|seven|eight|nine))?)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
              r"|seventeen|eighteen|nineteen|hundred)|(?i:two\s+thousand(?:\s+(?:and\s+)?(?:one"
              r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
              r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[-\s](?:one|two|three"
              r"|four|five|six|seven|eight|nine))?))?))(?!\w)"),
    # "year-earlier", "the year-ago period", "the latest period"
    ("yearago", r"(?P<det>(?i:the|a)\s+)?(?:(?i:comparable|corresponding)\s+)?(?P<w>(?i:year[-‐]"
                r"(?:ago|earlier)))(?:\s+(?P<noun>(?i:period|quarter|(?:first|second|third"
                r"|fourth)\s+quarter|nine\s+months|six\s+months|month|week)(?!\w)))?(?!\w)"
                r"|(?P<det2>(?i:the))\s+(?P<which>(?i:latest|comparable|corresponding|same"
                r"|year-ago|year-earlier))\s+(?i:period)(?:\s+(?P<ly>(?i:a|last))\s+(?i:year))?"
                r"(?!\w)"),
    ("fy", r"(?i:(?:the\s+)?(?:fiscal|financial)\s+year\s+)(?P<y1><Y4>)[-/](?P<y2>\d\d)(?!\d)"),
    ("decade", r"(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|late|mid|mid-|first\s+half\s+of\s+the"
               r"|last\s+half\s+of\s+the))[-\s]?)?(?:(?P<dec>1\d\d|20\d)0['’]?s"
               r"|['’](?P<dec2>\d)0s|(?P<decw>(?i:twenties|thirties|forties|fifties|sixties"
               r"|seventies|eighties|nineties)))(?!\w)"),
    ("century", r"(?:(?i:the)\s+)?(?:(?i:early|late|mid)[-\s])?(?P<n>\d{1,2}(?:st|nd|rd|th)"
                r"|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
                r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
                r"|eighteenth|nineteenth|twentieth|twenty-first))[-\s](?i:century)(?!\w)"),
    # "the third quarter", "third-quarter", "the fiscal first quarter of 1990", "Q3"
    ("quarter", r"(?:(?P<det>(?i:the|its|their|this\s+year['’]s|last\s+year['’]s"
                r"|next\s+year['’]s|a|this|that|last|next))\s+)?(?:(?P<pre>(?i:year-ago"
                r"|year-earlier|fiscal|calendar|latest|current|flat|comparable|corresponding"
                r"|recent|same))[-\s]+)*(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th"
                r"|final|last|latest|current|next|previous|past|year-ago|year-earlier))"
                r"[-\s](?:(?i:fiscal|calendar)[-\s])?(?i:quarter|qtr\.?)(?!s|\w)"
                r"(?:\s+(?i:of)\s+(?:(?i:fiscal\s+|calendar\s+))?(?P<y><Y4>))?"
                r"|(?<!\w)Q(?P<q>[1-4])(?:\s+(?P<y2><Y4>))?(?!\w)"
                r"|(?i:the)\s+(?P<y3><Y4>)\s+(?:(?P<ord3>(?i:first|second|third|fourth))\s+)?"
                r"(?P<qp>(?i:quarter|period))(?!\w)"),
    ("half", r"(?:(?i:the)\s+)?(?P<ord>(?i:first|second|latter|last))[-\s](?i:half)"
             r"(?:\s+(?i:of)\s+(?:(?i:the\s+year|this\s+year|next\s+year|last\s+year)"
             r"|(?:(?i:fiscal\s+))?(?P<y><Y4>)))?(?!\w)"),
    ("season", r"(?:(?P<mod>(?i:this|last|next|the|early|late|this\s+past|this\s+coming|the\s+early"
               r"|the\s+late|mid|past|coming))[-\s]+)?(?P<s><SEASON>)(?:\s+(?i:of)\s+(?P<y><Y4>)"
               r"|\s+(?P<rel>(?i:this|last|next))\s+(?i:year))?(?!\w)"),
    # "yesterday", "late yesterday", "the day before yesterday", "tomorrow night"
    ("relday", r"(?:(?P<mod>(?i:early|late|earlier|later|mid-?|the\s+day\s+before"
               r"|the\s+day\s+after))[-\s]+)?(?P<w>(?i:today|tonight|yesterday|tomorrow))(?:['’]s)?"
               r"(?:\s+(?P<part><PART>))?(?!\w)"),
    # "Thursday", "last Thursday", "Thursday this week", "Thursday night"
    ("weekday", r"(?:(?P<mod>(?i:last|next|this|this\s+coming|this\s+past|coming|past"
                r"|the\s+previous|the\s+following|the\s+next|the\s+preceding|early|late|earlier|later|mid-|that"
                r"|by))\s+)?(?P<wd><WD>)(?:(?:['’]s)?\s+(?P<part><PART>))?"
                r"(?:,?\s+(?P<wk>(?i:this|last|next))\s+(?i:week))?(?!\w)"),
    ("everywd", r"(?P<q>(?i:every|each))\s+(?:(?P<wd><WD>)(?:\s+(?P<part><PART>))?"
                r"|(?P<mon><MONF>))(?!\w)"),
    ("weekdays", r"(?:(?P<q>(?i:every|each|on))\s+)?(?P<wd><WD>)s(?:\s+(?P<part><PART>)s?)?(?!\w)"),
    # "this afternoon", "last night", "early this morning", "overnight"
    ("partday", r"(?:(?P<mod>(?i:early|late|earlier|later|mid))[-\s]+)?(?P<det>(?i:this|that|last"
                r"|the|tomorrow|yesterday))\s+(?P<part><PART>)(?!\w)"
                r"|(?P<alone>(?i:overnight|mid-?afternoon|mid-?morning|midday|dawn|dusk"
                r"|daybreak|nightfall))(?!\w)"),
    # "this week", "last month", "earlier this year", "the coming week", "the past year",
    # "the end of the week", "the current fiscal year", "the previous year"
    ("relunit", r"(?:(?P<mod>(?i:early|late|earlier|later|mid|(?:at\s+)?the\s+end\s+of"
                r"|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of"
                r"|the\s+remainder\s+of|sometime|some\s+time|end|the\s+first\s+half\s+of"
                r"|the\s+second\s+half\s+of))[-\s]+)?"
                r"(?P<det>(?i:this|last|next|the\s+coming|the\s+past|the\s+current|the"
                r"|the\s+previous|the\s+following|the\s+next|the\s+last|coming|past|current|previous"
                r"|the\s+latest|latest|the\s+same|that|the\s+prior|prior|the\s+preceding"
                r"|the\s+present|the\s+new|the\s+full|a|its|their|his|her))\s+"
                r"(?P<fisc>(?i:fiscal|financial|calendar|school|academic)\s+)?"
                r"(?P<u>(?i:week|weekend|month|year|quarter|decade|century|day))"
                r"(?:['’]s)?(?:\s+(?i:or\s+so))?(?!\w|-)"),
    ("daybefore", r"(?i:the\s+(?:day|night|week|month|year)\s+(?P<dir>before|after))"
                  r"(?=\s*[,.;:)]|\s+(?:that|this|last|next)\b)"),
    ("yearend", r"(?:(?i:the|around|at)\s+)?(?i:year[-\s]end|year['’]s\s+end|end\s+of\s+the\s+year)"
                r"(?!\w)"),
    # "two weeks ago", "a year earlier", "three days later", "months ago"
    ("ago", r"(?:(?P<apx><APPROX>)\s+)?(?P<n><QNUM>|<QVAG>)?(?:\s+|-)?(?P<u><UNIT>)(?:\s+or\s+so)?"
            r"\s+(?P<dir>(?i:ago|earlier|later|before|after|previously|prior|hence|from\s+now"
            r"|back))(?!\w)"),
    # sets: "every Friday", "each year", "daily", "twice a week", "a year" after a price
    ("set", r"(?:(?P<freq>(?i:once|twice|three\s+times|four\s+times|several\s+times"
            r"|\d+\s+times|many\s+times))\s+)?(?P<q>(?i:every|each|per|a|an))\s+"
            r"(?:(?P<n><QNUM>|other)\s+)?(?P<u>(?i:second|minute|hour|day|night|week|weekend"
            r"|month|quarter|year|decade|morning|afternoon|evening|summer|winter|spring"
            r"|autumn|fall)s?)(?!\w)"),
    ("setadv", r"(?i:daily|nightly|weekly|biweekly|fortnightly|monthly|quarterly|annually"
               r"|yearly|hourly|semiannually|semi-annually|bimonthly)(?!\w)"),
    # durations: "the past two years", "more than four hours", "a few days", "30-day",
    # "three-year", "eight-month-old", "the first nine months", "2 1/2 years"
    ("duration", r"(?:(?P<apx><APPROX>)\s+)?(?:(?P<det>(?i:the|a|an|this|that|these|those|its"
                 r"|their|his|her|each\s+of\s+the))\s+)?(?:(?P<dir>(?i:past|last|next|first"
                 r"|coming|previous|following|latest|final|remaining|ensuing|initial"
                 r"|succeeding|preceding|prior|recent|additional|further|intervening|same"
                 r"|subsequent|full|entire|whole|upcoming))\s+)?(?:(?P<apx2><APPROX>)\s+)?"
                 r"(?P<n><QNUM>|<QVAG>)(?:(?:\s+(?i:or|and)\s+(?P<n2><QNUM>)))?"
                 r"(?:\s+(?i:more|additional|full|straight|consecutive|long|whole|further|extra))?"
                 r"(?:\s+(?i:trading|business|working|calendar|school))?"
                 r"(?:\s+|-)(?P<u><UNIT>)(?P<half>\s+(?i:and\s+a\s+half))?(?:-(?P<adj>(?i:long|old)))?"
                 r"(?:\s+(?i:or\s+so))?(?![\w‐-])"),
    ("vaguedur", r"(?:(?P<det>(?i:the|these|those|recent|past|next|last|in|for|within"
                 r"|over|after|the\s+past|the\s+last|the\s+next|the\s+first"
                 r"|the\s+early|early|later|the\s+following|the\s+ensuing|the\s+intervening"
                 r"|the\s+remaining|the\s+years\s+and))\s+)"
                 r"(?P<u>(?i:seconds|minutes|hours|days|weeks|months|years|decades|centuries"
                 r"|quarters|weekends))(?:\s+(?i:and|or|to)\s+(?P<u2>(?i:days|weeks|months"
                 r"|years|decades)))?(?:\s+(?i:ahead))?(?!\w|-)"),
    # "15:21", "3 p.m. EST", "noon Thursday", "10 p.m. Wednesday", "midnight Friday"
    ("clock", r"(?:(?i:around|about|at\s+around|shortly\s+(?:before|after)|just\s+(?:before|after)"
              r"|mid-?)\s+)?(?P<t>" + _CLOCK + r"|(?i:noon|midnight|midday))"
              r"(?:\s+(?P<tz><TZ>))?(?:(?:,?\s+|\s+(?i:on\s+))(?P<day>" + _DAYREF + r"))?"
              r"(?:,?\s+(?P<y><Y4>))?(?!\w)"),
    ("dayclock", r"(?P<day>(?i:today|tonight|yesterday|tomorrow)|<WD>)(?:\s+(?i:at|around))?"
                 r"\s+(?P<t>" + _CLOCK + r"|(?i:noon|midnight))(?:\s+(?P<tz><TZ>))?(?!\w)"),
    ("vague", r"(?P<w>(?i:right\s+now|just\s+now|now|currently|current(?!ly)|at\s+present"
              r"|presently|these\s+days|nowadays|at\s+the\s+moment|at\s+this\s+time|recently"
              r"|recent(?!ly)|lately|the\s+past|formerly|previously|the\s+near\s+future"
              r"|the\s+distant\s+future|the\s+future|future|soon|the\s+near\s+term"
              r"|the\s+short\s+term|the\s+long\s+term|the\s+medium\s+term|the\s+long\s+run"
              r"|the\s+short\s+run|shortly|as\s+soon\s+as\s+possible|a\s+later\s+date"
              r"|(?:the\s+)?coming\s+[\"“‘']?(?:days|weeks|months|years)(?:\s+(?:and|or)\s+"
              r"(?:days|weeks|months|years))?|the\s+time\s+being|once\s+again|earlier"
              r"|the\s+moment|this\s+time|that\s+time|then))(?!\w)"),
    ("holiday", r"(?:(?P<mod>(?i:last|next|this|this\s+year['’]s|last\s+year['’]s))\s+)?"
                r"(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?"
                r"|Boxing\s+Day|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Thanksgiving"
                r"(?:\s+Day)?|Halloween|Valentine['’]s\s+Day|Independence\s+Day|Labou?r\s+Day"
                r"|Memorial\s+Day|Armistice\s+Day|Remembrance\s+Sunday|Bastille\s+Day"
                r"|Hogmanay|May\s+Day|Veterans\s+Day|Election\s+Day)(?:\s+(?P<y><Y4>))?(?!\w)"),
]


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]


COMPILED: list[Rule] = [Rule(name, re.compile(r"(?<!\w)" + expand(p))) for name, p in RULES]


def number(text: str) -> float | None:
    """The value of a quantity phrase ("two", "twenty-four", "2 1/2", "a"); None if vague."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if not t:
        return None
    half = 0.0
    for suffix in (" and a half", " 1/2", "½"):
        if t.endswith(suffix):
            t, half = t[: -len(suffix)].strip(), 0.5
    if t.startswith("half a") or t == "half an":
        return 0.5
    if t in ("a", "an", "one", ""):
        return 1.0 + half
    t = t.replace(",", "")
    try:
        return float(t) + half
    except ValueError:
        pass
    if t in ("a dozen", "dozen"):
        return 12.0 + half
    if t in ("a hundred", "one hundred", "hundred"):
        return 100.0 + half
    if t in ("a thousand", "thousand"):
        return 1000.0 + half
    if t in ("a couple", "a couple of", "couple of"):
        return 2.0
    parts = re.split(r"[- ]", t)
    total = 0
    for part in parts:
        if part in _TENS:
            total += _TENS[part]
        elif part in _ONES:
            total += _ONES[part]
        elif part in _TEENS:
            total += _TEENS[part]
        else:
            return None
    return float(total) + half


def month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def weekday_number(text: str) -> int:
    return WEEKDAYS[text.lower()]


# ---------------------------------------------------------------- triggers
# Running every rule over the whole text costs as much as spaCy itself; rules are
# instead tried only at word starts shortly before a word that can head a
# temporal expression (a month, a weekday, a unit, a digit group of the right
# shape, ...). Each trigger word names the rules it can head.
_UNIT_RULES = frozenset({"relunit", "ago", "set", "duration", "vaguedur", "vague", "yearago",
                         "yearend", "quarter", "century", "half", "daybefore"})
_MONTH_RULES = frozenset({"mdy", "dmy", "month", "clock", "holiday", "everywd"})
_WEEKDAY_RULES = frozenset({"weekday", "everywd", "weekdays", "dayclock", "clock", "mdy", "dmy",
                            "holiday"})
_RELDAY_RULES = frozenset({"relday", "dayclock", "clock", "partday"})
_DIGIT_RULES = frozenset({"iso", "slash", "year", "fy", "decade", "clock", "dayclock"})
_PART_RULES = frozenset({"partday", "relday", "weekday", "set", "everywd", "weekdays"})

TRIGGERS: dict[str, frozenset[str]] = {}


def _add(words: Iterable[str], rules: frozenset[str]) -> None:
    for w in words:
        TRIGGERS[w] = TRIGGERS.get(w, frozenset()) | rules


_add(MONTHS, _MONTH_RULES)
_add(WEEKDAYS, _WEEKDAY_RULES)
_add([w + "s" for w in WEEKDAYS], frozenset({"weekdays"}))
_add(UNITS, _UNIT_RULES)
_add(["today", "tonight", "yesterday", "tomorrow"], _RELDAY_RULES)
_add(["morning", "afternoon", "evening", "night", "overnight", "midafternoon", "midmorning",
      "midday", "dawn", "dusk", "daybreak", "nightfall", "mornings", "afternoons", "evenings",
      "nights"], _PART_RULES)
_add(["spring", "summer", "autumn", "fall", "winter", "summers", "winters"],
     frozenset({"season", "set", "year"}))
_add(["now", "currently", "current", "present", "presently", "nowadays", "recently", "recent",
      "lately", "past", "formerly", "previously", "future", "soon", "shortly", "term",
      "possible", "date", "being", "coming"],
     frozenset({"vague"}))
_add(["daily", "nightly", "weekly", "biweekly", "fortnightly", "monthly", "quarterly",
      "annually", "yearly", "hourly", "semiannually", "semi", "bimonthly"],
     frozenset({"setadv"}))
_add(["noon", "midnight", "midday"], frozenset({"clock", "dayclock"}))
_add(["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
      "nineties"], frozenset({"decade"}))
_add(["nineteen", "twenty", "thousand"], frozenset({"yearw"}))
_add(["qtr", "q1", "q2", "q3", "q4", "period"], frozenset({"quarter", "yearago"}))
_add(["ago", "earlier", "later", "hence", "back"], frozenset({"ago"}))
_add(["christmas", "easter", "thanksgiving", "halloween", "valentine", "independence",
      "labor", "labour", "memorial", "armistice", "remembrance", "bastille", "hogmanay",
      "veterans", "election", "boxing", "year", "may"], frozenset({"holiday"}))
_add(["half"], frozenset({"half", "year"}))
_add(["fiscal", "financial"], frozenset({"fy", "year"}))

TOKEN = re.compile(r"[A-Za-z]+\d?|\d+")
# Words (besides triggers and numbers) an expression may start with.
STARTERS = frozenset({
    *_ONES, *_TEENS, *_TENS, "hundred", "thousand", "dozen", "half",
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "last",
    "next", "past", "coming", "previous", "following", "prior", "preceding", "latest", "final",
    "current", "present", "early", "late", "earlier", "later", "mid", "more", "less", "fewer",
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "under",
    "at", "least", "most", "up", "just", "only", "barely", "close", "upwards", "within", "full",
    "additional", "another", "better", "each", "every", "per", "once", "twice", "three", "four",
    "several", "many", "few", "couple", "dozens", "hundreds", "thousands", "number", "first",
    "second", "third", "fourth", "remaining", "ensuing", "initial", "succeeding", "recent",
    "further", "intervening", "same", "subsequent", "entire", "whole", "upcoming", "in", "for",
    "after", "on", "or", "by", "end", "beginning", "start", "middle", "rest", "remainder",
    "sometime", "fiscal", "financial", "calendar", "school", "academic", "year", "comparable",
    "corresponding", "flat", "new", "one", "two", "five", "six", "seven", "eight", "nine", "ten",
    "shortly", "right", "as", "distant", "near", "long", "short", "medium",
})
_CLOCKISH = re.compile(r"\d{1,2}(?:[:.]\d\d|\s*(?:[ap]\.?m\b|[AP]\.?M\b))")


def trigger_rules(token: str, text: str, start: int, end: int) -> frozenset[str]:
    """The rules a token at ``text[start:end]`` can head (empty: none)."""
    if token[0].isdigit():
        n = end - start
        if n == 4 or (n <= 2 and (text[end:end + 1] == "/" or _CLOCKISH.match(text, start))):
            return _DIGIT_RULES
        if text[end:end + 1] in ("s",) or text[end:end + 2] in ("'s", "’s"):
            return _DIGIT_RULES  # "1990s", "80s"
        return frozenset()
    return TRIGGERS.get(token.lower(), frozenset())
