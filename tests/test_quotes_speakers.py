"""Speaker rules of the quote stage, one invented sentence each.

The story (invented for these tests, as in ``test_quotes.py``): a storm has
wrecked the ferry pier of the island town of Kelby; Harbour Minister Mara
Jensen, Port Director Tomas Berg and opposition leader Sir Alan Fenwick argue
about rebuilding it.
"""

from __future__ import annotations

from typing import Any

import pytest

from storyline.article.entities import extract_mentions
from storyline.article.quotes import extract_quotes
from storyline.model import Article, Quote

pytestmark = pytest.mark.slow


def run(nlp: Any, text: str) -> list[Quote]:
    article = Article(id="kelby-s", source="test", text=text)
    doc = nlp(text)
    return extract_quotes(doc, article, extract_mentions(doc, article))


def one(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text and q.kind != "indirect"]
    assert len(found) == 1, [(q.text, q.speaker_name) for q in quotes]
    return found[0]


def test_a_dateline_is_not_a_speaker(nlp: Any) -> None:
    text = (
        "KELBY, March 3 (Harbour Wire) — After the storm, the port's spokeswoman "
        "rallied volunteers, saying: “We will clear the wreckage by Friday.”"
    )
    q = one(run(nlp, text), "clear the wreckage")
    assert q.speaker_name is not None
    assert "Kelby" not in q.speaker_name and "KELBY" not in q.speaker_name
    assert "spokeswoman" in q.speaker_name


def test_a_quote_that_is_the_main_clause_continues_the_speaker(nlp: Any) -> None:
    text = (
        "“The pier cannot wait,” said Tomas Berg. Unless the council pays this month, "
        "“the island will be cut off for the whole winter.”"
    )
    q = one(run(nlp, text), "cut off for the whole winter")
    assert q.speaker_name == "Tomas Berg"


def test_a_quote_later_in_the_paragraph_with_no_cue_keeps_the_speaker(nlp: Any) -> None:
    text = (
        "“She has never let the island down,” Tomas Berg said of the minister. "
        "That makes her “the only person who can rebuild this pier.”"
    )
    q = one(run(nlp, text), "only person who can rebuild")
    assert q.speaker_name == "Tomas Berg"


def test_a_coordinated_clause_has_its_own_speaker(nlp: Any) -> None:
    text = (
        "Mara Jensen said the pier would be rebuilt “well before the spring,” and "
        "Sir Alan Fenwick vowed to “block every crown of it.”"
    )
    quotes = run(nlp, text)
    assert one(quotes, "well before the spring").speaker_name == "Mara Jensen"
    assert one(quotes, "block every crown").speaker_name == "Alan Fenwick"


def test_under_what_someone_called(nlp: Any) -> None:
    text = (
        "Under what Tomas Berg called “the emergency timetable,” the ferry company "
        "charged islanders double fares for a month."
    )
    q = one(run(nlp, text), "emergency timetable")
    assert q.speaker_name == "Tomas Berg"


def test_the_owner_of_a_claim_said_its_words(nlp: Any) -> None:
    text = (
        "Tomas Berg's claim that the old pier was “perfectly safe until the storm” "
        "angered the islanders."
    )
    q = one(run(nlp, text), "perfectly safe")
    assert q.speaker_name == "Tomas Berg"


def test_in_someones_words(nlp: Any) -> None:
    text = (
        "The ferry is everything to Kelby because, in Mara Jensen's words, “the pier is "
        "the lifeline of every family here.”"
    )
    q = one(run(nlp, text), "lifeline of every family")
    assert q.speaker_name == "Mara Jensen"


def test_a_statement_judged_by_someone_else_is_not_its_owners(nlp: Any) -> None:
    # Guards the rule above: words that judge a statement are not its content.
    text = (
        "Mara Jensen said on Monday that Tomas Berg's remarks were “simply not true.”"
    )
    q = one(run(nlp, text), "simply not true")
    assert q.speaker_name == "Mara Jensen"


