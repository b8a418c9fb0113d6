from __future__ import annotations

import pytest

from storyline.ingest.dates import date_from_url, parse_date, parse_dateline


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
        ("Fri . , May . 3 , 2031 11 : 45 AM PDT", "2031-05-03"),
        ("Sat Nov 12 2031 , 01 : 19 hrs", "2031-11-12"),
        ("Monday 15 September 2031 19 : 04 hours", "2031-09-15"),
        ("7 : 15 a . m . Dec . 7 , 2031", "2031-12-07"),
        ("26 September 2031 , 10 : 00 ( GMT+05 : 00 )", "2031-09-26"),
        ("Published on : Fri , 11 Nov 2031 at 09 : 56 IST", "2031-11-11"),
        ("on Jul 7 2031 , 5 : 55p", "2031-07-07"),
        ("( March 20 , 2031 ) - -", "2031-03-20"),
        ("published : 2031 - 04 - 04 11 : 47 : 35", "2031-04-04"),
        ("Published : 2031 . 08 . 09 09 : 01 AM", "2031-08-09"),
        # Numbers alone: a day or month over 12 settles the order, as does a repeat.
        ("11 / 30 / 31 05 : 40 PM ET", "2031-11-30"),
        ("First Posted 23 : 37 : 00 30 / 05 / 2031", "2031-05-30"),
        ("10 : 10 AM PDT 6 / 6 / 2031", "2031-06-06"),
    ],
)
def test_datelines_in_the_forms_pages_write_them(line: str, expected: str) -> None:
    assert parse_dateline(line) == (expected, "day")


@pytest.mark.parametrize(
    "line",
    [
        "In 1957 , the harbour closed for good .",
        "Ferry crews marked 2031 as the year of the strike",
        "Found March 08 , 2031 in the archive",
    ],
)
def test_sentences_and_ambiguous_numbers_are_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    "line",
    ["9 / 10 / 2031 @ 1 : 19PM", "Posted : 08 / 02 / 2031 11 : 10 am EDT", "08 . 07 . 2031"],
)
def test_a_day_and_month_the_numbers_do_not_order_keep_the_year_alone(line: str) -> None:
    assert parse_dateline(line) == ("2031", "year")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/2031/05/03/ferry-strike-ends/", ("2031-05-03", "day")),
        ("http://paper.example/world/2031/aug/02/harbour-talks", ("2031-08-02", "day")),
        ("http://wire.example/news/2031-05-05-port-strike_N.htm", ("2031-05-05", "day")),
        ("http://blog.example/2031/08/harbour-strike-thoughts.html", ("2031-08", "month")),
        ("http://site.example/news/414523/harbour", None),
        ("http://site.example/2031/13/45/nonsense", None),
    ],
)
def test_dates_in_news_urls(url: str, expected: tuple[str, str] | None) -> None:
    assert date_from_url(url) == expected
