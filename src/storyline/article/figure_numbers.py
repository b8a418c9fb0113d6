"""Finding and normalising numeric expressions in text (no spaCy needed).

:func:`scan_numbers` walks a text once and returns every numeric expression with
its value normalised: ``£2.26 billion`` -> 2.26e9 GBP, ``2.5% of GDP`` -> 2.5
``% of GDP``, ``two dozen`` -> 24, ``two to three months`` -> 2..3 ``month``.
Vague amounts keep a low bound and their words: ``hundreds of`` -> 100..1,000 with
qualifier "hundreds of"; fractions of something are percentages: ``a third of`` -> 33.3 %.
It also returns the lexical qualifier in front of it (``up to``, ``around``) and
flags the numbers an analyst does not compare (dates, clock times, ordinals,
label numbers such as ``Article 5``, ages). :mod:`storyline.article.figures`
adds what needs the parse: the measure, modal qualifiers, anaphora.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens: numbers with separators, words (with inner apostrophes), single symbols.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+(?:['’][A-Za-z]+)?|\S")

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
# Abbreviated scales written after digits: "£30m", "$5bn", "20k".
SCALE_ABBREV = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "tn": 1e12, "trn": 1e12,
}  # fmt: skip

CURRENCY_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₴": "UAH", "₽": "RUB"}
# "US$", "A$": a country prefix written against the dollar sign.
DOLLAR_PREFIXES = {
    "us": "USD",
    "a": "AUD",
    "au": "AUD",
    "c": "CAD",
    "ca": "CAD",
    "hk": "HKD",
    "nz": "NZD",
    "s": "SGD",
}
CURRENCY_CODES = {"usd", "eur", "gbp", "chf", "jpy", "cny", "rub", "uah", "cad", "aud", "inr"}
CURRENCY_WORDS = {
    "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "franc": "CHF", "francs": "CHF", "rupee": "INR",
    "rupees": "INR",
}  # fmt: skip

DURATION_UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week",
    "weeks": "week", "month": "month", "months": "month", "year": "year", "years": "year",
    "decade": "decade", "decades": "decade",
}  # fmt: skip
MEASURE_UNITS = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mile", "miles": "mile", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "tonne": "tonne", "tonnes": "tonne", "ton": "tonne", "tons": "tonne", "kg": "kg",
    "kilogram": "kg", "kilograms": "kg", "barrel": "barrel", "barrels": "barrel",
    "hectare": "hectare", "hectares": "hectare", "acre": "acre", "acres": "acre",
    "mm": "mm", "millimetres": "mm", "cm": "cm", "centimetres": "cm", "inches": "inch",
    "inch": "inch", "feet": "ft", "foot": "ft", "litres": "litre", "litre": "litre",
    "mph": "mph", "gigawatts": "GW", "gigawatt": "GW", "megawatts": "MW", "megawatt": "MW",
}  # fmt: skip

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
TIME_SUFFIXES = {"am", "pm", "gmt", "bst", "cet", "est", "edt", "utc", "hrs", "o'clock"}
# Capitalised words that make the following number a label, not a quantity.
LABEL_WORDS = {
    "article", "section", "chapter", "clause", "flight", "route", "highway", "title",
    "resolution", "room", "phase", "level", "category", "grade", "number", "no", "vol",
    "volume", "page", "stage", "tier", "class", "type", "model", "version", "series",
    "channel", "radio", "formula", "apollo", "boeing", "airbus", "unit", "division",
    "brigade", "battalion", "regiment", "district", "ward", "zone", "block", "week",
    "day", "game", "round", "question", "item", "paragraph", "annex", "protocol",
    "amendment", "bill", "act", "rule", "step", "part", "exhibit", "table", "figure",
}  # fmt: skip

# Vague amounts: "dozens of", "hundreds of", "tens of thousands of". The value is the
# scale (a low bound), ``high`` the next scale; the words are kept as the qualifier.
VAGUE_PLURALS = {
    "dozens": 12.0, "scores": 20.0, "tens": 10.0, "hundreds": 1e2, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9,
}  # fmt: skip
VAGUE_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
VAGUE_SOME = {"several", "few"}  # "several hundred", "a few thousand"
# Fractions of something: "a third of", "two-thirds of", "half the" -> a percentage.
FRACTION_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip
FRACTION_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
_NOT_BEFORE_FRACTION = {
    "the", "first", "second", "third", "last", "latter", "former", "other", "final", "next",
}  # fmt: skip

# Lexical qualifiers, longest first so "as many as" wins over "as".
QUALIFIERS: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(q.split())
            for q in (
                "up to", "around", "about", "some", "roughly", "approximately", "approx",
                "nearly", "almost", "close to", "more than", "over", "at least", "at most",
                "fewer than", "less than", "under", "as many as", "as much as", "as few as",
                "as little as", "an estimated", "estimated", "just over", "just under",
                "well over", "well under", "in excess of", "upwards of", "only", "just",
                "circa", "below", "above", "another", "a further", "an additional",
                "an extra", "more", "barely", "nearly all", "exactly", "between",
            )
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip


@dataclass
class NumberMatch:
    """One numeric expression found in text.

    ``kind`` is "count", "money", "percent", "duration" or "quantity";
    ``skip`` names why an analyst would not compare it ("date", "time", "label",
    "age", "year", "ordinal", "score", "list") or is ``None``.
    """

    start: int
    end: int
    value: float
    unit: str | None
    kind: str
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    qualifier_start: int | None = None
    skip: str | None = None
    words: bool = False  # written in words ("two dozen") rather than digits
    vague: bool = False  # "hundreds of": value is a low bound, high the next scale


@dataclass
class _Tok:
    text: str
    low: str
    start: int
    end: int


def tokenize(text: str) -> list[_Tok]:
    return [
        _Tok(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)
    ]


def _adjacent(a: _Tok, b: _Tok) -> bool:
    return a.end == b.start


def parse_digits(s: str) -> float | None:
    """``"240,000"`` -> 240000.0, ``"2.26"`` -> 2.26; European "1.234.567" too."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", s):
        return float(s.replace(".", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    if re.fullmatch(r"\d+,\d{1,2}", s):  # decimal comma: "2,5"
        return float(s.replace(",", "."))
    return None


class _Scanner:
    """Recursive-descent reading of numeric expressions over the token list."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)

    # -- number cores ---------------------------------------------------------
    def word_number(self, i: int) -> tuple[float, int] | None:
        """Words from token ``i``: (value, index after). "two dozen", "a hundred"."""
        toks = self.toks
        total = 0.0
        current = 0.0
        j = i
        seen = False
        while j < len(toks):
            w = toks[j].low
            if w in UNITS_WORDS:
                if seen and current % 100 != 0 and current % 10 == 0 and current >= 20:
                    current += UNITS_WORDS[w]  # "twenty five"
                elif seen and current:
                    break
                else:
                    current += UNITS_WORDS[w]
            elif w in TENS_WORDS:
                if seen and current % 100 != 0:
                    break
                current += TENS_WORDS[w]
            elif w in ("a", "an") and not seen:
                nxt = toks[j + 1].low if j + 1 < len(toks) else ""
                if nxt not in SCALE_WORDS and nxt != "dozen":
                    return None
                current = 1
            elif w == "dozen" and seen:
                current = (current or 1) * 12
                j += 1
                break
            elif w == "half" and not seen:
                # "half a million"
                if j + 2 < len(toks) and toks[j + 1].low == "a" and toks[j + 2].low in SCALE_WORDS:
                    value = 0.5 * SCALE_WORDS[toks[j + 2].low]
                    return value, j + 3
                return None
            elif w in SCALE_WORDS and seen:
                scale = SCALE_WORDS[w]
                if scale == 100:
                    current = (current or 1) * 100
                else:
                    total += (current or 1) * scale
                    current = 0
            elif w == "-" and seen and j + 1 < len(toks) and toks[j + 1].low in UNITS_WORDS:
                if not (_adjacent(toks[j - 1], toks[j]) and _adjacent(toks[j], toks[j + 1])):
                    break
                j += 1
                continue
            elif (
                w == "and"
                and seen
                and current % 100 == 0
                and current
                and (
                    j + 1 < len(toks)
                    and (toks[j + 1].low in UNITS_WORDS or toks[j + 1].low in TENS_WORDS)
                )
            ):
                j += 1
                continue
            else:
                break
            seen = True
            j += 1
        if not seen:
            return None
        return total + current, j

    def number(self, i: int) -> tuple[float, int, bool] | None:
        """A number at token ``i``: (value, index after, written in words)."""
        if i >= len(self.toks):
            return None
        tok = self.toks[i]
        if tok.text[0].isdigit():
            value = parse_digits(tok.text)
            if value is None:
                return None
            j = i + 1
            # "1.5 million", "30m" (adjacent abbreviation), "two billion"
            if j < len(self.toks):
                nxt = self.toks[j]
                if nxt.low in SCALE_WORDS and nxt.low != "hundred":
                    return value * SCALE_WORDS[nxt.low], j + 1, False
                if nxt.low in SCALE_ABBREV and _adjacent(tok, nxt):
                    return value * SCALE_ABBREV[nxt.low], j + 1, False
            return value, j, False
        found = self.word_number(i)
        if found is None:
            return None
        value, j = found
        # "two million" handled inside; "1 in 3" is not ours.
        return value, j, True

    # -- whole expressions ----------------------------------------------------
    def currency_before(self, i: int) -> tuple[str, int] | None:
        """(currency code, index of its first token) for a prefix ending at ``i - 1``."""
        if i == 0:
            return None
        prev = self.toks[i - 1]
        if prev.text in CURRENCY_SYMBOLS:
            code = CURRENCY_SYMBOLS[prev.text]
            first = i - 1
            if prev.text == "$" and i >= 2 and _adjacent(self.toks[i - 2], prev):
                country = self.toks[i - 2].low
                if country in DOLLAR_PREFIXES:
                    return DOLLAR_PREFIXES[country], i - 2
            return code, first
        if prev.low in CURRENCY_CODES and prev.text.isupper():
            return prev.text.upper(), i - 1
        return None

    def suffix(self, j: int) -> tuple[str | None, str, int]:
        """(unit, kind, index after) for what follows a number ending at ``j``."""
        toks = self.toks
        if j >= len(toks):
            return None, "count", j
        t = toks[j]
        if t.text == "%" or t.low == "pc" and _adjacent(toks[j - 1], t):
            return self.of_gdp("%", j + 1)
        if t.low in ("percent", "per") and (
            t.low == "percent" or (j + 1 < len(toks) and toks[j + 1].low == "cent")
        ):
            after = j + 1 if t.low == "percent" else j + 2
            return self.of_gdp("%", after)
        if t.low == "percentage" and j + 1 < len(toks) and toks[j + 1].low in ("point", "points"):
            return "pp", "percent", j + 2
        if t.low in CURRENCY_WORDS:
            after = j + 1
            if t.low in ("pounds", "pound") and after < len(toks) and toks[after].low == "sterling":
                after += 1
            return CURRENCY_WORDS[t.low], "money", after
        if (
            t.low in ("us", "u.s")
            and j + 1 < len(toks)
            and toks[j + 1].low in ("dollars", "dollar")
        ):
            return "USD", "money", j + 2
        if t.text.isupper() and t.low in CURRENCY_CODES:
            return t.text, "money", j + 1
        if t.text == "-" and j + 1 < len(toks) and _adjacent(toks[j - 1], t):
            unit = toks[j + 1].low
            if unit in DURATION_UNITS and _adjacent(t, toks[j + 1]):
                return DURATION_UNITS[unit], "duration", j + 2
            if unit in MEASURE_UNITS and _adjacent(t, toks[j + 1]):
                return MEASURE_UNITS[unit], "quantity", j + 2
        if t.low in DURATION_UNITS:
            return DURATION_UNITS[t.low], "duration", j + 1
        if t.low in MEASURE_UNITS:
            return MEASURE_UNITS[t.low], "quantity", j + 1
        return None, "count", j

    def rate(self, j: int) -> tuple[str, int] | None:
        """("week", index after) for "a week", "per year", "annually" at token ``j``."""
        toks = self.toks
        if j >= len(toks):
            return None
        word = toks[j].low
        if word in ("annually", "yearly"):
            return "year", j + 1
        if word in ("a", "an", "per", "each", "every") and j + 1 < len(toks):
            unit = DURATION_UNITS.get(toks[j + 1].low)
            if unit is not None and toks[j + 1].low == unit:  # singular: "a week", not "a weeks"
                return unit, j + 2
            if word == "per" and toks[j + 1].low == "annum":
                return "year", j + 2
        return None

    def of_gdp(self, unit: str, j: int) -> tuple[str, str, int]:
        toks = self.toks
        if j + 1 < len(toks) and toks[j].low == "of":
            if toks[j + 1].text == "GDP":
                return "% of GDP", "percent", j + 2
            words = [t.low for t in toks[j + 1 : j + 4]]
            if words == ["gross", "domestic", "product"]:
                return "% of GDP", "percent", j + 4
        return unit, "percent", j

    def expression(self, i: int) -> NumberMatch | None:
        """The longest numeric expression starting with a number at token ``i``."""
        core = self.number(i)
        if core is None:
            return None
        value, j, words = core
        currency = self.currency_before(i)
        first = currency[1] if currency else i
        unit, kind, after = self.suffix(j)
        if currency:
            # The symbol decides the unit; a currency word or code after it is absorbed
            # ("$5 dollars"), anything else after it is not part of the money.
            absorbed = after > j and (
                self.toks[j].low in CURRENCY_WORDS or self.toks[j].text.isupper()
            )
            unit, kind, after = currency[0], "money", (after if absorbed else j)
        low = high = None
        end_tok = max(after, j) - 1
        rng = self.range_tail(i, max(after, j), unit, kind, currency is not None)
        if rng is not None:
            high_value, rng_after, rng_unit, rng_kind = rng
            if high_value > value:
                low, high = value, high_value
                if unit is None and rng_unit is not None:
                    unit, kind = rng_unit, rng_kind
                end_tok = rng_after - 1
        if kind in ("money", "count", "percent", "quantity"):
            # "$1.2bn a week", "500 people a day": a rate is part of the unit
            rate = self.rate(end_tok + 1)
            if rate is not None:
                unit = f"{unit or ''}/{rate[0]}"
                end_tok = rate[1] - 1
        start = self.toks[first].start
        end = self.toks[end_tok].end
        return NumberMatch(
            start=start, end=end, value=value, unit=unit, kind=kind, low=low, high=high, words=words
        )

    def range_tail(
        self, i: int, j: int, unit: str | None, kind: str, has_currency: bool
    ) -> tuple[float, int, str | None, str] | None:
        """A second bound after "to", "-", "–", "or", "and" (after "between")."""
        toks = self.toks
        if j + 1 >= len(toks):
            return None
        joiner = toks[j].low
        prev_word = toks[i - 1].low if i > 0 else ""
        if has_currency and i > 1:
            prev_word = toks[i - 2].low
        if prev_word == "from":
            return None  # "from 20 to 30" is a change: two figures
        if joiner == "and":
            if prev_word != "between":
                return None
        elif joiner not in ("to", "-", "–", "or"):
            return None
        k = j + 1
        if has_currency and k < len(toks) and toks[k].text in CURRENCY_SYMBOLS:
            k += 1
        core = self.number(k)
        if core is None:
            return None
        high_value, after, _ = core
        rng_unit, rng_kind, rng_after = self.suffix(after)
        if unit is not None and rng_unit is not None and rng_unit != unit:
            return None
        return high_value, max(after, rng_after), rng_unit, rng_kind

    def vague(self, i: int) -> NumberMatch | None:
        """ "hundreds of people", "tens of thousands of", "several hundred", "millions of"."""
        toks = self.toks
        tok = toks[i]
        j = i
        if tok.low in VAGUE_SOME:
            if tok.low == "few" and (i == 0 or toks[i - 1].low != "a"):
                return None
            if i + 1 >= len(toks) or toks[i + 1].low not in SCALE_WORDS:
                return None
            base = 2 * SCALE_WORDS[toks[i + 1].low]  # "a few hundred": at least two hundred
            high = 10 * SCALE_WORDS[toks[i + 1].low]
            j = i + 2
            if j < len(toks) and toks[j].low == "of":
                j += 1
            words_end = i + 1
        elif tok.low in VAGUE_PLURALS:
            base = VAGUE_PLURALS[tok.low]
            words_end = i
            j = i + 1
            # "tens of thousands", "hundreds of millions"
            if (
                j + 1 < len(toks)
                and toks[j].low == "of"
                and toks[j + 1].low in VAGUE_SCALES
                and tok.low in ("tens", "hundreds", "dozens", "scores")
            ):
                base *= VAGUE_SCALES[toks[j + 1].low]
                words_end = j + 1
                j += 2
            if j >= len(toks) or toks[j].low not in ("of", "more"):
                return None  # "in their thousands", "the hundreds": not an amount
            if tok.low == "tens" and words_end == i:
                return None  # "tens of people" is rare; "tens" alone is ambiguous
            high = base * 10 if tok.low not in ("dozens", "scores") or words_end > i else 100.0
            if toks[j].low == "of":
                j += 1
        else:
            return None
        unit: str | None = None
        kind = "count"
        if j < len(toks) and toks[j].low in CURRENCY_WORDS:
            unit, kind = CURRENCY_WORDS[toks[j].low], "money"
        start = self.toks[i - 1].start if tok.low == "few" else tok.start
        phrase = " ".join(t.low for t in toks[i : words_end + 1])
        if tok.low == "few":
            phrase = "a " + phrase
        qualifier = (
            tok.low
            if tok.low in VAGUE_SOME
            else phrase + (" of" if toks[words_end + 1].low == "of" else "")
        )
        if tok.low == "few":
            qualifier = "a few"
        return NumberMatch(
            start=start, end=toks[words_end].end, value=base, unit=unit, kind=kind,
            low=base, high=high, qualifier=qualifier, words=True, vague=True,
        )  # fmt: skip

    def fraction(self, i: int) -> NumberMatch | None:
        """ "a third of the park", "two-thirds of", "half the ships" -> a percentage."""
        toks = self.toks
        tok = toks[i]
        num = 1
        k = i
        if tok.low in FRACTION_NUMERATORS and i + 1 < len(toks):
            num = FRACTION_NUMERATORS[tok.low]
            k = i + 1
            if toks[k].text == "-" and k + 1 < len(toks) and _adjacent(toks[k - 1], toks[k]):
                k += 1
        den_word = toks[k].low
        if den_word not in FRACTION_DENOMINATORS or (k == i and den_word != "half"):
            return None
        den = FRACTION_DENOMINATORS[den_word]
        if num > 1 and not den_word.endswith("s") or num == 1 and den_word.endswith("s"):
            return None  # "two third", "a thirds": not a fraction
        after = toks[k + 1].low if k + 1 < len(toks) else ""
        if after != "of" and not (
            den_word == "half" and after in ("the", "its", "their", "all", "our", "his", "her")
        ):
            return None
        if i > 0 and toks[i - 1].low in _NOT_BEFORE_FRACTION:
            return None  # "the second half of the year", "the first third"
        return NumberMatch(
            start=tok.start, end=toks[k].end, value=100.0 * num / den, unit="%", kind="percent",
            words=True,
        )  # fmt: skip

    def qualifier(self, first_tok: int) -> tuple[str, int] | None:
        """The qualifier right before token ``first_tok``: (text, start offset)."""
        for words in QUALIFIERS:
            n = len(words)
            if first_tok - n < 0:
                continue
            cand = self.toks[first_tok - n : first_tok]
            if tuple(t.low for t in cand) == words:
                return self.text[cand[0].start : cand[-1].end], cand[0].start
        return None


def _index_of(toks: list[_Tok], offset: int) -> int:
    for k, t in enumerate(toks):
        if t.start == offset:
            return k
    raise ValueError(offset)


def scan_numbers(text: str) -> list[NumberMatch]:
    """Every numeric expression in ``text``, in order, with skip reasons set."""
    scanner = _Scanner(text)
    toks = scanner.toks
    out: list[NumberMatch] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not (
            tok.text[0].isdigit()
            or tok.low in UNITS_WORDS
            or tok.low in TENS_WORDS
            or tok.low in ("a", "an", "half")
            or tok.low in VAGUE_PLURALS
            or tok.low in VAGUE_SOME
            or tok.low in FRACTION_DENOMINATORS
        ):
            i += 1
            continue
        match = scanner.fraction(i) or scanner.vague(i) or scanner.expression(i)
        if match is None:
            i += 1
            continue
        first = _index_of(toks, match.start)
        last = i
        while last + 1 < len(toks) and toks[last + 1].end <= match.end:
            last += 1
        if not match.vague:
            match.skip = _skip_reason(scanner, first, i, last, match)
        qual = scanner.qualifier(first)
        if qual is not None:
            # "nearly half", "more than a third"; a vague amount keeps its own words too
            match.qualifier = ", ".join(q for q in (qual[0].lower(), match.qualifier) if q)
            match.qualifier_start = qual[1]
        out.append(match)
        i = last + 1
        if match.skip == "score":
            i += 2  # the other side of "3-1" goes with it
    return out


def _skip_reason(sc: _Scanner, first: int, core: int, last: int, m: NumberMatch) -> str | None:
    """Why this number is not a figure to compare, or ``None``."""
    toks = sc.toks
    core_tok = toks[core]
    prev = toks[first - 1] if first > 0 else None
    nxt = toks[last + 1] if last + 1 < len(toks) else None
    nxt2 = toks[last + 2] if last + 2 < len(toks) else None
    if core_tok.low in ("one", "a", "an") and m.value in (1.0,):
        return "one"  # "one of the few", "a" alone: not a quantity to compare
    # Letters glued before the number: "G7", "No10", "F-35", "COVID-19".
    if (
        prev is not None
        and _adjacent(prev, toks[first])
        and (
            prev.text[-1].isalpha()
            or (
                prev.text == "-"
                and first > 1
                and toks[first - 2].text[-1].isalpha()
                and _adjacent(toks[first - 2], prev)
            )
        )
        and m.unit is None
    ):
        return "label"
    if prev is not None and prev.text in ("#", "/") and _adjacent(prev, toks[first]):
        return "label"
    if nxt is not None and nxt.text in ("/",) and _adjacent(toks[last], nxt):
        return "label"  # "24/7", "3/4"
    # Clock times: "15:21", "10am", "10 am", "3 o'clock".
    if nxt is not None and nxt.text == ":" and nxt2 is not None and nxt2.text[0].isdigit():
        return "time"
    if prev is not None and prev.text == ":" and first > 1 and toks[first - 2].text[0].isdigit():
        return "time"
    # "10am", "10 pm", "10 a.m." (a lone "a" after a number is an article unless glued on)
    dotted = nxt is not None and nxt.low in ("a", "p") and nxt2 is not None and nxt2.text == "."
    if (
        nxt is not None
        and (nxt.low in TIME_SUFFIXES or dotted)
        and (nxt.low != "a" or _adjacent(toks[last], nxt))
    ):
        return "time"
    if nxt is not None and nxt.low in ("st", "nd", "rd", "th", "s") and _adjacent(toks[last], nxt):
        return "ordinal" if nxt.low != "s" else "date"  # "27th", "1990s"
    # ISO dates and their parts: "2025-03", "2025-03-27".
    around = sc.text[max(0, m.start - 8) : m.end + 6]
    if re.search(r"\b\d{4}-\d{2}(?:-\d{2})?\b", around) and m.unit is None:
        iso = [
            x
            for x in re.finditer(
                r"\b\d{4}-\d{2}(?:-\d{2})?\b", sc.text[max(0, m.start - 8) : m.end + 6]
            )
        ]
        base = max(0, m.start - 8)
        if any(base + x.start() <= m.start and m.end <= base + x.end() for x in iso):
            return "date"
    # Dates: a month name beside the number, or a weekday before "27 March".
    if m.unit is None or m.kind == "count":
        if nxt is not None and nxt.low in MONTHS and (nxt.low != "may" or nxt.text == "May"):
            return "date"
        if prev is not None and prev.low in MONTHS and (prev.low != "may" or prev.text == "May"):
            return "date"
        if prev is not None and prev.low in WEEKDAYS:
            return "date"
        text_value = core_tok.text
        counted = nxt is not None and nxt.text.islower() and nxt.low.endswith("s")
        year_like = re.fullmatch(r"(1[89]|20)\d\d", text_value) is not None
        if year_like and m.unit is None and last == core and not counted:
            return "year"
    # Ages: "aged 45", "45 years old", "a 45-year-old man" (decided with the parse).
    if prev is not None and prev.low == "aged":
        return "age"
    if m.kind == "duration" and nxt is not None and nxt.low == "old":
        return "age"
    if (
        m.kind == "duration"
        and nxt is not None
        and nxt.text == "-"
        and nxt2 is not None
        and nxt2.low == "olds"
    ):
        return "age"  # "two-year-olds": an age group
    if (
        m.kind == "duration"
        and nxt is not None
        and nxt.text == "-"
        and nxt2 is not None
        and nxt2.low == "old"
    ):
        return "age-or-duration"  # the parse decides: a person is aged, a war lasts
    # Label numbers: "Article 5", "Flight 370", "Channel 4".
    if (
        prev is not None
        and prev.low.rstrip(".") in LABEL_WORDS
        and prev.text[0].isupper()
        and m.unit is None
        and not m.words
    ):
        return "label"
    # A numbered list item at a line start: "1. Text" or "2) Text".
    line_start = sc.text.rfind("\n", 0, m.start) + 1
    if (
        not sc.text[line_start : m.start].strip()
        and nxt is not None
        and nxt.text in (".", ")")
        and _adjacent(toks[last], nxt)
        and m.unit is None
    ):
        return "list"
    # Sports scores and vote tallies: "3-1", "won 52-48" — a pair, not a range.
    if (
        m.low is None
        and nxt is not None
        and nxt.text in ("-", "–")
        and nxt2 is not None
        and nxt2.text.isdigit()
        and _adjacent(toks[last], nxt)
        and _adjacent(nxt, nxt2)
    ):
        return "score"
    return None
