"""Per-article figures with the spaCy parse: storyline.article.figures."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.article.figures import extract_figures, figure_date, gerund
from storyline.errors import AnalysisError
from storyline.model import Article, Timex

pytestmark = pytest.mark.slow

# An invented story, invented outlet and people.
TEXT = (
    "Thirty countries have joined the Tarrow reconstruction pact, the foreign ministry said.\n\n"
    "The Treasury has approved a £1.8 billion loan to Tarrow, and a further 420 billion euros "
    "(£350 billion) could be freed up by the bloc.\n\n"
    "Around two dozen ministers took part in talks on Tuesday, while the two ministers who "
    "stayed away sent deputies.\n\n"
    "Up to 12,000 refugees in Corvan could return home, officials said. A 45-year-old woman "
    "was hurt. Relief chief Idris Pell, 52, said repairs may take two to three months.\n\n"
    "Defence spending will rise to 3.1% of GDP. Staff gathered at Pier 7 at 15:45 on "
    "14 June 2024."
)


def article(text: str = TEXT, published: str | None = "2024-06-14") -> Article:
    return Article(
        id="inv1", source="invented", text=text, published=published, published_precision="day"
    )


@pytest.fixture(scope="module")
def figures(nlp: Any) -> dict[str, Any]:
    art = article()
    found = extract_figures(nlp(art.text), art)
    return {f.text: f for f in found} | {"_all": found}


def test_every_figure_points_into_the_text(figures: dict[str, Any]) -> None:
    for f in figures["_all"]:
        assert TEXT[f.start : f.end] == f.text
        assert f.article == "inv1"


def test_ids_are_stable_and_numbered_in_order(figures: dict[str, Any], nlp: Any) -> None:
    ids = [f.id for f in figures["_all"]]
    assert ids == [f"inv1:f{n}" for n in range(1, len(ids) + 1)]
    again = extract_figures(nlp(TEXT), article())
    assert [(f.id, f.start, f.value) for f in again] == [
        (f.id, f.start, f.value) for f in figures["_all"]
    ]


def test_the_figures_found(figures: dict[str, Any]) -> None:
    found = {f.text: (f.value, f.unit) for f in figures["_all"]}
    assert found == {
        "Thirty": (30, None),
        "£1.8 billion": (1.8e9, "GBP"),
        "420 billion euros": (420e9, "EUR"),
        "£350 billion": (350e9, "GBP"),
        "two dozen": (24, None),
        "12,000": (12000, None),
        "two to three months": (2, "month"),
        "3.1% of GDP": (3.1, "% of GDP"),
    }


def test_what_is_left_out(figures: dict[str, Any]) -> None:
    texts = {f.text for f in figures["_all"]}
    # "the two ministers" refers back; ages, a pier's number, a time and a date are not compared
    assert not texts & {"two", "45-year", "52", "7", "15", "45", "14", "2024"}


def test_measures_are_read_from_the_sentence(figures: dict[str, Any]) -> None:
    assert figures["Thirty"].measure.startswith("countries")
    assert "pact" in figures["Thirty"].measure
    assert figures["£1.8 billion"].measure == "loan to Tarrow"
    assert figures["two dozen"].measure.startswith("ministers")
    assert figures["12,000"].measure.startswith("refugees in Corvan")
    assert figures["3.1% of GDP"].measure == "Defence spending"


def test_qualifiers_are_kept(figures: dict[str, Any]) -> None:
    assert figures["two dozen"].qualifier == "around"
    assert figures["12,000"].qualifier == "up to, could"
    assert figures["Thirty"].qualifier is None
    assert figures["two to three months"].qualifier == "may"
    assert (figures["two to three months"].low, figures["two to three months"].high) == (2, 3)


def test_a_conversion_shares_measure_and_qualifier(figures: dict[str, Any]) -> None:
    euros, pounds = figures["420 billion euros"], figures["£350 billion"]
    assert pounds.measure == euros.measure
    assert pounds.qualifier == euros.qualifier == "a further, could"


def test_dates_default_to_publication(figures: dict[str, Any]) -> None:
    assert {f.date for f in figures["_all"]} == {"2024-06-14"}


def test_a_timex_in_the_sentence_dates_the_figure(nlp: Any) -> None:
    text = "Around two dozen ministers took part in talks on Tuesday. Thirty towns agreed."
    start = text.index("Tuesday")
    timexes = [Timex("inv1", start, start + 7, "Tuesday", "DATE", "2024-06-11")]
    found = extract_figures(nlp(text), article(text), timexes)
    assert [(f.text, f.date) for f in found] == [
        ("two dozen", "2024-06-11"),
        ("Thirty", "2024-06-14"),
    ]


def test_figure_date_ignores_other_sentences_and_vague_values() -> None:
    timexes = [
        Timex("a", 100, 107, "Tuesday", "DATE", "2024-06-11"),
        Timex("a", 5, 12, "last week", "DATE", "2024-W23"),
    ]
    assert figure_date(0, 50, 20, timexes, "2024-06-14") == "2024-06-14"
    assert figure_date(0, 120, 20, timexes, None) == "2024-06-11"


def test_doc_must_be_the_article_text(nlp: Any) -> None:
    with pytest.raises(AnalysisError, match="figures"):
        extract_figures(nlp("Thirty towns agreed."), article("Forty towns agreed."))


def test_no_figures_in_text_without_numbers(nlp: Any) -> None:
    text = "Ministers met in Corvan and agreed to meet again soon."
    assert extract_figures(nlp(text), article(text)) == []


@pytest.mark.parametrize(
    ("lemma", "form"), [("take", "taking"), ("join", "joining"), ("plan", "planning"),
                        ("die", "dying"), ("open", "opening"), ("agree", "agreeing")],
)  # fmt: skip
def test_gerund(lemma: str, form: str) -> None:
    assert gerund(lemma) == form
