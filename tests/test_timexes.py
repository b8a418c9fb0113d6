"""Temporal expressions: spans, types and values against the publication date.

The texts are invented. Most tests run without spaCy (tense then comes from the
words around the expression); the ``slow`` ones pass a Doc.
"""

from __future__ import annotations

import pytest

from storyline.article.timexes import extract_timexes
from storyline.model import Article, Timex

# 2031-05-16 is a Friday; 2031-05-18 a Sunday.
FRIDAY = "2031-05-16"


def tag(text: str, published: str | None = FRIDAY, precision: str | None = "day",
        doc: object = None) -> list[Timex]:
    article = Article(id="a1", source="test", text=text, published=published,
                      published_precision=precision)  # type: ignore[arg-type]
    return extract_timexes(text, article, doc)  # type: ignore[arg-type]


def values(text: str, **kw: object) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in tag(text, **kw)}  # type: ignore[arg-type]


# ---------------------------------------------------------------- weekdays and tense
def test_past_weekday_is_the_one_before_publication() -> None:
    assert values("The two ministers met on Tuesday in Lisbon.") == {
        "Tuesday": ("DATE", "2031-05-13")}


def test_future_weekday_is_the_one_after_publication() -> None:
    assert values("The council will vote on Wednesday.") == {"Wednesday": ("DATE", "2031-05-21")}


def test_weekday_of_the_publication_day_itself_is_that_day() -> None:
    assert values("The mayor said on Friday that the bridge would reopen.")["Friday"] == (
        "DATE", FRIDAY)


def test_since_a_weekday_looks_back_whatever_the_verb() -> None:
    # "that'll be compost" later in the sentence must not send Tuesday into next week
    got = values("“I’ve been sat here since Tuesday, and the load will be compost soon.”")
    assert got["Tuesday"] == ("DATE", "2031-05-13")


def test_last_and_next_weekday_skip_the_publication_day() -> None:
    got = values("It closed last Friday and opens next Friday.")
    assert got["last Friday"] == ("DATE", "2031-05-09")
    assert got["next Friday"] == ("DATE", "2031-05-23")


def test_weekday_this_week_stays_in_the_iso_week() -> None:
    # Published on a Monday: Thursday this week is three days later.
    got = values("Engineers will inspect the dam on Thursday this week.",
                 published="2031-05-12")
    assert got == {"Thursday this week": ("DATE", "2031-05-15")}


def test_plan_for_this_week_said_on_a_sunday_means_the_coming_week() -> None:
    got = values("Our engineers will meet on Thursday this week.", published="2031-05-18")
    assert got["Thursday this week"] == ("DATE", "2031-05-22")


def test_weekday_with_part_of_day_is_a_time() -> None:
    assert values("Protesters gathered on Tuesday night.")["Tuesday night"] == (
        "TIME", "2031-05-13TNI")


# ---------------------------------------------------------------- deictic days and weeks
def test_yesterday_today_tomorrow() -> None:
    got = values("Yesterday the port closed; today it reopened; tomorrow it may close.")
    assert got["Yesterday"] == ("DATE", "2031-05-15")
    assert got["today"] == ("DATE", FRIDAY)
    assert got["tomorrow"] == ("DATE", "2031-05-17")


def test_weeks_are_iso_weeks() -> None:
    got = values("Last week the board resigned, earlier this week a new one sat, "
                 "and next week it votes.")
    assert got["Last week"] == ("DATE", "2031-W19")
    assert got["this week"] == ("DATE", "2031-W20")  # "earlier" stays outside the span
    assert got["next week"] == ("DATE", "2031-W21")


def test_this_afternoon_and_clock_times() -> None:
    got = values("The summit ended this afternoon; the statement came at 15:21.")
    assert got["this afternoon"] == ("TIME", "2031-05-16TAF")
    assert got["15:21"] == ("TIME", "2031-05-16T15:21")


def test_clock_time_with_weekday() -> None:
    assert values("Voting closes at 10 p.m. Wednesday.")["10 p.m. Wednesday"] == (
        "TIME", "2031-05-14T22:00")


# ---------------------------------------------------------------- months and years
def test_month_without_year_takes_the_nearest_year() -> None:
    got = values("The rule could change as soon as April.", published="2031-03-20")
    assert got == {"April": ("DATE", "2031-04")}  # "soon" of "as soon as" is no timex


def test_explicit_dates() -> None:
    got = values("It was signed on 12 March 2029 and ratified on June 3, 2030.")
    assert got["12 March 2029"] == ("DATE", "2029-03-12")
    assert got["June 3, 2030"] == ("DATE", "2030-06-03")


def test_quarter_and_a_year_earlier_lean_on_it() -> None:
    got = values("Profit rose in the third quarter of 2030, against a loss a year earlier.")
    assert got["the third quarter of 2030"] == ("DATE", "2030-Q3")
    assert got["a year earlier"] == ("DATE", "2029-Q3")


def test_adjectival_quarter_leaves_the_article_out() -> None:
    got = tag("The firm posted a third-quarter loss.", published="2030-11-02")
    assert [(t.text, t.value) for t in got] == [("third-quarter", "2030-Q3")]


