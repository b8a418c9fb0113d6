"""Quotes in one article: every news style, on an invented story.

The story (invented for these tests): a storm has wrecked the ferry pier of the
island town of Kelby; Harbour Minister Mara Jensen, Port Director Tomas Berg and
opposition leader Sir Alan Fenwick argue about rebuilding it.
"""

from __future__ import annotations

from typing import Any

import pytest

from storyline.article.entities import extract_mentions
from storyline.article.quotes import extract_quotes
from storyline.model import Article, Damage, Quote

pytestmark = pytest.mark.slow


def run(nlp: Any, text: str, aid: str = "kelby-1", damage: list[Damage] | None = None
        ) -> list[Quote]:
    article = Article(id=aid, source="test", text=text, damage=damage or [])
    doc = nlp(text)
    return extract_quotes(doc, article, extract_mentions(doc, article))


def one(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text and q.kind != "indirect"]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_speaker_after_the_quote_by_pronoun(nlp: Any) -> None:
    text = (
        "Harbour Minister Mara Jensen visited the wrecked pier in Kelby on Monday.\n\n"
        "“We will rebuild it before the winter storms,” she said."
    )
    q = one(run(nlp, text), "rebuild it")
    assert q.speaker_name == "Mara Jensen"
    assert q.kind == "direct" and q.cue == "said"
    assert q.text == "We will rebuild it before the winter storms,"
    assert q.speaker_cluster >= 0 and q.speaker is None  # the corpus stage sets speaker


def test_speaker_before_the_quote_by_honorific(nlp: Any) -> None:
    text = (
        "Opposition leader Sir Alan Fenwick toured the harbour on Tuesday.\n\n"
        "Sir Alan said: “The minister has no plan and no money.”"
    )
    q = one(run(nlp, text), "no plan")
    assert q.speaker_name == "Alan Fenwick"
    assert q.kind == "direct"


@pytest.mark.parametrize(
    ("lead", "cue"),
    [
        ("Mara Jensen told reporters:", "told reporters"),
        ("Mara Jensen added:", "added"),
        ("Mara Jensen insisted:", "insisted"),
        ("Mara Jensen urged residents:", "urged"),
        ("Mara Jensen admitted:", "admitted"),
        ("Mara Jensen declared:", "declared"),
    ],
)
def test_cue_verbs_beyond_said(nlp: Any, lead: str, cue: str) -> None:
    text = f"{lead} “The ferry will sail again by the end of March.”"
    q = one(run(nlp, text), "ferry will sail")
    assert q.speaker_name == "Mara Jensen"
    assert q.cue == cue


def test_according_to_and_a_message_on_x(nlp: Any) -> None:
    text = (
        "The repairs will cost “at least four million crowns”, according to Tomas Berg.\n\n"
        "Sir Alan Fenwick said in a message on X that the council had been “asleep at the "
        "wheel”."
    )
    quotes = run(nlp, text)
    cost = one(quotes, "four million")
    assert cost.speaker_name == "Tomas Berg"
    assert cost.cue == "according to"
    asleep = one(quotes, "asleep at the wheel")
    assert asleep.speaker_name == "Alan Fenwick"
    assert asleep.kind == "partial"


def test_speaking_to_an_outlet_then_the_speaker(nlp: Any) -> None:
    text = (
        "Speaking to Harbour Radio, Tomas Berg said: “The crane barge arrives on Thursday.”"
    )
    q = one(run(nlp, text), "crane barge")
    assert q.speaker_name == "Tomas Berg"
    assert q.cue == "said"


def test_quote_running_over_paragraphs_keeps_its_speaker(nlp: Any) -> None:
    text = (
        "Mara Jensen said: “The storm took the pier, the fuel depot and the ticket office.\n\n"
        "“We will replace all three, and the town will not pay a single crown for it.\n\n"
        "“The national fund has agreed to carry the cost.”\n\n"
        "The council will vote on the plan next week."
    )
    quotes = run(nlp, text)
    for fragment in ("storm took the pier", "replace all three", "national fund"):
        assert one(quotes, fragment).speaker_name == "Mara Jensen"
    assert not any("council will vote" in q.text for q in quotes if q.kind != "indirect")


def test_quote_only_paragraph_takes_the_previous_speaker(nlp: Any) -> None:
    text = (
        "“The pier was already rotten before the storm,” Sir Alan Fenwick said.\n\n"
        "“Everyone on the island knew it.”"
    )
    quotes = run(nlp, text)
    assert one(quotes, "Everyone on the island").speaker_name == "Alan Fenwick"


def test_two_quotes_of_one_speaker_in_one_paragraph(nlp: Any) -> None:
    text = (
        "“We have ordered new pylons,” Tomas Berg said. “They will be driven in by May.”"
    )
    quotes = run(nlp, text)
    assert one(quotes, "new pylons").speaker_name == "Tomas Berg"
    assert one(quotes, "driven in by May").speaker_name == "Tomas Berg"


