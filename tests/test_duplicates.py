"""Exact, near-duplicate and syndicated copies: storyline.corpus.duplicates."""

from __future__ import annotations

import random

from storyline.corpus.duplicates import (
    find_duplicates,
    is_wire_outlet,
    normalise,
    shingles,
    wire_credit,
)
from storyline.model import Article, Removed

# An invented story (invented places, people and outlets).
FERRY = [
    "Ferry crews at the port of Tarrow walked out at dawn on Monday, stranding hundreds of "
    "passengers and leaving lorries queued along the coast road for several miles.",
    "The union said its members had rejected a pay offer that fell well short of rising "
    "living costs, and warned that the stoppage could run for the rest of the week.",
    "Harbour master Elin Brask said the last sailing to Corvan had been cancelled and that "
    "travellers should not set out for the terminal until further notice.",
    "Hauliers described the queues as the worst they had seen since the harbour wall was "
    "rebuilt, with drivers sleeping in their cabs overnight.",
    "The ferry operator said talks would resume on Tuesday morning and that it remained "
    "committed to reaching a fair settlement with its staff.",
    "Local shops near the terminal reported a rush on water and sandwiches as drivers "
    "waited for news of the negotiations.",
    "Ministers in Corvan urged both sides to return to the table, saying the dispute was "
    "already costing exporters heavily.",
    "A spokesperson for the regional council said extra toilets and water points would be "
    "set up along the coast road by the evening.",
]  # fmt: skip
TALKS = [
    "Talks to end the Tarrow ferry strike broke down on Wednesday after the operator refused "
    "to improve its pay offer, the union said in a short statement.",
    "Negotiators had met for nine hours at a hotel outside the port before the union walked "
    "away, accusing managers of bad faith.",
    "The operator said it was disappointed and that the door remained open, but gave no date "
    "for a new meeting between the two sides.",
    "Passengers booked on the evening crossing were offered refunds or seats on the coach "
    "service to the southern port, which added extra buses.",
]  # fmt: skip


def art(aid: str, paras: list[str], outlet: str | None = None, day: str | None = None,
        byline: str | None = None) -> Article:  # fmt: skip
    return Article(id=aid, source="invented", text="\n\n".join(paras), outlet=outlet,
                   byline=byline, published=day, published_precision="day" if day else None)  # fmt: skip


def sets_of(articles: list[Article]) -> list[tuple[str, list[str], str | None, str | None]]:
    return [(s.kind, s.articles, s.original, s.wire) for s in find_duplicates(articles)]


def test_exact_copies_ignore_case_spacing_and_punctuation() -> None:
    a = art("a", FERRY, "Corvan Herald", "2024-03-04")
    b = art("b", [p.upper().replace(",", "") + "  " for p in FERRY], "Corvan Herald", "2024-03-05")
    c = art("c", TALKS, "Corvan Herald", "2024-03-06")
    assert sets_of([b, c, a]) == [("exact", ["a", "b"], "a", None)]


def test_a_trimmed_and_edited_copy_from_the_same_outlet_is_a_near_duplicate() -> None:
    original = art("orig", FERRY, "Corvan Herald", "2024-03-04")
    edited = [p.replace("hundreds of", "many").replace("Monday", "Monday morning") for p in FERRY]
    update = art("upd", edited[:6], "Corvan Herald", "2024-03-04")
    found = sets_of([update, original])
    assert found == [("near-duplicate", ["orig", "upd"], "orig", None)]


def test_a_wire_story_and_a_clients_copy_are_syndicated_with_the_wire_as_original() -> None:
    wire = art("w", ["TARROW (Reuters) - " + FERRY[0], *FERRY[1:]], "Reuters", "2024-03-04")
    client = art("k", ["Strike strands ferry passengers.", *FERRY[:6]], "Delta Post", "2024-03-04")
    other = art("o", TALKS, "Delta Post", "2024-03-06")
    assert sets_of([client, other, wire]) == [("syndicated", ["w", "k"], "w", "Reuters")]


def test_copies_in_two_outlets_without_credits_are_syndicated_earliest_first() -> None:
    late = art("late", FERRY[:7], "Delta Post", "2024-03-05")
    early = art("early", FERRY, "Corvan Herald", "2024-03-04")
    assert sets_of([late, early]) == [("syndicated", ["early", "late"], "early", None)]


def test_two_reports_from_one_wire_on_different_days_are_not_copies() -> None:
    byline = "By Jane Roe, PA Political Correspondent"
    day1 = art("d1", [*FERRY[:3], *TALKS[2:]], "Corvan Herald", "2024-03-04", byline)
    # the next day's report repeats two background paragraphs
    day2 = art("d2", [*TALKS[:2], FERRY[1], FERRY[2], *TALKS[2:]], "Corvan Herald",
               "2024-03-05", byline)  # fmt: skip
    assert wire_credit(day1) == wire_credit(day2) == "PA"
    assert find_duplicates([day1, day2]) == []


