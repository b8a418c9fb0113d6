"""Unnamed speakers get the fullest description the text gives; named ones are
found inside titles and affiliations; pronouns respect the gender the article
gives a person.

The story (invented for these tests, as in ``test_quotes_speakers.py``): a
storm has wrecked the ferry pier of the island town of Kelby; Harbour Minister
Mara Jensen, Port Director Tomas Berg and others argue about rebuilding it.
"""

from __future__ import annotations

from typing import Any

import pytest

from storyline.article.entities import extract_mentions
from storyline.article.quote_gender import cluster_genders, first_name_gender
from storyline.article.quotes import extract_quotes
from storyline.model import Article, EntityMention, Quote

pytestmark = pytest.mark.slow


def run(nlp: Any, text: str) -> list[Quote]:
    article = Article(id="kelby-d", source="test", text=text)
    doc = nlp(text)
    return extract_quotes(doc, article, extract_mentions(doc, article))


def one(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text and q.kind != "indirect"]
    assert len(found) == 1, [(q.text, q.speaker_name) for q in quotes]
    return found[0]


# --- unnamed speakers: the fullest description ------------------------------------


def test_an_anonymous_source_keeps_what_identifies_it(nlp: Any) -> None:
    text = (
        "“The minister knew about the cracks for a year,” said a person close to "
        "the harbour board."
    )
    q = one(run(nlp, text), "knew about the cracks")
    assert q.speaker_name == "a person close to the harbour board"


def test_a_participle_that_identifies_a_source_is_kept(nlp: Any) -> None:
    text = (
        "A source involved in the ferry company's rescue said the town “cannot "
        "afford another winter like this one.”"
    )
    q = one(run(nlp, text), "cannot afford another winter")
    assert q.speaker_name is not None
    assert q.speaker_name.startswith("A source involved in the ferry company")


def test_a_relative_clause_that_identifies_a_source_is_kept(nlp: Any) -> None:
    text = (
        "“Nobody asked the fishermen what they needed,” said the skipper, who works "
        "for another fleet at Kelby."
    )
    q = one(run(nlp, text), "Nobody asked the fishermen")
    assert q.speaker_name == "the skipper, who works for another fleet at Kelby"


def test_a_long_relative_clause_is_left_out(nlp: Any) -> None:
    text = (
        "“The pier was built on sand,” said a longtime adviser to the minister, who "
        "declined to be identified because the review of the harbour accounts is "
        "still going on."
    )
    q = one(run(nlp, text), "built on sand")
    assert q.speaker_name == "a longtime adviser to the minister"


def test_the_medium_is_not_part_of_the_description(nlp: Any) -> None:
    text = "“The work is on schedule,” said a spokesman for the harbour board in a statement."
    q = one(run(nlp, text), "on schedule")
    assert q.speaker_name == "a spokesman for the harbour board"


def test_the_verb_of_saying_is_not_part_of_the_description(nlp: Any) -> None:
    text = "“Go home, all of you!” a fisherman yelled at the minister."
    q = one(run(nlp, text), "Go home")
    assert q.speaker_name == "a fisherman"


# --- named speakers inside titles and affiliations --------------------------------


def test_a_name_after_an_organisation_and_a_rank(nlp: Any) -> None:
    text = (
        "“We moved two hundred people off the pier in an hour,” said Coast Guard "
        "1st Lt. Rowan Pelley."
    )
    q = one(run(nlp, text), "two hundred people")
    assert q.speaker_name is not None and "Pelley" in q.speaker_name


def test_a_place_before_a_role_noun_is_not_the_speaker(nlp: Any) -> None:
    text = (
        "“Kelby was forgotten by the capital,” the independent Oslo councillor and "
        "harbour campaigner told the local radio station."
    )
    q = one(run(nlp, text), "forgotten by the capital")
    assert q.speaker_name is not None
    assert q.speaker_name != "Oslo"
    assert "councillor" in q.speaker_name


def test_the_speaker_tag_right_after_the_quote_wins(nlp: Any) -> None:
    text = (
        '"We never saw the report. We never saw it," Jensen said, after the Kelby '
        "Herald's Ola Brandt said the minister had been warned in writing."
    )
    q = one(run(nlp, text), "We never saw the report")
    assert q.speaker_name is not None and "Jensen" in q.speaker_name


