"""Briefing insertions: whose "his"/"her" a line means, and how a value's source is labelled
(an invented council story; no spaCy)."""

from __future__ import annotations

from storyline.corpus.briefing import _possessive_insert, _source_label, _speaker_insert
from storyline.corpus.briefing_select import Buckets, Candidate, Option, StoryIndex
from storyline.corpus.briefing_text import Unit
from storyline.model import Article, ArticleAnalysis, Entity, Quote, Result, Span

TEXT = (
    "Councillor Ama Obi has argued for a footbridge over the Lenn for six years.\n\n"
    "Engineers from three firms met on Tuesday to cost her footbridge plan, it is understood.\n\n"
    "Residents said “his plan is too expensive for a town of this size” at the meeting.\n\n"
    "Ama Obi and Dan Okoro toured the riverbank together on Wednesday afternoon.\n\n"
    "Planners will report on his preferred route to the council next month, officials said.\n\n"
    "Ama Obi thanked the engineers for their careful work on the river survey.\n\n"
    "Dan Okoro said the council would publish his figures for the bridge in the spring.\n\n"
    "Ama Obi walked the planned route again on Friday with the survey team.\n\n"
    "Before his own site visit, Dan Okoro praised the survey team for its work."
)


def _index(aliases: tuple[str, ...] = ()) -> StoryIndex:
    article = Article(id="c1", source="news/lenn-council.txt", text=TEXT, outlet=None)
    obi = Entity("e-obi", "Ama Obi", "PERSON", aliases=list(aliases))
    okoro = Entity("e-okoro", "Dan Okoro", "PERSON")
    lenn = Entity("e-lenn", "Lenn", "LOC")
    spans = (
        (obi, "Ama Obi", 0),
        (obi, "Ama Obi", 1),
        (obi, "Ama Obi", 2),
        (okoro, "Dan Okoro", 0),
        (okoro, "Dan Okoro", 1),
        (obi, "Ama Obi", 3),
        (okoro, "Dan Okoro", 2),
        (lenn, "Lenn", 0),
    )
    for entity, needle, nth in spans:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(needle, start + 1)
        entity.mentions.append(Span("c1", start, start + len(needle), needle))
    result = Result(articles=[article], entities=[obi, okoro, lenn])
    analysis = ArticleAnalysis(article, [], [], [], [], [])
    return StoryIndex(Buckets(result, [analysis]), ["c1"])


def _line(index: StoryIndex, needle: str) -> tuple[str, list[tuple[int, str]]]:
    start = TEXT.index(needle)
    unit = index.text.unit("c1", start, start + 1)
    assert unit is not None
    return TEXT[unit.start : unit.end], _possessive_insert(
        Option(Unit("c1", unit.start, unit.end)), index
    )


def test_a_possessive_takes_the_one_person_named_just_before() -> None:
    line, inserts = _line(_index(), "Engineers from three firms")
    assert len(inserts) == 1
    offset, piece = inserts[0]
    assert line[:offset].endswith("cost her")
    assert piece == " [Ama Obi’s]"


def test_two_people_in_the_sentence_before_name_nobody() -> None:
    _, inserts = _line(_index(), "Planners will report")
    assert inserts == []


def test_a_person_named_earlier_in_the_line_is_whom_it_means() -> None:
    _, inserts = _line(_index(), "Dan Okoro said the council")
    assert inserts == []


def test_a_possessive_in_a_fronted_phrase_belongs_to_the_subject_after_it() -> None:
    _, inserts = _line(_index(), "Before his own site visit")
    assert inserts == []  # Dan Okoro, named in the line, not Ama Obi of the line before


def test_a_possessive_inside_quote_marks_is_left_to_the_speaker() -> None:
    _, inserts = _line(_index(), "Residents said")
    assert inserts == []


def test_a_title_that_tells_another_gender_names_nobody() -> None:
    _, inserts = _line(_index(aliases=("Mr Ama Obi",)), "Engineers from three firms")
    assert inserts == []
    _, inserts = _line(_index(aliases=("Ms Ama Obi",)), "Engineers from three firms")
    assert [p for _, p in inserts] == [" [Ama Obi’s]"]


def test_an_unnamed_outlet_is_labelled_by_its_file() -> None:
    index = _index()
    assert _source_label(index, "c1") == "lenn-council.txt, undated"
    index.article("c1").outlet = "Lenn Valley Gazette"
    index.article("c1").published = "2025-06-03"
    index.article("c1").published_precision = "day"
    assert _source_label(index, "c1") == "Lenn Valley Gazette, 3 June 2025"


def test_a_speaker_named_by_a_surname_two_people_share_gets_the_full_name() -> None:
    text = (
        "Nia Okoro chairs the Lenn river trust and Dan Okoro runs the ferry company.\n\n"
        "“We will rebuild the landing stage by the spring,” Mr Okoro said on Friday."
    )
    article = Article(id="c2", source="news/lenn-ferry.txt", text=text)
    nia, dan = Entity("e-nia", "Nia Okoro", "PERSON"), Entity("e-dan", "Dan Okoro", "PERSON")
    for entity, needle in ((nia, "Nia Okoro"), (dan, "Dan Okoro"), (dan, "Mr Okoro")):
        at = text.index(needle)
        entity.mentions.append(Span("c2", at, at + len(needle), needle))
    start = text.index("“We will")
    quote = Quote(id="q1", article="c2", start=start, end=text.index(" Mr Okoro"),
                  text=text[start : text.index(" Mr Okoro")], kind="direct",
                  speaker="e-dan", speaker_name="Dan Okoro")  # fmt: skip
    result = Result(articles=[article], entities=[nia, dan], quotes=[quote])
    index = StoryIndex(Buckets(result, [ArticleAnalysis(article)]), ["c2"])
    unit = Unit("c2", start, len(text))
    cand = Candidate("quote", "quote:q1", 1.0, [Option(unit, quote=quote)], [unit], speaker=dan)
    prefix, inserts = _speaker_insert(cand, cand.options[0], index)
    assert prefix == "" and inserts == [(text.index(" said") - start, " [Dan Okoro]")]
    nia.name = "Nia Adeyemi"  # no other Okoro: "Mr Okoro" is clear enough
    assert _speaker_insert(cand, cand.options[0], index) == ("", [])
