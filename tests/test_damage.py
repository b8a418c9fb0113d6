"""Damage detection on invented sentences: holes where names were stripped, and
ordinary English that looks like a hole but is not."""

from __future__ import annotations

import pytest

from storyline.article.damage import find_damage


def spans(text: str) -> list[str]:
    return [text[d.start : d.end] for d in find_damage(text)]


@pytest.mark.parametrize(
    ("text", "expected", "reason"),
    [
        (
            "The long feud between and . Neither side has given way.",
            "between and .",
            "name missing after 'between'",
        ),
        (
            "Since Monday, ferry crews at have refused to sail.",
            "at have",
            "name missing after 'at'",
        ),
        (
            "The walkout comes after and other unions backed the claim.",
            "after and",
            "name missing after 'after'",
        ),
        (
            "Engineers were sent to the harbour in as repairs began.",
            "in as",
            "name missing after 'in'",
        ),
        (
            "The survey will be handed to as part of the annual review.",
            "to as",
            "name missing after 'to'",
        ),
        (
            "Patrol boats will guard ‘s northern waters.",
            "guard ‘s",
            "name missing before '‘s'",
        ),
        ("But ’s trade minister disagreed.", "But ’s", "name missing before '’s'"),
        ("Meanwhile, ’s envoy flew home.", "Meanwhile, ’s", "name missing before '’s'"),
        (
            "Under Mayor ’s plan, fares would fall.",
            "Mayor ’s",
            "name missing before '’s'",
        ),
        (
            "The council met on Monday.\n\nhas said it will appeal the ruling.",
            "has",
            "subject missing before 'has'",
        ),
        (
            "Inspectors stationed in , officials said, found nothing.",
            "in ,",
            "name missing after 'in'",
        ),
        (
            "A naval base in would shift the balance of power.",
            "in would",
            "name missing after 'in'",
        ),
        (
            "The row began after proposed a joint patrol of the strait.",
            "after proposed",
            "subject missing after 'after'",
        ),
        ("Talks stalled once again with .", "with .", "name missing after 'with'"),
        (
            "Mayor Ilse Brand and , met at the port on Tuesday.",
            "and ,",
            "name missing after 'and'",
        ),
        (
            "Ferry crossings to and Valdora resumed.",
            "to and",
            "name missing after 'to'",
        ),
        (
            "Grain shipments were diverted from Tarsk with as part of the embargo.",
            "with as",
            "name missing after 'with'",
        ),
    ],
)
def test_finds_stripped_names(text: str, expected: str, reason: str) -> None:
    found = find_damage(text)
    assert [text[d.start : d.end] for d in found] == [expected]
    assert reason in found[0].reason.split("; ")


def test_gap_with_two_holes_is_one_span_with_both_reasons() -> None:
    text = "It ended the war between and ."
    (damage,) = find_damage(text)
    assert text[damage.start : damage.end] == "between and ."
    assert damage.reason == "name missing after 'between'; name missing after 'and'"


def test_spans_are_in_order_and_offsets_point_into_text() -> None:
    text = "Troops in as talks began. Later, ’s navy arrived with ."
    found = find_damage(text)
    assert [text[d.start : d.end] for d in found] == ["in as", "Later, ’s", "with ."]
    assert [d.start for d in found] == sorted(d.start for d in found)


@pytest.mark.parametrize(
    "text",
    [
        "Supplies could run out in as little as two weeks.",
        "Fares could rise by as much as a fifth, and in as many as nine towns.",
        "The mayor visited Lisbon as well as Porto.",
        "Ferries went to and fro all day.",
        "The quay they looked at has been rebuilt twice.",
        "It was dealt with and other matters were taken up.",
        "Crews worked before and after the storm, with and without pay.",
        "That is the town they live in and the reason they stay.",
        "Crowds moved in and out of the square, and in and around the port.",
        "Flights to or from the island were cancelled.",
        "The harbour master’s office said so, and Valdora’s navy agreed.",
        "He has said he will stay. She has not.",
        "The U.S. has said it will help. Rep. Dana Holt (D-Md.) said the bill would pass.",
        "Charles P. and Ada R. Quill donated the land.",
        "She was sworn in as mayor on Friday and took over as chair in May.",
        "The group is often referred to as the Harbour Six.",
        "What they voted for was change, and what I have a problem with is delay.",
        "The team he played with would later win the cup.",
        "He has since moved to the coast; she had long since retired to the hills.",
        "“Is it over?” said the captain. “No,” replied the mate.",
        "He wants to have more time to think.",
        "The board met in May when the vote was called.",
        "After agreed targets were missed, the board resigned.",
        "He spoke of the costs . . . and then left.",
        "Voters can change their minds at will.",
        "The report, known as the Tarsk Review, was published in 2024.",
        "They were put in as substitutes.",
        "She called it a ‘s–t show’ in private.",
        "Sales in the D.C.’s suburbs rose.",
    ],
)
def test_ordinary_english_is_not_damage(text: str) -> None:
    assert spans(text) == []


def test_empty_text() -> None:
    assert find_damage("") == []


def test_a_title_whose_holder_was_cut_out_is_damage() -> None:
    text = "Harbour Secretary , who flew in on Monday, met the pilots. The Mayor , said nothing."
    spans = [(text[d.start : d.end], d.reason) for d in find_damage(text)]
    assert ("Secretary ,", "name missing after the title 'Secretary'") in spans
    assert any(found == "Mayor ," for found, _ in spans)


def test_a_title_before_ordinary_punctuation_is_not_damage() -> None:
    text = "She was named Secretary, then Minister. He thanked the President."
    assert find_damage(text) == []