def test_a_name_before_a_participle_clause_speaks(nlp: Any) -> None:
    text = (
        "The row began after Ms. Jensen, asked about the collapse of the pier under "
        "Mr. Berg, had said, “I think the port did plenty of damage too.”"
    )
    q = one(run(nlp, text), "did plenty of damage")
    assert q.speaker_name is not None and "Jensen" in q.speaker_name


def test_a_subject_that_is_no_one_gives_way_to_the_person_named(nlp: Any) -> None:
    text = (
        "The timing of the collapse does not surprise engineer Ida Korhonen: “Old "
        "timber piers fail in the first big storm after a dry summer.”"
    )
    q = one(run(nlp, text), "Old timber piers fail")
    assert q.speaker_name is not None and "Korhonen" in q.speaker_name


def test_speech_foretold_under_another_speaker_is_the_reporters(nlp: Any) -> None:
    text = (
        "Minister Mara Jensen said she expected that islanders will say “yes” to "
        "the new ferry timetable."
    )
    q = next(q for q in run(nlp, text) if q.text == "yes")
    assert q.speaker_name is not None and "Jensen" in q.speaker_name


def test_a_headline_word_is_not_a_verb_of_saying(nlp: Any) -> None:
    text = "Berg: Jensen Would Put Friends On Harbour Board, ‘I Fear The Same For Kelby’ Too."
    for q in run(nlp, text):
        assert q.cue != "Put"


# --- gender ------------------------------------------------------------------------


def test_first_name_gender_is_small_and_general() -> None:
    assert first_name_gender("Frank Olafsen") == "m"
    assert first_name_gender("Susan Olafsen") == "f"
    assert first_name_gender("Olafsen") == ""  # a surname alone says nothing
    assert first_name_gender("Jordan Olafsen") == ""  # used for both: not listed


def _mention(text: str, start: int, cluster: int, surface: str) -> EntityMention:
    return EntityMention(
        article="a", start=start, end=start + len(surface), text=surface, label="PERSON",
        kind="name", cluster=cluster, canonical=surface,
    )


def test_cluster_genders_weigh_the_evidence() -> None:
    text = "Ms. Kellan spoke first. Then Alan Brede said he would wait. Sandy Ruud left."
    mentions = [
        _mention(text, text.index("Ms. Kellan"), 0, "Ms. Kellan"),
        _mention(text, text.index("Alan Brede"), 1, "Alan Brede"),
        _mention(text, text.index("Sandy Ruud"), 2, "Sandy Ruud"),
    ]
    genders = cluster_genders(mentions, text)
    assert genders == {0: "f", 1: "m"}  # nothing says who Sandy Ruud is


def test_she_is_not_a_man_the_article_names(nlp: Any) -> None:
    text = (
        "Carla Vinter and her husband, Frank Vinter, ran the ferry company for "
        "twenty years.\n\nFrank Vinter sold his shares in May. The harbour board "
        "later said she had warned them: “The pier will not last another winter.”"
    )
    q = one(run(nlp, text), "will not last another winter")
    assert q.speaker_name != "Frank Vinter"


def test_in_a_digest_the_name_after_the_dash_is_quoted(nlp: Any) -> None:
    text = "Pilots agree - Ola Brandt: “The ferry should never have sailed that night in such a storm.”"
    q = one(run(nlp, text), "never have sailed")
    assert q.speaker_name is not None and "Brandt" in q.speaker_name


def test_a_preposition_after_an_inverted_subject_describes_it(nlp: Any) -> None:
    text = "“This is the worst storm since 1953,” said one longtime adviser to Harbour Minister Mara Jensen."
    q = one(run(nlp, text), "worst storm since 1953")
    assert q.speaker_name is not None and q.speaker_name.startswith("one longtime adviser to")


def test_a_description_after_a_name_stands_for_the_name(nlp: Any) -> None:
    text = (
        "“You are going to see a lot of boats in the harbour,” said Ida Korhonen, 32, "
        "a former member of the harbour board who said she planned to join the protest."
    )
    indirect = [q for q in run(nlp, text) if q.kind == "indirect"]
    assert [q.speaker_name for q in indirect] == ["Ida Korhonen"]


def test_a_dummy_subject_leaves_the_participle_to_the_clause_before(nlp: Any) -> None:
    text = (
        "It was a potent one-two punch by the two most senior harbour officials, as "
        "Ms. Jensen echoed the criticism, saying Mr. Berg ''reminds us every day that "
        "he is not in it for the islanders'' and Ms. Ruud, she said, ''exposes him.''"
    )
    q = one(run(nlp, text), "reminds us every day")
    assert q.speaker_name is not None and "Jensen" in q.speaker_name


