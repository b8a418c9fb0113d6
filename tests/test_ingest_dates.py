from __future__ import annotations

from storyline.ingest.dates import parse_date


def test_relative_words_are_not_publication_dates() -> None:
    assert parse_date("yesterday") is None
    assert parse_date("last Thursday") is None


def test_full_dates_in_other_forms_still_parse() -> None:
    assert parse_date("Thu, 27 Mar 2031 15:21:00 +0000") == ("2031-03-27", "day")
    assert parse_date("2031-03") == ("2031-03", "month")
