"""Publication dates: metadata normalised, and a month narrowed to a day only when
the (invented) text pins it. 27 March 2025 was a Thursday."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.article.published import normalise_published, pin_day, resolve_published
from storyline.model import RawDocument


def raw(published: str | None = None, text: str = "") -> RawDocument:
    return RawDocument(source="mem://story", text=text, format="text", published=published)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-27", ("2025-03-27", "day")),
        ("2025-03-27T15:21:00+01:00", ("2025-03-27", "day")),
        ("2025-03-27T23:10:00Z", ("2025-03-27", "day")),
        ("Thu, 27 Mar 2025 15:21:00 +0000", ("2025-03-27", "day")),
        ("27 March 2025", ("2025-03-27", "day")),
        ("March 27, 2025", ("2025-03-27", "day")),
        ("March 2025", ("2025-03-01", "month")),
        ("2025-03", ("2025-03-01", "month")),
        ("2025", ("2025-01-01", "year")),
    ],
)
def test_normalise_metadata_dates(value: str, expected: tuple[str, str]) -> None:
    assert normalise_published(value) == expected


@pytest.mark.parametrize("value", ["", "soon", "2025-13-45", "yesterday"])
def test_unreadable_metadata_is_none(value: str) -> None:
    assert normalise_published(value) is None


def test_coarser_reader_precision_wins() -> None:
    assert normalise_published("2025-03-01", "month") == ("2025-03-01", "month")
    assert normalise_published("2025-03-01", "year") == ("2025-01-01", "year")


def test_day_metadata_is_kept_whatever_the_text_says() -> None:
    doc = raw("2025-03-20", "The harbour board met today (Thursday 27 March).")
    assert resolve_published(doc, doc.text) == ("2025-03-20", "day")


@pytest.mark.parametrize(
    "text",
    [
        "The harbour board met today (Thursday 27 March) to approve the plan.",
        "Speaking this afternoon, Thursday, March 27, the mayor said fares would fall.",
        "The vote, held this morning – Thursday 27th – was close.",
        "The ferry strike began yesterday (Wednesday 26 March) and goes on.",
        "Dockers will walk out tomorrow (Friday 28 March), the union said.",
        "The board met on Thursday 27 March 2025 this afternoon.",
        "Today, 27 March, the port reopened.",
    ],
)
def test_text_that_pins_the_day_narrows_a_month(text: str) -> None:
    doc = raw("2025-03", text)
    assert resolve_published(doc, text) == ("2025-03-27", "day")


@pytest.mark.parametrize(
    "text",
    [
        # Weekdays alone name four or five days of the month.
        "The board met on Thursday. On Thursday evening the mayor spoke. Talks "
        "resume on Thursday, officials said today.",
        # An explicit date not tied to the time of writing.
        "The summit on Thursday 27 March ended without a deal.",
        # "today" and a date in one sentence, but not about each other.
        "Today's vote follows talks held on Thursday 20 March.",
        # The weekday contradicts the calendar: a slip, not evidence.
        "The harbour board met today (Friday 27 March).",
        # Two pinned days that disagree.
        "The board met today (Thursday 27 March). The vote is today (Friday 28 March).",
        # A pinned date whose weekday contradicts another "today".
        "The board met today (Thursday 27 March). This morning (Friday) the port shut.",
        # The named date would put publication outside the metadata's month.
        "The strike began yesterday (Monday 31 March).",
    ],
)
def test_text_that_does_not_pin_the_day_keeps_month(text: str) -> None:
    doc = raw("2025-03", text)
    assert resolve_published(doc, text) == ("2025-03-01", "month")


def test_year_metadata_narrows_to_a_day_with_an_explicit_month() -> None:
    text = "The port reopened today (Thursday 27 March)."
    assert resolve_published(raw("2025", text), text) == ("2025-03-27", "day")
    vague = "The port reopened today (Thursday the 27th)."
    assert resolve_published(raw("2025", vague), vague) == ("2025-01-01", "year")


def test_dateline_left_in_the_body_gives_the_date() -> None:
    body = "27 March 2025, 15:21 | Updated: 27 March 2025, 16:05\nThe port reopened."
    assert resolve_published(raw(None, body), "The port reopened.") == ("2025-03-27", "day")


def test_dateline_in_body_narrows_month_metadata() -> None:
    body = "Thursday 27 March 2025\nThe port reopened on Thursday."
    assert resolve_published(raw("2025-03", body), body) == ("2025-03-27", "day")


def test_date_header_in_body_gives_month() -> None:
    body = "date 2025-03 The port reopened on Thursday after a long strike."
    assert resolve_published(raw(None, body), body) == ("2025-03-01", "month")


def test_no_date_anywhere() -> None:
    body = "The port reopened on Thursday after a long strike."
    assert resolve_published(raw(None, body), body) == (None, None)


def test_pin_day_returns_a_date_only_inside_the_period() -> None:
    start = dt.date(2025, 4, 1)
    assert pin_day("It opened today (Thursday 27 March).", start, "month") is None
    assert pin_day("It opened today (Thursday 3 April).", start, "month") == dt.date(2025, 4, 3)


def test_a_url_line_at_the_top_gives_the_day_an_ambiguous_dateline_cannot() -> None:
    text = (
        "http : / / harbour . example / 2025 / 03 / 07 / ferry - strike - ends /\n"
        "Ferry strike ends after talks\n"
        "03 / 07 / 2025 11 : 10 am\n"
        "Ferry crews in Wexcombe returned to work after a week-long strike over pay."
    )
    assert resolve_published(raw(text=text), text) == ("2025-03-07", "day")


def test_an_ambiguous_dateline_alone_gives_the_year() -> None:
    text = "03 / 07 / 2025 11 : 10 am\nFerry crews in Wexcombe returned to work on Friday."
    assert resolve_published(raw(text=text), text) == ("2025-01-01", "year")


def test_a_dateline_wins_over_an_archive_url_and_the_articles_url_is_read() -> None:
    text = (
        "http : / / archive . example / 2031 / 05 / 31 / ferry - strike /\n"
        "Published : July 29 , 2025\n"
        "Ferry crews in Wexcombe returned to work after a week-long strike over pay."
    )
    assert resolve_published(raw(text=text), text) == ("2025-07-29", "day")
    plain = "Ferry crews in Wexcombe returned to work after a week-long strike over pay."
    doc = RawDocument(source="https://harbour.example/2025/aug/02/ferry", text=plain,
                      format="url", url="https://harbour.example/2025/aug/02/ferry")  # fmt: skip
    assert resolve_published(doc, plain) == ("2025-08-02", "day")