def test_two_speakers_in_one_paragraph_are_kept_apart(nlp: Any) -> None:
    text = (
        "“The money is there,” Mara Jensen said. But Sir Alan Fenwick replied: "
        "“Nobody has seen a single crown of it.”"
    )
    quotes = run(nlp, text)
    assert one(quotes, "money is there").speaker_name == "Mara Jensen"
    assert one(quotes, "single crown").speaker_name == "Alan Fenwick"


def test_straight_and_curly_marks_in_one_article(nlp: Any) -> None:
    text = (
        '"The ferry timetable is suspended," Tomas Berg said on Monday.\n\n'
        "“Passengers should use the northern harbour,” he added."
    )
    quotes = run(nlp, text)
    assert one(quotes, "timetable is suspended").speaker_name == "Tomas Berg"
    assert one(quotes, "northern harbour").speaker_name == "Tomas Berg"


def test_caption_and_read_more_line_are_neither_quotes_nor_antecedents(nlp: Any) -> None:
    text = (
        "Mara Jensen spent Monday on the island, meeting fishermen and shop owners.\n\n"
        "Port Director Tomas Berg inspects the damage (Kelby Times)\n\n"
        "Read more: Berg warns ‘worst storm in forty years’\n\n"
        "“I have never seen the harbour like this,” she said."
    )
    quotes = run(nlp, text)
    q = one(quotes, "never seen the harbour")
    assert q.speaker_name == "Mara Jensen"
    assert not any("worst storm" in x.text for x in quotes)


def test_scare_quotes_are_terms_not_statements(nlp: Any) -> None:
    text = (
        "The council backed the so-called “blue corridor” for freight on Monday.\n\n"
        "Work on the “blue corridor” starts in June, and lorries will use the old quay."
    )
    quotes = run(nlp, text)
    assert [q for q in quotes if q.kind != "indirect"] == []


def test_names_of_shows_are_not_quotes(nlp: Any) -> None:
    text = "Mara Jensen told “Harbour Tonight” that the pier would reopen in May."
    quotes = run(nlp, text)
    assert not any("Harbour Tonight" in q.text for q in quotes)


def test_partial_quote_inside_reported_speech(nlp: Any) -> None:
    text = "Sir Alan Fenwick accused the minister of “dragging her feet” over the pier."
    q = one(run(nlp, text), "dragging her feet")
    assert q.kind == "partial"
    assert q.speaker_name == "Alan Fenwick"


def test_indirect_quote(nlp: Any) -> None:
    text = "Tomas Berg said that the ferry would resume its crossings on Friday."
    quotes = run(nlp, text)
    (q,) = [q for q in quotes if q.kind == "indirect"]
    assert q.text == "the ferry would resume its crossings on Friday"
    assert q.speaker_name == "Tomas Berg"
    assert q.cue == "said"


def test_title_speaker_is_named_when_the_article_names_the_holder(nlp: Any) -> None:
    text = (
        "Harbour Minister Mara Jensen met the island council on Tuesday.\n\n"
        "The Harbour Minister told reporters: “The pier will be open by the summer.”"
    )
    q = one(run(nlp, text), "open by the summer")
    assert q.speaker_name == "Mara Jensen"


def test_no_pronoun_or_title_ever_stands_as_the_speaker_name(nlp: Any) -> None:
    text = (
        "Harbour Minister Mara Jensen arrived by helicopter.\n\n"
        "“This is a disaster for the island,” she said.\n\n"
        "“But we will not abandon Kelby,” the minister added."
    )
    for q in run(nlp, text):
        assert q.speaker_name == "Mara Jensen", q


def test_stripped_names_give_no_speaker_rather_than_a_wrong_one(nlp: Any) -> None:
    text = (
        "The council did not dismiss the idea, which emerged after  proposed a “toll bridge”, "
        "but said nothing had been decided."
    )
    start = text.index("after")
    quotes = run(nlp, text, damage=[Damage(start, start + 14, "subject missing")])
    q = one(quotes, "toll bridge")
    assert q.speaker_name is None and q.speaker_cluster == -1


def test_offsets_text_and_ids(nlp: Any) -> None:
    text = (
        "“We will rebuild,” Mara Jensen said. Tomas Berg said the pier was "
        "“beyond repair” and that a new one would cost more."
    )
    article = Article(id="kelby-9", source="test", text=text)
    doc = nlp(text)
    mentions = extract_mentions(doc, article)
    first = extract_quotes(doc, article, mentions)
    again = extract_quotes(doc, article, mentions)
    assert [q.id for q in first] == [q.id for q in again]
    assert len({q.id for q in first}) == len(first)
    assert all(q.id.startswith("kelby-9:q") for q in first)
    for q in first:
        assert text[q.start : q.end] == q.text
        assert q.article == "kelby-9"
    assert [q.start for q in first] == sorted(q.start for q in first)