def test_the_object_ending_a_relative_clause_is_not_the_speaker(nlp: Any) -> None:
    text = (
        "Although nobody on the board would comment, a harbour official who spoke "
        "anonymously to discuss internal planning said Wednesday, “Certainly there are "
        "talks between the board and the ferry company.”"
    )
    q = one(run(nlp, text), "Certainly there are talks")
    assert q.speaker_name is not None
    assert q.speaker_name.startswith("a harbour official")


def test_a_role_noun_in_the_tag_after_the_quote_wins(nlp: Any) -> None:
    text = (
        "Port Director Tomas Berg, speaking on the radio after the meeting, said Jensen failed to "
        'answer the fishermen. Nothing the minister said "will calm the harbour," the '
        "port director said."
    )
    q = one(run(nlp, text), "will calm the harbour")
    assert q.speaker_name in ("Tomas Berg", "the port director")


def test_a_possessive_after_the_verb_is_not_the_speaker(nlp: Any) -> None:
    text = (
        'Mr. Berg summed up Ms. Jensen as "hopeless," denounced her record at the port '
        "and said she should resign."
    )
    q = one(run(nlp, text), "hopeless")
    assert q.speaker_name is not None and "Berg" in q.speaker_name


def test_only_a_subjects_pronoun_tells_its_gender(nlp: Any) -> None:
    for text, want in (
        ("Kim Brede said she would wait for the ferry.", {0: "f"}),
        ("Kim Brede's plan, she said, was late.", {}),
    ):
        mention = _mention(text, 0, 0, "Kim Brede")
        assert cluster_genders([mention], text, nlp(text)) == want, text


def test_a_lead_in_glued_to_the_quote_before_still_names_the_speaker(nlp: Any) -> None:
    text = (
        "The mayor posted a photo with the caption: “The best pier is the Kelby pier. "
        "I love Kelby!”Former harbour minister Ola Brandt broke down exactly what was "
        "wrong with the photo and message to the weekly newspaper Kelby Herald: “What "
        "the mayor did was so careless. First, not all piers are safe.”"
    )
    q = one(run(nlp, text), "What the mayor did")
    assert q.speaker_name is not None and "Brandt" in q.speaker_name


def test_the_name_right_before_the_verb_made_the_sign(nlp: Any) -> None:
    text = (
        "The day before, at a Berg-Jensen rally in Kelby, N.H., 14-year-old Ida "
        'Korhonen hoisted a sign that read "15%!" Her father, Jon, 39, worried about '
        "the cost."
    )
    q = one(run(nlp, text), "15%")
    assert q.speaker_name == "Ida Korhonen"


def test_a_quoted_transcript_line_names_its_speaker(nlp: Any) -> None:
    text = (
        "The panel on the harbour radio show was blunt.\n\n"
        '"Chris Brandt: Seriously, seriously about this. The minister says she is going to '
        'pay for the new pier with a tax on ferry tickets. That sounds great."'
    )
    q = one(run(nlp, text), "Seriously, seriously")
    assert q.speaker_name is not None and "Brandt" in q.speaker_name


def test_the_ones_spoken_to_are_not_the_description_after_them(nlp: Any) -> None:
    text = (
        "In an interview with Harbour Hour hosts Tom Vik and Anna Lund, the Labour "
        "harbour candidate stated that the board's “divisive” and “mean-spirited” "
        "remarks do not “fit with what I thought I knew about them.”"
    )
    for q in run(nlp, text):
        if q.kind != "indirect":
            assert q.speaker_name == "the Labour harbour candidate", q.text


def test_a_hyphenated_title_before_a_name_is_read_past(nlp: Any) -> None:
    text = (
        "“Imagine Ola Brandt going up against Berg and Jensen on the same stage,” "
        "mused Blaze co-host Stu\u00a0Hammer. “Not to mention, Minister Brandt.”"
    )
    q = one(run(nlp, text), "Imagine Ola Brandt")
    assert q.speaker_name is not None and "Stu" in q.speaker_name


def test_a_speaker_name_is_never_empty(nlp: Any) -> None:
    text = "“Imagine the minister on the same stage,” mused Harbour Radio co-host Ida\u00a0Korhonen."
    q = one(run(nlp, text), "Imagine the minister")
    assert q.speaker_name is None or q.speaker_name.strip(" -")