def test_a_client_running_the_wire_copy_next_day_is_still_a_copy() -> None:
    byline = "By Jane Roe, PA Political Correspondent"
    wire = art("w", FERRY, "PA", "2024-03-04", byline)
    client = art("k", FERRY[:7], "Delta Post", "2024-03-05", byline)
    assert sets_of([client, wire]) == [("syndicated", ["w", "k"], "w", "PA")]


def test_unrelated_and_short_articles_are_not_copies() -> None:
    a = art("a", FERRY, "Corvan Herald", "2024-03-04")
    b = art("b", TALKS, "Corvan Herald", "2024-03-04")
    short1 = art("s1", ["Ferry strike ends."], "Delta Post", "2024-03-08")
    short2 = art("s2", ["Ferry strike ends today."], "Corvan Herald", "2024-03-08")
    assert find_duplicates([a, b, short1, short2]) == []


def test_short_identical_articles_are_exact_copies() -> None:
    a = art("a", ["Ferry strike ends."], "Delta Post", "2024-03-08")
    b = art("b", ["Ferry strike ends."], "Corvan Herald", "2024-03-09")
    assert sets_of([a, b]) == [("exact", ["a", "b"], "a", None)]


def test_wire_credits() -> None:
    assert wire_credit(art("x", ["WASHINGTON (AP) — " + FERRY[0]])) == "AP"
    assert wire_credit(art("x", [*FERRY[:2], "Reporting by Ann Lee; Editing by Tom Hale"])) \
        == "Reuters"  # fmt: skip
    assert wire_credit(art("x", FERRY, byline="By Sam Dee, Agence France-Presse")) == "AFP"
    assert wire_credit(art("x", FERRY, outlet="Associated Press")) == "AP"
    assert wire_credit(art("x", FERRY, outlet="Corvan Herald")) is None
    # a photo credit is furniture, not a credit for the text
    captioned = art("x", FERRY, outlet="Corvan Herald")
    captioned.removed = [Removed("Ferry passengers wait at the terminal (PA)", "caption")]
    assert wire_credit(captioned) is None
    assert is_wire_outlet("Reuters") and not is_wire_outlet("Reuters Daily Digest")
    # any agency, in the byline form regional sites print for agency copy
    byline = "By contributor Hannah Vale, Osprey Industrial Correspondent"
    assert wire_credit(art("x", FERRY, byline=byline)) == "Osprey"
    assert wire_credit(art("x", FERRY, byline="Hannah Vale, Osprey Crime Reporter")) == "Osprey"
    assert wire_credit(art("x", FERRY, byline="By Hannah Vale, Industrial Correspondent")) is None
    staff = art("x", FERRY, outlet="Corvan Herald", byline="Ann Lee, Herald Political Editor")
    assert wire_credit(staff) is None


def test_the_agency_credited_in_one_copy_names_the_set() -> None:
    byline = "By contributor Hannah Vale, Osprey Industrial Correspondent"
    first = art("p1", FERRY, "Corvan Herald", "2024-03-04", byline)
    second = art("p2", ["STRIKE CHAOS AT THE PORT", *FERRY[:7]], "Delta Post", "2024-03-04")
    assert sets_of([second, first]) == [("syndicated", ["p1", "p2"], "p1", "Osprey")]


def test_shingles_are_stable_and_order_sensitive() -> None:
    words = normalise("The union said its members rejected the offer on Monday.")
    first, second = shingles(words), shingles(list(words))
    assert first.tolist() == second.tolist()
    assert len(first) == len(words) - 4
    assert shingles(list(reversed(words))).tolist() != first.tolist()


def test_many_articles_only_planted_copies_are_found() -> None:
    rng = random.Random(3)
    vocab = [f"w{n}" for n in range(2000)]
    articles = [
        Article(id=f"n{i}", source="invented", text=" ".join(rng.choices(vocab, k=150)),
                outlet="Delta Post", published="2024-03-01", published_precision="day")
        for i in range(300)
    ]  # fmt: skip
    planted = []
    for k in range(0, 300, 30):
        words = articles[k].text.split()
        words[10] = "changed"
        planted.append(Article(id=f"copy{k}", source="invented", text=" ".join(words[:130]),
                               outlet="Corvan Herald", published="2024-03-02",
                               published_precision="day"))  # fmt: skip
    found = find_duplicates(articles + planted)
    assert sorted(tuple(s.articles) for s in found) == sorted(
        (f"n{k}", f"copy{k}") for k in range(0, 300, 30)
    )
    assert {s.kind for s in found} == {"syndicated"}
