"""Cleaning on an invented scraped article: furniture out with reasons, every
sentence of the article kept character for character."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.article.clean import REASONS, clean_document, furniture_reason
from storyline.errors import InputFormatError
from storyline.model import Article, RawDocument, Removed, content_id
from storyline.settings import Settings

SETTINGS = Settings()

# The article's own sentences: each must survive cleaning verbatim.
SENTENCES = [
    "The Valdora harbour board has approved a plan to reopen the north quay, its chair "
    "Ilse Brand said on Thursday.",
    "Ferries will resume within a month, and fares will fall by as much as a fifth.",
    "The figures were first compiled by the Coastal Press Agency (CPA)",
    "Officials said they would read more of the engineers’ report before deciding.",
    "Read more widely, Ms Brand urged the board, before the next vote.",
    "Don't miss the deadline, the port authority warned hauliers on Friday.",
    "Dock workers, who struck for six weeks, welcomed the decision.",
    "“We have waited long enough,” said union organiser Tomas Reyes.",
    "The quay was damaged in the storm of 2023. (Reuters)",
    "Critics say the repairs ran over budget (CPA).",
    "Tarsk, the neighbouring port, is expected to respond next week.",
]

SCRAPED = f"""
Harbour Gazette
Valdora votes to reopen north quay
By Anna Pell, Maritime Correspondent
Published
Last updated
Marta Ruiz 4pm - 7pm
27 March 2025, 15:21 | Updated: 27 March 2025, 16:05

{SENTENCES[0]}

Harbour board chair Ilse Brand
Harbour board chair Ilse Brand speaks to reporters (Image: Lena Falk)

{SENTENCES[1]}
Read more: Valdora ferry fares to be frozen until spring
{SENTENCES[2]}

{SENTENCES[3]}
{SENTENCES[4]}

Storm damage
The north quay after the storm (Jon Hale/CPA)

{SENTENCES[5]}
Don’t miss…
Tarsk mayor hits back over ferry row
Valdora dockers vote to end strike
{SENTENCES[6]}

[BUSINESS] [NEWS]
VALDORA, WESTMARK – MARCH 26: Dock workers gather at the north quay (Image: Getty Images)

A union banner on the dockside
Dock workers at the quay on Wednesday (AP)

{SENTENCES[7]}

Quay reopening
{SENTENCES[8]}
{SENTENCES[9]}

READ MORE
Harbour chief quits after audit
{SENTENCES[10]}

