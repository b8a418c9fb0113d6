"""Vague amounts, fractions and conversions: figure_numbers (no spaCy) and figures (spaCy)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.article.figure_numbers import NumberMatch, scan_numbers
from storyline.article.figures import extract_figures
from storyline.model import Article


def kept(text: str) -> list[NumberMatch]:
    return [m for m in scan_numbers(text) if m.skip is None]


@pytest.mark.parametrize(
    ("text", "span", "value", "high", "unit", "qualifier"),
    [
        ("Hundreds of volunteers came.", "Hundreds", 100, 1000, None, "hundreds of"),
        ("Dozens of barges sank.", "Dozens", 12, 100, None, "dozens of"),
        ("Thousands more fled.", "Thousands", 1000, 10_000, None, "thousands"),
        ("Tens of thousands of fans marched.", "Tens of thousands", 1e4, 1e5, None,
         "tens of thousands of"),
        ("It cost millions of pounds.", "millions", 1e6, 1e7, "GBP", "millions of"),
        ("Hundreds of millions of euros were lost.", "Hundreds of millions", 1e8, 1e9, "EUR",
         "hundreds of millions of"),
        ("Several hundred pickets gathered.", "Several hundred", 200, 1000, None, "several"),
        ("Nearly a few thousand people left.", "a few thousand", 2000, 10_000, None,
         "nearly, a few"),
    ],
)  # fmt: skip
def test_vague_amounts_keep_a_low_bound_and_their_words(
    text: str, span: str, value: float, high: float, unit: str | None, qualifier: str
) -> None:
    (m,) = kept(text)
    assert text[m.start : m.end] == span
    assert (m.value, m.low, m.high, m.unit, m.qualifier) == (value, value, high, unit, qualifier)
    assert m.vague


@pytest.mark.parametrize(
    ("text", "span", "value", "qualifier"),
    [
        ("A third of the orchards burned.", "A third", 100 / 3, None),
        ("Nearly half of the ferries stopped.", "half", 50.0, "nearly"),
        ("Half the staff walked out.", "Half", 50.0, None),
        ("Two-thirds of members voted.", "Two-thirds", 200 / 3, None),
        ("About three quarters of the wells ran dry.", "three quarters", 75.0, "about"),
        ("One fifth of the crop was lost.", "One fifth", 20.0, None),
    ],
)
def test_fractions_are_percentages(text: str, span: str, value: float, qualifier: str) -> None:
    (m,) = kept(text)
    assert text[m.start : m.end] == span
    assert m.unit == "%" and m.kind == "percent"
    assert m.value == pytest.approx(value)
    assert m.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "The match resumed after half an hour.",
        "Sales rose in the second half of the year.",
        "Fans came in their thousands.",
        "The hundreds were all accounted for.",
        "A third quarter loss was reported.",
    ],
)
def test_not_vague_amounts_or_fractions(text: str) -> None:
    assert kept(text) == []


def test_a_conversion_in_brackets_gives_both_values() -> None:
    text = "The plan could release 420 billion euros (£350 billion) for ports."
    found = kept(text)
    assert [(text[m.start : m.end], m.value, m.unit) for m in found] == [
        ("420 billion euros", 420e9, "EUR"),
        ("£350 billion", 350e9, "GBP"),
    ]


@pytest.mark.slow
def test_vague_fraction_and_total_measures(nlp: Any) -> None:
    text = (
        "Thousands of residents have been evacuated from Marrowby.\n\n"
        "A third of the Fell national park has burned.\n\n"
        "The agency opened two more clinics, taking the total to six.\n\n"
        "The county could free up 80 million euros (£68 million) for repairs."
    )
    art = Article(id="v1", source="invented", text=text, published="2027-07-14")
    figs = {f.text: f for f in extract_figures(nlp(text), art)}
    thousands = figs["Thousands"]
    assert (thousands.value, thousands.low, thousands.high) == (1000, 1000, 10_000)
    assert thousands.qualifier == "thousands of"
    assert "residents" in thousands.measure and "evacuated" in thousands.measure
    third = figs["A third"]
    assert third.unit == "%" and third.value == pytest.approx(100 / 3)
    assert "national park" in third.measure
    assert figs["six"].measure == "clinics"  # not "total"
    euros, pounds = figs["80 million euros"], figs["£68 million"]
    assert (euros.value, euros.unit, pounds.value, pounds.unit) == (80e6, "EUR", 68e6, "GBP")
    assert euros.measure == pounds.measure and euros.qualifier == pounds.qualifier == "could"
