from __future__ import annotations

import pytest

from storyline.ingest.dates import parse_date, parse_dateline


def test_relative_words_are_not_publication_dates() -> None:
    assert parse_date("yesterday") is None
    assert parse_date("last Thursday") is None


def test_full_dates_in_other_forms_still_parse() -> None:
    assert parse_date("Thu, 27 Mar 2031 15:21:00 +0000") == ("2031-03-27", "day")
    assert parse_date("2031-03") == ("2031-03", "month")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("27 March 2031, 15:21 | Updated: 28 March 2031", "2031-03-27"),
        ("Last Updated: Friday, 14 February 2031, 09:12 GMT", "2031-02-14"),
        ("updated 8:41 p.m. EST, Tue March 4, 2031", "2031-03-04"),
        ("8:56am Monday 9th June 2031", "2031-06-09"),
        ("Posted: Nov 27, 2031 8:20 AM ET Last Updated: Nov 28, 2031 8:10 PM ET", "2031-11-27"),
        # A page split into tokens, as some corpora and scrapers leave it.
        ("June 06 , 2031", "2031-06-06"),
        ("Monday , March 10 , 2031 23 : 51", "2031-03-10"),
        ("updated 8 : 41 p . m . EST , Tue March 4 , 2031", "2031-03-04"),
        ("Monday 15 September 2031 03 . 31 BST", "2031-09-15"),
    ],
)
def test_datelines_in_the_forms_pages_write_them(line: str, expected: str) -> None:
    assert parse_dateline(line) == (expected, "day")


@pytest.mark.parametrize(
    "line",
    [
        "In 1957 , the harbour closed for good .",
        "Ferry crews marked 2031 as the year of the strike",
        "9 / 10 / 2031 @ 1 : 19PM",  # day and month order unknown: no date
        "Found March 08 , 2031 in the archive",
    ],
)
def test_sentences_and_ambiguous_numbers_are_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None