def test_the_full_stop_inside_the_marks_does_not_choose_the_verb(nlp: Any) -> None:
    text = (
        "Mara Jensen said that the engineers had found the pylons sound, to which "
        "Sir Alan Fenwick interjected: “That is simply not true.”"
    )
    q = one(run(nlp, text), "simply not true")
    assert q.speaker_name == "Alan Fenwick"


def test_continue_to_be_is_not_a_verb_of_saying(nlp: Any) -> None:
    text = (
        "Tomas Berg said he is certain Mara Jensen will continue to be “a champion for "
        "the island” for years."
    )
    q = one(run(nlp, text), "champion for the island")
    assert q.speaker_name == "Tomas Berg"


def test_more_verbs_of_saying(nlp: Any) -> None:
    text = (
        "On Monday, Sir Alan Fenwick groused to a crowd in Kelby that the council "
        "“never listens to anyone on the island.”"
    )
    q = one(run(nlp, text), "never listens")
    assert q.speaker_name == "Alan Fenwick"


def test_the_one_asked_does_not_say_the_question(nlp: Any) -> None:
    text = (
        "Mara Jensen was asked by the reporter Anna Holm whether the pier was "
        "“a lost cause after the second storm.”"
    )
    q = one(run(nlp, text), "lost cause")
    assert q.speaker_name != "Mara Jensen"


def test_a_new_sentence_after_a_full_stop_is_not_an_attribution(nlp: Any) -> None:
    text = (
        "Sir Alan Fenwick spent the whole meeting on the dangers of a “rigged tender.” "
        "Tomas Berg struggled to answer a simple question on Monday about how he would "
        "pay for the pier."
    )
    q = one(run(nlp, text), "rigged tender")
    assert q.speaker_name == "Alan Fenwick"


def test_a_short_tag_after_a_full_stop_still_attributes(nlp: Any) -> None:
    # Guards the rule above: "“...” Berg said." is a tag, not a new story.
    text = "Mara Jensen left early. “The pier will be ready in May.” Tomas Berg said."
    q = one(run(nlp, text), "ready in May")
    assert q.speaker_name == "Tomas Berg"


def test_an_outlet_before_a_colon_is_where_not_who(nlp: Any) -> None:
    text = (
        "“We have the money,” Mara Jensen said on Monday. Then, later that week on "
        "Harbour Radio: “The money has already been spent on the new pier.”"
    )
    q = one(run(nlp, text), "already been spent")
    assert q.speaker_name == "Mara Jensen"


def test_a_guess_yields_to_the_speaker_earlier_in_the_sentence(nlp: Any) -> None:
    text = (
        "Tomas Berg, Mara Jensen said, had run the port for “twenty long years” and "
        "wrecked “every budget he ever touched.”"
    )
    quotes = run(nlp, text)
    assert one(quotes, "twenty long years").speaker_name == "Mara Jensen"
    assert one(quotes, "every budget").speaker_name == "Mara Jensen"


def test_no_older_speaker_after_a_stretch_nobody_said(nlp: Any) -> None:
    text = (
        "“The ferry will sail in May,” Tomas Berg said.\n\n"
        "The harbour band's new record — “Sea Fever Tonight,” “Storm Watch,” “Low Tide” — "
        "sold out in a day."
    )
    quotes = [q for q in run(nlp, text) if q.kind != "indirect"]
    assert [q.speaker_name for q in quotes if "Storm" in q.text or "Tide" in q.text] in (
        [],
        [None, None],
    )
    assert one(quotes, "ferry will sail").speaker_name == "Tomas Berg"


def test_speech_only_expected_is_not_reported_speech(nlp: Any) -> None:
    text = (
        "Mara Jensen says the council should act faster and that she expects Tomas Berg "
        "to announce a “full rebuild” of the pier."
    )
    q = one(run(nlp, text), "full rebuild")
    assert q.speaker_name == "Mara Jensen"


def test_those_spoken_to_do_not_speak(nlp: Any) -> None:
    text = (
        "At the harbour meeting, the port workers were told, “Nobody will lose a job over "
        "the storm.”"
    )
    q = one(run(nlp, text), "Nobody will lose a job")
    assert q.speaker_name is None or "workers" not in q.speaker_name
