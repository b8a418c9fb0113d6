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
    "Mr Odenkirk thanked the crews. Her review began.\n\n"
    "Mr Odenkirk spoke first. His deputy, Ines Tolle, spoke next."
)


def _at(phrase: str, nth: int = 0) -> int:
    at = -1
    for _ in range(nth + 1):
        at = TEXT.index(phrase, at + 1)
    return at


def _entity(eid: str, name: str, *phrases: tuple[str, int]) -> Entity:
    spans = [Span("a", _at(p, n), _at(p, n) + len(p), p) for p, n in phrases]
    return Entity(eid, name, "PERSON", mentions=spans)


TOLLE = _entity(
    "p:tolle", "Ines Tolle", ("Ines Tolle", 0), ("Ines Tolle", 1), ("Ines Tolle", 2),
    ("Ines Tolle", 3),
)  # fmt: skip
ODENKIRK = _entity(
    "p:odenkirk", "Mr Piet Odenkirk", ("Piet Odenkirk", 0), ("Mr Odenkirk", 0), ("Mr Odenkirk", 1),
    ("Mr Odenkirk", 2),
)  # fmt: skip
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


def test_a_name_set_off_after_the_possessed_noun_is_not_its_owner() -> None:
    at = _at("His deputy")
    assert owners_in_sentence(TEXT, at, _sentence_of(at), PEOPLE) == []
    assert _owner("His deputy", "His") is ODENKIRK  # from the sentence before


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


SUBJECT_TEXT = (
    "Ray Odenkirk escaped from the prison van on Monday.\n\n"
    "He burst into the depot and shot a guard.\n\n"
    "Officers said the guard survived, and she thanked him later for his silence."
)


def _subject_event(title: str, phrase: str, *entities: Entity) -> str:
    at = SUBJECT_TEXT.index(phrase)
    sentence = next(s for s in split_sentences(SUBJECT_TEXT) if s[0] <= at < s[1])
    cand = EventCandidate(
        article="a", start=sentence[0], end=sentence[1], trigger="shoot", trigger_start=at,
        trigger_end=at + 4, kind="conflict", status="happened", title=title,
    )  # fmt: skip
    event = Event(id="ev-2", title=title)
    analysis = ArticleAnalysis(article=Article(id="a", source="a.txt", text=SUBJECT_TEXT))
    resolve_event_titles([(event, [cand])], [analysis], list(entities))
    return event.title


def _odenkirk(*extra: str) -> Entity:
    spans = [Span("a", 0, 12, "Ray Odenkirk")]
    for phrase in extra:
        at = SUBJECT_TEXT.index(phrase)
        spans.append(Span("a", at, at + len(phrase.split()[0]), phrase.split()[0]))
    return Entity("p:odenkirk", "Ray Odenkirk", "PERSON", mentions=spans)


def test_a_sentence_opening_he_is_the_one_person_named_before() -> None:
    title = _subject_event("He shot a guard", "shot a guard", _odenkirk())
    assert title == "He [Ray Odenkirk] shot a guard"


def test_a_pronoun_inside_a_sentence_is_named_only_when_the_entities_stage_linked_it() -> None:
    assert _subject_event("She thanked him later", "thanked him", _odenkirk()) == (
        "She thanked him later"
    )
    guard = Entity("p:guard", "Mia Sorel", "PERSON",
                   mentions=[Span("a", SUBJECT_TEXT.index("she thanked"),
                                  SUBJECT_TEXT.index("she thanked") + 3, "she")])  # fmt: skip
    assert _subject_event("She thanked him later", "thanked him", _odenkirk(), guard) == (
        "She [Mia Sorel] thanked him later"
    )
