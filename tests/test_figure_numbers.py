"""Numbers in text, normalised (no spaCy): storyline.article.figure_numbers."""

from __future__ import annotations

import pytest

from storyline.article.figure_numbers import NumberMatch, parse_digits, scan_numbers


def kept(text: str) -> list[NumberMatch]:
    return [m for m in scan_numbers(text) if m.skip is None]


def only(text: str) -> NumberMatch:
    found = kept(text)
    assert len(found) == 1, [(text[m.start : m.end], m.skip) for m in scan_numbers(text)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "qualifier"),
    [
        ("The council signed off a £4.75 billion bond.", "£4.75 billion", 4.75e9, "GBP", None),
        ("It will cost 12 billion euros over a decade.", "12 billion euros", 12e9, "EUR", None),
        ("Spending rises to 3.1% of GDP next year.", "3.1% of GDP", 3.1, "% of GDP", None),
        (
            "Spending rises to 3.1 per cent of gross domestic product.",
            "3.1 per cent of gross domestic product",
            3.1,
            "% of GDP",
            None,
        ),
        ("Around two dozen mayors attended.", "two dozen", 24, None, "around"),
        ("Forty towns signed the pact.", "Forty", 40, None, None),
        ("Up to 30 ferries were cancelled.", "30", 30, None, "up to"),
        ("The fund is worth nearly £18 million.", "£18 million", 18e6, "GBP", "nearly"),
        ("At least 12 bridges closed.", "12", 12, None, "at least"),
        ("The firm raised US$5bn in bonds.", "US$5bn", 5e9, "USD", None),
        ("A grant of $1.5m was approved.", "$1.5m", 1.5e6, "USD", None),
        ("Support fell 3.5 percentage points.", "3.5 percentage points", 3.5, "pp", None),
        ("Twenty-five stations shut.", "Twenty-five", 25, None, None),
        ("It holds one hundred and twenty boats.", "one hundred and twenty", 120, None, None),
        ("Volunteers filled half a million bags.", "half a million", 5e5, None, None),
        ("A dozen lorries queued.", "A dozen", 12, None, None),
        ("Turnout was 64 per cent.", "64 per cent", 64, "%", None),
        ("The strike costs $2.1bn a week.", "$2.1bn a week", 2.1e9, "USD/week", None),
        ("Some 8,400 nurses walked out.", "8,400", 8400, None, "some"),
        ("A 45-day truce began.", "45-day", 45, "day", None),
        ("The water rose by four metres.", "four metres", 4, "m", None),
        ("More than 2,000 households left.", "2,000", 2000, None, "more than"),
    ],
)
def test_values_units_and_qualifiers(
    text: str, span: str, value: float, unit: str | None, qualifier: str | None
) -> None:
    m = only(text)
    assert text[m.start : m.end] == span
    assert m.value == pytest.approx(value)
    assert m.unit == unit
    assert m.qualifier == qualifier


def test_conversion_in_brackets_gives_two_figures() -> None:
    text = "The bloc could free up 420 billion euros (£350 billion) for defence."
    found = kept(text)
    assert [(text[m.start : m.end], m.unit) for m in found] == [
        ("420 billion euros", "EUR"),
        ("£350 billion", "GBP"),
    ]
    assert found[1].value == pytest.approx(350e9)


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        ("Repairs could take two to three months.", "two to three months", 2, 3, "month"),
        ("Between 150 and 200 pupils were sent home.", "150 and 200", 150, 200, None),
        ("The queue held 20-30 lorries.", "20-30", 20, 30, None),
    ],
)
def test_ranges(text: str, span: str, low: float, high: float, unit: str | None) -> None:
    m = only(text)
    assert text[m.start : m.end] == span
    assert (m.low, m.high, m.value, m.unit) == (low, high, low, unit)


def test_from_to_is_a_change_not_a_range() -> None:
    found = kept("The tally rose from 20 to 35 overnight.")
    assert [(m.value, m.low, m.high) for m in found] == [(20, None, None), (35, None, None)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The summit opened on 14 June 2024 in Tarrow.", "date"),
        ("Talks resumed on June 14.", "date"),
        ("The briefing began at 15:45 sharp.", "time"),
        ("The show runs from 10am daily.", "time"),
        ("Under Article 5 of the charter, allies respond.", "label"),
        ("She was aged 61 when elected.", "age"),
        ("It was the 27th meeting.", "ordinal"),
        ("The rules changed in 2019 after a review.", "year"),
        ("Prices peaked in the 1990s.", "date"),
        ("The hosts won 3-1 on Saturday.", "score"),
    ],
)
def test_numbers_not_to_compare_are_flagged(text: str, reason: str) -> None:
    found = scan_numbers(text)
    assert found, text
    assert found[0].skip == reason
    assert kept(text) == []


def test_names_with_digits_are_not_figures() -> None:
    assert kept("The G7 met, and No10 said Covid-19 rules end.") == []


def test_year_like_count_with_plural_noun_is_kept() -> None:
    m = only("About 2000 volunteers signed up.")
    assert m.value == 2000 and m.qualifier == "about"


def test_iso_date_header_is_a_date() -> None:
    assert kept("date 2024-11 The flood came.") == []


def test_parse_digits() -> None:
    assert parse_digits("240,000") == 240000
    assert parse_digits("2.26") == 2.26
    assert parse_digits("1.234.567") == 1234567
    assert parse_digits("12ab") is None


def test_offsets_point_into_the_text() -> None:
    text = "Officials said “about £3.2 billion” was at stake, and 14 towns."
    for m in kept(text):
        assert text[m.start : m.end] in ("£3.2 billion", "14")