def test_an_article_without_quote_marks_has_no_direct_quotes(nlp: Any) -> None:
    text = "The ferry did not sail on Monday. The pier is closed until further notice."
    assert [q for q in run(nlp, text) if q.kind != "indirect"] == []


def test_it_refers_to_an_organisation_not_a_person(nlp: Any) -> None:
    text = (
        "Mara Jensen met the ferry operator on Monday. While Kelby Ferries Ltd has "
        "welcomed the plan, it has also said that ticket prices will rise in May."
    )
    (q,) = [q for q in run(nlp, text) if q.kind == "indirect" and "ticket" in q.text]
    assert q.speaker_name != "Mara Jensen"
    assert q.speaker_name is not None and "Kelby Ferries" in q.speaker_name


def test_it_is_understood_has_no_speaker(nlp: Any) -> None:
    text = (
        "Mara Jensen has pledged to rebuild the pier. Officials from ten islands took part in "
        "talks on Wednesday about a shared “storm fund”, it is understood."
    )
    for q in run(nlp, text):
        assert q.speaker_name != "Mara Jensen", q


def test_name_after_an_abbreviated_rank_is_the_speaker(nlp: Any) -> None:
    # The parser ends a sentence at "Capt." and takes the rank for the subject.
    text = (
        "The coastguard closed the Kelby pier on Monday.\n\n"
        "“Nobody should walk on the planks until the divers report,” said Coastguard "
        "spokesman Navy Capt. Oskar Lindqvist."
    )
    q = one(run(nlp, text), "walk on the planks")
    assert q.speaker_name == "Oskar Lindqvist"


def test_headline_then_dash_then_who_is_quoted(nlp: Any) -> None:
    text = (
        "PIER REPAIRS WILL RUN LATE, ENGINEERS WARN - Mara Jensen and Tomas Berg: "
        "“The storm moved the foundations further than anyone measured in the first week.”"
    )
    q = one(run(nlp, text), "moved the foundations")
    assert q.speaker_name in ("Mara Jensen", "Tomas Berg")


def test_headline_label_and_colon_is_no_apposition(nlp: Any) -> None:
    # "Fenwick: Ministers ‘...’": Fenwick speaks, the ministers are the topic.
    text = (
        "Opposition leader Sir Alan Fenwick spoke in Kelby.\n\n"
        "Fenwick: Ministers ‘Sleeping Through The Storm Season’ On Pier.\n\n"
        "The ministers said they would reply on Friday."
    )
    q = one(run(nlp, text), "Sleeping Through")
    assert q.speaker_name == "Alan Fenwick"


def test_comma_apposition_name_before_said_without_a_parsed_subject(nlp: Any) -> None:
    text = (
        "In a statement to the Kelby Courier, her senior policy adviser, Lukas Brandt, said: "
        "“The minister believes the pier is essential, and the money will be found. "
        "She has always valued the island.”"
    )
    q = one(run(nlp, text), "pier is essential")
    assert q.speaker_name == "Lukas Brandt"


def test_the_maker_of_a_statement_is_its_speaker(nlp: Any) -> None:
    text = (
        "Port Director Tomas Berg visited the pier on Monday.\n\n"
        "On Tuesday, Berg issued a statement saying the pier was “beyond any repair we can afford.”"
    )
    q = one(run(nlp, text), "beyond any repair")
    assert q.speaker_name == "Tomas Berg"


def test_closing_mark_glued_to_the_speakers_name(nlp: Any) -> None:
    text = (
        "Harbour Minister Mara Jensen and Port Director Tomas Berg met in Kelby.\n\n"
        "“The pier will reopen before the summer ferries start to run again,”Jensen said."
    )
    q = one(run(nlp, text), "pier will reopen")
    assert q.speaker_name == "Mara Jensen"


def test_role_between_commas_gives_way_to_the_name(nlp: Any) -> None:
    text = (
        "“Nobody asked the harbour pilots before the work began,” Lena Voss, the chairwoman "
        "of the Kelby Pilots Association, recalled of a meeting in June."
    )
    q = one(run(nlp, text), "Nobody asked")
    assert q.speaker_name == "Lena Voss"


def test_said_and_a_name_set_off_by_commas(nlp: Any) -> None:
    text = (
        "Any “honest” reading of the budget, said Henrik Sole, an engineer at the port, "
        "would show that the pier cannot be saved this year."
    )
    q = one(run(nlp, text), "honest")
    assert q.speaker_name == "Henrik Sole"


def test_a_lead_in_with_a_colon_belongs_to_the_next_quote(nlp: Any) -> None:
    text = (
        "“We are fishermen,” Ms. Ilse Marne said. “We are not engineers.” "
        "Mr. Pavel Dunn said: “The pier fell because nobody repaired it for twenty years.”"
    )
    quotes = run(nlp, text)
    assert one(quotes, "not engineers").speaker_name == "Ilse Marne"
    assert one(quotes, "nobody repaired").speaker_name == "Pavel Dunn"