Share this article
Sign up to our free Harbour Gazette newsletter
Related articles
Sorry, we are not accepting comments on this article.
"""


@pytest.fixture(scope="module")
def article() -> Article:
    doc = RawDocument(
        source="gazette/quay.txt",
        text=SCRAPED,
        format="text",
        title="Valdora votes to reopen north quay",
        outlet="Harbour Gazette",
        published="2025-03",
        removed=[Removed("Listen to this article", "show header")],
    )
    return clean_document(doc, SETTINGS)


def test_every_article_sentence_survives_verbatim(article: Article) -> None:
    for sentence in SENTENCES:
        assert sentence in article.text


def test_removed_lines_and_reasons_in_order(article: Article) -> None:
    assert [(r.reason, r.text) for r in article.removed] == [
        ("show header", "Listen to this article"),  # the reader's, kept first
        ("masthead", "Harbour Gazette"),
        ("title", "Valdora votes to reopen north quay"),
        ("byline", "By Anna Pell, Maritime Correspondent"),
        ("date label", "Published"),
        ("date label", "Last updated"),
        ("show header", "Marta Ruiz 4pm - 7pm"),
        ("dateline", "27 March 2025, 15:21 | Updated: 27 March 2025, 16:05"),
        ("caption", "Harbour board chair Ilse Brand"),
        ("caption", "Harbour board chair Ilse Brand speaks to reporters (Image: Lena Falk)"),
        ("read more", "Read more: Valdora ferry fares to be frozen until spring"),
        ("subheading", "Storm damage"),
        ("caption", "The north quay after the storm (Jon Hale/CPA)"),
        ("don't miss", "Don’t miss…"),
        ("don't miss", "Tarsk mayor hits back over ferry row"),
        ("don't miss", "Valdora dockers vote to end strike"),
        ("section tags", "[BUSINESS] [NEWS]"),
        (
            "caption",
            "VALDORA, WESTMARK – MARCH 26: Dock workers gather at the north quay "
            "(Image: Getty Images)",
        ),
        ("caption", "A union banner on the dockside"),
        ("caption", "Dock workers at the quay on Wednesday (AP)"),
        ("subheading", "Quay reopening"),
        ("read more", "READ MORE"),
        ("read more", "Harbour chief quits after audit"),
        ("share prompt", "Share this article"),
        ("subscribe prompt", "Sign up to our free Harbour Gazette newsletter"),
        ("related", "Related articles"),
        ("comments notice", "Sorry, we are not accepting comments on this article."),
    ]
    assert {r.reason for r in article.removed} <= REASONS


def test_nothing_but_removed_lines_is_missing(article: Article) -> None:
    removed = {r.text for r in article.removed}
    for line in SCRAPED.splitlines():
        line = line.strip()
        if line:
            assert line in article.text or line in removed, line


def test_paragraphs_are_separated_by_one_blank_line(article: Article) -> None:
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == SENTENCES[0]
    assert paragraphs[-1] == SENTENCES[10]
    assert len(paragraphs) == len(SENTENCES)
    assert article.text == article.text.strip()
    assert "\n\n\n" not in article.text


def test_fields_come_from_the_raw_document(article: Article) -> None:
    assert article.id == content_id(SCRAPED)
    assert article.source == "gazette/quay.txt"
    assert article.outlet == "Harbour Gazette"
    assert article.title == "Valdora votes to reopen north quay"
    assert article.byline is None
    assert article.published == "2025-03-01"
    assert article.published_precision == "month"
    assert article.damage == []


def test_id_and_fingerprint() -> None:
    doc = RawDocument(source="a.jsonl", text=SENTENCES[0] * 2, format="jsonl", id="quay-1")
    article = clean_document(doc, SETTINGS)
    assert article.id == "quay-1"
    assert article.fingerprint == doc.fingerprint()


def test_whitespace_inside_lines_is_normalised() -> None:
    body = "The  harbour\tboard\u00a0met on\u200b Thursday.   \r\n\r\n\r\n  " + SENTENCES[1] + "  "
    text = clean_document(RawDocument("x", body, "text"), SETTINGS).text
    assert text == "The harbour board met on Thursday.\n\n" + SENTENCES[1]


def test_hard_wrapped_lines_are_joined() -> None:
    body = (
        "The Valdora harbour board has approved a plan to reopen\n"
        "the north quay, its chair Ilse Brand said on Thursday, after\n"
        "a long strike by dock workers who had walked out over pay\n"
        "and conditions.\n\n"
        "Ferries will resume within a month, the board said, and\n"
        "fares will fall.\n"
    )
    text = clean_document(RawDocument("x", body, "text"), SETTINGS).text
    first, second = text.split("\n\n")
    assert first.startswith("The Valdora harbour board") and first.endswith("and conditions.")
    assert "\n" not in first
    assert second == "Ferries will resume within a month, the board said, and fares will fall."


def test_damage_offsets_point_into_the_cleaned_text() -> None:
    body = (
        "Harbour chief Ilse Brand at the quay (CPA)\n\n"
        "Patrol boats will guard ‘s northern waters, the board said on Thursday.\n\n"
        "Ferry crossings between and . The port stayed shut for a week."
    )
    article = clean_document(RawDocument("x", body, "text"), SETTINGS)
    assert [article.text[d.start : d.end] for d in article.damage] == [
        "guard ‘s",
        "between and .",
    ]


def test_too_little_text_is_an_input_format_error() -> None:
    body = "Share this article\nThe quay reopened.\n(Image: Getty Images)"
    with pytest.raises(InputFormatError) as info:
        clean_document(RawDocument("short.txt", body, "text"), SETTINGS)
    assert info.value.source == "short.txt"
    assert info.value.reason.startswith("no article text")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Ilse Brand at the quay (PA)", "caption"),
        ("Ilse Brand at the quay (AFP via Getty Images)", "caption"),
        ("Ilse Brand at the quay (Image: AFP via Getty Images)", "caption"),
        ("Picture: Lena Falk", "caption"),
        ("Read more: Ferry fares frozen", "read more"),
        ("Don't miss: Tarsk mayor hits back", "don't miss"),
        ("Don’t miss… [POLITICS] [NEWS]", "don't miss"),
        ("[WORLD]", "section tags"),
        ("Related Story", "related"),
        ("Comments are closed.", "comments notice"),
        ("ADVERTISEMENT", "advertisement"),
        ("Follow us on Instagram", "subscribe prompt"),
        ("Sign up now", "subscribe prompt"),
        ("Join the conversation", "comments notice"),
        ("Sam Ode 10am - 1pm", "show header"),
        ("Thursday 27 March 2025 16:05 GMT", "dateline"),
    ],
)
def test_furniture_lines(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The figures were first compiled by the Coastal Press Agency (CPA)",
        "Oil prices rose on Monday. (Reuters)",
        "Critics say the repairs ran over budget (PA).",
        "Officials said they would read more of the report before deciding.",
        "Read more widely, she urged.",
        "Don't miss the deadline, the port warned.",
        "Related parties must declare their interests, the board said.",
        "On 27 March 2025 the quay reopened after a long strike.",
        "Share prices in the port operator rose 4%.",
        "Subscribers to the ferry pass will get refunds, the operator said.",
        "The ministry said it was not accepting comments on the plan.",
        "Sign up for the ferry scheme by Friday, the council urged residents.",
        "Join the queue early, officials advised.",
    ],
)
def test_sentences_are_not_furniture(line: str) -> None:
    assert furniture_reason(line) is None


def test_crosshead_needs_paragraphs_around_it() -> None:
    body = f"{SENTENCES[0]}\n\nHarbour talks\n\n{SENTENCES[1]}\n\nMore to follow"
    article = clean_document(RawDocument("x", body, "text"), SETTINGS)
    assert [(r.reason, r.text) for r in article.removed] == [("subheading", "Harbour talks")]
    assert article.text.endswith("More to follow")  # last line: not between paragraphs


def test_short_sentence_paragraphs_are_not_crossheads() -> None:
    body = f"{SENTENCES[0]}\n\nThe board said no\n\n{SENTENCES[1]}"
    article = clean_document(RawDocument("x", body, "text"), SETTINGS)
    assert article.removed == []
    assert "The board said no" in article.text


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds not present")
def test_seed_corpus() -> None:
    """The real seeds: no line lost, damage found only in the damaged one."""
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5
    for path in files:
        body = path.read_text(encoding="utf-8")
        article = clean_document(RawDocument(str(path), body, "text"), SETTINGS)
        removed = [r.text for r in article.removed]
        for line in body.splitlines():
            line = re.sub(r"\s+", " ", line).strip()
            rest = re.sub(r"^date \S+ ", "", line)  # the header glued to a first line
            assert not line or rest in article.text or line in removed, (path.name, line)
        if path.name.startswith("002"):
            assert len(article.damage) >= 15
        else:
            assert len(article.damage) <= 1, path.name
        if path.name.startswith("000"):
            assert (article.published, article.published_precision) == ("2025-03-01", "month")


def test_furniture_glued_to_a_paragraph_is_split_off_and_recorded() -> None:
    raw = RawDocument(
        source="glued.txt",
        format="text",
        text=(
            "The lock gates at Harwick reopened on Tuesday after a week of repairs.\n\n"
            "Related StoryHarbour master Ines Tolle said the channel was clear again.\n\n"
            "Sorry, we are not accepting comments on this article.The ferry company said "
            "crossings would resume at noon."
        ),
    )
    article = clean_document(raw, Settings())
    assert "Harbour master Ines Tolle said the channel was clear again." in article.text
    assert "The ferry company said crossings would resume at noon." in article.text
    assert "Related Story" not in article.text
    assert "accepting comments" not in article.text
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Related Story"] == "related"
    assert reasons["Sorry, we are not accepting comments on this article."] == "comments notice"


def test_a_sentence_that_starts_like_furniture_is_kept() -> None:
    raw = RawDocument(
        source="kept.txt",
        format="text",
        text=(
            "Related stories about the harbour were pulled from the council website on Monday, "
            "officials confirmed, after complaints from residents."
        ),
    )
    article = clean_document(raw, Settings())
    assert article.text.startswith("Related stories about the harbour")
    assert article.removed == []