def test_holiday_resolves_in_the_publication_year() -> None:
    assert values("The shops reopen after Christmas Day.", published="2031-11-20") == {
        "Christmas Day": ("DATE", "2031-12-25")}


# ---------------------------------------------------------------- durations, sets, vague
def test_adjectival_durations() -> None:
    got = values("The three-year dispute ended in a 30-day truce.")
    assert got["three-year"] == ("DURATION", "P3Y")
    assert got["30-day"] == ("DURATION", "P30D")


def test_durations_with_modifiers() -> None:
    got = values("Talks went on for more than four hours over the past two weeks.")
    assert got["more than four hours"] == ("DURATION", "PT4H")
    assert got["the past two weeks"] == ("DURATION", "P2W")


def test_half_units() -> None:
    assert values("The hearing lasted two and a half hours.")["two and a half hours"] == (
        "DURATION", "PT2H30M")


def test_sets() -> None:
    got = values("The market opens every Friday and the ferry sails twice a week, "
                 "at a fare of $40 a day.")
    assert got["every Friday"] == ("SET", "XXXX-WXX-5")
    assert got["twice a week"] == ("SET", "P1W")
    # Rates are left out (TimeBank marks almost none), and not as durations either.
    assert "a day" not in got


def test_ages_are_not_durations() -> None:
    assert tag("The 54-year-old mayor, who is 54 years old, resigned.") == []


def test_vague_references() -> None:
    got = values("Prices have recently fallen and are now stable, but in the coming days "
                 "and weeks they may rise.")
    assert got["recently"] == ("DATE", "PAST_REF")
    assert got["now"] == ("DATE", "PRESENT_REF")
    assert got["the coming days and weeks"] == ("DATE", "FUTURE_REF")


# ---------------------------------------------------------------- what is not a timex
@pytest.mark.parametrize("text", [
    "Prime Minister Theresa May visited the plant.",
    "Officials said they may march on the capital.",
    "More than 2000 troops were sent.",
    "She writes for the Daily Clarion.",
    "The fall of the old regime surprised nobody.",
])
def test_not_temporal(text: str) -> None:
    assert tag(text) == []


# ---------------------------------------------------------------- offsets
def test_offsets_point_into_the_text_and_possessives_stay_out() -> None:
    text = "Thursday’s meeting was moved to Saturday's session."
    found = tag(text)
    assert [t.text for t in found] == ["Thursday", "Saturday"]
    for t in found:
        assert text[t.start:t.end] == t.text
        assert t.article == "a1"


# ---------------------------------------------------------------- coarse or missing dates
def test_month_only_publication_never_invents_a_day() -> None:
    got = values("The envoys met on Thursday; last week they wrote; last month they called.",
                 published="2031-05-01", precision="month")
    assert got["Thursday"] == ("DATE", "2031-05-XX")
    assert got["last week"] == ("DATE", "2031-WXX")
    assert got["last month"] == ("DATE", "2031-04")


def test_without_publication_date_values_are_masked() -> None:
    got = values("He spoke yesterday and will return on Thursday, perhaps in April, "
                 "after 12 March 2029.", published=None, precision=None)
    assert got["yesterday"] == ("DATE", "XXXX-XX-XX")
    assert got["Thursday"] == ("DATE", "XXXX-WXX-4")
    assert got["April"] == ("DATE", "XXXX-04")
    assert got["12 March 2029"] == ("DATE", "2029-03-12")


# ---------------------------------------------------------------- with spaCy's tense
@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from storyline.article.nlp import load_pipeline

    return load_pipeline()


@pytest.mark.slow
def test_tense_from_the_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    past = "The ferry operator suspended sailings on Monday, the company said."
    future = "The ferry operator is due to resume sailings on Monday, the company said."
    got_past = values(past, doc=nlp(past))
    got_future = values(future, doc=nlp(future))
    assert got_past["Monday"] == ("DATE", "2031-05-12")
    assert got_future["Monday"] == ("DATE", "2031-05-19")


@pytest.mark.slow
def test_possessive_weekday_takes_the_sentence_tense(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Tuesday's vote will decide the budget."
    assert values(text, doc=nlp(text))["Tuesday"] == ("DATE", "2031-05-20")


@pytest.mark.slow
def test_a_modal_looks_ahead_and_a_modal_perfect_looks_back(nlp) -> None:  # type: ignore[no-untyped-def]
    def weekday(text: str) -> dict[str, tuple[str, str]]:
        return values(text, doc=nlp(text))

    # Friday 16 May 2031: "would be stood down on Saturday" is the next day, not the last.
    assert weekday("The union said pickets would be stood down at 6am on Saturday.")[
        "6am on Saturday"] == ("TIME", "2031-05-17T06:00")
    assert weekday("Talks could resume on Monday, officials said.")["Monday"] == (
        "DATE", "2031-05-19")
    assert weekday("She said she would have voted on Tuesday had the polls been open.")[
        "Tuesday"] == ("DATE", "2031-05-13")
