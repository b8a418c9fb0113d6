"""Whose "his" or "her": owners of possessives in event titles, on invented text."""

from __future__ import annotations

from storyline.corpus.briefing_text import split_sentences
from storyline.corpus.possessives import (
    owners_in_sentence,
    people_of,
    possessive_owner,
    resolve_event_titles,
)
from storyline.model import Article, ArticleAnalysis, Entity, Event, EventCandidate, Quote, Span

TEXT = (
    "Harbour master Ines Tolle closed the quay on Monday.\n\n"
    "Her deputy met the ferry operators in Varnholm.\n\n"
    "Mayor Piet Odenkirk said the town would pay after his envoy visited the port.\n\n"
    "Ahead of her budget speech, Ines Tolle said the quay would reopen.\n\n"
    "Mr Odenkirk and Ines Tolle spoke. Her office issued a notice.\n\n"
    "“Her plan failed,” a dock worker said of the closure.\n\n"
    "Mr Odenkirk thanked the crews. Her review began."
)


def _at(phrase: str, nth: int = 0) -> int:
    at = -1
    for _ in range(nth + 1):
        at = TEXT.index(phrase, at + 1)
    return at


def _entity(eid: str, name: str, *phrases: tuple[str, int]) -> Entity:
    spans = [Span("a", _at(p, n), _at(p, n) + len(p), p) for p, n in phrases]
    return Entity(eid, name, "PERSON", mentions=spans)


TOLLE = _entity("p:tolle", "Ines Tolle", ("Ines Tolle", 0), ("Ines Tolle", 1), ("Ines Tolle", 2))
ODENKIRK = _entity(
    "p:odenkirk", "Mr Piet Odenkirk", ("Piet Odenkirk", 0), ("Mr Odenkirk", 0), ("Mr Odenkirk", 1)
)
PEOPLE = people_of([TOLLE, ODENKIRK])["a"]
SENTENCES = split_sentences(TEXT)


def _sentence_of(at: int) -> tuple[int, int]:
    return next(s for s in SENTENCES if s[0] <= at < s[1])


def _owner(phrase: str, pronoun: str) -> Entity | None:
    at = _at(phrase)
    return possessive_owner(TEXT, at, _sentence_of(at), SENTENCES, PEOPLE, pronoun)


def test_owner_is_the_one_person_of_the_sentence_before() -> None:
    assert _owner("Her deputy", "Her") is TOLLE


def test_owner_is_the_person_named_earlier_in_the_same_sentence() -> None:
    assert _owner("his envoy", "his") is ODENKIRK


def test_a_fronted_phrase_is_owned_by_the_subject_after_its_comma() -> None:
    at = _at("her budget")
    assert owners_in_sentence(TEXT, at, _sentence_of(at), PEOPLE) == [TOLLE]
    assert _owner("her budget", "her") is TOLLE


def test_two_people_before_it_leave_it_unresolved() -> None:
    assert _owner("Her office", "Her") is None


def test_an_honorific_of_the_other_gender_is_no_owner() -> None:
    assert _owner("Her review", "Her") is None  # Mr Odenkirk cannot be "her"


def _event_with(title: str, phrase: str, place: str = "") -> tuple[Event, list[EventCandidate]]:
    at = _at(phrase)
    s, e = _sentence_of(at)
    cand = EventCandidate(
        article="a", start=s, end=e, trigger="meet", trigger_start=at, trigger_end=at + 3,
        kind="meeting", status="happened", title=title,
    )  # fmt: skip
    return Event(id="ev-1", title=title + place, mentions=[]), [cand]


def test_event_titles_get_their_owner_named() -> None:
    analysis = ArticleAnalysis(article=Article(id="a", source="a.txt", text=TEXT))
    deputy = _event_with("Her deputy met the ferry operators", "Her deputy", " (in Varnholm)")
    envoy = _event_with("His envoy visited the port", "his envoy")
    resolve_event_titles([deputy, envoy], [analysis], [TOLLE, ODENKIRK])
    assert deputy[0].title == "Her [Ines Tolle’s] deputy met the ferry operators (in Varnholm)"
    assert envoy[0].title == "His [Mr Piet Odenkirk’s] envoy visited the port"


def test_a_possessive_in_quote_marks_is_the_speakers_own() -> None:
    start = _at("“Her plan")
    quote = Quote(
        id="q1", article="a", start=start, end=_at("failed,”") + 8, text="Her plan failed,",
        kind="direct",
    )  # fmt: skip
    analysis = ArticleAnalysis(article=Article(id="a", source="a.txt", text=TEXT), quotes=[quote])
    plan = _event_with("Her plan failed", "Her plan")
    resolve_event_titles([plan], [analysis], [TOLLE, ODENKIRK])
    assert plan[0].title == "Her plan failed"
