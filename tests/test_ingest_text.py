"""Plain text: metadata lines lifted from the head, encodings decoded right.

All texts here are invented (a ferry strike in the invented port of Velmont).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import read_inputs
from storyline.ingest.dates import parse_date, parse_dateline
from storyline.ingest.decode import decode_text
from storyline.ingest.headers import lift_header
from storyline.model import InputFailure, RawDocument, Removed
from storyline.settings import Settings

BODY = (
    "Harbour pilots in Velmont have voted to strike over a pay offer they called an insult.\n\n"
    "The union said the first walkout would begin on Monday unless talks resume."
)


def read_one(path: Path, settings: Settings | None = None) -> RawDocument:
    items = list(read_inputs([str(path)], settings or Settings()))
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, RawDocument), item
    return item


def reasons(doc: RawDocument) -> list[str]:
    return reasons_of(doc.removed)


def reasons_of(removed: list[Removed]) -> list[str]:
    return [r.reason for r in removed]


# --- the header shapes --------------------------------------------------------------


def test_date_header_glued_to_first_paragraph_is_lifted() -> None:
    body, header = lift_header(" date 2024-11 " + BODY)
    assert header.published == "2024-11"
    assert header.published_precision == "month"
    assert body == BODY
    assert [(r.text, r.reason) for r in header.removed] == [
        ("date 2024-11", "date header (published)")
    ]


def test_date_header_on_its_own_line() -> None:
    body, header = lift_header("Date: 2024-11-05\n\n" + BODY)
    assert (header.published, header.published_precision) == ("2024-11-05", "day")
    assert body == BODY


def test_show_header_and_dateline() -> None:
    text = "\nMara Quinn 4pm - 7pm\n5 November 2024, 09:12 | Updated: 5 November 2024, 11:40\n"
    body, header = lift_header(text + BODY)
    assert (header.published, header.published_precision) == ("2024-11-05", "day")
    assert [(r.text, r.reason) for r in header.removed] == [
        ("Mara Quinn 4pm - 7pm", "show header"),
        ("5 November 2024, 09:12 | Updated: 5 November 2024, 11:40", "dateline (published)"),
    ]
    assert body == BODY


def test_masthead_headline_byline_and_empty_labels() -> None:
    text = (
        "Velmont Evening Courier\n\n"
        "Ferry strike talks collapse after six hours\n\n"
        "Pilots and port owners failed to agree a deal.\n\n"
        "By contributor Anya Petrov, Transport Correspondent\n"
        "Published\n"
        "Last updated\n"
        "Harbour master Tom Bray\n"
        "Harbour master Tom Bray said the port would stay open (Velmont Press)\n\n" + BODY
    )
    body, header = lift_header(text)
    assert header.outlet == "Velmont Evening Courier"
    assert header.title == "Ferry strike talks collapse after six hours"
    assert header.byline == "Anya Petrov, Transport Correspondent"
    assert header.published is None
    assert reasons_of(header.removed) == [
        "masthead (outlet)",
        "headline (title)",
        "byline",
        "empty date label",
        "empty date label",
    ]
    # The standfirst and the in-body caption stay: captions are the cleaning stage's job.
    assert body.startswith("Pilots and port owners failed to agree a deal.\n\nHarbour master Tom")
    assert body.endswith(BODY)


def test_masthead_without_outlet_word_needs_a_headline_under_it() -> None:
    _, header = lift_header("Kestrel\n\nPilots vote to strike over pay offer\n\n" + BODY)
    assert header.outlet == "Kestrel"
    assert header.title == "Pilots vote to strike over pay offer"


def test_headline_without_masthead_is_lifted_when_a_byline_follows() -> None:
    body, header = lift_header("Pilots vote to strike over pay offer\nBy Jane Okafor\n" + BODY)
    assert header.title == "Pilots vote to strike over pay offer"
    assert header.byline == "Jane Okafor"
    assert header.outlet is None
    assert body == BODY


def test_byline_with_a_date_gives_both() -> None:
    _, header = lift_header("By Jane Okafor | 5 November 2024\n" + BODY)
    assert header.byline == "Jane Okafor"
    assert header.published == "2024-11-05"


def test_month_header_then_day_dateline_keeps_the_day() -> None:
    _, header = lift_header("date 2024-11\n5 November 2024, 09:12\n" + BODY)
    assert (header.published, header.published_precision) == ("2024-11-05", "day")


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        # a sentence that starts with a date is not a dateline
        "5 November 2024 was the day the pilots walked out.\n\nMore followed.",
        # "By ..." sentences are not bylines
        "By the time the ferry docked, the pickets had gone.\n\nThe port reopened.",
        "By Thursday, the union had called off the strike.\n\nThe port reopened.",
        # a caption on the first line is in-body furniture, not a masthead
        "Harbour master Tom Bray (Image: Velmont Press)\n" + BODY,
        # a title-case first line followed by a sentence is not a masthead
        "Strike Day\nThe pilots walked out at dawn and the port fell silent for hours.",
        # a section label is not an outlet
        "Politics\n\nPilots vote to strike over pay offer\n\n" + BODY,
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    body, header = lift_header(text)
    assert body == text
    assert header.removed == []
    assert (header.title, header.outlet, header.byline, header.published) == (None,) * 4


def test_only_the_head_is_scanned() -> None:
    text = BODY + "\n\nBy Jane Okafor\n\nPublished\n\n5 November 2024, 09:12\n"
    body, header = lift_header(text)
    assert body == text
    assert header.removed == []


def test_text_file_carries_the_lifted_fields(tmp_path: Path) -> None:
    path = tmp_path / "pilots.txt"
    path.write_text(" date 2024-11 " + BODY, encoding="utf-8")
    doc = read_one(path)
    assert doc.format == "text"
    assert doc.source == str(path)
    assert doc.published == "2024-11"
    assert doc.published_precision == "month"
    assert doc.text == BODY
    assert reasons(doc) == ["date header (published)"]


def test_text_of_only_header_lines_fails(tmp_path: Path) -> None:
    path = tmp_path / "stub.txt"
    path.write_text("Mara Quinn 4pm - 7pm\n5 November 2024, 09:12\n", encoding="utf-8")
    [item] = list(read_inputs([str(path)], Settings()))
    assert isinstance(item, InputFailure)
    assert "no article text" in item.reason


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-05", ("2024-11-05", "day")),
        ("2024-11", ("2024-11", "month")),
        ("2024", ("2024", "year")),
        ("2024-11-05T09:12:00.000+00:00", ("2024-11-05", "day")),
        ("Tue, 05 Nov 2024 09:12:00 GMT", ("2024-11-05", "day")),
        ("November 5, 2024 at 9.12am EST", ("2024-11-05", "day")),
        ("5th of November 2024", ("2024-11-05", "day")),
        ("November 2024", ("2024-11", "month")),
        ("2024-13-05", None),
        ("not a date", None),
    ],
)
def test_parse_date(value: str, expected: tuple[str, str] | None) -> None:
    assert parse_date(value) == expected


def test_parse_dateline_needs_the_whole_line_to_be_a_date() -> None:
    assert parse_dateline("09:12, 5 November 2024") == ("2024-11-05", "day")
    assert parse_dateline("Published: 5 Nov 2024") == ("2024-11-05", "day")
    assert parse_dateline("5 November 2024 the pilots walked out") is None
    assert parse_dateline("2024 was a hard year for the port") is None


# --- encodings ------------------------------------------------------------------------

CURLY = "\u201cWe will not sail,\u201d the pilots\u2019 leader said \u2013 twice."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (CURLY.encode("utf-8"), CURLY),
        (b"\xef\xbb\xbf" + CURLY.encode("utf-8"), CURLY),
        (CURLY.encode("cp1252"), CURLY),
        (CURLY.encode("utf-16"), CURLY),
        ("Caf\u00e9 owners on the quay".encode("latin-1"), "Caf\u00e9 owners on the quay"),
        # 0x81 is undefined in cp1252, so only latin-1 can decode this
        (b"Caf\xe9 \x81 quay", "Caf\u00e9 \x81 quay"),
        (b"line one\r\nline two\rline three", "line one\nline two\nline three"),
    ],
)
def test_decode_text(data: bytes, expected: str) -> None:
    assert decode_text(data) == expected


def test_cp1252_file_reads_with_curly_quotes(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(("By Jane Okafor\n" + CURLY + "\n\n" + BODY).encode("cp1252"))
    doc = read_one(path)
    assert doc.byline == "Jane Okafor"
    assert doc.text.startswith(CURLY)
    assert "\u201d" in doc.text and "\ufffd" not in doc.text


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfVelmont Evening Courier\n\nPilots vote to strike again\n\n"
                     + BODY.encode("utf-8"))
    doc = read_one(path)
    assert doc.outlet == "Velmont Evening Courier"
    assert doc.title == "Pilots vote to strike again"
    assert doc.text == BODY
